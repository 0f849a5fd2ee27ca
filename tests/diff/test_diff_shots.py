"""Parameter shift under a shot budget: exact in the limit, unbiased in the mean, seeded, and
priced in circuit runs exactly."""

from __future__ import annotations

from functools import partial

import jax
import jax.numpy as jnp
import numpy as np
import pytest

from discojax.diff import circuit_evaluations, sampled_probabilities, shot_grad
from discojax.diff._shots import _born_combos, _term_batch, program_qubits
from discojax.quantum import CircuitAnsatz, QuantumModel
from discojax.semantics.circuit._simulate import contracted_qubits

# "man ... man" exercises the product rule over occurrences; 3 sentences pad to 4 rows
TEXTS = ["man prepares man", "woman cooks tasty sauce", "skillful man runs"]
LABELS = jnp.array([0, 1, 1])


def _model(texts=TEXTS, qubits=None):
    return QuantumModel.from_data(texts, CircuitAnsatz(qubits or {"n": 1, "s": 1}))


def _loss(p):
    return -jnp.mean(jnp.log(p[jnp.arange(p.shape[0]), LABELS[: p.shape[0]]] + 1e-9))


def _linear_case():
    """One sentence, a loss linear in its probabilities (the spread is the circuits' alone), and
    its shot gradient, jitted with the shots static."""
    texts = TEXTS[:1]
    model = _model(texts)
    angles = model.init(jax.random.key(1))
    batch = model.prepare(texts)
    weights = jnp.array([[1.0, -2.0]])

    def loss(p):
        return jnp.sum(weights * p)

    @partial(jax.jit, static_argnums=1)
    def grad(key, shots):
        return shot_grad(model.circuit, model.output_type, loss, angles, batch, shots, key)

    auto = jax.jit(jax.grad(lambda a: loss(model.apply(a, batch))))(angles)
    return grad, auto


def test_shot_gradient_without_shots_is_the_exact_gradient():
    """The exact limit (``shots=None``) of the case that the slow test below samples equals
    ``jax.grad``; tests/quantum/test_quantum_shift.py checks it to 1e-9 in float64, through
    ``parameter_shift_grad``."""
    grad, auto = _linear_case()
    exact = grad(jax.random.key(0), None)
    for name in exact:
        np.testing.assert_allclose(exact[name], auto[name], atol=2e-5, err_msg=name)


@pytest.mark.slow
def test_shot_gradient_mean_is_the_exact_gradient():
    """A measurement (make test-slow): 32 draws of 65,536 shots, every entry's mean within 5
    standard errors (the draws' own spread / sqrt(32)) plus 2e-3 of the exact gradient (the
    plug-in normalisation's bias is O(1/kept runs)), and the spread at 256 shots. Each number
    of shots compiles its own program, most of this test's time. The default run checks the
    exact limit (above) and that the draws are the key's (test_shots_are_reproducible_by_key)."""
    grad, auto = _linear_case()
    exact = grad(jax.random.key(0), None)
    draws = [grad(jax.random.key(k), 2**16) for k in range(32)]
    for name in exact:
        np.testing.assert_allclose(exact[name], auto[name], atol=2e-5, err_msg=name)
        sample = np.stack([np.asarray(d[name]) for d in draws])
        mean, error = sample.mean(axis=0), sample.std(axis=0, ddof=1) / np.sqrt(len(draws))
        assert np.all(np.abs(mean - np.asarray(exact[name])) <= 5 * error + 2e-3), name
        assert 0 < float(error.max()) < 0.2
    # fewer shots, more spread: at 256 shots many times that at 65,536
    few = np.stack([np.asarray(grad(jax.random.key(k), 256)["n"]) for k in range(8)])
    many = np.stack([np.asarray(d["n"]) for d in draws])
    assert few.std(axis=0).max() > 5 * many.std(axis=0).max()


def test_shots_are_reproducible_by_key():
    texts = TEXTS[:1]
    model = _model(texts)
    angles, batch = model.init(jax.random.key(1)), model.prepare(texts)

    @jax.jit
    def draw(key):
        p = sampled_probabilities(model.circuit, model.output_type, 256, angles, batch, key)
        g = shot_grad(model.circuit, model.output_type, _loss, angles, batch, 256, key)
        return p, g

    def run(seed):
        p, g = draw(jax.random.key(seed))
        return np.asarray(p), {k: np.asarray(v) for k, v in g.items()}

    (p1, g1), (p2, g2), (p3, g3) = run(7), run(7), run(8)
    np.testing.assert_array_equal(p1, p2)
    for name in g1:
        np.testing.assert_array_equal(g1[name], g2[name])
    assert not np.array_equal(p1, p3)
    assert any(not np.array_equal(g1[k], g3[k]) for k in g1)
    np.testing.assert_allclose(p1.sum(axis=1), 1.0, rtol=1e-6)


def test_evaluations_of_a_tiny_case():
    """IQP, one qubit a wire: a noun has 3 rotations (2 runs each), a transitive verb 2 CRz
    (4 each), an intransitive verb 1 CRz, an adjective 1 CRz."""
    model = _model()
    batch = model.prepare(TEXTS)
    per_sentence = {
        "man prepares man": 1 + 6 + 8 + 6,
        "woman cooks tasty sauce": 1 + 6 + 8 + 4 + 6,
        "skillful man runs": 1 + 4 + 6 + 4,
    }
    assert circuit_evaluations(model.circuit, batch, gradient=True) == sum(per_sentence.values())
    assert circuit_evaluations(model.circuit, batch, gradient=False) == 2 * len(TEXTS)
    # the circuits the gradient runs are the counted terms: 20 for one "Alice loves Bob"
    single = _model(["Alice loves Bob"]).prepare(["Alice loves Bob"])
    combos = _born_combos(model.circuit, single)
    assert _term_batch(single, combos, {t: 10 for t in combos}).size == 20
    assert circuit_evaluations(model.circuit, single, gradient=True) == 21


@pytest.mark.parametrize("qubits", [{"n": 1, "s": 1}, {"n": 2, "s": 1}])
def test_contracted_qubits_of_a_program_equal_the_networks(qubits):
    texts = ["Alice loves Bob", "skillful man prepares tasty sauce", "man runs"]
    model = _model(texts, qubits)
    batch = model.prepare(texts)
    by_shape = {n.signature: contracted_qubits(n, model.circuit) for n in model.networks(texts)}
    found = sorted(program_qubits(b.program, model.circuit) for b in batch.buckets)
    assert found == sorted(by_shape.values())
