"""The tagger's training data: gold supertags from a treebank, and anchors that must not move.

Each treebank sentence of at most :data:`LONGEST` words is an example: its gold heads are the
head scorer's targets, and where the grammar parses it, the best-agreeing parse's classes
(:func:`~discojax.tagger.gold_supertags`) are the class targets; a word whose gold head that
parse does not reproduce gets no class target (``""``: its class is a guess of the search, not
evidence), nor does any word of a sentence without a parse. *Anchors* are sentences whose parse
must stay as the grammar's costs give it (the MC and RP data sets, the documented example of
each construction): their costs-only parses join the training data, :data:`ANCHOR_REPEATS`
times over, without head targets.

>>> from discojax.grammar import Parser, load_lexicon
>>> anchors = anchor_examples([("Alice loves Bob", "s")], Parser(load_lexicon("english"), scoring="costs"))
>>> anchors[0]
(('Alice', 'loves', 'Bob'), ('noun', 'transitive_verb', 'noun'), (-2, -2, -2))
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from pathlib import Path

from discojax.data import read_conllu, read_labelled
from discojax.grammar import Parser
from discojax.grammar._tokenize import split_words
from discojax.tagger._gold import GoldSupertags, content_words, gold_supertags
from discojax.tagger._train import NO_HEAD

LONGEST = 40
"""The longest treebank sentence (in words) the gold supertags are searched for."""

ANCHOR_REPEATS = 5
"""How many times each anchor sentence joins the training data."""

Example = tuple[tuple[str, ...], tuple[str, ...], tuple[int, ...]]


def treebank_examples(
    path: str | Path, parser: Parser
) -> tuple[list[Example], list[GoldSupertags | None]]:
    """The training examples of one CoNLL-U file, and each sentence's conversion (None where it
    has no parse or is longer than :data:`LONGEST`)."""
    examples: list[Example] = []
    conversions: list[GoldSupertags | None] = []
    for sentence in read_conllu(path):
        kept, heads = content_words(sentence)
        if not kept or len(kept) > LONGEST:
            conversions.append(None)
            continue
        gold = gold_supertags(sentence, parser)
        conversions.append(gold)
        words = tuple(t.form for t in kept)
        classes = ("",) * len(words)
        if gold is not None:
            classes = tuple(c if right else "" for c, right in zip(gold.classes, gold.agrees))
        examples.append((words, classes, tuple(heads)))
    return examples, conversions


def anchor_examples(texts: Iterable[tuple[str, str]], parser: Parser) -> list[Example]:
    """Each ``(text, target)`` with the classes of ``parser``'s parse (a costs-only parser)."""
    found = []
    for text, target in texts:
        words = tuple(split_words(text))
        classes = parser.parse(list(words), target).word_classes
        found.append((words, classes, (NO_HEAD,) * len(words)))
    return found


def anchor_texts(
    data: str | Path | None, constructions: str | Path | None
) -> list[tuple[str, str]]:
    """The anchor texts: the MC sentences (to ``s``) and RP phrases (to ``n``) of the folders
    ``data/mc`` and ``data/rp``, and the ``text``/``target`` of each construction example in
    the JSON file ``constructions``."""
    found: list[tuple[str, str]] = []
    if data is not None:
        for name, target in (("mc", "s"), ("rp", "n")):
            for path in sorted((Path(data) / name).glob("*.txt")):
                found += [(text, target) for text in read_labelled(path).sentences]
    if constructions is not None:
        examples = json.loads(Path(constructions).read_text(encoding="utf-8"))
        found += [(e["text"], e["target"]) for e in examples]
    return found


def with_anchors(examples: Sequence[Example], anchors: Sequence[Example]) -> list[Example]:
    """The examples followed by the anchors, each :data:`ANCHOR_REPEATS` times.

    >>> with_anchors([(("a",), ("x",), (-1,))], [(("b",), ("y",), (-2,))])[1:3]
    [(('b',), ('y',), (-2,)), (('b',), ('y',), (-2,))]
    """
    return [*examples, *(list(anchors) * ANCHOR_REPEATS)]
