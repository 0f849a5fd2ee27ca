"""Only finite states are checkpointed; a diverging loss is a warning kept in the result."""

from __future__ import annotations

import logging
import math

import jax
import jax.numpy as jnp
import numpy as np
import optax
import pytest

from discojax.errors import TrainingError
from discojax.train import Checkpoint, TrainConfig, fit, load_checkpoint, read_metadata
from discojax.train._trainer import DIVERGENCE
from tests.train.test_trainer import _prepared


def test_an_update_to_nan_parameters_stops_before_they_are_checkpointed(tmp_path) -> None:
    model, (train, _), (y_train, _) = _prepared()
    params = model.init(jax.random.key(0))
    # plain SGD for two steps, then a NaN step size: epoch 3's loss (measured before its
    # update) is finite, its parameters are not
    poisoned = optax.chain(
        optax.sgd(0.1), optax.scale_by_schedule(lambda n: jnp.where(n < 2, 1.0, jnp.nan))
    )
    with pytest.raises(
        TrainingError, match=r"parameters \['[a-z]+'\] are not finite after epoch 3"
    ):
        fit(
            model, params, train, y_train,
            config=TrainConfig(epochs=5, optimizer=poisoned), callbacks=[Checkpoint(tmp_path)],
        )  # fmt: skip
    assert read_metadata(tmp_path)["training"]["epoch"] == 2
    templates = {"params": params, "opt_state": (), "best": params}
    trees, _ = load_checkpoint(tmp_path, {k: v for k, v in templates.items() if k != "opt_state"})
    for tree in (trees["params"], trees["best"]):
        assert all(np.isfinite(np.asarray(leaf)).all() for leaf in jax.tree.leaves(tree))


@pytest.mark.parametrize("rate", [math.nan, math.inf, -math.inf])
def test_a_non_finite_learning_rate_is_refused_before_training(rate) -> None:
    model, (train, _), (y_train, _) = _prepared()
    with pytest.raises(TrainingError, match=f"learning_rate must be a finite number, not {rate}"):
        fit(
            model,
            model.init(jax.random.key(0)),
            train,
            y_train,
            config=TrainConfig(learning_rate=rate),
        )


def test_adam_at_a_huge_learning_rate_warns_that_training_diverges(caplog) -> None:
    model, (train, _), (y_train, _) = _prepared()
    config = TrainConfig(epochs=3, learning_rate=1e6)
    with caplog.at_level(logging.WARNING, logger="discojax.train"):
        result = fit(
            model, model.init(jax.random.key(0)), train, y_train, config=config, callbacks=()
        )
    losses = [r["step_loss"] for r in result.history]
    # the first step's loss is ln 2 (two classes, nearly uniform), then it explodes
    assert losses[0] == pytest.approx(math.log(2), abs=1e-4)
    assert max(losses) > DIVERGENCE * 1e10
    assert (
        len(result.warnings) == 1
        and "training diverges: the loss grew from 0.6931" in result.warnings[0]
    )
    assert [r.getMessage() for r in caplog.records] == result.warnings


def test_ordinary_training_gives_no_warning() -> None:
    model, (train, _), (y_train, _) = _prepared()
    config = TrainConfig(epochs=5, learning_rate=0.05)
    result = fit(model, model.init(jax.random.key(0)), train, y_train, config=config, callbacks=())
    assert result.history[-1]["step_loss"] < result.history[0]["step_loss"]
    assert result.warnings == []
