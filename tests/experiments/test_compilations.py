"""A run compiles one training step and one evaluation program, shared by its splits and seeds.

Counted with ``jax.monitoring``'s compile events (each names the jitted function), not timed.
"""

from __future__ import annotations

import collections
from collections.abc import Iterator

import pytest
from jax import monitoring

from discojax.experiments import load_config, run_experiment
from tests.experiments.test_run import write_task

BACKEND_COMPILE = "/jax/core/compile/backend_compile_duration"


@pytest.fixture
def compiled() -> Iterator[collections.Counter[str]]:
    """The names of the XLA programs compiled while the test runs."""
    names: collections.Counter[str] = collections.Counter()

    def listen(event: str, seconds: float, **kwargs: object) -> None:
        if event == BACKEND_COMPILE:
            names[str(kwargs.get("fun_name"))] += 1

    monitoring.register_event_duration_secs_listener(listen)
    yield names
    monitoring.unregister_event_duration_listener(listen)


def test_one_step_and_one_evaluation_program_for_every_split_and_seed(tmp_path, compiled):
    path = write_task(tmp_path, epochs=3)
    # dimensions no other test uses, so that no program of this model was compiled before
    path.write_text(path.read_text().replace("n = 2, s = 2", "n = 3, s = 2"))
    config = load_config(path)
    summaries = run_experiment(config, tmp_path / "results", seeds=[0, 1])
    assert [s["epochs_run"] for s in summaries] == [3, 3]
    assert {"train_accuracy", "dev_accuracy", "test_accuracy"} <= set(summaries[1])
    # train, dev and test (and both seeds) share the evaluation program; no separate apply
    assert compiled["jit(update)"] == 1, compiled
    assert compiled["jit(measure)"] == 1, compiled
    assert compiled["jit(contract)"] == 0, compiled
    first = sum(compiled.values())
    # The rest are small: the initial draw, the optimiser's zeros, the finiteness check, the
    # predictions' softmax. 12 when written; 35 before (a measure and an apply per split, an
    # array transfer per shape, checks per array shape, a second initialisation).
    assert first <= 12, compiled

    again = run_experiment(config, tmp_path / "again", seeds=[2])
    assert again[0]["epochs_run"] == 3
    assert sum(compiled.values()) == first, compiled  # a new seed, the same model: nothing new
