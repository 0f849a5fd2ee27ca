"""Accuracy and macro F1 with bootstrap intervals: per seed, and pooled over seeds.

A classification experiment gives, for each seed, one prediction per test item. Two intervals
answer two questions:

- **per seed**: how precisely does this one trained model's accuracy estimate its accuracy on
  items like these? Resample the test items of that seed;
- **pooled**: the mean over seeds (the number a table shows). Resample test *items*, each with
  its predictions under every seed, so that an item hard for every seed moves as one; the
  interval then covers both the test set's sampling and, through the mean, the seeds.

MC's 30 test items make both wide: one item is 3.3 points of accuracy.

>>> labels = [1, 0, 1, 0, 1, 0, 1, 0, 1, 0]
>>> predicted = [[1, 0, 1, 0, 1, 0, 1, 0, 1, 1], [1, 0, 1, 0, 1, 0, 1, 0, 0, 0]]
>>> r = classification_intervals(labels, predicted, method="percentile", resamples=999)
>>> print(r["pooled"])
0.900 [0.750, 1.000]
>>> [i.estimate for i in r["per_seed"]]
[0.9, 0.9]
"""

from __future__ import annotations

from typing import Any

import numpy as np

from discojax.errors import StatisticsError
from discojax.stats._bootstrap import bootstrap_interval
from discojax.stats._result import Interval

METRICS = ("accuracy", "f1")


def macro_f1(labels: Any, predicted: Any, axis: int = -1) -> np.ndarray:
    """Macro-averaged F1 over the classes present in ``labels`` or ``predicted`` (as
    :func:`discojax.train.f1_score`), vectorised over leading axes.

    >>> float(macro_f1(np.array([0, 1, 0]), np.array([0, 1, 1])))
    0.6666666666666666
    """
    y, p = np.asarray(labels), np.asarray(predicted)
    y, p = np.broadcast_arrays(np.moveaxis(y, axis, -1), np.moveaxis(p, axis, -1))
    scores, present = [], []
    for k in np.union1d(np.unique(y), np.unique(p)):
        tp = np.sum((p == k) & (y == k), axis=-1)
        fp = np.sum((p == k) & (y != k), axis=-1)
        fn = np.sum((p != k) & (y == k), axis=-1)
        here = (tp + fp + fn) > 0
        scores.append(np.where(tp > 0, 2 * tp / np.maximum(2 * tp + fp + fn, 1), 0.0))
        present.append(here)
    s, h = np.array(scores), np.array(present)
    return np.sum(np.where(h, s, 0.0), axis=0) / np.maximum(np.sum(h, axis=0), 1)


def _metric(name: str, labels: np.ndarray, predicted: np.ndarray) -> np.ndarray:
    if name == "accuracy":
        return np.mean(predicted == labels, axis=-1)
    return macro_f1(labels, predicted)


def classification_intervals(
    labels: Any,
    predicted: Any,
    *,
    metric: str = "accuracy",
    method: str = "BCa",
    confidence: float = 0.95,
    resamples: int = 9999,
    seed: int = 0,
) -> dict[str, Any]:
    """Intervals of a metric per seed (test items resampled) and pooled over seeds (test
    items resampled with all their seeds' predictions).

    Args:
        labels: the gold class of each test item.
        predicted: the predicted classes, ``(seeds, items)`` or ``(items,)``.
        metric: ``"accuracy"`` or ``"f1"`` (macro).
        method, confidence, resamples, seed: see :func:`~discojax.stats.bootstrap_interval`.

    Returns:
        ``{"per_seed": [Interval, ...], "pooled": Interval}``.

    Raises:
        StatisticsError: an unknown metric, or predictions of another length than ``labels``.

    >>> classification_intervals([0, 1], [[0, 1, 1]])
    Traceback (most recent call last):
    ...
    discojax.errors.StatisticsError: predictions of 3 items for 2 labels
    """
    y = np.asarray(labels)
    p = np.atleast_2d(np.asarray(predicted))
    if metric not in METRICS:
        raise StatisticsError(f"unknown metric {metric!r}: expected one of {METRICS}")
    if p.ndim != 2 or y.ndim != 1 or p.shape[1] != y.size:
        raise StatisticsError(f"predictions of {p.shape[-1]} items for {y.size} labels")
    options: dict[str, Any] = dict(
        method=method, confidence=confidence, resamples=resamples, seed=seed
    )

    def pooled(indices: np.ndarray, axis: int = -1) -> np.ndarray:
        idx = np.asarray(indices, dtype=np.int64)
        return np.mean(_metric(metric, y[idx], p[:, idx]), axis=0)

    per_seed: list[Interval] = []
    for row in p:

        def one(indices: np.ndarray, axis: int = -1, row: np.ndarray = row) -> np.ndarray:
            idx = np.asarray(indices, dtype=np.int64)
            return _metric(metric, y[idx], row[idx])

        per_seed.append(bootstrap_interval([np.arange(y.size)], one, **options))
    everything = bootstrap_interval([np.arange(y.size)], pooled, **options)
    return {"per_seed": per_seed, "pooled": everything}
