"""Pregroup grammar: lexicons, tokenisation, the chart parser and the parses it returns.

>>> p = parse("skillful man prepares sauce")
>>> p.word_classes
('adjective', 'noun', 'transitive_verb', 'noun')
>>> print(p.to_diagram().cod)
s
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

from discojax.grammar._classes import FormsSettings as FormsSettings
from discojax.grammar._classes import LexicalEntry as LexicalEntry
from discojax.grammar._classes import WordClass as WordClass
from discojax.grammar._dependencies import ROOT as ROOT
from discojax.grammar._dependencies import dependency_heads as dependency_heads
from discojax.grammar._lexicon import Lexicon as Lexicon
from discojax.grammar._lexicon import load_lexicon as load_lexicon
from discojax.grammar._parse import Parse as Parse
from discojax.grammar._parser import MAX_WORDS as MAX_WORDS
from discojax.grammar._parser import Parser as Parser
from discojax.grammar._tokenize import tokenize as tokenize
from discojax.grammar._types import SimpleType as SimpleType
from discojax.grammar._types import Type as Type
from discojax.grammar._types import format_type as format_type
from discojax.grammar._types import parse_type as parse_type
from discojax.grammar._word_entries import UnknownWords as UnknownWords


@cache
def default_parser() -> Parser:
    """The parser for the bundled English grammar (loaded once).

    >>> default_parser().lexicon.name
    'english'
    """
    return Parser(load_lexicon("english"))


def parse(
    text: str | Sequence[str],
    target: str | None = None,
    lexicon: Lexicon | None = None,
    unknown_words: UnknownWords = "error",
) -> Parse:
    """Parse ``text`` to ``target`` with ``lexicon`` (the bundled English grammar by default).

    The default target is a sentence or a question, ``"s|q"`` (``"s"`` for a lexicon without
    the basic type ``q``); ``unknown_words="guess"`` reads words the grammar lacks by their
    shape (see :class:`Parser`).

    >>> parse("tasty meal", target="n").word_classes
    ('adjective', 'noun')
    >>> parse("Who loves Mary?").target
    (('q', 0),)
    """
    chosen = default_parser().lexicon if lexicon is None else lexicon
    if target is None:
        target = "s|q" if "q" in chosen.basic_types else "s"
    if lexicon is None and unknown_words == "error":
        return default_parser().parse(text, target)
    return Parser(chosen, unknown_words=unknown_words).parse(text, target)


from discojax.grammar._generate import SentenceGenerator as SentenceGenerator  # noqa: E402
from discojax.grammar._generate import generate as generate  # noqa: E402
