"""The corpus generator: seeded, exact lengths and patterns, every sentence parses."""

from __future__ import annotations

import time

import pytest

from discojax.errors import GrammarError, ParseError
from discojax.grammar import (
    Lexicon,
    Parser,
    SentenceGenerator,
    default_parser,
    generate,
    parse,
)
from discojax.grammar._generate import ENGLISH_PRODUCTIONS, Production

S, N = (("s", 0),), (("n", 0),)


def test_seeded() -> None:
    first = generate(20, length=8, seed=4)
    assert generate(20, length=8, seed=4) == first
    assert generate(20, length=8, seed=5) != first
    assert len(set(first)) == 20


@pytest.mark.parametrize("length", [2, 3, 4, 5, 6, 7, 8, 10, 12, 15])
def test_every_sentence_has_its_length_and_parses(length: int) -> None:
    parser = default_parser()
    for sentence in generate(40, length=length, seed=length):
        assert len(sentence.split()) == length
        assert parser.parse(sentence).target == S


@pytest.mark.parametrize("length", [20, 40])
def test_long_sentences_parse(length: int) -> None:
    for sentence in generate(5, length=length, seed=1):
        assert len(sentence.split()) == length
        assert parse(sentence).target == S


@pytest.mark.parametrize("length", [1, 2, 3, 5, 9])
def test_noun_phrases(length: int) -> None:
    for phrase in generate(30, length=length, target="n", seed=2):
        assert len(phrase.split()) == length
        assert parse(phrase, target="n").target == N


def test_grammar_covers_its_constructions() -> None:
    sentences = generate(400, length=9, seed=0)
    classes = {c for s in sentences for c in parse(s).word_classes}
    assert {
        "noun",
        "adjective",
        "determiner",
        "intransitive_verb",
        "transitive_verb",
        "noun_preposition",
    } <= classes
    assert classes & {"subject_relative_pronoun", "object_relative_pronoun"}


def test_patterns() -> None:
    pattern = ("adjective", "noun", "transitive_verb", "noun")
    lexicon = default_parser().lexicon
    sentences = generate(50, pattern=pattern, seed=3)
    assert generate(50, pattern=pattern, seed=3) == sentences
    for sentence in sentences:
        words = sentence.split()
        assert all(w in lexicon.word_class(c).words for w, c in zip(words, pattern, strict=True))
        assert parse(sentence).target == S
    phrase = generate(
        5,
        pattern=("noun", "object_relative_pronoun", "noun", "transitive_verb"),
        target="n",
        seed=0,
    )
    assert all(parse(p, target="n").target == N for p in phrase)


def test_bad_requests() -> None:
    with pytest.raises(ParseError, match="pattern noun noun \\(n · n\\) does not reduce to s"):
        generate(1, pattern=("noun", "noun"))
    with pytest.raises(GrammarError, match="no word class 'verb'"):
        generate(1, pattern=("noun", "verb"))
    with pytest.raises(ValueError, match="exactly one of"):
        generate(1)
    with pytest.raises(ValueError, match="exactly one of"):
        generate(1, length=3, pattern=("noun", "intransitive_verb"))
    with pytest.raises(ValueError, match="no 's' phrase of 1 words"):
        generate(1, length=1)
    with pytest.raises(GrammarError, match=r"no symbol of type 'n\.r'"):
        generate(1, length=3, target="n.r")


def test_productions_are_checked() -> None:
    bad = Production("NP", ("noun", "noun"))  # n n does not reduce to n
    generator = SentenceGenerator(productions=(*ENGLISH_PRODUCTIONS, bad))
    assert bad not in generator.productions
    assert len(generator.productions) == len(ENGLISH_PRODUCTIONS)


def test_a_small_lexicon_keeps_the_productions_it_can() -> None:
    lexicon = Lexicon.from_dict(
        {
            "grammar": {"basic_types": ["n", "s"]},
            "classes": {
                "noun": {"type": "n", "words": ["dogs", "cats"]},
                "adjective": {"type": "n n.l", "words": ["big"]},
                "transitive_verb": {"type": "n.r s n.l", "words": ["chase"]},
            },
        }
    )
    generator = SentenceGenerator(lexicon)
    assert {p.lhs for p in generator.productions} == {"S", "VP", "NP", "NOM"}
    assert generator.min_length() == 3
    parser = Parser(lexicon)
    for sentence in generator.sample(20, length=6, seed=0):
        assert parser.parse(sentence).target == S
        assert set(sentence.split()) <= {"dogs", "cats", "big", "chase"}


def test_fast() -> None:
    start = time.perf_counter()
    sentences = generate(100_000, length=10, seed=0)
    elapsed = time.perf_counter() - start
    assert len(sentences) == 100_000
    assert elapsed < 10.0, f"{elapsed:.1f} s for 100,000 sentences"
