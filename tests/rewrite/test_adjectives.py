"""Adjectives as noun modifiers: maps ``n -> n``, or vectors merged by a spider."""

from __future__ import annotations

import numpy as np
import pytest
from discopy.grammar.pregroup import Cap, Cup, Spider, Ty, Word

from discojax.grammar import parse
from discojax.rewrite import AdjectiveRule, adjectives_as_modifiers, normal_form, remove_cups

n, s = Ty("n"), Ty("s")


def test_exact_rewrites() -> None:
    tasty_map, tasty_vector = Word("tasty", n, dom=n), Word("tasty", n)
    meal = Word("meal", n)
    d = parse("tasty meal", target="n").to_diagram()
    assert adjectives_as_modifiers(d) == (
        (Cap(n, n.l) >> tasty_map @ n.l) @ meal >> n @ Cup(n.l, n)
    )
    assert normal_form(adjectives_as_modifiers(d)) == meal >> tasty_map
    assert adjectives_as_modifiers(d, mode="intersective") == (
        (tasty_vector @ Cap(n, n.l) >> Spider(2, 1, n) @ n.l) @ meal >> n @ Cup(n.l, n)
    )
    assert normal_form(adjectives_as_modifiers(d, mode="intersective")) == (
        tasty_vector @ meal >> Spider(2, 1, n)
    )


def test_rule() -> None:
    rule = AdjectiveRule()
    assert rule.matches(Word("tasty", n @ n.l))
    assert not rule.matches(Word("the", n @ n.l))  # a determiner
    assert not rule.matches(Word("tasty", n))
    with pytest.raises(ValueError, match="adjective mode must be"):
        AdjectiveRule(mode="fuzzy")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="class 'transitive_verb' has type"):
        AdjectiveRule(word_class="transitive_verb")


@pytest.mark.parametrize(
    "text", ["skillful man prepares sauce", "skillful tall man prepares tasty sauce"]
)
def test_map_reading_is_the_transposed_adjective(text: str, evaluator) -> None:
    d = parse(text).to_diagram()
    rewritten = adjectives_as_modifiers(d)
    ev = evaluator({"n": 2, "s": 3}, seed=1)
    original = ev.discopy(d)
    for box in d.boxes:
        if AdjectiveRule().matches(box):
            ev.tensors[Word(box.name, n, dom=n)] = ev.tensor(box).T
    np.testing.assert_allclose(ev.both(rewritten), original)
    np.testing.assert_allclose(ev.both(normal_form(rewritten)), original)
    ev.curry_tensors(rewritten)
    np.testing.assert_allclose(ev.both(remove_cups(rewritten)), original)


def test_intersective_reading_multiplies_vectors(evaluator) -> None:
    d = parse("skillful tall man", target="n").to_diagram()
    ev = evaluator({"n": 3, "s": 2}, seed=2)
    rewritten = adjectives_as_modifiers(d, mode="intersective")
    skillful, tall, man = (ev.tensor(Word(w, n)) for w in ("skillful", "tall", "man"))
    np.testing.assert_allclose(ev.both(rewritten), skillful * tall * man)
    np.testing.assert_allclose(ev.both(remove_cups(rewritten)), skillful * tall * man)
