"""Cosine, Spearman's rho per judgement and per item, and the human upper bound."""

from __future__ import annotations

import math

import numpy as np
import pytest

from discojax.corpus import (
    agreement,
    cosine,
    cosines,
    evaluate,
    inner,
    pairwise_agreement,
    spearman,
)
from discojax.data import read_ml2008


def test_zero_vector_cosine_is_zero_not_nan():
    assert cosine([0.0, 0.0], [1.0, 2.0]) == 0.0
    assert cosine([0.0, 0.0], [0.0, 0.0]) == 0.0
    np.testing.assert_array_equal(cosines(np.zeros((2, 2, 2)), np.ones((2, 2, 2))), [0.0, 0.0])


def test_cosine_values():
    assert cosine([1.0, 0.0], [0.0, 3.0]) == 0.0
    assert cosine([1.0, 1.0], [-2.0, -2.0]) == -1.0
    x = np.random.default_rng(0).normal(size=(4, 4))
    assert cosine(x, x) == 1.0  # exactly, so identical meanings tie exactly
    assert cosine([[1.0, 2.0], [3.0, 4.0]], [1.0, 2.0, 3.0, 4.0]) == 1.0
    assert inner([[1.0, 2.0], [3.0, 4.0]], [[1.0, 0.0], [0.0, 1.0]]) == 5.0


def test_spearman_values_and_constant_input():
    assert spearman([1, 2, 3], [3, 2, 1]) == pytest.approx(-1.0)
    assert spearman([1, 2, 2, 3], [1, 2, 3, 4]) == pytest.approx(0.9486832980505138)
    assert math.isnan(spearman([0.5, 0.5, 0.5], [1, 2, 3]))
    assert math.isnan(spearman([1.0], [2.0]))
    with pytest.raises(ValueError, match="shapes"):
        spearman([1, 2], [1, 2, 3])


def judgements():
    # items: (roam, eye) high, (digress, eye) low, (roam, car) low; annotators a, b, c
    return read_ml2008(
        [
            "a stray eye roam 7 high",
            "a stray eye digress 1 low",
            "a stray car roam 3 low",
            "b stray eye roam 6 high",
            "b stray eye digress 2 low",
            "b stray car roam 1 low",
            "c stray eye roam 5 high",
            "c stray car roam 4 low",
        ]
    )


def test_per_judgement_and_per_item_rho():
    data = judgements()
    np.testing.assert_allclose(data.mean_scores(), [6.0, 1.5, 8 / 3])
    result = evaluate([0.9, 0.1, 0.5], data, "toy")
    assert result.per_item == pytest.approx(1.0)
    # per judgement: similarities (0.9, 0.1, 0.5, 0.9, 0.1, 0.5, 0.9, 0.5) against the scores
    sims = [0.9, 0.1, 0.5, 0.9, 0.1, 0.5, 0.9, 0.5]
    scores = [7, 1, 3, 6, 2, 1, 5, 4]
    assert result.per_judgement == pytest.approx(spearman(sims, scores))
    assert result.per_judgement == pytest.approx(
        0.8555277382080451
    )  # worked by hand from the ranks
    assert (result.judgements, result.items) == (8, 3)
    with pytest.raises(ValueError, match="expected 3 item similarities"):
        evaluate([0.1, 0.2], data)


def test_leave_one_annotator_out_agreement():
    # a vs mean(b, c) on (eye roam, eye digress, car roam): (7, 1, 3) vs (5.5, 2, 2.5) -> 1.0
    # b vs mean(a, c): (6, 2, 1) vs (6, 1, 3.5) -> 0.5
    # c vs mean(a, b) on (eye roam, car roam): (5, 4) vs (6.5, 2) -> 1.0
    assert agreement(judgements()) == pytest.approx((1.0 + 0.5 + 1.0) / 3)


def test_pairwise_agreement():
    # a-b on three items: (7, 1, 3) vs (6, 2, 1) -> 0.5; pairs with c share two items: left out
    assert pairwise_agreement(judgements()) == pytest.approx(0.5)
