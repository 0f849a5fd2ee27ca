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

from discojax._jit import bounded_jit
from discojax.semantics.circuit._ansatz import CircuitAnsatz
from discojax.semantics.circuit._gates import CONTROLLED, ROTATIONS
from discojax.semantics.circuit._simulate import CircuitBatch

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
    ``loss`` is differentiated by ``jax.grad``. It equals ``jax.grad`` of the simulation. This is
    :func:`discojax.diff.shot_grad` with exact weights (``shots=None``): the same terms, sampled
    under a shot budget there.

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
    from discojax.diff._shots import shot_grad  # discojax.diff reads this module's rules

    outcomes = tuple(2 ** ansatz.n_qubits(base) for base, _ in batch.output_type)

    def measured(probabilities: jax.Array) -> jax.Array:
        return loss(probabilities.reshape(probabilities.shape[0], *outcomes))

    key = jax.random.key(0)  # no draws: exact weights
    return shot_grad(ansatz, batch.output_type, measured, params, batch.batch, None, key)
