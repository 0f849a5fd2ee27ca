"""Callbacks: what :func:`~discojax.train.fit` does besides training, one small class each.

A callback sees the run at three points: ``on_start(state, history, config)`` may return a
different state (a checkpoint resumes there, and fills ``history`` in); ``on_epoch(state,
history)`` follows each epoch (``history[-1]`` is its record) and returns ``True`` to stop;
``on_end(state, history)`` follows the last. They run in the order given.

- :class:`EarlyStopping`: stop after ``patience`` epochs without a better monitored metric;
- :class:`Checkpoint`: save the state after every epoch (safetensors + JSON, atomically), and
  resume from it exactly;
- :class:`MetricsLog`: one JSON object per epoch in a ``metrics.jsonl`` file;
- :class:`ProgressBar`: a tqdm bar over epochs (by default only when standard error is a
  terminal);
- :class:`TensorBoard`: the epoch metrics as TensorBoard scalars (the ``tensorboard`` extra:
  tensorboardX, MIT licence, a pure-Python wheel).

>>> import json, tempfile, jax, jax.numpy as jnp
>>> from pathlib import Path
>>> from discojax import TensorModel, TensorAnsatz
>>> from discojax.train import TrainConfig, fit
>>> model = TensorModel.from_data(["man runs", "dog barks"], TensorAnsatz({"n": 2, "s": 2}))
>>> batch, labels = model.prepare(["man runs", "dog barks"]), jnp.array([1, 0])
>>> log = Path(tempfile.mkdtemp()) / "metrics.jsonl"
>>> result = fit(model, model.init(jax.random.key(0)), batch, labels,
...              config=TrainConfig(epochs=3), callbacks=[MetricsLog(log)])
>>> [json.loads(line)["epoch"] for line in log.read_text().splitlines()]
[1, 2, 3]
"""

from __future__ import annotations

import importlib
import json
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from tqdm import tqdm

from discojax.errors import TrainingError
from discojax.train._checkpoint import ARRAYS, has_checkpoint, load_checkpoint, save_checkpoint
from discojax.train._config import TrainConfig
from discojax.train._step import TrainState

History = list[dict[str, float]]


def _short(value: Any) -> str:
    """A value for a message, at most 80 characters."""
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."


class Callback:
    """Hooks of :func:`~discojax.train.fit`; each does nothing unless overridden.

    >>> Callback().on_epoch(None, [])
    False
    """

    def on_start(self, state: TrainState, history: History, config: TrainConfig) -> TrainState:
        """Before the first epoch; may return another state (and fill ``history`` in)."""
        return state

    def on_epoch(self, state: TrainState, history: History) -> bool:
        """After each epoch; ``True`` stops training."""
        return False

    def on_end(self, state: TrainState, history: History) -> None:
        """After the last epoch."""


class EarlyStopping(Callback):
    """Stop after ``patience`` epochs without improving the monitored metric.

    >>> EarlyStopping(2).on_epoch(TrainState(None, None, bad_epochs=2), [])
    True
    """

    def __init__(self, patience: int) -> None:
        self.patience = patience

    def on_epoch(self, state: TrainState, history: History) -> bool:
        return state.bad_epochs >= self.patience


class Checkpoint(Callback):
    """Save the state after every epoch into ``folder``; with ``resume``, continue from it.

    One file, ``checkpoint.safetensors``, replaced atomically after every epoch, holds the arrays
    (``params``, ``opt_state``, ``best``) and the epoch, step, history, early-stopping state,
    configuration and ``metadata`` (grammar, semantics, vocabulary, seed…), with their checksum
    (see :func:`~discojax.train.save_checkpoint`). A checkpoint made with other settings than
    this run's (any training setting but ``epochs``, or other ``metadata``, such as the seed or
    the model) is refused, never resumed under the wrong label. ``write=False`` is for the
    processes other than the writer in a run across processes (:func:`~discojax.train.is_writer`):
    they resume from the same checkpoint but never write it.

    >>> import tempfile, jax.numpy as jnp
    >>> from discojax.train import read_metadata
    >>> folder = tempfile.mkdtemp()
    >>> saver = Checkpoint(folder, metadata={"note": "hi"})
    >>> state = saver.on_start(TrainState.create({"w": jnp.zeros(2)}, TrainConfig()), [], TrainConfig())
    >>> saver.on_epoch(state._replace(epoch=1), [{"epoch": 1}])
    False
    >>> meta = read_metadata(folder)
    >>> meta["note"], meta["training"]["epoch"]
    ('hi', 1)
    """

    def __init__(
        self,
        folder: str | Path,
        metadata: Mapping[str, Any] | None = None,
        resume: bool = False,
        write: bool = True,
    ) -> None:
        self.folder = Path(folder)
        self.metadata = dict(metadata or {})
        self.resume = resume
        self.write = write
        self.config = TrainConfig()

    def on_start(self, state: TrainState, history: History, config: TrainConfig) -> TrainState:
        self.config = config
        if not (self.resume and has_checkpoint(self.folder)):
            return state
        templates = {"params": state.params, "opt_state": state.opt_state, "best": state.params}
        trees, meta = load_checkpoint(self.folder, templates)
        saved = meta["training"]
        self._check_same_run(meta, config)
        history[:] = saved["history"]
        return state._replace(
            params=trees["params"], opt_state=trees["opt_state"], best_params=trees["best"],
            step=saved.get("step", 0), epoch=saved["epoch"], best_metric=saved["best_metric"],
            best_epoch=saved["best_epoch"], bad_epochs=saved["bad_epochs"],
        )  # fmt: skip

    def _check_same_run(self, meta: Mapping[str, Any], config: TrainConfig) -> None:
        """Refuse a checkpoint whose settings differ from this run's (``epochs`` may grow)."""
        ours = json.loads(json.dumps({**config.to_json(), "epochs": None}))
        theirs = {**meta["training"].get("config", {}), "epochs": None}
        found = [(k, theirs.get(k), ours.get(k)) for k in sorted(ours) if theirs.get(k) != ours[k]]
        mine = json.loads(json.dumps(self.metadata))
        found += [
            (k, meta.get(k), v)
            for k, v in sorted(mine.items())
            if k != "config" and meta.get(k) != v
        ]
        if found:
            key, saved, now = found[0]
            raise TrainingError(
                f"{self.folder / ARRAYS}: the checkpoint was made with {key} = {_short(saved)}, "
                f"this run has {_short(now)}: resume with the same settings, or start afresh "
                "(--overwrite)"
            )

    def on_epoch(self, state: TrainState, history: History) -> bool:
        if not self.write:
            return False
        training = {
            "epoch": state.epoch,
            "step": state.step,
            "history": history,
            "best_metric": state.best_metric,
            "best_epoch": state.best_epoch,
            "bad_epochs": state.bad_epochs,
            "config": self.config.to_json(),
        }
        trees = {"params": state.params, "opt_state": state.opt_state, "best": state.best_params}
        save_checkpoint(self.folder, trees, {**self.metadata, "training": training})
        return False


class MetricsLog(Callback):
    """Each epoch's record as one JSON line of ``path``; the file always equals the history.

    At the start the file is rewritten from the history so far (empty, or a resumed run's), so
    nothing is logged twice and nothing is lost.
    """

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)

    def on_start(self, state: TrainState, history: History, config: TrainConfig) -> TrainState:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.path.write_text("".join(json.dumps(r) + "\n" for r in history), encoding="utf-8")
        return state

    def on_epoch(self, state: TrainState, history: History) -> bool:
        with self.path.open("a", encoding="utf-8") as stream:
            stream.write(json.dumps(history[-1]) + "\n")
        return False


class ProgressBar(Callback):
    """A tqdm bar over epochs, showing the step loss; ``show=None``: when stderr is a terminal.

    >>> bar = ProgressBar(show=False)
    >>> _ = bar.on_start(None, [], TrainConfig(epochs=2))
    >>> bar.on_epoch(None, [{"step_loss": 0.5}]), bar.bar.total
    (False, 2)
    """

    def __init__(self, show: bool | None = None) -> None:
        self.show = show
        self.bar: tqdm | None = None

    def on_start(self, state: TrainState, history: History, config: TrainConfig) -> TrainState:
        show = sys.stderr.isatty() if self.show is None else self.show
        self.bar = tqdm(
            total=config.epochs, initial=len(history), desc="training", unit="epoch",
            disable=not show, leave=False,
        )  # fmt: skip
        return state

    def on_epoch(self, state: TrainState, history: History) -> bool:
        if self.bar is not None:
            self.bar.set_postfix(loss=f"{history[-1].get('step_loss', float('nan')):.4g}")
            self.bar.update(1)
        return False

    def on_end(self, state: TrainState, history: History) -> None:
        if self.bar is not None:
            self.bar.close()


class TensorBoard(Callback):
    """Each epoch's metrics as TensorBoard scalars in ``logdir`` (needs tensorboardX).

    Raises:
        ImportError: tensorboardX is missing (``pip install 'discojax[tensorboard]'``).
    """

    def __init__(self, logdir: str | Path) -> None:
        self.logdir = Path(logdir)
        self.writer: Any = None

    def on_start(self, state: TrainState, history: History, config: TrainConfig) -> TrainState:
        try:
            module = importlib.import_module("tensorboardX")
        except ImportError as err:
            raise ImportError(
                "the TensorBoard callback needs tensorboardX: pip install 'discojax[tensorboard]'"
            ) from err
        self.writer = module.SummaryWriter(str(self.logdir))
        return state

    def on_epoch(self, state: TrainState, history: History) -> bool:
        record = history[-1]
        for name, value in record.items():
            if name != "epoch":
                self.writer.add_scalar(name, value, int(record["epoch"]))
        self.writer.flush()
        return False

    def on_end(self, state: TrainState, history: History) -> None:
        if self.writer is not None:
            self.writer.close()
