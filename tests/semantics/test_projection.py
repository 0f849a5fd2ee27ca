"""VectorProjection: word vectors through a learned map, frozen or trained, saved and loaded."""

from __future__ import annotations

import jax
import jax.numpy as jnp
import numpy as np
import pytest
from jax.test_util import check_grads

from discojax import TensorModel
from discojax.corpus import WordVectors
from discojax.errors import CompileError
from discojax.models import load_model, save_model
from discojax.semantics import TensorAnsatz, VectorProjection, semantics_from_json
from discojax.train import TrainConfig, evaluate_metrics, fit

FOOD_TRAIN, IT_TRAIN = ["sauce", "soup", "meal", "bread"], ["program", "code", "software", "data"]
FOOD_TEST, IT_TEST = ["cake", "pie"], ["laptop", "server"]
VERBS = ["runs", "sleeps", "prepares"]


def _vectors(dim: int = 6, seed: int = 0) -> WordVectors:
    """Nouns in two clusters (food, IT), verbs anywhere: a noun's class is in its vector."""
    rng = np.random.default_rng(seed)
    food, it = rng.normal(size=dim), rng.normal(size=dim)
    rows, words = [], []
    for centre, nouns in ((food, FOOD_TRAIN + FOOD_TEST), (it, IT_TRAIN + IT_TEST)):
        for noun in nouns:
            rows.append(centre + 0.3 * rng.normal(size=dim))
            words.append(noun)
    for verb in VERBS:
        rows.append(rng.normal(size=dim))
        words.append(verb)
    return WordVectors.from_array(np.array(rows), words)


def _model(freeze: bool = True, types: tuple[str, ...] = ("n",)) -> TensorModel:
    semantics = VectorProjection.from_vectors(
        TensorAnsatz({"n": 2, "s": 2}), _vectors(), types, freeze
    )
    texts = [f"{noun} runs" for noun in FOOD_TRAIN + IT_TRAIN + FOOD_TEST + IT_TEST]
    return TensorModel.from_data([*texts, "sauce prepares code"], semantics)


def test_gradient_of_the_projection_equals_finite_differences(x64):
    model = _model(freeze=False, types=("n", "n.r s n.l"))
    params = model.init(jax.random.key(1), jnp.float64)
    assert {"n:map", "n:bias", "n:vectors", "n.r s n.l:map", "n.r s"} <= set(params)
    batch = model.prepare(["sauce prepares code", "laptop runs"])
    check_grads(lambda p: model.apply(p, batch), (params,), order=1, modes=["rev"], eps=1e-6)


def test_frozen_vectors_get_no_gradient(x64):
    model = _model(freeze=True)
    params = model.init(jax.random.key(1), jnp.float64)
    batch = model.prepare(["sauce runs", "cake runs"])
    grads = jax.grad(lambda p: model.apply(p, batch).sum())(params)
    assert float(jnp.abs(grads["n:vectors"]).max()) == 0.0
    assert float(jnp.abs(grads["n:map"]).max()) > 0.0
    assert model.frozen == frozenset({"n:vectors"})
    assert _model(freeze=False).frozen == frozenset()


def test_unseen_word_means_its_vector_through_the_trained_map():
    model = _model()
    train = [f"{noun} runs" for noun in FOOD_TRAIN + IT_TRAIN]
    labels = jnp.array([1] * 4 + [0] * 4)
    config = TrainConfig(epochs=40, learning_rate=0.1)
    start = model.init(jax.random.key(0))
    result = fit(model, start, model.prepare(train), labels, None, config)
    params = result.params
    assert np.array_equal(np.asarray(params["n:vectors"]), np.asarray(start["n:vectors"]))
    table = model.ansatz.base_params(params)["n"]
    row = model.vocabulary.index("cake", "n")
    expected = _vectors()["cake"] @ np.asarray(params["n:map"]) + np.asarray(params["n:bias"])
    np.testing.assert_allclose(np.asarray(table[row]), expected, rtol=1e-5, atol=1e-6)
    assert float(np.abs(expected).max()) > 0.1
    # the trained map generalises: every unseen noun is classified by its vector's cluster
    test = [f"{noun} runs" for noun in FOOD_TEST + IT_TEST]
    metrics = evaluate_metrics(
        model, params, model.prepare(test), jnp.array([1, 1, 0, 0]), config, "test"
    )
    assert metrics["test_accuracy"] == 1.0


@pytest.mark.parametrize("optimizer", ["adamw", "spsa"])  # adam: the test above
def test_frozen_vectors_do_not_change_during_fit(optimizer):
    model = _model(freeze=True)
    start = model.init(jax.random.key(0))
    texts = ["sauce runs", "program runs"]
    config = TrainConfig(epochs=3, learning_rate=0.1, optimizer=optimizer)
    result = fit(model, start, model.prepare(texts), jnp.array([1, 0]), None, config)
    assert np.array_equal(np.asarray(result.params["n:vectors"]), np.asarray(start["n:vectors"]))
    assert not np.array_equal(np.asarray(result.params["n:map"]), np.asarray(start["n:map"]))


def test_unfrozen_vectors_are_trained():
    model = _model(freeze=False)
    start = model.init(jax.random.key(0))
    config = TrainConfig(epochs=3, learning_rate=0.1)
    result = fit(model, start, model.prepare(["sauce runs"]), jnp.array([1]), None, config)
    moved = np.abs(np.asarray(result.params["n:vectors"]) - np.asarray(start["n:vectors"]))
    row = model.vocabulary.index("sauce", "n")
    assert moved[row].max() > 0.0 and moved[model.vocabulary.index("cake", "n")].max() == 0.0


def test_initial_tables_are_as_large_as_the_base_draws():
    model = _model()
    params = model.init(jax.random.key(0))
    table = np.asarray(model.ansatz.base_params(params)["n"])
    plain = np.asarray(TensorAnsatz({"n": 2}).init(jax.random.key(0), {"n": (5000, 2)})["n"])
    assert 0.3 < table.std() / plain.std() < 3.0
    np.testing.assert_array_equal(np.asarray(params["n:bias"]), np.zeros(2))


def test_a_word_without_a_vector_is_zero_with_a_warning():
    vectors = WordVectors.from_array(np.eye(3), ["sauce", "runs", "code"])
    semantics = VectorProjection.from_vectors(TensorAnsatz({"n": 2, "s": 2}), vectors)
    model = TensorModel.from_data(["sauce runs", "gravy runs"], semantics)
    with pytest.warns(
        UserWarning,
        match=r"table 'n': 1 of 2 words have vectors .*missing: 'gravy' \(zero vectors\)",
    ):
        params = model.init(jax.random.key(0))
    np.testing.assert_array_equal(np.asarray(params["n:vectors"][1]), np.zeros(3))


def test_saved_model_loads_without_its_vectors(tmp_path):
    model = _model(types=("n", "n.r s n.l"))
    params = model.init(jax.random.key(0))
    save_model(tmp_path, model, params)
    loaded, loaded_params = load_model(tmp_path)
    assert loaded.ansatz == model.ansatz and loaded.ansatz.vectors is None
    batch = model.prepare(["cake runs", "sauce prepares code"])
    np.testing.assert_allclose(loaded.apply(loaded_params, batch), model.apply(params, batch))
    with pytest.raises(CompileError, match="given as an array and are not saved"):
        loaded.init(jax.random.key(0))


def test_json_names_the_source_and_refuses_bad_settings():
    semantics = VectorProjection(TensorAnsatz({"n": 2}), "glove-6b-50d", types=("n", "n.r s"))
    assert semantics.vector_dim == 50
    assert semantics_from_json(semantics.to_json()) == semantics
    assert semantics.to_json()["base"] == {"kind": "tensor", "dims": {"n": 2}}
    with pytest.raises(CompileError, match="at least one word type"):
        VectorProjection(TensorAnsatz({"n": 2}), "glove-6b-50d", types=())
    vectors = WordVectors.from_array(np.eye(2), ["sauce", "runs"])
    wrong = VectorProjection(TensorAnsatz({"n": 2, "s": 2}), None, 3, vectors=vectors)
    model = TensorModel.from_data(["sauce runs"], wrong)
    with pytest.raises(CompileError, match="dimension 2, not 3"):
        model.init(jax.random.key(0))


def test_the_diagram_equals_the_compiled_meaning():
    model = _model(types=("n", "n.r s n.l"))
    params = model.init(jax.random.key(3))
    for text in ["cake runs", "sauce prepares code"]:
        diagram = model.diagram(params, text)
        np.testing.assert_allclose(
            diagram.eval().array, model.meaning(params, text), rtol=1e-5, atol=1e-7
        )


def test_circuit_words_are_angles_mapped_from_their_vectors():
    from discojax.quantum import CircuitAnsatz, QuantumModel

    semantics = VectorProjection.from_vectors(
        CircuitAnsatz({"n": 1, "s": 1}), _vectors(), ("n", "n.r s n.l")
    )
    model = QuantumModel.from_data(["sauce prepares code", "cake runs"], semantics)
    params = model.init(jax.random.key(0))
    angles = model.angles(params)
    assert angles["n"].shape == (3, 3) and "n.r s" in params
    row = model.vocabulary.index("cake", "n")
    expected = _vectors()["cake"] @ np.asarray(params["n:map"]) + np.asarray(params["n:bias"])
    np.testing.assert_allclose(np.asarray(angles["n"][row]), expected, rtol=1e-5, atol=1e-6)
    circuits = model.prepare_circuits(["sauce prepares code", "cake runs"])
    np.testing.assert_allclose(
        model.apply(params, circuits.batch),
        model.outcome(params, circuits).probabilities,
        atol=1e-6,
    )
