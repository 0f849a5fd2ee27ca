"""Similarity judgements: readers for the ML2008 and GS2011 verb-disambiguation data sets.

Both data sets are whitespace-separated text files with a header line. Each line is one
annotator's score (1 to 7) of how close a sentence built with ``verb`` is to the same sentence
built with ``landmark``:

- ML2008 (Mitchell & Lapata 2008, intransitive): ``participant verb noun landmark input hilo``;
- GS2011 (Grefenstette & Sadrzadeh 2011, transitive):
  ``participant verb subject object landmark input hilo``.

An *item* is one (verb, subject, object, landmark) quadruple; annotators score items, so an
item has several judgements. Lines are counted by ``\\n`` (ML2008 ends its lines with
``\\r\\r\\n``; the carriage returns are dropped) and blank lines are skipped. A malformed line
raises :class:`~discojax.errors.DataError` with its file and line. Scores may be 0 to 7: the
1-7 scale of both papers, plus the single 0 that ``GS2011data.txt`` holds (line 54), kept as
it is.

>>> lines = ["participant verb noun landmark input hilo",
...          "p1 stray thought roam 7 low", "p2 stray thought roam 5 low"]
>>> data = read_ml2008(lines)
>>> data.items()
(Item(verb='stray', subject='thought', object=None, landmark='roam'),)
>>> data.mean_scores()
array([6.])
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from discojax.data._files import data_file
from discojax.errors import DataError

_ML2008 = ("participant", "verb", "noun", "landmark", "input", "hilo")
_GS2011 = ("participant", "verb", "subject", "object", "landmark", "input", "hilo")
_HILO = ("high", "low")


@dataclass(frozen=True)
class Item:
    """One sentence pair to score: ``subject verb [object]`` against ``subject landmark [object]``.

    >>> item = Item("provide", "family", "home", "supply")
    >>> item.sentence, item.landmark_sentence
    ('family provide home', 'family supply home')
    >>> Item("stray", "thought", None, "roam").sentence
    'thought stray'
    """

    verb: str
    subject: str
    object: str | None
    landmark: str

    def _words(self, verb: str) -> str:
        return " ".join(w for w in (self.subject, verb, self.object) if w is not None)

    @property
    def sentence(self) -> str:
        """The sentence with the item's verb, as the data sets write it (lemmas).

        >>> Item("meet", "system", "criterion", "visit").sentence
        'system meet criterion'
        """
        return self._words(self.verb)

    @property
    def landmark_sentence(self) -> str:
        """The sentence with the landmark verb.

        >>> Item("meet", "system", "criterion", "visit").landmark_sentence
        'system visit criterion'
        """
        return self._words(self.landmark)


@dataclass(frozen=True)
class SentencePair:
    """An item given as its two sentences (GS2012, or any sentence-pair data set).

    >>> SentencePair("statistical table show good result", "statistical table express good result").sentence
    'statistical table show good result'
    """

    sentence: str
    landmark_sentence: str


@dataclass(frozen=True)
class Judgement:
    """One annotator's score of one item, with the line it came from.

    >>> Judgement("p1", Item("stray", "thought", None, "roam"), 7, "low", 2).score
    7
    """

    participant: str
    item: Item | SentencePair
    score: float
    hilo: str | None
    line: int


@dataclass(frozen=True)
class Judgements:
    """A data set of judgements.

    Attributes:
        name: ``"ml2008"``, ``"gs2011"`` or a name of the caller's.
        judgements: every judgement, in file order.
        source: the file they were read from.

    >>> data = read_gs2011(["participant verb subject object landmark input hilo",
    ...                     "p1 meet system criterion satisfy 7 HIGH",
    ...                     "p1 meet system criterion visit 1 LOW"])
    >>> len(data), data.participants()
    (2, ('p1',))
    """

    name: str
    judgements: tuple[Judgement, ...]
    source: str | None = None

    def __len__(self) -> int:
        return len(self.judgements)

    def items(self) -> tuple[Item | SentencePair, ...]:
        """The distinct items, in order of first appearance.

        >>> read_ml2008(["p1 stray eye roam 7 high", "p2 stray eye roam 6 high"]).items()
        (Item(verb='stray', subject='eye', object=None, landmark='roam'),)
        """
        return tuple(dict.fromkeys(j.item for j in self.judgements))

    def participants(self) -> tuple[str, ...]:
        """The distinct annotators, in order of first appearance.

        >>> read_ml2008(["a stray eye roam 7 high", "b stray eye roam 6 high"]).participants()
        ('a', 'b')
        """
        return tuple(dict.fromkeys(j.participant for j in self.judgements))

    def scores(self) -> np.ndarray:
        """Every judgement's score, in file order.

        >>> read_ml2008(["a stray eye roam 7 high", "b stray eye roam 6 high"]).scores()
        array([7., 6.])
        """
        return np.array([j.score for j in self.judgements], dtype=np.float64)

    def item_indices(self) -> np.ndarray:
        """For each judgement, the index of its item in :meth:`items`.

        >>> read_ml2008(["a stray eye roam 7 high", "a stray eye digress 1 low",
        ...              "b stray eye roam 6 high"]).item_indices()
        array([0, 1, 0])
        """
        index = {item: i for i, item in enumerate(self.items())}
        return np.array([index[j.item] for j in self.judgements], dtype=np.int64)

    def mean_scores(self) -> np.ndarray:
        """Each item's mean score, in the order of :meth:`items`.

        >>> read_ml2008(["a stray eye roam 7 high", "a stray eye digress 1 low",
        ...              "b stray eye roam 6 high"]).mean_scores()
        array([6.5, 1. ])
        """
        ids = self.item_indices()
        n = len(self.items())
        return np.bincount(ids, self.scores(), n) / np.bincount(ids, minlength=n)


def _lines(source: str | Path | Iterable[str]) -> tuple[list[str], str]:
    """The lines of a file (split on ``\\n``, carriage returns dropped), or of a list."""
    if isinstance(source, (str, Path)):
        path = data_file(source)
        text = path.read_bytes().decode("utf-8")  # no universal newlines: "\r\r\n" is one line
        return [line.rstrip("\r") for line in text.split("\n")], str(path)
    return [line.rstrip("\r\n") for line in source], "<lines>"


def _records(
    lines: Iterable[str], where: str, header: tuple[str, ...]
) -> Iterator[tuple[int, dict[str, str]]]:
    """Each data line's number and fields by ``header`` name; blank and header lines skipped.

    >>> list(_records(["a b", "", "1 2"], "<lines>", ("a", "b")))
    [(3, {'a': '1', 'b': '2'})]
    """
    for number, line in enumerate(lines, start=1):
        fields = line.split()
        if not fields or tuple(f.lower() for f in fields) == header:
            continue
        if len(fields) != len(header):
            raise DataError(
                f"expected {len(header)} fields ({' '.join(header)}), got {len(fields)}: "
                f"{line.strip()!r}",
                where,
                number,
            )
        yield number, dict(zip(header, fields))


def _score(text: str, low: int, high: int, where: str, number: int) -> int:
    """An integer score in ``low..high``, or a DataError at ``where:number``.

    >>> _score("9", 1, 7, "f.txt", 2)
    Traceback (most recent call last):
    ...
    discojax.errors.DataError: f.txt:2: score 9 is outside 1..7
    """
    try:
        score = int(text)
    except ValueError:
        raise DataError(f"score {text!r} is not an integer", where, number) from None
    if not low <= score <= high:
        raise DataError(f"score {score} is outside {low}..{high}", where, number)
    return score


def _read(source: str | Path | Iterable[str], header: tuple[str, ...], name: str) -> Judgements:
    lines, where = _lines(source)
    judgements = []
    for number, record in _records(lines, where, header):
        score = _score(record["input"], 0, 7, where, number)
        hilo = record["hilo"].lower()
        if hilo not in _HILO:
            raise DataError(f"hilo {record['hilo']!r} is neither HIGH nor LOW", where, number)
        subject = record.get("subject", record.get("noun", ""))
        item = Item(record["verb"], subject, record.get("object"), record["landmark"])
        judgements.append(Judgement(record["participant"], item, score, hilo, number))
    if not judgements:
        raise DataError("no judgements in the file", where)
    return Judgements(name, tuple(judgements), where)


def read_ml2008(source: str | Path | Iterable[str]) -> Judgements:
    """Read ML2008 judgements (``participant verb noun landmark input hilo``).

    Args:
        source: a file path, or the file's lines (the header line is optional).

    Raises:
        DataError: a missing file or a malformed line, with file and line.

    >>> read_ml2008(["p1 stray thought roam seven low"])
    Traceback (most recent call last):
    ...
    discojax.errors.DataError: <lines>:1: score 'seven' is not an integer
    """
    return _read(source, _ML2008, "ml2008")


def read_gs2011(source: str | Path | Iterable[str]) -> Judgements:
    """Read GS2011 judgements (``participant verb subject object landmark input hilo``).

    Args:
        source: a file path, or the file's lines (the header line is optional).

    Raises:
        DataError: a missing file or a malformed line, with file and line.

    >>> read_gs2011(["participant verb subject object landmark input hilo",
    ...              "p1 meet system criterion 7 HIGH"])
    Traceback (most recent call last):
    ...
    discojax.errors.DataError: <lines>:2: expected 7 fields (participant verb subject object landmark input hilo), got 6: 'p1 meet system criterion 7 HIGH'
    """
    return _read(source, _GS2011, "gs2011")


def read_sentences(source: str | Path | Iterable[str]) -> Mapping[str, str]:
    """Read a ``original,completed`` CSV: each data-set sentence to a full English sentence.

    ``ML2008_sentences.csv`` and ``GS2011_sentences.csv`` map ``"family provide home"`` to
    ``"The family provides the home."``.

    Raises:
        DataError: a missing file, a missing header or a row without two fields, with file and
            line.

    >>> read_sentences(["original,completed", "thought stray,The thought strays."])
    {'thought stray': 'The thought strays.'}
    >>> read_sentences(["original,completed", "thought stray"])
    Traceback (most recent call last):
    ...
    discojax.errors.DataError: <lines>:2: expected two fields (original,completed), got 1
    """
    lines, where = _lines(source)
    result: dict[str, str] = {}
    for number, row in enumerate(csv.reader(lines), start=1):
        if number == 1:
            if [f.strip().lower() for f in row] != ["original", "completed"]:
                raise DataError("the header must be 'original,completed'", where, number)
            continue
        if not row or not "".join(row).strip():
            continue
        if len(row) != 2 or not row[0].strip() or not row[1].strip():
            raise DataError(
                f"expected two fields (original,completed), got {len(row)}", where, number
            )
        result[" ".join(row[0].split())] = row[1].strip()
    return result
