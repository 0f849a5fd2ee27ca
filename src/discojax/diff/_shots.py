"""Parameter shift under a finite shot budget: every shifted circuit of a batch, sampled.

A device cannot differentiate amplitudes: it runs circuits and counts outcomes. The Born
weights ``P(o)`` of a sentence are linear in each word's density matrix, so their derivative in
an angle is a combination of the weights of *circuits*, the sentence with one word occurrence's
angle shifted (:func:`~discojax.diff.rules` with ``born=True``: two terms a rotation, four a
controlled rotation; summed over the occurrences, the product rule). Here the terms are made
from a compiler batch inside ``jit``, as :func:`~discojax.diff.prepare_derivatives` makes them
from sentences: a term is its sentence's row with one word slot's id moved to a *derived row*
(its angles shifted, :func:`~discojax.diff._batch.shifted_angles`), so it runs the sentence's
own program. Each term is its own circuit, with its own Born weights: the formal sum is taken
after the Born rule, on the estimates.

:func:`sampled_probabilities` is the read-out a device gives, with its gradient as a device
computes it (a ``jax.custom_vjp``): forward, each sentence's circuit run ``shots`` times
(:func:`~discojax.quantum.sample`: runs a post-selection discards are lost), ``P̂(o) =
counts(o) / (shots · 2^-Q)`` and ``p̂ = P̂ / ΣP̂``; backward, every term circuit run ``shots``
times with independent draws, ``∂P̂`` from the rule's coefficients, ``∂p̂`` by the quotient rule,
and the loss's classical part by ``jax.grad`` (the chain rule). ``shots=None`` is the exact
limit: the parameter-shift rule on exact weights, equal to ``jax.grad`` of the simulation. The
seed is a JAX key: the same key, the same draws. The derivative terms are unbiased estimates of
``∂P``; through the normalisation and the loss the plug-in estimate has an ``O(1/shots)`` bias.

Cost, in circuit evaluations (:func:`circuit_evaluations`): per sentence, one forward run plus
one run per term (2 a rotation, 4 a controlled rotation, per word occurrence); SPSA's step costs
2 per sentence whatever the parameters.

>>> import jax, jax.numpy as jnp
>>> from discojax.quantum import CircuitAnsatz, QuantumModel
>>> m = QuantumModel.from_data(["Alice runs"], CircuitAnsatz({"n": 1, "s": 1}))
>>> params, batch = m.angles(m.init(jax.random.key(0))), m.prepare(["Alice runs"])
>>> exact = sampled_probabilities(m.circuit, m.output_type, None, params, batch, jax.random.key(1))
>>> bool(jnp.allclose(exact, m.apply(params, batch)))
True
>>> circuit_evaluations(m.circuit, batch, gradient=True)  # forward + 3 rotations x 2 + 1 CRz x 4
11
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from functools import partial
from typing import Any

import jax
import jax.numpy as jnp
import numpy as np

from discojax.compile._batch import Batch, Bucket, evaluate
from discojax.compile._letters import BATCH
from discojax.compile._program import Program
from discojax.diff._batch import Combos, _combos, shifted_angles
from discojax.errors import DifferentiationError
from discojax.grammar._types import Type
from discojax.semantics.circuit._ansatz import CircuitAnsatz
from discojax.semantics.circuit._shots import sample
from discojax.semantics.circuit._simulate import (
    ZERO_SUCCESS,
    born,
    normalise,
    state_tables,
    unreverse,
)


def program_qubits(program: Program, ansatz: CircuitAnsatz) -> int:
    """The qubits of the wires a program contracts: its sentences succeed with probability
    ``ΣP(o) / 2^Q`` (as :func:`~discojax.semantics.circuit._simulate.contracted_qubits`
    finds from a network, for a bucket inside ``jit``).

    Raises:
        DifferentiationError: a program that contracts a whole table (see
            :class:`~discojax.compile.Operand`): its rows cannot be shifted one by one.

    >>> from discojax.quantum import QuantumModel
    >>> m = QuantumModel.from_data(["Alice loves Bob"], CircuitAnsatz({"n": 2, "s": 1}))
    >>> program_qubits(m.prepare(["Alice loves Bob"]).buckets[0].program, m.circuit)
    4
    """
    inputs, output = program.equation.split("->")
    dims: dict[str, int] = {}
    for term, operand in zip(inputs.split(","), program.operands):
        if operand.whole or operand.selector:
            raise DifferentiationError(
                f"table {operand.table!r} is contracted whole: shot gradients shift rows one by "
                "one (prepare the batch with whole=())"
            )
        dims.update(zip(term.removeprefix(BATCH), operand.shape))
    per_qubit = 4 if ansatz.is_mixed else 2
    return sum(round(math.log(d, per_qubit)) for c, d in dims.items() if c not in output)


def _born_combos(ansatz: CircuitAnsatz, batch: Batch) -> dict[str, Combos]:
    return {t: _combos(ansatz, t, born=True) for t in batch.table_names}


def _slots(program: Program, combos: Mapping[str, Combos]) -> list[tuple[int, str, int]]:
    """``(slot, table, terms)`` of every word slot whose word has angles."""
    found = []
    for op in program.operands:
        if len(combos.get(op.table, ())) > 0:
            found.append((op.word, op.table, len(combos[op.table])))
    return found


def circuit_evaluations(ansatz: CircuitAnsatz, batch: Batch, gradient: bool) -> int:
    """Circuits a device runs for one step on ``batch``'s sentences (padding rows not counted):
    with ``gradient``, one per sentence and one per parameter-shift term; else SPSA's two.

    >>> from discojax.quantum import QuantumModel
    >>> m = QuantumModel.from_data(["Alice loves Bob"], CircuitAnsatz({"n": 1, "s": 1}))
    >>> b = m.prepare(["Alice loves Bob", "Bob loves Alice"])
    >>> circuit_evaluations(m.circuit, b, True), circuit_evaluations(m.circuit, b, False)
    (42, 4)
    """
    combos = _born_combos(ansatz, batch)
    total = 0
    for bucket in batch.buckets:
        sentences = int(np.sum(np.asarray(bucket.index) < batch.size))
        terms = sum(k for *_, k in _slots(bucket.program, combos))
        total += sentences * (1 + terms if gradient else 2)
    return total


def _term_batch(batch: Batch, combos: Mapping[str, Combos], rows: Mapping[str, int]) -> Batch:
    """Every term of every row of ``batch``, each its own item, bucket by bucket: for each
    slot with ``k`` terms, ``k`` copies of the rows with that slot's id moved to the derived
    row ``rows[table] + id * k + term`` (the layout of :func:`shifted_angles`)."""
    buckets, offset = [], 0
    for bucket in batch.buckets:
        parts = []
        for slot, table, k in _slots(bucket.program, combos):
            step = jnp.arange(k, dtype=bucket.ids.dtype)[:, None]
            moved = rows[table] + bucket.ids[None, :, slot] * k + step
            ids = jnp.broadcast_to(bucket.ids, (k, *bucket.ids.shape)).at[:, :, slot].set(moved)
            parts.append(ids.reshape(-1, bucket.ids.shape[1]))
        if not parts:
            continue
        ids = jnp.concatenate(parts)
        index = offset + jnp.arange(ids.shape[0], dtype=bucket.index.dtype)
        buckets.append(Bucket(bucket.program, ids, index))
        offset += ids.shape[0]
    return Batch(tuple(buckets), offset, batch.output_shape)


def _weights(ansatz: CircuitAnsatz, tables: Mapping[str, jax.Array], batch: Batch, ty: Type):
    """``(items, outcomes)`` unnormalised Born weights of ``batch``'s items."""
    values = unreverse(evaluate(tables, batch), ty, ansatz)
    weights = born(values, ty, ansatz)
    return weights.reshape(weights.shape[0], -1)


def _estimate(weights: jax.Array, scale: jax.Array, shots: int | None, key: jax.Array):
    """``P̂``: the weights estimated from ``shots`` runs each (exact if ``shots`` is None)."""
    if shots is None:
        return weights
    counts = sample(normalise(weights, scale), shots, key).counts
    return counts.astype(weights.dtype) / (shots * scale[:, None]).astype(weights.dtype)


def _scales(ansatz: CircuitAnsatz, batch: Batch, size: int) -> jax.Array:
    """``(size,)`` the ``2^-Q`` of each item of ``batch``, from its bucket's program."""
    scale = jnp.ones((size,), jnp.float32)
    for bucket in batch.buckets:
        value = 2.0 ** -program_qubits(bucket.program, ansatz)
        scale = scale.at[bucket.index].set(value, mode="drop")
    return scale


def _normalised(weights: jax.Array) -> tuple[jax.Array, jax.Array, jax.Array]:
    """``(p, total, ok)`` of ``(items, outcomes)`` weights; ``p`` uniform where not ``ok``."""
    total = weights.sum(axis=1)
    ok = total > ZERO_SUCCESS
    safe = jnp.where(ok, total, 1.0)
    p = jnp.where(ok[:, None], weights / safe[:, None], 1.0 / weights.shape[1])
    return p, safe, ok


def _forward(ansatz, output_type, shots, angles, batch, key):
    tables = state_tables(ansatz, angles, batch.table_names)
    weights = _weights(ansatz, tables, batch, output_type)
    scale = _scales(ansatz, batch, batch.size)
    estimate = _estimate(weights, scale, shots, jax.random.fold_in(key, 0))
    return _normalised(estimate)[0], estimate


@partial(jax.custom_vjp, nondiff_argnums=(0, 1, 2))
def sampled_probabilities(
    ansatz: CircuitAnsatz,
    output_type: Type,
    shots: int | None,
    angles: Mapping[str, jax.Array],
    batch: Batch,
    key: jax.Array,
) -> jax.Array:
    """Each sentence's distribution estimated from ``shots`` runs, differentiable by the
    parameter-shift rule under the same shots (see the module): ``(size, outcomes)``.

    Args:
        ansatz: the circuit ansatz (static).
        output_type: the sentences' type (static).
        shots: runs per circuit (static), at most :data:`~discojax.quantum.MAX_SHOTS`; ``None``
            for exact weights.
        angles: the angle tables.
        batch: the compiler's batch of the sentences (a :class:`~discojax.QuantumModel`'s
            ``prepare``, or a minibatch of it).
        key: the draws' seed: the forward runs use ``fold_in(key, 0)``, the gradient's
            ``fold_in(key, 1)``.

    Raises:
        ValueError: ``shots`` out of range (see :func:`~discojax.quantum.sample`).
        DifferentiationError: a batch that contracts a whole table.

    >>> import jax
    >>> from discojax.quantum import QuantumModel
    >>> m = QuantumModel.from_data(["Alice runs"], CircuitAnsatz({"n": 1, "s": 1}))
    >>> a, b = m.angles(m.init(jax.random.key(0))), m.prepare(["Alice runs"])
    >>> f = lambda a, k: sampled_probabilities(m.circuit, m.output_type, 1000, a, b, k)[0, 0]
    >>> float(f(a, jax.random.key(2))) == float(f(a, jax.random.key(2)))  # same key, same draws
    True
    >>> sorted(jax.grad(f)(a, jax.random.key(2)))
    ['n', 'n.r s']
    """
    return _forward(ansatz, output_type, shots, angles, batch, key)[0]


def _fwd(ansatz, output_type, shots, angles, batch, key):
    p, estimate = _forward(ansatz, output_type, shots, angles, batch, key)
    return p, (angles, batch, key, estimate)


def _bwd(ansatz, output_type, shots, residuals, upstream):
    angles, batch, key, estimate = residuals
    p, total, ok = _normalised(estimate)
    combos = _born_combos(ansatz, batch)
    rows = {t: angles[t].shape[0] for t in combos}
    extended = {
        t: jnp.concatenate([angles[t], shifted_angles(angles[t], cs)]) if cs else angles[t]
        for t, cs in combos.items()
    }
    terms = _term_batch(batch, combos, rows)
    grads = {name: jnp.zeros_like(table) for name, table in angles.items()}
    if terms.size:
        tables = state_tables(ansatz, extended, terms.table_names)
        weights = _weights(ansatz, tables, terms, output_type)
        scale = _scales(ansatz, terms, terms.size)
        d = _estimate(weights, scale, shots, jax.random.fold_in(key, 1))
        offset = 0
        for bucket in batch.buckets:
            slots = _slots(bucket.program, combos)
            if not slots:
                continue
            index = bucket.index
            keep = (index < batch.size) & jnp.take(ok, index, mode="fill", fill_value=False)
            g = jnp.take(upstream, index, axis=0, mode="fill", fill_value=0)
            p_rows = jnp.take(p, index, axis=0, mode="fill", fill_value=0)
            t_rows = jnp.take(total, index, mode="fill", fill_value=1)
            n_rows = bucket.ids.shape[0]
            for slot, table, k in slots:
                block = d[offset : offset + k * n_rows].reshape(k, n_rows, -1)
                offset += k * n_rows
                columns = angles[table].shape[1]
                coeff = np.zeros((columns, k))
                for j, (_, column, _, c) in enumerate(combos[table]):
                    coeff[column, j] = c
                d_weights = jnp.tensordot(jnp.asarray(coeff, block.dtype), block, axes=1)
                d_total = d_weights.sum(axis=2, keepdims=True)
                d_p = (d_weights - p_rows[None] * d_total) / t_rows[None, :, None]
                contribution = jnp.einsum("cro,ro->rc", d_p, g.astype(d_p.dtype))
                contribution = jnp.where(keep[:, None], contribution, 0.0)
                grads[table] = (
                    grads[table]
                    .at[bucket.ids[:, slot]]
                    .add(contribution.astype(grads[table].dtype))
                )
    return grads, None, None


sampled_probabilities.defvjp(_fwd, _bwd)


def shot_grad(
    ansatz: CircuitAnsatz,
    output_type: Type,
    loss: Any,
    angles: Mapping[str, jax.Array],
    batch: Batch,
    shots: int | None,
    key: jax.Array,
) -> dict[str, jax.Array]:
    """The gradient of ``loss(probabilities)`` by the parameter-shift rule under ``shots``.

    >>> import jax
    >>> from discojax.quantum import QuantumModel
    >>> m = QuantumModel.from_data(["Bob runs"], CircuitAnsatz({"n": 1, "s": 1}))
    >>> a, b = m.angles(m.init(jax.random.key(0))), m.prepare(["Bob runs"])
    >>> g = shot_grad(m.circuit, m.output_type, jax.numpy.sum, a, b, 100, jax.random.key(0))
    >>> float(abs(g["n"]).max()) < 1e-6  # probabilities sum to 1 whatever angles and draws
    True
    """
    return jax.grad(
        lambda a: loss(sampled_probabilities(ansatz, output_type, shots, a, batch, key))
    )(dict(angles))
