"""Sentence-pair judgements: GS2012 and any ``first <TAB> second <TAB> score`` file.

GS2012 (Grefenstette & Sadrzadeh's adjective-noun transitive set, Kartsaklis, Sadrzadeh &
Pulman 2012) is a whitespace-separated file with the header
``sentence_id annotator_id adj_subj subj landmark verb adj_obj obj annotator_score``. Its header
swaps two names: the column called ``landmark`` holds the sentence's verb and the one called
``verb`` its landmark (``1 1 statistical table show express good result 6`` scores *statistical
table show good result* against *statistical table express good result*; the completed
sentences of ``GS2012_sentences.csv`` confirm it). :func:`read_gs2012` reads the columns by
position, with that order.

A generic sentence-pair file (:func:`read_pairs`) has one judgement a line, tab-separated:
``first sentence``, ``second sentence``, ``score`` (any real number), and optionally a fourth
field naming the annotator. Several lines with the same two sentences are several judgements
of one item (Spearman's rho per judgement or per item, as for the other sets).

>>> data = read_pairs(["A man plays.\\tA man sings.\\t3.5", "A man plays.\\tA man sings.\\t4"])
>>> data.items(), data.mean_scores()
((SentencePair(sentence='A man plays.', landmark_sentence='A man sings.'),), array([3.75]))
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from pathlib import Path

from discojax.data._judgements import (
    Judgement,
    Judgements,
    SentencePair,
    _lines,
    _records,
    _score,
)
from discojax.errors import DataError

_GS2012 = (
    "sentence_id",
    "annotator_id",
    "adj_subj",
    "subj",
    "landmark",
    "verb",
    "adj_obj",
    "obj",
    "annotator_score",
)


def read_gs2012(source: str | Path | Iterable[str]) -> Judgements:
    """Read GS2012 judgements; each item is a :class:`SentencePair` of lemma strings.

    Raises:
        DataError: a missing file, a malformed line or a score outside 1..7, with file and line.

    >>> data = read_gs2012([" ".join(_GS2012), "1 7 statistical table show express good result 6"])
    >>> data.judgements[0].item.landmark_sentence, data.judgements[0].score
    ('statistical table express good result', 6.0)
    >>> read_gs2012(["1 7 statistical table show express good result 9"])
    Traceback (most recent call last):
    ...
    discojax.errors.DataError: <lines>:1: score 9 is outside 1..7
    """
    lines, where = _lines(source)
    judgements = []
    for number, record in _records(lines, where, _GS2012):
        verb, landmark = record["landmark"], record["verb"]  # the header swaps their names
        score = _score(record["annotator_score"], 1, 7, where, number)
        adjective, subject = record["adj_subj"], record["subj"]
        pair = SentencePair(
            f"{adjective} {subject} {verb} {record['adj_obj']} {record['obj']}",
            f"{adjective} {subject} {landmark} {record['adj_obj']} {record['obj']}",
        )
        judgements.append(Judgement(record["annotator_id"], pair, float(score), None, number))
    if not judgements:
        raise DataError("no judgements in the file", where)
    return Judgements("gs2012", tuple(judgements), where)


def read_pairs(source: str | Path | Iterable[str], name: str = "pairs") -> Judgements:
    """Read ``first<TAB>second<TAB>score[<TAB>annotator]`` lines; ``#`` starts a comment.

    Raises:
        DataError: a missing file, a line without three or four fields, an empty sentence or a
            score that is not a finite number, with file and line.

    >>> read_pairs(["A dog barks.\\tA cat meows.\\thigh"])
    Traceback (most recent call last):
    ...
    discojax.errors.DataError: <lines>:1: score 'high' is not a finite number
    """
    lines, where = _lines(source)
    judgements = []
    for number, line in enumerate(lines, start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        fields = [f.strip() for f in line.split("\t")]
        if len(fields) not in (3, 4):
            raise DataError(
                f"expected first<TAB>second<TAB>score[<TAB>annotator], got {len(fields)} "
                f"field(s): {line.strip()[:80]!r}",
                where,
                number,
            )
        first, second, score_text = fields[:3]
        if not first or not second:
            raise DataError("an empty sentence", where, number)
        try:
            score = float(score_text)
        except ValueError:
            score = math.nan
        if not math.isfinite(score):
            raise DataError(f"score {score_text!r} is not a finite number", where, number)
        annotator = fields[3] if len(fields) == 4 else ""
        item = SentencePair(first, second)
        judgements.append(Judgement(annotator, item, score, None, number))
    if not judgements:
        raise DataError("no judgements in the file", where)
    return Judgements(name, tuple(judgements), where)
