"""The Markov language model: trained by NLL through the one loop; its NLL splits exactly."""

from __future__ import annotations

import jax
import jax.numpy as jnp
import numpy as np
import pytest

from discojax.semantics.markov import MarkovLM, low_rank_source, nll_decomposition
from discojax.train import TrainConfig, fit

pytestmark = pytest.mark.usefixtures("x64")


def test_the_lm_trains_through_fit_and_its_nll_is_expected_kl_plus_conditional_entropy():
    pi, p = low_rank_source(0, contexts=6, tokens=5, rank=2, beta=2.0)
    rng = np.random.default_rng(0)
    xs = rng.choice(6, size=600, p=pi)
    ws = np.array([rng.choice(5, p=p[x]) for x in xs])
    contexts = [f"x{x}" for x in range(6)]
    lm = MarkovLM.for_contexts(contexts, tokens=5, hidden=6)
    batch = lm.prepare([contexts[x] for x in xs])
    params = lm.init(jax.random.key(0), jnp.float64)
    config = TrainConfig(epochs=200, learning_rate=0.1)
    result = fit(lm, params, batch, jnp.asarray(ws), config=config, callbacks=[])

    counts = np.zeros((6, 5))
    np.add.at(counts, (xs, ws), 1.0)
    pi_hat = jnp.asarray(counts.sum(axis=1) / counts.sum())
    p_hat = jnp.asarray(counts / counts.sum(axis=1, keepdims=True))
    q = lm.next_token(result.last_params, contexts)
    np.testing.assert_allclose(q.sum(axis=1), 1.0, atol=1e-12)
    nll, expected_kl, conditional = nll_decomposition(pi_hat, p_hat, q)
    # fit's training loss is the mean -log q(w | x) over the samples: the empirical NLL
    assert abs(result.history[-1]["train_loss"] - float(nll)) < 1e-9
    assert abs(float(nll) - float(expected_kl + conditional)) < 1e-9
    q0 = lm.next_token(params, contexts)
    assert float(nll_decomposition(pi_hat, p_hat, q0)[1]) > 0.1  # at the start: far
    assert float(expected_kl) < 0.015  # trained (0.0073): NLL within 0.015 nats of H(W | X)
    representation = lm.representation(result.last_params, contexts)
    np.testing.assert_allclose(
        representation @ lm.kernels(result.last_params)["head"], q, atol=1e-12
    )
