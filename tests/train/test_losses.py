from __future__ import annotations

import jax.numpy as jnp
import numpy as np

from discojax.train import accuracy, cross_entropy, f1_score, log_probabilities, mean_squared_error


def test_cross_entropy_equals_the_textbook_formula() -> None:
    logits = np.array([[1.0, -2.0, 0.5], [0.0, 3.0, -1.0]])
    labels = np.array([2, 1])
    p = np.exp(logits) / np.exp(logits).sum(1, keepdims=True)
    expected = -np.mean(np.log(p[np.arange(2), labels]))
    assert np.isclose(float(cross_entropy(jnp.asarray(logits), jnp.asarray(labels))), expected)


def test_single_logit_is_binary_sigmoid() -> None:
    logits = jnp.array([[2.0], [-1.0]])
    labels = jnp.array([1, 0])
    sigmoid = 1 / (1 + np.exp(-np.array([2.0, -1.0])))
    expected = -np.mean([np.log(sigmoid[0]), np.log(1 - sigmoid[1])])
    assert np.isclose(float(cross_entropy(logits, labels)), expected, rtol=1e-6)


def test_probabilities_are_renormalised_and_never_log_zero() -> None:
    probs = jnp.array([[0.2, 0.2], [0.0, 0.5]])
    logp = np.asarray(log_probabilities(probs, "probabilities"))
    assert np.allclose(np.exp(logp[0]), [0.5, 0.5])
    assert np.all(np.isfinite(logp))


def test_weights_mask_rows_out() -> None:
    logits = jnp.array([[5.0, 0.0], [0.0, 5.0]])
    labels = jnp.array([0, 0])
    assert float(accuracy(logits, labels, jnp.array([1.0, 0.0]))) == 1.0
    assert float(accuracy(logits, labels)) == 0.5
    assert (
        float(
            mean_squared_error(jnp.array([1.0, 5.0]), jnp.array([0.0, 0.0]), jnp.array([1.0, 0.0]))
        )
        == 1.0
    )


def test_f1_macro_average() -> None:
    # predictions 0, 1, 1, 1; labels 0, 1, 0, 0: class 0 F1 = 2/(2+0+2) = 0.5, class 1 = 2/(2+2) = 0.5
    logits = jnp.array([[1.0, 0.0], [0.0, 1.0], [0.0, 1.0], [0.0, 1.0]])
    assert f1_score(logits, jnp.array([0, 1, 0, 0])) == 0.5
