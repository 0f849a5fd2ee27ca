from __future__ import annotations

import pytest
from discopy.grammar.pregroup import Cap, Cup, Id, Spider, Swap, Ty, Word
from hypothesis import given

from discojax.compile import network_from_diagram, network_from_parse
from discojax.errors import CompileError
from discojax.grammar import parse
from tests.conftest import sentences

n, s = Ty("n"), Ty("s")


def test_transitive_sentence_has_exact_slots() -> None:
    net = network_from_parse(parse("skillful man prepares sauce"))
    assert net.words == ("skillful", "man", "prepares", "sauce")
    # skillful: n n.l; man: n; prepares: n.r s n.l; sauce: n
    assert net.slots == ((0, 1), (1,), (0, 2, 3), (3,))
    assert net.output == (2,)
    assert net.label_types == ("n", "n", "s", "n")


@given(sentences())
def test_parse_and_diagram_give_the_same_network(text: str) -> None:
    p = parse(text)
    assert network_from_parse(p) == network_from_diagram(p.to_diagram())


def test_equal_shapes_share_a_signature_and_different_shapes_do_not() -> None:
    a = network_from_parse(parse("man prepares sauce"))
    b = network_from_parse(parse("woman cooks dinner"))
    c = network_from_parse(parse("tasty sauce runs"))
    assert a.signature == b.signature
    assert a.signature != c.signature


def test_spider_joins_all_its_legs() -> None:
    d = Word("a", n) @ Word("b", n) >> Spider(2, 1, n)
    net = network_from_diagram(d)
    assert net.slots == ((0,), (0,))
    assert net.output == (0,)


def test_swap_permutes_outputs() -> None:
    d = Word("a", n) @ Word("b", s) >> Swap(n, s)
    net = network_from_diagram(d)
    assert net.slots == ((0,), (1,))
    assert net.output == (1, 0)


def test_cap_then_cup_is_a_snake() -> None:
    d = Word("a", n) @ Cap(n.r, n) >> Cup(n, n.r) @ Id(n)
    net = network_from_diagram(d)
    assert net.slots == ((0,),)
    assert net.output == (0,)


def test_box_with_a_domain_reads_inputs_then_outputs() -> None:
    adjective = Word("tasty", n, dom=n)
    d = Word("sauce", n) >> adjective
    net = network_from_diagram(d)
    assert net.slots == ((0,), (0, 1))
    assert net.types[1] == (("n", 1), ("n", 0))


def test_open_inputs_and_daggers_are_named_errors() -> None:
    with pytest.raises(CompileError, match="open inputs"):
        network_from_diagram(Id(n))
    with pytest.raises(CompileError, match="cannot compile"):
        network_from_diagram(Word("a", n).dagger().dagger().dagger())
