"""Every model satisfies one protocol, and comes back from disk in one call, exactly."""

from __future__ import annotations

import jax
import jax.numpy as jnp
import numpy as np
import pytest

from discojax import DataError, MPSAnsatz, TensorModel, load_model, save_model
from discojax.models import Model
from discojax.quantum import CircuitAnsatz, QuantumModel, simulate
from discojax.train import TrainConfig, evaluate_metrics, fit, save_checkpoint
from tests.train.test_trainer import toy_task

TEXTS = ["Alice loves Bob", "man prepares tasty sauce", "Bob runs"]
MODELS = [
    lambda: TensorModel.from_data(TEXTS, MPSAnsatz({"n": 2, "s": 2}, bond_dim=2)),
    lambda: QuantumModel.from_data(TEXTS, CircuitAnsatz({"n": 1, "s": 1}, "sim14")),
    lambda: QuantumModel.from_data(
        TEXTS, CircuitAnsatz({"n": 1, "s": 1}, "iqp", ancillas=1, discard=True)
    ),
]


@pytest.mark.parametrize("make", MODELS, ids=["mps", "sim14", "iqp-mixed"])
def test_saved_model_comes_back_exactly(x64, tmp_path, make) -> None:
    model = make()
    assert isinstance(model, Model)
    params = model.init(jax.random.key(3), dtype=jnp.float64)
    save_model(tmp_path, model, params, {"note": "test"})
    loaded, loaded_params = load_model(tmp_path)
    assert loaded == model and type(loaded) is type(model)
    assert {k: v.dtype for k, v in loaded_params.items()} == {k: v.dtype for k, v in params.items()}
    batch = model.prepare(TEXTS)
    np.testing.assert_array_equal(
        loaded.apply(loaded_params, loaded.prepare(TEXTS)), model.apply(params, batch)
    )


def test_a_tampered_model_is_refused(tmp_path) -> None:
    model = MODELS[0]()
    save_model(tmp_path, model, model.init(jax.random.key(0)))
    arrays = tmp_path / "checkpoint.safetensors"
    data = bytearray(arrays.read_bytes())
    data[-1] ^= 1
    arrays.write_bytes(bytes(data))
    with pytest.raises(DataError, match="does not match its checksum"):
        load_model(tmp_path)


def test_a_checkpoint_without_a_model_is_refused(tmp_path) -> None:
    model = MODELS[0]()
    save_checkpoint(tmp_path, {"params": model.init(jax.random.key(0))}, {"epoch": 1})
    with pytest.raises(DataError, match="does not say which model"):
        load_model(tmp_path)


def test_circuit_model_applies_as_the_simulator() -> None:
    """The generic path (word tensors, contraction, read-out) equals ``simulate`` bit for bit."""
    model = MODELS[1]()
    params = model.init(jax.random.key(1))
    circuits = model.prepare_circuits(TEXTS)
    ours = jax.jit(model.apply)(params, circuits.batch)
    theirs = jax.jit(lambda p: simulate(model.ansatz, p, circuits).probabilities)(params)
    np.testing.assert_array_equal(ours, theirs)


def test_circuit_model_trains_through_the_one_loop() -> None:
    train, test = toy_task()
    model = QuantumModel.from_data(
        [t for t, _ in train + test], CircuitAnsatz({"n": 1, "s": 1}, family="iqp")
    )
    batches = [model.prepare([t for t, _ in split]) for split in (train, test)]
    labels = [jnp.array([y for _, y in split]) for split in (train, test)]
    config = TrainConfig(epochs=60, learning_rate=0.05)
    result = fit(model, model.init(jax.random.key(0)), batches[0], labels[0], config=config)
    metrics = evaluate_metrics(model, result.params, batches[1], labels[1], config, "test")
    assert metrics["test_accuracy"] >= 0.9, metrics
