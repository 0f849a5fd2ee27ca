"""Determiners and auxiliaries as caps."""

from __future__ import annotations

import numpy as np
import pytest
from discopy.grammar.pregroup import Cap, Cup, Ty, Word

from discojax.grammar import Lexicon, default_parser, parse
from discojax.rewrite import DeterminerRule, normal_form, remove_auxiliaries, remove_determiners

n, s = Ty("n"), Ty("s")


def test_exact_rewrite() -> None:
    man, runs = Word("man", n), Word("runs", n.r @ s)
    expected = Cap(n, n.l) @ man @ runs >> n @ Cup(n.l, n) @ n.r @ s >> Cup(n, n.r) @ s
    assert remove_determiners(parse("the man runs").to_diagram()) == expected
    assert normal_form(expected) == man @ runs >> Cup(n, n.r) @ s


def test_matches_only_determiners_of_the_class_type() -> None:
    rule = DeterminerRule()
    assert rule.matches(Word("The", n @ n.l)) and rule.matches(Word("every", n @ n.l))
    assert not rule.matches(Word("tasty", n @ n.l))  # an adjective
    assert not rule.matches(Word("the", n))  # the wrong type
    assert not rule.matches(Cap(n, n.l))


@pytest.mark.parametrize(
    ("text", "without"),
    [
        ("the man prepares the sauce", "man prepares sauce"),
        ("every skillful chef cooks some tasty dinner", "skillful chef cooks tasty dinner"),
        ("the dog that the man loves runs", "dog that man loves runs"),
    ],
)
def test_determiners_vanish(text: str, without: str, evaluator) -> None:
    original = parse(text)
    classes = tuple(c for c in original.word_classes if c != "determiner")
    # the same reading without determiners (not always the cheapest parse of those words)
    same = next(
        p for p in default_parser().parse_all(without, limit=500) if p.word_classes == classes
    )
    d, expected = original.to_diagram(), same.to_diagram()
    rewritten = remove_determiners(d)
    assert normal_form(rewritten) == normal_form(expected)
    ev = evaluator({"n": 2, "s": 3})
    value = ev.both(rewritten)  # the rewrite compiles, and equals DisCoPy's evaluation
    # ... and it is the original sentence with every determiner read as the identity
    for box in d.boxes:
        if DeterminerRule().matches(box):
            ev.tensors[box] = np.eye(2)
    np.testing.assert_allclose(ev.discopy(d), value)
    np.testing.assert_allclose(ev.both(expected), value)


def test_auxiliaries(evaluator) -> None:
    d = parse("Alice can run").to_diagram()
    rewritten = remove_auxiliaries(d)
    assert normal_form(rewritten) == normal_form(parse("Alice run").to_diagram())
    ev = evaluator({"n": 2, "s": 2})
    value = ev.both(rewritten)
    ev.tensors[d.boxes[1]] = np.einsum("ad,bc->abcd", np.eye(2), np.eye(2))  # n.r s s.l n
    np.testing.assert_allclose(ev.discopy(d), value)


def test_class_must_have_the_right_shape() -> None:
    with pytest.raises(ValueError, match=r"class 'noun' has type n, not of the form x x\.l"):
        DeterminerRule(word_class="noun")
    with pytest.raises(KeyError, match="no word class 'article'"):
        DeterminerRule(word_class="article")


def test_own_lexicon() -> None:
    lexicon = Lexicon.from_dict(
        {
            "grammar": {"basic_types": ["n", "s"]},
            "classes": {
                "noun": {"type": "n", "words": ["cat"]},
                "determiner": {"type": "n n.l", "words": ["le"]},
                "intransitive_verb": {"type": "n.r s", "words": ["dort"]},
            },
        }
    )
    d = parse("le cat dort", lexicon=lexicon).to_diagram()
    assert (
        normal_form(remove_determiners(d, lexicon))
        == parse("cat dort", lexicon=lexicon).to_diagram()
    )
    assert remove_determiners(d) == d  # "le" is no English determiner
