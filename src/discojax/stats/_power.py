"""How many seeds does a difference need? Power by simulation from a run's own variance.

Given the per-seed results of one or two experiments (test accuracy of 10 seeds, say),
:func:`power` estimates the probability that Welch's t test at level ``alpha`` finds a true
difference of ``difference`` with ``seeds`` seeds per experiment: each simulation draws
``seeds`` values from each experiment's per-seed results (with replacement, centred on their
mean, so the spread and shape of the seed noise are the run's own), adds ``difference`` to the
first, and tests. :func:`seeds_needed` is the smallest number of seeds with power at least
``target``. This is the seed noise only, with the test set held fixed: it answers "how many
seeds before a difference this size is told apart from seed noise?", not whether it would hold
on another test set (see :func:`~discojax.stats.paired_permutation_test` with unit "items").

Seeds whose results are all equal have no noise: any difference is found with 2 seeds:

>>> power([0.9, 0.9, 0.9], [0.9, 0.9, 0.9], difference=0.01, seeds=2)
1.0
"""

from __future__ import annotations

import warnings
from typing import Any

import numpy as np
from scipy import stats

from discojax.errors import StatisticsError


def _checked(values: Any, name: str) -> np.ndarray:
    array = np.asarray(values, dtype=np.float64)
    if array.ndim != 1 or array.size < 2 or not np.all(np.isfinite(array)):
        raise StatisticsError(f"{name}: expected at least 2 finite per-seed results")
    return array - array.mean()


def power(
    first: Any,
    second: Any = None,
    *,
    difference: float,
    seeds: int,
    alpha: float = 0.05,
    simulations: int = 2000,
    seed: int = 0,
) -> float:
    """The probability that ``seeds`` seeds per experiment find ``difference`` at ``alpha``.

    Args:
        first, second: per-seed results whose spread is simulated (``second`` defaults to
            ``first``: two experiments as noisy as one).
        difference: the true difference of means to detect.
        seeds: seeds per experiment (at least 2).
        alpha: the test's level (two-sided Welch's t test).
        simulations: simulated experiments; seed: seeds them.

    Raises:
        StatisticsError: fewer than 2 results or seeds, or ``alpha`` not in (0, 1).

    >>> round(power([0.0, 1.0], difference=0.0, seeds=20, simulations=4000), 2)  # about alpha
    0.04
    """
    a = _checked(first, "first")
    b = a if second is None else _checked(second, "second")
    if seeds < 2:
        raise StatisticsError(f"{seeds} seeds: at least 2 are needed for a t test")
    if not 0.0 < alpha < 1.0:
        raise StatisticsError(f"alpha = {alpha}: expected a number between 0 and 1")
    rng = np.random.default_rng(seed)
    x = rng.choice(a, (simulations, seeds)) + difference
    y = rng.choice(b, (simulations, seeds))
    spread = x.var(axis=1) + y.var(axis=1)
    with warnings.catch_warnings(), np.errstate(invalid="ignore", divide="ignore"):
        warnings.simplefilter("ignore", RuntimeWarning)
        p = stats.ttest_ind(x, y, axis=1, equal_var=False).pvalue
    gap = np.abs(x.mean(axis=1) - y.mean(axis=1))
    # no spread at all: the means are known exactly, any non-zero gap is found
    found = np.where(spread == 0, gap > 1e-12, p < alpha)
    return float(np.mean(found))


def seeds_needed(
    first: Any,
    second: Any = None,
    *,
    difference: float,
    target: float = 0.8,
    alpha: float = 0.05,
    most: int = 100,
    simulations: int = 2000,
    seed: int = 0,
) -> int | None:
    """The fewest seeds per experiment with :func:`power` of at least ``target``; None if
    even ``most`` seeds fall short.

    >>> seeds_needed([0.95, 1.0, 0.95, 1.0, 0.9, 1.0], difference=0.05, simulations=500)
    10
    """
    for n in range(2, most + 1):
        options: dict[str, Any] = dict(difference=difference, seeds=n, alpha=alpha)
        if power(first, second, simulations=simulations, seed=seed, **options) >= target:
            return n
    return None
