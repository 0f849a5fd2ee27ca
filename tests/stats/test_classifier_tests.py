"""Accuracy intervals, McNemar, the paired permutation test, Holm and power: exact values."""

from __future__ import annotations

import itertools
import math

import jax.numpy as jnp
import numpy as np
import pytest
from scipy import stats

from discojax.errors import StatisticsError
from discojax.stats import (
    bootstrap_interval,
    classification_intervals,
    holm,
    macro_f1,
    mcnemar,
    paired_permutation_test,
    power,
    seeds_needed,
)
from discojax.train import f1_score

LABELS = np.array([1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 1])
PREDICTED = np.array(
    [
        [1, 0, 1, 0, 1, 0, 1, 0, 1, 1, 0, 1],
        [1, 0, 1, 0, 1, 1, 1, 0, 1, 0, 1, 1],
        [0, 0, 1, 0, 1, 0, 1, 1, 1, 0, 1, 0],
    ]
)


def test_mean_interval_close_to_the_normal_one():
    sample = stats.norm.ppf((np.arange(400) + 0.5) / 400)  # mean 0, sd 1 (very nearly)
    half = 1.959964 * sample.std(ddof=1) / 20
    r = bootstrap_interval([sample], np.mean, resamples=4000)
    assert (r.low, r.high) == pytest.approx((-half, half), abs=0.01)


def test_macro_f1_is_the_training_metric():
    for row in PREDICTED:
        outputs = jnp.eye(2)[row]
        expected = float(f1_score(outputs, jnp.asarray(LABELS)))
        assert macro_f1(LABELS, row) == pytest.approx(expected, abs=1e-6)


@pytest.mark.parametrize("metric", ["accuracy", "f1"])
def test_classification_intervals(metric):
    r = classification_intervals(LABELS, PREDICTED, metric=metric, resamples=300)
    per_seed = [
        float(np.mean(p == LABELS)) if metric == "accuracy" else macro_f1(LABELS, p)
        for p in PREDICTED
    ]
    assert [i.estimate for i in r["per_seed"]] == pytest.approx(per_seed, abs=1e-12)
    assert r["pooled"].estimate == pytest.approx(np.mean(per_seed), abs=1e-12)
    assert all(i.low <= i.estimate <= i.high for i in [*r["per_seed"], r["pooled"]])


def test_pooled_interval_of_identical_seeds_is_the_seed_interval():
    r = classification_intervals(LABELS, np.stack([PREDICTED[0]] * 4), resamples=300)
    assert (r["pooled"].low, r["pooled"].high) == (r["per_seed"][0].low, r["per_seed"][0].high)


def test_mcnemar_exact_is_the_binomial_test():
    a = np.array([1] * 9 + [0] * 2 + [1] * 5)
    b = np.array([0] * 9 + [1] * 2 + [1] * 5)
    r = mcnemar(a, b)
    assert (r.details["b"], r.details["c"]) == (9, 2)
    assert r.pvalue == stats.binomtest(9, 11, 0.5).pvalue
    assert r.pvalue == pytest.approx(2 * sum(math.comb(11, k) for k in range(3)) / 2**11)


def test_mcnemar_chi_squared_agresti():
    # Agresti (2002), Table 10.1: b = 150, c = 86; (|150 - 86| - 1)² / 236 = 3969 / 236
    a = [1] * 944 + [0] * 656
    b = [1] * 794 + [0] * 150 + [1] * 86 + [0] * 570
    r = mcnemar(a, b, exact=False)
    assert r.statistic == pytest.approx(3969 / 236, abs=1e-12)
    assert r.pvalue == pytest.approx(stats.chi2.sf(3969 / 236, 1), abs=1e-15)
    assert r.pvalue < 1e-4
    assert mcnemar([1, 0], [1, 0]).pvalue == 1.0


def test_holm_hand_example_and_bonferroni_bound():
    p = [0.01, 0.04, 0.03, 0.005]
    assert holm(p) == pytest.approx([0.03, 0.06, 0.06, 0.02], abs=1e-12)
    assert all(h <= min(1.0, 4 * q) for h, q in zip(holm(p), p))
    assert holm([0.5, 0.5]) == [1.0, 1.0]
    with pytest.raises(StatisticsError, match="position 1"):
        holm([0.1, -0.1])


def _enumerated(u: np.ndarray, v: np.ndarray, total: int) -> float:
    observed = abs(u.sum() - v.sum()) / total
    null = [
        abs(np.where(s, v - u, u - v).sum()) / total
        for s in itertools.product([False, True], repeat=len(u))
    ]
    return float(np.mean(np.array(null) >= observed - 1e-12))


@pytest.mark.parametrize("unit", ["items", "seeds", "cells"])
def test_paired_permutation_test_is_the_enumeration(unit):
    a = (PREDICTED[:2, :6] == LABELS[:6]).astype(float)
    b = np.array([[1, 0, 0, 1, 0, 1], [0, 0, 1, 1, 0, 0]], dtype=float)
    u, v = {
        "items": (a.sum(0), b.sum(0)),
        "seeds": (a.sum(1), b.sum(1)),
        "cells": (a.ravel(), b.ravel()),
    }[unit]
    r = paired_permutation_test(a, b, unit=unit, resamples=2**18)
    assert r.details["exact"] and r.details["units"] == len(u)
    assert r.difference == pytest.approx(a.mean() - b.mean(), abs=1e-12)
    assert r.pvalue == pytest.approx(_enumerated(u, v, a.size), abs=1e-12)


def test_paired_permutation_test_random_swaps_are_seeded():
    a, b = (PREDICTED == LABELS).astype(float), np.ones_like(PREDICTED, dtype=float)
    first = paired_permutation_test(a, b, resamples=200, seed=5)
    assert not first.details["exact"]
    assert first == paired_permutation_test(a, b, resamples=200, seed=5)


def test_power_matches_the_noncentral_t():
    # seed noise ~ N(0, 1), difference 1, 17 seeds each: power of the two-sample t test
    noise = stats.norm.ppf((np.arange(2000) + 0.5) / 2000)
    df, shift = 32, 1 / math.sqrt(2 / 17)
    critical = stats.t.ppf(0.975, df)
    exact = stats.nct.sf(critical, df, shift) + stats.nct.cdf(-critical, df, shift)
    assert exact == pytest.approx(0.807, abs=0.001)
    assert power(noise, difference=1.0, seeds=17, simulations=4000) == pytest.approx(
        exact, abs=0.02
    )
    assert seeds_needed(noise, difference=1.0, simulations=2000, most=30) in (16, 17, 18)
    assert seeds_needed(noise, difference=0.01, simulations=100, most=5) is None
