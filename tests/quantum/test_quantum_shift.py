"""The parameter-shift rule equals jax.grad, for every family, pure and mixed."""

from __future__ import annotations

import jax
import jax.numpy as jnp
import numpy as np
import pytest

from discojax.quantum import CircuitAnsatz, QuantumModel, parameter_shift_grad
from discojax.semantics.circuit._shift import shift_rule

# repeated words ("man ... man") exercise the product rule; 3 sentences pad to 4 rows
TEXTS = ["man prepares man", "woman cooks tasty sauce", "skillful man runs"]


def _loss(p):
    labels = jnp.array([0, 1, 1, 0])[: p.shape[0]]
    return -jnp.mean(jnp.log(p[jnp.arange(p.shape[0]), labels] + 1e-9))


def _agree(ansatz: CircuitAnsatz, key: int = 0, texts=TEXTS):
    model = QuantumModel.from_data(texts, ansatz)
    params = model.init(jax.random.key(key), dtype=jnp.float64)
    circuits = model.prepare_circuits(texts)
    batch = circuits.batch
    shifted = parameter_shift_grad(ansatz, _loss, params, circuits)
    auto = jax.jit(jax.grad(lambda p: _loss(model.apply(p, batch))))(params)
    assert set(shifted) == set(auto)
    for name in auto:
        np.testing.assert_allclose(shifted[name], auto[name], atol=1e-9, err_msg=name)
    assert any(float(jnp.abs(g).max()) > 1e-3 for g in auto.values())


@pytest.mark.parametrize("family", ["iqp", "sim14", "sim15", "strongly_entangling"])
def test_parameter_shift_equals_autodiff(x64, family):
    _agree(CircuitAnsatz({"n": 1, "s": 1}, family, n_layers=2))


def test_parameter_shift_multi_qubit_types(x64):
    _agree(CircuitAnsatz({"n": 2, "s": 1}, "iqp"), texts=["Alice loves Bob", "man runs"])


def test_parameter_shift_mixed(x64):
    _agree(CircuitAnsatz({"n": 1, "s": 1}, "sim14", ancillas=1, discard=True), texts=["man runs"])


def test_four_term_rule_on_a_controlled_rotation():
    """f(θ) = <11| CRz(θ) ... : the rule reproduces the analytic derivative of a CRz weight."""
    from discojax.semantics.circuit._gates import Gate, run

    def weight(theta):
        gates = (Gate("H", (0,)), Gate("H", (1,)), Gate("CRz", (0, 1), 0), Gate("H", (1,)))
        return jnp.abs(run(gates, 2, theta[None, None])[0, 1, 1]) ** 2

    theta = jnp.asarray(0.3)
    shifted = sum(c * weight(theta + s) for s, c in shift_rule("CRz"))
    assert float(shifted) == pytest.approx(float(jax.grad(weight)(theta)), abs=1e-5)
