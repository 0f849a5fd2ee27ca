"""The Markov language model: trained by NLL through the one loop on generated text; its NLL
is fit's training loss and splits exactly into E[KL] + H(W | X)."""

from __future__ import annotations

import jax
import jax.numpy as jnp
import numpy as np
import pytest

from discojax.grammar import Lexicon, generate
from discojax.semantics.markov import MarkovLM, next_tokens, nll_decomposition
from discojax.train import TrainConfig, fit

pytestmark = pytest.mark.usefixtures("x64")


def test_the_lm_learns_the_bigrams_of_generated_sentences():
    lexicon = Lexicon.from_dict(
        {
            "grammar": {"basic_types": ["n", "s"]},
            "classes": {
                "noun": {"type": "n", "words": ["chef", "meal", "sauce"]},
                "transitive_verb": {"type": "n.r s n.l", "words": ["cooks", "likes"]},
            },
        }
    )
    sentences = generate(150, pattern=("noun", "transitive_verb", "noun"), lexicon=lexicon, seed=3)
    data = next_tokens(sentences)
    names, pi_hat, p_hat = data.empirical()
    lm = MarkovLM.for_contexts(names, tokens=len(data.tokens), hidden=len(names))
    batch = lm.prepare(data.contexts)
    params = lm.init(jax.random.key(1), jnp.float64)
    config = TrainConfig(epochs=150, learning_rate=0.1)
    result = fit(lm, params, batch, jnp.asarray(data.targets), config=config, callbacks=[])

    q = lm.next_token(result.last_params, names)
    np.testing.assert_allclose(q.sum(axis=1), 1.0, atol=1e-12)
    pi, p = jnp.asarray(pi_hat), jnp.asarray(p_hat)
    nll, expected_kl, conditional = nll_decomposition(pi, p, q)
    # fit's training loss is the mean -log q(w | x) over the examples: the empirical NLL
    assert abs(result.history[-1]["train_loss"] - float(nll)) < 1e-9
    assert abs(float(nll) - float(expected_kl + conditional)) < 1e-9
    assert float(nll_decomposition(pi, p, lm.next_token(params, names))[1]) > 0.3  # untrained
    assert float(expected_kl) < 0.02  # trained: NLL within 0.02 nats of H(W | X)
    # the grammar: after <s> and after a verb comes a noun, never the end of the sentence
    end = data.tokens.index("</s>")
    for context in ("<s>", "cooks", "likes"):
        assert float(q[names.index(context), end]) < 0.01
    kernels = lm.kernels(result.last_params)
    np.testing.assert_allclose(
        lm.representation(result.last_params, names) @ kernels["head"], q, atol=1e-12
    )
