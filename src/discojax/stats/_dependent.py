"""Two correlations with one variable in common: Williams's t and Steiger's Z.

Two similarity models scored against the same human judgements give two dependent
correlations, ``r12 = rho(human, model A)`` and ``r13 = rho(human, model B)``, which share the
human scores; whether they differ depends on how the models agree with each other,
``r23 = rho(model A, model B)``. Testing them as if independent is wrong (too conservative when
the models agree). Steiger (1980) reviews the tests and recommends two:

- **Williams's t** (Williams 1959; Steiger's eq. 7), with ``n - 3`` degrees of freedom::

      t = (r12 - r13) sqrt((n - 1)(1 + r23)) / sqrt(2 (n - 1)/(n - 3) |R| + r̄² (1 - r23)³)

  where ``|R| = 1 - r12² - r13² - r23² + 2 r12 r13 r23`` and ``r̄ = (r12 + r13)/2``;
- **Steiger's Z** (eq. 14): Fisher's z of each correlation, with the covariance of the two
  under the null hypothesis from the pooled ``r̄``::

      Z = (z12 - z13) sqrt(n - 3) / sqrt(2 - 2 c),
      c = (r23 (1 - 2 r̄²) - r̄² (1 - 2 r̄² - r23²) / 2) / (1 - r̄²)²

Both are derived for Pearson correlations of normal data; applied to Spearman's rho (as the
DisCoCat literature does) they are approximations, and ``n`` must count independent units:
the items, not the judgements (see :mod:`discojax.stats._spearman`).

The example of psych's ``r.test(103, .4, .5, .1)``:

>>> print(williams_t(0.4, 0.5, 0.1, 103))
Williams's t = -0.891, p = 0.375
"""

from __future__ import annotations

import math

from scipy import stats

from discojax.errors import StatisticsError
from discojax.stats._result import Significance


def _check(r12: float, r13: float, r23: float, n: int) -> None:
    for name, r in (("r12", r12), ("r13", r13), ("r23", r23)):
        if not -1.0 < r < 1.0:
            raise StatisticsError(f"{name} = {r}: a correlation strictly between -1 and 1")
    if n < 4:
        raise StatisticsError(f"n = {n}: at least 4 observations are needed")


def williams_t(r12: float, r13: float, r23: float, n: int) -> Significance:
    """Williams's t test of ``r12 = r13``, two correlations sharing variable 1.

    Args:
        r12, r13: the two correlations compared (e.g. human with model A, human with model B).
        r23: the correlation of the two other variables (model A with model B).
        n: the number of independent observations.

    Returns:
        t (``statistic``), its two-sided p-value with ``n - 3`` degrees of freedom, and
        ``difference = r12 - r13``.

    Raises:
        StatisticsError: a correlation not in (-1, 1), or ``n < 4``.

    >>> williams_t(0.3, 0.3, 0.5, 50).pvalue
    1.0
    >>> williams_t(1.0, 0.3, 0.5, 50)
    Traceback (most recent call last):
    ...
    discojax.errors.StatisticsError: r12 = 1.0: a correlation strictly between -1 and 1
    """
    _check(r12, r13, r23, n)
    determinant = 1 - r12**2 - r13**2 - r23**2 + 2 * r12 * r13 * r23
    mean = (r12 + r13) / 2
    denominator = 2 * (n - 1) / (n - 3) * determinant + mean**2 * (1 - r23) ** 3
    t = (r12 - r13) * math.sqrt((n - 1) * (1 + r23) / denominator)
    p = float(2 * stats.t.sf(abs(t), n - 3))
    return Significance("Williams's t", t, p, r12 - r13, {"df": n - 3, "n": n, "r23": r23})


def steiger_z(r12: float, r13: float, r23: float, n: int) -> Significance:
    """Steiger's (1980, eq. 14) Z test of ``r12 = r13``, two correlations sharing variable 1.

    Arguments and errors as :func:`williams_t`; the p-value is two-sided, from the normal.

    With ``r23 = 0`` and ``r̄ = 0`` the two Fisher z's are uncorrelated, and Z is the test of
    two independent correlations, ``(z12 - z13) / sqrt(2 / (n - 3))``:

    >>> z = steiger_z(0.2, -0.2, 0.0, 103)
    >>> round(z.statistic, 6) == round((math.atanh(0.2) - math.atanh(-0.2)) / math.sqrt(0.02), 6)
    True
    """
    _check(r12, r13, r23, n)
    mean = (r12 + r13) / 2
    covariance = (r23 * (1 - 2 * mean**2) - 0.5 * mean**2 * (1 - 2 * mean**2 - r23**2)) / (
        1 - mean**2
    ) ** 2
    z = (math.atanh(r12) - math.atanh(r13)) * math.sqrt(n - 3) / math.sqrt(2 - 2 * covariance)
    p = float(2 * stats.norm.sf(abs(z)))
    return Significance("Steiger's Z", z, p, r12 - r13, {"n": n, "r23": r23})
