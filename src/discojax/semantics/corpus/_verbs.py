"""Verb tensors from vectors: relational (from observed arguments), Kronecker, or a table.

A *verb source* gives, for a verb and its arity, the tensor a composition model wires in: a
``d × d`` matrix for a transitive verb, a ``d`` vector for an intransitive one.

- :class:`RelationalVerbs` (Grefenstette & Sadrzadeh 2011): ``V = Σ s ⊗ o`` over the
  (subject, object) pairs the verb is observed with in a triples file, each pair weighted by
  its count; an intransitive verb is ``Σ s`` over its subjects.
- :class:`KroneckerVerbs` (Grefenstette & Sadrzadeh, GEMS 2011): ``V = v ⊗ v`` from the verb's
  own vector; an intransitive verb is ``v``.
- :class:`TableVerbs`: any tensors by verb, e.g. learned ones (:mod:`discojax.corpus`'s
  learned models).

A triples file has one observation a line, ``subject verb object [count]`` or, for an
intransitive verb, ``subject verb [count]``; a last field that is a number is the count
(default 1); ``#`` starts a comment.

>>> import numpy as np
>>> from discojax.corpus import WordVectors
>>> vectors = WordVectors.from_array(np.eye(2), ["man", "dog"])
>>> triples = read_triples(["man bites dog", "dog bites man 2"])
>>> RelationalVerbs(vectors, triples)("bites", 2)
array([[0., 1.],
       [2., 0.]])
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from discojax.errors import DataError, UnknownWordError
from discojax.semantics.corpus._vectors import MissingPolicy, WordVectors


@dataclass(frozen=True)
class Triple:
    """One observed (subject, verb, object) with a count; ``object`` is None if intransitive.

    >>> Triple("man", "bites", "dog").count
    1.0
    """

    subject: str
    verb: str
    object: str | None
    count: float = 1.0


class VerbSource(Protocol):
    """Gives a verb's tensor: ``(d, d)`` for ``arity=2``, ``(d,)`` for ``arity=1``."""

    def __call__(self, verb: str, arity: int) -> Any: ...


def read_triples(source: str | Path | Iterable[str]) -> tuple[Triple, ...]:
    """Read a triples file (or its lines): ``subject verb [object] [count]`` a line.

    Raises:
        DataError: a missing file, a line of one field or more than four, or a count that is
            not a positive number, with file and line.

    >>> read_triples(["# comment", "man runs 3", "man bites dog"])
    (Triple(subject='man', verb='runs', object=None, count=3.0), Triple(subject='man', verb='bites', object='dog', count=1.0))
    >>> read_triples(["man"])
    Traceback (most recent call last):
    ...
    discojax.errors.DataError: <lines>:1: expected 'subject verb [object] [count]', got 1 field
    """
    if isinstance(source, (str, Path)):
        path = Path(source)
        if not path.is_file():
            raise DataError("no such triples file", str(path))
        lines, where = path.read_bytes().decode("utf-8").split("\n"), str(path)
    else:
        lines, where = list(source), "<lines>"
    triples = []
    for number, line in enumerate(lines, start=1):
        fields = line.split("#", 1)[0].split()
        if not fields:
            continue
        count = 1.0
        if len(fields) >= 3 and _is_number(fields[-1]):
            count = float(fields.pop())
            if not (math.isfinite(count) and count > 0):
                raise DataError(f"count {count} must be a positive number", where, number)
        if len(fields) not in (2, 3):
            plural = "field" if len(fields) == 1 else "fields"
            raise DataError(
                f"expected 'subject verb [object] [count]', got {len(fields)} {plural}",
                where,
                number,
            )
        obj = fields[2] if len(fields) == 3 else None
        triples.append(Triple(fields[0], fields[1], obj, count))
    return tuple(triples)


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _no_verb(verb: str, why: str) -> UnknownWordError:
    error = UnknownWordError(verb)
    error.message += f" ({why})"
    return error


@dataclass(frozen=True, eq=False)
class RelationalVerbs:
    """``V = Σ count · s ⊗ o`` over a verb's observed (subject, object) pairs.

    Sums run over the triples sorted by their words, so verbs observed with the same pairs get
    bit-identical tensors. An intransitive use sums the subjects of all the verb's triples.

    Raises (when called):
        UnknownWordError: the verb has no triples (of the needed kind), or an argument has no
            vector.

    >>> vectors = WordVectors.from_array(np.eye(2), ["man", "dog"])
    >>> RelationalVerbs(vectors, read_triples(["man runs", "dog runs"]))("runs", 1)
    array([1., 1.])
    >>> RelationalVerbs(vectors, ())("flies", 2)
    Traceback (most recent call last):
    ...
    discojax.errors.UnknownWordError: unknown word 'flies' (no subject-object pairs of this verb in the triples)
    >>> RelationalVerbs(vectors, (), missing="zero")("flies", 1)  # unobserved: the zero tensor
    array([0., 0.])
    """

    vectors: WordVectors
    triples: tuple[Triple, ...]
    missing: MissingPolicy = "error"
    _by_verb: Mapping[str, list[Triple]] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        by_verb: dict[str, list[Triple]] = {}
        ordered = sorted(self.triples, key=lambda t: (t.verb, t.subject, t.object or "", t.count))
        for triple in ordered:
            by_verb.setdefault(triple.verb, []).append(triple)
        object.__setattr__(self, "triples", tuple(self.triples))
        object.__setattr__(self, "_by_verb", by_verb)

    def verbs(self) -> tuple[str, ...]:
        """The verbs that have triples.

        >>> vectors = WordVectors.from_array(np.eye(1), ["man"])
        >>> RelationalVerbs(vectors, read_triples(["man runs"])).verbs()
        ('runs',)
        """
        return tuple(self._by_verb)

    def __call__(self, verb: str, arity: int) -> np.ndarray:
        triples = self._by_verb.get(verb, [])
        d = self.vectors.dim
        if arity == 1:
            if not triples:
                if self.missing == "zero":
                    return np.zeros(d)
                raise _no_verb(verb, "no subjects of this verb in the triples")
            return sum((t.count * self.vectors[t.subject] for t in triples), np.zeros(d))
        pairs = [t for t in triples if t.object is not None]
        if not pairs:
            if self.missing == "zero":
                return np.zeros((d, d))
            raise _no_verb(verb, "no subject-object pairs of this verb in the triples")
        total = np.zeros((d, d))
        for t in pairs:
            total += t.count * np.outer(self.vectors[t.subject], self.vectors[t.object or ""])
        return total


@dataclass(frozen=True, eq=False)
class KroneckerVerbs:
    """``V = v ⊗ v`` from the verb's own vector (``v`` for an intransitive verb).

    >>> vectors = WordVectors.from_array([[1.0, 2.0]], ["runs"])
    >>> KroneckerVerbs(vectors)("runs", 2)
    array([[1., 2.],
           [2., 4.]])
    """

    vectors: WordVectors

    def __call__(self, verb: str, arity: int) -> np.ndarray:
        v = self.vectors[verb]
        return np.outer(v, v) if arity == 2 else v


@dataclass(frozen=True, eq=False)
class TableVerbs:
    """Verb tensors from a table: ``tables[verb]`` is a matrix (transitive) or vector.

    >>> TableVerbs({"runs": np.ones(2)})("runs", 1)
    array([1., 1.])
    >>> TableVerbs({"runs": np.ones(2)})("runs", 2)
    Traceback (most recent call last):
    ...
    discojax.errors.UnknownWordError: unknown word 'runs' (the table has no tensor of rank 2 for it)
    """

    tables: Mapping[str, Any]

    def __call__(self, verb: str, arity: int) -> Any:
        tensor = self.tables.get(verb)
        if tensor is None or len(tensor.shape) != arity:
            raise _no_verb(verb, f"the table has no tensor of rank {arity} for it")
        return tensor
