"""What the statistics return: an estimate with its interval, and a test's outcome.

Both are frozen dataclasses that say how they were computed (method, what was resampled,
how many resamples, the seed) and turn into JSON without losing a number (NaN becomes null).

>>> print(Interval(0.193, 0.121, 0.262, resampled="items", resamples=9999))
0.193 [0.121, 0.262]
>>> print(Significance("Williams's t", -0.891, 0.375, difference=-0.1))
Williams's t = -0.891, p = 0.375
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from typing import Any


def _json_number(value: Any) -> Any:
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


@dataclass(frozen=True)
class Interval:
    """A statistic and its confidence interval.

    Attributes:
        estimate: the statistic on the data as observed.
        low, high: the interval's bounds (NaN where it is undefined, e.g. a constant sample).
        confidence: the confidence level, e.g. 0.95.
        method: ``"BCa"``, ``"percentile"`` or ``"basic"`` (bootstrap), or ``"t"``.
        resampled: the unit resampled: ``"items"``, ``"judgements"``, ``"seeds"``, ...
        resamples: how many bootstrap resamples (0 for a closed form).
        seed: the seed of the resampling.

    >>> Interval(0.5, 0.25, 0.75).contains(0.3), Interval(0.5, 0.25, 0.75).width
    (True, 0.5)
    """

    estimate: float
    low: float
    high: float
    confidence: float = 0.95
    method: str = "BCa"
    resampled: str = "items"
    resamples: int = 0
    seed: int = 0

    @property
    def width(self) -> float:
        """``high - low``."""
        return self.high - self.low

    def contains(self, value: float) -> bool:
        """Whether ``value`` lies in the closed interval."""
        return self.low <= value <= self.high

    def __str__(self) -> str:
        """``estimate [low, high]``; ``undefined`` for a NaN estimate, no brackets for NaN bounds.

        >>> str(Interval(float("nan"), 0.0, 0.0)), str(Interval(0.5, float("nan"), 0.7))
        ('undefined', '0.500')
        """
        if math.isnan(self.estimate):
            return "undefined"
        if math.isnan(self.low) or math.isnan(self.high):
            return f"{self.estimate:.3f}"
        return f"{self.estimate:.3f} [{self.low:.3f}, {self.high:.3f}]"

    def to_json(self) -> dict[str, Any]:
        """Every field, JSON-ready (NaN becomes None).

        >>> Interval(0.1, float("nan"), 0.2).to_json()["low"] is None
        True
        """
        return {key: _json_number(value) for key, value in asdict(self).items()}


@dataclass(frozen=True)
class Significance:
    """The outcome of a test comparing two models (or two correlations).

    Attributes:
        test: the test's name, as a footnote would give it (``"Williams's t"``).
        statistic: its statistic (t, z, chi-squared, or the observed difference).
        pvalue: its two-sided p-value.
        difference: the effect, first minus second (NaN where the test has none).
        details: anything else needed to report it (degrees of freedom, n, resamples, seed).

    >>> Significance("McNemar's exact", 1.0, 0.375, details={"discordant": 4}).to_json()["details"]
    {'discordant': 4}
    """

    test: str
    statistic: float
    pvalue: float
    difference: float = math.nan
    details: Mapping[str, Any] = field(default_factory=dict)

    def __str__(self) -> str:
        return f"{self.test} = {self.statistic:.3f}, p = {self.pvalue:.3f}"

    def to_json(self) -> dict[str, Any]:
        """Every field, JSON-ready (NaN becomes None)."""
        return {
            "test": self.test,
            "statistic": _json_number(self.statistic),
            "pvalue": _json_number(self.pvalue),
            "difference": _json_number(self.difference),
            "details": {k: _json_number(v) for k, v in self.details.items()},
        }
