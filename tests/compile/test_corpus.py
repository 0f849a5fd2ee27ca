from __future__ import annotations

import jax
import numpy as np
import pytest

import discojax as dj
from discojax.compile import ParsedCorpus, evaluate
from discojax.errors import DataError, UnknownWordError
from discojax.grammar import default_parser, generate

TEXTS = generate(40, length=5, seed=3) + generate(20, length=3, seed=4)


def test_corpus_batch_evaluates_like_prepare() -> None:
    corpus = ParsedCorpus.build(TEXTS, default_parser())
    ansatz = dj.TensorAnsatz({"n": 3, "s": 2})
    model = dj.TensorModel.from_data(TEXTS, ansatz)
    assert corpus.vocabulary() == model.vocabulary
    params = model.init(jax.random.key(0), scale=0.5)
    expected = evaluate(params, model.prepare(TEXTS))
    got = evaluate(params, corpus.batch(corpus.vocabulary(), ansatz))
    np.testing.assert_allclose(np.asarray(got), np.asarray(expected), rtol=1e-6)
    subset = np.array([5, 0, 59, 17])
    part = evaluate(params, corpus.batch(corpus.vocabulary(), ansatz, subset))
    np.testing.assert_allclose(np.asarray(part), np.asarray(expected)[subset], rtol=1e-6)


def test_save_and_load_round_trip_exactly(tmp_path) -> None:
    corpus = ParsedCorpus.build(TEXTS, default_parser())
    corpus.save(tmp_path / "corpus")
    loaded = ParsedCorpus.load(tmp_path / "corpus")
    assert loaded.shapes == corpus.shapes
    assert loaded.lexemes == corpus.lexemes
    assert np.array_equal(loaded.words, corpus.words)
    assert np.array_equal(loaded.shape_of, corpus.shape_of)
    with pytest.raises(DataError, match="no parsed corpus here"):
        ParsedCorpus.load(tmp_path / "missing")


def test_a_bad_sentence_is_named_by_its_index() -> None:
    with pytest.raises(UnknownWordError, match="sentence 1: unknown word 'qqq' at position 1"):
        ParsedCorpus.build(["man runs", "man qqq"], default_parser())
