"""Training reaches a stated accuracy, resumes exactly, stops on NaN, compiles once."""

from __future__ import annotations

import itertools

import jax
import jax.numpy as jnp
import numpy as np
import pytest

import discojax as dj
from discojax.errors import TrainingError
from discojax.train import TrainConfig, evaluate_metrics, fit, has_checkpoint, read_metadata
from discojax.train._trainer import _compiled_step, _StepSettings

FOOD_NOUNS, IT_NOUNS = (
    ["sauce", "meal", "dinner", "soup"],
    ["program", "software", "application", "database"],
)
FOOD_VERBS, IT_VERBS = ["cooks", "prepares", "bakes"], ["debugs", "writes", "tests"]


def toy_task():
    """Food (1) vs IT (0) sentences; held-out sentences recombine seen words."""
    data = []
    for subject in ("man", "woman"):
        for verbs, nouns, label in ((FOOD_VERBS, FOOD_NOUNS, 1), (IT_VERBS, IT_NOUNS, 0)):
            for verb, noun in itertools.product(verbs, nouns):
                data.append((f"{subject} {verb} {noun}", label))
                data.append(
                    (
                        f"{subject} {verb} tasty {noun}"
                        if label
                        else f"{subject} {verb} useful {noun}",
                        label,
                    )
                )
    rng = np.random.default_rng(0)
    order = rng.permutation(len(data))
    train = [data[i] for i in order[: len(data) * 2 // 3]]
    test = [data[i] for i in order[len(data) * 2 // 3 :]]
    return train, test


def _prepared():
    train, test = toy_task()
    model = dj.TensorModel.from_data(
        [t for t, _ in train + test], dj.TensorAnsatz({"n": 2, "s": 2})
    )
    batches = [model.prepare([t for t, _ in split]) for split in (train, test)]
    labels = [jnp.array([y for _, y in split]) for split in (train, test)]
    return model, batches, labels


def test_trained_model_reaches_stated_accuracy_on_held_out_sentences() -> None:
    model, (train, test), (y_train, y_test) = _prepared()
    for seed in range(3):
        config = TrainConfig(epochs=80, learning_rate=0.05, batch_size=16, seed=seed)
        result = fit(model, model.init(jax.random.key(seed)), train, y_train, config=config)
        metrics = evaluate_metrics(model, result.params, test, y_test, config, "test")
        assert metrics["test_accuracy"] >= 0.9, (seed, metrics)


def test_same_seed_same_numbers() -> None:
    model, (train, _), (y_train, _) = _prepared()
    config = TrainConfig(epochs=5, batch_size=8, seed=3)
    a = fit(model, model.init(jax.random.key(3)), train, y_train, config=config)
    b = fit(model, model.init(jax.random.key(3)), train, y_train, config=config)
    assert [r["step_loss"] for r in a.history] == [r["step_loss"] for r in b.history]


@pytest.mark.parametrize("optimizer", ["adam", "spsa"])
def test_two_plus_two_epochs_with_resume_equals_four(tmp_path, optimizer) -> None:
    model, (train, test), (y_train, y_test) = _prepared()
    init = model.init(jax.random.key(0))
    dev = (test, y_test)
    full = fit(
        model, init, train, y_train, dev, TrainConfig(epochs=4, batch_size=8, optimizer=optimizer)
    )
    fit(
        model,
        init,
        train,
        y_train,
        dev,
        TrainConfig(epochs=2, batch_size=8, optimizer=optimizer),
        checkpoint_dir=tmp_path,
    )
    assert read_metadata(tmp_path)["training"]["epoch"] == 2
    resumed = fit(
        model,
        init,
        train,
        y_train,
        dev,
        TrainConfig(epochs=4, batch_size=8, optimizer=optimizer),
        checkpoint_dir=tmp_path,
        resume=True,
    )
    assert resumed.history == [
        {**r, "seconds": s["seconds"]} for r, s in zip(full.history, resumed.history)
    ]
    for name in full.last_params:
        assert np.array_equal(
            np.asarray(full.last_params[name]), np.asarray(resumed.last_params[name])
        )
        assert np.array_equal(np.asarray(full.params[name]), np.asarray(resumed.params[name]))


def test_nan_loss_stops_with_a_named_error_and_keeps_the_last_good_checkpoint(tmp_path) -> None:
    model, (train, _), (y_train, _) = _prepared()
    params = model.init(jax.random.key(0))
    fit(model, params, train, y_train, config=TrainConfig(epochs=2), checkpoint_dir=tmp_path)
    poisoned = {**params, "n": params["n"].at[0, 0].set(jnp.nan)}
    with pytest.raises(TrainingError, match="loss is nan at epoch 1, step 1"):
        fit(model, poisoned, train, y_train, config=TrainConfig(epochs=4), checkpoint_dir=tmp_path)
    assert has_checkpoint(tmp_path)
    assert read_metadata(tmp_path)["training"]["epoch"] == 2


def test_every_step_of_every_epoch_uses_one_compilation() -> None:
    model, (train, _), (y_train, _) = _prepared()
    config = TrainConfig(epochs=3, batch_size=8, seed=11, learning_rate=0.0123)
    plan_steps = -(-train.size // 8)
    fit(model, model.init(jax.random.key(0)), train, y_train, config=config)
    step = _compiled_step(model, _StepSettings.of(config))
    assert plan_steps > 1
    assert step._cache_size() == 1
    fit(
        model,
        model.init(jax.random.key(1)),
        train,
        y_train,
        config=TrainConfig(**{**config.__dict__, "seed": 12}),
    )
    assert step._cache_size() == 1
