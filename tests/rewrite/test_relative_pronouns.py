"""Relative pronouns as Frobenius spiders (Sadrzadeh, Clark and Coecke 2013)."""

from __future__ import annotations

import numpy as np
import pytest
from discopy.grammar.pregroup import Cap, Cup, Spider, Swap, Ty, Word

from discojax.grammar import parse
from discojax.rewrite import (
    RelativePronounRule,
    object_template,
    relative_pronouns_as_spiders,
    remove_cups,
    remove_determiners,
)

n, s = Ty("n"), Ty("s")


def test_templates_are_lambeqs() -> None:
    assert subject_expected() == RelativePronounRule().rewrite(Word("who", n.r @ n @ s.l @ n))
    loop = (Cap(n.l, n.l.l) >> Swap(n.l, n.l.l)) @ n >> n.l.l @ Cup(n.l, n)
    assert object_template(n, s) == (
        Cap(n.r, n) >> n.r @ Spider(1, 2, n) @ Spider(0, 1, s.l) >> n.r @ n @ loop @ s.l
    )
    assert object_template(n, s).cod == n.r @ n @ n.l.l @ s.l


def subject_expected():
    return Cap(n.r, n) >> n.r @ Spider(1, 2, n) >> n.r @ n @ Spider(0, 1, s.l) @ n


def test_exact_subject_rewrite() -> None:
    man, runs = Word("man", n), Word("runs", n.r @ s)
    d = parse("man who runs", target="n").to_diagram()
    expected = (
        man @ subject_expected() @ runs
        >> Cup(n, n.r) @ n @ s.l @ n @ n.r @ s
        >> n @ s.l @ Cup(n, n.r) @ s
        >> n @ Cup(s.l, s)
    )
    assert relative_pronouns_as_spiders(d) == expected
    assert remove_cups(relative_pronouns_as_spiders(d)) == (
        man >> Spider(1, 2, n) >> n @ Word("runs", s, dom=n) >> n @ Spider(1, 0, s)
    )


def test_rule_matches_by_class_and_type() -> None:
    subject, obj = RelativePronounRule(role="subject"), RelativePronounRule(role="object")
    who = Word("who", n.r @ n @ s.l @ n)
    that_object = Word("that", n.r @ n @ n.l.l @ s.l)
    assert subject.matches(who) and not obj.matches(who)
    assert obj.matches(that_object) and not subject.matches(that_object)
    assert not obj.matches(Word("who", n.r @ n @ n.l.l @ s.l))  # "who" is no object pronoun here
    with pytest.raises(ValueError, match="role must be"):
        RelativePronounRule(role="genitive")  # type: ignore[arg-type]


def test_subject_law(evaluator) -> None:
    """ "man who runs" = man ⊙ (runs with its sentence wire summed)."""
    ev = evaluator({"n": 2, "s": 3}, seed=3)
    d = relative_pronouns_as_spiders(parse("man who runs", target="n").to_diagram())
    man, runs = ev.tensor(Word("man", n)), ev.tensor(Word("runs", n.r @ s))
    np.testing.assert_allclose(ev.both(d), man * runs.sum(axis=1))


def test_subject_law_transitive(evaluator) -> None:
    ev = evaluator({"n": 2, "s": 3}, seed=4)
    d = relative_pronouns_as_spiders(parse("man who cooks dinner", target="n").to_diagram())
    man, dinner = ev.tensor(Word("man", n)), ev.tensor(Word("dinner", n))
    cooks = ev.tensor(Word("cooks", n.r @ s @ n.l))
    np.testing.assert_allclose(ev.both(d), man * np.einsum("isj,j->i", cooks, dinner))


def test_object_law(evaluator) -> None:
    """ "dinner that man cooks" = dinner ⊙ (cooks with its subject man and sentence summed)."""
    ev = evaluator({"n": 2, "s": 3}, seed=5)
    d = relative_pronouns_as_spiders(parse("dinner that man cooks", target="n").to_diagram())
    man, dinner = ev.tensor(Word("man", n)), ev.tensor(Word("dinner", n))
    cooks = ev.tensor(Word("cooks", n.r @ s @ n.l))
    expected = dinner * np.einsum("j,jsi->i", man, cooks)
    np.testing.assert_allclose(ev.both(d), expected)
    cupless = remove_cups(d)
    assert cupless == (
        Word("dinner", n)
        >> Spider(1, 2, n)
        >> n @ Word("man", n) @ n
        >> n @ Word("cooks", s, dom=n @ n)
        >> n @ Spider(1, 0, s)
    )
    ev.tensors[Word("cooks", s, dom=n @ n)] = cooks.transpose(0, 2, 1)
    np.testing.assert_allclose(ev.both(cupless), expected)


@pytest.mark.parametrize(
    "text",
    [
        "the man who cooks the dinner runs",
        "the man that Alice loves runs",
        "Alice loves chef who prepares sauce that man cooks",
    ],
)
def test_sentences_compile_and_match_discopy(text: str, evaluator) -> None:
    d = relative_pronouns_as_spiders(remove_determiners(parse(text).to_diagram()))
    rules = RelativePronounRule(role="subject"), RelativePronounRule(role="object")
    assert not any(rule.matches(box) for box in d.boxes for rule in rules)
    ev = evaluator({"n": 2, "s": 2}, seed=6)
    value = ev.both(d)
    cupless = remove_cups(d)
    assert not any(isinstance(b, Cup) for b in cupless.boxes)
    ev.curry_tensors(d)
    np.testing.assert_allclose(ev.both(cupless), value)
