"""Training under a shot budget: seeded, priced in circuit runs, checked settings."""

from __future__ import annotations

from functools import cache
from typing import Any

import jax
import jax.numpy as jnp
import numpy as np
import pytest

from discojax import TensorAnsatz, TensorModel
from discojax.errors import ConfigError, TrainingError
from discojax.experiments import parse_config
from discojax.experiments._classification import EXAMPLE
from discojax.quantum import CircuitAnsatz, QuantumModel
from discojax.train import SPSASettings, TrainConfig, fit

TEXTS = ["man prepares sauce", "woman debugs program", "man cooks meal", "woman runs"]
LABELS = jnp.array([1, 0, 1, 0])
# per sentence: 1 run + 6 per noun (3 rotations) + 8 a transitive verb + 4 an intransitive one
PER_EPOCH = (1 + 6 + 8 + 6) * 3 + (1 + 6 + 4)


@cache
def _model() -> tuple[QuantumModel, Any]:
    """One model for every fit: its compiled steps are shared (keyed by the model)."""
    model = QuantumModel.from_data(TEXTS, CircuitAnsatz({"n": 1, "s": 1}))
    return model, model.prepare(TEXTS)


def _fit(config: TrainConfig):
    model, batch = _model()
    return fit(model, model.init(jax.random.key(0)), batch, LABELS, config=config, callbacks=[])


def test_parameter_shift_training_is_seeded_and_priced():
    config = TrainConfig(epochs=2, batch_size=2, shots=128, learning_rate=0.1, seed=1)
    first, again = _fit(config), _fit(config)
    other = _fit(TrainConfig(epochs=2, batch_size=2, shots=128, learning_rate=0.1, seed=2))
    for name in first.last_params:
        np.testing.assert_array_equal(first.last_params[name], again.last_params[name])
    assert any(
        not np.array_equal(first.last_params[k], other.last_params[k]) for k in first.last_params
    )
    assert [r["circuit_evaluations"] for r in first.history] == [PER_EPOCH, 2 * PER_EPOCH]
    assert [r["step_loss"] for r in first.history] == [r["step_loss"] for r in again.history]


def test_spsa_under_shots_costs_two_runs_a_sentence():
    spsa = SPSASettings(a=0.1, c=0.1, A=1.0)
    result = _fit(TrainConfig(epochs=2, optimizer="spsa", spsa=spsa, shots=64, seed=0))
    assert [r["circuit_evaluations"] for r in result.history] == [8, 16]
    # the same directions, other draws: the shots change the steps
    other = _fit(TrainConfig(epochs=2, optimizer="spsa", spsa=spsa, shots=64, seed=3))
    assert result.history[0]["step_loss"] != other.history[0]["step_loss"]


def test_bad_shots_are_named_errors():
    model = TensorModel.from_data(TEXTS, TensorAnsatz({"n": 2, "s": 2}))
    batch = model.prepare(TEXTS)
    with pytest.raises(TrainingError, match="needs a model whose circuits are sampled"):
        fit(model, model.init(jax.random.key(0)), batch, LABELS, config=TrainConfig(shots=8))
    with pytest.raises(TrainingError, match="shots must be an integer from 1 to 16777216"):
        _fit(TrainConfig(epochs=1, shots=0))


CIRCUIT = EXAMPLE.replace(
    'name = "tensor"           # see discojax.experiments.SEMANTICS\ndims = { n = 2, s = 2 }',
    'name = "circuit"\nqubits = { n = 1, s = 1 }',
)


@pytest.mark.parametrize(
    ("setting", "text", "message"),
    [
        ("shots = 0", CIRCUIT, r"c.toml:\d+: training.shots = 0: input should be greater than 0"),
        ("shots = 16777217", CIRCUIT, "less than or equal to 16777216"),
        ('shots = "many"', CIRCUIT, "valid integer"),
        ("shots = 64", EXAMPLE, "needs \\[semantics\\] name = \"circuit\", not 'tensor'"),
    ],
)
def test_bad_shots_in_a_configuration(setting, text, message):
    assert "circuit" in CIRCUIT
    with pytest.raises(ConfigError, match=message):
        parse_config(text.replace("epochs = 100", f"epochs = 100\n{setting}"), "c.toml")


def test_shots_reach_the_training_config():
    text = CIRCUIT.replace("epochs = 100", "epochs = 100\nshots = 512")
    config = parse_config(text, "c.toml", check_files=False)
    assert config.training.train_config(seed=4).shots == 512
