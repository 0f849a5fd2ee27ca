"""Circuit models train through the same loop as tensor models."""

from __future__ import annotations

import jax
import jax.numpy as jnp

from discojax.quantum import CircuitAnsatz, CircuitClassifier
from discojax.train import TrainConfig, evaluate_metrics, fit
from tests.train.test_trainer import toy_task


def test_iqp_circuits_learn_the_toy_task_with_adam() -> None:
    train, test = toy_task()
    model = CircuitClassifier.from_data(
        [t for t, _ in train + test], CircuitAnsatz({"n": 1, "s": 1}, family="iqp")
    )
    batches = [model.prepare([t for t, _ in split]) for split in (train, test)]
    labels = [jnp.array([y for _, y in split]) for split in (train, test)]
    config = TrainConfig(epochs=60, learning_rate=0.05)
    result = fit(model, model.init(jax.random.key(0)), batches[0], labels[0], config=config)
    metrics = evaluate_metrics(model, result.params, batches[1], labels[1], config, "test")
    assert metrics["test_accuracy"] >= 0.9, metrics
