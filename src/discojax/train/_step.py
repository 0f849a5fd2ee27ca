"""The training state and the pure step ``(state, minibatch) -> (state, loss)``.

:class:`TrainState` is a PyTree: the parameters, the optax state, the step count, and what
model selection keeps (the best parameters, their metric and epoch, the epochs since). The
step gathers its minibatch inside ``jit`` (:func:`~discojax.train.take`), evaluates the model's
loss (plus its ``penalty(params)``, if it has one), and applies any optax transformation; one
that needs only values (:class:`~discojax.train.ValueOnlyTransformation`, e.g. SPSA) gets the
loss function and no gradient is taken.

Only ``(params, opt_state)`` and the minibatch enter the compiled function: JAX copies an
output that merely returns an input, so carrying the best parameters through it would copy
them every step. Compiled steps live in a small LRU cache keyed by the model and
:meth:`~discojax.train.TrainConfig.step_key` (not the seed): every seed of an experiment shares
one compilation, and at most :data:`KEPT` models are kept alive by it.

>>> import jax, jax.numpy as jnp
>>> from discojax import TensorModel, TensorAnsatz
>>> from discojax.train import MinibatchPlan, TrainConfig, epoch_rows
>>> texts = ["man cooks meal", "woman debugs program"]
>>> model = TensorModel.from_data(texts, TensorAnsatz({"n": 2, "s": 2}))
>>> batch, labels = model.prepare(texts), jnp.array([1, 0])
>>> config = TrainConfig(learning_rate=0.1)
>>> state = TrainState.create(model.init(jax.random.key(0)), config)
>>> rows, masks = epoch_rows(batch, MinibatchPlan.for_batch(batch, None), seed=0, epoch=0)
>>> step = make_step(model, config)
>>> losses = []
>>> for _ in range(20):
...     state, loss = step(state, Minibatch(batch, labels, rows[0], masks[0]))
...     losses.append(float(loss))
>>> state.step, losses[-1] < losses[0]
(20, True)
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from functools import lru_cache
from typing import Any, NamedTuple

import jax
import jax.numpy as jnp
import optax
from jax.sharding import Mesh

from discojax.compile._batch import Batch
from discojax.errors import TrainingError
from discojax.train._config import TrainConfig
from discojax.train._losses import loss_function
from discojax.train._minibatch import take
from discojax.train._spsa import ValueOnlyTransformation

#: The most (model, settings) pairs whose compiled steps (and evaluations) are kept.
KEPT = 8


class TrainState(NamedTuple):
    """Where training stands: what the step changes, and what model selection keeps.

    Attributes:
        params: the current parameters.
        opt_state: the optax state.
        step: optimiser steps taken.
        epoch: epochs completed.
        best_params: the parameters of the best epoch by the monitored metric.
        best_metric: that epoch's metric (``-inf`` / ``inf`` before any).
        best_epoch: that epoch's number (0 before any).
        bad_epochs: epochs since the best one.
    """

    params: Any
    opt_state: Any
    step: int = 0
    epoch: int = 0
    best_params: Any = None
    best_metric: float = -float("inf")
    best_epoch: int = 0
    bad_epochs: int = 0

    @classmethod
    def create(cls, params: Any, config: TrainConfig, maximise: bool = True) -> TrainState:
        """A fresh state: ``config``'s optimiser initialised on ``params``.

        >>> import jax.numpy as jnp
        >>> TrainState.create({"w": jnp.zeros(2)}, TrainConfig(), maximise=False).best_metric
        inf
        """
        opt_state = config.transformation().init(params)
        worst = -float("inf") if maximise else float("inf")
        return cls(params, opt_state, best_params=params, best_metric=worst)

    def after_epoch(self, metric: float, maximise: bool) -> TrainState:
        """Count an epoch, keeping the parameters if ``metric`` beats the best so far.

        >>> import jax.numpy as jnp
        >>> s = TrainState({"w": jnp.ones(1)}, ()).after_epoch(0.5, maximise=True)
        >>> s.epoch, s.best_epoch, s.best_metric, s.after_epoch(0.4, True).bad_epochs
        (1, 1, 0.5, 1)
        """
        epoch = self.epoch + 1
        better = metric > self.best_metric if maximise else metric < self.best_metric
        if better:
            return self._replace(
                epoch=epoch, best_params=self.params, best_metric=metric, best_epoch=epoch,
                bad_epochs=0,
            )  # fmt: skip
        return self._replace(epoch=epoch, bad_epochs=self.bad_epochs + 1)


class Minibatch(NamedTuple):
    """One step's data: the prepared set, its targets, and per bucket the rows to take."""

    batch: Batch
    targets: jax.Array
    rows: tuple[Any, ...]
    masks: tuple[Any, ...]


Step = Callable[[TrainState, Minibatch], tuple[TrainState, jax.Array]]


def make_step(model: Any, config: TrainConfig, mesh: Mesh | None = None, shapes: int = 0) -> Step:
    """The training step of ``model`` under ``config``: pure, compiled once per settings.

    Args:
        model: anything with ``apply(params, batch)`` (optionally ``output_kind``,
            ``penalty(params)``, a term added to the training loss, and ``frozen``, the names
            of parameters the step leaves unchanged whatever the optimiser).
        config: the loss and the optimiser.
        mesh: split each minibatch over its ``data`` axis (data parallelism).
        shapes: the training set's number of shapes (above 512, compile fast by default).
    """
    fast = config.fast_compile if config.fast_compile is not None else shapes > 512
    check_shots(model, config.shots)
    compiled = _compiled_step(model, config.step_key(), mesh, fast)
    seed = jax.random.key(config.seed)

    def step(state: TrainState, minibatch: Minibatch) -> tuple[TrainState, jax.Array]:
        # the shots of step k are drawn from fold_in(key(seed), k): a resumed run draws the same
        key = jax.random.fold_in(seed, state.step) if config.shots is not None else None
        params, opt_state, loss = compiled(state.params, state.opt_state, minibatch, key)
        return state._replace(params=params, opt_state=opt_state, step=state.step + 1), loss

    return step


def check_shots(model: Any, shots: int | None) -> None:
    """Refuse a shot budget out of range, or one for a model that cannot sample its outputs.

    Raises:
        TrainingError: ``shots`` below 1 or above ``MAX_SHOTS``, or a model without ``estimate``.

    >>> check_shots(object(), None)
    >>> check_shots(object(), 100)
    Traceback (most recent call last):
    ...
    discojax.errors.TrainingError: shots = 100 needs a model whose circuits are sampled (a QuantumModel), not a object
    """
    if shots is None:
        return
    from discojax.semantics.circuit._shots import MAX_SHOTS

    if isinstance(shots, bool) or not isinstance(shots, int) or not 1 <= shots <= MAX_SHOTS:
        raise TrainingError(f"shots must be an integer from 1 to {MAX_SHOTS}, not {shots!r}")
    if not callable(getattr(model, "estimate", None)):
        raise TrainingError(
            f"shots = {shots} needs a model whose circuits are sampled (a QuantumModel), "
            f"not a {type(model).__name__}"
        )


def jit(function: Callable, fast: bool) -> Callable:
    """``jax.jit``, at XLA backend optimisation level 0 when compiling ``fast``.

    >>> float(jit(lambda x: 2 * x, fast=True)(1.0))
    2.0
    """
    if fast:
        return jax.jit(function, compiler_options={"xla_backend_optimization_level": 0})
    return jax.jit(function)


def training_loss(model: Any, loss: str, shots: int | None = None) -> Callable[..., jax.Array]:
    """``loss(params, batch, targets, weights, key=None)``: the model's loss plus its penalty,
    if any; with ``shots``, of the outputs ``model.estimate`` samples with ``key``.

    >>> import jax.numpy as jnp
    >>> class Line:
    ...     def apply(self, params, batch):
    ...         return params["w"] * batch
    ...     def penalty(self, params):
    ...         return params["w"] ** 2
    >>> f = training_loss(Line(), "mse")
    >>> float(f({"w": jnp.array(2.0)}, jnp.ones(3), jnp.zeros(3), jnp.ones(3)))
    8.0
    """
    measure = loss_function(loss, getattr(model, "output_kind", "logits"))
    penalty = getattr(model, "penalty", None)

    def value(
        params: Any, batch: Any, targets: jax.Array, weights: jax.Array, key: Any = None
    ) -> jax.Array:
        if shots is None:
            outputs = model.apply(params, batch)
        else:
            outputs = model.estimate(params, batch, shots, key)
        result = measure(outputs, targets, weights)
        return result if penalty is None else result + penalty(params)

    return value


@lru_cache(maxsize=KEPT)
def _compiled_step(model: Any, key: tuple[Any, ...], mesh: Mesh | None, fast: bool) -> Callable:
    loss_name, optimizer, learning_rate, options, settings, shots = key
    config = TrainConfig(
        optimizer=optimizer, learning_rate=learning_rate, options=dict(options),
        loss=loss_name, spsa=settings, shots=shots,
    )  # fmt: skip
    transformation = config.transformation()
    loss = training_loss(model, loss_name, shots)
    frozen = frozenset(getattr(model, "frozen", ()))

    def update(
        params: Any, opt_state: Any, minibatch: Minibatch, key: Any
    ) -> tuple[Any, Any, jax.Array]:
        sub, targets, weights = take(*minibatch, mesh)
        draws = itertools.count()  # each evaluation of a step (SPSA's two) draws its own shots

        def value_fn(p: Any) -> jax.Array:
            draw = None if key is None else jax.random.fold_in(key, next(draws))
            return loss(p, sub, targets, weights, draw)

        if isinstance(transformation, ValueOnlyTransformation):
            zeros = jax.tree.map(jnp.zeros_like, params)
            updates, opt_state = transformation.update(zeros, opt_state, params, value_fn=value_fn)
            value = optax.tree_utils.tree_get(opt_state, "value")
        else:
            value, grads = jax.value_and_grad(value_fn)(params)
            updates, opt_state = transformation.update(
                grads, opt_state, params, value=value, grad=grads, value_fn=value_fn
            )
        updated = optax.apply_updates(params, updates)
        if frozen:  # e.g. fixed word vectors: unchanged under SPSA or weight decay too
            updated = {**updated, **{name: params[name] for name in frozen}}
        return updated, opt_state, value

    return jit(update, fast)
