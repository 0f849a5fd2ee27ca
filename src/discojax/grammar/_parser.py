"""A weighted chart parser for pregroup grammars: the cheapest planar reduction to a target.

Every word may have several entries (:meth:`Lexicon.entries`); the parser keeps, per word, the
cheapest entry of each distinct type, lays them out as a lattice and fills a boolean chart of
which nodes reach which through planar cups (:mod:`discojax.grammar._chart`).

**Which parse is preferred: the cheapest.** A parse costs the sum of its words' entry costs
(with the bundled English grammar, ``TAGGER_WEIGHT * -log p`` of the class by the trained
supertagger, :mod:`discojax.tagger`; otherwise :attr:`LexicalEntry.cost`: the class's cost in
the grammar file, more for a form-table reading or a guess) plus, for each cup, the grammar's ``cup_cost`` times the number of words it spans,
so that near attachments win over far ones at equal entry cost, plus the grammar's cost of the
target type itself (``target_costs``: a fragment type such as ``n`` costs more than ``s``). The same recurrence as the
chart's, with minima instead of unions (Viterbi), finds it; among equally cheap parses, each
simple type is cupped to the nearest partner that works (:mod:`discojax.grammar._weighted`).
:meth:`Parser.parse_all` lists parses cheapest first.

**Reranked by arcs** (``scoring="arcs"``, :mod:`discojax.grammar._reranking`): the ``RERANKED``
cheapest parses, each also charged ``ARC_WEIGHT`` times the ``-log p`` of its dependency arcs
(:func:`~discojax.grammar.dependency_heads`) by the tagger's head scorer, which was trained on
the treebank's arcs; the cheapest of them then. Slower (the chart is searched for more parses),
and its parses agree more often with a treebank's arcs (``docs/grammar.md``).

>>> from discojax.grammar import load_lexicon
>>> parser = Parser(load_lexicon("english"))
>>> parser.parse("the man who cooks dinner runs").word_classes
('determiner', 'noun', 'subject_relative_pronoun', 'transitive_verb', 'noun', 'intransitive_verb')
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Iterator, Sequence
from itertools import islice
from typing import TYPE_CHECKING, Literal, overload

from discojax.errors import DiscojaxError, ParseError, WeightsError
from discojax.grammar._chart import SCALE, Lattice, build_lattice, chart
from discojax.grammar._classes import LexicalEntry
from discojax.grammar._lexicon import Lexicon
from discojax.grammar._parse import Parse
from discojax.grammar._reranking import reranked
from discojax.grammar._scoring import (
    BEAMS,
    TAGGER_WEIGHT,
    Scoring,
    affordable,
    beam_tier,
    tagger_readings,
)
from discojax.grammar._tokenize import split_words
from discojax.grammar._types import SimpleType, Type, cancels, format_type, parse_type
from discojax.grammar._weighted import Derivation, WeightedChart
from discojax.grammar._word_entries import UnknownWords

if TYPE_CHECKING:
    from discojax.tagger import Supertagger

MAX_WORDS = 100
"""The longest sentence the parser takes; longer ones raise :class:`ParseError` at once (the
chart is cubic in the number of types)."""


class Parser:
    """Parses text with a lexicon into :class:`Parse` objects (and DisCoPy diagrams).

    Args:
        lexicon: the words and their types.
        unknown_words: ``"error"`` (the default) or ``"guess"``; see
            :data:`~discojax.grammar.UnknownWords`.
        max_words: the longest sentence taken (:data:`MAX_WORDS` by default).
        scoring: how readings and parses are priced (:data:`~discojax.grammar._scoring.Scoring`):
            ``"tagger"`` (the default for the bundled grammar), ``"costs"`` (for every other
            lexicon) or ``"arcs"`` (the tagger's, then reranked by its head scorer).
        tagger: the supertagger (by default the bundled one, for the bundled grammar).
        tagger_weight: a reading's cost per nat of its class's ``-log p`` (:data:`TAGGER_WEIGHT`).

    Raises:
        ValueError: an unknown ``scoring``.
        WeightsError: ``scoring="arcs"`` with a ``tagger`` that has no head scorer.

    >>> from discojax.grammar import load_lexicon
    >>> parser = Parser(load_lexicon("english"))
    >>> parser.parse("tasty meal", target="n").cups
    ((1, 2),)
    >>> sorted(p.word_classes[3] for p in parser.parse_all("Alice sees man in house")[:2])
    ['noun_preposition', 'verb_preposition']
    """

    def __init__(
        self,
        lexicon: Lexicon,
        unknown_words: UnknownWords = "error",
        max_words: int = MAX_WORDS,
        scoring: Scoring | None = None,
        tagger: Supertagger | None = None,
        tagger_weight: float | None = None,
    ):
        self.lexicon = lexicon
        self.unknown_words = unknown_words
        self.max_words = max_words
        if scoring is None:
            scoring = "tagger" if tagger is not None or lexicon.name == "english" else "costs"
        if scoring not in ("tagger", "costs", "arcs"):
            raise ValueError(f'scoring must be "tagger", "costs" or "arcs", not {scoring!r}')
        self.scoring: Scoring = scoring
        if scoring == "arcs" and tagger is not None and not tagger.scores_heads:
            raise WeightsError(
                'scoring="arcs" needs a tagger with a head scorer; these weights have none '
                "(made before it): retrain them with discojax train-tagger",
                tagger.source,
            )
        self._tagger = tagger
        self._tagged: dict[tuple[str, ...], list[dict[str, float]]] = {}
        self._parsed_targets: dict[str, list[Type]] = {}  # target text -> types
        self.tagger_weight = TAGGER_WEIGHT if tagger_weight is None else tagger_weight

    @property
    def tagger(self) -> Supertagger | None:
        """The supertagger whose probabilities set the entry costs (None when scoring by costs
        only); the bundled one for the bundled grammar, loaded when first needed."""
        if self.scoring == "costs":
            return None
        if self._tagger is None:
            from discojax.tagger import bundled_tagger

            self._tagger = bundled_tagger(self.lexicon)
        return self._tagger

    def _words(self, text: str | Sequence[str]) -> list[str]:
        """The words as written (checked: some, not too many, all strings)."""
        written = split_words(text) if isinstance(text, str | bytes) else list(text)
        if not all(isinstance(word, str) for word in written):
            wrong = next(w for w in written if not isinstance(w, str))
            raise ParseError(
                f"expected text or a list of words (str), got a {type(wrong).__name__}"
            )
        if not written:
            raise ParseError(f"nothing to parse in {str(text)[:80]!r}: no words")
        if len(written) > self.max_words:
            raise ParseError(
                f"{len(written)} words is more than this parser takes ({self.max_words}); "
                "split the text into sentences, or raise max_words"
            )
        return written

    def _readings(self, written: Sequence[str]) -> list[tuple[LexicalEntry, ...]]:
        """Each word's entries in the lexicon (by the unknown-word policy)."""
        lexicon = self.lexicon
        return [
            lexicon.entries(w.lower(), i, self.unknown_words, i > 0 and w[:1].isupper())
            for i, w in enumerate(written)
        ]

    def _distinct_types(
        self, written: Sequence[str], readings: Sequence[Sequence[LexicalEntry]]
    ) -> list[tuple[LexicalEntry, ...]]:
        """Each word's entries, one per distinct type: the cheapest class of that type
        (entries come cheapest first).

        A ``clause_initial`` class is kept only where a clause starts (first in the sentence,
        or after a word that can be a clause opener), a ``clause_internal`` one only elsewhere,
        a class with ``after`` words only directly after one of them.
        """
        lexicon = self.lexicon
        alternatives = []
        clause_start = True
        for i, (word, entries) in enumerate(zip(written, readings, strict=True)):
            by_type: dict[Type, LexicalEntry] = {}
            for entry in entries:
                word_class = lexicon.word_class(entry.word_class)
                excluded = word_class.clause_internal if clause_start else word_class.clause_initial
                if word_class.after and (i == 0 or written[i - 1].lower() not in word_class.after):
                    excluded = True
                if not excluded:
                    by_type.setdefault(entry.type, entry)
            if not by_type:
                raise ParseError(
                    f"{word.lower()!r} at position {i} has only clause-initial readings "
                    f"({', '.join(e.word_class for e in entries)}) and no clause starts there"
                )
            alternatives.append(tuple(by_type.values()))
            clause_start = any(e.word_class in lexicon.clause_openers for e in entries)
        return alternatives

    def _targets(self, target: str | Type | Sequence[str | Type]) -> list[Type]:
        if isinstance(target, str):
            found = self._parsed_targets.get(target)
            if found is None:
                found = [parse_type(t, self.lexicon.basic_types) for t in target.split("|")]
                self._parsed_targets[target] = found
            return list(found)
        elif target and isinstance(target[0], tuple) and isinstance(target[0][0], str):
            found = [target]  # type: ignore[list-item]
        else:
            found = [self._targets(t)[0] for t in target]  # type: ignore[arg-type]
        return found

    def parse(
        self, text: str | Sequence[str], target: str | Type | Sequence[str | Type] = "s"
    ) -> Parse:
        """The cheapest parse of ``text`` to ``target`` (see the module for the costs).

        Args:
            text: a sentence, or a list of words already tokenised.
            target: the type to reduce to, ``"s"`` for sentences, ``"n"`` for noun phrases,
                ``"q"`` for questions; several as ``"s|q"`` (the cheapest parse to any of them;
                on a tie, the first listed).

        Raises:
            UnknownWordError: a word the lexicon lacks (with its position).
            ParseError: no planar reduction to the target exists, no words, or too many.

        >>> from discojax.grammar import load_lexicon
        >>> Parser(load_lexicon("english")).parse("man the")
        Traceback (most recent call last):
        ...
        discojax.errors.ParseError: no parse of 'man the' to type s; ...
        >>> Parser(load_lexicon("english")).parse("who loves Mary", target="s|q").target
        (('q', 0),)
        """
        return self._parses(text, target, 1, beam=True)[0]

    def _charts(
        self, alternatives: Sequence[Sequence[LexicalEntry]], goals: Sequence[Type]
    ) -> list[WeightedChart]:
        lattice = build_lattice(alternatives)
        reach = chart(lattice)
        cup_cost = round(self.lexicon.cup_cost * SCALE)
        costs = self.lexicon.target_costs
        charts: list[WeightedChart] = []
        for goal in goals:
            target_cost = round(costs.get(goal, 0.0) * SCALE)
            shared = charts[0] if charts else None
            charts.append(WeightedChart(lattice, reach, goal, cup_cost, target_cost, shared))
        return charts

    def parse_all(
        self,
        text: str | Sequence[str],
        target: str | Type | Sequence[str | Type] = "s",
        limit: int = 1000,
    ) -> list[Parse]:
        """Parses of ``text`` to ``target``, cheapest first: at most ``limit`` of them.

        Every parse is a distinct pair of types and cups: the ``limit`` cheapest, in order of
        cost (ties in the order :meth:`parse` prefers, so the first is :meth:`parse`'s). With
        a tagger, every class of every word is searched (the beam is :meth:`parse`'s shortcut),
        so each reading is there, at its cost.

        >>> from discojax.grammar import load_lexicon
        >>> parses = Parser(load_lexicon("english")).parse_all("Alice sees man in house")
        >>> sorted(p.word_classes[3] for p in parses[:2])
        ['noun_preposition', 'verb_preposition']
        >>> parses[0].cost < parses[1].cost
        True
        """
        return self._parses(text, target, limit, beam=False)

    @overload
    def parse_many(
        self,
        texts: Sequence[str | Sequence[str]],
        target: str | Type | Sequence[str | Type] = ...,
        errors: Literal["raise"] = ...,
    ) -> list[Parse]: ...

    @overload
    def parse_many(
        self,
        texts: Sequence[str | Sequence[str]],
        target: str | Type | Sequence[str | Type],
        errors: Literal["return"],
    ) -> list[Parse | DiscojaxError]: ...

    def parse_many(
        self,
        texts: Sequence[str | Sequence[str]],
        target: str | Type | Sequence[str | Type] = "s",
        errors: Literal["raise", "return"] = "raise",
    ) -> list[Parse] | list[Parse | DiscojaxError]:
        """:meth:`parse` of each text; with a tagger, every sentence is tagged first in one
        batch (padded by length bucket, one jitted program per bucket), not one by one.

        Args:
            texts: sentences, or lists of words already tokenised.
            target: as :meth:`parse`.
            errors: ``"raise"`` the first text's error, or ``"return"`` each error in its
                text's place (a corpus with some unparsable sentences).

        Raises:
            UnknownWordError, ParseError: as :meth:`parse`, prefixed with the text's index.

        >>> from discojax.grammar import load_lexicon
        >>> parser = Parser(load_lexicon("english"))
        >>> [p.word_classes for p in parser.parse_many(["Alice runs", "Bob sleeps"])]
        [('noun', 'intransitive_verb'), ('noun', 'intransitive_verb')]
        >>> [type(p).__name__ for p in parser.parse_many(["Alice runs", "man the"], "s", "return")]
        ['Parse', 'ParseError']
        """
        if errors not in ("raise", "return"):
            raise ValueError(f'errors must be "raise" or "return", not {errors!r}')
        written: list[list[str] | DiscojaxError] = []
        for k, text in enumerate(texts):
            try:
                written.append(self._words(text))
            except DiscojaxError as err:
                err.add_context(f"text {k}: ")
                if errors == "raise":
                    raise
                written.append(err)
        tagger = self.tagger
        if tagger is not None:
            tagged = [words for words in written if isinstance(words, list)]
            self._tagged = dict(
                zip(map(tuple, tagged), tagger.probabilities_batch(tagged), strict=True)
            )
        found: list[Parse | DiscojaxError] = []
        try:
            for k, words in enumerate(written):
                if isinstance(words, DiscojaxError):
                    found.append(words)
                    continue
                try:
                    found.append(self.parse(words, target))
                except DiscojaxError as err:
                    err.add_context(f"text {k}: ")
                    if errors == "raise":
                        raise
                    found.append(err)
        finally:
            self._tagged = {}
        return found

    def _parses(
        self,
        text: str | Sequence[str],
        target: str | Type | Sequence[str | Type],
        limit: int,
        beam: bool,
    ) -> list[Parse]:
        """The ``limit`` cheapest parses of every reading. With a tagger, an entry costs
        ``tagger_weight * -log p`` of its class; with ``beam``, the tiers of
        :data:`~discojax.grammar._scoring.BEAMS` are searched first (:meth:`_beam`), so the
        answer is the same, only found sooner."""
        written = self._words(text)
        goals = self._targets(target)
        readings = self._readings(written)
        tagger = self.tagger
        if tagger is None:
            alternatives = self._distinct_types(written, readings)
        else:
            tagged = self._tagged.get(tuple(written)) or tagger.probabilities(written)
            wide = tagger_readings(readings, tagged, self.tagger_weight)
            alternatives = self._distinct_types(written, wide)
            if self.scoring == "arcs":
                return self._reranked(written, goals, limit, beam, tagged, alternatives)
            if beam:
                found = self._beam(written, goals, limit, tagged, alternatives)
                if found is not None:
                    return found
        return self._found(written, goals, limit, alternatives)

    def _found(
        self,
        written: Sequence[str],
        goals: list[Type],
        limit: int,
        alternatives: Sequence[Sequence[LexicalEntry]],
    ) -> list[Parse]:
        """The ``limit`` cheapest parses of ``alternatives``; :class:`ParseError` if none."""
        found = self._cheapest(alternatives, goals, limit)
        if not found:
            raise self._error([w.lower() for w in written], alternatives, goals)
        return found

    def _reranked(
        self,
        written: Sequence[str],
        goals: list[Type],
        limit: int,
        beam: bool,
        tagged: Sequence[dict[str, float]],
        alternatives: Sequence[Sequence[LexicalEntry]],
    ) -> list[Parse]:
        """The cheapest parses reranked by the tagger's head scorer (:func:`reranked`): the
        cheapest parse first (through the beam where ``beam``), then, where it does not win at
        once, every parse no dearer than a ceiling, cheapest first, searched once among the
        readings that a parse that cheap can use."""
        tagger = self.tagger
        assert tagger is not None
        found = self._beam(written, goals, 1, tagged, alternatives) if beam else None
        first = (found or self._found(written, goals, 1, alternatives))[0]

        def up_to(ceiling: float) -> Iterator[Parse]:
            kept = self._affordable(alternatives, goals, ceiling)
            return self._in_order(kept, goals)

        log_p = tagger.head_log_probabilities(written)
        return reranked(first, up_to, log_p, self.lexicon, limit)

    def _beam(
        self,
        written: Sequence[str],
        goals: list[Type],
        limit: int,
        tagged: Sequence[dict[str, float]],
        wide: Sequence[Sequence[LexicalEntry]],
    ) -> list[Parse] | None:
        """The ``limit`` cheapest parses, found by searching each beam's tier of readings in
        turn until one finds that many (or holds every reading), then only the alternatives of
        ``wide`` (every word's) that could still beat them; None when no tier finds that many
        and some reading lies outside them.

        Each tier keeps a subset of ``wide``, so a parse through no alternative
        :func:`~discojax.grammar._scoring.affordable` at the tier's cost is dearer, and the
        answer is the cheapest parse of ``wide``.
        """
        searched: list[tuple[LexicalEntry, ...]] | None = None
        for level in BEAMS:
            narrow = beam_tier(wide, tagged, level)
            if narrow == searched or not all(narrow):  # nothing new, or a word left nothing
                continue
            searched = narrow
            found = self._cheapest(narrow, goals, limit)
            if len(found) < limit:  # parses beyond the tier may be among the first `limit`
                if not _within(wide, narrow):
                    continue
                if not found:  # the beam held every reading: nothing parses
                    raise self._error([w.lower() for w in written], narrow, goals)
                return found
            kept = self._affordable(wide, goals, found[-1].cost)
            return found if _within(kept, narrow) else self._cheapest(kept, goals, limit)
        return None

    def _cheapest(
        self, alternatives: Sequence[Sequence[LexicalEntry]], goals: list[Type], limit: int
    ) -> list[Parse]:
        charts = self._charts(alternatives, goals)
        lattice = charts[0].lattice
        if limit == 1:  # the Viterbi minimum per target: no best-first search needed
            found = [d for d in (weighted.cheapest() for weighted in charts) if d is not None]
            best = min(found, key=lambda d: d.cost, default=None)  # first target on a tie
            return [] if best is None else [self._assemble(lattice, alternatives, best)]
        return list(islice(self._in_order(alternatives, goals, charts), limit))

    def _in_order(
        self,
        alternatives: Sequence[Sequence[LexicalEntry]],
        goals: list[Type],
        charts: list[WeightedChart] | None = None,
    ) -> Iterator[Parse]:
        """Every parse of ``alternatives``, cheapest first (found as they are asked for)."""
        charts = charts or self._charts(alternatives, goals)
        lattice = charts[0].lattice
        merged = heapq.merge(*(_keyed(k, weighted) for k, weighted in enumerate(charts)))
        return (self._assemble(lattice, alternatives, d) for *_, d in merged)

    def _affordable(
        self, alternatives: Sequence[Sequence[LexicalEntry]], goals: list[Type], ceiling: float
    ) -> list[tuple[LexicalEntry, ...]]:
        """The alternatives a parse to ``goals`` costing at most ``ceiling`` can use (all of
        them for an infinite ceiling)."""
        if ceiling == math.inf:
            return [tuple(entries) for entries in alternatives]
        lexicon = self.lexicon
        return affordable(
            alternatives,
            ceiling,
            min(lexicon.target_costs.get(goal, 0.0) for goal in goals),
            max(len(goal) for goal in goals),
            lexicon.cup_cost,
        )

    def _assemble(
        self,
        lattice: Lattice,
        alternatives: Sequence[Sequence[LexicalEntry]],
        derivation: Derivation,
    ) -> Parse:
        position = {node: k for k, node in enumerate(derivation.nodes)}
        entries = [alternatives[i][-1] for i in range(len(alternatives))]
        for node in derivation.nodes:
            entries[lattice.word[node]] = alternatives[lattice.word[node]][lattice.alt[node]]
        return Parse(
            entries=tuple(entries),
            cups=tuple(sorted((position[a], position[b]) for a, b in derivation.cups)),
            outputs=tuple(position[u] for u in derivation.outputs),
            cost=derivation.cost / SCALE,
        )

    @staticmethod
    def _error(
        words: Sequence[str], alternatives: Sequence[Sequence[LexicalEntry]], goals: list[Type]
    ) -> ParseError:
        first = [entries[0] for entries in alternatives]
        left = _greedy_reduce([s for e in first for s in e.type])
        typing = ", ".join(f"{e.word}: {format_type(e.type)}" for e in first)
        return ParseError(
            f"no parse of {' '.join(words)!r} to type "
            f"{' or '.join(format_type(g) for g in goals)}; with each word's "
            f"cheapest type ({typing}) the types left unreduced are: "
            f"{format_type(left) if left else '(none)'}"
        )


def _within(
    alternatives: Sequence[Sequence[LexicalEntry]], searched: Sequence[Sequence[LexicalEntry]]
) -> bool:
    """Every word's alternatives are among those ``searched`` (at the same costs)."""
    return all(set(a) <= set(s) for a, s in zip(alternatives, searched, strict=True))


def _keyed(k: int, weighted: WeightedChart) -> Iterator[tuple[int, int, int, Derivation]]:
    """Derivations keyed for merging, in order: cost, the target's rank, then their order."""
    for n, derivation in enumerate(weighted.in_order_of_cost()):
        yield derivation.cost, k, n, derivation


def _greedy_reduce(simples: Sequence[SimpleType]) -> list[SimpleType]:
    """Cancel neighbours left to right with a stack: what an eager parse leaves over."""
    stack: list[SimpleType] = []
    for s in simples:
        if stack and cancels(stack[-1], s):
            stack.pop()
        else:
            stack.append(s)
    return stack
