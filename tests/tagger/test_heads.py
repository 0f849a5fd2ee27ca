"""The tagger's head scorer: one network in NumPy and JAX, trained on gold heads, and the
parser's ``scoring="arcs"`` reranking by it, checked against a brute-force rescoring."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import jax.numpy as jnp
import numpy as np
import pytest

from discojax.errors import WeightsError
from discojax.grammar import Parser, dependency_heads, load_lexicon
from discojax.grammar._reranking import ARC_WEIGHT, RERANKED, UNHEADED, arc_cost
from discojax.tagger import Settings, Supertagger, bundled_tagger, load_weights, train_tagger
from discojax.tagger._model import NEVER, head_scores, init_params
from discojax.tagger._train import pad
from discojax.tagger._weights import save_weights, sizes_of

ENGLISH = load_lexicon("english")
TINY = Settings(
    width=16, heads=2, layers=1, hidden=32, epochs=30, patience=30, batch_size=4, arc_width=16
)
TARGETS = "s|q|n|n.r s|s s"

# the same words, two trees: who chases whom is in the heads, not in the classes
DATA = [
    (("dogs", "chase", "cats"), ("noun", "transitive_verb", "noun"), (1, -1, 1)),
    (("big", "dogs", "sleep"), ("adjective", "noun", "intransitive_verb"), (1, 2, -1)),
    (
        ("she", "sees", "big", "cats"),
        ("pronoun", "transitive_verb", "adjective", "noun"),
        (1, -1, 3, 1),
    ),
] * 6


def test_numpy_and_jax_give_the_same_head_scores() -> None:
    vocabulary = bundled_tagger(ENGLISH).weights.vocabulary
    params = init_params(sizes_of(vocabulary), TINY, seed=3)
    encoded = [vocabulary.encode(w, ENGLISH) for w in (["Dogs", "bark"], ["She", "runs", "fast"])]
    batch = pad(encoded, 8)
    with_numpy = head_scores(params, batch, np, TINY.heads)
    with_jax = np.asarray(
        head_scores({k: jnp.asarray(v) for k, v in params.items()}, batch, jnp, 2)
    )
    np.testing.assert_allclose(with_numpy, with_jax, rtol=1e-4, atol=1e-4)
    assert with_numpy.shape == (2, 8, 9)
    # a word is never its own head, nor is padding anyone's; the root always may be
    assert all(with_numpy[0, i, i + 1] == NEVER for i in range(8))
    assert np.all(with_numpy[0, :, 3:] == NEVER)  # "Dogs bark": columns of words 2 to 7
    assert np.all(with_numpy[:, :, 0] > NEVER)


@pytest.fixture(scope="module")
def trained():
    return train_tagger(DATA, DATA[:3], ENGLISH, TINY, seed=1)


def test_training_learns_the_gold_heads(trained) -> None:
    weights, history = trained
    assert history[-1]["dev_attachment"] == 1.0
    tagger = Supertagger(weights, ENGLISH)
    assert tagger.scores_heads
    log_p = tagger.head_log_probabilities(["dogs", "chase", "cats"])
    assert (log_p.argmax(-1) - 1).tolist() == [1, -1, 1]
    assert np.allclose(np.exp(log_p).sum(-1), 1.0)
    assert np.isneginf(log_p[1, 2])  # 'chase' is not its own head


def test_weights_without_a_head_scorer_load_and_say_so(trained, tmp_path: Path) -> None:
    weights, _ = trained
    old = replace(weights.settings, arc_width=0)
    params = {k: v for k, v in weights.params.items() if not k.startswith("arc.")}
    path = tmp_path / "old.safetensors"
    save_weights(path, params, weights.vocabulary, old, {})
    # a file made before the head scorer has no arc_width in its settings
    from safetensors import safe_open
    from safetensors.numpy import save

    with safe_open(str(path), framework="numpy") as handle:
        metadata = handle.metadata()
    tables = json.loads(metadata["discojax-supertagger-1"])
    del tables["settings"]["arc_width"]
    path.write_bytes(save(params, metadata={"discojax-supertagger-1": json.dumps(tables)}))
    loaded = load_weights(path)
    assert loaded.settings.arc_width == 0
    tagger = Supertagger(loaded, ENGLISH, str(path))
    assert not tagger.scores_heads
    assert tagger.probabilities(["dogs", "bark"])[0]  # it still tags
    with pytest.raises(WeightsError, match=r"old\.safetensors: these weights have no head scorer"):
        tagger.head_log_probabilities(["dogs", "bark"])
    with pytest.raises(WeightsError, match=r'old\.safetensors: scoring="arcs" needs a tagger with'):
        Parser(ENGLISH, scoring="arcs", tagger=tagger)  # at once, before any parse


SENTENCES = [
    "the old man saw a dog in the park",
    "she says that he left early because it rained",
    "can you send me the data you used",
    "I saw the man with the telescope",
    "the charts are now in the most recent version of the report",
    "please call me when you get back to the office",
    "we bought two tickets for the show on Friday",
    "Dogs bark",
    # the beam's first tier holds one parse of it: the reranking must search beyond the tier
    "THE PRESIDENT I appreciate that",
]


@pytest.mark.parametrize("text", SENTENCES)
def test_reranking_equals_rescoring_the_cheapest_parses_by_hand(text: str) -> None:
    """parse with scoring="arcs" (which skips parses that cannot win) is the cheapest of the
    RERANKED cheapest tagger parses, each charged ARC_WEIGHT * -log p of its heads."""
    tagging = Parser(ENGLISH, unknown_words="guess")
    arcs = Parser(ENGLISH, unknown_words="guess", scoring="arcs")
    words = text.split()
    log_p = arcs.tagger.head_log_probabilities(words)  # type: ignore[union-attr]
    rescored = []
    for p in tagging.parse_all(words, TARGETS, limit=RERANKED):
        heads = dependency_heads(p, ENGLISH)
        by_hand = -sum(log_p[i, h + 1] if h is not None else -UNHEADED for i, h in enumerate(heads))
        rescored.append((p.cost + ARC_WEIGHT * by_hand, p))
    cost, best = min(rescored, key=lambda pair: pair[0])
    found = arcs.parse(words, TARGETS)
    assert found.cost == pytest.approx(cost, abs=1e-6)
    assert (found.word_classes, found.cups) == (best.word_classes, best.cups)
    listed = arcs.parse_all(words, TARGETS, limit=5)
    assert [p.cost for p in listed] == sorted(p.cost for p in listed)
    assert listed[0].cost == pytest.approx(cost, abs=1e-6)
    assert arc_cost(dependency_heads(found, ENGLISH), log_p) >= -log_p.max(-1).sum() - 1e-9


def test_parse_many_reranks_as_parse_does() -> None:
    arcs = Parser(ENGLISH, unknown_words="guess", scoring="arcs")
    texts = SENTENCES[:4]
    for many, one in zip(arcs.parse_many(texts, TARGETS), [arcs.parse(t, TARGETS) for t in texts]):
        # batched tagging (JAX) and one sentence's (NumPy) differ in the last float digits
        assert (many.word_classes, many.cups) == (one.word_classes, one.cups)
        assert many.cost == pytest.approx(one.cost, abs=0.01)
