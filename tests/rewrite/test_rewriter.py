"""The rule protocol, the rewriter (a functor) and rules by name."""

from __future__ import annotations

import pytest
from discopy.grammar.pregroup import Cap, Cup, Ty, Word

from discojax.grammar import parse
from discojax.rewrite import (
    RULES,
    AdjectiveRule,
    CurryRule,
    DeterminerRule,
    RelativePronounRule,
    Rewriter,
    Rule,
    apply_rule,
    normal_form,
    rewrite,
    rules,
)

n, s = Ty("n"), Ty("s")


class Rename:
    def __init__(self, old: str, new: str):
        self.old, self.new = old, new

    def matches(self, box: Word) -> bool:
        return box.name == self.old

    def rewrite(self, box: Word) -> Word:
        return Word(self.new, box.cod)


def test_rules_follow_the_protocol() -> None:
    for rule in (DeterminerRule(), AdjectiveRule(), RelativePronounRule(), CurryRule()):
        assert isinstance(rule, Rule)
    assert isinstance(Rename("a", "b"), Rule)


def test_first_matching_rule_wins() -> None:
    d = parse("man runs").to_diagram()
    rewriter = Rewriter((Rename("man", "woman"), Rename("man", "boy"), Rename("runs", "sleeps")))
    assert rewriter(d) == parse("woman sleeps").to_diagram()
    assert apply_rule(Rename("x", "y"), Word("man", n)) is None
    assert Rewriter(())(d) == d


def test_rewriter_is_a_functor() -> None:
    rewriter = Rewriter((DeterminerRule(), Rename("man", "woman")))
    the, man, runs = Word("the", n @ n.l), Word("man", n), Word("runs", n.r @ s)
    first = the @ man @ runs
    then = n @ Cup(n.l, n) @ n.r @ s >> Cup(n, n.r) @ s
    assert rewriter(first >> then) == rewriter(first) >> rewriter(then)
    assert rewriter(the @ man) == rewriter(the) @ rewriter(man)
    assert rewriter(first.id(n)) == first.id(n)
    assert rewriter(the) == Cap(n, n.l)


def test_rules_by_name() -> None:
    assert list(RULES) == [
        "determiner",
        "auxiliary",
        "adjective",
        "intersective_adjective",
        "subject_relative_pronoun",
        "object_relative_pronoun",
        "curry",
    ]
    determiner, auxiliary = rules("determiner", "auxiliary")
    assert isinstance(determiner, DeterminerRule) and determiner.word_class == "determiner"
    assert isinstance(auxiliary, DeterminerRule) and auxiliary.word_class == "auxiliary"
    with pytest.raises(ValueError, match="no rewrite rule called 'nope'"):
        rules("determiner", "nope")


def test_rewrite_by_names_ends_in_normal_form() -> None:
    d = parse("the man can run").to_diagram()
    assert rewrite(d, "determiner", "auxiliary") == normal_form(parse("man run").to_diagram())
    assert rewrite(d) == normal_form(d)
