"""Readings priced by a supertagger: each word's entries at ``weight * -log p`` of its class.

The parser (:class:`~discojax.grammar.Parser` with ``scoring="tagger"``) prices every reading
(:func:`tagger_readings`), then searches the tier of each of :data:`BEAMS` in turn: the readings
at least that fraction as probable as their word's most probable class (:func:`beam_tier`).
Once a tier finds a parse, only the readings :func:`affordable` at its cost can beat it: where
those are all in the tier, its parse is the cheapest, else the affordable ones are searched.
Where no tier finds anything, every reading is.

>>> from discojax.grammar._classes import LexicalEntry
>>> noun = LexicalEntry("books", "noun", (("n", 0),))
>>> verb = LexicalEntry("books", "transitive_verb", (("n", 1), ("s", 0), ("n", -1)))
>>> p = [{"noun": 0.0001, "transitive_verb": 0.9999}]
>>> priced = tagger_readings([(noun, verb)], p, 5)
>>> [(e.word_class, e.cost) for e in priced[0]]
[('transitive_verb', 0.001), ('noun', 46.052)]
>>> [e.word_class for e in beam_tier(priced, p, 0.001)[0]]
['transitive_verb']
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Literal

from discojax.grammar._classes import LexicalEntry

Scoring = Literal["tagger", "costs", "arcs"]
"""How the parser prices a word's readings: by the supertagger's probabilities (``"tagger"``,
the default for the bundled English grammar) or by the grammar file's costs only
(``"costs"``, the default for every other lexicon); ``"arcs"`` is ``"tagger"`` and then the
cheapest parses reranked by the tagger's head scorer (:mod:`discojax.grammar._reranking`)."""

BEAMS = (0.05, 0.001)
"""With a tagger, :meth:`Parser.parse` searches each word's classes at least this fraction as
probable as its most probable one, each fraction in turn until one finds a parse (then every
class that could beat it: :func:`affordable`); when none does, every class. The answer is the
same as searching every class at once; the fractions only set how soon it is found (tuned on
the speed of EWT dev sentences, ``benchmarks/parser.py``)."""

TAGGER_WEIGHT = 5.0
"""With a tagger, a reading costs this times ``-log p`` of its class (the grammar's cup and
target costs are added as without one); tuned on EWT dev (``benchmarks/tagger.py``)."""

UNSEEN = 1e-6
"""The probability taken for a class the tagger does not score (one added to the lexicon after
the tagger was trained): such a reading is kept in the beam but costs ``tagger_weight *
log(1 / UNSEEN)`` (69), so it is chosen where nothing the tagger knows fits."""


def price(probability: float, weight: float) -> float:
    """A reading's cost: ``weight * -log probability``, rounded to thousandths (the chart sums
    costs in integer thousandths).

    >>> price(0.5, 5.0)
    3.466
    """
    return round(-weight * math.log(max(probability, 1e-300)), 3)  # an underflowed 0: dear


def tagger_readings(
    readings: Sequence[Sequence[LexicalEntry]],
    probabilities: Sequence[Mapping[str, float]],
    weight: float,
) -> list[tuple[LexicalEntry, ...]]:
    """Each word's readings priced by ``probabilities``, cheapest first."""
    found = []
    for entries, p in zip(readings, probabilities, strict=True):
        scored = [
            LexicalEntry(  # not dataclasses.replace: this runs for every word parsed
                e.word,
                e.word_class,
                e.type,
                e.lemma,
                price(p.get(e.word_class, UNSEEN), weight),
                e.origin,
            )
            for e in entries
        ]
        found.append(tuple(sorted(scored, key=lambda e: e.cost)))
    return found


def beam_tier(
    alternatives: Sequence[Sequence[LexicalEntry]],
    probabilities: Sequence[Mapping[str, float]],
    beam: float,
) -> list[tuple[LexicalEntry, ...]]:
    """Each word's alternatives whose class is at least ``beam`` times as probable as the
    word's most probable class (a class the tagger does not score is always kept)."""
    found = []
    for entries, p in zip(alternatives, probabilities, strict=True):
        least = beam * max(p.values(), default=1.0)
        found.append(tuple(e for e in entries if p.get(e.word_class, 1.0) >= least))
    return found


def affordable(
    alternatives: Sequence[Sequence[LexicalEntry]],
    ceiling: float,
    least_target: float,
    longest_target: int,
    cup_cost: float,
) -> list[tuple[LexicalEntry, ...]]:
    """Each word's alternatives that a parse costing at most ``ceiling`` can use.

    A parse costs at least every word's cheapest alternative, plus the cheapest target, plus
    its cups: one per two simple types it cancels, each spanning at least one word. So an
    alternative dearer than its word's cheapest by more than ``ceiling`` minus that floor is
    in no parse that cheap, and the cheapest parse of what is left is the cheapest of all
    whenever some parse costs at most ``ceiling`` (the parser's beam finds that parse first).

    >>> from discojax.grammar._classes import LexicalEntry
    >>> alice = LexicalEntry("alice", "noun", (("n", 0),), cost=0.5)
    >>> runs = LexicalEntry("runs", "intransitive_verb", (("n", 1), ("s", 0)), cost=0.5)
    >>> rare = LexicalEntry("runs", "transitive_verb", (("n", 1), ("s", 0), ("n", -1)), cost=9)
    >>> floor = 0.5 + 0.5 + 1.0 + 0.2  # two words, the target, one cup
    >>> [len(a) for a in affordable([(alice,), (runs, rare)], floor + 8.4, 1.0, 1, 0.2)]
    [1, 1]
    >>> [len(a) for a in affordable([(alice,), (runs, rare)], floor + 8.5, 1.0, 1, 0.2)]
    [1, 2]
    """
    least = [min(e.cost for e in entries) for entries in alternatives]
    simple_types = sum(min(len(e.type) for e in entries) for entries in alternatives)
    cups = max(0, simple_types - longest_target) // 2
    slack = ceiling - sum(least) - least_target - cups * cup_cost + 1e-6  # rounding: keep more
    return [
        tuple(e for e in entries if e.cost - lowest <= slack)
        for entries, lowest in zip(alternatives, least, strict=True)
    ]
