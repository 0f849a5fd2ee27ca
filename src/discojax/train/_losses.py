"""Losses and metrics for functorial models: ``fn(outputs, targets, weights)``, all jittable.

A model's output for a sentence is either *logits* (tensor models: any real vector) or
*probabilities* (circuit models: a Born distribution; its ``output_kind`` says so). The
cross-entropy of logits is optax's ``softmax_cross_entropy`` (of one-hot labels); of
probabilities, ``-log p`` after renormalising (a Born distribution post-selected on some wires
does not sum to one). A one-dimensional output is read as a single binary logit. Squared error
is optax's ``squared_error``. Weights (a minibatch's padding mask) make every mean a weighted
one, so padded rows never count.

>>> import jax.numpy as jnp
>>> logits = jnp.array([[2.0, 0.0], [0.0, 2.0]])
>>> labels = jnp.array([0, 1])
>>> round(float(cross_entropy(logits, labels)), 4)
0.1269
>>> float(accuracy(logits, labels))
1.0

The law between the two paths: probabilities give the cross-entropy of their logarithms.

>>> probs = jnp.array([[0.7, 0.1], [0.2, 0.6]])
>>> a = cross_entropy(probs, labels, kind="probabilities")
>>> b = cross_entropy(jnp.log(probs), labels)
>>> bool(jnp.allclose(a, b))
True
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import cache, partial

import jax
import jax.numpy as jnp
import optax

#: A metric or loss: ``fn(outputs, targets, weights) -> scalar``.
Metric = Callable[[jax.Array, jax.Array, jax.Array | None], jax.Array]

_EPS = 1e-9


def _as_logits(outputs: jax.Array) -> jax.Array:
    outputs = outputs.reshape(outputs.shape[0], -1)
    if outputs.shape[-1] == 1:  # one binary logit: the logits (0, x) give sigmoid(x)
        outputs = jnp.concatenate([jnp.zeros_like(outputs), outputs], axis=-1)
    return outputs


def log_probabilities(outputs: jax.Array, kind: str = "logits") -> jax.Array:
    """Class log-probabilities ``(batch, classes)`` from a model's outputs.

    Args:
        outputs: ``(batch, classes)``, or ``(batch, 1)`` / ``(batch,)`` for one binary logit.
        kind: ``"logits"`` or ``"probabilities"`` (renormalised, clipped away from zero).

    >>> import jax.numpy as jnp
    >>> log_probabilities(jnp.array([[0.0]])).round(4).tolist()
    [[-0.6931, -0.6931]]
    """
    if kind == "probabilities":
        outputs = outputs.reshape(outputs.shape[0], -1)
        p = outputs / jnp.sum(outputs, axis=-1, keepdims=True)
        return jnp.log(jnp.clip(p, _EPS, 1.0))
    return jax.nn.log_softmax(_as_logits(outputs), axis=-1)


def cross_entropy(
    outputs: jax.Array, labels: jax.Array, weights: jax.Array | None = None, kind: str = "logits"
) -> jax.Array:
    """Mean (weighted) cross-entropy of integer ``labels``: binary or multi-class.

    >>> import jax.numpy as jnp
    >>> float(cross_entropy(jnp.array([[0.0, 0.0]]), jnp.array([1]))) == float(jnp.log(2.0))
    True
    """
    labels = labels.astype(jnp.int32)
    if kind == "probabilities":
        logp = log_probabilities(outputs, kind)
        losses = -jnp.take_along_axis(logp, labels[:, None], axis=-1)[:, 0]
    else:
        # one-hot labels, not optax's integer-label form: that one computes logsumexp minus the
        # label's logit, which rounds differently from log_softmax (the MC tensor run's step
        # loss moved in the 8th digit at epoch 7); this one is bit for bit the published numbers
        logits = _as_logits(outputs)
        onehot = jax.nn.one_hot(labels, logits.shape[-1], dtype=logits.dtype)
        losses = optax.losses.softmax_cross_entropy(logits, onehot)
    return _mean(losses, weights)


def mean_squared_error(
    outputs: jax.Array, targets: jax.Array, weights: jax.Array | None = None
) -> jax.Array:
    """Mean (weighted) squared error, for similarity and regression tasks.

    >>> import jax.numpy as jnp
    >>> float(mean_squared_error(jnp.array([1.0, 3.0]), jnp.array([1.0, 1.0])))
    2.0
    """
    n = targets.shape[0]
    losses = optax.losses.squared_error(outputs.reshape(n, -1), targets.reshape(n, -1))
    return _mean(jnp.sum(losses, -1), weights)


def predictions(outputs: jax.Array, kind: str = "logits") -> jax.Array:
    """Predicted classes.

    >>> import jax.numpy as jnp
    >>> predictions(jnp.array([[0.1, 0.9], [0.8, 0.2]])).tolist()
    [1, 0]
    """
    return jnp.argmax(log_probabilities(outputs, kind), axis=-1)


def accuracy(
    outputs: jax.Array, labels: jax.Array, weights: jax.Array | None = None, kind: str = "logits"
) -> jax.Array:
    """The (weighted) fraction of correct predictions.

    >>> import jax.numpy as jnp
    >>> float(accuracy(jnp.array([[1.0, 0.0], [1.0, 0.0]]), jnp.array([0, 1])))
    0.5
    """
    return _mean((predictions(outputs, kind) == labels).astype(jnp.float32), weights)


def f1_score(
    outputs: jax.Array, labels: jax.Array, weights: jax.Array | None = None, kind: str = "logits"
) -> jax.Array:
    """Macro-averaged F1 over the classes present in ``labels`` or predictions (jittable).

    >>> import jax.numpy as jnp
    >>> outputs = jnp.array([[1.0, 0.0], [0.0, 1.0], [0.0, 1.0]])
    >>> round(float(f1_score(outputs, jnp.array([0, 1, 0]))), 6)
    0.666667
    >>> float(f1_score(outputs, jnp.array([0, 1, 0]), jnp.array([1.0, 1.0, 0.0])))
    1.0
    """
    logp = log_probabilities(outputs, kind)
    w = jnp.ones(logp.shape[0]) if weights is None else weights
    classes = jnp.arange(logp.shape[-1])[None, :]
    predicted = jnp.argmax(logp, axis=-1)[:, None] == classes
    actual = labels[:, None] == classes
    tp = jnp.sum(w[:, None] * (predicted & actual), axis=0)
    fp = jnp.sum(w[:, None] * (predicted & ~actual), axis=0)
    fn = jnp.sum(w[:, None] * (~predicted & actual), axis=0)
    present = (tp + fp + fn) > 0
    f1 = jnp.where(tp > 0, 2 * tp / jnp.maximum(2 * tp + fp + fn, 1e-12), 0.0)
    return jnp.sum(jnp.where(present, f1, 0.0)) / jnp.maximum(jnp.sum(present), 1)


def loss_function(name: str, kind: str = "logits") -> Metric:
    """The training loss ``name`` (``cross_entropy`` or ``mse``) for outputs of ``kind``.

    >>> import jax.numpy as jnp
    >>> float(loss_function("mse")(jnp.array([2.0]), jnp.array([0.0]), None))
    4.0
    """
    if name == "mse":
        return mean_squared_error
    if name == "cross_entropy":
        return _bound(cross_entropy, kind)
    raise ValueError(f"unknown loss {name!r}: cross_entropy or mse")


def default_metrics(loss: str, kind: str = "logits") -> Mapping[str, Metric]:
    """The metrics :func:`~discojax.train.fit` logs by default: the loss, and accuracy.

    The same objects for the same arguments, so the jitted evaluation compiles once.

    >>> list(default_metrics("cross_entropy")), list(default_metrics("mse"))
    (['loss', 'accuracy'], ['loss'])
    >>> default_metrics("mse") is default_metrics("mse")
    True
    """
    return _defaults(loss, kind)


@cache  # keyed by two short strings: a handful of entries
def _defaults(loss: str, kind: str) -> Mapping[str, Metric]:
    if loss == "mse":
        return {"loss": loss_function(loss, kind)}
    return {"loss": loss_function(loss, kind), "accuracy": _bound(accuracy, kind)}


@cache
def _bound(metric: Callable[..., jax.Array], kind: str) -> Metric:
    return partial(metric, kind=kind)


def _mean(values: jax.Array, weights: jax.Array | None) -> jax.Array:
    if weights is None:
        return jnp.mean(values)
    return jnp.sum(values * weights) / jnp.maximum(jnp.sum(weights), 1.0)
