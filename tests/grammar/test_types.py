"""Pregroup types: parsing, printing, adjoints, cancellation and conversion to DisCoPy."""

from __future__ import annotations

import pytest
from discopy.grammar.pregroup import Ty
from hypothesis import given
from hypothesis import strategies as st

from discojax.errors import GrammarError
from discojax.grammar import format_type, parse_type
from discojax.grammar._types import cancels, format_simple, from_discopy, to_discopy

n, s = Ty("n"), Ty("s")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("n", (("n", 0),)),
        ("n.r s n.l", (("n", 1), ("s", 0), ("n", -1))),
        ("n.l.l s.l", (("n", -2), ("s", -1))),
        ("  s.r.r   n ", (("s", 2), ("n", 0))),
    ],
)
def test_parse_type(text: str, expected: tuple) -> None:
    assert parse_type(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "empty type ''"),
        ("n.x", "malformed simple type 'n.x' in type 'n.x'"),
        ("n.l.r", "simple type 'n.l.r' mixes left and right adjoints"),
        ("n..l", "malformed simple type 'n..l'"),
        ("1n", "malformed simple type '1n'"),
    ],
)
def test_bad_type_strings(text: str, message: str) -> None:
    with pytest.raises(GrammarError, match="^" + message.replace(".", r"\.")):
        parse_type(text)


def test_unknown_basic_type() -> None:
    with pytest.raises(GrammarError) as info:
        parse_type("n.r p", basic=["n", "s"])
    assert str(info.value) == "unknown basic type 'p' in type 'n.r p' (known: n, s)"


def test_format_and_cancel() -> None:
    assert format_simple(("n", 3)) == "n.r.r.r"
    assert format_type((("n", 1), ("s", 0), ("n", -1))) == "n.r s n.l"
    assert cancels(("n", 0), ("n", 1)) and cancels(("n", -1), ("n", 0))
    assert cancels(("n", -2), ("n", -1))
    assert not cancels(("n", 1), ("n", 0)) and not cancels(("n", 0), ("s", 1))


def test_to_and_from_discopy() -> None:
    assert to_discopy(parse_type("n.r s n.l")) == n.r @ s @ n.l
    assert to_discopy(parse_type("n.l.l s.r.r")) == n.l.l @ s.r.r
    assert from_discopy(n.r @ s @ n.l.l) == (("n", 1), ("s", 0), ("n", -2))


simple_types = st.tuples(st.sampled_from(["n", "s", "p_1"]), st.integers(-3, 3))


@given(st.lists(simple_types, min_size=1, max_size=6))
def test_round_trips(simples: list) -> None:
    ty = tuple(simples)
    assert parse_type(format_type(ty)) == ty
    assert from_discopy(to_discopy(ty)) == ty


@given(simple_types)
def test_cancellation_matches_discopy_adjoints(simple: tuple) -> None:
    base, z = simple
    right = (base, z + 1)
    assert cancels(simple, right)
    assert to_discopy((simple,)).r == to_discopy((right,))
