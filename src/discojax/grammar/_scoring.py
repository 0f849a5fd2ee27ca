"""Readings priced by a supertagger: each word's entries at ``weight * -log p`` of its class.

The parser (:class:`~discojax.grammar.Parser` with ``scoring="tagger"``) searches the readings
within :data:`BEAM` of each word's most probable class first, then, where that finds nothing
or something dearer than :func:`beam_bound`, every reading (:func:`tagger_readings` gives
either).

>>> from discojax.grammar._classes import LexicalEntry
>>> noun = LexicalEntry("books", "noun", (("n", 0),))
>>> verb = LexicalEntry("books", "transitive_verb", (("n", 1), ("s", 0), ("n", -1)))
>>> p = [{"noun": 0.0001, "transitive_verb": 0.9999}]
>>> [e.word_class for e in tagger_readings([(noun, verb)], p, 5, beam=True)[0]]
['transitive_verb']
>>> [(e.word_class, e.cost) for e in tagger_readings([(noun, verb)], p, 5, beam=False)[0]]
[('transitive_verb', 0.001), ('noun', 46.052)]
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Literal

from discojax.grammar._classes import LexicalEntry

Scoring = Literal["tagger", "costs"]
"""How the parser prices a word's readings: by the supertagger's probabilities (``"tagger"``,
the default for the bundled English grammar) or by the grammar file's costs only
(``"costs"``, the default for every other lexicon)."""

BEAM = 0.001
"""With a tagger, :meth:`Parser.parse` first searches each word's classes at least this
fraction as probable as its most probable one; when that finds no parse, or one dear enough
that a reading outside the beam might beat it, every class."""

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
    beam: bool,
) -> list[tuple[LexicalEntry, ...]]:
    """Each word's readings priced by ``probabilities``, cheapest first: with ``beam``, only
    those within :data:`BEAM` of the word's most probable class."""
    found = []
    for entries, p in zip(readings, probabilities, strict=True):
        least = BEAM * max(p.values(), default=1.0) if beam else 0.0
        scored = [
            LexicalEntry(  # not dataclasses.replace: this runs for every word parsed
                e.word,
                e.word_class,
                e.type,
                e.lemma,
                price(q, weight),
                e.origin,
            )
            for e in entries
            if (q := p.get(e.word_class, UNSEEN)) >= least or e.word_class not in p
        ]
        found.append(tuple(sorted(scored, key=lambda e: e.cost)))
    return found


def beam_bound(
    readings: Sequence[Sequence[LexicalEntry]],
    probabilities: Sequence[Mapping[str, float]],
    weight: float,
    searched: Sequence[Sequence[LexicalEntry]],
    least_target: float,
) -> float:
    """The least a parse through a reading not ``searched`` can cost: every word's cheapest
    reading, plus the smallest step from some word's cheapest reading to its cheapest one not
    searched, plus the cheapest target (infinite when every reading was searched). A parse of
    the searched readings that costs no more is the cheapest of all (no cost is negative).

    ``searched`` is the beam's tier, each word's classes after the clause rules: a reading in
    the beam that those rules left out there (a clause-initial class after a word whose
    clause-opening reading is outside the beam) counts as not searched.

    >>> from discojax.grammar._classes import LexicalEntry
    >>> a, b = LexicalEntry("a", "x", (("n", 0),)), LexicalEntry("a", "y", ())
    >>> p = {"x": 0.9, "y": 0.0001}
    >>> bound = beam_bound([(a, b), (a,)], [p, p], 5.0, [(a,), (a,)], 1.0)
    >>> bound == 2 * price(0.9, 5) + (price(0.0001, 5) - price(0.9, 5)) + 1.0
    True
    """
    cheapest, least_step = 0.0, math.inf
    for entries, p, kept in zip(readings, probabilities, searched, strict=True):
        classes = {e.word_class for e in kept}
        most_inside = most_outside = 0.0  # the most probable reading's probability, each side
        for e in entries:
            q = p.get(e.word_class, UNSEEN)
            if e.word_class in classes:
                most_inside = max(most_inside, q)
            else:
                most_outside = max(most_outside, q)
        # the price falls as the probability rises: the cheapest reading is the most probable
        inside = price(most_inside, weight) if most_inside else math.inf
        outside = price(most_outside, weight) if most_outside else math.inf
        least = min(inside, outside)
        cheapest += least
        least_step = min(least_step, outside - least)
    return cheapest + least_step + least_target
