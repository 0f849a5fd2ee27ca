"""Verb-argument triples read from a dependency treebank, for the Relational models.

The Relational verb of Grefenstette & Sadrzadeh 2011 sums ``s ⊗ o`` over the (subject,
object) pairs a verb is observed with in a parsed corpus (they used the BNC). A Universal
Dependencies treebank is such a corpus: every ``VERB`` with an ``nsubj`` dependent gives one
observation, with its ``obj`` dependent if it has one (an intransitive use otherwise); words are
the treebank's lemmas, lower-cased, as word vectors are. Identical observations are counted.

>>> from discojax.data import parse_conllu
>>> sentences = parse_conllu('''
... 1\\tDogs\\tdog\\tNOUN\\tNNS\\t_\\t2\\tnsubj\\t_\\t_
... 2\\tchase\\tchase\\tVERB\\tVBP\\t_\\t0\\troot\\t_\\t_
... 3\\tcats\\tcat\\tNOUN\\tNNS\\t_\\t2\\tobj\\t_\\t_
... '''.strip().splitlines())
>>> treebank_triples(sentences)
(Triple(subject='dog', verb='chase', object='cat', count=1.0),)
"""

from __future__ import annotations

import glob
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path

from discojax.data._conllu import TreebankSentence, iter_conllu
from discojax.errors import DataError
from discojax.semantics.corpus._verbs import Triple


def treebank_triples(sentences: Iterable[TreebankSentence]) -> tuple[Triple, ...]:
    """Every verb's (subject, object) observations in ``sentences``, counted, sorted.

    A verb with several subjects (coordinated) or objects gives each pair; ``nsubj:pass`` is
    left out (a passive subject is the verb's object, not its subject).
    """
    counts: Counter[tuple[str, str, str | None]] = Counter()
    for sentence in sentences:
        dependents: dict[int, list[tuple[str, str]]] = {}
        for token in sentence.tokens:
            dependents.setdefault(token.head, []).append((token.deprel, token.lemma.lower()))
        for token in sentence.tokens:
            if token.upos != "VERB":
                continue
            own = dependents.get(token.id, [])
            subjects = [lemma for rel, lemma in own if rel == "nsubj"]
            objects: list[str | None] = [lemma for rel, lemma in own if rel == "obj"]
            verb = token.lemma.lower()
            for subject in subjects:
                for obj in objects or [None]:
                    counts[(subject, verb, obj)] += 1
    return tuple(
        Triple(s, v, o, float(n))
        for (s, v, o), n in sorted(
            counts.items(), key=lambda kv: (kv[0][1], kv[0][0], kv[0][2] or "")
        )
    )


def read_treebank_triples(pattern: str | Path) -> tuple[Triple, ...]:
    """:func:`treebank_triples` of the CoNLL-U files a path or glob pattern names.

    Raises:
        DataError: no file matches.

    >>> read_treebank_triples("no/such/*.conllu")
    Traceback (most recent call last):
    ...
    discojax.errors.DataError: no/such/*.conllu: no CoNLL-U file matches
    """
    paths = sorted(glob.glob(str(pattern))) or ([str(pattern)] if Path(pattern).is_file() else [])
    if not paths:
        raise DataError("no CoNLL-U file matches", str(pattern))

    def sentences() -> Iterator[TreebankSentence]:
        for path in paths:
            yield from iter_conllu(path)

    return treebank_triples(sentences())
