"""Contraction programs: one einsum, with an optimised path, per diagram shape.

:func:`lower` turns a network's shape and an ansatz into a :class:`Program`: the einsum
equation over a batch axis, which parameter table and which word slot feed each operand, and
the contraction path found by opt_einsum (its ``dp`` optimiser from 5 to 20 operands, so long
sentences contract without exponential intermediates, and ``branch-1`` past 20, whose search
stays under a second up to the parser's hundred words). :func:`contract` runs a program on a
batch of word ids; it is jitted once per program and batch size, and :func:`compilations`
counts those compilations.

>>> from discojax.grammar import parse
>>> from discojax.compile import network_from_parse
>>> from discojax.semantics import TensorAnsatz
>>> program = lower(network_from_parse(parse("Alice loves Bob")), TensorAnsatz({"n": 2, "s": 3}))
>>> program.equation
'za,zabc,zc->zb'
>>> [op.table for op in program.operands]
['n', 'n.r s n.l', 'n']
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

import jax
import jax.numpy as jnp
import opt_einsum

from discojax._jit import bounded_jit
from discojax.compile._budget import check_entries
from discojax.compile._labels import Labels
from discojax.compile._letters import BATCH, einsum_letter
from discojax.compile._network import Network
from discojax.grammar._types import format_type

_MAX_SELECTED_OPERANDS = 24  # above this many operands (selectors included), gather rows
_compilations = 0


@dataclass(frozen=True)
class Operand:
    """One einsum operand: a row of ``table`` picked by the id of word ``word``.

    Attributes:
        table: the parameter table's name (the word's type, and the factor's index when the
            ansatz splits a word into several tensors).
        word: the word slot whose id picks the row.
        shape: the row's shape.
        whole: the operand is the whole table (no batch axis), and the next operand is a
            one-hot ``(batch, rows)`` selector of word ``word``'s row: for small tables of big
            words, contracting every row then selecting beats copying a row per sentence.
        selector: this operand is that one-hot selector (``shape`` is ``(rows,)``).
    """

    table: str
    word: int
    shape: tuple[int, ...]
    whole: bool = False
    selector: bool = False


@dataclass(frozen=True)
class Program:
    """A shape's contraction: ``einsum(equation, *operands)`` along ``path``.

    Attributes:
        equation: the einsum equation; every operand and the output carry the batch axis ``z``
            first.
        operands: what feeds each operand.
        path: the pairwise contraction order (opt_einsum's format).
        output_shape: the shape of one sentence's meaning.
        n_words: the number of word slots (columns of the id array).
    """

    equation: str
    operands: tuple[Operand, ...]
    path: tuple[tuple[int, ...], ...]
    output_shape: tuple[int, ...]
    n_words: int

    def flops(self, batch_size: int = 1) -> int:
        """opt_einsum's estimate of the floating-point operations for one batch.

        >>> from discojax.grammar import parse
        >>> from discojax.compile import network_from_parse
        >>> from discojax.semantics import TensorAnsatz
        >>> p = lower(network_from_parse(parse("man runs")), TensorAnsatz({"n": 2, "s": 2}))
        >>> p.flops()
        8
        """
        _, info = opt_einsum.contract_path(
            self.equation, *self.operand_shapes(batch_size), shapes=True, optimize=list(self.path)
        )
        return int(info.opt_cost)

    def operand_shapes(self, batch_size: int = 1) -> list[tuple[int, ...]]:
        """Each einsum operand's shape for a batch: ``(batch_size, *shape)``, or a whole table's.

        >>> from discojax.grammar import parse
        >>> from discojax.compile import network_from_parse
        >>> from discojax.semantics import TensorAnsatz
        >>> p = lower(network_from_parse(parse("man runs")), TensorAnsatz({"n": 2, "s": 3}))
        >>> p.operand_shapes(4)
        [(4, 2), (4, 2, 3)]
        """
        return [
            (self.operands[k + 1].shape[0], *op.shape) if op.whole else (batch_size, *op.shape)
            for k, op in enumerate(self.operands)
        ]


def table_name(type_string: str, factor: int, n_factors: int) -> str:
    """The name of a parameter table: the word type, with the factor index if split.

    >>> table_name("n.r s n.l", 1, 3)
    'n.r s n.l[1]'
    >>> table_name("n", 0, 1)
    'n'
    """
    return type_string if n_factors == 1 else f"{type_string}[{factor}]"


def lower(network: Network, ansatz: Any, whole_tables: tuple[tuple[str, int], ...] = ()) -> Program:
    """Lower a network's shape to a contraction program under ``ansatz``.

    Args:
        network: the diagram as a network (only its shape is used, not its words).
        ansatz: a tensor ansatz (:class:`~discojax.semantics.TensorAnsatz` or a subclass).
        whole_tables: ``(table, rows)`` of tables to contract whole and select from (see
            :class:`Operand`), for small tables of large word tensors.

    >>> from discojax.grammar import parse
    >>> from discojax.compile import network_from_parse
    >>> from discojax.semantics import TensorAnsatz
    >>> net = network_from_parse(parse("man runs"))
    >>> lower(net, TensorAnsatz({"n": 2, "s": 2}), (("n.r s", 3),)).equation
    'za,cab,zc->zb'
    """
    whole = dict(whole_tables)
    factorings = [ansatz.factoring(ty) for ty in network.types]
    if sum(len(f.factors) for f in factorings) + len(network.slots) > _MAX_SELECTED_OPERANDS:
        whole = {}  # long sentences: small buckets, and every selector would slow the path search
    # A spider may join wires of different types (the ansatz gives them one dimension).
    labels: Labels[str] = Labels(lambda a, b: a)
    for base in network.label_types:
        labels.new(base)
    find = labels.find
    symbols: dict[int, str] = {}
    operands: list[Operand] = []
    terms: list[str] = []
    # Words whose ansatz joins several wires (a spider) identify those wires' labels.
    for slot, factoring in zip(network.slots, factorings):
        first_wire: dict[int, int] = {}
        for label, local in zip(slot, factoring.wires):
            if local in first_wire:
                labels.union(first_wire[local], label)
            else:
                first_wire[local] = label
    n_labels = len(network.label_types)

    def symbol(key: int) -> str:
        if key not in symbols:
            symbols[key] = einsum_letter(len(symbols))
        return symbols[key]

    bond = n_labels
    for word, (slot, factoring, ty) in enumerate(zip(network.slots, factorings, network.types)):
        local_to_label = {local: find(label) for label, local in zip(slot, factoring.wires)}
        for axes, _ in factoring.factors:
            for local in axes:
                if local not in local_to_label:
                    local_to_label[local] = bond
                    bond += 1
        type_string = format_type(ty)
        for j, (axes, shape) in enumerate(factoring.factors):
            name = table_name(type_string, j, len(factoring.factors))
            axes_term = "".join(symbol(local_to_label[a]) for a in axes)
            if name in whole:
                row = symbol(bond)
                bond += 1
                operands.append(Operand(name, word, tuple(shape), whole=True))
                terms.append(row + axes_term)
                operands.append(Operand(name, word, (whole[name],), selector=True))
                terms.append(BATCH + row)
            else:
                operands.append(Operand(name, word, tuple(shape)))
                terms.append(BATCH + axes_term)
    output = BATCH + "".join(symbol(find(label)) for label in network.output)
    equation = ",".join(terms) + "->" + output
    output_shape = tuple(ansatz.dim(network.label_types[label]) for label in network.output)
    program = Program(equation, tuple(operands), (), output_shape, len(network.slots))
    # dp finds the cheapest path, but its search time explodes with the operands (a chain of
    # prepositional phrases, n = s = 2: 0.23 s at 22 operands, 2.1 s at 26, 9 s at 32, 249 s at
    # 50 words); branch-1 found dp's cost at 26 and 32 operands in 0.05 s, greedy 20% more.
    optimize = "optimal" if len(operands) <= 4 else "dp" if len(operands) <= 20 else "branch-1"
    path, info = opt_einsum.contract_path(
        equation, *program.operand_shapes(8), shapes=True, optimize=optimize
    )
    check_entries(
        int(info.largest_intermediate) // 8,
        "contracting one sentence",
        f"the largest intermediate of {equation}",
    )
    if any(BATCH not in step[2].split("->")[1] for step in info.contraction_list):
        # Two whole tables met before any batched operand: steps are batched across shapes
        # (see _schedule), so every intermediate must keep the batch axis. Gather the
        # smallest whole table instead, and search again.
        used = {op.table: op.shape for op in operands if op.whole}
        smallest = min(used, key=lambda name: math.prod(used[name]))
        kept = tuple((name, rows) for name, rows in whole.items() if name != smallest)
        return lower(network, ansatz, kept)
    return replace(program, path=tuple(map(tuple, path)))


def compilations() -> int:
    """How many contraction programs or batch schedules have been traced for compilation.

    A test or benchmark reads it before and after some work: a second batch of already-seen
    shapes adds nothing.

    >>> compilations() >= 0
    True
    """
    return _compilations


def count_compilation() -> None:
    """Count one trace for compilation (see :func:`compilations`).

    >>> before = compilations(); count_compilation(); compilations() - before
    1
    """
    global _compilations
    _compilations += 1


@bounded_jit(static_argnums=0)
def contract_operands(program: Program, operands: Sequence[jax.Array]) -> jax.Array:
    """Run ``program``'s einsum on operands already gathered, ``(batch, *shape)`` each.

    Jitted once per program and batch size; :func:`compilations` counts the traces.

    >>> import jax.numpy as jnp
    >>> from discojax.grammar import parse
    >>> from discojax.compile import network_from_parse
    >>> from discojax.semantics import TensorAnsatz
    >>> prog = lower(network_from_parse(parse("man runs")), TensorAnsatz({"n": 2, "s": 2}))
    >>> contract_operands(prog, [jnp.array([[1.0, 2.0]]), jnp.eye(2)[None]])
    Array([[1., 2.]], dtype=float32)
    """
    count_compilation()
    return jnp.einsum(program.equation, *operands, optimize=[tuple(p) for p in program.path])


def contract(program: Program, tables: Mapping[str, jax.Array], ids: jax.Array) -> jax.Array:
    """Contract ``program`` for a batch: gather each operand's rows by ``ids``, then einsum.

    Args:
        program: the shape's program (static: one compilation per program and batch size).
        tables: the parameter tables, by name.
        ids: ``(batch, n_words)`` integer rows into the tables.

    Returns:
        The meanings, ``(batch, *program.output_shape)``.

    >>> import jax.numpy as jnp
    >>> from discojax.grammar import parse
    >>> from discojax.compile import network_from_parse
    >>> from discojax.semantics import TensorAnsatz
    >>> prog = lower(network_from_parse(parse("man runs")), TensorAnsatz({"n": 2, "s": 2}))
    >>> tables = {"n": jnp.array([[1.0, 2.0]]), "n.r s": jnp.array([[[1.0, 0.0], [0.0, 1.0]]])}
    >>> contract(prog, tables, jnp.zeros((1, 2), dtype=jnp.int32))
    Array([[1., 2.]], dtype=float32)
    """
    return contract_operands(program, [operand(op, tables, ids) for op in program.operands])


def operand(op: Operand, tables: Mapping[str, jax.Array], ids: jax.Array) -> jax.Array:
    """One operand's array for a batch of word ids: gathered rows, a whole table or a selector.

    >>> import jax.numpy as jnp
    >>> operand(Operand("n", 0, (3,), selector=True), {"n": jnp.ones((3, 2))}, jnp.array([[2]]))
    Array([[0., 0., 1.]], dtype=float32)
    """
    table = tables[op.table]
    if op.whole:
        return table
    if op.selector:
        return jax.nn.one_hot(ids[:, op.word], table.shape[0], dtype=table.dtype)
    return jnp.take(table, ids[:, op.word], axis=0)
