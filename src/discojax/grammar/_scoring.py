"""Readings priced by a supertagger: each word's entries at ``weight * -log p`` of its class.

The parser (:class:`~discojax.grammar.Parser` with ``scoring="tagger"``) searches the readings
within :data:`BEAM` of each word's most probable class first, then, where that finds nothing
or something dear, every reading (:func:`tagger_readings` gives both).

>>> from discojax.grammar._classes import LexicalEntry
>>> noun = LexicalEntry("books", "noun", (("n", 0),))
>>> verb = LexicalEntry("books", "transitive_verb", (("n", 1), ("s", 0), ("n", -1)))
>>> narrow, wide = tagger_readings([(noun, verb)], [{"noun": 0.0001, "transitive_verb": 0.9999}], 5)
>>> [e.word_class for e in narrow[0]], [(e.word_class, e.cost) for e in wide[0]]
(['transitive_verb'], [('transitive_verb', 0.001), ('noun', 46.052)])
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


def tagger_readings(
    readings: Sequence[Sequence[LexicalEntry]],
    probabilities: Sequence[Mapping[str, float]],
    weight: float,
) -> tuple[list[tuple[LexicalEntry, ...]], list[tuple[LexicalEntry, ...]]]:
    """Each word's readings priced by ``probabilities``, cheapest first: those in the beam,
    and all of them."""
    narrow, wide = [], []
    for entries, p in zip(readings, probabilities, strict=True):
        best = max(p.values(), default=1.0)
        scored = sorted(
            (
                LexicalEntry(  # not dataclasses.replace: this runs for every word parsed
                    e.word,
                    e.word_class,
                    e.type,
                    e.lemma,
                    round(-weight * math.log(p.get(e.word_class, UNSEEN)), 3),
                    e.origin,
                )
                for e in entries
            ),
            key=lambda e: e.cost,
        )
        wide.append(tuple(scored))
        narrow.append(tuple(e for e in scored if p.get(e.word_class, 1.0) >= BEAM * best))
    return narrow, wide


def beam_bound(
    narrow: Sequence[Sequence[LexicalEntry]],
    wide: Sequence[Sequence[LexicalEntry]],
    least_target: float,
) -> float:
    """The least a parse through a reading outside the beam can cost: every word's cheapest
    reading, plus the smallest step from some word's cheapest reading to its cheapest one
    outside the beam, plus the cheapest target. A parse of the beam that costs no more is the
    cheapest of all (no cost is negative).

    >>> from discojax.grammar._classes import LexicalEntry
    >>> a, b = LexicalEntry("a", "x", (("n", 0),), cost=0.5), LexicalEntry("a", "y", (), cost=40)
    >>> beam_bound([(a,), (a,)], [(a, b), (a,)], 1.0)  # 0.5 + 0.5, + 39.5 (word 0), + 1
    41.5
    """
    cheapest = [min(e.cost for e in entries) for entries in wide]
    steps = [
        min((e.cost for e in entries if e not in kept), default=math.inf) - least
        for kept, entries, least in zip(narrow, wide, cheapest, strict=True)
    ]
    return sum(cheapest) + min(steps, default=math.inf) + least_target
