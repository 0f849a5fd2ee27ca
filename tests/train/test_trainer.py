"""Training reaches a stated accuracy, resumes exactly, stops on NaN, compiles once, lets go."""

from __future__ import annotations

import gc
import itertools
import json
import weakref

import jax
import jax.numpy as jnp
import numpy as np
import pytest
from jax.test_util import check_grads

import discojax as dj
from discojax.errors import TrainingError
from discojax.train import (
    Checkpoint,
    MetricsLog,
    TrainConfig,
    evaluate_metrics,
    f1_score,
    fit,
    has_checkpoint,
    read_metadata,
    training_loss,
)
from discojax.train._step import KEPT, _compiled_step

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
        callbacks=[Checkpoint(tmp_path)],
    )
    assert read_metadata(tmp_path)["training"]["epoch"] == 2
    resumed = fit(
        model,
        init,
        train,
        y_train,
        dev,
        TrainConfig(epochs=4, batch_size=8, optimizer=optimizer),
        callbacks=[Checkpoint(tmp_path, resume=True)],
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
    fit(
        model,
        params,
        train,
        y_train,
        config=TrainConfig(epochs=2),
        callbacks=[Checkpoint(tmp_path)],
    )
    poisoned = {**params, "n": params["n"].at[0, 0].set(jnp.nan)}
    with pytest.raises(TrainingError, match="loss is nan at epoch 1, step 1"):
        fit(
            model,
            poisoned,
            train,
            y_train,
            config=TrainConfig(epochs=4),
            callbacks=[Checkpoint(tmp_path)],
        )
    assert has_checkpoint(tmp_path)
    assert read_metadata(tmp_path)["training"]["epoch"] == 2


def test_every_step_of_every_epoch_uses_one_compilation() -> None:
    model, (train, _), (y_train, _) = _prepared()
    config = TrainConfig(epochs=3, batch_size=8, seed=11, learning_rate=0.0123)
    plan_steps = -(-train.size // 8)
    fit(model, model.init(jax.random.key(0)), train, y_train, config=config)
    step = _compiled_step(model, config.step_key(), None, False)
    assert plan_steps > 1
    assert step._cache_size() == 1
    other_seed = TrainConfig(**{**config.__dict__, "seed": 12})
    fit(model, model.init(jax.random.key(1)), train, y_train, config=other_seed)
    assert step._cache_size() == 1


def test_compiled_steps_do_not_keep_models_alive() -> None:
    # Compilation is most of this test's time: two sentences of one shape, and the models that
    # push the first out of the caches compile at XLA's level 0 (each still takes its entries).
    texts, y_train = ["man cooks sauce", "woman debugs program"], jnp.array([1, 0])
    first = dj.TensorModel.from_data(texts, dj.TensorAnsatz({"n": 2, "s": 2}))
    alive = weakref.ref(first)
    config = TrainConfig(epochs=1)
    fit(first, first.init(jax.random.key(0)), first.prepare(texts), y_train, config=config)
    del first
    quick = TrainConfig(epochs=1, fast_compile=True)
    for dim in range(3, 3 + KEPT):  # unequal models: each compiles its own step
        model = dj.TensorModel.from_data(texts, dj.TensorAnsatz({"n": dim, "s": 2}))
        fit(model, model.init(jax.random.key(0)), model.prepare(texts), y_train, config=quick)
    gc.collect()
    assert alive() is None


def test_the_training_gradient_equals_finite_differences() -> None:
    model, (train, _), (y_train, _) = _prepared()
    with jax.enable_x64(True):
        params = jax.tree.map(lambda t: t.astype(jnp.float64), model.init(jax.random.key(2)))
        weights = jnp.ones(train.size, jnp.float64)
        for loss in ("cross_entropy", "mse"):
            targets = y_train if loss == "cross_entropy" else jax.nn.one_hot(y_train, 2)
            value = training_loss(model, loss)
            check_grads(
                lambda p, v=value, t=targets: v(p, train, t, weights), (params,), order=1,
                modes=["rev"],
            )  # fmt: skip


def test_user_metrics_and_the_metrics_log(tmp_path) -> None:
    model, (train, test), (y_train, y_test) = _prepared()
    log = tmp_path / "metrics.jsonl"
    result = fit(
        model,
        model.init(jax.random.key(0)),
        train,
        y_train,
        (test, y_test),
        TrainConfig(epochs=3, batch_size=8),
        metrics={"f1": f1_score},
        callbacks=[MetricsLog(log)],
    )
    assert list(result.history[0]) == ["epoch", "step_loss", "train_f1", "dev_f1", "seconds"]
    assert [json.loads(line) for line in log.read_text().splitlines()] == result.history
    outputs = model.apply(result.last_params, test)
    predicted = np.argmax(np.asarray(outputs), axis=-1)
    expected = np.mean(  # macro F1 by hand
        [
            2
            * np.sum((predicted == c) & (y_test == c))
            / (np.sum(predicted == c) + np.sum(np.asarray(y_test) == c))
            for c in (0, 1)
        ]
    )
    assert result.history[-1]["dev_f1"] == pytest.approx(expected, rel=1e-6)


def test_patience_stops_early_and_keeps_the_best_parameters() -> None:
    model, (train, test), (y_train, y_test) = _prepared()
    config = TrainConfig(epochs=200, learning_rate=0.05, patience=3, monitor="dev_loss")
    result = fit(model, model.init(jax.random.key(0)), train, y_train, (test, y_test), config)
    losses = [r["dev_loss"] for r in result.history]
    assert result.stopped_early and len(losses) < 200
    assert result.best_epoch == int(np.argmin(losses)) + 1 == len(losses) - 3
    best = evaluate_metrics(model, result.params, test, y_test, config, "dev")
    assert best["dev_loss"] == min(losses)
