"""The predictive-similarity operator and the alignment score: closed forms and invariances."""

from __future__ import annotations

import numpy as np
import pytest

from discojax.errors import KernelError
from discojax.semantics.markov import low_rank_source
from discojax.semantics.markov._spectral import (
    alignment,
    predictive_similarity,
    random_alignment,
)


def test_the_operator_is_self_adjoint_in_l2_pi_with_the_constant_first():
    rng = np.random.default_rng(0)
    pi = rng.dirichlet(np.ones(6))
    p = rng.dirichlet(np.ones(5), size=6)
    values, functions = predictive_similarity(pi, p)
    gram = functions.T @ (pi[:, None] * functions)  # orthonormal in L²(π)
    np.testing.assert_allclose(gram, np.eye(6), atol=1e-10)
    np.testing.assert_allclose(functions[:, 0], 1.0, atol=1e-12)
    assert values[0] == 1.0 and np.all(np.diff(values[1:]) <= 1e-12) and values.min() > -1e-12
    kernel = (p / (pi @ p)) @ p.T  # T f = K (π f): each eigenfunction an eigenvector
    for i in range(6):
        np.testing.assert_allclose(
            kernel @ (pi * functions[:, i]), values[i] * functions[:, i], atol=1e-10
        )
    assert np.sum(values > 1e-9) <= 5  # rank at most the number of tokens


def test_a_block_source_has_the_block_indicators_as_top_eigenfunctions():
    # contexts 0-2 predict tokens 0-1 only, contexts 3-5 tokens 2-3 only: two blocks
    p = np.zeros((6, 4))
    p[:3, :2], p[3:, 2:] = 0.5, 0.5
    pi = np.full(6, 1 / 6)
    values, functions = predictive_similarity(pi, p)
    np.testing.assert_allclose(values[:2], 1.0, atol=1e-12)
    indicator = np.array([1.0, 1, 1, 0, 0, 0])
    assert alignment(indicator[:, None], pi, functions) == pytest.approx(1.0, abs=1e-12)
    assert alignment(np.eye(6)[:, :1], pi, functions) < 0.5  # one context's indicator: not


def test_alignment_is_invariant_to_invertible_maps_and_shifts_of_the_features():
    pi, p = low_rank_source(1, contexts=9, tokens=7, rank=3, beta=2.0)
    functions = predictive_similarity(pi, p)[1]
    features = np.random.default_rng(2).standard_normal((9, 3))
    mixed = features @ np.array([[2.0, 1, 0], [0, 1, 0], [1, 0, 3]]) + 5.0
    assert alignment(mixed, pi, functions) == pytest.approx(
        alignment(features, pi, functions), abs=1e-10
    )
    assert alignment(functions[:, 1:4], pi, functions) == pytest.approx(1.0, abs=1e-10)
    assert alignment(functions[:, 4:7], pi, functions) == pytest.approx(0.0, abs=1e-10)
    # a random k-dimensional subspace of the n - 1 centred functions: k / (n - 1) on average
    assert random_alignment(pi, functions, 3, seed=0, draws=500) == pytest.approx(3 / 8, abs=0.03)


def test_bad_sources_are_named_errors():
    with pytest.raises(KernelError, match=r"need π > 0 of shape \(2,\)"):
        predictive_similarity(np.array([1.0, 0.0]), np.full((2, 2), 0.5))
