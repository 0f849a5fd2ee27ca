"""Callbacks: the metrics log survives a resume, TensorBoard gets every scalar, hooks run in order."""

from __future__ import annotations

import dataclasses
import json
import struct

import jax
import numpy as np
import pytest

from discojax.errors import TrainingError
from discojax.train import Callback, Checkpoint, MetricsLog, TensorBoard, TrainConfig, fit
from tests.train.test_trainer import _prepared


def test_the_metrics_log_equals_the_history_across_a_resume(tmp_path) -> None:
    model, (train, test), (y_train, y_test) = _prepared()
    init, log = model.init(jax.random.key(0)), tmp_path / "metrics.jsonl"

    def run(epochs, resume):
        hooks = [Checkpoint(tmp_path, resume=resume), MetricsLog(log)]
        config = TrainConfig(epochs=epochs, batch_size=8)
        return fit(model, init, train, y_train, (test, y_test), config, callbacks=hooks)

    run(2, resume=False)
    result = run(4, resume=True)
    logged = [json.loads(line) for line in log.read_text().splitlines()]
    assert [r["epoch"] for r in logged] == [1, 2, 3, 4]
    assert logged == result.history


@pytest.mark.parametrize(
    ("change", "metadata", "message"),
    [
        ({"learning_rate": 0.1}, {}, "made with learning_rate = 0.05, this run has 0.1"),
        ({"seed": 1}, {}, "made with seed = 0, this run has 1"),
        ({}, {"experiment": "other"}, "made with experiment = 'toy', this run has 'other'"),
    ],
)
def test_a_checkpoint_of_other_settings_is_refused(tmp_path, change, metadata, message) -> None:
    """Issue 19, item 2: never resume another run's checkpoint under this run's label."""
    model, (train, _), (y_train, _) = _prepared()
    init = model.init(jax.random.key(0))
    config = TrainConfig(epochs=1, batch_size=8, learning_rate=0.05)
    saver = Checkpoint(tmp_path, {"experiment": "toy"})
    fit(model, init, train, y_train, None, config, callbacks=[saver])
    other = dataclasses.replace(config, epochs=2, **change)
    resume = Checkpoint(tmp_path, {"experiment": "toy", **metadata}, resume=True)
    with pytest.raises(TrainingError, match=message):
        fit(model, init, train, y_train, None, other, callbacks=[resume])


def read_events(folder):
    """(tag, step, value) of every scalar in the TFRecord event files of ``folder``."""
    from tensorboardX.proto.event_pb2 import Event

    found = []
    for path in sorted(folder.glob("events.out.tfevents.*")):
        data, at = path.read_bytes(), 0
        while at < len(data):
            length = struct.unpack("<Q", data[at : at + 8])[0]
            event = Event.FromString(data[at + 12 : at + 12 + length])
            at += 12 + length + 4
            found += [(v.tag, event.step, v.simple_value) for v in event.summary.value]
    return found


def test_tensorboard_writes_every_scalar_of_every_epoch(tmp_path) -> None:
    pytest.importorskip("tensorboardX")
    model, (train, test), (y_train, y_test) = _prepared()
    result = fit(
        model, model.init(jax.random.key(0)), train, y_train, (test, y_test),
        TrainConfig(epochs=3), callbacks=[TensorBoard(tmp_path)],
    )  # fmt: skip
    expected = [
        (name, int(record["epoch"]), pytest.approx(value, rel=1e-6))
        for record in result.history
        for name, value in record.items()
        if name != "epoch"
    ]
    assert read_events(tmp_path) == expected


def test_hooks_run_in_order_and_can_stop() -> None:
    model, (train, _), (y_train, _) = _prepared()
    calls = []

    class Spy(Callback):
        def __init__(self, name, stop_at=None):
            self.name, self.stop_at = name, stop_at

        def on_start(self, state, history, config):
            calls.append((self.name, "start"))
            return state

        def on_epoch(self, state, history):
            calls.append((self.name, state.epoch))
            return state.epoch == self.stop_at

        def on_end(self, state, history):
            calls.append((self.name, "end"))

    result = fit(
        model, model.init(jax.random.key(0)), train, y_train,
        config=TrainConfig(epochs=5), callbacks=[Spy("a", stop_at=2), Spy("b")],
    )  # fmt: skip
    assert calls == [
        ("a", "start"), ("b", "start"), ("a", 1), ("b", 1), ("a", 2), ("b", 2),
        ("a", "end"), ("b", "end"),
    ]  # fmt: skip
    assert result.stopped_early and len(result.history) == 2


def test_resuming_a_run_that_stopped_early_trains_no_further(tmp_path) -> None:
    model, (train, test), (y_train, y_test) = _prepared()
    init = model.init(jax.random.key(0))
    config = TrainConfig(epochs=200, learning_rate=0.05, patience=2, monitor="dev_loss")
    first = fit(
        model, init, train, y_train, (test, y_test), config, callbacks=[Checkpoint(tmp_path)]
    )
    again = fit(
        model, init, train, y_train, (test, y_test), config,
        callbacks=[Checkpoint(tmp_path, resume=True)],
    )  # fmt: skip
    assert first.stopped_early and again.stopped_early
    assert again.history == first.history
    assert np.array_equal(np.asarray(again.params["n"]), np.asarray(first.params["n"]))
