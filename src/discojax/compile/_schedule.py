"""Step batching: every shape's pairwise contractions, grouped across shapes.

Each shape's program contracts its operands pair by pair along its optimised path. Most of those
steps are the same small einsum in many shapes (an adjective applied to a noun, a verb to its
subject), so :func:`schedule` groups the steps of all buckets in a batch by what they compute,
level by level (a step's level is one more than that of the results it reads), and each group
runs as one batched einsum over the rows of all its buckets. A batch of hundreds of shapes then
compiles to about a hundred einsums instead of one chain of einsums per shape: compilation
time grows with the number of distinct steps rather than of shapes, and each einsum is larger.

The schedule depends only on the buckets' programs and row counts, never on the words, so it
is computed once per batch structure and its row indices are constants of the trace.

>>> from discojax.grammar import parse
>>> from discojax.compile import network_from_parse, lower
>>> from discojax.semantics import TensorAnsatz
>>> a = TensorAnsatz({"n": 2, "s": 2})
>>> programs = [lower(network_from_parse(parse(t)), a) for t in ["big man runs", "Alice runs"]]
>>> [(g.equation, g.rows) for g in schedule(((programs[0], 4), (programs[1], 2))).groups]
[('za,zba->zb', 4), ('za,zab->zb', 2), ('zab,za->zb', 4)]
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, NamedTuple

import jax
import jax.numpy as jnp
import numpy as np
import opt_einsum

from discojax._jit import bounded_jit
from discojax.compile import _in_place
from discojax.compile._in_place import contract_in_place
from discojax.compile._letters import BATCH
from discojax.compile._pairwise import contract_pair
from discojax.compile._program import Program, count_compilation


@dataclass(frozen=True)
class Leaf:
    """A group input read straight from a parameter table.

    Attributes:
        kind: ``"rows"`` (each row's word's table row), ``"whole"`` (the table itself, no batch
            axis) or ``"onehot"`` (a one-hot ``(batch, table rows)`` selector of each row's word).
        table: the table's name.
        words: per member, ``(bucket, word slot)``: whose word ids pick the rows.
        positions: where those word ids are in all buckets' ids, flattened and concatenated
            (a uint32 array: compact for large batches, and never compared).
    """

    kind: str
    table: str
    words: tuple[tuple[int, int], ...]
    positions: np.ndarray = field(compare=False)  # uint32


@dataclass(frozen=True)
class Values:
    """A group input read from earlier groups' results.

    Attributes:
        groups: the earlier groups whose results are concatenated (in this order).
        rows: the row of that concatenation each row of the input takes (a uint32 array);
            ``None`` when it is the concatenation itself.
    """

    groups: tuple[int, ...]
    rows: np.ndarray | None = field(compare=False)  # uint32


@dataclass(frozen=True)
class Group:
    """One batched einsum: the same step of several buckets.

    Attributes:
        equation: the step's einsum; ``z`` is the batch axis of every batched operand.
        inputs: where each operand comes from.
        members: the buckets whose step this is, in row order.
        rows: the number of rows (all members' rows).
    """

    equation: str
    inputs: tuple[Leaf | Values, ...]
    members: tuple[int, ...]
    rows: int


@dataclass(frozen=True, eq=False)
class Schedule:
    """Groups in evaluation order, and where each bucket's meanings end up.

    Compared by identity (it is a static argument of a jitted function, hashed on every call):
    :func:`schedule` returns the same object for the same buckets.

    Attributes:
        groups: the batched einsums, each after the groups it reads.
        output: the rows, bucket after bucket, of every bucket's final results.
    """

    groups: tuple[Group, ...]
    output: Values


def _canonical(equation: str) -> str:
    """Rename an einsum's indices in order of appearance (``z`` stays the batch axis).

    >>> _canonical("zqp,zq->zp")
    'zab,za->zb'
    """
    names: dict[str, str] = {}
    out = []
    for ch in equation:
        if ch in ",->" or ch == BATCH:
            out.append(ch)
            continue
        if ch not in names:
            k = len(names)
            names[ch] = opt_einsum.get_symbol(k if k < 25 else k + 1)  # skip "z"
        out.append(names[ch])
    return "".join(out)


def _steps(program: Program) -> list[tuple[str, tuple[int, ...]]]:
    """A program's pairwise steps: each step's einsum and the nodes it reads.

    Nodes ``0 .. len(operands) - 1`` are the program's operands; step ``k`` makes node
    ``len(operands) + k``.
    """
    _, info = opt_einsum.contract_path(
        program.equation,
        *program.operand_shapes(),
        shapes=True,
        optimize=[tuple(p) for p in program.path],
    )
    live = list(range(len(program.operands)))
    steps = []
    for n, (positions, _, equation, *_) in enumerate(info.contraction_list):
        reads = tuple(live[p] for p in positions)
        for p in sorted(positions, reverse=True):
            live.pop(p)
        live.append(len(program.operands) + n)
        steps.append((equation, reads))
    return steps


def _keyed_steps(program: Program) -> list[tuple[tuple, int, tuple[int, ...]]]:
    """Each step of ``program`` with its group key ``(level, einsum, inputs)``, node and reads.

    A step's level is one more than the highest level it reads (operands are level 0). Its
    inputs are sorted by what they are, so the same step with its operands swapped has the same
    key; the einsum is canonical (see :func:`_canonical`).
    """
    n = len(program.operands)
    level = dict.fromkeys(range(n), 0)
    # Each node's shape, without the batch axis (a whole table keeps its rows).
    shapes = {
        k: shape if op.whole else shape[1:]
        for k, (op, shape) in enumerate(zip(program.operands, program.operand_shapes()))
    }
    keyed = []
    for node, (equation, reads) in enumerate(_steps(program), start=n):
        terms, output = equation.split("->")
        inputs: list[tuple[tuple, str, int]] = []
        dims: dict[str, int] = {}
        for term, r in zip(terms.split(","), reads):
            axes = term.replace(BATCH, "")
            dims.update(zip(axes, shapes[r][len(shapes[r]) - len(axes) :]))
            if r < n:
                op = program.operands[r]
                kind = "whole" if op.whole else ("onehot" if op.selector else "rows")
                inputs.append(((kind, op.table, op.shape), term, r))
            else:
                inputs.append((("values", shapes[r]), term, r))
        shapes[node] = tuple(dims[c] for c in output if c != BATCH)
        level[node] = 1 + max(level[r] for r in reads)
        inputs.sort(key=lambda entry: entry[0])
        equation = ",".join(term for _, term, _ in inputs) + "->" + output
        key = (level[node], _canonical(equation), tuple(k for k, _, _ in inputs))
        keyed.append((key, node, tuple(r for _, _, r in inputs)))
    return keyed


@lru_cache(maxsize=256)
def schedule(buckets: tuple[tuple[Program, int], ...]) -> Schedule:
    """Group the steps of ``buckets`` (each a program and its row count) into batched einsums.

    >>> from discojax.grammar import parse
    >>> from discojax.compile import network_from_parse, lower
    >>> from discojax.semantics import TensorAnsatz
    >>> p = lower(network_from_parse(parse("Alice loves Bob")), TensorAnsatz({"n": 2, "s": 2}))
    >>> s = schedule(((p, 8), (p, 2)))
    >>> [(g.equation, g.rows) for g in s.groups]
    [('za,zb->zab', 10), ('zabc,zca->zb', 10)]
    """
    pending: dict[tuple, list[tuple[int, int, tuple[int, ...]]]] = {}
    where: list[dict[int, Any]] = []  # each bucket's nodes: an Operand, or (group, offset)
    for b, (program, _) in enumerate(buckets):
        where.append(dict(enumerate(program.operands)))
        for key, node, reads in _keyed_steps(program):
            pending.setdefault(key, []).append((b, node, reads))
    sizes = [program.n_words * rows for program, rows in buckets]
    starts = np.concatenate([[0], np.cumsum(sizes)[:-1]]).astype(int)
    groups: list[Group] = []
    for key in sorted(pending, key=lambda key: key[0]):
        members = pending[key]
        offsets, rows = [], 0
        for b, _, _ in members:
            offsets.append(rows)
            rows += buckets[b][1]
        g = len(groups)
        inputs: list[Leaf | Values] = []
        for i, input_key in enumerate(key[2]):
            if input_key[0] != "values":
                words = tuple((b, where[b][reads[i]].word) for b, _, reads in members)
                positions = np.concatenate(
                    [
                        starts[b] + w + buckets[b][0].n_words * np.arange(buckets[b][1])
                        for b, w in words
                    ]
                )
                inputs.append(Leaf(input_key[0], input_key[1], words, positions.astype(np.uint32)))
                continue
            sources = [where[b][reads[i]] for b, _, reads in members]
            inputs.append(_gather(sources, [buckets[b][1] for b, _, _ in members], groups))
        groups.append(Group(key[1], tuple(inputs), tuple(b for b, _, _ in members), rows))
        for (b, node, _), offset in zip(members, offsets):
            where[b][node] = (g, offset)
    sources = [nodes[max(nodes)] for nodes in where]
    output = _gather(sources, [rows for _, rows in buckets], groups)
    return Schedule(tuple(groups), output)


def _gather(sources: Sequence[tuple], counts: Sequence[int], groups: Sequence[Group]) -> Values:
    """The rows of earlier results that ``sources`` (``(group, offset)``, ``counts`` rows) name."""
    chosen = tuple(sorted({source[0] for source in sources}))
    base, total = {}, 0
    for g in chosen:
        base[g] = total
        total += groups[g].rows
    rows = np.concatenate(
        [base[g] + offset + np.arange(n) for (g, offset), n in zip(sources, counts)]
    )
    if len(rows) == total and np.array_equal(rows, np.arange(total)):
        return Values(chosen, None)
    return Values(chosen, rows.astype(np.uint32))


def run(
    schedule: Schedule,
    tables: Mapping[str, jax.Array],
    ids: Sequence[jax.Array],
    positions: jax.Array | None = None,
    size: int = 0,
    in_place: bool = True,
) -> Any:
    """Evaluate a schedule: every bucket's results, bucket after bucket, ``(rows, *shape)``.

    Jitted once per schedule (and argument shapes); old schedules' executables are let go
    before the process runs out of memory maps (see :mod:`discojax._jit`).

    Args:
        schedule: from :func:`schedule`.
        tables: the parameter tables, by name.
        ids: each bucket's ``(rows, words)`` word ids.
        positions: if given, result row ``k`` is added to row ``positions[k]`` of a
            ``(size, *shape)`` array of zeros, which is returned instead (positions past the
            end drop their row: padding; rows at one position are summed: the terms of a
            formal sum).
        size: the rows of that array.
        in_place: read large word tensors in place (see :mod:`discojax.compile._in_place`);
            ``False`` gathers them, for tables rebuilt at every call (the corpus models).

    >>> from discojax.grammar import parse
    >>> from discojax.compile import network_from_parse, lower
    >>> from discojax.semantics import TensorAnsatz
    >>> p = lower(network_from_parse(parse("man runs")), TensorAnsatz({"n": 2, "s": 2}))
    >>> tables = {"n": jnp.array([[1.0, 2.0]]), "n.r s": jnp.eye(2)[None]}
    >>> run(schedule(((p, 1),)), tables, [jnp.zeros((1, 2), dtype=jnp.int32)])
    Array([[1., 2.]], dtype=float32)
    >>> ids = [jnp.zeros((2, 2), dtype=jnp.int32)]
    >>> run(schedule(((p, 2),)), tables, ids, positions=jnp.array([1, 3]), size=2)
    Array([[0., 0.],
           [1., 2.]], dtype=float32)
    """
    return _run(schedule, dict(tables), tuple(ids), positions, size, in_place)


@bounded_jit(static_argnums=(0, 4, 5))
def _run(
    schedule: Schedule,
    tables: Mapping[str, jax.Array],
    ids: Sequence[jax.Array],
    positions: jax.Array | None,
    size: int,
    in_place: bool,
) -> Any:
    """:func:`run`, traced."""
    count_compilation()
    # Word ids of several buckets are gathered from all ids, flattened (XLA drops this when no
    # input needs it).
    flat = jnp.concatenate([bucket_ids.reshape(-1) for bucket_ids in ids]).astype(jnp.uint32)
    state = _State(tables, ids, flat, [])
    for group in schedule.groups:
        mapped = _mapped_input(group, tables) if in_place else None
        if mapped is not None:
            state.results.append(_contract_in_place(group, mapped, state))
            continue
        operands = [_input(source, state) for source in group.inputs]
        if len(operands) == 2:
            state.results.append(contract_pair(group.equation, *operands))
        else:
            state.results.append(jnp.einsum(group.equation, *operands))
    values = _input(schedule.output, state)
    if positions is None:
        return values
    dtype = jnp.result_type(*tables.values())
    out = jnp.zeros((size, *values.shape[1:]), dtype=dtype)
    return out.at[positions].add(values.astype(dtype), mode="drop")


class _State(NamedTuple):
    """What group inputs are read from while a schedule runs."""

    tables: Mapping[str, jax.Array]
    ids: Sequence[jax.Array]  # each bucket's word ids
    flat_ids: jax.Array  # all of them, flattened and concatenated
    results: list[jax.Array]  # each group's result, so far


def _mapped_input(group: Group, tables: Mapping[str, jax.Array]) -> int | None:
    """The input of a two-operand group to read from its table in place, in a loop, if any.

    A row's word tensor is read in place when it has
    :data:`~discojax.compile._in_place.MAP_MIN_ENTRIES` entries or more, on the CPU (see
    :func:`discojax.compile._in_place.reads_in_place`).
    """
    terms = group.equation.split("->")[0].split(",")
    if len(terms) != 2 or not all(term.startswith(BATCH) for term in terms):
        return None
    for k, source in enumerate(group.inputs):
        if isinstance(source, Leaf) and source.kind == "rows":
            if _in_place.reads_in_place(math.prod(tables[source.table].shape[1:])):
                return k
    return None


def _contract_in_place(group: Group, mapped: int, state: _State) -> jax.Array:
    """A two-operand group whose input ``mapped`` is read from its table in place."""
    source = group.inputs[mapped]
    assert isinstance(source, Leaf)
    table = state.tables[source.table]
    word_ids = _word_ids(source, state)
    other = _input(group.inputs[1 - mapped], state)
    return contract_in_place(group.equation, mapped, table, word_ids, other)


def _input(source: Leaf | Values, state: _State) -> jax.Array:
    """One group input's array."""
    if isinstance(source, Values):
        parts = [state.results[g] for g in source.groups]
        joined = parts[0] if len(parts) == 1 else jnp.concatenate(parts)
        if source.rows is None:
            return joined
        return _rows(joined, source.rows)
    table = state.tables[source.table]
    if source.kind == "whole":
        return table
    word_ids = _word_ids(source, state)
    if source.kind == "onehot":
        return jax.nn.one_hot(word_ids, table.shape[0], dtype=table.dtype)
    return _rows(table, word_ids)


def _word_ids(source: Leaf, state: _State) -> jax.Array:
    """The word ids of a leaf input's rows: one bucket's column, or gathered from all ids."""
    if len(source.words) == 1:
        bucket, word = source.words[0]
        return state.ids[bucket][:, word]
    return _rows(state.flat_ids, source.positions)


def _rows(array: jax.Array, index: Any) -> jax.Array:
    """``array[index]``, with no bounds checks: every index is valid by construction.

    >>> _rows(jnp.arange(6).reshape(3, 2), np.array([2, 0])).tolist()
    [[4, 5], [0, 1]]
    """
    return array.at[index].get(mode="promise_in_bounds")
