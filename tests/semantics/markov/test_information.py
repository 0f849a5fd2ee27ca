"""Divergences, categorical entropy and information: closed forms to 1e-9, and the
data-processing inequality as a property."""

from __future__ import annotations

from functools import partial

import jax.numpy as jnp
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from scipy.spatial.distance import jensenshannon
from scipy.stats import entropy as scipy_entropy

from discojax.errors import KernelError
from discojax.semantics.markov import (
    acceptance_rate,
    categorical_entropy,
    compose,
    conditional_mutual_information,
    entropy,
    future_joint,
    hellinger,
    information_surplus,
    jensen_shannon,
    kernel_divergence,
    kl,
    mutual_information,
    nll_decomposition,
    renyi,
    second_order_source,
    total_variation,
)

pytestmark = pytest.mark.usefixtures("x64")
DIVERGENCES = {
    "kl": kl,
    "tv": total_variation,
    "hellinger": hellinger,
    "js": jensen_shannon,
    "renyi-0.5": partial(renyi, alpha=0.5),
    "renyi-2": partial(renyi, alpha=2.0),
    "renyi-3.5": partial(renyi, alpha=3.5),
}


def dirichlet(rng, *shape):
    return jnp.asarray(rng.dirichlet(np.ones(shape[-1]), size=shape[:-1]))


@pytest.mark.parametrize("seed", range(5))
def test_categorical_entropy_of_a_state_is_shannon_gini_simpson_and_renyi(seed):
    rng = np.random.default_rng(seed)
    p = dirichlet(rng, 2 + seed)
    assert abs(float(categorical_entropy(p, kl)) - scipy_entropy(np.asarray(p))) < 1e-9
    assert abs(float(categorical_entropy(p, total_variation)) - (1 - float(p @ p))) < 1e-9
    for alpha in (0.3, 0.5, 1.5, 1.9):
        order = 2 - alpha  # Rényi-α of (copy ∘ p, p ⊗ p) is the Rényi entropy of order 2 − α
        closed = np.log(np.sum(np.asarray(p) ** order)) / (1 - order)
        assert abs(float(categorical_entropy(p, partial(renyi, alpha=alpha))) - closed) < 1e-9


def test_categorical_entropy_of_a_kernel_is_the_conditional_entropy_and_zero_iff_a_function():
    rng = np.random.default_rng(7)
    pi, k = dirichlet(rng, 4), dirichlet(rng, 4, 3)
    conditional = sum(float(pi[x]) * scipy_entropy(np.asarray(k[x])) for x in range(4))
    assert abs(float(categorical_entropy(k, kl, pi)) - conditional) < 1e-9
    function = jnp.eye(3)[jnp.array([2, 0, 0, 1])]
    for divergence in DIVERGENCES.values():
        assert abs(float(categorical_entropy(function, divergence, pi))) < 1e-12
        assert float(categorical_entropy(k, divergence, pi)) > 1e-3


def test_divergences_match_scipy_and_closed_forms():
    rng = np.random.default_rng(3)
    p, q = dirichlet(rng, 6), dirichlet(rng, 6)
    a, b = np.asarray(p), np.asarray(q)
    assert abs(float(kl(p, q)) - scipy_entropy(a, b)) < 1e-12
    assert abs(float(jensen_shannon(p, q)) - jensenshannon(a, b) ** 2) < 1e-12
    assert abs(float(total_variation(p, q)) - 0.5 * np.abs(a - b).sum()) < 1e-12
    assert abs(float(hellinger(p, q)) - 0.5 * np.sum((np.sqrt(a) - np.sqrt(b)) ** 2)) < 1e-12
    assert abs(float(renyi(p, q, 1 + 1e-7)) - scipy_entropy(a, b)) < 1e-6  # the KL limit
    assert abs(float(renyi(p, q, 2.0)) - np.log(np.sum(a**2 / b))) < 1e-12
    with pytest.raises(KernelError, match="Rényi order must be positive and not 1"):
        renyi(p, q, 1.0)


def test_an_f_divergence_between_kernels_is_the_average_of_the_rows():
    rng = np.random.default_rng(4)
    pi, k1, k2 = dirichlet(rng, 3), dirichlet(rng, 3, 5), dirichlet(rng, 3, 5)
    for name in ("kl", "tv", "hellinger", "js"):
        rows = sum(float(pi[x]) * float(DIVERGENCES[name](k1[x], k2[x])) for x in range(3))
        assert abs(float(kernel_divergence(DIVERGENCES[name], k1, k2, pi)) - rows) < 1e-12
    with pytest.raises(KernelError, match="needs an input distribution"):
        kernel_divergence(kl, k1, k2)


@given(
    n=st.sampled_from([2, 5]),
    m=st.sampled_from([1, 3]),
    seed=st.integers(0, 2**31),
    concentration=st.sampled_from([0.1, 1.0, 10.0]),
)
def test_data_processing_inequality(n, m, seed, concentration):
    """Post-processing by any kernel ``h`` never increases a divergence, between states and
    between kernels given an input distribution (few shapes: each new one compiles)."""
    rng = np.random.default_rng(seed)

    def draw(*shape):
        return jnp.asarray(rng.dirichlet(np.full(shape[-1], concentration), size=shape[:-1]))

    p, q, h = draw(n), draw(n), draw(n, m)
    pi, k1, k2 = draw(3), draw(3, n), draw(3, n)
    for divergence in DIVERGENCES.values():
        assert float(divergence(p @ h, q @ h)) <= float(divergence(p, q)) + 1e-12
        before = kernel_divergence(divergence, k1, k2, pi)
        after = kernel_divergence(divergence, compose(k1, h), compose(k2, h), pi)
        assert float(after) <= float(before) + 1e-12


def test_nll_is_expected_kl_plus_conditional_entropy():
    rng = np.random.default_rng(5)
    pi, p, q = dirichlet(rng, 7), dirichlet(rng, 7, 9), dirichlet(rng, 7, 9)
    nll, expected_kl, conditional = nll_decomposition(pi, p, q)
    direct = -np.sum(np.asarray(pi)[:, None] * np.asarray(p) * np.log(np.asarray(q)))
    assert abs(float(nll) - direct) < 1e-9
    assert abs(float(nll) - float(expected_kl + conditional)) < 1e-9
    assert abs(float(conditional) - float(categorical_entropy(p, kl, pi))) < 1e-9
    assert abs(float(nll_decomposition(pi, p, p)[1])) < 1e-12  # the true model: NLL = H(W|X)


def test_mutual_information_is_the_kl_from_the_product_of_marginals():
    rng = np.random.default_rng(6)
    joint = dirichlet(rng, 12).reshape(3, 4)
    product = jnp.outer(joint.sum(axis=1), joint.sum(axis=0))
    assert abs(float(mutual_information(joint)) - float(kl(joint, product))) < 1e-12
    with pytest.raises(KernelError, match="must be distinct axes"):
        conditional_mutual_information(joint, [0], [0])


@pytest.mark.parametrize("horizon", [2, 3])
def test_surplus_is_zero_for_a_first_order_source_and_positive_for_a_second_order_one(horizon):
    rng = np.random.default_rng(8)
    first = rng.dirichlet(np.full(3, 0.5), size=3)  # p(c | b): the pair (a, b) tells no more
    as_second = np.broadcast_to(first[None], (3, 3, 3))
    assert abs(float(information_surplus(jnp.asarray(future_joint(as_second, horizon))))) < 1e-12
    joint = jnp.asarray(future_joint(second_order_source(0, 3), horizon))
    assert abs(float(joint.sum()) - 1.0) < 1e-12
    surplus = float(information_surplus(joint))
    # S_K = I(H; W_1..W_K) − I(H; W_1), bounded by H(W_2..W_K | W_1)
    tokens = list(range(1, horizon + 1))
    chain = conditional_mutual_information(joint, [0], tokens) - conditional_mutual_information(
        joint, [0], [1]
    )
    assert surplus > 1e-3 and abs(surplus - float(chain)) < 1e-9
    later_given_next = entropy(joint, tokens) - entropy(joint, [1])  # H(W_2..W_K | W_1)
    assert surplus <= float(later_given_next) + 1e-12


def test_acceptance_is_one_minus_expected_total_variation():
    rng = np.random.default_rng(9)
    w, p, q = dirichlet(rng, 4), dirichlet(rng, 4, 6), dirichlet(rng, 4, 6)
    tv = kernel_divergence(total_variation, p, q, w)
    assert abs(float(acceptance_rate(p, q, w)) - (1 - float(tv))) < 1e-12
    assert abs(float(acceptance_rate(p, p, w)) - 1.0) < 1e-12
