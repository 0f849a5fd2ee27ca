"""Corpus models are models of the one protocol, contracted by the one compiler."""

from __future__ import annotations

import jax
import numpy as np
import pytest

from discojax.corpus import KroneckerVerbs, WordVectors, meanings
from discojax.errors import CompileError
from discojax.grammar import parse
from discojax.models import CorpusModel, Model
from discojax.semantics import Semantics
from discojax.semantics.corpus import Categorical, CorpusSemantics, FrobeniusAdditive

VECTORS = WordVectors.from_array(
    [[1.0, 2.0], [3.0, 1.0], [1.0, 1.0], [0.5, -2.0]], ["alice", "loves", "bob", "runs"]
)


def test_frobenius_additive_is_the_sum_of_its_two_terms(x64) -> None:
    verbs = KroneckerVerbs(VECTORS)
    model = CorpusModel.from_data(["Alice loves Bob"], FrobeniusAdditive(VECTORS, verbs=verbs))
    assert isinstance(model, Model) and isinstance(model.ansatz, Semantics)
    batch = model.prepare(["Alice loves Bob"])
    assert batch.size == 1 and sum(int(b.ids.shape[0]) for b in batch.buckets) >= 2
    s, o, v = (VECTORS[w] for w in ("alice", "bob", "loves"))
    matrix = np.outer(v, v)
    expected = s * (matrix @ o) + o * (matrix.T @ s)  # Kartsaklis & Sadrzadeh 2014
    np.testing.assert_allclose(model.apply(model.init(), batch)[0], expected, rtol=1e-12)


def test_meanings_is_the_model_applied() -> None:
    functor = Categorical(VECTORS, KroneckerVerbs(VECTORS))
    texts = ["Alice loves Bob", "Bob loves Alice"]
    model = CorpusModel.from_data(texts, functor)
    with jax.enable_x64(True):
        ours = np.asarray(model.apply(model.init(), model.prepare(texts)))
    np.testing.assert_array_equal(ours, meanings(functor, [parse(t) for t in texts]))
    s, o, v = VECTORS["alice"], VECTORS["bob"], VECTORS["loves"]
    np.testing.assert_allclose(ours[0], np.outer(s * v, o * v))  # (s ⊙ v) ⊗ (o ⊙ v)


def test_corpus_semantics_says_what_it_cannot_do() -> None:
    semantics = CorpusSemantics(Categorical(VECTORS, KroneckerVerbs(VECTORS)))
    with pytest.raises(CompileError, match="rebuilt from its word vectors"):
        semantics.to_json()
    with pytest.raises(CompileError, match="not built yet"):
        semantics(parse("Alice runs").to_diagram())
    model = CorpusModel.from_data(["Alice runs"], semantics)
    with pytest.raises(CompileError, match="item 0: a corpus model composes parsed sentences"):
        model.prepare([parse("Alice runs").to_diagram()])
