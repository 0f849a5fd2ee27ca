"""Holm-Bonferroni: p-values adjusted for comparing many models with one baseline.

A table that tests k rows against one baseline makes k tests; at 0.05 each, some will pass by
chance. Holm's (1979) step-down method controls the family-wise error rate (the probability of
any false "significant") at the level, and is uniformly more powerful than Bonferroni: sort the
p-values, multiply the i-th smallest (from 0) by ``k - i``, make the sequence non-decreasing,
cap at 1. A row is significant when its adjusted p-value is below the level.

By hand, p = (0.01, 0.04, 0.03, 0.005): sorted 0.005, 0.01, 0.03, 0.04 times 4, 3, 2, 1 gives
0.02, 0.03, 0.06, 0.04, made non-decreasing 0.02, 0.03, 0.06, 0.06:

>>> [round(p, 6) for p in holm([0.01, 0.04, 0.03, 0.005])]
[0.03, 0.06, 0.06, 0.02]
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from discojax.errors import StatisticsError


def holm(pvalues: Sequence[float]) -> list[float]:
    """Holm-Bonferroni adjusted p-values, in the order given (NaN entries stay NaN and do not
    count as tests).

    Raises:
        StatisticsError: a p-value outside [0, 1].

    >>> holm([0.2, float("nan"), 0.01])
    [0.2, nan, 0.02]
    >>> holm([1.5])
    Traceback (most recent call last):
    ...
    discojax.errors.StatisticsError: p-value 1.5 (position 0) is not between 0 and 1
    """
    for position, p in enumerate(pvalues):
        if not math.isnan(p) and not 0.0 <= p <= 1.0:
            raise StatisticsError(f"p-value {p} (position {position}) is not between 0 and 1")
    tested = sorted((p, i) for i, p in enumerate(pvalues) if not math.isnan(p))
    adjusted = [math.nan] * len(pvalues)
    running = 0.0
    for rank, (p, i) in enumerate(tested):
        running = max(running, min(1.0, (len(tested) - rank) * p))
        adjusted[i] = running
    return adjusted
