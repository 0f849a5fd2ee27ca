"""Grammar files: finding and reading a TOML grammar, and checking it table by table.

A grammar file has a ``[grammar]`` table naming its basic types, and one ``[classes.NAME]``
table per word class, giving the class's type, its words and its ``cost`` (how unlikely the
reading is; the parser prefers the cheapest parse). An optional ``[forms]`` table names a wide
table of word forms (see :mod:`discojax.grammar._forms`) whose Penn tags give every common
English word its classes, at a penalty above the curated classes. See ``docs/grammar.md``.

:func:`read_grammar_file` finds a file (or a bundled grammar by name) and parses its TOML;
:func:`lexicon_fields` checks the parsed document and returns the fields of a
:class:`~discojax.grammar.Lexicon`. Every error is a :class:`~discojax.errors.GrammarError`
naming the file and, where it can, the line.

>>> fields = lexicon_fields({
...     "grammar": {"basic_types": ["n", "s"], "cup_cost": 0.1},
...     "classes": {"noun": {"type": "n", "words": ["Alice"]}},
... })
>>> fields["basic_types"], fields["cup_cost"], fields["classes"][0].words
(('n', 's'), 0.1, ('alice',))
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import replace
from importlib import resources
from pathlib import Path
from typing import Any, NamedTuple, TypedDict

from discojax._text import read_text
from discojax.errors import GrammarError, line_of
from discojax.grammar._classes import (
    FormsSettings,
    WordClass,
    class_from_table,
    forms_from_table,
    is_cost,
    is_lemma_map,
)
from discojax.grammar._types import Type, parse_type


class GrammarFile(NamedTuple):
    """A grammar file's parsed TOML, its name for error messages, its text and its folder.

    The fields are, in order, the arguments of :meth:`discojax.grammar.Lexicon.from_dict`.
    """

    data: dict[str, Any]
    source: str
    text: str
    folder: Path | None


class LexiconFields(TypedDict):
    """The fields of a :class:`~discojax.grammar.Lexicon` that a grammar file gives."""

    basic_types: tuple[str, ...]
    classes: tuple[WordClass, ...]
    name: str
    source: str | None
    forms: FormsSettings | None
    cup_cost: float
    lemmas: Mapping[str, str]
    clause_openers: frozenset[str]
    target_costs: Mapping[Type, float]
    word_costs_file: Path | None


def read_grammar_file(path_or_name: str | Path) -> GrammarFile:
    """Read a TOML grammar file, or a bundled grammar by name (``"english"``).

    Raises:
        GrammarError: on a missing file or a TOML syntax error (with its line).

    >>> read_grammar_file("english").source
    'english.toml'
    >>> read_grammar_file("no/such/file.toml")
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
        text = read_text(path, GrammarError)
        source = str(path)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise GrammarError(f"invalid TOML: {err}", source, _toml_error_line(err, text)) from None
    folder = path.parent if path.is_file() else None
    return GrammarFile(data, source, text, folder)


def lexicon_fields(
    data: Mapping[str, Any],
    source: str | None = None,
    text: str | None = None,
    folder: Path | None = None,
) -> LexiconFields:
    """Check the parsed contents of a grammar file and return the lexicon's fields.

    Args:
        data: the TOML document as a mapping.
        source: the file name, for error messages (and to find the form table beside it).
        text: the file's text, used to report the line of an error.
        folder: where ``[forms] file`` lies (the bundled grammars' folder by default).

    Raises:
        GrammarError: on a missing table or key, a malformed type, an unknown basic type,
            a bad cost, a word that is not a non-empty string, or a ``[forms.tags]`` class
            that does not exist.

    >>> lexicon_fields({"grammar": {"basic_types": ["n", "n"]}}, "g.toml",
    ...                '[grammar]\\nbasic_types = ["n", "n"]\\n')
    Traceback (most recent call last):
    ...
    discojax.errors.GrammarError: g.toml:2: [grammar] basic type 'n' is listed twice
    """

    def fail(message: str, needle: str | tuple[str, str] | None = None) -> GrammarError:
        if isinstance(needle, tuple):
            return GrammarError(message, source, _line_after(text, *needle))
        return GrammarError(message, source, line_of(text, needle))

    grammar = data.get("grammar")
    if not isinstance(grammar, Mapping):
        raise fail("missing [grammar] table")
    basic = grammar.get("basic_types")
    if not isinstance(basic, list) or not basic or not all(isinstance(b, str) for b in basic):
        raise fail("[grammar] basic_types must be a non-empty list of strings", "basic_types")
    malformed = [b for b in basic if not re.fullmatch(r"[A-Za-z][A-Za-z0-9_]*", b)]
    if malformed:
        raise fail(
            f"[grammar] basic type {malformed[0]!r} is not a name (a letter, then letters, "
            "digits or _)",
            "basic_types",
        )
    if len(set(basic)) < len(basic):
        twice = next(b for b in basic if basic.count(b) > 1)
        raise fail(f"[grammar] basic type {twice!r} is listed twice", "basic_types")
    classes_data = data.get("classes")
    if not isinstance(classes_data, Mapping) or not classes_data:
        raise fail("missing [classes.NAME] tables")
    classes: list[WordClass] = []
    for name, table in classes_data.items():
        word_class = class_from_table(name, table, basic, fail)
        for other in table.get("words_of", []) if isinstance(table, Mapping) else []:
            earlier = [c for c in classes if c.name == other]
            if not earlier:
                message = f"class {name!r}: words_of names {other!r}, not an earlier class"
                raise fail(message, f"[classes.{name}]")
            added = tuple(w for w in earlier[0].words if w not in word_class.words)
            word_class = replace(word_class, words=word_class.words + added)
        classes.append(word_class)
    names = {c.name for c in classes}
    forms = forms_from_table(data.get("forms"), folder or _bundled_folder(), names, fail)
    cup_cost = grammar.get("cup_cost", 0.0)
    if not is_cost(cup_cost):
        raise fail(f"[grammar] cup_cost must be a number >= 0, not {cup_cost!r}", "cup_cost")
    lemmas = data.get("lemmas", {})
    if not is_lemma_map(lemmas):
        bad = next((k for k, v in lemmas.items() if not isinstance(v, str) or not v), "")
        raise fail("[lemmas] must map words to non-empty strings", ("[lemmas]", bad))
    name = str(grammar.get("name", "lexicon"))
    lowered = {k.lower(): v for k, v in lemmas.items()}
    openers = grammar.get("clause_openers", [])
    if not isinstance(openers, list) or any(o not in names for o in openers):
        raise fail("[grammar] clause_openers must list classes of the grammar", "clause_openers")
    target_costs: dict[Type, float] = {}
    for key, value in grammar.get("target_costs", {}).items():
        try:
            target = parse_type(key, tuple(basic))
        except GrammarError as err:
            raise fail(f"[grammar] target_costs: {err.message}", f'"{key}"') from None
        if not is_cost(value):
            raise fail(f"[grammar] target_costs {key!r} must be a number >= 0", f'"{key}"')
        target_costs[target] = float(value)
    word_costs = grammar.get("word_costs")
    if word_costs is not None and not isinstance(word_costs, str):
        raise fail('[grammar] word_costs must be a file name, "NAME.tsv"', "word_costs")
    return LexiconFields(
        basic_types=tuple(basic),
        classes=tuple(classes),
        name=name,
        source=source,
        forms=forms,
        cup_cost=float(cup_cost),
        lemmas=lowered,
        clause_openers=frozenset(openers),
        target_costs=target_costs,
        word_costs_file=None if word_costs is None else (folder or _bundled_folder()) / word_costs,
    )


def _line_after(text: str | None, header: str, key: str) -> int | None:
    """The line of ``key`` in the TOML table that ``header`` opens (else the header's line)."""
    found = line_of(text, header)
    if text is None or found is None:
        return found
    for number, line in enumerate(text.splitlines()[found:], start=found + 1):
        stripped = line.strip()
        if stripped.startswith("["):
            break
        if stripped.split("=")[0].strip().strip('"') == key:
            return number
    return found


def _bundled_folder() -> Path:
    return Path(str(resources.files("discojax") / "grammars"))


def _toml_error_line(err: tomllib.TOMLDecodeError, text: str) -> int | None:
    """The line of a TOML syntax error (Python 3.11 only puts it in the message)."""
    line = getattr(err, "lineno", None)
    if isinstance(line, int):
        return line
    found = re.search(r"at line (\d+)", str(err))
    if found:
        return int(found.group(1))
    return max(1, len(text.splitlines())) if "end of document" in str(err) else None
