"""Currying and cup removal."""

from __future__ import annotations

import numpy as np
import pytest
from discopy.grammar.pregroup import Cap, Cup, Spider, Ty, Word
from hypothesis import given, settings
from hypothesis import strategies as st

from discojax.grammar import Parser, generate, load_lexicon, parse
from discojax.rewrite import (
    CurryRule,
    curry,
    normal_form,
    relative_pronouns_as_spiders,
    remove_cups,
    remove_determiners,
)

n, s = Ty("n"), Ty("s")

COSTS = Parser(load_lexicon("english"), scoring="costs")


def test_curry_rule_exact() -> None:
    rule = CurryRule()
    assert rule.rewrite(Word("runs", n.r @ s)) == Cap(n.r, n) >> n.r @ Word("runs", s, dom=n)
    assert rule.rewrite(Word("tasty", n @ n.l)) == Cap(n, n.l) >> Word("tasty", n, dom=n) @ n.l
    loves = Word("loves", s, dom=n @ n)
    assert rule.rewrite(Word("loves", n.r @ s @ n.l)) == (
        Cap(n, n.l) >> Cap(n.r, n) @ n @ n.l >> n.r @ loves @ n.l
    )
    gives = rule.rewrite(Word("gives", n.r @ s @ n.l @ n.l))
    assert [b for b in gives.boxes if isinstance(b, Word)] == [Word("gives", s, dom=n @ n @ n)]
    assert gives.cod == n.r @ s @ n.l @ n.l
    assert not rule.matches(Word("man", n))
    assert not rule.matches(Cup(n, n.r)) and not rule.matches(Cap(n.r, n))
    assert not rule.matches(Word("f", Ty()))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Alice loves Bob",
            Word("alice", n) @ Word("bob", n) >> Word("loves", s, dom=n @ n),
        ),
        (
            "skillful man prepares sauce",
            (Word("man", n) >> Word("skillful", n, dom=n)) @ Word("sauce", n)
            >> Word("prepares", s, dom=n @ n),
        ),
        (
            "Alice gives Bob money",  # gives.n.l n.l: the inner n.l (Bob) is the first input
            Word("alice", n) @ Word("bob", n) @ Word("money", n) >> Word("gives", s, dom=n @ n @ n),
        ),
        (
            "man runs quickly",
            Word("man", n) >> Word("runs", s, dom=n) >> Word("quickly", s, dom=s),
        ),
        (
            "Alice sees man in house",  # by the costs alone: "in house" modifies the seeing
            (Word("alice", n) @ Word("man", n) >> Word("sees", s, dom=n @ n)) @ Word("house", n)
            >> Word("in", s, dom=s @ n),
        ),
    ],
)
def test_remove_cups_exact(text: str, expected, evaluator) -> None:
    d = COSTS.parse(text, "s|q").to_diagram()  # the grammar's costs: the attachment as written
    result = remove_cups(d)
    assert result == expected
    ev = evaluator({"n": 2, "s": 3}, seed=8)
    original = ev.both(d)
    ev.curry_tensors(d)
    np.testing.assert_allclose(ev.both(result), original)
    np.testing.assert_allclose(ev.both(curry(d)), original)


def test_remove_cups_with_spiders() -> None:
    d = relative_pronouns_as_spiders(
        remove_determiners(parse("the man who cooks dinner runs").to_diagram())
    )
    assert remove_cups(d) == (
        Word("man", n)
        >> Spider(1, 2, n)
        >> n @ n @ Word("dinner", n)
        >> n @ Word("cooks", s, dom=n @ n)
        >> n @ Spider(1, 0, s)
        >> Word("runs", s, dom=n)
    )


def test_cups_that_currying_cannot_remove_stay(evaluator) -> None:
    d = parse("Alice can run").to_diagram()  # the auxiliary's s.l meets the verb's s
    result = remove_cups(d)
    assert result == normal_form(curry(d))
    assert [type(b).__name__ for b in result.boxes] == ["Word", "Word", "Word", "Cup"]
    ev = evaluator({"n": 2, "s": 2}, seed=9)
    original = ev.both(d)
    ev.curry_tensors(d)
    np.testing.assert_allclose(ev.both(result), original)


def test_remove_cups_is_idempotent_on_its_results() -> None:
    result = remove_cups(parse("skillful man prepares sauce").to_diagram())
    assert remove_cups(result) == result


@settings(max_examples=40, deadline=None)
@given(st.integers(2, 7), st.integers(0, 10_000))
def test_generated_sentences_lose_every_cup(length: int, seed: int) -> None:
    from conftest import Evaluator

    (sentence,) = generate(1, length=length, seed=seed)
    d = parse(sentence).to_diagram()
    rewritten = relative_pronouns_as_spiders(remove_determiners(d))
    result = remove_cups(rewritten)
    has_auxiliary = "auxiliary" in parse(sentence).word_classes
    assert has_auxiliary or not any(isinstance(b, Cup) for b in result.boxes)
    ev = Evaluator({"n": 2, "s": 2}, seed=seed)
    value = ev.network(rewritten)
    ev.curry_tensors(rewritten)
    np.testing.assert_allclose(ev.both(result, jit=False), value)
