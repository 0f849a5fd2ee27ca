"""Parses reranked by their arcs (``scoring="arcs"``): the cheapest parses, each charged for how
unlikely its dependency arcs are by a head scorer.

A head scorer (the tagger's, :meth:`~discojax.tagger.Supertagger.head_log_probabilities`)
gives ``log_p[i, 1 + h]``, the log-probability that word ``i`` depends on word ``h`` (``h =
-1``: the root). :func:`reranked` takes the :data:`RERANKED` cheapest parses, adds
``ARC_WEIGHT`` times :func:`arc_cost` of each parse's arcs
(:func:`~discojax.grammar.dependency_heads`) to its cost, and orders them by that.

>>> import numpy as np
>>> from discojax.grammar import load_lexicon, parse
>>> one = parse("dogs bark")
>>> log_p = np.log([[0.1, 1e-9, 0.9], [0.7, 0.3, 1e-9]])  # root, dogs, bark
>>> [found] = reranked(one, lambda ceiling: iter([one]), log_p, load_lexicon("english"), 1)
>>> round(found.cost - one.cost, 3) == round(ARC_WEIGHT * arc_cost([1, -1], log_p), 3)
True
"""

from __future__ import annotations

import math
from bisect import insort
from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from itertools import islice
from typing import Any

from discojax.grammar._dependencies import dependency_heads
from discojax.grammar._lexicon import Lexicon
from discojax.grammar._parse import Parse

RERANKED = 32
"""With ``scoring="arcs"``, how many of the cheapest parses at most are reranked (chosen on EWT
dev: 16, 32, 64 and 128 parses agree with 77.2%, 77.4%, 77.5% and 77.4% of the gold arcs, and
64 take twice as long as 16 at 20 words; see ``docs/performance.md``)."""

ARC_WEIGHT = 4.0
"""With ``scoring="arcs"``, a parse costs its chart cost plus this times :func:`arc_cost`
(tuned on EWT dev among 1, 2, 4, 8 and 16)."""

UNHEADED = 10.0
"""The arc cost (nats) of a word to which a parse gives no head: as unlikely as a head the
scorer gives ``e ** -10``."""


def arc_cost(heads: Sequence[int | None], log_p: Any) -> float:
    """``-log p`` of a parse's heads by a head scorer: ``log_p[i, 1 + h]`` for word ``i``
    depending on word ``h`` (``h = -1``: the root), :data:`UNHEADED` where ``h`` is None.

    >>> import numpy as np
    >>> log_p = np.log([[0.1, 1e-9, 0.9], [0.7, 0.3, 1e-9]])  # "dogs bark": root, dogs, bark
    >>> round(arc_cost([1, -1], log_p), 4), round(arc_cost([1, None], log_p), 4)
    (0.462, 10.1054)
    """
    return -sum(float(log_p[i, h + 1]) if h is not None else -UNHEADED for i, h in enumerate(heads))


def reranked(
    first: Parse,
    up_to: Callable[[float], Iterator[Parse]],
    log_p: Any,
    lexicon: Lexicon,
    limit: int,
) -> list[Parse]:
    """The first ``limit`` of the ``max(limit, RERANKED)`` cheapest parses, each charged
    ``ARC_WEIGHT *`` :func:`arc_cost` of its arcs, cheapest first (on a tie, the earlier in
    chart order).

    ``first`` is the cheapest parse; ``up_to(ceiling)`` gives every parse costing at most
    ``ceiling`` (at least), cheapest first. A parse's charge is at least ``ARC_WEIGHT`` times
    its words' likeliest arcs, so the parses are charged in order only until one costs so much
    that no later one can be among the first ``limit``. For one parse, ``first`` is charged
    first: where its arcs are each word's likeliest, nothing beats it; otherwise only parses
    cheaper than its charge less that least charge are searched for.
    """

    def charged(parse: Parse) -> Parse:
        heads = dependency_heads(parse, lexicon)
        return replace(parse, cost=parse.cost + ARC_WEIGHT * arc_cost(heads, log_p))

    least = ARC_WEIGHT * -float(log_p.max(-1).sum())
    ceiling = math.inf
    if limit == 1:
        best = charged(first)
        if best.cost - first.cost <= least + 1e-9:
            return [best]
        ceiling = best.cost - least
    kept: list[Parse] = []  # charged, cheapest first (stable: chart order on a tie)
    for parse in islice(up_to(ceiling), max(limit, RERANKED)):
        if parse.cost > ceiling:
            break
        if len(kept) >= limit and parse.cost + least >= kept[limit - 1].cost:
            break  # it, and every later parse, is charged at least that: none is among them
        insort(kept, charged(parse), key=lambda p: p.cost)
    return kept[:limit]
