"""Composition models as corpus functors on parsed sentences.

Every model sends a noun to its vector and a determiner to the identity (``the`` is ignored);
the models differ in the spaces they give ``n`` and ``s`` and in their verbs. For a transitive
sentence ``s V o`` (``v`` the verb's vector, ``V`` its matrix from a verb source) and an
intransitive one ``s V``:

============================  ===========  ===========================  ====================
model                         ``F(s)``     transitive                   intransitive
============================  ===========  ===========================  ====================
:class:`VerbOnly`             N            ``v``                        ``v``
:class:`Additive`             N            ``s + v + o``                ``s + v``
:class:`Multiplicative`       N            ``s ⊙ v ⊙ o``                ``s ⊙ v``
:class:`Categorical`          N ⊗ N        ``V ⊙ (s ⊗ o)``              ``Δ(s ⊙ V)``
:class:`CopySubject`          N            ``s ⊙ (V o)``                ``s ⊙ V``
:class:`CopyObject`           N            ``o ⊙ (Vᵀ s)``               ``s ⊙ V``
:class:`FrobeniusAdditive`    N            ``s ⊙ (V o) + o ⊙ (Vᵀ s)``   ``2 s ⊙ V``
:class:`FrobeniusMultiplic…`  N            ``s ⊙ (V o) ⊙ o ⊙ (Vᵀ s)``   ``(s ⊙ V)²``
:class:`FrobeniusOuter`       N ⊗ N        ``s ⊙ (V o) ⊗ o ⊙ (Vᵀ s)``   ``(s ⊙ V) ⊗ (s ⊙ V)``
============================  ===========  ===========================  ====================

``Categorical`` with :class:`~discojax.corpus.RelationalVerbs` is the *Relational* model of
Grefenstette & Sadrzadeh 2011 on the concrete sentence space ``N ⊗ N`` of Grefenstette et
al. 2011 (the verb is the spider joining subject to the first factor and object to the
second, with ``V`` on them); with :class:`~discojax.corpus.KroneckerVerbs` it is *Kronecker*
(``(s ⊙ v) ⊗ (o ⊙ v)``). An intransitive verb there is copied onto the diagonal of
``N ⊗ N`` (``Δ``), which keeps its cosines those of ``s ⊙ V``. The Copy-Subject and
Copy-Object models are those of Kartsaklis, Sadrzadeh & Pulman 2012; the three Frobenius
combinations those of Kartsaklis & Sadrzadeh 2014 and Milajevs et al. 2014: additive is the
sum of the two tensors (one functor), multiplicative and outer are the product functor
``CopySubject ⊗ CopyObject`` read out by the Frobenius multiplication ``μ`` or as it is.

*Add is a functor too*: its spaces are ``N ⊗ D``, ``D = R[ε]/(ε²)`` the dual numbers (a
commutative Frobenius algebra). A word ``w`` is ``1 + εw`` in each coordinate, a verb is
multiplication by it, so a sentence is ``Π(1 + εw) = 1 + ε Σ w`` and the read-out keeps the
``ε`` part.

Word classes are those of the bundled English grammar. Beyond nouns and verbs, function words
are Frobenius spiders, modifiers sit on their head's spider, the copula joins subject and
complement (:mod:`discojax.semantics.corpus._constructions`, and the table of construction x
model in ``docs/corpus.md``); a class a model has no meaning for, and negation in every model,
is a :class:`~discojax.errors.CompileError`.

>>> import numpy as np
>>> from discojax.grammar import parse
>>> from discojax.corpus import KroneckerVerbs, WordVectors, meanings
>>> vectors = WordVectors.from_array([[1.0, 2.0], [3.0, 1.0], [1.0, 1.0]],
...                                  ["alice", "loves", "bob"])
>>> meanings(Categorical(vectors, KroneckerVerbs(vectors)), [parse("Alice loves Bob")])[0]
array([[9., 3.],
       [6., 2.]])
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar

import numpy as np

from discojax.errors import CompileError
from discojax.grammar._classes import LexicalEntry
from discojax.semantics.corpus._constructions import (
    COPULAS,
    FUNCTION_WORDS,
    INTRANSITIVE,
    MODIFIERS,
    NEGATIONS,
    NOUNS,
    TRANSITIVE,
    copula_term,
    dual_term,
    negation_error,
    spider_term,
)
from discojax.semantics.corpus._functor import Term
from discojax.semantics.corpus._vectors import WordVectors
from discojax.semantics.corpus._verbs import VerbSource


@dataclass(frozen=True, eq=False)
class _Model:
    vectors: WordVectors
    name: str = field(default="", kw_only=True)
    title: ClassVar[str] = "model"

    def __post_init__(self) -> None:
        if not self.name:
            object.__setattr__(self, "name", self.title)

    def dims(self, base: str) -> tuple[int, ...]:
        return (self.vectors.dim,)

    def noun(self, word: str) -> tuple[Term, ...]:
        return (Term((0,), (((0,), self.vectors[word]),)),)

    def transitive(self, verb: str) -> tuple[Term, ...]:
        raise NotImplementedError

    def intransitive(self, verb: str) -> tuple[Term, ...]:
        raise NotImplementedError

    def modifier(self, entry: LexicalEntry) -> tuple[Term, ...]:
        """An adjective, adverb or noun-attached preposition: its vector on its head's spider."""
        return (spider_term(entry, self.dims, self.vectors[entry.word]),)

    def function_word(self, entry: LexicalEntry) -> tuple[Term, ...]:
        """A determiner, auxiliary, relative pronoun or coordinator: Frobenius spiders."""
        return (spider_term(entry, self.dims),)

    def copula(self, entry: LexicalEntry) -> tuple[Term, ...]:
        """The copula: subject and complement joined into the sentence space."""
        return (copula_term(entry, self.dims, self.name),)

    def other(self, entry: LexicalEntry) -> tuple[Term, ...]:
        """A word of a class the model has no meaning for: an error naming it."""
        raise CompileError(
            f"{self.name} has no meaning for {entry.word!r} of class {entry.word_class!r} "
            "(see the table of constructions in docs/corpus.md)"
        )

    def word(self, entry: LexicalEntry) -> tuple[Term, ...]:
        """The tensor of one word, by its class (see :mod:`._constructions`).

        >>> v = WordVectors.from_array([[1.0]], ["man"])
        >>> Multiplicative(v).word(LexicalEntry("man", "noun", (("n", 0),)))[0].wires
        (0,)
        >>> CopySubject(v).word(LexicalEntry("man", "ditransitive_verb", ()))
        Traceback (most recent call last):
        ...
        discojax.errors.CompileError: Copy-Subject has no meaning for 'man' of class 'ditransitive_verb' (see the table of constructions in docs/corpus.md)
        """
        word_class = entry.word_class
        if word_class in NEGATIONS:
            raise negation_error(entry, self.name)
        if word_class in NOUNS:
            return self.noun(entry.word)
        if word_class in FUNCTION_WORDS:
            return self.function_word(entry)
        if word_class in COPULAS:
            return self.copula(entry)
        if word_class in TRANSITIVE:
            return self.transitive(entry.word)
        if word_class in INTRANSITIVE:
            return self.intransitive(entry.word)
        if word_class in MODIFIERS:
            return self.modifier(entry)
        return self.other(entry)

    def readout(self, meaning: Any) -> Any:
        """The sentence meaning as it is (most models).

        >>> Multiplicative(WordVectors.from_array([[1.0]], ["a"])).readout(np.ones(2))
        array([1., 1.])
        """
        return meaning


@dataclass(frozen=True, eq=False)
class VerbOnly(_Model):
    """The baseline: a sentence means its verb's vector (``F(n)`` is one-dimensional).

    >>> from discojax.grammar import parse
    >>> from discojax.corpus import meanings
    >>> v = WordVectors.from_array([[1.0, 2.0], [3.0, 4.0]], ["man", "runs"])
    >>> meanings(VerbOnly(v), [parse("the man runs")])
    array([[3., 4.]])
    """

    title: ClassVar[str] = "Verb only"

    def dims(self, base: str) -> tuple[int, ...]:
        return (1,) if base == "n" else (self.vectors.dim,)

    def noun(self, word: str) -> tuple[Term, ...]:
        return (Term((0,), (((0,), np.ones(1)),)),)

    def transitive(self, verb: str) -> tuple[Term, ...]:
        v = self.vectors[verb]
        return (Term((0, 1, 2), (((0, 1, 2), v.reshape(1, -1, 1)),)),)

    def intransitive(self, verb: str) -> tuple[Term, ...]:
        return (Term((0, 1), (((0, 1), self.vectors[verb].reshape(1, -1)),)),)

    def modifier(self, entry: LexicalEntry) -> tuple[Term, ...]:
        """Adjectives and adverbs are ignored: only the verb counts."""
        return self.function_word(entry)


@dataclass(frozen=True, eq=False)
class Additive(_Model):
    """Add (Mitchell & Lapata 2008): ``s + v + o``, as a functor into ``N ⊗ D`` (dual numbers).

    >>> from discojax.grammar import parse
    >>> from discojax.corpus import meanings
    >>> v = WordVectors.from_array([[1.0, 2.0], [3.0, 4.0]], ["man", "runs"])
    >>> meanings(Additive(v), [parse("the man runs")])
    array([[4., 6.]])
    """

    title: ClassVar[str] = "Add"

    def dims(self, base: str) -> tuple[int, ...]:
        return (self.vectors.dim, 2)

    def word(self, entry: LexicalEntry) -> tuple[Term, ...]:
        """Any word: the product of its inputs times ``1 + εw`` (see :func:`dual_term`).

        >>> from discojax.grammar import parse_type
        >>> v = WordVectors.from_array([[2.0]], ["big"])
        >>> Additive(v).word(LexicalEntry("big", "adjective", parse_type("n n.l")))[0].wires
        (0, 1, 0, 2)
        """
        word_class = entry.word_class
        if word_class in NEGATIONS:
            raise negation_error(entry, self.name)
        if word_class in FUNCTION_WORDS or word_class in COPULAS:
            return (dual_term(entry, self.vectors.dim),)
        return (dual_term(entry, self.vectors.dim, self.vectors[entry.word]),)

    def readout(self, meaning: Any) -> Any:
        """The ``ε`` part of ``1 + ε Σ w``: the sum of the word vectors.

        >>> Additive(WordVectors.from_array([[1.0]], ["a"])).readout(np.array([[1.0, 5.0]]))
        array([5.])
        """
        return meaning[..., 1]


@dataclass(frozen=True, eq=False)
class Multiplicative(_Model):
    """Multiply (Mitchell & Lapata 2008): every word a spider, so ``s ⊙ v ⊙ o``.

    >>> from discojax.grammar import parse
    >>> from discojax.corpus import meanings
    >>> v = WordVectors.from_array([[1.0, 2.0], [3.0, 4.0]], ["man", "runs"])
    >>> meanings(Multiplicative(v), [parse("man runs")])
    array([[3., 8.]])
    """

    title: ClassVar[str] = "Multiply"

    def transitive(self, verb: str) -> tuple[Term, ...]:
        return (Term((0, 0, 0), (((0,), self.vectors[verb]),)),)

    def intransitive(self, verb: str) -> tuple[Term, ...]:
        return (Term((0, 0), (((0,), self.vectors[verb]),)),)

    def other(self, entry: LexicalEntry) -> tuple[Term, ...]:
        """Any other content word (a ditransitive verb, a preposition): one spider on all
        its wires, with its vector."""
        wires = sum(len(self.dims(base)) for base, _ in entry.type)
        return (Term((0,) * wires, (((0,), self.vectors[entry.word]),)),)


@dataclass(frozen=True, eq=False)
class _VerbModel(_Model):
    verbs: VerbSource | None = None

    def tensor(self, verb: str, arity: int) -> Any:
        if self.verbs is None:
            raise CompileError(f"{self.name} needs a verb source (relational, Kronecker, …)")
        return self.verbs(verb, arity)

    def intransitive(self, verb: str) -> tuple[Term, ...]:
        return (Term((0, 0), (((0,), self.tensor(verb, 1)),)),)


@dataclass(frozen=True, eq=False)
class Categorical(_VerbModel):
    """``V ⊙ (s ⊗ o)`` on the concrete sentence space ``N ⊗ N``.

    Relational with :class:`~discojax.corpus.RelationalVerbs`, Kronecker with
    :class:`~discojax.corpus.KroneckerVerbs` (see :func:`relational`, :func:`kronecker`).

    >>> from discojax.grammar import parse
    >>> from discojax.corpus import TableVerbs, meanings
    >>> v = WordVectors.from_array([[1.0, 2.0], [3.0, 4.0]], ["man", "dog"])
    >>> verbs = TableVerbs({"bites": np.array([[1.0, 0.0], [0.0, 10.0]])})
    >>> meanings(Categorical(v, verbs=verbs), [parse("man bites dog")])[0]
    array([[ 3.,  0.],
           [ 0., 80.]])
    """

    title: ClassVar[str] = "Categorical"

    def dims(self, base: str) -> tuple[int, ...]:
        d = self.vectors.dim
        return (d, d) if base == "s" else (d,)

    def transitive(self, verb: str) -> tuple[Term, ...]:
        return (Term((0, 0, 1, 1), (((0, 1), self.tensor(verb, 2)),)),)

    def intransitive(self, verb: str) -> tuple[Term, ...]:
        return (Term((0, 0, 0), (((0,), self.tensor(verb, 1)),)),)


@dataclass(frozen=True, eq=False)
class CopySubject(_VerbModel):
    """Copy-Subject: ``s ⊙ (V o)``, the subject wire copied onto the sentence.

    >>> from discojax.grammar import parse
    >>> from discojax.corpus import TableVerbs, meanings
    >>> v = WordVectors.from_array([[1.0, 2.0], [3.0, 4.0]], ["man", "dog"])
    >>> verbs = TableVerbs({"bites": np.array([[1.0, 0.0], [1.0, 1.0]])})
    >>> meanings(CopySubject(v, verbs=verbs), [parse("man bites dog")])
    array([[ 3., 14.]])
    """

    title: ClassVar[str] = "Copy-Subject"

    def transitive(self, verb: str) -> tuple[Term, ...]:
        return (Term((0, 0, 1), (((0, 1), self.tensor(verb, 2)),)),)


@dataclass(frozen=True, eq=False)
class CopyObject(_VerbModel):
    """Copy-Object: ``o ⊙ (Vᵀ s)``, the object wire copied onto the sentence.

    >>> from discojax.grammar import parse
    >>> from discojax.corpus import TableVerbs, meanings
    >>> v = WordVectors.from_array([[1.0, 2.0], [3.0, 4.0]], ["man", "dog"])
    >>> verbs = TableVerbs({"bites": np.array([[1.0, 0.0], [1.0, 1.0]])})
    >>> meanings(CopyObject(v, verbs=verbs), [parse("man bites dog")])
    array([[9., 8.]])
    """

    title: ClassVar[str] = "Copy-Object"

    def transitive(self, verb: str) -> tuple[Term, ...]:
        return (Term((0, 1, 1), (((0, 1), self.tensor(verb, 2)),)),)


@dataclass(frozen=True, eq=False)
class FrobeniusAdditive(_VerbModel):
    """Frobenius additive: Copy-Subject + Copy-Object, one tensor (a sum of two terms).

    >>> from discojax.grammar import parse
    >>> from discojax.corpus import TableVerbs, meanings
    >>> v = WordVectors.from_array([[1.0, 2.0], [3.0, 4.0]], ["man", "dog"])
    >>> verbs = TableVerbs({"bites": np.array([[1.0, 0.0], [1.0, 1.0]])})
    >>> meanings(FrobeniusAdditive(v, verbs=verbs), [parse("man bites dog")])
    array([[12., 22.]])
    """

    title: ClassVar[str] = "Frobenius additive"

    def transitive(self, verb: str) -> tuple[Term, ...]:
        matrix = self.tensor(verb, 2)
        return (Term((0, 0, 1), (((0, 1), matrix),)), Term((0, 1, 1), (((0, 1), matrix),)))

    def intransitive(self, verb: str) -> tuple[Term, ...]:
        return super().intransitive(verb) * 2


def relational(vectors: WordVectors, verbs: VerbSource) -> Categorical:
    """The Relational model (Grefenstette & Sadrzadeh 2011): Categorical, relational verbs.

    >>> from discojax.corpus import RelationalVerbs, read_triples
    >>> v = WordVectors.from_array(np.eye(2), ["man", "dog"])
    >>> relational(v, RelationalVerbs(v, read_triples(["man bites dog"]))).name
    'Relational'
    """
    return Categorical(vectors, name="Relational", verbs=verbs)


def kronecker(vectors: WordVectors) -> Categorical:
    """The Kronecker model (Grefenstette & Sadrzadeh, GEMS 2011): ``V = v ⊗ v``.

    >>> kronecker(WordVectors.from_array([[1.0]], ["bites"])).name
    'Kronecker'
    """
    from discojax.semantics.corpus._verbs import KroneckerVerbs

    return Categorical(vectors, name="Kronecker", verbs=KroneckerVerbs(vectors))
