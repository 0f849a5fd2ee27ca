"""Corpus functors: words to fixed vectors and tensors, sentences contracted along the cups.

A corpus functor ``F`` sends each basic type to a tuple of *factor spaces* (``n ↦ (d,)`` is
``N = R^d``; ``s ↦ (d, d)`` is the concrete sentence space ``N ⊗ N``), every adjoint to the
same spaces (finite-dimensional real vector spaces are self-dual, so ``F(n.l) = F(n.r) =
F(n)``), and each word to a :class:`Term` or a sum of them. A term says which of the word's
wires are joined by a Frobenius spider (equal *local labels*) and which tensors (*factors*)
sit on which labels: the relational verb of Grefenstette & Sadrzadeh 2011 is the spider
``wires=(0, 0, 1, 1)`` (subject = first sentence factor, second sentence factor = object)
with the matrix ``V`` on labels ``(0, 1)``; a noun is ``wires=(0,)`` with its vector on
``(0,)``. Cups are the compact structure of ``FVect`` (a sum over a shared index), so a
sentence's meaning is one einsum over its parse (:func:`~discojax.compile.network_from_parse`
gives the wiring), and sentences of one shape are contracted together.

Laws, checked here for the Multiply model (every word a spider): ``F(man runs) = man ⊙ runs``
and ``F(the man runs) = F(man runs)`` (a determiner is an identity).

>>> import numpy as np
>>> from discojax.grammar import parse
>>> from discojax.corpus import Multiplicative, WordVectors
>>> vectors = WordVectors.from_array([[1.0, 2.0], [3.0, 5.0]], ["man", "runs"])
>>> F = Multiplicative(vectors)
>>> meanings(F, [parse("man runs"), parse("the man runs")])
array([[ 3., 10.],
       [ 3., 10.]])
"""

from __future__ import annotations

import itertools
import string
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

import numpy as np

from discojax.compile._labels import Labels, known_value
from discojax.compile._network import network_from_parse
from discojax.errors import CompileError
from discojax.grammar._classes import LexicalEntry
from discojax.grammar._parse import Parse

_BATCH = "Z"
_SYMBOLS = string.ascii_letters.replace(_BATCH, "")


@dataclass(frozen=True, eq=False)
class Term:
    """One summand of a word's tensor: spiders on its wires and tensors on the spiders.

    Attributes:
        wires: the local label of each of the word's factor wires, in type order (a simple
            type of ``k`` factor spaces has ``k`` wires); equal labels are one spider.
        factors: ``(labels, array)`` pairs; a label that is no wire's is internal to the word
            (summed over). A wire with no factor on its spider carries the spider's unit
            (all ones): a word with no factors at all is an identity (or a copy) map.

    >>> Term(wires=(0, 0), factors=()).wires  # the identity on n: a determiner
    (0, 0)
    """

    wires: tuple[int, ...]
    factors: tuple[tuple[tuple[int, ...], Any], ...] = ()


class CorpusFunctor(Protocol):
    """What :func:`meanings` needs from a model: spaces, word tensors and a read-out."""

    @property
    def name(self) -> str:
        """The model's name, for tables."""
        ...

    def dims(self, base: str) -> tuple[int, ...]:
        """The factor spaces of a basic type."""
        ...

    def word(self, entry: LexicalEntry) -> tuple[Term, ...]:
        """A word's tensor, as a sum of terms."""
        ...

    def readout(self, meaning: Any) -> Any:
        """A map from the sentence space to the space similarity is measured in (batched)."""
        ...


def _join(labels: Labels[int | None], a: int, b: int, where: str) -> None:
    """Join two wires of one word's term; an error names the word."""
    try:
        labels.union(a, b)
    except CompileError as err:
        err.add_context(f"{where}: ")
        raise


def _programs(functor: CorpusFunctor, parse: Parse, cache: dict) -> list[tuple[tuple, list]]:
    """For each choice of one term per word: ``((equation, shapes), arrays)``."""
    network = network_from_parse(parse)
    words = []
    for entry in parse.entries:
        if entry not in cache:
            cache[entry] = tuple(functor.word(entry))
        words.append(cache[entry])
    programs = []
    for choice in itertools.product(*words):
        labels: Labels[int | None] = Labels(known_value)
        sub = [[labels.new(d) for d in functor.dims(base)] for base in network.label_types]
        operands: list[tuple[list[int], Any]] = []
        for entry, slot, term in zip(parse.entries, network.slots, choice):
            wires = [w for label in slot for w in sub[label]]
            where = f"word {entry.word!r} ({entry.word_class})"
            if len(term.wires) != len(wires):
                raise CompileError(
                    f"{where}: {functor.name} gives {len(term.wires)} wires, its type "
                    f"needs {len(wires)}"
                )
            local: dict[int, int] = {}
            for label, wire in zip(term.wires, wires):
                if label in local:
                    _join(labels, local[label], wire, where)
                else:
                    local[label] = wire
            for axes, array in term.factors:
                for axis in axes:
                    if axis not in local:
                        local[axis] = labels.new(None)
                if len(axes) != len(array.shape):
                    raise CompileError(f"{where}: a factor of shape {array.shape} on {axes}")
                for axis, size in zip(axes, array.shape):
                    _join(labels, local[axis], labels.new(int(size)), where)
                operands.append(([local[a] for a in axes], array))
        symbols: dict[int, str] = {}

        def symbol(
            x: int, labels: Labels[int | None] = labels, symbols: dict[int, str] = symbols
        ) -> str:
            root = labels.find(x)
            if root not in symbols:
                if len(symbols) == len(_SYMBOLS):
                    raise CompileError(f"{parse.words}: too many wires for one einsum")
                symbols[root] = _SYMBOLS[len(symbols)]
            return symbols[root]

        output = []
        for w in (w for label in network.output for w in sub[label]):
            if symbol(w) in output:  # a spider onto several outputs: copy it (Δ) by an identity
                dim = labels.value(w)
                if dim is None:
                    raise CompileError(f"{parse.words}: an output wire meets no tensor")
                fresh = labels.new(dim)
                identity = cache.setdefault(("identity", dim), np.eye(dim))
                operands.append(([w, fresh], identity))
                w = fresh
            output.append(symbol(w))
        terms = [_BATCH + "".join(symbol(x) for x in axes) for axes, _ in operands]
        if not set(output) <= set("".join(terms)):
            raise CompileError(f"{parse.words}: an output wire meets no tensor")
        equation = ",".join(terms) + "->" + _BATCH + "".join(output)
        shapes = tuple(tuple(array.shape) for _, array in operands)
        programs.append(((equation, shapes), [array for _, array in operands]))
    return programs


def meanings(functor: CorpusFunctor, parses: Sequence[Parse], xp: Any = np) -> Any:
    """The read-out meanings of ``parses`` under ``functor``, stacked: ``(len(parses), …)``.

    Parses of one shape (and one choice of terms) are contracted by one batched einsum; a
    word's tensors enter once per batch and are gathered by index.

    Args:
        functor: the model.
        parses: parsed sentences, all of one target type.
        xp: the array module: ``numpy`` (float64, the default) or ``jax.numpy`` (traceable,
            differentiable: the learned models use it).

    Raises:
        CompileError: a word class the model has no tensor for, wires that do not fit, or
            sentences of different output shapes.

    >>> from discojax.grammar import parse
    >>> from discojax.corpus import Additive, WordVectors
    >>> F = Additive(WordVectors.from_array([[1.0], [2.0], [4.0]], ["alice", "loves", "bob"]))
    >>> meanings(F, [parse("Alice loves Bob"), parse("Bob loves Alice")])
    array([[7.],
           [7.]])
    """
    cache: dict = {}
    groups: dict[tuple, list[tuple[int, list]]] = {}
    for i, parse in enumerate(parses):
        for key, arrays in _programs(functor, parse, cache):
            groups.setdefault(key, []).append((i, arrays))
    if not groups:
        return xp.zeros((0,))
    pieces: list[Any] = []
    owners: list[int] = []
    out_shape = None
    for (equation, _shapes), members in groups.items():
        operands = []
        for position in range(len(members[0][1])):
            unique: dict[int, int] = {}
            column = [unique.setdefault(id(arrays[position]), len(unique)) for _, arrays in members]
            table = {id(arrays[position]): arrays[position] for _, arrays in members}
            stacked = xp.stack([xp.asarray(table[key]) for key in unique])
            operands.append(stacked[np.asarray(column)])
        value = xp.einsum(equation, *operands, optimize="optimal" if len(operands) <= 6 else True)
        if out_shape is None:
            out_shape = tuple(value.shape[1:])
        elif tuple(value.shape[1:]) != out_shape:
            raise CompileError(
                f"sentences with meanings of shapes {out_shape} and {tuple(value.shape[1:])} "
                "in one batch: one batch, one output type"
            )
        pieces.append(value.reshape(value.shape[0], -1))
        owners.extend(i for i, _ in members)
    rows = xp.concatenate(pieces, axis=0)
    assign = np.zeros((len(parses), len(owners)), dtype=np.float64)
    assign[np.asarray(owners), np.arange(len(owners))] = 1.0
    summed = xp.asarray(assign, dtype=rows.dtype) @ rows
    return functor.readout(summed.reshape((len(parses), *(out_shape or ()))))
