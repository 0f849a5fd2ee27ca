"""Composition models as functors: exact outputs on tiny hand-made vectors, closed forms."""

from __future__ import annotations

import numpy as np
import pytest

from discojax.corpus import (
    Additive,
    Categorical,
    CopyObject,
    CopySubject,
    FrobeniusAdditive,
    FrobeniusMultiplicative,
    FrobeniusOuter,
    KroneckerVerbs,
    Multiplicative,
    RelationalVerbs,
    TableVerbs,
    VerbOnly,
    WordVectors,
    cosine,
    kronecker,
    lemmatised_parse,
    meanings,
    read_triples,
    relational,
)
from discojax.errors import CompileError, UnknownWordError
from discojax.grammar import Parser, load_lexicon, parse

WORDS = ["man", "dog", "bites", "chases", "runs", "road", "run", "parallel"]


@pytest.fixture
def vectors() -> WordVectors:
    rng = np.random.default_rng(7)
    return WordVectors.from_array(rng.normal(size=(len(WORDS), 3)), WORDS)


def sentence(text: str):
    return parse(text)


def test_kronecker_of_orthogonal_verbs():
    vectors = WordVectors.from_array(
        [[1.0, 2.0], [3.0, 5.0], [1.0, 0.0], [0.0, 1.0]], ["man", "dog", "bites", "chases"]
    )
    a, b, c = meanings(
        kronecker(vectors),
        [sentence("man bites dog"), sentence("man chases dog"), sentence("the man bites the dog")],
    )
    np.testing.assert_array_equal(a, [[3.0, 0.0], [0.0, 0.0]])  # (s ⊙ e1) ⊗ (o ⊙ e1)
    np.testing.assert_array_equal(b, [[0.0, 0.0], [0.0, 10.0]])  # (s ⊙ e2) ⊗ (o ⊙ e2)
    assert cosine(a, b) == 0.0
    assert cosine(a, c) == 1.0


def test_closed_forms_of_transitive_sentences(vectors):
    s, v, o = vectors["man"], vectors["bites"], vectors["dog"]
    triples = read_triples(["man bites dog", "dog bites man 2", "man chases dog"])
    verbs = RelationalVerbs(vectors, triples)
    V = np.outer(s, o) + 2 * np.outer(o, s)
    np.testing.assert_allclose(verbs("bites", 2), V)
    cs, co = s * (V @ o), o * (V.T @ s)
    expected = {
        VerbOnly(vectors): v,
        Additive(vectors): s + v + o,
        Multiplicative(vectors): s * v * o,
        kronecker(vectors): np.outer(s * v, o * v),
        relational(vectors, verbs): V * np.outer(s, o),
        CopySubject(vectors, verbs=verbs): cs,
        CopyObject(vectors, verbs=verbs): co,
        FrobeniusAdditive(vectors, verbs=verbs): cs + co,
        FrobeniusMultiplicative(vectors, verbs=verbs): cs * co,
        FrobeniusOuter(vectors, verbs=verbs): np.outer(cs, co),
    }
    parses = [sentence("man bites dog"), sentence("the man bites the dog")]
    for model, closed_form in expected.items():
        got = meanings(model, parses)
        np.testing.assert_allclose(got[0], closed_form, rtol=1e-12, err_msg=model.name)
        np.testing.assert_allclose(got[1], closed_form, rtol=1e-12, err_msg=model.name)


def test_copy_subject_closed_form_with_kronecker_verbs(vectors):
    s, v, o = vectors["man"], vectors["bites"], vectors["dog"]
    got = meanings(CopySubject(vectors, verbs=KroneckerVerbs(vectors)), [sentence("man bites dog")])
    np.testing.assert_allclose(got[0], s * (np.outer(v, v) @ o), rtol=1e-12)
    np.testing.assert_allclose(got[0], (v @ o) * s * v, rtol=1e-12)


def test_closed_forms_of_intransitive_sentences(vectors):
    s, v = vectors["man"], vectors["runs"]
    verbs = RelationalVerbs(vectors, read_triples(["man runs", "dog runs 3"]))
    V = s + 3 * vectors["dog"]
    expected = {
        VerbOnly(vectors): v,
        Additive(vectors): s + v,
        Multiplicative(vectors): s * v,
        kronecker(vectors): np.diag(s * v),  # Δ(s ⊙ v) on N ⊗ N
        relational(vectors, verbs): np.diag(s * V),
        CopySubject(vectors, verbs=verbs): s * V,
        CopyObject(vectors, verbs=verbs): s * V,
        FrobeniusAdditive(vectors, verbs=verbs): 2 * s * V,
        FrobeniusMultiplicative(vectors, verbs=verbs): (s * V) ** 2,
        FrobeniusOuter(vectors, verbs=verbs): np.outer(s * V, s * V),
    }
    for model, closed_form in expected.items():
        got = meanings(model, [sentence("the man runs")])[0]
        np.testing.assert_allclose(got, closed_form, rtol=1e-12, err_msg=model.name)


def test_mixed_shapes_in_one_batch_equal_one_by_one(vectors):
    texts = ["man bites dog", "the man runs", "the dog bites man", "dog runs", "man chases dog"]
    verbs = RelationalVerbs(vectors, read_triples(["man bites dog", "man chases dog", "dog runs"]))
    model = CopyObject(vectors, verbs=verbs)
    together = meanings(model, [sentence(t) for t in texts])
    for i, text in enumerate(texts):
        np.testing.assert_allclose(together[i], meanings(model, [sentence(text)])[0], rtol=1e-12)


def test_phrasal_verb_is_the_transitive_sentence(vectors):
    phrasal = lemmatised_parse("The road runs in parallel.", "road run parallel")
    plain = lemmatised_parse("The road runs parallel.", "road run parallel")
    assert phrasal == plain
    verbs = TableVerbs({"run": np.arange(9.0).reshape(3, 3)})
    s, o = vectors["road"], vectors["parallel"]
    got = meanings(Categorical(vectors, verbs=verbs), [phrasal])[0]
    np.testing.assert_allclose(got, np.arange(9.0).reshape(3, 3) * np.outer(s, o), rtol=1e-12)


def test_a_word_class_without_meaning_is_an_error(vectors):
    verbs = TableVerbs({"gives": np.eye(3)})
    with pytest.raises(CompileError, match="'gives' of class 'ditransitive_verb'"):
        costs = Parser(load_lexicon("english"), scoring="costs")  # "dog man" is no compound
        meanings(CopySubject(vectors, verbs=verbs), [costs.parse("man gives dog man")])


def test_a_missing_vector_names_the_word(vectors):
    with pytest.raises(UnknownWordError, match="'woman'"):
        meanings(Additive(vectors), [sentence("the woman runs")])


def test_a_verb_without_triples_names_it(vectors):
    verbs = RelationalVerbs(vectors, read_triples(["man bites dog"]))
    with pytest.raises(UnknownWordError, match=r"'chases'.*no subject-object pairs"):
        meanings(relational(vectors, verbs), [sentence("man chases dog")])


def test_verb_models_need_a_verb_source(vectors):
    with pytest.raises(CompileError, match="needs a verb source"):
        meanings(CopySubject(vectors), [sentence("man bites dog")])


def test_relational_verbs_are_bit_identical_for_the_same_pairs(vectors):
    verbs = RelationalVerbs(
        vectors,
        read_triples(["man bites dog", "dog bites man", "dog chases man", "man chases dog"]),
    )
    assert np.array_equal(verbs("bites", 2), verbs("chases", 2))
    model = relational(vectors, verbs)
    a, b = meanings(model, [sentence("man bites dog"), sentence("man chases dog")])
    assert cosine(a, b) == 1.0
