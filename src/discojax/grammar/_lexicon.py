"""Lexicons: which pregroup types each word may have, and at what cost.

A grammar file has a ``[grammar]`` table naming its basic types, and one ``[classes.NAME]``
table per word class, giving the class's type, its words and its ``cost`` (how unlikely the
reading is; the parser prefers the cheapest parse). An optional ``[forms]`` table names a wide
table of word forms (see :mod:`discojax.grammar._forms`) whose Penn tags give every common
English word its classes, at a penalty above the curated classes. See ``docs/grammar.md``.

>>> lexicon = Lexicon.from_dict({
...     "grammar": {"basic_types": ["n", "s"]},
...     "classes": {
...         "noun": {"type": "n", "words": ["alice", "bob"]},
...         "transitive_verb": {"type": "n.r s n.l", "words": ["loves"], "cost": 0.3},
...     },
... })
>>> [(e.word_class, e.cost) for e in lexicon.entries("loves")]
[('transitive_verb', 0.3)]
>>> lexicon.entries("Alice")[0].type
(('n', 0),)
"""

from __future__ import annotations

import difflib
import re
import tomllib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from functools import cached_property
from importlib import resources
from pathlib import Path
from typing import Any, Literal

from discojax._text import read_text
from discojax.errors import GrammarError, UnknownWordError, line_of
from discojax.grammar._classes import (
    FormsSettings,
    LexicalEntry,
    WordClass,
    checked_word,
    class_from_table,
    forms_from_table,
    is_cost,
    is_lemma_map,
    read_word_costs,
)
from discojax.grammar._types import Type, format_type, parse_type

_CACHED_WORDS = 200_000  # the most words whose entries a lexicon keeps at once

UnknownWords = Literal["error", "guess"]
"""What to do with a word in neither the curated classes nor the form table: ``"error"`` raises
:class:`~discojax.errors.UnknownWordError`; ``"guess"`` reads it by its shape (suffixes, digits,
capitals) at the grammar's ``guess_penalty``, and marks it ``origin="guess"``."""


@dataclass(frozen=True)
class Lexicon:
    """A pregroup lexicon: basic types, word classes, and every word's entries.

    Build one with :func:`load_lexicon` (a file or a bundled grammar's name) or
    :meth:`Lexicon.from_dict`; extend one with :meth:`with_words` and :meth:`with_class`.

    >>> lexicon = load_lexicon("english")
    >>> "n" in lexicon.basic_types and "s" in lexicon.basic_types
    True
    """

    basic_types: tuple[str, ...]
    classes: tuple[WordClass, ...]
    name: str = "lexicon"
    source: str | None = None
    forms: FormsSettings | None = None
    cup_cost: float = 0.0
    lemmas: Mapping[str, str] = field(default_factory=dict)
    clause_openers: frozenset[str] = frozenset()
    target_costs: Mapping[Type, float] = field(default_factory=dict)
    word_costs_file: Path | None = None
    _cache: dict[tuple[str, str, bool], tuple[LexicalEntry, ...]] = field(
        default_factory=dict, repr=False, compare=False
    )

    @classmethod
    def from_dict(
        cls,
        data: Mapping[str, Any],
        source: str | None = None,
        text: str | None = None,
        folder: Path | None = None,
    ) -> Lexicon:
        """Build a lexicon from the parsed contents of a grammar file.

        Args:
            data: the TOML document as a mapping.
            source: the file name, for error messages (and to find the form table beside it).
            text: the file's text, used to report the line of an error.
            folder: where ``[forms] file`` lies (the bundled grammars' folder by default).

        Raises:
            GrammarError: on a missing table or key, a malformed type, an unknown basic type,
                a bad cost, a word that is not a non-empty string, or a ``[forms.tags]`` class
                that does not exist.

        >>> Lexicon.from_dict({"grammar": {"basic_types": ["n"]},
        ...                    "classes": {"noun": {"type": "n x", "words": ["a"]}}})
        Traceback (most recent call last):
        ...
        discojax.errors.GrammarError: class 'noun': unknown basic type 'x' in type 'n x' (known: n)
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
            raise fail(
                "[grammar] clause_openers must list classes of the grammar", "clause_openers"
            )
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
        return cls(
            tuple(basic),
            tuple(classes),
            name,
            source,
            forms,
            float(cup_cost),
            lowered,
            frozenset(openers),
            target_costs,
            None if word_costs is None else (folder or _bundled_folder()) / word_costs,
        )

    @cached_property
    def _classes_by_name(self) -> dict[str, WordClass]:
        return {word_class.name: word_class for word_class in self.classes}

    @cached_property
    def _curated(self) -> dict[str, tuple[WordClass, ...]]:
        """Each curated word's classes, in file order."""
        found: dict[str, list[WordClass]] = {}
        for word_class in self.classes:
            for word in word_class.words:
                if word_class not in found.setdefault(word, []):
                    found[word].append(word_class)
        return {word: tuple(classes) for word, classes in found.items()}

    @cached_property
    def _word_costs(self) -> dict[str, dict[str, float]]:
        """Per word, the extra cost of each of its classes (``[grammar] word_costs``)."""
        if self.word_costs_file is None:
            return {}
        return read_word_costs(self.word_costs_file, {c.name for c in self.classes})

    @cached_property
    def _form_table(self) -> Any:
        if self.forms is None or self.forms.file is None:
            return None
        from discojax.grammar._forms import load_forms

        return load_forms(self.forms.file)

    def entries(
        self,
        word: str,
        position: int | None = None,
        unknown_words: UnknownWords = "error",
        capitalised: bool = False,
    ) -> tuple[LexicalEntry, ...]:
        """Every entry of ``word`` (case-insensitive), cheapest first.

        Curated classes come at their cost; the form table's other classes at ``penalty`` more
        (and ``rank_penalty`` more per less common reading); a word in neither follows
        ``unknown_words``. ``capitalised`` (the word was written with a capital, not first in
        its sentence) makes a guess read it as a name.

        Raises:
            UnknownWordError: naming the word, its position and the nearest known words.

        >>> load_lexicon("english").entries("sauc", position=3)
        Traceback (most recent call last):
        ...
        discojax.errors.UnknownWordError: unknown word 'sauc' at position 3; nearest lexicon entries: ...
        >>> [e.origin for e in load_lexicon("english").entries("zorbles", unknown_words="guess")][:1]
        ['guess']
        """
        key = (word.lower(), unknown_words, capitalised)
        found = self._cache.get(key)
        if found is None:
            found = self._entries_of(*key)
            if len(self._cache) >= _CACHED_WORDS:  # a long-running service meets ever new words
                self._cache.clear()
            self._cache[key] = found
        if not found:
            raise UnknownWordError(word, position, self._nearest(word.lower()))
        return found

    def _entries_of(
        self, word: str, unknown_words: UnknownWords, capitalised: bool
    ) -> tuple[LexicalEntry, ...]:
        table, forms = self._form_table, self.forms
        readings: tuple[tuple[str, str], ...] = table.readings(word) if table is not None else ()
        curated = self._curated.get(word, ())
        origin, penalty = "forms", forms.penalty if forms else 0.0
        if not curated and not readings and unknown_words == "guess" and forms is not None:
            from discojax.grammar._forms import guess_readings

            readings = guess_readings(word, capitalised=capitalised)
            origin, penalty = "guess", forms.guess_penalty
        found = [
            LexicalEntry(word, c.name, c.type, self._lemma(word, c, readings), c.cost)
            for c in curated
        ]
        closed = forms is not None and any(c.name in forms.closed for c in curated)
        if closed:
            readings = ()
        seen = {c.name for c in curated}
        for rank, (tag, lemma) in enumerate(readings):
            for name, extra in forms.tags.get(tag, ()) if forms else ():
                if name not in seen:
                    seen.add(name)
                    c = self._classes_by_name[name]
                    cost = c.cost + penalty + extra + rank * (forms.rank_penalty if forms else 0)
                    lemma = self.lemmas.get(word, lemma)
                    found.append(LexicalEntry(word, name, c.type, lemma, cost, origin))
        for c in self.classes if capitalised and found and not closed else ():
            if c.capitalised and c.name not in seen:
                found.append(LexicalEntry(word, c.name, c.type, found[0].lemma, c.cost))
        preferences = self._word_costs.get(word)
        if preferences:
            found = [replace(e, cost=e.cost + preferences.get(e.word_class, 0.0)) for e in found]
        return tuple(sorted(found, key=lambda e: e.cost))

    def _lemma(self, word: str, word_class: WordClass, readings: Iterable[tuple[str, str]]) -> str:
        """A curated word's lemma: its class's own, else the grammar's ``[lemmas]``, else the
        form table's for a tag of the class, else the table's first (its first verb reading for
        a class whose type has ``s``), else the word."""
        for form, lemma in word_class.lemmas:
            if form == word:
                return lemma
        if word in self.lemmas:
            return self.lemmas[word]
        readings = list(readings)
        for tag, lemma in readings:
            if self.forms and word_class.name in self.forms.classes_of(tag):
                return lemma
        if ("s", 0) in word_class.type:  # a verb-like class: a verb's lemma ("thought": think)
            readings = [r for r in readings if r[0].startswith("V")] or readings
        return readings[0][1] if readings else word

    def _nearest(self, word: str) -> list[str]:
        candidates = [w for w in self if w[:1] == word[:1]] or list(self._curated)
        return difflib.get_close_matches(word, candidates, n=3)

    def __contains__(self, word: object) -> bool:
        if not isinstance(word, str):
            return False
        table = self._form_table
        return word.lower() in self._curated or (table is not None and word.lower() in table)

    def __iter__(self) -> Iterator[str]:
        """The curated words, then the form table's others."""
        yield from self._curated
        table = self._form_table
        if table is not None:
            yield from (w for w in table if w not in self._curated)

    def __len__(self) -> int:
        return self._size

    @cached_property
    def _size(self) -> int:
        return sum(1 for _ in self)

    def word_class(self, name: str) -> WordClass:
        """The word class called ``name``.

        >>> load_lexicon("english").word_class("noun").type_string
        'n'
        """
        try:
            return self._classes_by_name[name]
        except KeyError:
            raise KeyError(f"no word class {name!r} in lexicon {self.name!r}") from None

    def with_words(
        self, word_class: str, words: Iterable[str], lemmas: Mapping[str, str] | None = None
    ) -> Lexicon:
        """A copy of this lexicon with ``words`` added to the class ``word_class``.

        Args:
            word_class: an existing class's name.
            words: the words to add (case-insensitive).
            lemmas: each new word's lemma where it is not the form table's.

        Raises:
            KeyError: no class of that name.
            GrammarError: a word that is not a non-empty string.

        >>> english = load_lexicon("english").with_words("noun", ["quokka"], {"quokka": "quokka"})
        >>> [e.word_class for e in english.entries("quokka")]
        ['noun']
        """
        old = self.word_class(word_class)
        added = tuple(checked_word(w, word_class, lambda m: GrammarError(m)) for w in words)
        new = replace(
            old,
            words=old.words + tuple(w for w in added if w not in old.words),
            lemmas=old.lemmas + tuple((w.lower(), lemma) for w, lemma in (lemmas or {}).items()),
        )
        classes = tuple(new if c.name == word_class else c for c in self.classes)
        return replace(self, classes=classes, _cache={})

    def with_class(
        self,
        name: str,
        type: str | Type,
        words: Iterable[str] = (),
        cost: float = 0.0,
        description: str = "",
    ) -> Lexicon:
        """A copy of this lexicon with a new word class.

        Raises:
            GrammarError: the class exists already, or a malformed type, cost or word.

        >>> lexicon = load_lexicon("english").with_class("title", "n n.l", ["dr"], cost=0.1)
        >>> lexicon.entries("dr")[0].word_class
        'title'
        """
        if name in self._classes_by_name:
            raise GrammarError(f"class {name!r} exists already in lexicon {self.name!r}")
        table: dict[str, Any] = {"type": type if isinstance(type, str) else format_type(type)}
        table |= {"words": list(words), "cost": cost, "description": description}
        new = class_from_table(name, table, self.basic_types, lambda m, _=None: GrammarError(m))
        return replace(self, classes=(*self.classes, new), _cache={})


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
        text = read_text(path, GrammarError)
        source = str(path)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise GrammarError(f"invalid TOML: {err}", source, _toml_error_line(err, text)) from None
    folder = path.parent if path.is_file() else None
    return Lexicon.from_dict(data, source=source, text=text, folder=folder)
