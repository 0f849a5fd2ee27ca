"""Bootstrap confidence intervals: SciPy's ``bootstrap``, seeded, its unit stated.

:func:`bootstrap_interval` resamples the *units* of its samples (the last axis: test items,
judgements, seeds) with replacement, paired across samples by default, and returns an
:class:`~discojax.stats.Interval` that records the method (``"BCa"``, the bias-corrected and
accelerated interval of Efron 1987, or ``"percentile"``), the unit and the seed, so that a table
can say what it shows. The statistic is vectorised: it takes the samples and ``axis``.

>>> import numpy as np
>>> data = np.array([0.0, 1.0, 1.0, 1.0, 0.0, 1.0, 1.0, 1.0, 1.0, 1.0])
>>> print(bootstrap_interval([data], np.mean, method="percentile", resamples=999))
0.800 [0.500, 1.000]

Where every resample gives the same value (a constant sample) the interval is that value; a
statistic undefined on the data (NaN) gives a NaN interval, never SciPy's warning.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
from scipy import stats

from discojax.errors import StatisticsError
from discojax.stats._result import Interval

METHODS = ("BCa", "percentile", "basic")


def check_level(confidence: float, resamples: int, method: str = "BCa") -> None:
    """Refuse a confidence level outside (0, 1), fewer than one resample, or an unknown method.

    >>> check_level(1.5, 10)
    Traceback (most recent call last):
    ...
    discojax.errors.StatisticsError: confidence level 1.5: expected a number between 0 and 1
    """
    if not 0.0 < confidence < 1.0:
        raise StatisticsError(f"confidence level {confidence}: expected a number between 0 and 1")
    if resamples < 1:
        raise StatisticsError(f"{resamples} resamples: expected at least 1")
    if method not in METHODS:
        raise StatisticsError(f"unknown interval method {method!r}: expected one of {METHODS}")


def bootstrap_interval(
    samples: Sequence[Any],
    statistic: Callable[..., Any],
    *,
    method: str = "BCa",
    confidence: float = 0.95,
    resamples: int = 9999,
    seed: int = 0,
    resampled: str = "items",
    paired: bool = True,
    batch: int | None = 1000,
) -> Interval:
    """A bootstrap confidence interval of ``statistic(*samples, axis=-1)``.

    Args:
        samples: one or more 1-D arrays of equal length (the units to resample).
        statistic: a vectorised statistic: ``statistic(*samples, axis=-1)``.
        method: ``"BCa"`` (default), ``"percentile"`` or ``"basic"``.
        confidence: the confidence level.
        resamples: how many resamples.
        seed: seeds NumPy's generator, so the interval is reproducible.
        resampled: the name of a unit, recorded in the result (``"items"``, ``"judgements"``).
        paired: resample the samples' units together (the same indices for every sample).
        batch: resamples evaluated at once (bounds memory).

    Raises:
        StatisticsError: samples of unequal length (paired), fewer than two units, or a bad
            level, method or number of resamples.

    >>> import numpy as np
    >>> bootstrap_interval([np.array([1.0, 2.0]), np.array([1.0])], np.mean)
    Traceback (most recent call last):
    ...
    discojax.errors.StatisticsError: paired samples of unequal lengths: 2, 1
    """
    check_level(confidence, resamples, method)
    arrays = [np.asarray(s, dtype=np.float64) for s in samples]
    lengths = [a.shape[-1] if a.ndim else 0 for a in arrays]
    if paired and len(set(lengths)) > 1:
        raise StatisticsError(f"paired samples of unequal lengths: {', '.join(map(str, lengths))}")
    if min(lengths) < 2:
        raise StatisticsError(f"{min(lengths)} {resampled}: at least 2 are needed to resample")
    estimate = float(statistic(*arrays, axis=-1))
    record: dict[str, Any] = dict(
        confidence=confidence, method=method, resampled=resampled, seed=seed
    )
    if math.isnan(estimate):
        return Interval(estimate, math.nan, math.nan, resamples=resamples, **record)
    with warnings.catch_warnings():  # degenerate (constant) resamples: handled below
        warnings.simplefilter("ignore", stats.DegenerateDataWarning)
        warnings.simplefilter("ignore", RuntimeWarning)
        result = stats.bootstrap(
            arrays,
            statistic,
            n_resamples=resamples,
            batch=batch,
            vectorized=True,
            paired=paired,
            axis=-1,
            confidence_level=confidence,
            method=method,
            rng=np.random.default_rng(seed),
        )
    low, high = (float(b) for b in result.confidence_interval)
    distribution = result.bootstrap_distribution
    if (math.isnan(low) or math.isnan(high)) and np.ptp(distribution) == 0:
        low = high = float(distribution.flat[0])
    return Interval(estimate, low, high, resamples=resamples, **record)
