"""Lexicons: which pregroup types each word may have, read from TOML files.

A grammar file has a ``[grammar]`` table naming its basic types, and one ``[classes.NAME]``
table per word class, giving the class's type and its words. Classes are listed in order of
preference: when a word is in several classes, the parser prefers the earlier one. See
``docs/grammar.md`` for the whole format.

>>> lexicon = Lexicon.from_dict({
...     "grammar": {"basic_types": ["n", "s"]},
...     "classes": {
...         "noun": {"type": "n", "words": ["alice", "bob"]},
...         "transitive_verb": {"type": "n.r s n.l", "words": ["loves"]},
...     },
... })
>>> [e.word_class for e in lexicon.entries("loves")]
['transitive_verb']
>>> lexicon.entries("Alice")[0].type
(('n', 0),)
"""

from __future__ import annotations

import difflib
import re
import tomllib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from discojax.errors import GrammarError, UnknownWordError, line_of
from discojax.grammar._types import Type, format_type, parse_type


@dataclass(frozen=True)
class LexicalEntry:
    """One way a word can be read: its class and its pregroup type.

    >>> LexicalEntry("man", "noun", (("n", 0),))
    LexicalEntry(word='man', word_class='noun', type=(('n', 0),))
    """

    word: str
    word_class: str
    type: Type


@dataclass(frozen=True)
class WordClass:
    """A named class of words sharing one pregroup type.

    >>> WordClass("noun", (("n", 0),), ("man",)).type_string
    'n'
    """

    name: str
    type: Type
    words: tuple[str, ...]
    description: str = ""

    @property
    def type_string(self) -> str:
        """The class's type written as text.

        >>> WordClass("adverb", (("s", 1), ("s", 0)), ()).type_string
        's.r s'
        """
        return format_type(self.type)


@dataclass(frozen=True)
class Lexicon:
    """A pregroup lexicon: basic types, word classes, and every word's entries.

    Build one with :func:`load_lexicon` (a file or a bundled grammar's name) or
    :meth:`Lexicon.from_dict`.

    >>> lexicon = load_lexicon("english")
    >>> "n" in lexicon.basic_types and "s" in lexicon.basic_types
    True
    """

    basic_types: tuple[str, ...]
    classes: tuple[WordClass, ...]
    name: str = "lexicon"
    source: str | None = None
    _entries: Mapping[str, tuple[LexicalEntry, ...]] = field(default_factory=dict, repr=False)

    @classmethod
    def from_dict(
        cls, data: Mapping[str, Any], source: str | None = None, text: str | None = None
    ) -> Lexicon:
        """Build a lexicon from the parsed contents of a grammar file.

        Args:
            data: the TOML document as a mapping.
            source: the file name, for error messages.
            text: the file's text, used to report the line of an error.

        Raises:
            GrammarError: on a missing table or key, a malformed type, an unknown basic type or
                a word that is not a non-empty string.

        >>> Lexicon.from_dict({"grammar": {"basic_types": ["n"]},
        ...                    "classes": {"noun": {"type": "n x", "words": ["a"]}}})
        Traceback (most recent call last):
        ...
        discojax.errors.GrammarError: class 'noun': unknown basic type 'x' in type 'n x' (known: n)
        """

        def fail(message: str, needle: str | None = None) -> GrammarError:
            return GrammarError(message, source, line_of(text, needle))

        grammar = data.get("grammar")
        if not isinstance(grammar, Mapping):
            raise fail("missing [grammar] table")
        basic = grammar.get("basic_types")
        if not isinstance(basic, list) or not basic or not all(isinstance(b, str) for b in basic):
            raise fail("[grammar] basic_types must be a non-empty list of strings", "basic_types")
        classes_data = data.get("classes")
        if not isinstance(classes_data, Mapping) or not classes_data:
            raise fail("missing [classes.NAME] tables")
        classes: list[WordClass] = []
        entries: dict[str, list[LexicalEntry]] = {}
        for name, table in classes_data.items():
            header = f"[classes.{name}]"
            if not isinstance(table, Mapping):
                raise fail(f"class {name!r} must be a table", header)
            type_text = table.get("type")
            if not isinstance(type_text, str):
                raise fail(f'class {name!r} needs a type string, as type = "n.r s"', header)
            try:
                ty = parse_type(type_text, basic)
            except GrammarError as err:
                raise fail(f"class {name!r}: {err.message}", f'"{type_text}"') from None
            words = table.get("words")
            if not isinstance(words, list):
                raise fail(f"class {name!r} needs a list of words", header)
            for word in words:
                if not isinstance(word, str) or not word.strip() or word != word.strip():
                    raise fail(f"class {name!r}: bad word {word!r}", header)
                entry = LexicalEntry(word.lower(), name, ty)
                if entry not in entries.setdefault(entry.word, []):
                    entries[entry.word].append(entry)
            description = table.get("description", "")
            classes.append(WordClass(name, ty, tuple(w.lower() for w in words), str(description)))
        return cls(
            basic_types=tuple(basic),
            classes=tuple(classes),
            name=str(grammar.get("name", "lexicon")),
            source=source,
            _entries={word: tuple(es) for word, es in entries.items()},
        )

    def entries(self, word: str, position: int | None = None) -> tuple[LexicalEntry, ...]:
        """Every entry of ``word`` (case-insensitive), in order of preference.

        Raises:
            UnknownWordError: naming the word, its position and the nearest known words.

        >>> load_lexicon("english").entries("sauc", position=3)
        Traceback (most recent call last):
        ...
        discojax.errors.UnknownWordError: unknown word 'sauc' at position 3; nearest lexicon entries: ...
        """
        found = self._entries.get(word.lower())
        if found is None:
            nearest = difflib.get_close_matches(word.lower(), self._entries.keys(), n=3)
            raise UnknownWordError(word, position, nearest)
        return found

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and word.lower() in self._entries

    def __iter__(self) -> Iterator[str]:
        return iter(self._entries)

    def __len__(self) -> int:
        return len(self._entries)

    def word_class(self, name: str) -> WordClass:
        """The word class called ``name``.

        >>> load_lexicon("english").word_class("noun").type_string
        'n'
        """
        for word_class in self.classes:
            if word_class.name == name:
                return word_class
        raise KeyError(f"no word class {name!r} in lexicon {self.name!r}")


def _toml_error_line(err: tomllib.TOMLDecodeError, text: str) -> int | None:
    """The line of a TOML syntax error (Python 3.11 only puts it in the message)."""
    line = getattr(err, "lineno", None)
    if isinstance(line, int):
        return line
    found = re.search(r"at line (\d+)", str(err))
    if found:
        return int(found.group(1))
    return max(1, len(text.splitlines())) if "end of document" in str(err) else None


def load_lexicon(path_or_name: str | Path) -> Lexicon:
    """Load a lexicon from a TOML file, or a bundled grammar by name (``"english"``).

    Raises:
        GrammarError: on a missing file, a TOML syntax error (with its line) or a malformed
            grammar.

    >>> len(load_lexicon("english")) > 500
    True
    >>> load_lexicon("no/such/file.toml")
    Traceback (most recent call last):
    ...
    discojax.errors.GrammarError: no/such/file.toml: no such grammar file
    """
    path = Path(path_or_name)
    if path.suffix != ".toml" and not path.exists():
        bundled = resources.files("discojax") / "grammars" / f"{path_or_name}.toml"
        if not bundled.is_file():
            raise GrammarError(f"no bundled grammar called {str(path_or_name)!r}")
        text = bundled.read_text(encoding="utf-8")
        source = f"{path_or_name}.toml"
    else:
        if not path.is_file():
            raise GrammarError("no such grammar file", str(path))
        text = path.read_text(encoding="utf-8")
        source = str(path)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise GrammarError(f"invalid TOML: {err}", source, _toml_error_line(err, text)) from None
    return Lexicon.from_dict(data, source=source, text=text)
