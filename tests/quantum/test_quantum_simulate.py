"""Compiled circuit simulation == DisCoPy's ``Circuit.eval()``, pure and mixed; Born rule; errors."""

from __future__ import annotations

import jax
import jax.numpy as jnp
import numpy as np
import pytest
from discopy.quantum.gates import Scalar
from hypothesis import assume, given, settings
from jax.test_util import check_grads

from discojax.compile import compilations
from discojax.grammar import parse
from discojax.quantum import (
    AnsatzError,
    CircuitAnsatz,
    PostSelectionError,
    QuantumModel,
    simulate,
    to_circuit,
)
from tests.conftest import sentences

TOL64 = 1e-10  # float64 simulation against DisCoPy's complex128 evaluation
TOL32 = 2e-5  # the default complex64 simulation against DisCoPy

SENTENCES = [
    "Alice loves Bob",
    "skillful man prepares sauce",
    "man runs",
    "woman who cooks dinner runs",
]


def _compare(ansatz: CircuitAnsatz, texts: list[str], key: int = 0, dtype=jnp.float64, tol=TOL64):
    model = QuantumModel.from_data(texts, ansatz)
    params = model.init(jax.random.key(key), dtype=dtype)
    ours = np.asarray(model.amplitudes(params, model.prepare(texts)))
    for i, text in enumerate(texts):
        expected = np.asarray(to_circuit(text, ansatz, params, model.vocabulary).eval().array)
        np.testing.assert_allclose(ours[i], expected.reshape(ours[i].shape), atol=tol)


@pytest.mark.parametrize("family", ["iqp", "sim14", "sim15", "strongly_entangling"])
@pytest.mark.parametrize("qubits", [{"n": 1, "s": 1}, {"n": 2, "s": 1}, {"n": 1, "s": 2}])
def test_pure_amplitudes_equal_discopy(x64, family, qubits):
    _compare(CircuitAnsatz(qubits, family, n_layers=2), SENTENCES[:3])


def test_complex64_default_equals_discopy_at_stated_tolerance():
    _compare(CircuitAnsatz({"n": 1, "s": 1}, "sim14"), SENTENCES, dtype=jnp.float32, tol=TOL32)


def test_post_selected_ancillas_equal_discopy(x64):
    _compare(CircuitAnsatz({"n": 1, "s": 1}, "iqp", n_layers=2, ancillas=1), SENTENCES[:3])


@settings(max_examples=6)
@given(text=sentences())
def test_random_sentences_equal_discopy(text):
    # DisCoPy's dense evaluation holds a 2^w x 2^w matrix per layer: keep w small
    assume(len(parse(text).simple_types) <= 9)
    with jax.enable_x64(True):
        _compare(CircuitAnsatz({"n": 1, "s": 1}, "iqp", n_layers=1), [text], key=len(text))


@pytest.mark.parametrize("family", ["iqp", "sim15"])
def test_mixed_density_matrices_equal_discopy(x64, family):
    ansatz = CircuitAnsatz({"n": 1, "s": 1}, family, ancillas=1, discard=True)
    texts = ["man runs", "Alice runs"]
    model = QuantumModel.from_data(texts, ansatz)
    params = model.init(jax.random.key(2), dtype=jnp.float64)
    batch = model.prepare(texts)
    ours = np.asarray(model.amplitudes(params, batch))
    assert ours.shape == (2, 4)
    for i, text in enumerate(texts):
        channel = to_circuit(text, ansatz, params, model.vocabulary).eval()
        np.testing.assert_allclose(ours[i], np.asarray(channel.array).ravel(), atol=TOL64)
    probabilities = np.asarray(model.apply(params, batch))
    diagonal = np.stack([ours[:, 0].real, ours[:, 3].real], axis=1)
    np.testing.assert_allclose(probabilities, diagonal / diagonal.sum(1, keepdims=True), atol=TOL64)


def test_zero_qubit_nouns_equal_discopy(x64):
    _compare(CircuitAnsatz({"n": 0, "s": 2}, "sim14"), ["Alice loves Bob", "man runs"])


def test_probabilities_are_normalised_and_success_matches_the_circuit(x64):
    ansatz = CircuitAnsatz({"n": 1, "s": 1}, "iqp")
    model = QuantumModel.from_data(SENTENCES, ansatz)
    params = model.init(jax.random.key(3), dtype=jnp.float64)
    out = model.outcome(params, model.prepare_circuits(SENTENCES))
    np.testing.assert_allclose(np.asarray(out.probabilities).sum(1), 1.0, atol=1e-12)
    for i, text in enumerate(SENTENCES):
        circuit = to_circuit(text, ansatz, params, model.vocabulary)
        # the physical circuit lacks DisCoPy's sqrt(2) scalars: divide them out of the weight
        scalars = np.prod([abs(complex(b.array)) for b in circuit.boxes if isinstance(b, Scalar)])
        weight = np.sum(np.abs(np.asarray(circuit.eval().array)) ** 2)
        assert float(out.success[i]) == pytest.approx(weight / scalars**2, rel=1e-9)
        assert 0.0 < float(out.success[i]) <= 1.0


def test_second_batch_of_seen_shapes_does_not_recompile():
    ansatz = CircuitAnsatz({"n": 1, "s": 1}, "iqp")
    model = QuantumModel.from_data([*SENTENCES, "woman cooks sauce"], ansatz)
    params = model.init(jax.random.key(0))
    model.apply(params, model.prepare(SENTENCES)).block_until_ready()
    before = compilations()
    other = [
        "woman cooks sauce",
        "skillful woman cooks dinner",
        "Bob runs",
        "man who prepares sauce runs",
    ]
    model.apply(model.init(jax.random.key(1)), model.prepare(other)).block_until_ready()
    assert compilations() == before


def test_check_grads(x64):
    ansatz = CircuitAnsatz({"n": 1, "s": 1}, "sim14")
    texts = ["Alice loves Bob", "man runs"]
    model = QuantumModel.from_data(texts, ansatz)
    params = model.init(jax.random.key(4), dtype=jnp.float64)
    batch = model.prepare(texts)
    check_grads(lambda p: model.apply(p, batch), (params,), order=2, modes=["rev"], eps=1e-6)


def test_check_grads_mixed(x64):
    ansatz = CircuitAnsatz({"n": 1, "s": 1}, "iqp", ancillas=1, discard=True)
    texts = ["man runs"]
    model = QuantumModel.from_data(texts, ansatz)
    params = model.init(jax.random.key(5), dtype=jnp.float64)
    batch = model.prepare(texts)
    check_grads(lambda p: model.apply(p, batch), (params,), order=1, modes=["fwd", "rev"], eps=1e-6)


def _never_post_selected() -> tuple[QuantumModel, dict]:
    """man = |1> (Rx(1/2)), runs = |00> (IQP with angle 0): the cup <00| + <11| gives 0."""
    model = QuantumModel.from_data(["man runs"], CircuitAnsatz({"n": 1, "s": 1}, "iqp"))
    params = {"n": jnp.array([[0.5, 0.0, 0.0]]), "n.r s": jnp.array([[0.0]])}
    return model, params


def test_zero_post_selection_is_documented_not_nan():
    model, params = _never_post_selected()
    batch = model.prepare(["man runs"])
    out = model.outcome(params, model.prepare_circuits(["man runs"]))
    assert float(out.success[0]) == 0.0
    assert np.asarray(out.probabilities).tolist() == [[0.5, 0.5]]
    grads = jax.grad(lambda p: jnp.log(model.apply(p, batch)[0, 0]))(params)
    assert all(bool(jnp.all(jnp.isfinite(g))) for g in grads.values())
    with pytest.raises(PostSelectionError, match="probability 0"):
        model.meaning(params, "man runs")


def test_output_type_on_zero_qubits_is_an_error():
    model = QuantumModel.from_data(["man runs"], CircuitAnsatz({"n": 1, "s": 0}))
    with pytest.raises(AnsatzError, match="output type 's' maps to 0 qubits"):
        model.prepare(["man runs"])


def test_mismatched_angle_tables_are_an_error():
    model = QuantumModel.from_data(["man runs"], CircuitAnsatz({"n": 1, "s": 1}, "iqp"))
    batch = model.prepare_circuits(["man runs"])
    params = {"n": jnp.zeros((1, 3)), "n.r s": jnp.zeros((1, 2))}
    with pytest.raises(
        AnsatzError, match=r"'n\.r s' has 2 angles per word, but the iqp ansatz needs 1"
    ):
        simulate(model.ansatz, params, batch)
    with pytest.raises(Exception, match=r"no angle table for words of type 'n\.r s'"):
        simulate(model.ansatz, {"n": jnp.zeros((1, 3))}, batch)


def test_meaning_matches_batched_apply():
    model = QuantumModel.from_data(SENTENCES, CircuitAnsatz({"n": 1, "s": 1}, "sim15"))
    params = model.init(jax.random.key(6))
    batched = model.apply(params, model.prepare(SENTENCES))
    for i, text in enumerate(SENTENCES):
        np.testing.assert_allclose(model.meaning(params, text), batched[i], atol=1e-6)
