"""Spearman's rho with bootstrap intervals, per judgement and per item.

A similarity data set has *items* (sentence pairs, one model score each) and *judgements* (one
human score of one item; GS2011: 2,500 judgements of 199 items). Two correlations are reported
(see :mod:`discojax.corpus`): per judgement, rho between every human score and its item's model
score; per item, rho between each item's mean human score and the model score.

Resampling must follow the data's independent units. Judgements of one item share one model
score, so resampling judgements one by one treats 2,500 correlated numbers as independent and
gives too narrow an interval; :func:`rho_intervals` resamples *items* by default, each with all
of its judgements (a cluster bootstrap), for both correlations. ``resample="judgements"`` is
there to show the difference, not for tables.

A resample that repeats an item twice is the data with that item's rows written twice:
:func:`weighted_spearman` computes rho of such data from row multiplicities without building
it (mid-ranks of repeated rows), for thousands of resamples at once.

>>> import numpy as np
>>> x, y = np.array([1.0, 2.0, 3.0, 4.0]), np.array([1.0, 3.0, 2.0, 4.0])
>>> float(weighted_spearman(x, y, np.array([1, 1, 1, 1])))
0.8
>>> float(weighted_spearman(x, y, np.array([2, 0, 1, 1])))  # rows 0, 0, 2, 3
1.0
"""

from __future__ import annotations

from typing import Any

import numpy as np

from discojax.errors import StatisticsError
from discojax.stats._bootstrap import bootstrap_interval
from discojax.stats._result import Interval


def weighted_ranks(values: Any, weights: Any) -> np.ndarray:
    """Mid-ranks of ``values`` in the data where value ``i`` occurs ``weights[..., i]`` times.

    ``weights`` may have leading axes (one row of multiplicities per resample).

    >>> weighted_ranks(np.array([5.0, 1.0, 5.0]), np.array([1, 2, 1])).tolist()
    [3.5, 1.5, 3.5]
    """
    values = np.asarray(values, dtype=np.float64)
    weights = np.asarray(weights, dtype=np.float64)
    order = np.argsort(values, kind="stable")
    ordered = values[order]
    new = np.r_[True, ordered[1:] != ordered[:-1]]
    group = np.cumsum(new) - 1
    totals = np.add.reduceat(weights[..., order], np.flatnonzero(new), axis=-1)
    below = np.cumsum(totals, axis=-1) - totals
    ranks = np.empty(weights.shape, dtype=np.float64)
    ranks[..., order] = (below + (totals + 1.0) / 2.0)[..., group]
    return ranks


def weighted_spearman(x: Any, y: Any, weights: Any) -> np.ndarray:
    """Spearman's rho of pairs ``(x[i], y[i])``, pair ``i`` repeated ``weights[..., i]`` times.

    Equal to :func:`scipy.stats.spearmanr` of the repeated data (ties take mid-ranks); NaN
    where either side is constant. Vectorised over leading axes of ``weights``.

    >>> float(weighted_spearman([1, 2, 3], [3, 2, 1], [1, 1, 1]))
    -1.0
    """
    w = np.asarray(weights, dtype=np.float64)
    rx, ry = weighted_ranks(x, w), weighted_ranks(y, w)
    total = w.sum(axis=-1, keepdims=True)
    dx = rx - (w * rx).sum(axis=-1, keepdims=True) / total
    dy = ry - (w * ry).sum(axis=-1, keepdims=True) / total
    with np.errstate(invalid="ignore", divide="ignore"):
        rho = (w * dx * dy).sum(-1) / np.sqrt((w * dx * dx).sum(-1) * (w * dy * dy).sum(-1))
    return np.clip(rho, -1.0, 1.0)


def _counts(indices: np.ndarray, units: int) -> np.ndarray:
    """How often each unit occurs in each row of resampled unit indices."""
    indices = np.asarray(indices, dtype=np.int64)
    flat = indices.reshape(-1, indices.shape[-1])
    counts = np.zeros((flat.shape[0], units))
    np.add.at(counts, (np.arange(flat.shape[0])[:, None], flat), 1.0)
    return counts.reshape(*indices.shape[:-1], units)


def clustered_spearman(x: Any, y: Any, groups: Any) -> Any:
    """A vectorised statistic of resampled *groups*: rho of the pairs of the groups drawn.

    Returns ``statistic(indices, axis=-1)`` for :func:`~discojax.stats.bootstrap_interval`,
    whose one sample is ``arange(number of groups)``: each resample draws groups (items),
    and every pair of a group drawn k times counts k times.

    >>> rho = clustered_spearman([1.0, 2.0, 3.0, 4.0], [1.0, 3.0, 2.0, 4.0], [0, 0, 1, 2])
    >>> float(rho(np.array([0, 1, 2]), axis=-1))
    0.8
    """
    x, y, groups = np.asarray(x), np.asarray(y), np.asarray(groups, dtype=np.int64)
    units = int(groups.max()) + 1

    def statistic(indices: np.ndarray, axis: int = -1) -> np.ndarray:
        return weighted_spearman(x, y, _counts(indices, units)[..., groups])

    return statistic


def spearman_interval(
    x: Any,
    y: Any,
    groups: Any = None,
    *,
    resampled: str | None = None,
    method: str = "BCa",
    confidence: float = 0.95,
    resamples: int = 9999,
    seed: int = 0,
) -> Interval:
    """Spearman's rho of ``x`` and ``y`` with a bootstrap interval.

    Args:
        x, y: paired scores.
        groups: each pair's resampling unit (0, 1, ...; e.g. the item of each judgement): whole
            groups are resampled. None: each pair is its own unit.
        resampled: the unit's name for the record (default ``"pairs"`` or ``"groups"``).
        method, confidence, resamples, seed: see :func:`~discojax.stats.bootstrap_interval`.

    Raises:
        StatisticsError: ``x``, ``y`` and ``groups`` of unequal lengths.

    >>> x = [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0]
    >>> y = [2.0, 1.0, 4.0, 3.0, 6.0, 5.0, 8.0, 7.0]
    >>> print(spearman_interval(x, y, method="percentile", resamples=500))
    0.905 [0.595, 1.000]
    """
    x, y = np.asarray(x, dtype=np.float64), np.asarray(y, dtype=np.float64)
    groups = np.arange(len(x)) if groups is None else np.asarray(groups, dtype=np.int64)
    if not x.shape == y.shape == groups.shape or x.ndim != 1:
        raise StatisticsError(
            f"x, y and groups must be equal 1-D sequences: shapes {x.shape}, {y.shape}, "
            f"{groups.shape}"
        )
    if groups.min() < 0:
        raise StatisticsError("groups must be numbered from 0")
    name = resampled or ("pairs" if np.array_equal(groups, np.arange(len(x))) else "groups")
    units = np.arange(int(groups.max()) + 1)
    return bootstrap_interval(
        [units],
        clustered_spearman(x, y, groups),
        method=method,
        confidence=confidence,
        resamples=resamples,
        seed=seed,
        resampled=name,
        batch=max(1, 2_000_000 // max(len(x), 1)),
    )


def rho_intervals(
    item_scores: Any,
    judgement_items: Any,
    human_scores: Any,
    *,
    resample: str = "items",
    method: str = "BCa",
    confidence: float = 0.95,
    resamples: int = 9999,
    seed: int = 0,
) -> dict[str, Interval]:
    """Per-judgement and per-item Spearman's rho of a model, each with its interval.

    Args:
        item_scores: the model's score of each item.
        judgement_items: the item (index into ``item_scores``) of each judgement.
        human_scores: each judgement's human score.
        resample: ``"items"`` (each with its judgements; the default, see the module) or
            ``"judgements"`` (one by one: per judgement only; too narrow, for comparison).
        method, confidence, resamples, seed: see :func:`~discojax.stats.bootstrap_interval`.

    Returns:
        ``{"per_judgement": Interval, "per_item": Interval}`` (``per_item`` always resamples
        items).

    Raises:
        StatisticsError: an unknown ``resample``, or a judgement of an item with no score.

    >>> r = rho_intervals([0.9, 0.1, 0.5], [0, 0, 1, 1, 2, 2], [7, 6, 1, 2, 4, 3],
    ...                   method="percentile", resamples=200)
    >>> r["per_judgement"].estimate, r["per_item"].estimate, r["per_item"].resampled
    (0.9561828874675149, 1.0, 'items')
    """
    scores = np.asarray(item_scores, dtype=np.float64)
    items = np.asarray(judgement_items, dtype=np.int64)
    human = np.asarray(human_scores, dtype=np.float64)
    if resample not in ("items", "judgements"):
        raise StatisticsError(f"resample={resample!r}: expected 'items' or 'judgements'")
    if items.size and (items.min() < 0 or items.max() >= len(scores)):
        raise StatisticsError(f"a judgement's item is not one of the {len(scores)} items scored")
    means = np.bincount(items, human, len(scores)) / np.maximum(np.bincount(items), 1)
    options: dict[str, Any] = dict(
        method=method, confidence=confidence, resamples=resamples, seed=seed
    )
    groups = items if resample == "items" else None
    return {
        "per_judgement": spearman_interval(
            scores[items], human, groups, resampled=resample, **options
        ),
        "per_item": spearman_interval(scores, means, resampled="items", **options),
    }
