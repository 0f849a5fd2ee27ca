"""Finite shots: seeded, and converging to the exact distribution as shots grow."""

from __future__ import annotations

import jax
import numpy as np
import pytest

from discojax.quantum import CircuitAnsatz, QuantumModel, sample

TEXTS = ["Alice loves Bob", "skillful man prepares sauce", "man runs", "woman cooks tasty dinner"]


@pytest.fixture(scope="module")
def exact():
    model = QuantumModel.from_data(TEXTS, CircuitAnsatz({"n": 1, "s": 1}, "iqp"))
    return model.outcome(model.init(jax.random.key(0)), model.prepare_circuits(TEXTS))


def test_same_key_same_counts(exact):
    a = sample(exact, 1000, jax.random.key(7))
    b = sample(exact, 1000, jax.random.key(7))
    c = sample(exact, 1000, jax.random.key(8))
    assert np.array_equal(a.counts, b.counts) and np.array_equal(a.kept, b.kept)
    assert not np.array_equal(a.counts, c.counts)
    assert np.all(np.asarray(a.counts).sum(axis=1) == np.asarray(a.kept))
    assert np.all(np.asarray(a.kept) <= 1000)


def test_estimates_converge_to_exact(exact):
    """Every estimate from n kept runs lies within 5 standard errors (sqrt(p(1-p)/n), plus
    1/n for p near 0 or 1), and so does the success rate; the worst error over the sentences
    post-selected in more than 1% of runs shrinks as shots grow 100-fold. Seeded, so
    deterministic. (One sentence here is kept in about 1 run in 12,000: it gets no kept run
    at 1,000 shots, and the bound holds wherever it has some.)"""
    p = np.asarray(exact.probabilities)
    success = np.asarray(exact.success)
    assert success.min() < 1e-3 < 1e-2 < np.sort(success)[1]
    common = success > 1e-2
    errors = []
    for i, shots in enumerate((1_000, 100_000, 10_000_000)):
        result = sample(exact, shots, jax.random.key(i))
        kept = np.asarray(result.kept)[:, None]
        assert np.all(kept[common] > 0)
        stderr = np.sqrt(p * (1 - p) / np.maximum(kept, 1)) + 1.0 / np.maximum(kept, 1)
        estimate = np.asarray(result.probabilities)
        seen = kept[:, 0] > 0
        assert np.all(np.abs(estimate - p)[seen] <= 5 * stderr[seen])
        rate_err = np.sqrt(success * (1 - success) / shots) + 1.0 / shots
        assert np.all(np.abs(np.asarray(result.success_rate) - success) <= 5 * rate_err)
        errors.append(np.abs(estimate - p)[common].max())
    assert errors[2] < errors[1] < errors[0]
    assert errors[2] < 2e-3


def test_no_kept_run_gives_uniform_and_zero_rate():
    model = QuantumModel.from_data(["man runs"], CircuitAnsatz({"n": 1, "s": 1}, "iqp"))
    params = {"n": np.array([[0.5, 0.0, 0.0]], np.float32), "n.r s": np.zeros((1, 1), np.float32)}
    out = model.outcome(params, model.prepare_circuits(["man runs"]))
    result = sample(out, 10_000, jax.random.key(0))
    assert result.kept.tolist() == [0]
    assert result.success_rate.tolist() == [0.0]
    assert result.probabilities.tolist() == [[0.5, 0.5]]


@pytest.mark.parametrize("shots", [0, 2**24 + 1])
def test_bad_shot_counts(exact, shots):
    with pytest.raises(ValueError, match="shots must be between 1"):
        sample(exact, shots, jax.random.key(0))
