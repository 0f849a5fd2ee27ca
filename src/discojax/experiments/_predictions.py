"""Each test item's prediction, kept per seed so that paired tests can be run afterwards.

A classification run writes, in every seed's ``summary.json``, ``predictions`` per split:
the gold ``labels``, the ``predicted`` classes and each item's class ``probabilities``
(softmax of logits, or a circuit's renormalised Born probabilities), in the data file's order.
Paired tests (:func:`discojax.stats.paired_permutation_test`, :func:`discojax.stats.mcnemar`)
compare two experiments item by item from these lists; older summaries without them still
load (their tables just get no intervals or tests).

>>> import jax.numpy as jnp
>>> split_predictions(jnp.array([[2.0, 0.0], [0.0, 0.0]]), jnp.array([0, 1]))["predicted"]
[0, 0]
"""

from __future__ import annotations

from typing import Any

import jax
import numpy as np

from discojax.train import log_probabilities


def split_predictions(outputs: jax.Array, labels: jax.Array, kind: str = "logits") -> dict:
    """One split's gold labels, predicted classes and class probabilities (JSON-ready).

    Args:
        outputs: the model's outputs, ``(items, classes)`` (or one binary logit per item).
        labels: the gold classes.
        kind: the model's ``output_kind`` (``"logits"`` or ``"probabilities"``).

    >>> import jax.numpy as jnp
    >>> p = split_predictions(jnp.array([[0.0, 0.0]]), jnp.array([1]))
    >>> p["labels"], p["probabilities"]
    ([1], [[0.5, 0.5]])
    """
    probabilities = np.exp(np.asarray(log_probabilities(outputs, kind), dtype=np.float64))
    return {
        "labels": [int(x) for x in np.asarray(labels)],
        "predicted": [int(x) for x in probabilities.argmax(axis=-1)],
        "probabilities": [[round(float(p), 6) for p in row] for row in probabilities],
    }


def model_predictions(model: Any, params: Any, batch: Any, labels: jax.Array) -> dict:
    """:func:`split_predictions` of ``model.apply(params, batch)``.

    >>> import jax, jax.numpy as jnp
    >>> from discojax import TensorModel, TensorAnsatz
    >>> m = TensorModel.from_data(["man runs"], TensorAnsatz({"n": 2, "s": 2}))
    >>> p = model_predictions(m, m.init(jax.random.key(0)), m.prepare(["man runs"]), jnp.array([1]))
    >>> sorted(p), len(p["probabilities"][0])
    (['labels', 'predicted', 'probabilities'], 2)
    """
    outputs = model.apply(params, batch)
    return split_predictions(outputs, labels, getattr(model, "output_kind", "logits"))
