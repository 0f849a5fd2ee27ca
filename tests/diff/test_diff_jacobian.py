"""Derivative diagrams, evaluated through the compiler, equal jax's derivatives (float64, 1e-9):
the whole Jacobian for tensor models, a random directional derivative (``jax.jvp``) for
circuits, and the gradient of a loss (``jax.grad``) through the read-out bubble for both."""

from __future__ import annotations

import jax
import jax.numpy as jnp
import numpy as np

from discojax import MPSAnsatz, TensorAnsatz, TensorModel
from discojax.compile import evaluate
from discojax.diff import jacobian, loss_grad, prepare_derivatives
from discojax.quantum import CircuitAnsatz, QuantumModel

# a repeated word ("man ... man") exercises the product rule; two shapes
TEXTS = ["man prepares man", "skillful man runs"]


def _nll(p):
    return -jnp.mean(jnp.log(p[:, 0] + 1e-3))


def _squares(values):
    return jnp.sum(jnp.tanh(values) ** 2)


def _values(model, batch):
    return lambda p: evaluate(model.ansatz.word_tensors(p, batch.table_names), batch)


def _loss_agrees(model, params, d, batch, loss):
    expected = jax.jit(jax.grad(lambda p: loss(model.apply(p, batch))))(params)
    got = loss_grad(model, loss, params, d)
    assert set(got) == set(expected)
    for name in expected:
        np.testing.assert_allclose(got[name], expected[name], atol=1e-9, err_msg=name)
    assert max(float(jnp.abs(a).max()) for a in expected.values()) > 1e-3


def _tensor(ansatz):
    model = TensorModel.from_data(TEXTS, ansatz)
    params = model.init(jax.random.key(0), dtype=jnp.float64, scale=1.0)
    batch, d = model.prepare(TEXTS), prepare_derivatives(model, TEXTS)
    auto = jax.jit(jax.jacfwd(_values(model, batch)))(params)
    ours = jacobian(model, params, d)
    for name in auto:
        np.testing.assert_allclose(ours[name], auto[name], atol=1e-9, err_msg=name)
    assert max(float(jnp.abs(a).max()) for a in auto.values()) > 0.1
    _loss_agrees(model, params, d, batch, _squares)


def test_tensor_model(x64):
    _tensor(TensorAnsatz({"n": 2, "s": 2}))


def test_split_tensor_words(x64):
    _tensor(MPSAnsatz({"n": 2, "s": 2}, bond_dim=2))


def _circuit(ansatz, texts):
    model = QuantumModel.from_data(texts, ansatz)
    params = model.init(jax.random.key(0), dtype=jnp.float64)
    batch, d = model.prepare(texts), prepare_derivatives(model, texts)
    direction = {
        name: jax.random.normal(jax.random.key(i), a.shape, a.dtype)
        for i, (name, a) in enumerate(sorted(params.items()))
    }
    _, expected = jax.jit(lambda p, v: jax.jvp(_values(model, batch), (p,), (v,)))(
        params, direction
    )
    ours = jacobian(model, params, d)
    got = sum(
        jnp.tensordot(ours[name], direction[name], axes=direction[name].ndim) for name in ours
    )
    np.testing.assert_allclose(got, expected, atol=1e-9)
    assert float(jnp.abs(expected).max()) > 0.1
    _loss_agrees(model, params, d, batch, _nll)


def test_pure_circuit(x64):
    """Rotations (one term each) and controlled rotations (two terms each)."""
    _circuit(CircuitAnsatz({"n": 1, "s": 1}, "iqp"), TEXTS)


def test_mixed_circuit(x64):
    """Density matrices: the parameter-shift rules, two and four terms a gate."""
    ansatz = CircuitAnsatz({"n": 1, "s": 1}, "iqp", ancillas=1, discard=True)
    _circuit(ansatz, TEXTS[:1])
