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

import contextlib
import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

import jax
import numpy as np

from discojax.compile._labels import Labels, same_value
from discojax.compile._network import Network, canonical_network, network_from_parse
from discojax.errors import CompileError
from discojax.grammar._classes import LexicalEntry
from discojax.grammar._parse import Parse
from discojax.grammar._types import Type, format_type


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


def _join(labels: Labels[str], a: int, b: int, where: str) -> None:
    """Join two wires of one word's term; an error names the word."""
    try:
        labels.union(a, b)
    except CompileError as err:
        err.add_context(f"{where}: ")
        raise


def _space(size: int) -> str:
    """The compiler's basic type of a factor space: named by its dimension (``d50``)."""
    return f"d{size}"


#: The row of the identity that copies a spider onto two outputs, by its space: ``δd50``.
COPY = "δ"


def factor_row(entry: LexicalEntry, term: int, factor: int) -> str:
    """The row name of one factor of one term of a word: word, class, type, term.factor.

    >>> from discojax.grammar import parse_type
    >>> factor_row(LexicalEntry("loves", "transitive_verb", parse_type("n.r s n.l")), 0, 1)
    'loves/transitive_verb/n.r s n.l/0.1'
    """
    return f"{entry.word}/{entry.word_class}/{format_type(entry.type)}/{term}.{factor}"


@dataclass
class _Slots:
    """The slots of one term network as they are built: rows, types and labels."""

    rows: list[str]
    types: list[Type]
    slots: list[list[int]]

    def add(self, row: str, shape: tuple[int, ...], axes: list[int]) -> None:
        self.rows.append(row)
        self.types.append(tuple((_space(int(size)), 0) for size in shape))
        self.slots.append(axes)


def term_networks(
    functor: CorpusFunctor, parse: Parse, terms: dict[LexicalEntry, tuple[Term, ...]] | None = None
) -> list[Network]:
    """The networks of a parsed sentence, one per choice of one term per word.

    Each factor of a word's term becomes a slot of the network (its table: the factor's
    shape; its row: :func:`factor_row`), spiders and cups identify labels, and an output spider
    met twice is copied by an identity (row ``δdN``). Every label's basic type is named by its
    dimension (``dN``), so the compiler contracts the network with one dimension per label.
    ``terms`` remembers each word's terms across sentences.

    >>> from discojax.grammar import parse
    >>> from discojax.corpus import Multiplicative, WordVectors
    >>> F = Multiplicative(WordVectors.from_array([[1.0, 2.0], [3.0, 5.0]], ["man", "runs"]))
    >>> [(net.words, net.slots) for net in term_networks(F, parse("man runs"))]
    [(('man/noun/n/0.0', 'runs/intransitive_verb/n.r s/0.0'), ((0,), (0,)))]
    """
    network = network_from_parse(parse)
    terms = {} if terms is None else terms
    for entry in parse.entries:
        if entry not in terms:
            terms[entry] = tuple(functor.word(entry))
    words = [terms[entry] for entry in parse.entries]
    networks = []
    for choice in itertools.product(*(tuple(enumerate(terms)) for terms in words)):
        labels: Labels[str] = Labels(same_value)
        sub = [[labels.new(_space(d)) for d in functor.dims(base)] for base in network.label_types]
        built = _Slots([], [], [])

        for entry, slot, (t, term) in zip(parse.entries, network.slots, choice):
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
            for f, (axes, array) in enumerate(term.factors):
                if len(axes) != len(array.shape):
                    raise CompileError(f"{where}: a factor of shape {array.shape} on {axes}")
                for axis, size in zip(axes, array.shape):
                    fresh = labels.new(_space(size))
                    if axis in local:
                        _join(labels, local[axis], fresh, where)
                    else:
                        local[axis] = fresh
                built.add(factor_row(entry, t, f), array.shape, [local[a] for a in axes])
        output: list[int] = []
        for w in (w for label in network.output for w in sub[label]):
            if labels.find(w) in {labels.find(o) for o in output}:  # a spider onto two outputs
                space = labels.value(w)
                fresh = labels.new(space)
                built.add(COPY + space, (int(space[1:]),) * 2, [w, fresh])
                w = fresh
            output.append(w)
        output_type = tuple((labels.value(w), 0) for w in output)
        slots = built.slots
        try:
            networks.append(
                canonical_network(labels, built.rows, built.types, slots, output, output_type)
            )
        except CompileError as err:
            err.add_context(f"{parse.words}: ")
            raise
    return networks


def meanings(functor: CorpusFunctor, parses: Sequence[Parse], xp: Any = np) -> Any:
    """The read-out meanings of ``parses`` under ``functor``, stacked: ``(len(parses), …)``.

    The sentences go through the compiler like any model's (see
    :class:`~discojax.models.CorpusModel`): every choice of terms is a network
    (:func:`term_networks`), networks of one shape are contracted together by one jitted
    einsum, and a sentence's meaning is the sum over its choices.

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
    from discojax.models._corpus import CorpusModel
    from discojax.models._model import contract

    if not parses:
        return xp.zeros((0,))
    targets = {format_type(p.target) for p in parses}
    if len(targets) > 1:
        raise CompileError(f"parses of different target types: {', '.join(sorted(targets))}")
    exact = xp is np
    with jax.enable_x64(True) if exact else contextlib.nullcontext():
        model, batch = CorpusModel.with_batch(parses, functor, target=targets.pop())
        tables = model.init(None)
        # Gathered, not read in place: a learned Kronecker model on GS2011 (verbs of 50 x 50)
        # took 60 ms a training step with its verbs read in place, 13 ms gathered.
        values = contract(model.ansatz, model.output_type, tables, batch, in_place=False)
        return np.asarray(values) if exact else values
