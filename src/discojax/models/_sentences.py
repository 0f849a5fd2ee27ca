"""Sentences in any form (text, parses, DisCoPy or lambeq diagrams) as compiler networks.

>>> from discojax.grammar import default_parser
>>> to_network("Alice runs", default_parser()).words
('alice', 'runs')
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from functools import lru_cache
from typing import TYPE_CHECKING, Any, TypeAlias

from discojax.compile._network import Network, network_from_diagram, network_from_parse
from discojax.compile._vocabulary import UnknownPolicy, Vocabulary
from discojax.errors import CompileError
from discojax.grammar import Lexicon, Parse, Parser, default_parser

if TYPE_CHECKING:
    from discopy.grammar import pregroup

Sentence: TypeAlias = "str | Parse | pregroup.Diagram | Network"


def to_network(item: Any, parser: Parser, target: str = "s") -> Network:
    """Lower text, a parse, a DisCoPy diagram or a lambeq diagram to a network.

    >>> from discojax.grammar import default_parser
    >>> to_network("Alice runs", default_parser()).words
    ('alice', 'runs')
    """
    if isinstance(item, Network):
        return item
    if isinstance(item, str):
        return _text_network(parser, item, target)
    if isinstance(item, Parse):
        return network_from_parse(item)
    pregroup = sys.modules.get("discopy.grammar.pregroup")  # loaded if item is a DisCoPy diagram
    if pregroup is not None and isinstance(item, pregroup.Diagram):
        return network_from_diagram(item)
    if type(item).__module__.startswith("lambeq"):
        from lambeq.backend.converters.discopy import to_discopy  # type: ignore[import-not-found]

        return network_from_diagram(to_discopy(item))
    raise CompileError(f"cannot compile an object of type {type(item).__name__}")


@lru_cache(maxsize=2**16)
def _text_network(parser: Parser, text: str, target: str) -> Network:
    """Parse and lower one text, remembered: a model's vocabulary and its batches parse the
    same sentences (``from_data`` then ``prepare``), so the second time costs nothing."""
    return network_from_parse(parser.parse(text, target))


def vocabulary_of(
    items: Iterable[Sentence], lexicon: Lexicon | None, target: str, unknown: UnknownPolicy
) -> tuple[Vocabulary, Parser]:
    """Parse ``items`` with ``lexicon`` (the bundled English by default); their vocabulary.

    >>> vocabulary, parser = vocabulary_of(["man runs"], None, "s", "error")
    >>> vocabulary.rows("n"), parser.lexicon.name
    (('man',), 'english')
    """
    parser = default_parser() if lexicon is None else Parser(lexicon)
    networks = [to_network(item, parser, target) for item in items]
    return Vocabulary.from_networks(networks, unknown), parser
