"""Spearman intervals and the tests of dependent correlations, against SciPy and by hand."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest
from scipy import stats

from discojax.corpus._similarity import spearman
from discojax.errors import StatisticsError
from discojax.stats import (
    rho_difference_test,
    rho_intervals,
    spearman_interval,
    steiger_z,
    weighted_spearman,
    williams_t,
)
from discojax.stats._spearman import clustered_spearman

RNG = np.random.default_rng(7)
X = RNG.integers(0, 6, 40).astype(float)  # ties on purpose
Y = X + RNG.normal(0, 2, 40)


def test_weighted_spearman_is_spearman_of_the_repeated_rows():
    weights = np.random.default_rng(1).integers(0, 4, (5, 40))
    got = weighted_spearman(X, Y, weights)
    expected = [stats.spearmanr(np.repeat(X, w), np.repeat(Y, w)).statistic for w in weights]
    np.testing.assert_allclose(got, expected, rtol=0, atol=1e-12)


def test_clustered_statistic_is_spearman_of_the_groups_drawn():
    groups = np.repeat(np.arange(10), 4)
    statistic = clustered_spearman(X, Y, groups)
    for drawn in ([0, 0, 3, 5, 9, 9, 9, 1, 2, 2], [4, 4, 4, 4, 4, 4, 4, 4, 4, 7]):
        rows = np.concatenate([np.flatnonzero(groups == g) for g in drawn])
        expected = stats.spearmanr(X[rows], Y[rows]).statistic
        assert statistic(np.array(drawn), axis=-1) == pytest.approx(expected, abs=1e-12)


@pytest.mark.parametrize("method", ["percentile", "BCa"])
def test_pairs_interval_equals_scipy_bootstrap_of_spearmanr(method):
    def rho(x, y, axis=-1):  # SciPy's own Spearman, row by row
        rows = zip(x.reshape(-1, x.shape[-1]), y.reshape(-1, y.shape[-1]))
        values = np.array([stats.spearmanr(a, b).statistic for a, b in rows])
        return values.reshape(x.shape[:-1])

    ours = spearman_interval(X, Y, method=method, resamples=300, seed=3)
    theirs = stats.bootstrap(
        (X, Y),
        rho,
        paired=True,
        n_resamples=300,
        method=method,
        vectorized=True,
        rng=np.random.default_rng(3),
    ).confidence_interval
    assert ours.estimate == pytest.approx(stats.spearmanr(X, Y).statistic, abs=1e-12)
    assert (ours.low, ours.high) == pytest.approx(tuple(theirs), abs=1e-9)
    assert ours.resampled == "pairs" and ours.method == method and ours.resamples == 300


def test_rho_intervals_estimates_are_the_corpus_evaluation():
    items = np.repeat(np.arange(10), 3)
    rng = np.random.default_rng(2)
    scores = rng.random(10)  # humans agree on each item: judgements of one item are alike
    human = np.round(4 + 2 * (scores + rng.normal(0, 0.4, 10))[items] + rng.normal(0, 0.3, 30))
    r = rho_intervals(scores, items, human, method="percentile", resamples=200)
    means = np.array([human[items == i].mean() for i in range(10)])
    assert r["per_judgement"].estimate == pytest.approx(spearman(scores[items], human), abs=1e-12)
    assert r["per_item"].estimate == pytest.approx(spearman(scores, means), abs=1e-12)
    assert r["per_judgement"].resampled == "items"
    naive = rho_intervals(
        scores, items, human, resample="judgements", method="percentile", resamples=200
    )["per_judgement"]
    # one item's three judgements share its score: resampling them one by one is too narrow
    assert naive.width < r["per_judgement"].width


def test_rho_intervals_refuses_a_judgement_of_an_unscored_item():
    with pytest.raises(StatisticsError, match="not one of the 2 items"):
        rho_intervals([0.1, 0.2], [0, 2], [1.0, 2.0])


def test_williams_t_psych_example_by_hand():
    # psych::r.test(103, .4, .5, .1): |R| = 1 - .16 - .25 - .01 + .04 = .62, r̄ = .45,
    # t = -.1 sqrt(102 * 1.1) / sqrt(2 * 102/100 * .62 + .2025 * .9**3) = -0.891281...
    t = -0.1 * math.sqrt(112.2) / math.sqrt(1.2648 + 0.2025 * 0.729)
    result = williams_t(0.4, 0.5, 0.1, 103)
    assert result.statistic == pytest.approx(t, abs=1e-12)
    assert round(result.statistic, 2) == -0.89
    assert result.pvalue == pytest.approx(2 * stats.t.sf(abs(t), 100), abs=1e-12)
    assert result.details["df"] == 100 and result.difference == pytest.approx(-0.1)


def test_steiger_z_by_hand():
    # r̄ = .45: c = (.1 (1 - .405) - .5 * .2025 (1 - .405 - .01)) / (1 - .2025)² = .00042256...
    c = (0.0595 - 0.10125 * 0.585) / 0.7975**2
    z = (math.atanh(0.4) - math.atanh(0.5)) * 10 / math.sqrt(2 - 2 * c)
    result = steiger_z(0.4, 0.5, 0.1, 103)
    assert result.statistic == pytest.approx(z, abs=1e-12)
    assert result.statistic == pytest.approx(-0.8887, abs=5e-5)
    assert result.pvalue == pytest.approx(2 * stats.norm.sf(abs(z)), abs=1e-12)


def test_williams_and_steiger_agree_for_large_n():
    w, s = williams_t(0.3, 0.2, 0.6, 5000), steiger_z(0.3, 0.2, 0.6, 5000)
    assert w.statistic == pytest.approx(s.statistic, rel=0.02)


def test_rho_difference_permutation_is_the_enumerated_swaps():
    items = np.repeat(np.arange(6), 2)
    human = np.array([7, 6, 1, 2, 5, 4, 3, 3, 6, 7, 2, 1], dtype=float)
    a = np.array([0.9, 0.1, 0.6, 0.4, 0.8, 0.2])
    b = np.array([0.5, 0.4, 0.3, 0.6, 0.1, 0.2])
    ra, rb = stats.rankdata(a) / 6, stats.rankdata(b) / 6

    def diff(x, y):
        return (
            stats.spearmanr(x[items], human).statistic - stats.spearmanr(y[items], human).statistic
        )

    observed = diff(a, b)
    null = []
    for swaps in itertools.product([False, True], repeat=6):
        s = np.array(swaps)
        null.append(diff(np.where(s, rb, ra), np.where(s, ra, rb)))
    expected = np.mean(np.abs(null) >= abs(observed) - 1e-12)
    result = rho_difference_test(a, b, items, human, resamples=100)
    assert result.difference == pytest.approx(observed, abs=1e-12)
    assert result.pvalue == pytest.approx(expected, abs=1e-12)


def test_rho_difference_bootstrap_finds_a_large_difference():
    items = np.repeat(np.arange(30), 2)
    human = np.repeat(np.arange(30.0), 2) + np.tile([0.0, 0.5], 30)
    good, bad = np.arange(30.0), np.random.default_rng(0).permutation(30).astype(float)
    result = rho_difference_test(good, bad, items, human, method="bootstrap", resamples=500)
    expected = stats.spearmanr(good[items], human).statistic
    expected -= stats.spearmanr(bad[items], human).statistic
    assert result.difference == pytest.approx(expected, abs=1e-12)
    assert result.pvalue == 0.0 and result.details["interval"][0] > 0.5
    per_item = rho_difference_test(good, bad, items, human, per="item", resamples=200)
    assert per_item.difference == pytest.approx(1.0 - stats.spearmanr(bad, good).statistic)
