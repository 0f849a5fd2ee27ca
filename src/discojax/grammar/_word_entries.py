"""A word's entries: its curated classes, the form table's readings, and the unknown-word policy.

A word's entries come, cheapest first, from the grammar's curated classes (at their cost), the
form table's readings of it (each tag's classes at the ``[forms]`` penalty, more for a less
common reading), a numeral's readings by its shape when it is in neither (at the same penalty,
whatever the policy), a guess from its shape for any other word in neither when
``unknown_words="guess"``, the capitalised classes when it was written with a capital, and the
grammar's per-word costs.
:meth:`discojax.grammar.Lexicon.entries` gathers these pieces and caches the result.

>>> from discojax.grammar import WordClass
>>> noun = WordClass("noun", (("n", 0),), ("mice",), cost=0.5)
>>> word_entries("mice", [noun], (), {"noun": noun}, None, {"mice": "mouse"}, {})
(LexicalEntry(word='mice', word_class='noun', type=(('n', 0),), lemma='mouse', cost=0.5, origin='lexicon'),)
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from typing import Literal

from discojax.grammar._classes import FormsSettings, LexicalEntry, WordClass

UnknownWords = Literal["error", "guess"]
"""What to do with a word in neither the curated classes nor the form table (a numeral such
as ``2019`` is read by its shape either way, ``origin="number"``): ``"error"`` raises
:class:`~discojax.errors.UnknownWordError`; ``"guess"`` reads it by its shape (suffixes, digits,
capitals) at the grammar's ``guess_penalty``, and marks it ``origin="guess"``."""


def word_entries(
    word: str,
    curated: Sequence[WordClass],
    readings: tuple[tuple[str, str], ...],
    classes: Mapping[str, WordClass],
    forms: FormsSettings | None,
    lemmas: Mapping[str, str],
    word_costs: Mapping[str, float],
    unknown_words: UnknownWords = "error",
    capitalised: bool = False,
) -> tuple[LexicalEntry, ...]:
    """Every entry of the lower-case ``word``, cheapest first (none for an unknown word).

    Args:
        word: the word, in lower case.
        curated: the curated classes that list it, in file order.
        readings: the form table's ``(tag, lemma)`` readings of it, most common first.
        classes: every class of the grammar by name, in file order.
        forms: the grammar's ``[forms]`` settings (``None``: no form table, and no guesses).
        lemmas: the grammar's ``[lemmas]``.
        word_costs: the extra cost of each of its classes (``[grammar] word_costs``).
        unknown_words: what to do when it is neither curated nor in the form table.
        capitalised: it was written with a capital, not first in its sentence.

    >>> from discojax.grammar import WordClass
    >>> noun = WordClass("noun", (("n", 0),), ("mice",))
    >>> word_entries("mouse", [], (), {"noun": noun}, None, {}, {})
    ()
    """
    origin, penalty = "forms", forms.penalty if forms else 0.0
    if not curated and forms is not None:
        from discojax.grammar._forms import guess_readings, number_readings

        numeral = number_readings(word)  # a numeral is read by its shape, under any policy
        if readings:  # the table may read a numeral otherwise only ("3rd": JJ)
            tags = {tag for tag, _ in readings}
            readings += tuple(r for r in numeral if r[0] not in tags)
        elif numeral:
            readings, origin = numeral, "number"
        elif unknown_words == "guess":
            readings = guess_readings(word, capitalised=capitalised)
            origin, penalty = "guess", forms.guess_penalty
    found = [
        LexicalEntry(word, c.name, c.type, curated_lemma(word, c, readings, lemmas, forms), c.cost)
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
                c = classes[name]
                cost = c.cost + penalty + extra + rank * (forms.rank_penalty if forms else 0)
                lemma = lemmas.get(word, lemma)
                found.append(LexicalEntry(word, name, c.type, lemma, cost, origin))
    for c in classes.values() if capitalised and found and not closed else ():
        if c.capitalised and c.name not in seen:
            found.append(LexicalEntry(word, c.name, c.type, found[0].lemma, c.cost))
    if word_costs:
        found = [replace(e, cost=e.cost + word_costs.get(e.word_class, 0.0)) for e in found]
    return tuple(sorted(found, key=lambda e: e.cost))


def curated_lemma(
    word: str,
    word_class: WordClass,
    readings: Iterable[tuple[str, str]],
    lemmas: Mapping[str, str],
    forms: FormsSettings | None,
) -> str:
    """A curated word's lemma: its class's own, else the grammar's ``[lemmas]``, else the
    form table's for a tag of the class, else the table's first (its first verb reading for
    a class whose type has ``s``), else the word.

    >>> from discojax.grammar import WordClass
    >>> verb = WordClass("intransitive_verb", (("n", 1), ("s", 0)), ("thought",))
    >>> curated_lemma("thought", verb, [("NN", "thought"), ("VBD", "think")], {}, None)
    'think'
    """
    for form, lemma in word_class.lemmas:
        if form == word:
            return lemma
    if word in lemmas:
        return lemmas[word]
    readings = list(readings)
    for tag, lemma in readings:
        if forms and word_class.name in forms.classes_of(tag):
            return lemma
    if ("s", 0) in word_class.type:  # a verb-like class: a verb's lemma ("thought": think)
        readings = [r for r in readings if r[0].startswith("V")] or readings
    return readings[0][1] if readings else word


def nearest_words(word: str, known: Iterable[str], curated: Iterable[str]) -> list[str]:
    """Up to three ``known`` words nearest ``word``, for an unknown word's error message.

    Only words with ``word``'s first letter are candidates, or the ``curated`` words where
    none has it.

    >>> nearest_words("sauc", ["sauce", "sauces", "salt", "meal"], ["meal"])
    ['sauce', 'sauces']
    """
    candidates = [w for w in known if w[:1] == word[:1]] or list(curated)
    return difflib.get_close_matches(word, candidates, n=3)
