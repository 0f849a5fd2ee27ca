"""Corpus models are models of the one protocol, contracted by the one compiler."""

from __future__ import annotations

import jax
import numpy as np
import pytest

from discojax.corpus import (
    KroneckerVerbs,
    RelationalVerbs,
    Triple,
    WordVectors,
    meanings,
)
from discojax.errors import CompileError
from discojax.grammar import parse
from discojax.models import CorpusModel, Model
from discojax.semantics import Semantics
from discojax.semantics.corpus import (
    Additive,
    Categorical,
    CopyObject,
    CopySubject,
    CorpusSemantics,
    FrobeniusAdditive,
    FrobeniusMultiplicative,
    FrobeniusOuter,
    Multiplicative,
    VerbOnly,
)

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


FUNCTORS = [
    VerbOnly(VECTORS),
    Additive(VECTORS),
    Multiplicative(VECTORS),
    Categorical(VECTORS, KroneckerVerbs(VECTORS)),
    Categorical(
        VECTORS,
        RelationalVerbs(VECTORS, [Triple("alice", "loves", "bob"), Triple("bob", "runs", None)]),
    ),
    CopySubject(VECTORS, verbs=KroneckerVerbs(VECTORS)),
    CopyObject(VECTORS, verbs=KroneckerVerbs(VECTORS)),
    FrobeniusAdditive(VECTORS, verbs=KroneckerVerbs(VECTORS)),
    FrobeniusMultiplicative(VECTORS, verbs=KroneckerVerbs(VECTORS)),
    FrobeniusOuter(VECTORS, verbs=KroneckerVerbs(VECTORS)),
]


@pytest.mark.parametrize("functor", FUNCTORS, ids=lambda f: f.name)
def test_discopy_diagram_read_out_equals_the_compiled_meaning(functor) -> None:
    """The law of every semantics, for every corpus model: DisCoPy's evaluation of the
    sentence's tensor diagram (each word the sum of its terms), read out, equals the compiler's."""
    semantics = CorpusSemantics(functor)
    texts = ["Alice loves Bob", "the Bob runs"]
    compiled = meanings(functor, [parse(t) for t in texts])
    for text, meaning in zip(texts, compiled):
        value = semantics(parse(text)).eval().array
        np.testing.assert_allclose(functor.readout(value[None])[0], meaning, rtol=1e-12)


def test_corpus_semantics_says_what_it_cannot_do() -> None:
    semantics = CorpusSemantics(Categorical(VECTORS, KroneckerVerbs(VECTORS)))
    with pytest.raises(CompileError, match="rebuilt from its word vectors"):
        semantics.to_json()
    with pytest.raises(CompileError, match="pass the Parse"):
        semantics(parse("Alice runs").to_diagram())
    model = CorpusModel.from_data(["Alice runs"], semantics)
    with pytest.raises(CompileError, match="item 0: a corpus model composes parsed sentences"):
        model.prepare([parse("Alice runs").to_diagram()])
