"""RELPRON: rank every property of a split for each term; mean average precision (MAP).

Rimell, Maillard, Polajnar & Clark (2016) pair each *term* (``museum``) with relative-clause
*properties* (``building that tourist visit``). For each term of a split, all the split's
properties are ranked by the cosine of their meaning with the term's, and the average
precision of the term's own properties in that ranking is taken; MAP is its mean over terms.

A property's parse is built from its known structure, not guessed by the parser: ``head that
verb argument`` with the subject relative pronoun (``SBJ``), ``head that argument verb`` with
the object one (``OBJ``), the grammar's types of those classes, and the cups between them (the
data set gives lemmas, so "tourist visit" would otherwise be open to other readings). A term is
a noun alone. Any corpus model that composes relative pronouns scores it (see
:mod:`discojax.semantics.corpus._constructions`: in Copy-Subject ``h that V o`` is
``h ⊙ (V o)``; in Add it is ``h + v + o``).

>>> from discojax.corpus import Additive, WordVectors
>>> from discojax.data import parse_relpron
>>> task = RankingTask(parse_relpron(["SBJ pilot_N: person_N that fly_V plane_N",
...                                   "OBJ garage_N: building_N that car_N need_V"]))
>>> v = WordVectors.from_array(
...     [[1, 0], [1, 1], [1, 0], [1, 0], [0, 1], [0, 1], [0, 1], [0, 1]],
...     ["pilot", "person", "fly", "plane", "garage", "building", "car", "need"])
>>> task.evaluate(Additive(v, name="Add")).map
1.0
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from discojax.corpus._similarity import cosines
from discojax.data._phrases import RelpronProperty
from discojax.grammar import Lexicon, Parse, default_parser
from discojax.grammar._classes import LexicalEntry
from discojax.semantics.corpus._functor import CorpusFunctor, meanings

# Cups of the two property shapes, by simple-type position (head n = 0, the pronoun 1-4, ...).
_CUPS = {
    # head | that: n.r n s.l n | verb: n.r s n.l | argument: n
    "SBJ": ((0, 1), (3, 6), (4, 5), (7, 8)),
    # head | that: n.r n n.l.l s.l | argument: n | verb: n.r s n.l
    "OBJ": ((0, 1), (3, 8), (4, 7), (5, 6)),
}


def property_parse(prop: RelpronProperty, lexicon: Lexicon | None = None) -> Parse:
    """The parse of a RELPRON property, from its structure (see the module).

    >>> from discojax.data import parse_relpron
    >>> [p] = parse_relpron(["OBJ museum_N: building_N that tourist_N visit_V"])
    >>> str(property_parse(p))
    'building:n that:n.r·n·n.l.l·s.l tourist:n visit:n.r·s·n.l ⟶ n (4 cups)'
    """
    lexicon = default_parser().lexicon if lexicon is None else lexicon

    def entry(word: str, word_class: str) -> LexicalEntry:
        return LexicalEntry(word, word_class, lexicon.word_class(word_class).type)

    head, verb = entry(prop.head, "noun"), entry(prop.verb, "transitive_verb")
    argument = entry(prop.argument, "noun")
    if prop.label == "SBJ":
        entries = (head, entry("that", "subject_relative_pronoun"), verb, argument)
    else:
        entries = (head, entry("that", "object_relative_pronoun"), argument, verb)
    return Parse(entries, _CUPS[prop.label], (2,))


def average_precision(scores: Sequence[float], relevant: Sequence[bool]) -> float:
    """The average precision of the relevant items when ranked by ``scores``, best first.

    Ties are broken by the input order (a stable sort), as a ranked list must be.

    >>> average_precision([0.9, 0.8, 0.7, 0.6], [True, False, True, False])
    0.8333333333333333
    """
    order = np.argsort(-np.asarray(scores, dtype=np.float64), kind="stable")
    hits = np.asarray(relevant, dtype=bool)[order]
    if not hits.any():
        raise ValueError("no relevant item to rank")
    precision = np.cumsum(hits) / np.arange(1, len(hits) + 1)
    return float(precision[hits].mean())


@dataclass(frozen=True)
class Ranking:
    """A model's MAP on a split, and per label (SBJ, OBJ: each term's properties of that
    label ranked among all the split's properties)."""

    model: str
    map: float
    map_sbj: float
    map_obj: float
    terms: int
    properties: int
    dim: int = 0


@dataclass(frozen=True, eq=False)
class RankingTask:
    """The properties of one RELPRON split, ready to be ranked for each term."""

    properties: tuple[RelpronProperty, ...]

    def __init__(self, properties: Sequence[RelpronProperty]) -> None:
        if not properties:
            raise ValueError("a ranking task needs at least one property")
        object.__setattr__(self, "properties", tuple(properties))

    @property
    def terms(self) -> tuple[str, ...]:
        """The split's terms, in order of first appearance.

        >>> from discojax.data import parse_relpron
        >>> RankingTask(parse_relpron(["SBJ pilot_N: person_N that fly_V plane_N"])).terms
        ('pilot',)
        """
        return tuple(dict.fromkeys(p.term for p in self.properties))

    def words(self) -> tuple[str, ...]:
        """Every lemma of the terms and properties, sorted.

        >>> from discojax.data import parse_relpron
        >>> RankingTask(parse_relpron(["SBJ pilot_N: person_N that fly_V plane_N"])).words()
        ('fly', 'person', 'pilot', 'plane')
        """
        words = {w for p in self.properties for w in (p.term, p.head, p.verb, p.argument)}
        return tuple(sorted(words))

    def similarities(self, model: CorpusFunctor) -> np.ndarray:
        """The cosine of every term with every property: ``(terms, properties)``.

        >>> from discojax.corpus import Multiplicative, WordVectors
        >>> from discojax.data import parse_relpron
        >>> task = RankingTask(parse_relpron(["SBJ pilot_N: person_N that fly_V plane_N"]))
        >>> v = WordVectors.from_array([[1.0, 0.0], [1.0, 1.0], [1.0, 1.0], [2.0, 0.0]],
        ...                            ["pilot", "person", "fly", "plane"])
        >>> task.similarities(Multiplicative(v))
        array([[1.]])
        """
        props = meanings(model, [property_parse(p) for p in self.properties])
        nouns = [Parse((LexicalEntry(t, "noun", (("n", 0),)),), (), (0,)) for t in self.terms]
        terms = meanings(model, nouns)
        flat_terms = terms.reshape(len(terms), -1)
        flat_props = props.reshape(len(props), -1)
        rows = [cosines(np.broadcast_to(t, flat_props.shape), flat_props) for t in flat_terms]
        return np.stack(rows)

    def evaluate(self, model: Any) -> Ranking:
        """The model's MAP, overall and for SBJ and OBJ properties."""
        sims = self.similarities(model)
        labels = np.array([p.label for p in self.properties])
        owners = np.array([p.term for p in self.properties])
        by_label: dict[str, list[float]] = {"all": [], "SBJ": [], "OBJ": []}
        for t, term in enumerate(self.terms):
            mine = owners == term
            by_label["all"].append(average_precision(sims[t], mine))
            for label in ("SBJ", "OBJ"):
                keep = labels == label
                if (mine & keep).any():
                    by_label[label].append(average_precision(sims[t][keep], mine[keep]))
        mean = {k: float(np.mean(v)) if v else float("nan") for k, v in by_label.items()}
        name = getattr(model, "name", "model")
        # the space similarity is measured in: the read-out may shrink it (Add: N ⊗ D to N)
        dim = int(np.asarray(model.readout(np.zeros((1, *model.dims("n"))))).size)
        return Ranking(
            name,
            mean["all"],
            mean["SBJ"],
            mean["OBJ"],
            len(self.terms),
            len(self.properties),
            dim,
        )
