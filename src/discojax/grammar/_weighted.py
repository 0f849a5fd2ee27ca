"""The weighted chart: the cheapest derivation (Viterbi) and the next cheapest, in order (A*).

A derivation costs the sum of the entry costs of the alternatives it passes through (charged at
each alternative's first node, :attr:`Lattice.enter`) plus ``cup_cost`` times the number of
words each cup spans. ``between(p, q)``, the cheapest path from node ``p`` to node ``q`` whose
inner nodes all cancel, follows the boolean chart's recurrence with minima for unions:

    between(p, q) = min( enter[q]                                   if q ∈ succ(p),
                         enter[x] + cup(x, r) + between(x, r) + between(r, q)
                                        for x ∈ succ(p), r ∈ reach[x] cancelling x, q ∈ reach[r] )

memoised over the pairs a derivation of the target can use. Among equally cheap choices the
first in the order (no cup, then ``x`` and ``r`` nearest first) wins, so at equal cost each
type is cupped to its nearest partner. :meth:`WeightedChart.in_order_of_cost` enumerates every
derivation cheapest first by best-first search whose estimate of what is left is exact (the
memoised minima), so the k cheapest cost k searches down to a leaf, not an enumeration of all.

>>> from discojax.grammar import load_lexicon
>>> from discojax.grammar._chart import build_lattice, chart
>>> english = load_lexicon("english")
>>> alternatives = [english.entries(w) for w in ["alice", "sees", "man", "in", "house"]]
>>> lattice = build_lattice(alternatives)
>>> weighted = WeightedChart(lattice, chart(lattice), (("s", 0),), cup_cost=50)
>>> costs = [d.cost for d in itertools.islice(weighted.in_order_of_cost(), 5)]
>>> costs == sorted(costs) and costs[0] == weighted.cheapest().cost
True
"""

from __future__ import annotations

import heapq
import itertools
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from discojax.grammar._chart import Lattice, bits, top_level
from discojax.grammar._types import Type

_NEVER = 1 << 60


@dataclass(frozen=True)
class Derivation:
    """A derivation in the lattice: cost (thousandths), uncovered nodes, used nodes, cups.

    >>> Derivation(0, (1,), (1,), ()).cost
    0
    """

    cost: int
    outputs: tuple[int, ...]
    nodes: tuple[int, ...]
    cups: tuple[tuple[int, int], ...]


class WeightedChart:
    """Costs of the derivations of one lattice to one target type.

    Args:
        lattice: the words' alternatives as nodes.
        reach: the boolean chart (:func:`~discojax.grammar._chart.chart`).
        goal: the target type.
        cup_cost: the cost of a cup per word spanned, in thousandths.
        target_cost: the cost of reducing to this target at all, in thousandths (a fragment
            type costs more than a sentence).
        shared: the weighted chart of the same lattice and costs to another target, whose
            memoised path costs (which do not depend on the target) this one reuses.
    """

    def __init__(
        self,
        lattice: Lattice,
        reach: list[int],
        goal: Type,
        cup_cost: int,
        target_cost: int = 0,
        shared: WeightedChart | None = None,
    ):
        self.lattice, self.reach, self.goal, self.cup_cost = lattice, reach, goal, cup_cost
        self.target_cost = target_cost
        self.layers = top_level(lattice, reach, goal)
        self.end = len(lattice.simple) - 1
        self._between: dict[int, tuple[int, tuple[int, int] | None]] = (
            {} if shared is None else shared._between
        )
        self._chain: dict[tuple[int, int], tuple[int, int | None]] = {}

    def _options(self, p: int, q: int) -> Iterator[tuple[int, int, int]]:
        """``(cost of the step, x, r)`` for each first cup (x, r) of a path p → q."""
        lattice, reach = self.lattice, self.reach
        below_q = (1 << q) - 1
        for x in bits(lattice.succ[p] & below_q):
            for r in bits(reach[x] & lattice.cancel[x] & below_q):
                if reach[r] >> q & 1:
                    span = lattice.word[r] - lattice.word[x]
                    yield lattice.enter[x] + self.cup_cost * span, x, r

    def between(self, p: int, q: int) -> int:
        """The cost of the cheapest path p → q (q's entry cost included) whose inner nodes
        cancel."""
        key = p * (self.end + 1) + q
        hit = self._between.get(key)
        if hit is not None:
            return hit[0]
        lattice, reach, cup_cost = self.lattice, self.reach, self.cup_cost
        enter, word, cancel = lattice.enter, lattice.word, lattice.cancel
        direct = lattice.succ[p] >> q & 1
        cost, choice = (enter[q], None) if direct else (_NEVER, None)
        below_q = (1 << q) - 1
        # the options of _options, inlined (this is the parser's innermost loop); a step that
        # alone costs no less than the best so far cannot win, so its paths are not searched
        xs = lattice.succ[p] & below_q
        while xs:
            low = xs & -xs
            xs ^= low
            x = low.bit_length() - 1
            rs = reach[x] & cancel[x] & below_q
            while rs:
                low = rs & -rs
                rs ^= low
                r = low.bit_length() - 1
                if not reach[r] >> q & 1:
                    continue
                step = enter[x] + cup_cost * (word[r] - word[x])
                if step >= cost:
                    continue
                step += self.between(x, r)
                if step >= cost:
                    continue
                c = step + self.between(r, q)
                if c < cost:
                    cost, choice = c, (x, r)
        self._between[key] = (cost, choice)
        return cost

    def chain(self, j: int, u: int) -> int:
        """The cost of the cheapest rest of a derivation whose j-th uncovered node is ``u``."""
        hit = self._chain.get((j, u))
        if hit is not None:
            return hit[0]
        if j == len(self.goal):
            found: tuple[int, int | None] = (self.between(u, self.end), None)
        else:
            found = (_NEVER, None)
            for v in bits(self.reach[u] & self.layers[j + 1]):
                c = self.between(u, v) + self.chain(j + 1, v)
                if c < found[0]:
                    found = (c, v)
        self._chain[(j, u)] = found
        return found[0]

    def _deep(self) -> _DeepRecursion:
        return _DeepRecursion(4 * len(self.lattice.simple) + 1000)

    def cheapest(self) -> Derivation | None:
        """The cheapest derivation, or None when there is none.

        >>> from discojax.grammar import load_lexicon
        >>> from discojax.grammar._chart import build_lattice, chart
        >>> english = load_lexicon("english")
        >>> lattice = build_lattice([english.entries(w) for w in ["man", "the"]])
        >>> WeightedChart(lattice, chart(lattice), (("s", 0),), 50).cheapest() is None
        True
        """
        if not self.layers[-1]:
            return None
        with self._deep():
            cost = self.chain(0, 0) + self.target_cost
        outputs, u = [], 0
        for j in range(len(self.goal)):
            v = self._chain[(j, u)][1]
            assert v is not None
            outputs.append(v)
            u = v
        nodes: list[int] = []
        cups: list[tuple[int, int]] = []
        stack = list(zip([0, *outputs], [*outputs, self.end], strict=True))
        while stack:
            p, q = stack.pop()
            choice = self._between[p * (self.end + 1) + q][1]
            if choice is None:
                nodes.append(q)
            else:
                x, r = choice
                nodes.append(x)
                cups.append((x, r))
                stack += [(x, r), (r, q)]
        used = tuple(sorted(v for v in nodes if v != self.end))
        return Derivation(cost, tuple(outputs), used, tuple(cups))

    def in_order_of_cost(self) -> Iterator[Derivation]:
        """Every derivation, cheapest first (ties in the order :meth:`cheapest` prefers).

        A best-first search over partial derivations: each state holds its cost so far and the
        segments still to derive, whose exact minimum costs (:meth:`between`, :meth:`chain`)
        make the estimate; the leftmost segment is expanded, its options pushed so that the
        preferred pops first among equals.
        """
        if not self.layers[-1]:
            return
        counter = itertools.count()
        # a state: (estimate, -order, cost so far, segments to derive, outputs, nodes, cups)
        with self._deep():
            start = self.target_cost
            heap = [
                (start + self.chain(0, 0), -next(counter), start, (("chain", 0, 0),), (), (), ())
            ]
        while heap:
            with self._deep():
                found = self._expand(heap, counter)
            if found is not None:
                yield found

    def _expand(self, heap: list, counter: Iterator[int]) -> Derivation | None:
        """Pop the best state: a whole derivation to return, or a state to expand in place."""
        _, _, cost, pending, outputs, nodes, cups = heapq.heappop(heap)
        if not pending:
            return Derivation(cost, outputs, tuple(sorted(v for v in nodes if v != self.end)), cups)
        (kind, a, b), rest = pending[0], pending[1:]
        children: list[tuple[int, tuple[tuple[str, int, int], ...], Any, Any, Any]] = []
        if kind == "chain" and a == len(self.goal):
            children.append((cost, (("between", b, self.end),), outputs, nodes, cups))
        elif kind == "chain":
            for v in bits(self.reach[b] & self.layers[a + 1]):
                more = (("between", b, v), ("chain", a + 1, v))
                children.append((cost, more, (*outputs, v), nodes, cups))
        else:
            if self.lattice.succ[a] >> b & 1:
                step = self.lattice.enter[b]
                children.append((cost + step, (), outputs, (*nodes, b), cups))
            for step, x, r in self._options(a, b):
                more = (("between", x, r), ("between", r, b))
                children.append((cost + step, more, outputs, (*nodes, x), (*cups, (x, r))))
        rest_estimate = sum(self._estimate(item) for item in rest)
        for c, new, outs, ns, cs in reversed(children):  # the preferred pops first among equals
            estimate = c + sum(self._estimate(item) for item in new) + rest_estimate
            if estimate < _NEVER:
                heapq.heappush(heap, (estimate, -next(counter), c, (*new, *rest), outs, ns, cs))
        return None

    def _estimate(self, item: tuple[str, int, int]) -> int:
        kind, a, b = item
        return self.chain(a, b) if kind == "chain" else self.between(a, b)


class _DeepRecursion:
    """Raise the recursion limit for the memoised recursion over long sentences (Python 3.11
    and later keep Python-to-Python calls off the C stack)."""

    def __init__(self, limit: int):
        self.limit, self.saved = limit, sys.getrecursionlimit()

    def __enter__(self) -> None:
        self.saved = sys.getrecursionlimit()
        sys.setrecursionlimit(max(self.saved, self.limit))

    def __exit__(self, *exc: object) -> None:
        sys.setrecursionlimit(self.saved)
