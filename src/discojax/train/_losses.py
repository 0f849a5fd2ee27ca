"""Losses and metrics for functorial models.

A model's output for a sentence is either *logits* (tensor models: any real vector) or
*probabilities* (circuit models: a Born distribution). Classification losses take either;
a one-dimensional output is read as a single logit (binary, sigmoid).

>>> import jax.numpy as jnp
>>> logits = jnp.array([[2.0, 0.0], [0.0, 2.0]])
>>> labels = jnp.array([0, 1])
>>> round(float(cross_entropy(logits, labels)), 4)
0.1269
>>> float(accuracy(logits, labels))
1.0
"""

from __future__ import annotations

import jax
import jax.numpy as jnp

_EPS = 1e-9


def log_probabilities(outputs: jax.Array, kind: str = "logits") -> jax.Array:
    """Class log-probabilities ``(batch, classes)`` from a model's outputs.

    Args:
        outputs: ``(batch, classes)``, or ``(batch, 1)`` / ``(batch,)`` for one binary logit.
        kind: ``"logits"`` or ``"probabilities"`` (renormalised, clipped away from zero).

    >>> import jax.numpy as jnp
    >>> log_probabilities(jnp.array([[0.0]])).round(4).tolist()
    [[-0.6931, -0.6931]]
    """
    outputs = outputs.reshape(outputs.shape[0], -1)
    if kind == "probabilities":
        p = outputs / jnp.sum(outputs, axis=-1, keepdims=True)
        return jnp.log(jnp.clip(p, _EPS, 1.0))
    if outputs.shape[-1] == 1:
        outputs = jnp.concatenate([jnp.zeros_like(outputs), outputs], axis=-1)
    return jax.nn.log_softmax(outputs, axis=-1)


def cross_entropy(
    outputs: jax.Array, labels: jax.Array, weights: jax.Array | None = None, kind: str = "logits"
) -> jax.Array:
    """Mean (weighted) cross-entropy of integer ``labels``: binary or multi-class.

    >>> import jax.numpy as jnp
    >>> float(cross_entropy(jnp.array([[0.0, 0.0]]), jnp.array([1]))) == float(jnp.log(2.0))
    True
    """
    logp = log_probabilities(outputs, kind)
    losses = -jnp.take_along_axis(logp, labels[:, None].astype(jnp.int32), axis=-1)[:, 0]
    return _mean(losses, weights)


def mean_squared_error(
    outputs: jax.Array, targets: jax.Array, weights: jax.Array | None = None
) -> jax.Array:
    """Mean (weighted) squared error, for similarity and regression tasks.

    >>> import jax.numpy as jnp
    >>> float(mean_squared_error(jnp.array([1.0, 3.0]), jnp.array([1.0, 1.0])))
    2.0
    """
    losses = jnp.sum(
        (outputs.reshape(targets.shape[0], -1) - targets.reshape(targets.shape[0], -1)) ** 2, -1
    )
    return _mean(losses, weights)


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


def f1_score(outputs: jax.Array, labels: jax.Array, kind: str = "logits") -> float:
    """Macro-averaged F1 over the classes present in ``labels`` or predictions.

    >>> import jax.numpy as jnp
    >>> f1_score(jnp.array([[1.0, 0.0], [0.0, 1.0], [0.0, 1.0]]), jnp.array([0, 1, 0]))
    0.6666666666666666
    """
    pred = predictions(outputs, kind)
    scores = []
    for c in sorted(set(labels.tolist()) | set(pred.tolist())):
        tp = float(jnp.sum((pred == c) & (labels == c)))
        fp = float(jnp.sum((pred == c) & (labels != c)))
        fn = float(jnp.sum((pred != c) & (labels == c)))
        scores.append(0.0 if tp == 0 else 2 * tp / (2 * tp + fp + fn))
    return sum(scores) / len(scores) if scores else 0.0


def _mean(values: jax.Array, weights: jax.Array | None) -> jax.Array:
    if weights is None:
        return jnp.mean(values)
    return jnp.sum(values * weights) / jnp.maximum(jnp.sum(weights), 1.0)
