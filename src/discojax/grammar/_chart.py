"""The lattice of word alternatives and the boolean chart over it.

Every word may have several types. The lattice lays each word's distinct types side by side as
simple-type *nodes* (a path through the lattice picks one type per word); the chart holds
``reach[p]``, the set of nodes ``q`` such that some path from ``p`` to ``q`` has all nodes
strictly between them cancelled by planar cups. The recurrence

    reach[p] = succ(p) ∪ ⋃ { reach[r] : x ∈ succ(p), r ∈ reach[x], x and r cancel }

reads "the first node after ``p`` is cupped to some ``r``; what lies between them reduces, and
so does what follows ``r``". Sets are bit masks, so the chart costs at most cubic time in the
number of nodes. Cups join types of two different words. A sentence parses to the target
``t1 … tk`` when a chain ``START → u1 → … → uk → END`` of reachable nodes carries exactly those
types, each left uncovered by any cup.

>>> from discojax.grammar._classes import LexicalEntry
>>> lattice = build_lattice([[LexicalEntry("alice", "noun", (("n", 0),))],
...                          [LexicalEntry("runs", "verb", (("n", 1), ("s", 0)))]])
>>> [list(bits(r)) for r in chart(lattice)]  # START, alice:n, runs:n.r, runs:s, END
[[1, 3], [2], [3], [4], []]
>>> top_level(lattice, chart(lattice), (("s", 0),))[-1] == 1 << 3
True
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from discojax.grammar._classes import LexicalEntry
from discojax.grammar._types import SimpleType, Type

SCALE = 1000
"""Costs are summed in integer thousandths, so that equal sums tie exactly."""


@dataclass(frozen=True)
class Lattice:
    """Nodes of every word alternative; node 0 is START, the last node is END."""

    simple: tuple[SimpleType | None, ...]  # None for START and END
    word: tuple[int, ...]  # word index of each node (-1 START, n END)
    alt: tuple[int, ...]  # alternative (entry index) of each node
    succ: tuple[int, ...]  # successor mask of each node
    cancel: tuple[int, ...]  # mask of later nodes, of later words, that cancel with each node
    enter: tuple[int, ...]  # cost (thousandths) of a path's entering each node


def build_lattice(alternatives: Sequence[Sequence[LexicalEntry]]) -> Lattice:
    """The lattice of ``alternatives`` (each word's entries), START and END included."""
    simple: list[SimpleType | None] = [None]
    word, alt, enter = [-1], [-1], [0]
    firsts: list[list[int]] = []  # first node of each alternative, per word
    lasts: list[list[int]] = []
    for i, entries in enumerate(alternatives):
        firsts.append([])
        lasts.append([])
        for a, entry in enumerate(entries):
            firsts[i].append(len(simple))
            for k, s in enumerate(entry.type):
                simple.append(s)
                word.append(i)
                alt.append(a)
                enter.append(round(entry.cost * SCALE) if k == 0 else 0)
            lasts[i].append(len(simple) - 1)
    end = len(simple)
    simple.append(None)
    word.append(len(alternatives))
    alt.append(-1)
    enter.append(0)

    starts = [mask(f) for f in firsts] + [1 << end]  # the nodes that begin each word
    ends = set()  # the last node of each alternative
    for last in lasts:
        ends.update(last)
    succ = [0] * len(simple)
    succ[0] = starts[0]
    for node in range(1, end):
        succ[node] = starts[word[node] + 1] if node in ends else 1 << (node + 1)
    by_type: dict[SimpleType | None, int] = {}
    for node in range(1, end):
        by_type[simple[node]] = by_type.get(simple[node], 0) | 1 << node
    later = [~((1 << (max(last) + 1)) - 1) for last in lasts]  # nodes of the later words
    cancel = [0] * len(simple)
    for x in range(1, end):
        base, z = simple[x]  # type: ignore[misc]
        cancel[x] = by_type.get((base, z + 1), 0) & later[word[x]]
    return Lattice(
        tuple(simple),
        tuple(word),
        tuple(alt),
        tuple(succ),
        tuple(cancel),
        tuple(enter),
    )


def mask(nodes: Sequence[int]) -> int:
    """The bit mask of ``nodes``.

    >>> mask([0, 2])
    5
    """
    found = 0
    for node in nodes:
        found |= 1 << node
    return found


def bits(remaining: int) -> Iterator[int]:
    """The set bits of ``remaining``, lowest first.

    >>> list(bits(0b10110))
    [1, 2, 4]
    """
    while remaining:
        low = remaining & -remaining
        yield low.bit_length() - 1
        remaining ^= low


def chart(lattice: Lattice) -> list[int]:
    """``reach[p]`` for every node, filled from the last node back."""
    n = len(lattice.simple)
    reach = [0] * n
    succ, cancel = lattice.succ, lattice.cancel
    for p in range(n - 1, -1, -1):
        result = xs = succ[p]
        while xs:  # bits(), inlined: this loop runs for every sentence parsed
            low = xs & -xs
            xs ^= low
            x = low.bit_length() - 1
            rs = reach[x] & cancel[x]
            while rs:
                low = rs & -rs
                rs ^= low
                result |= reach[low.bit_length() - 1]
        reach[p] = result
    return reach


def top_level(lattice: Lattice, reach: list[int], target: Type) -> list[int]:
    """``layers[j]``: nodes that can be the j-th uncovered node, given the previous ones."""
    end = len(lattice.simple) - 1
    layers = [1]  # START
    for t in target:
        frontier = 0
        for u in bits(layers[-1]):
            frontier |= reach[u]
        layers.append(mask([v for v in bits(frontier) if lattice.simple[v] == t]))
    final = 0
    for u in bits(layers[-1]):
        if reach[u] >> end & 1:
            final |= 1 << u
    layers[-1] = final
    return layers
