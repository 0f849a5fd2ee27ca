"""Vocabularies: each (word, type) pair to a row of its type's parameter table.

Rows are assigned in order of first appearance, so the same corpus always gives the same
vocabulary. The *unknown-word policy* is chosen when the vocabulary is built:

- ``unknown="error"`` (the default): an unseen (word, type) at evaluation time raises
  :class:`~discojax.errors.UnknownWordError` with the word and its position;
- ``unknown="unk"``: row 0 of every table is a shared ``<unk>`` entry, trained like any word
  (it sees no gradient unless the training data contain unknown words), and an unseen word
  of a known type uses it. An unseen *type* is still an error: there is no table for it.

>>> from discojax.grammar import parse
>>> from discojax.compile import network_from_parse
>>> vocab = Vocabulary.from_networks([network_from_parse(parse("Alice loves Bob"))])
>>> vocab.rows("n")
('alice', 'bob')
>>> vocab.index("bob", "n")
1
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Literal

from discojax.compile._network import Network
from discojax.errors import UnknownWordError
from discojax.grammar._types import format_type

UNK = "<unk>"
UnknownPolicy = Literal["error", "unk"]


@dataclass(frozen=True)
class Vocabulary:
    """Words by type string, each with its row in that type's table.

    >>> Vocabulary({"n": ("man", "woman")}).size("n")
    2
    """

    tables: Mapping[str, tuple[str, ...]]
    unknown: UnknownPolicy = "error"
    _index: Mapping[str, Mapping[str, int]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.unknown not in ("error", "unk"):
            raise ValueError(f"unknown-word policy must be 'error' or 'unk', not {self.unknown!r}")
        tables = {t: tuple(words) for t, words in self.tables.items()}
        object.__setattr__(self, "tables", MappingProxyType(tables))
        index = {t: {w: i for i, w in enumerate(words)} for t, words in tables.items()}
        object.__setattr__(self, "_index", MappingProxyType(index))

    @classmethod
    def from_networks(
        cls, networks: Iterable[Network], unknown: UnknownPolicy = "error"
    ) -> Vocabulary:
        """Collect every (word, type) of ``networks``, in order of first appearance.

        >>> from discojax.grammar import parse
        >>> from discojax.compile import network_from_parse
        >>> v = Vocabulary.from_networks([network_from_parse(parse("man runs"))], unknown="unk")
        >>> v.rows("n")
        ('<unk>', 'man')
        """
        tables: dict[str, dict[str, None]] = {}
        for network in networks:
            for word, ty in zip(network.words, network.types):
                rows = tables.setdefault(format_type(ty), {UNK: None} if unknown == "unk" else {})
                rows.setdefault(word, None)
        return cls({t: tuple(rows) for t, rows in tables.items()}, unknown)

    def rows(self, type_string: str) -> tuple[str, ...]:
        """The words of one table, in row order.

        >>> Vocabulary({"n": ("a", "b")}).rows("n")
        ('a', 'b')
        """
        return self.tables[type_string]

    def size(self, type_string: str) -> int:
        """The number of rows of one table.

        >>> Vocabulary({"n": ("a",)}).size("n")
        1
        """
        return len(self.tables[type_string])

    def index(self, word: str, type_string: str, position: int | None = None) -> int:
        """The row of ``word`` in the table of ``type_string``, by the unknown-word policy.

        Raises:
            UnknownWordError: an unseen word under ``unknown="error"``, or an unseen type.

        >>> Vocabulary({"n": ("man",)}).index("dog", "n", position=2)
        Traceback (most recent call last):
        ...
        discojax.errors.UnknownWordError: unknown word 'dog' at position 2 (type n not in the model's vocabulary)
        """
        rows = self._index.get(type_string)
        if rows is None:
            raise _unknown(word, position, f"no word of type {type_string} in the vocabulary")
        row = rows.get(word)
        if row is not None:
            return row
        if self.unknown == "unk":
            return rows[UNK]
        raise _unknown(word, position, f"type {type_string} not in the model's vocabulary")

    def __len__(self) -> int:
        return sum(len(words) for words in self.tables.values())

    def __hash__(self) -> int:
        return hash((self.unknown, tuple(self.tables.items())))

    def to_json(self) -> dict:
        """A JSON-ready description (for checkpoints).

        >>> Vocabulary({"n": ("a",)}).to_json()
        {'unknown': 'error', 'tables': {'n': ['a']}}
        """
        return {"unknown": self.unknown, "tables": {t: list(w) for t, w in self.tables.items()}}

    @classmethod
    def from_json(cls, data: Mapping) -> Vocabulary:
        """The inverse of :meth:`to_json`.

        >>> v = Vocabulary({"n": ("a",)}, unknown="error")
        >>> Vocabulary.from_json(v.to_json()) == v
        True
        """
        return cls({t: tuple(w) for t, w in data["tables"].items()}, data["unknown"])

    def type_strings(self) -> tuple[str, ...]:
        """The types that have a table.

        >>> Vocabulary({"n": ("a",), "n.r s": ("runs",)}).type_strings()
        ('n', 'n.r s')
        """
        return tuple(self.tables)


def _unknown(word: str, position: int | None, why: str) -> UnknownWordError:
    error = UnknownWordError(word, position)
    error.message += f" ({why})"
    return error
