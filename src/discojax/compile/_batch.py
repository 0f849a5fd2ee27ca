"""Batches: sentences bucketed by shape, as arrays of word ids, prepared once and reused.

:func:`prepare` groups networks by shape, lowers each shape once (:func:`lower_cached`), and
stores each bucket's word ids as an integer array whose row count is padded up to a power of
two, so the number of compilations stays bounded by (shapes × padding sizes) whatever the
number of sentences. :func:`evaluate` contracts every bucket, with the steps of all shapes
batched together (:mod:`discojax.compile._schedule`), and puts each meaning back at its
sentence's position. A :class:`Batch` is a PyTree (programs are static), so it passes
through ``jax.jit``.

>>> from discojax.grammar import parse
>>> from discojax.compile import network_from_parse
>>> from discojax.semantics import TensorAnsatz
>>> nets = [network_from_parse(parse(t)) for t in ["man runs", "Alice loves Bob", "dog runs"]]
>>> vocab = Vocabulary.from_networks(nets)
>>> batch = prepare(nets, vocab, TensorAnsatz({"n": 2, "s": 2}))
>>> [tuple(b.ids.shape) for b in batch.buckets]
[(2, 2), (1, 3)]
>>> batch.size
3
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import jax
import jax.numpy as jnp
import numpy as np

from discojax.compile._network import Network
from discojax.compile._program import Program, lower, table_name
from discojax.compile._schedule import Schedule, run, schedule
from discojax.compile._vocabulary import Vocabulary
from discojax.errors import CompileError
from discojax.grammar._types import format_type, parse_type


@jax.tree_util.register_dataclass
@dataclass(frozen=True)
class Bucket:
    """The sentences of one shape.

    Attributes:
        program: the shape's contraction program (static).
        ids: ``(rows, n_words)`` table rows of each sentence's words; padding rows repeat row 0.
        index: ``(rows,)`` the sentence each row is (or is a term of: rows of one sentence are
            summed, see :func:`prepare`'s ``owners``); padding rows hold ``batch.size`` and are
            dropped when results are scattered back.
    """

    program: Program = field(metadata={"static": True})
    ids: jax.Array
    index: jax.Array


@jax.tree_util.register_dataclass
@dataclass(frozen=True)
class Batch:
    """Sentences bucketed by shape.

    Attributes:
        buckets: one per shape.
        size: the number of sentences (static).
        output_shape: the shape of one meaning (static); all sentences share it.
    """

    buckets: tuple[Bucket, ...]
    size: int = field(metadata={"static": True})
    output_shape: tuple[int, ...] = field(metadata={"static": True})

    @property
    def shapes(self) -> int:
        """The number of distinct shapes (buckets).

        >>> Batch((), 0, ()).shapes
        0
        """
        return len(self.buckets)

    @property
    def table_names(self) -> tuple[str, ...]:
        """The tables the batch's programs read, sorted.

        >>> Batch((), 0, ()).table_names
        ()
        """
        return tuple(sorted({op.table for b in self.buckets for op in b.program.operands}))


@lru_cache(maxsize=65536)
def lower_cached(
    signature: tuple, network: Network, ansatz: Any, whole_tables: tuple = ()
) -> Program:
    """:func:`~discojax.compile.lower`, once per (shape, ansatz); equal programs share jits.

    >>> from discojax.grammar import parse
    >>> from discojax.compile import network_from_parse
    >>> from discojax.semantics import TensorAnsatz
    >>> net = network_from_parse(parse("man runs"))
    >>> a = TensorAnsatz({"n": 2, "s": 2})
    >>> lower_cached(net.signature, net, a) is lower_cached(net.signature, net, a)
    True
    """
    return lower(network, ansatz, whole_tables)


def padded_size(n: int) -> int:
    """The bucket size ``n`` is padded to: the next power of two.

    >>> [padded_size(n) for n in (1, 2, 3, 5, 64, 65)]
    [1, 2, 4, 8, 64, 128]
    """
    return 1 << max(0, (n - 1).bit_length())


def whole_tables(
    vocabulary: Vocabulary,
    ansatz: Any,
    max_rows: int = 16,
    min_entries: int = 1024,
    max_entries: int = 2**15,
) -> tuple[tuple[str, int], ...]:
    """Tables to contract whole rather than gather row by row: few rows, large words.

    Gathering copies a word's tensor once per sentence; for a table of a dozen relative
    pronouns or auxiliaries of ``d**4`` entries each, contracting every row and then selecting
    each sentence's is many times cheaper in time and memory. Past ``max_entries`` a word, the
    extra flops of every row cost more than reading each sentence's word in place, row by row
    (see :data:`discojax.compile._in_place.MAP_MIN_ENTRIES`).

    >>> from discojax.semantics import TensorAnsatz
    >>> v = Vocabulary({"n": ("a", "b"), "n.r n s.l n": ("who",)})
    >>> whole_tables(v, TensorAnsatz({"n": 8, "s": 8}))
    (('n.r n s.l n', 1),)
    """
    chosen = []
    for type_string in vocabulary.type_strings():
        rows = vocabulary.size(type_string)
        factoring = ansatz.factoring(parse_type(type_string))
        for j, (_, shape) in enumerate(factoring.factors):
            if rows <= max_rows and min_entries <= math.prod(shape) < max_entries:
                chosen.append((table_name(type_string, j, len(factoring.factors)), rows))
    return tuple(chosen)


def prepare(
    networks: Sequence[Network],
    vocabulary: Vocabulary,
    ansatz: Any,
    pad: bool = True,
    whole: tuple[tuple[str, int], ...] | None = None,
    owners: Sequence[int] | None = None,
) -> Batch:
    """Bucket ``networks`` by shape and look up their word ids, once.

    Args:
        networks: the sentences, as networks (see :func:`network_from_parse`).
        vocabulary: rows of the parameter tables.
        ansatz: the tensor ansatz (fixes dimensions and factors).
        pad: pad each bucket's rows to a power of two (bounded compilations).
        whole: tables to contract whole (default: :func:`whole_tables` of the vocabulary).
        owners: the sentence each network is a term of (default: each its own): the batch
            has one meaning per sentence, the sum of its terms' (a formal sum of diagrams).

    Raises:
        UnknownWordError: a word the vocabulary lacks (under its policy), with its position.
        CompileError: sentences of different output types in one batch.

    >>> from discojax.grammar import parse
    >>> from discojax.compile import network_from_parse
    >>> from discojax.semantics import TensorAnsatz
    >>> nets = [network_from_parse(parse(t)) for t in ["man runs", "woman runs"]]
    >>> vocab = Vocabulary.from_networks(nets)
    >>> tables = {"n": jnp.eye(2), "n.r s": jnp.ones((1, 2, 3))}
    >>> summed = prepare(nets, vocab, TensorAnsatz({"n": 2, "s": 3}), owners=[0, 0])
    >>> summed.size, evaluate(tables, summed).tolist()
    (1, [[2.0, 2.0, 2.0]])
    """
    whole = whole_tables(vocabulary, ansatz) if whole is None else whole
    owner = list(range(len(networks))) if owners is None else list(owners)
    size = max(owner, default=-1) + 1
    groups: dict[tuple, list[int]] = {}
    for i, network in enumerate(networks):
        groups.setdefault(network.signature, []).append(i)
    buckets = []
    output_shape: tuple[int, ...] | None = None
    output_type = None
    for signature, members in groups.items():
        first = networks[members[0]]
        program = lower_cached(signature, first, ansatz, whole)
        if output_shape is None:
            output_shape, output_type = program.output_shape, first.output_type
        elif first.output_type != output_type:
            raise CompileError(
                f"sentence {members[0]} has output type {format_type(first.output_type)} but "
                f"earlier ones have {format_type(output_type or ())}: one batch, one output type"
            )
        rows = padded_size(len(members)) if pad else len(members)
        ids = np.zeros((rows, program.n_words), dtype=np.int32)
        index = np.full((rows,), size, dtype=np.int32)
        type_strings = [format_type(t) for t in first.types]
        for r, i in enumerate(members):
            words = networks[i].words
            ids[r] = [
                vocabulary.index(w, t, k) for k, (w, t) in enumerate(zip(words, type_strings))
            ]
            index[r] = owner[i]
        ids[len(members) :] = ids[0]
        # device_put copies; jnp.asarray would compile a program per array shape
        buckets.append(Bucket(program, jax.device_put(ids), jax.device_put(index)))
    return Batch(tuple(buckets), size, output_shape or ())


def schedule_of(batch: Batch) -> Schedule:
    """The batched einsums that evaluate ``batch`` (the same object for the same structure).

    >>> from discojax.grammar import parse
    >>> from discojax.compile import network_from_parse
    >>> from discojax.semantics import TensorAnsatz
    >>> nets = [network_from_parse(parse(t)) for t in ["man runs", "big man runs"]]
    >>> batch = prepare(nets, Vocabulary.from_networks(nets), TensorAnsatz({"n": 2, "s": 2}))
    >>> len(schedule_of(batch).groups)
    3
    """
    return schedule(tuple((b.program, int(b.ids.shape[0])) for b in batch.buckets))


def evaluate(tables: Mapping[str, jax.Array], batch: Batch, in_place: bool = True) -> jax.Array:
    """Every sentence's meaning, in batch order: ``(batch.size, *batch.output_shape)``.

    Pure in ``(tables, batch)``: jit it, differentiate it, vmap it over tables. ``in_place``:
    see :func:`~discojax.compile._schedule.run`.

    >>> import jax
    >>> from discojax.grammar import parse
    >>> from discojax.compile import network_from_parse
    >>> from discojax.semantics import TensorAnsatz
    >>> nets = [network_from_parse(parse(t)) for t in ["man runs", "woman runs"]]
    >>> vocab = Vocabulary.from_networks(nets)
    >>> tables = {"n": jax.numpy.eye(2), "n.r s": jax.numpy.ones((1, 2, 3))}
    >>> evaluate(tables, prepare(nets, vocab, TensorAnsatz({"n": 2, "s": 3}))).shape
    (2, 3)
    """
    if not batch.buckets:
        dtype = jnp.result_type(*tables.values()) if tables else jnp.float32
        return jnp.zeros((batch.size, *batch.output_shape), dtype=dtype)
    steps = schedule_of(batch)
    positions = jnp.concatenate([b.index for b in batch.buckets])
    ids = [b.ids for b in batch.buckets]
    return run(steps, tables, ids, positions, batch.size, in_place)
