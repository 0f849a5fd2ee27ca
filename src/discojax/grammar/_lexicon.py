"""Lexicons: which pregroup types each word may have, and at what cost.

A :class:`Lexicon` holds a grammar's basic types and word classes and answers, for any word, its
entries. Grammar files are read and checked in :mod:`discojax.grammar._grammar_file`; a word's
entries are put together in :mod:`discojax.grammar._word_entries`. See ``docs/grammar.md``.

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

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import Any

from discojax.errors import GrammarError, UnknownWordError
from discojax.grammar._classes import (
    FormsSettings,
    LexicalEntry,
    WordClass,
    checked_word,
    class_from_table,
    read_word_costs,
)
from discojax.grammar._grammar_file import lexicon_fields, read_grammar_file
from discojax.grammar._types import Type, format_type
from discojax.grammar._word_entries import UnknownWords, nearest_words, word_entries

_CACHED_WORDS = 200_000  # the most words whose entries a lexicon keeps at once


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
        """Build a lexicon from the parsed contents of a grammar file; the arguments and the
        errors are :func:`~discojax.grammar._grammar_file.lexicon_fields`'s, which checks them.

        >>> Lexicon.from_dict({"grammar": {"basic_types": ["n"]},
        ...                    "classes": {"noun": {"type": "n x", "words": ["a"]}}})
        Traceback (most recent call last):
        ...
        discojax.errors.GrammarError: class 'noun': unknown basic type 'x' in type 'n x' (known: n)
        """
        return cls(**lexicon_fields(data, source, text, folder))

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
        its sentence) makes a guess read it as a name. A word of two letters or more ending in a
        period that neither lists is read as without it, an abbreviation ("dr." as "dr",
        "u.s." as "u.s"; an initial, "d.", is not "d").

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
        if len(word) > 2 and word.endswith(".") and word not in self:  # "dr.", not "d." (initials)
            bare = self._entries_of(word[:-1], unknown_words, capitalised)
            return tuple(replace(e, word=word) for e in bare)
        table = self._form_table
        return word_entries(
            word,
            self._curated.get(word, ()),
            table.readings(word) if table is not None else (),
            self._classes_by_name,
            self.forms,
            self.lemmas,
            self._word_costs.get(word, {}),
            unknown_words,
            capitalised,
        )

    def _nearest(self, word: str) -> list[str]:
        return nearest_words(word, self, self._curated)

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
    file = read_grammar_file(path_or_name)
    return Lexicon.from_dict(file.data, file.source, file.text, file.folder)
