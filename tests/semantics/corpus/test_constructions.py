"""Every construction in every corpus model: exact values against the closed forms."""

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
    Multiplicative,
    TableVerbs,
    VerbOnly,
    WordVectors,
    meanings,
)
from discojax.errors import CompileError
from discojax.grammar import parse

WORDS = ["man", "dog", "bites", "runs", "run", "red", "quickly", "happy", "in", "house"]


@pytest.fixture
def v() -> WordVectors:
    rng = np.random.default_rng(3)
    return WordVectors.from_array(rng.normal(size=(len(WORDS), 4)), WORDS)


@pytest.fixture
def verbs() -> TableVerbs:
    rng = np.random.default_rng(4)
    return TableVerbs(
        {
            "bites": rng.normal(size=(4, 4)),
            "runs": rng.normal(size=4),
            "run": rng.normal(size=4),
            "happy": rng.normal(size=4),
        }
    )


def meaning(model, text: str, target: str = "s") -> np.ndarray:
    return meanings(model, [parse(text, target)])[0]


def test_add_sums_every_content_word_of_every_construction(v):
    add = Additive(v)
    cases = {
        ("the red man bites the dog", "s"): ["red", "man", "bites", "dog"],
        ("man that bites dog", "n"): ["man", "bites", "dog"],
        ("dog that man bites", "n"): ["dog", "man", "bites"],
        ("man and dog run", "s"): ["man", "dog", "run"],
        ("the man is happy", "s"): ["man", "happy"],
        ("the man runs quickly", "s"): ["man", "runs", "quickly"],
        ("the man runs and bites the dog", "s"): ["man", "runs", "bites", "dog"],
        ("man in house", "n"): ["man", "in", "house"],
    }
    for (text, target), words in cases.items():
        p = parse(text, target)
        expected = sum(v[w] for w in words)
        got = meanings(add, [p])[0]
        np.testing.assert_allclose(got, expected, rtol=1e-12, err_msg=f"{text}: {p.word_classes}")


def test_multiply_is_the_product_of_every_content_word(v):
    got = meaning(Multiplicative(v), "the red man bites the dog")
    np.testing.assert_allclose(got, v["red"] * v["man"] * v["bites"] * v["dog"], rtol=1e-12)
    got = meaning(Multiplicative(v), "man that bites dog", "n")
    np.testing.assert_allclose(got, v["man"] * v["bites"] * v["dog"], rtol=1e-12)


def test_relative_pronouns_are_frobenius_copies(v, verbs):
    """Sadrzadeh, Clark & Coecke 2013: subject "h that V o" is h ⊙ (V o), object
    "h that s V" is h ⊙ (Vᵀ s), in Copy-Subject, Copy-Object and Categorical alike."""
    V, man, dog = verbs("bites", 2), v["man"], v["dog"]
    for model in (CopySubject, CopyObject, Categorical, FrobeniusAdditive):
        F = model(v, verbs=verbs)
        subject = meaning(F, "man that bites dog", "n")
        obj = meaning(F, "dog that man bites", "n")
        scale = 2.0 if model is FrobeniusAdditive else 1.0  # its two terms agree on an NP
        np.testing.assert_allclose(subject, scale * man * (V @ dog), rtol=1e-12)
        np.testing.assert_allclose(obj, scale * dog * (V.T @ man), rtol=1e-12)
    product = meaning(FrobeniusMultiplicative(v, verbs=verbs), "man that bites dog", "n")
    np.testing.assert_allclose(product, (man * (V @ dog)) ** 2, rtol=1e-12)
    outer = meaning(FrobeniusOuter(v, verbs=verbs), "man that bites dog", "n")
    np.testing.assert_allclose(outer, np.outer(man * (V @ dog), man * (V @ dog)), rtol=1e-12)


def test_adjectives_and_adverbs_sit_on_their_heads_spider(v, verbs):
    V = verbs("bites", 2)
    got = meaning(CopySubject(v, verbs=verbs), "the red man bites the dog")
    np.testing.assert_allclose(got, v["red"] * v["man"] * (V @ v["dog"]), rtol=1e-12)
    got = meaning(Categorical(v, verbs=verbs), "the man bites the red dog")
    np.testing.assert_allclose(got, V * np.outer(v["man"], v["red"] * v["dog"]), rtol=1e-12)
    got = meaning(CopySubject(v, verbs=verbs), "the man runs quickly")
    np.testing.assert_allclose(got, v["man"] * verbs("runs", 1) * v["quickly"], rtol=1e-12)
    got = meaning(VerbOnly(v), "the red man runs quickly")
    np.testing.assert_allclose(got, v["runs"], rtol=1e-12)


def test_coordination_is_the_frobenius_merge(v, verbs):
    got = meaning(CopySubject(v, verbs=verbs), "man and dog run")
    np.testing.assert_allclose(got, v["man"] * v["dog"] * verbs("run", 1), rtol=1e-12)
    runs = verbs("runs", 1)
    # verb phrases: the subject is copied into both (δ), the sentences merged (μ); spiders
    # fuse, so the subject appears once: s ⊙ R ⊙ (V o)
    got = meaning(CopySubject(v, verbs=verbs), "the man runs and bites the dog")
    expected = v["man"] * runs * (verbs("bites", 2) @ v["dog"])
    np.testing.assert_allclose(got, expected, rtol=1e-12)


def test_copula_joins_subject_and_complement(v, verbs):
    np.testing.assert_allclose(
        meaning(Multiplicative(v), "the man is a dog"), v["man"] * v["dog"], rtol=1e-12
    )
    np.testing.assert_allclose(
        meaning(Categorical(v, verbs=verbs), "the man is a dog"),
        np.outer(v["man"], v["dog"]),
        rtol=1e-12,
    )
    # a predicative adjective is an intransitive verb: s ⊙ A in Copy-Subject
    np.testing.assert_allclose(
        meaning(CopySubject(v, verbs=verbs), "the man is happy"),
        v["man"] * verbs("happy", 1),
        rtol=1e-12,
    )
    with pytest.raises(CompileError, match="Verb only has no meaning for the copula 'is'"):
        meaning(VerbOnly(v), "the man is a dog")


@pytest.mark.parametrize("model", [Additive, Multiplicative, VerbOnly, CopySubject])
def test_negation_is_an_error_in_every_model(v, verbs, model):
    F = model(v, verbs=verbs) if model is CopySubject else model(v)
    with pytest.raises(CompileError, match="no meaning for negation \\('not'\\)"):
        meaning(F, "the man does not run")
