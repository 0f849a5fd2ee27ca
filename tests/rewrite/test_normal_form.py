"""Normal form: snake removal, words in one row."""

from __future__ import annotations

import numpy as np
from discopy.grammar.pregroup import Cap, Cup, Id, Spider, Ty, Word
from hypothesis import given, settings
from hypothesis import strategies as st

from discojax.compile import network_from_diagram, network_from_parse
from discojax.grammar import default_parser, generate, parse
from discojax.rewrite import normal_form, relative_pronouns_as_spiders, remove_determiners

n, s = Ty("n"), Ty("s")


def test_snake_equations() -> None:
    assert normal_form(Cap(n, n.l) @ n >> n @ Cup(n.l, n)) == Id(n)
    assert normal_form(n @ Cap(n.r, n) >> Cup(n, n.r) @ n) == Id(n)
    man = Word("man", n)
    assert normal_form(Cap(n, n.l) @ man >> n @ Cup(n.l, n)) == man


def test_words_in_one_row_then_cups() -> None:
    man, runs = Word("man", n), Word("runs", n.r @ s)
    shuffled = runs >> Word("man", n) @ n.r @ s >> Cup(n, n.r) @ s  # man drawn below runs
    assert normal_form(shuffled) == man @ runs >> Cup(n, n.r) @ s


def test_determiners_give_the_parse_without_them() -> None:
    d = remove_determiners(parse("every chef cooks some tasty dinner").to_diagram())
    assert normal_form(d) == parse("chef cooks tasty dinner").to_diagram()


def test_spiders_keep_their_words_in_order(evaluator) -> None:
    d = relative_pronouns_as_spiders(parse("man who runs", target="n").to_diagram())
    result = normal_form(d)
    assert [b.name for b in result.boxes if isinstance(b, Word)] == ["man", "runs"]
    assert result.boxes[:2] == [Word("man", n), Word("runs", n.r @ s)]
    assert sum(isinstance(b, Spider) for b in result.boxes) == 2
    assert not any(isinstance(b, Cap) for b in result.boxes)
    ev = evaluator({"n": 2, "s": 3})
    np.testing.assert_allclose(ev.both(result), ev.both(d))
    assert normal_form(result) == result


@settings(max_examples=30, deadline=None)
@given(st.integers(2, 9), st.integers(0, 10_000))
def test_parses_are_normal_forms(length: int, seed: int) -> None:
    (sentence,) = generate(1, length=length, seed=seed)
    p = parse(sentence)
    d = p.to_diagram()
    assert normal_form(d) == d
    # the same reading without determiners: the cheapest parse of the other words' entries,
    # each word held to its entry (not always the cheapest parse of those words: without the
    # determiners the tagger may prefer other readings, and which it prefers moves with each
    # retraining)
    kept = [(e,) for e in p.entries if e.word_class != "determiner"]
    found = default_parser()._cheapest(kept, [p.target], 1)
    if not found:
        # only a noun-phrase adverb ("notices enough evening": n n.r s.r s) needs the word before
        # it to take its n: without its determiner that reading has no parse to compare with
        assert any(e.word_class == "noun_phrase_adverb" for (e,) in kept)
        return
    [same] = found
    assert network_from_diagram(normal_form(remove_determiners(d))) == network_from_parse(same)
