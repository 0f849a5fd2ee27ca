"""A paired permutation test of two classifiers over seeds and test items.

Two experiments, each run with the same seeds on the same test items, give two
``(seeds, items)`` arrays of per-item results (1 right, 0 wrong; or any per-item score). Under
the null hypothesis that the two models are exchangeable, swapping their results within a
*unit* leaves the distribution of the difference unchanged. The unit says what is assumed
independent:

- ``"items"`` (default): the test items are the sample; a swap exchanges an item's results
  for every seed at once, so the correlation of one item's results across seeds is kept.
  This answers "would another test set of this kind rank the models the same way?";
- ``"seeds"``: a swap exchanges a whole seed's results (the difference of per-seed
  accuracies; needs paired seeds); answers "is the difference larger than seed noise?"
  with the test set fixed;
- ``"cells"``: each (seed, item) separately: assumes all cells independent, which they are not
  (an item hard for one seed is hard for all): too many significant results; for comparison.

The statistic is the difference of mean results, A - B. With at most ``log2(resamples)``
units every swap is enumerated (exact); otherwise ``resamples`` random swaps are drawn,
seeded, and the p-value counts the observed arrangement (it is never 0).

Four items, one seed: differences +1, +1, +1, 0. Of the 16 arrangements, 4 (those with all
three 1's of one sign) are as extreme as the one observed:

>>> r = paired_permutation_test([[1, 1, 1, 0]], [[0, 0, 0, 0]])
>>> r.pvalue, r.difference, r.details["exact"]
(0.25, 0.75, True)
"""

from __future__ import annotations

from typing import Any

import numpy as np
from scipy import stats

from discojax.errors import StatisticsError
from discojax.stats._result import Significance

UNITS = ("items", "seeds", "cells")


def paired_permutation_test(
    a: Any, b: Any, *, unit: str = "items", resamples: int = 9999, seed: int = 0
) -> Significance:
    """Whether two models' mean results differ, by swapping their results within units.

    Args:
        a, b: per-item results of each model, ``(seeds, items)`` (row k: seed k), or
            ``(items,)`` for one seed.
        unit: ``"items"``, ``"seeds"`` or ``"cells"`` (see the module).
        resamples: random swaps drawn when there are too many to enumerate.
        seed: seeds the random swaps.

    Returns:
        The observed difference as ``statistic`` and ``difference``, and the two-sided
        p-value; ``details`` has the unit, the number of units and whether it was exact.

    Raises:
        StatisticsError: arrays of different shapes, or an unknown unit.

    >>> paired_permutation_test([[1, 0]], [[1, 0], [0, 1]])
    Traceback (most recent call last):
    ...
    discojax.errors.StatisticsError: results of shapes (1, 2) and (2, 2): expected equal (seeds, items)
    """
    x, y = np.atleast_2d(np.asarray(a, np.float64)), np.atleast_2d(np.asarray(b, np.float64))
    if x.shape != y.shape or x.ndim != 2:
        raise StatisticsError(
            f"results of shapes {x.shape} and {y.shape}: expected equal (seeds, items)"
        )
    if unit not in UNITS:
        raise StatisticsError(f"unit {unit!r}: expected one of {UNITS}")
    if resamples < 1:
        raise StatisticsError(f"{resamples} resamples: expected at least 1")
    total = x.size
    if unit == "items":
        u, v = x.sum(axis=0), y.sum(axis=0)
    elif unit == "seeds":
        u, v = x.sum(axis=1), y.sum(axis=1)
    else:
        u, v = x.ravel(), y.ravel()

    def difference(first: np.ndarray, second: np.ndarray, axis: int = -1) -> np.ndarray:
        return (first.sum(axis=axis) - second.sum(axis=axis)) / total

    observed = float(difference(u, v))
    exact = 2 ** len(u) <= resamples
    result = stats.permutation_test(
        (u, v),
        difference,
        permutation_type="samples",
        vectorized=True,
        n_resamples=resamples,
        rng=np.random.default_rng(seed),
    )
    details = {"unit": unit, "units": len(u), "exact": exact, "resamples": resamples}
    details["seed"] = seed
    return Significance(
        "paired permutation test", observed, float(result.pvalue), observed, details
    )
