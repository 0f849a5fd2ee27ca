"""Word classes and lexical entries, and the grammar-file tables that define them.

Each ``[classes.NAME]`` table of a grammar file becomes a :class:`WordClass`, the ``[forms]``
table :class:`FormsSettings`, and a word's readings are :class:`LexicalEntry` objects. The
readers here check each table and raise through a ``fail(message, where)`` callback that names
the file and line (see :meth:`discojax.grammar.Lexicon.from_dict`).

>>> class_from_table("noun", {"type": "n", "words": ["Man"], "cost": 0.5}, ["n"], ValueError).words
('man',)
>>> is_cost(-1), is_cost(0.25), is_cost(True)
(False, True, False)
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from discojax._text import read_text
from discojax.errors import GrammarError
from discojax.grammar._types import Type, format_type, parse_type


@dataclass(frozen=True)
class LexicalEntry:
    """One way a word can be read: its class, pregroup type, lemma, cost and origin.

    ``origin`` says where the reading came from: ``"lexicon"`` (a curated class of the grammar
    file), ``"forms"`` (the wide form table), ``"number"`` (a numeral the form table lacks, read
    by its shape) or ``"guess"`` (the unknown-word policy).

    >>> LexicalEntry("mice", "noun", (("n", 0),), lemma="mouse")
    LexicalEntry(word='mice', word_class='noun', type=(('n', 0),), lemma='mouse', cost=0.0, origin='lexicon')
    >>> LexicalEntry("man", "noun", (("n", 0),)).lemma
    'man'
    """

    word: str
    word_class: str
    type: Type
    lemma: str = ""
    cost: float = 0.0
    origin: str = "lexicon"

    def __post_init__(self) -> None:
        if not self.lemma:
            object.__setattr__(self, "lemma", self.word)


@dataclass(frozen=True)
class WordClass:
    """A named class of words sharing one pregroup type and one cost.

    ``lemmas`` maps words of the class whose lemma the form table cannot give (``n't``) to it.
    ``capitalised`` classes are given to every word written with a capital, not first in its
    sentence ("Smith" in "John Smith"); ``clause_initial`` classes are read only at the start
    of a clause: first in the sentence, or after a word of a class the grammar's
    ``clause_openers`` names ("and", "because"); ``clause_internal`` classes only where a clause
    does not start; a class with ``after`` words is read only directly after one of them ("'s"
    as *us* after "let"). ``ports`` says, for each simple type, how the word relates to the word at the other end
    of its cup (see :mod:`discojax.grammar._dependencies`); by default the first basic type
    is the word itself and each adjoint takes a dependent.

    >>> WordClass("noun", (("n", 0),), ("man",)).type_string
    'n'
    """

    name: str
    type: Type
    words: tuple[str, ...]
    description: str = ""
    cost: float = 0.0
    lemmas: tuple[tuple[str, str], ...] = ()
    ports: tuple[str, ...] = ()
    capitalised: bool = False
    clause_initial: bool = False
    clause_internal: bool = False
    after: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not self.ports:
            first = next((k for k, (_, z) in enumerate(self.type) if z == 0), None)
            default = (
                "self" if k == first else "none" if z == 0 else "dep"
                for k, (_, z) in enumerate(self.type)
            )
            object.__setattr__(self, "ports", tuple(default))

    @property
    def type_string(self) -> str:
        """The class's type written as text.

        >>> WordClass("adverb", (("s", 1), ("s", 0)), ()).type_string
        's.r s'
        """
        return format_type(self.type)


@dataclass(frozen=True)
class FormsSettings:
    """How a grammar reads its wide form table: the file, tag-to-class map and penalties.

    ``tags`` maps each Penn tag to ``(class, extra cost)`` pairs: a form-table reading with
    that tag gives the word each class at the class's cost plus ``penalty`` plus the extra. A
    word curated in a ``closed`` class (a determiner, a preposition) gets no classes from the
    table, only its lemma, nor the ``capitalised`` classes ("I" is no name).

    >>> FormsSettings(None, {"NN": (("noun", 0.0),)}).penalty
    1.0
    """

    file: Path | None
    tags: Mapping[str, tuple[tuple[str, float], ...]]
    penalty: float = 1.0
    guess_penalty: float = 3.0
    rank_penalty: float = 0.0
    closed: frozenset[str] = frozenset()

    def classes_of(self, tag: str) -> tuple[str, ...]:
        """The classes a reading with ``tag`` gives.

        >>> FormsSettings(None, {"JJ": (("adjective", 0.0), ("noun", 0.5))}).classes_of("JJ")
        ('adjective', 'noun')
        """
        return tuple(name for name, _ in self.tags.get(tag, ()))


def is_cost(value: object) -> bool:
    """Whether ``value`` is a cost: a finite number, at least 0 (not a bool).

    >>> is_cost(1), is_cost(float("inf")), is_cost("1")
    (True, False, False)
    """
    return not isinstance(value, bool) and isinstance(value, int | float) and 0 <= value < math.inf


def is_lemma_map(value: object) -> bool:
    """Whether ``value`` maps words to non-empty lemma strings.

    >>> is_lemma_map({"n't": "not"}), is_lemma_map({"n't": ""})
    (True, False)
    """
    return isinstance(value, Mapping) and all(
        isinstance(k, str) and isinstance(v, str) and v for k, v in value.items()
    )


def read_word_costs(path: Path, classes: set[str]) -> dict[str, dict[str, float]]:
    r"""Read a word-cost table: ``word<TAB>class<TAB>cost`` lines, ``#`` lines comments.

    Raises:
        GrammarError: a missing file, or a malformed line, an unknown class or a negative cost
            (with the file and line).

    >>> import tempfile, os
    >>> with tempfile.NamedTemporaryFile("w", suffix=".tsv", delete=False) as f:
    ...     _ = f.write("# costs\nthat\tpronoun\t0.5\n")
    >>> read_word_costs(Path(f.name), {"pronoun"})
    {'that': {'pronoun': 0.5}}
    >>> os.unlink(f.name)
    """
    lines = read_text(path, GrammarError).splitlines()
    table: dict[str, dict[str, float]] = {}
    for number, line in enumerate(lines, start=1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        try:
            word, name, cost = fields[0], fields[1], float(fields[2])
        except (IndexError, ValueError):
            raise GrammarError("expected word<TAB>class<TAB>cost", str(path), number) from None
        if len(fields) != 3 or name not in classes or not is_cost(cost):
            message = f"bad word cost {line!r} (a known class and a cost >= 0)"
            raise GrammarError(message, str(path), number)
        table.setdefault(word, {})[name] = cost
    return table


def _flag(table: Mapping[str, Any], key: str, name: str, fail: Any) -> bool:
    value = table.get(key, False)
    if not isinstance(value, bool):
        raise fail(f"class {name!r}: {key} must be true or false", (f"[classes.{name}]", key))
    return value


_PORT = re.compile(r"self|self\+expl|none|in|dep|head|via\d+|dep\d+|head\+dep\d*")


def checked_word(word: object, name: str, fail: Any) -> str:
    if not isinstance(word, str) or not word.strip() or word != word.strip():
        raise fail(f"class {name!r}: bad word {word!r}", f"[classes.{name}]")
    return word.lower()


def class_from_table(name: str, table: Any, basic: Iterable[str], fail: Any) -> WordClass:
    """One ``[classes.NAME]`` table, checked (``basic``: the grammar's basic types).

    >>> class_from_table("verb", {"type": "n.r s", "words": [], "cost": -1}, ["n", "s"], ValueError)
    Traceback (most recent call last):
    ...
    ValueError: ("class 'verb': cost must be a finite number >= 0, not -1", ('[classes.verb]', 'cost'))
    """
    header = f"[classes.{name}]"
    if not isinstance(table, Mapping):
        raise fail(f"class {name!r} must be a table", header)
    type_text = table.get("type")
    if not isinstance(type_text, str):
        raise fail(f'class {name!r} needs a type string, as type = "n.r s"', header)
    try:
        ty = parse_type(type_text, tuple(basic))
    except GrammarError as err:
        raise fail(f"class {name!r}: {err.message}", f'"{type_text}"') from None
    words = table.get("words")
    if not isinstance(words, list):
        raise fail(f"class {name!r} needs a list of words", header)
    cost = table.get("cost", 0.0)
    if not is_cost(cost):
        message = f"class {name!r}: cost must be a finite number >= 0, not {cost!r}"
        raise fail(message, (header, "cost"))
    ports = table.get("ports", "")
    if not isinstance(ports, str) or (ports and len(ports.split()) != len(ty)):
        raise fail(f"class {name!r}: ports must be a string of {len(ty)} roles", (header, "ports"))
    for role in ports.split():
        if not _PORT.fullmatch(role):
            message = f"class {name!r}: unknown port role {role!r} (see docs/grammar.md)"
            raise fail(message, (header, "ports"))
    after = table.get("after", [])
    if not isinstance(after, list):
        raise fail(f"class {name!r}: after must be a list of words", (header, "after"))
    lemmas = table.get("lemmas", {})
    if not is_lemma_map(lemmas):
        raise fail(
            f"class {name!r}: lemmas must map words to non-empty strings", (header, "lemmas")
        )
    return WordClass(
        name,
        ty,
        tuple(dict.fromkeys(checked_word(w, name, fail) for w in words)),
        str(table.get("description", "")),
        float(cost),
        tuple((k.lower(), v) for k, v in lemmas.items()),
        tuple(ports.split()),
        _flag(table, "capitalised", name, fail),
        _flag(table, "clause_initial", name, fail),
        _flag(table, "clause_internal", name, fail),
        tuple(checked_word(w, name, fail) for w in after),
    )


def forms_from_table(
    table: Any, folder: Path, class_names: set[str], fail: Any
) -> FormsSettings | None:
    """The ``[forms]`` table, checked; its file is found in ``folder``.

    >>> forms_from_table({"file": "f.tsv", "tags": {"NN": ["noun+0.5"]}}, Path("g"), {"noun"},
    ...                ValueError).tags
    {'NN': (('noun', 0.5),)}
    """
    if table is None:
        return None
    if not isinstance(table, Mapping) or not isinstance(table.get("file"), str):
        raise fail('[forms] needs file = "NAME.tsv.gz"', "[forms]")
    tags = table.get("tags", {})
    if not isinstance(tags, Mapping):
        raise fail("[forms.tags] must map Penn tags to lists of classes", "[forms.tags]")
    classes: dict[str, tuple[tuple[str, float], ...]] = {}
    for tag, names in tags.items():
        if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
            raise fail(f"[forms.tags] {tag} must be a list of class names", f"{tag} =")
        pairs = []
        for item in names:
            found = re.fullmatch(r"(\w+)(?:\+(\d+(?:\.\d*)?))?", item)
            if found is None or found.group(1) not in class_names:
                message = f"[forms.tags] {tag}: {item!r} is not a class (or CLASS+COST)"
                raise fail(message, f"{tag} =")
            pairs.append((found.group(1), float(found.group(2) or 0.0)))
        classes[tag] = tuple(pairs)
    closed = table.get("closed", [])
    if not isinstance(closed, list) or any(name not in class_names for name in closed):
        raise fail("[forms] closed must list classes of the grammar", "closed =")
    numbers = {}
    for key in ("penalty", "guess_penalty", "rank_penalty"):
        value = table.get(key, FormsSettings.__dataclass_fields__[key].default)
        if not is_cost(value):
            raise fail(f"[forms] {key} must be a number >= 0, not {value!r}", f"{key} =")
        numbers[key] = float(value)
    return FormsSettings(
        folder / table["file"],
        classes,
        **numbers,
        closed=frozenset(closed),
    )
