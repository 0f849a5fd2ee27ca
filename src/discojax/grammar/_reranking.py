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
>>> [found] = reranked(lambda count: [one], log_p, load_lexicon("english"), 1)
>>> round(found.cost - one.cost, 3) == round(ARC_WEIGHT * arc_cost([1, -1], log_p), 3)
True
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any

from discojax.grammar._dependencies import dependency_heads
from discojax.grammar._lexicon import Lexicon
from discojax.grammar._parse import Parse

RERANKED = 16
"""With ``scoring="arcs"``, how many of the cheapest parses are reranked (chosen on EWT dev:
more parses gain little and cost more time; see ``docs/performance.md``)."""

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
    cheapest: Callable[[int], list[Parse]], log_p: Any, lexicon: Lexicon, limit: int
) -> list[Parse]:
    """The ``max(limit, RERANKED)`` parses ``cheapest(count)`` gives, each charged
    ``ARC_WEIGHT *`` :func:`arc_cost` of its arcs, cheapest first: the first ``limit``.

    For one parse, the cheapest is asked for first: where its arcs are each word's likeliest,
    no other can beat it, and a parse dearer than it by more than its arcs' excess over the
    likeliest cannot either, so those are not scored.
    """

    def charged(parse: Parse) -> Parse:
        heads = dependency_heads(parse, lexicon)
        return replace(parse, cost=parse.cost + ARC_WEIGHT * arc_cost(heads, log_p))

    ceiling = math.inf
    if limit == 1:
        first = cheapest(1)[0]
        best = charged(first)
        likeliest = ARC_WEIGHT * -float(log_p.max(-1).sum())
        if best.cost - first.cost <= likeliest + 1e-9:
            return [best]
        ceiling = best.cost - likeliest
    rescored = [charged(p) for p in cheapest(max(limit, RERANKED)) if p.cost <= ceiling]
    return sorted(rescored, key=lambda p: p.cost)[:limit]  # stable: chart order on a tie
