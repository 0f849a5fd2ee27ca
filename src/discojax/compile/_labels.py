"""Wire labels joined by cups and spiders: a union-find whose sets carry a value.

Every place that wires words together (parses and diagrams to networks, spiders in a contraction
program, corpus functors' word terms) joins labels and checks that the joined wires agree on
something: their basic type, or their dimension.

>>> labels = Labels(same_value)
>>> a, b, c = labels.new("n"), labels.new("n"), labels.new("s")
>>> labels.union(a, b)
>>> labels.find(b) == labels.find(a), labels.value(b)
(True, 'n')
>>> labels.union(a, c)
Traceback (most recent call last):
...
discojax.errors.CompileError: cannot join a wire of type n to one of type s
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

from discojax.errors import CompileError

T = TypeVar("T")


def same_value(a: T, b: T) -> T:
    """Merge rule for values that must be equal (basic types).

    >>> same_value("n", "n")
    'n'
    """
    if a != b:
        raise CompileError(f"cannot join a wire of type {a} to one of type {b}")
    return a


def known_value(a: T | None, b: T | None) -> T | None:
    """Merge rule for dimensions that may be unknown (``None``) but must agree when known.

    >>> known_value(None, 4), known_value(3, None), known_value(None, None)
    (4, 3, None)
    """
    if a is None:
        return b
    if b is not None and a != b:
        raise CompileError(f"a spider joins wires of dimensions {a} and {b}")
    return a


class Labels(Generic[T]):
    """Disjoint sets of integer labels; each set's value is merged by ``merge`` on union.

    ``merge`` raises :class:`~discojax.errors.CompileError` when two sets cannot be joined.
    """

    def __init__(self, merge: Callable[[T, T], T]) -> None:
        self.parent: list[int] = []
        self.values: list[T] = []
        self.merge = merge

    def new(self, value: T) -> int:
        """A fresh label in a set of its own.

        >>> Labels(same_value).new("n")
        0
        """
        self.parent.append(len(self.parent))
        self.values.append(value)
        return len(self.parent) - 1

    def find(self, label: int) -> int:
        """The label standing for ``label``'s set (the smallest in it).

        >>> labels = Labels(same_value); a, b = labels.new(1), labels.new(1); labels.union(b, a)
        >>> labels.find(b)
        0
        """
        while self.parent[label] != label:
            self.parent[label] = self.parent[self.parent[label]]
            label = self.parent[label]
        return label

    def union(self, a: int, b: int) -> None:
        """Join the sets of ``a`` and ``b``, merging their values.

        >>> labels = Labels(known_value); a, b = labels.new(None), labels.new(8); labels.union(a, b)
        >>> labels.value(a)
        8
        """
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return
        root, child = min(ra, rb), max(ra, rb)
        self.values[root] = self.merge(self.values[ra], self.values[rb])
        self.parent[child] = root

    def value(self, label: int) -> T:
        """The value of ``label``'s set.

        >>> labels = Labels(same_value); labels.value(labels.new("s"))
        's'
        """
        return self.values[self.find(label)]
