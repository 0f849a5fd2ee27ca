"""McNemar's test: two classifiers on the same test items, one run each.

Only the items where the two disagree count: ``b`` items that A gets right and B wrong, ``c``
the other way. Under the null hypothesis (equal accuracy) each such item goes either way with
probability 1/2, so ``b`` is binomial(``b + c``, 1/2): the *exact* test is the two-sided
binomial test (:func:`scipy.stats.binomtest`); the *chi-squared* test (with Edwards's
continuity correction) approximates it for many discordant items, ``(|b - c| - 1)² / (b + c)``
with one degree of freedom.

Agresti (2002, Table 10.1), approval of the Prime Minister in two surveys of 1,600 people: 794
approve both times, 150 only the first, 86 only the second, 570 neither: ``b = 150``,
``c = 86``; without correction the statistic is 64²/236 = 17.36, with it 63²/236 = 16.82:

>>> result = mcnemar([1] * 944 + [0] * 656, [1] * 794 + [0] * 150 + [1] * 86 + [0] * 570,
...                  exact=False)
>>> round(result.statistic, 2), result.details["discordant"]
(16.82, 236)
"""

from __future__ import annotations

from typing import Any

import numpy as np
from scipy import stats

from discojax.errors import StatisticsError
from discojax.stats._result import Significance


def mcnemar(a_correct: Any, b_correct: Any, exact: bool = True) -> Significance:
    """McNemar's test of two classifiers' accuracy on the same items.

    Args:
        a_correct, b_correct: per item, whether each classifier got it right (booleans or 0/1).
        exact: the exact binomial test (default); else the continuity-corrected chi-squared.

    Returns:
        The statistic (``b``, A's wins, for the exact test; chi-squared otherwise), the
        two-sided p-value and the accuracy difference A - B; ``details`` has ``b``, ``c`` and
        ``discordant``. No discordant items: p = 1.

    Raises:
        StatisticsError: sequences of unequal lengths.

    >>> r = mcnemar([1, 1, 1, 1, 0, 1], [0, 0, 0, 1, 0, 1])
    >>> r.statistic, r.pvalue, round(r.difference, 3)
    (3.0, 0.25, 0.5)
    """
    a = np.asarray(a_correct).astype(bool)
    b_ = np.asarray(b_correct).astype(bool)
    if a.shape != b_.shape or a.ndim != 1:
        raise StatisticsError(
            f"per-item results of shapes {a.shape} and {b_.shape}: expected equal"
        )
    b, c = int(np.sum(a & ~b_)), int(np.sum(~a & b_))
    details = {"b": b, "c": c, "discordant": b + c, "items": int(a.size)}
    difference = (b - c) / a.size if a.size else 0.0
    if b + c == 0:
        name = "McNemar's exact" if exact else "McNemar's chi-squared"
        return Significance(name, 0.0, 1.0, difference, details)
    if exact:
        p = stats.binomtest(b, b + c, 0.5).pvalue
        return Significance("McNemar's exact", float(b), float(p), difference, details)
    chi2 = (abs(b - c) - 1) ** 2 / (b + c)
    p = stats.chi2.sf(chi2, 1)
    return Significance("McNemar's chi-squared", float(chi2), float(p), difference, details)
