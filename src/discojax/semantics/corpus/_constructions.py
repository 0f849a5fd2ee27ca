"""What each grammatical construction means in the corpus models: word classes to terms.

The corpus models give content words their vectors; the grammar's other words get their
meaning from the structure of their types, as in the DisCoCat literature:

- *function words* (determiners, auxiliaries, relative pronouns, coordinators,
  complementizers, the infinitive ``to``) are Frobenius spiders: every wire of one basic type
  (and one factor space) joins one spider (:func:`spider_term`). A determiner or an
  auxiliary is then an identity; a relative pronoun copies its head noun onto the phrase and
  onto its clause's argument and *discards* the clause's sentence wire (Sadrzadeh, Clark &
  Coecke 2013: ``h ⊙ (V o)`` for "h that V o" in Copy-Subject); ``and``/``or``/``but`` merge
  their conjuncts with the Frobenius multiplication ``μ`` (an element-wise product);
- *modifiers* (adjectives, compound-noun modifiers, adverbs, noun-attached prepositions)
  sit, with their vector, on the spider of their head type: ``a ⊙ n`` for "a n";
- the *copula* joins its subject and its complement: ``s ⊙ c`` in a sentence space ``N``,
  ``s ⊗ c`` in ``N ⊗ N`` (:func:`copula_term`); a predicative adjective or preposition
  ("is happy", "is in the house") is read as an intransitive or transitive verb;
- *negation* has no meaning in any corpus model (the literature gives none): an error, never
  a silently ignored "not".

Add needs no structure at all: in its dual-number space every word multiplies what flows into
it and passes the product on (:func:`dual_term`), so any sentence is the sum of its content
words. The table of construction x model is in ``docs/corpus.md``.

>>> from discojax.grammar._classes import LexicalEntry
>>> from discojax.grammar import parse_type
>>> that = LexicalEntry("that", "subject_relative_pronoun", parse_type("n.r n s.l n"))
>>> spider_term(that, lambda base: (50,)).wires   # head = phrase = argument; s.l discarded
(0, 0, 1, 0)
"""

from __future__ import annotations

import itertools
from collections.abc import Callable

import numpy as np

from discojax.errors import CompileError
from discojax.grammar._classes import LexicalEntry
from discojax.semantics.corpus._functor import Term

#: Nouns and pronouns: a word's vector on its one wire.
NOUNS = frozenset({"noun", "pronoun"})
#: Word classes that are Frobenius spiders, with no vector of their own.
FUNCTION_WORDS = frozenset(
    {
        "determiner",
        "subject_relative_pronoun",
        "object_relative_pronoun",
        "auxiliary",
        "infinitive_marker",
        "complementizer",
        "noun_coordination",
        "sentence_coordination",
        "adjective_coordination",
        "verb_phrase_coordination",
    }
)
#: Content words that modify their head: their vector on the head's spider.
MODIFIERS = frozenset(
    {"adjective", "noun_modifier", "adverb", "sentence_adverb", "noun_preposition"}
)
#: Verbs by arity, with the predicates read as verbs ("is happy", "is in the house").
INTRANSITIVE = frozenset({"intransitive_verb", "predicative_adjective"})
TRANSITIVE = frozenset({"transitive_verb", "predicative_preposition"})
COPULAS = frozenset({"copula"})
NEGATIONS = frozenset({"negation", "noun_phrase_negation"})

Dims = Callable[[str], tuple[int, ...]]


def negation_error(entry: LexicalEntry, model: str) -> CompileError:
    """The error for a negation: no corpus model gives "not" a meaning.

    >>> from discojax.grammar import parse_type
    >>> print(negation_error(LexicalEntry("not", "negation", parse_type("n.r s s.l n")), "Add"))
    Add has no meaning for negation ('not'): the corpus models of the literature define none, and ignoring it would reverse the sentence's meaning silently
    """
    return CompileError(
        f"{model} has no meaning for negation ({entry.word!r}): the corpus models of the "
        "literature define none, and ignoring it would reverse the sentence's meaning silently"
    )


def head_base(entry: LexicalEntry) -> str:
    """The basic type a word gives back: that of its first simple type without adjoints.

    >>> from discojax.grammar import parse_type
    >>> head_base(LexicalEntry("quickly", "adverb", parse_type("s.r s")))
    's'
    """
    for base, z in entry.type:
        if z == 0:
            return base
    raise CompileError(f"{entry.word!r} ({entry.word_class}) has no simple type without adjoints")


def spider_term(entry: LexicalEntry, dims: Dims, vector: np.ndarray | None = None) -> Term:
    """A Frobenius spider per basic type and factor space, ``vector`` on the head's spiders.

    Args:
        entry: the word.
        dims: the model's factor spaces of each basic type.
        vector: the word's vector (a modifier's), put on each factor of its head type; a
            spider without one is a copy (or an identity, or with one leg a discard).

    >>> from discojax.grammar import parse_type
    >>> red = LexicalEntry("red", "adjective", parse_type("n n.l"))
    >>> term = spider_term(red, lambda base: (2,), np.array([1.0, 3.0]))
    >>> term.wires, term.factors[0][0]
    ((0, 0), (0,))
    """
    labels: dict[tuple[str, int], int] = {}
    wires = [
        labels.setdefault((base, k), len(labels))
        for base, _ in entry.type
        for k in range(len(dims(base)))
    ]
    factors: tuple[tuple[tuple[int, ...], np.ndarray], ...] = ()
    if vector is not None:
        head = head_base(entry)
        for size in dims(head):
            if size != len(vector):
                raise CompileError(
                    f"{entry.word!r} ({entry.word_class}): a vector of {len(vector)} "
                    f"dimensions on a space of {size}"
                )
        factors = tuple(((labels[(head, k)],), vector) for k in range(len(dims(head))))
    return Term(tuple(wires), factors)


def copula_term(entry: LexicalEntry, dims: Dims, model: str) -> Term:
    """The copula ``n.r s n.l``: subject and complement joined into the sentence.

    ``s ⊙ c`` when ``F(s) = F(n)``; ``s ⊗ c`` when ``F(s) = F(n) ⊗ F(n)``.

    >>> from discojax.grammar import parse_type
    >>> is_ = LexicalEntry("is", "copula", parse_type("n.r s n.l"))
    >>> copula_term(is_, lambda base: (2,), "Multiply").wires
    (0, 0, 0)
    >>> copula_term(is_, lambda base: (2, 2) if base == "s" else (2,), "Categorical").wires
    (0, 0, 1, 1)
    """
    noun, sentence = dims("n"), dims("s")
    if sentence == noun and len(noun) == 1:
        return Term((0, 0, 0))
    if sentence == noun * 2 and len(noun) == 1:
        return Term((0, 0, 1, 1))
    raise CompileError(
        f"{model} has no meaning for the copula {entry.word!r}: its sentence space {sentence} "
        f"is neither the noun space {noun} nor its square"
    )


def dual_term(entry: LexicalEntry, size: int, vector: np.ndarray | None = None) -> Term:
    """A word of the Add model: the product of its inputs, times ``1 + ε·vector``.

    Each simple type is two wires, ``N`` (one spider across the word: coordinates are
    independent) and the dual numbers ``D = R[ε]/(ε²)``. The word multiplies what flows into
    it (its odd adjoints, ``n.r``, ``s.l``) by ``1 + εv`` (by 1 for a function word) into its
    first output without adjoints, and gives the unit ``1`` to its other outputs (the argument
    a relative pronoun hands its clause), so a phrase is ``1 + ε Σ w`` over its content words.

    >>> from discojax.grammar import parse_type
    >>> runs = LexicalEntry("runs", "intransitive_verb", parse_type("n.r s"))
    >>> term = dual_term(runs, 1, np.array([5.0]))
    >>> term.wires, term.factors[0][1][0]       # D: input a, output b
    ((0, 1, 0, 2), array([[1., 5.],
           [0., 1.]]))
    """
    outputs = [j for j, (_, z) in enumerate(entry.type) if z % 2 == 0]
    inputs = [j for j, (_, z) in enumerate(entry.type) if z % 2 == 1]
    principal = next((j for j, (_, z) in enumerate(entry.type) if z == 0), None)
    if principal is None:
        raise CompileError(f"{entry.word!r} ({entry.word_class}): no output for Add's sum")
    k = len(entry.type)
    one, eps = np.zeros((2,) * k), np.zeros((2,) * k)
    for index in itertools.product((0, 1), repeat=k):
        if any(index[j] for j in outputs if j != principal):
            continue  # the other outputs are the unit, 1 = (1, 0)
        total = sum(index[j] for j in inputs)
        one[index] = float(index[principal] == total)
        eps[index] = float(index[principal] == total + 1)
    wires = tuple(w for j in range(k) for w in (0, j + 1))
    d_labels = tuple(range(1, k + 1))
    if vector is None:
        return Term(wires, ((d_labels, one),))
    if len(vector) != size:
        raise CompileError(f"{entry.word!r}: a vector of {len(vector)} dimensions, not {size}")
    tensor = np.ones(size)[(...,) + (None,) * k] * one + vector[(...,) + (None,) * k] * eps
    return Term(wires, (((0, *d_labels), tensor),))
