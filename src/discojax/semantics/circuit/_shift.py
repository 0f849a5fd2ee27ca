"""The parameter-shift rule: gradients from shifted evaluations, as a device computes them.

A sentence's Born weight ``P(o)`` is linear in each word's density matrix, and each angle
enters one gate of one word occurrence, so its derivative is a combination of the weights at
shifted angles (Schuld et al. 2019; Toumi 2022's diagrammatic differentiation sums these over
the occurrences of a word, the product rule). In turns (``Rz(θ) = exp(-iπθZ)``):

- a rotation ``Rx | Ry | Rz``: ``∂P/∂θ = π [P(θ + 1/4) - P(θ - 1/4)]``;
- a controlled rotation ``CRx | CRz`` (generator eigenvalues ``0, ±1/2``), the four-term rule
  of Anselmetti et al. 2021: ``∂P/∂θ = 2π [d₊ (P(θ + 1/4) - P(θ - 1/4)) - d₋ (P(θ + 3/4) -
  P(θ - 3/4))]`` with ``d± = (√2 ± 1) / (4√2)``.

The normalised distribution ``p = P / ΣP`` is differentiated by the quotient rule from the
same shifted weights, and a loss by the chain rule (its classical part by ``jax.grad``).

>>> import jax, jax.numpy as jnp
>>> from discojax.quantum import CircuitAnsatz, QuantumModel
>>> model = QuantumModel.from_data(["Alice runs"], CircuitAnsatz({"n": 1, "s": 1}))
>>> params, circuits = model.init(jax.random.key(0)), model.prepare_circuits(["Alice runs"])
>>> loss = lambda p: -jnp.log(p[:, 0]).sum()
>>> shift = parameter_shift_grad(model.ansatz, loss, params, circuits)
>>> auto = jax.grad(lambda q: loss(model.apply(q, circuits.batch)))(params)
>>> all(bool(jnp.allclose(shift[k], auto[k], atol=1e-4)) for k in params)
True
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping

import jax
import jax.numpy as jnp
import numpy as np

from discojax._jit import bounded_jit
from discojax.compile._program import Program, contract
from discojax.grammar._types import parse_type
from discojax.semantics.circuit._ansatz import CircuitAnsatz
from discojax.semantics.circuit._gates import CONTROLLED, ROTATIONS
from discojax.semantics.circuit._simulate import (
    ZERO_SUCCESS,
    CircuitBatch,
    born,
    simulate,
    unreverse,
)

_D_PLUS = (math.sqrt(2) + 1) / (4 * math.sqrt(2))
_D_MINUS = (math.sqrt(2) - 1) / (4 * math.sqrt(2))


def shift_rule(gate: str) -> tuple[tuple[float, float], ...]:
    """The ``(shift, coefficient)`` pairs of a gate's rule: ``∂P = Σ c · P(θ + s)``.

    >>> [(s, round(c, 4)) for s, c in shift_rule("Rz")]
    [(0.25, 3.1416), (-0.25, -3.1416)]
    >>> len(shift_rule("CRz"))
    4
    """
    if gate in ROTATIONS:
        return ((0.25, math.pi), (-0.25, -math.pi))
    if gate in CONTROLLED:
        a, b = 2 * math.pi * _D_PLUS, 2 * math.pi * _D_MINUS
        return ((0.25, a), (-0.25, -a), (0.75, -b), (-0.75, b))
    raise ValueError(f"gate {gate!r} has no parameter")


def angle_rules(
    ansatz: CircuitAnsatz, type_string: str
) -> tuple[tuple[tuple[float, float], ...], ...]:
    """The shift rule of each angle of a word of type ``type_string``.

    >>> len(angle_rules(CircuitAnsatz({"n": 1, "s": 1}), "n.r s n.l"))
    2
    """
    ty = parse_type(type_string)
    rules: dict[int, tuple[tuple[float, float], ...]] = {}
    for gate in ansatz.gates(ansatz.circuit_qubits(ty)):
        if gate.param is not None:
            rules[gate.param] = shift_rule(gate.name)
    return tuple(rules[j] for j in range(ansatz.n_params(ty)))


def _bucket_weights(
    ansatz: CircuitAnsatz, program: Program, types: list[str], slots: list[jax.Array], output_type
) -> jax.Array:
    """Born weights of a bucket whose every word slot has its own angles ``(rows, n)``."""
    rows = slots[0].shape[0]
    tables: dict[str, jax.Array] = {}
    columns: list[jax.Array] = [jnp.zeros(0, jnp.int32)] * len(slots)
    for name in sorted(set(types)):
        members = [w for w, t in enumerate(types) if t == name]
        angles = jnp.concatenate([slots[w] for w in members], axis=0)
        tables[name] = ansatz.states(parse_type(name), angles)
        for i, w in enumerate(members):
            columns[w] = i * rows + jnp.arange(rows, dtype=jnp.int32)
    ids = jnp.stack(columns, axis=1)
    values = unreverse(contract(program, tables, ids), output_type, ansatz)
    return born(values, output_type, ansatz)


@bounded_jit(static_argnums=(0, 1))
def parameter_shift_grad(
    ansatz: CircuitAnsatz,
    loss: Callable[[jax.Array], jax.Array],
    params: Mapping[str, jax.Array],
    batch: CircuitBatch,
) -> dict[str, jax.Array]:
    """The gradient of ``loss(probabilities)`` by the parameter-shift rule.

    Every derivative of the circuits comes from evaluations at shifted angles (two per
    rotation, four per controlled rotation, for each word occurrence); only the classical
    ``loss`` is differentiated by ``jax.grad``. It equals ``jax.grad`` of the simulation.

    Args:
        ansatz: the circuit ansatz (static).
        loss: a function of the ``(size, *outcomes)`` probabilities to a scalar (static).
        params: the angle tables.
        batch: the prepared sentences.

    Returns:
        One gradient table per angle table.

    >>> import jax.numpy as jnp
    >>> from discojax.quantum import QuantumModel
    >>> m = QuantumModel.from_data(["Bob runs"], CircuitAnsatz({"n": 1, "s": 1}))
    >>> g = parameter_shift_grad(m.ansatz, jnp.sum, m.init(jax.random.key(0)), m.prepare_circuits(["Bob runs"]))
    >>> float(jnp.abs(g["n"]).max()) < 1e-5  # probabilities sum to 1 whatever the angles
    True
    """
    outcome = simulate(ansatz, params, batch)
    upstream = jax.grad(loss)(outcome.probabilities)
    grads = {name: jnp.zeros_like(table) for name, table in params.items()}
    for bucket in batch.batch.buckets:
        program = bucket.program
        types = [""] * program.n_words
        for op in program.operands:
            types[op.word] = op.table
        ids = bucket.ids
        slots = [jnp.take(params[t], ids[:, w], axis=0) for w, t in enumerate(types)]
        weights = _bucket_weights(ansatz, program, types, slots, batch.output_type)
        axes = tuple(range(1, weights.ndim))
        expand = (slice(None),) + (None,) * len(axes)
        total = weights.sum(axis=axes)
        ok = total > ZERO_SUCCESS
        safe = jnp.where(ok, total, 1.0)
        p = weights / safe[expand]
        g = jnp.take(upstream, bucket.index, axis=0, mode="fill", fill_value=0)
        valid = (bucket.index < batch.size)[:, None]
        for w, name in enumerate(types):
            rules = angle_rules(ansatz, name)
            if not rules:
                continue
            shifts, coeffs = [], []
            for j, rule in enumerate(rules):
                for s, c in rule:
                    row = np.zeros(len(rules), dtype=np.float64)
                    row[j] = s
                    shifts.append(row)
                    factor = np.zeros(len(rules))
                    factor[j] = c
                    coeffs.append(factor)
            shift = jnp.asarray(np.stack(shifts), dtype=slots[w].dtype)  # (m, n)
            coeff = jnp.asarray(np.stack(coeffs).T, dtype=weights.dtype)  # (n, m)

            def shifted(delta, w=w, slots=slots, program=program, types=types):
                moved = list(slots)
                moved[w] = slots[w] + delta[None, :]
                return _bucket_weights(ansatz, program, types, moved, batch.output_type)

            many = jax.vmap(shifted)(shift)  # (m, rows, *outcomes)
            d_weights = jnp.tensordot(coeff, many, axes=1)  # (n, rows, *outcomes)
            d_total = d_weights.sum(axis=tuple(range(2, d_weights.ndim)))
            d_p = (d_weights - p[None] * d_total[(slice(None), *expand)]) / safe[None][
                (slice(None), *expand)
            ]
            d_p = jnp.where(ok[None][(slice(None), *expand)], d_p, 0.0)
            contribution = jnp.einsum("nr...,r...->rn", d_p, g)
            contribution = jnp.where(valid, contribution, 0.0)
            grads[name] = grads[name].at[ids[:, w]].add(contribution.astype(grads[name].dtype))
    return grads
