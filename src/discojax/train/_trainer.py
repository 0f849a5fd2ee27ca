"""The training loop: epochs of jitted steps over stratified minibatches; callbacks do the rest.

:func:`fit` trains any model of the model protocol: ``init(key)``, ``prepare(items) ->``
:class:`~discojax.compile.Batch`, ``apply(params, batch) -> array``, and optionally an
``output_kind`` (``"logits"`` by default, ``"probabilities"`` for circuits) and a
``penalty(params)`` added to the training loss. An epoch is a loop over index arrays drawn from
``(seed, epoch)``; every step has the same array shapes, so the step compiles once. After each
epoch the metrics (a mapping ``name -> fn(outputs, targets, weights)``, by default the loss and,
for classification, accuracy) are measured on the training and dev sets, the best parameters by
``config.monitor`` are kept, and the callbacks run: checkpoints and exact resumption, a
``metrics.jsonl`` log, a progress bar, early stopping (``config.patience``). A NaN or infinite
loss, or parameters that an epoch's last update made NaN or infinite, raise
:class:`~discojax.errors.TrainingError` before any callback sees the epoch, so the last
checkpoint is always a finite state. A loss that grows to :data:`DIVERGENCE` times the first
step's (Adam at a learning rate of 1e6, say) is a logged warning, kept in
:attr:`TrainResult.warnings`.

>>> import jax, jax.numpy as jnp
>>> from discojax import TensorModel, TensorAnsatz
>>> texts = ["man cooks meal", "woman debugs program", "man prepares sauce", "woman runs program"]
>>> labels = jnp.array([1, 0, 1, 0])
>>> model = TensorModel.from_data(texts, TensorAnsatz({"n": 2, "s": 2}))
>>> batch = model.prepare(texts)
>>> result = fit(model, model.init(jax.random.key(0)), batch, labels,
...              config=TrainConfig(epochs=30, learning_rate=0.1))
>>> result.history[-1]["train_accuracy"]
1.0
"""

from __future__ import annotations

import logging
import math
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import jax
import jax.numpy as jnp
import numpy as np
from jax.sharding import Mesh

from discojax.compile._batch import Batch
from discojax.errors import TrainingError
from discojax.train._callbacks import Callback, EarlyStopping, ProgressBar
from discojax.train._config import TrainConfig
from discojax.train._evaluation import Evaluation, evaluate_sets
from discojax.train._losses import Metric
from discojax.train._minibatch import MinibatchPlan, epoch_rows
from discojax.train._sharding import replicate
from discojax.train._spsa import ValueOnlyTransformation
from discojax.train._step import Minibatch, TrainState, make_step

logger = logging.getLogger(__name__)

#: A run whose epoch loss reaches this many times its first step's loss (at least 1e-3) is
#: diverging: a warning, not an error (the loss is still finite).
DIVERGENCE = 1e3


@dataclass
class TrainResult:
    """What :func:`fit` returns: the best parameters (by the monitored metric) and the log.

    ``warnings`` holds what was logged as a warning (a diverging loss).
    """

    params: Any
    last_params: Any
    history: list[dict[str, float]]
    best_epoch: int
    stopped_early: bool
    warnings: list[str] = field(default_factory=list)


def fit(
    model: Any,
    params: Any,
    train: Batch,
    targets: jax.Array,
    dev: tuple[Batch, jax.Array] | Evaluation | None = None,
    config: TrainConfig | None = None,
    *,
    metrics: Mapping[str, Metric] | None = None,
    callbacks: Sequence[Callback] | None = None,
    mesh: Mesh | None = None,
) -> TrainResult:
    """Train ``params`` of ``model`` on ``train``/``targets``; see the module for the loop.

    Args:
        model: a model of the model protocol (see the module).
        params: the initial parameters (a PyTree of arrays).
        train: the prepared training batch; ``targets`` its labels (or regression targets).
        dev: an optional prepared dev set and its targets, for early stopping and selection;
            or an :class:`~discojax.train.Evaluation` whose ``"train"`` and ``"dev"`` sets are
            measured after each epoch by one program (that an experiment shares with its
            test set and every seed).
        config: the training settings.
        metrics: ``name -> fn(outputs, targets, weights)``, logged as ``train_<name>`` and
            ``dev_<name>`` (default: :func:`~discojax.train.default_metrics`).
        callbacks: run in order after each epoch (default: a :class:`ProgressBar`);
            ``config.patience`` adds :class:`EarlyStopping`.
        mesh: a device mesh with a ``data`` axis (:func:`discojax.train.data_mesh`): each step's
            minibatch is split over it and the parameters replicated (data parallelism).

    Raises:
        TrainingError: a NaN or infinite loss or parameters, a non-finite learning rate, an
            unknown optimiser or monitor.
    """
    config = config or TrainConfig()
    if not config.monitor.startswith("dev_"):
        raise TrainingError(f"monitor must be dev_accuracy or dev_loss, not {config.monitor!r}")
    if not math.isfinite(config.learning_rate):
        raise TrainingError(f"learning_rate must be a finite number, not {config.learning_rate}")
    maximise = config.monitor.endswith("accuracy")
    plan = MinibatchPlan.for_batch(
        train, config.batch_size, 1 if mesh is None else mesh.shape["data"]
    )
    hooks: list[Callback] = [ProgressBar()] if callbacks is None else list(callbacks)
    if config.patience is not None:
        hooks.append(EarlyStopping(config.patience))
    state = TrainState.create(params, config, maximise)
    history: list[dict[str, float]] = []
    warned: list[str] = []
    first: float | None = None  # the loss of this call's first step, before any update
    for hook in hooks:
        state = hook.on_start(state, history, config)
    if mesh is not None:
        state = state._replace(**replicate(
            {"params": state.params, "opt_state": state.opt_state, "best_params": state.best_params},
            mesh,
        ))  # fmt: skip
        # Data too: with several processes (jax.distributed), a jitted step takes global arrays
        # only; each process holds the same data, so each one's copy is the whole array.
        train, targets = replicate((train, targets), mesh)
        if isinstance(dev, Evaluation):
            dev = dev.replicated(mesh)
        elif dev is not None:
            dev = replicate(dev, mesh)
    step = make_step(model, config, mesh, train.shapes)
    per_epoch = epoch_evaluations(model, train, config)
    # a resumed run that had stopped early stays stopped (it used to train one epoch more)
    stopped = config.patience is not None and bool(history) and state.bad_epochs >= config.patience
    while state.epoch < config.epochs and not stopped:
        started = time.perf_counter()
        rows, masks = epoch_rows(train, plan, config.seed, state.epoch)
        losses = []
        for s in range(plan.steps):
            state, loss = step(state, Minibatch(train, targets, rows[s], masks[s]))
            losses.append(loss)
        values = _finite_losses(losses, state)
        _check_finite_state(state)
        first = float(values[0]) if first is None else first
        record: dict[str, float] = {"epoch": state.epoch + 1, "step_loss": float(values.mean())}
        if per_epoch is not None:  # every sentence is in one step of an epoch
            record["circuit_evaluations"] = per_epoch * (state.epoch + 1)
        if not warned and record["step_loss"] >= DIVERGENCE * max(first, 1e-3):
            warned.append(
                f"training diverges: the loss grew from {first:.4g} (first step) to "
                f"{record['step_loss']:.4g} (epoch {state.epoch + 1}); lower the learning rate"
            )
            logger.warning("%s", warned[-1])
        if isinstance(dev, Evaluation):
            measured, _ = evaluate_sets(model, state.params, dev, config, metrics)
            for prefix in ("train",) * config.train_metrics + ("dev",) * ("dev" in measured):
                record.update({f"{prefix}_{k}": v for k, v in measured[prefix].items()})
        else:
            sets = {"train": (train, targets)} if config.train_metrics else {}
            for prefix, (batch, y) in {**sets, **({"dev": dev} if dev else {})}.items():
                record.update(
                    evaluate_metrics(model, state.params, batch, y, config, prefix, metrics)
                )
        record["seconds"] = time.perf_counter() - started
        history.append(record)
        state = state.after_epoch(_monitored(record, config.monitor, maximise), maximise)
        stopped = any([hook.on_epoch(state, history) for hook in hooks])
    for hook in hooks:
        hook.on_end(state, history)
    return TrainResult(state.best_params, state.params, history, state.best_epoch, stopped, warned)


def epoch_evaluations(model: Any, train: Batch, config: TrainConfig) -> int | None:
    """The circuits a device runs for one epoch on ``train`` under a shot budget (``None``
    without ``config.shots``): each sentence once, at the cost of its step (two runs under
    SPSA, one plus one per parameter-shift term under a gradient optimiser).

    >>> from discojax.quantum import CircuitAnsatz, QuantumModel
    >>> m = QuantumModel.from_data(["man runs"], CircuitAnsatz({"n": 1, "s": 1}))
    >>> b = m.prepare(["man runs"])
    >>> epoch_evaluations(m, b, TrainConfig(shots=10)), epoch_evaluations(m, b, TrainConfig())
    (11, None)
    >>> epoch_evaluations(m, b, TrainConfig(shots=10, optimizer="spsa"))
    2
    """
    if config.shots is None:
        return None
    gradient = not isinstance(config.transformation(), ValueOnlyTransformation)
    return int(model.circuit_evaluations(train, gradient))


def evaluate_metrics(
    model: Any,
    params: Any,
    batch: Batch,
    targets: jax.Array,
    config: TrainConfig,
    prefix: str,
    metrics: Mapping[str, Metric] | None = None,
) -> dict[str, float]:
    """``metrics`` (default: ``config``'s loss, and accuracy) of ``params`` on a whole set: one
    set of :func:`~discojax.train.evaluate_sets`.

    >>> import jax, jax.numpy as jnp
    >>> from discojax import TensorModel, TensorAnsatz
    >>> from discojax.train import f1_score
    >>> m = TensorModel.from_data(["man runs"], TensorAnsatz({"n": 2, "s": 2}))
    >>> p, b = m.init(jax.random.key(0)), m.prepare(["man runs"])
    >>> sorted(evaluate_metrics(m, p, b, jnp.array([1]), TrainConfig(), "dev"))
    ['dev_accuracy', 'dev_loss']
    >>> list(evaluate_metrics(m, p, b, jnp.array([1]), TrainConfig(), "test", {"f1": f1_score}))
    ['test_f1']
    """
    weights = {prefix: np.ones(batch.size, np.float32)}
    measured, _ = evaluate_sets(model, params, Evaluation(batch, targets, weights), config, metrics)
    return {f"{prefix}_{k}": v for k, v in measured[prefix].items()}


def _finite_losses(losses: list[jax.Array], state: TrainState) -> np.ndarray:
    """The epoch's step losses; a NaN or infinite one is a :class:`TrainingError`."""
    values = np.asarray(jax.device_get(losses), dtype=np.float64)  # no program compiled
    if not np.all(np.isfinite(values)):
        bad = int(np.argmin(np.isfinite(values)))
        raise TrainingError(
            f"loss is {values[bad]} at epoch {state.epoch + 1}, step {bad + 1}; the state of "
            f"epoch {state.epoch} is the last one checkpointed"
        )
    return values


def _check_finite_state(state: TrainState) -> None:
    """Refuse parameters or optimiser state that the epoch's last update made non-finite.

    A step's loss is measured before its update, so finite losses do not prove finite
    parameters: without this check a NaN state would be checkpointed as the last good one.

    >>> import jax.numpy as jnp
    >>> _check_finite_state(TrainState({"w": jnp.array([1.0, jnp.inf])}, (), epoch=2))
    Traceback (most recent call last):
    ...
    discojax.errors.TrainingError: parameters ['w'] are not finite after epoch 3 (its losses ...
    """
    leaves = [
        (name, path, leaf)
        for name, tree in (("parameters", state.params), ("optimiser state", state.opt_state))
        for path, leaf in jax.tree_util.tree_flatten_with_path(tree)[0]
        if jnp.issubdtype(jnp.result_type(leaf), jnp.inexact)
    ]
    finite = np.asarray(_all_finite([leaf for *_, leaf in leaves]) if leaves else [], bool)
    for (name, path, _), ok in zip(leaves, finite, strict=True):
        if not ok:
            raise TrainingError(
                f"{name} {jax.tree_util.keystr(path)} are not finite after epoch "
                f"{state.epoch + 1} (its losses were): lower the learning rate; the state "
                f"of epoch {state.epoch} is the last one checkpointed"
            )


@jax.jit
def _all_finite(leaves: list[jax.Array]) -> jax.Array:
    """Whether each leaf is finite: one program per state's structure, not one per leaf's shape
    and operation."""
    return jnp.stack([jnp.all(jnp.isfinite(leaf)) for leaf in leaves])


def _monitored(record: Mapping[str, float], monitor: str, maximise: bool) -> float:
    """The monitored metric; the train one without a dev set, else the step loss."""
    value = record.get(monitor, record.get(f"train_{monitor[4:]}"))
    if value is None:
        return -record["step_loss"] if maximise else record["step_loss"]
    return value
