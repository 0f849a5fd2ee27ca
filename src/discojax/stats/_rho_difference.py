"""Is one similarity model's rho higher than another's on the same judgements?

Two paired tests of ``rho(A) - rho(B)``, both resampling *items* (an item's judgements share
its model scores, so they move together; see :mod:`discojax.stats._spearman`), both for the
per-judgement or the per-item rho:

- ``"permutation"`` (approximate randomisation): under the null hypothesis the two models are
  exchangeable, so each item's two model scores may be swapped. Scores are first replaced by
  their ranks divided by the number of items (models' cosines live on different scales; a
  rank carries all that Spearman's rho uses), then each resample swaps a random subset of
  items and recomputes the difference. Two-sided, the observed arrangement counted.
- ``"bootstrap"``: resample items with replacement, recompute the difference; the p-value is
  twice the smaller share of resampled differences on either side of 0 (a percentile
  bootstrap test), and ``details`` keeps the percentile interval of the difference.

Model A's scores identical to model B's: nothing to tell apart, p = 1 (a constant model's
rho is undefined, and so are the difference and p: NaN):

>>> r = rho_difference_test([0.9, 0.1, 0.5], [0.9, 0.1, 0.5], [0, 0, 1, 1, 2, 2],
...                         [7, 6, 1, 2, 4, 3], resamples=99)
>>> r.difference, r.pvalue
(0.0, 1.0)
"""

from __future__ import annotations

from typing import Any

import numpy as np
from scipy import stats

from discojax.errors import StatisticsError
from discojax.stats._result import Significance
from discojax.stats._spearman import _counts, weighted_spearman


def _rows_spearman(x: np.ndarray, y_ranks: np.ndarray) -> np.ndarray:
    """Spearman's rho of each row of ``x`` with one fixed, already ranked ``y``."""
    rx = stats.rankdata(x, axis=-1)
    dx = rx - rx.mean(axis=-1, keepdims=True)
    dy = y_ranks - y_ranks.mean()
    with np.errstate(invalid="ignore", divide="ignore"):
        return (dx * dy).sum(-1) / np.sqrt((dx * dx).sum(-1) * (dy * dy).sum())


def rho_difference_test(
    a_scores: Any,
    b_scores: Any,
    judgement_items: Any,
    human_scores: Any,
    *,
    method: str = "permutation",
    per: str = "judgement",
    resamples: int = 9999,
    seed: int = 0,
    confidence: float = 0.95,
) -> Significance:
    """A paired test of the difference of two models' Spearman's rho with the same humans.

    Args:
        a_scores, b_scores: each model's score of each item.
        judgement_items: the item of each judgement.
        human_scores: each judgement's human score.
        method: ``"permutation"`` or ``"bootstrap"`` (see the module).
        per: ``"judgement"`` or ``"item"`` (the items' mean human scores).
        resamples: how many resamples; seed: seeds them.
        confidence: the level of the bootstrap interval kept in ``details``.

    Returns:
        ``difference`` = rho(A) - rho(B) (also the ``statistic``) and its two-sided p-value.

    Raises:
        StatisticsError: scores of unequal lengths, or an unknown ``method`` or ``per``.

    >>> rho_difference_test([1, 2], [1, 2, 3], [0, 1], [1, 2])
    Traceback (most recent call last):
    ...
    discojax.errors.StatisticsError: model scores of 2 and 3 items: expected the same items
    """
    a = np.asarray(a_scores, dtype=np.float64)
    b = np.asarray(b_scores, dtype=np.float64)
    items = np.asarray(judgement_items, dtype=np.int64)
    human = np.asarray(human_scores, dtype=np.float64)
    if a.shape != b.shape or a.ndim != 1:
        raise StatisticsError(
            f"model scores of {a.size} and {b.size} items: expected the same items"
        )
    if method not in ("permutation", "bootstrap") or per not in ("judgement", "item"):
        raise StatisticsError(
            f"method={method!r}, per={per!r}: expected permutation or bootstrap, judgement or item"
        )
    if items.shape != human.shape or (items.size and not 0 <= items.min() <= items.max() < a.size):
        raise StatisticsError("each judgement needs a human score and one of the items scored")
    if per == "item":
        human = np.bincount(items, human, a.size) / np.maximum(
            np.bincount(items, minlength=a.size), 1
        )
        items = np.arange(a.size)
    details: dict[str, Any] = {"per": per, "resampled": "items", "resamples": resamples}
    details["seed"] = seed
    rng = np.random.default_rng(seed)
    ones = np.ones(items.size)
    observed = float(
        weighted_spearman(a[items], human, ones) - weighted_spearman(b[items], human, ones)
    )
    if method == "bootstrap" and not np.isnan(observed):
        differences = []
        for start in range(0, resamples, 1000):
            draws = rng.integers(0, a.size, (min(1000, resamples - start), a.size))
            w = _counts(draws, a.size)[:, items]
            differences.append(
                weighted_spearman(a[items], human, w) - weighted_spearman(b[items], human, w)
            )
        d = np.concatenate(differences)
        d = d[~np.isnan(d)]
        p = min(1.0, 2 * min(np.mean(d <= 0), np.mean(d >= 0))) if observed != 0 else 1.0
        tail = (1 - confidence) / 2
        details["interval"] = [float(np.quantile(d, tail)), float(np.quantile(d, 1 - tail))]
        details["confidence"] = confidence
        return Significance("paired bootstrap", observed, float(p), observed, details)
    ra, rb = stats.rankdata(a) / a.size, stats.rankdata(b) / b.size
    human_ranks = stats.rankdata(human)

    def statistic(first: np.ndarray, second: np.ndarray, axis: int = -1) -> np.ndarray:
        return _rows_spearman(first[..., items], human_ranks) - _rows_spearman(
            second[..., items], human_ranks
        )

    if np.isnan(observed):  # a constant model: its rho, and so the difference, is undefined
        return Significance("paired permutation test", observed, np.nan, observed, details)
    if np.array_equal(ra, rb):
        return Significance("paired permutation test", observed, 1.0, observed, details)
    result = stats.permutation_test(
        (ra, rb),
        statistic,
        permutation_type="samples",
        vectorized=True,
        n_resamples=resamples,
        rng=rng,
        batch=max(1, 2_000_000 // max(items.size, 1)),
    )
    return Significance(
        "paired permutation test", observed, float(result.pvalue), observed, details
    )
