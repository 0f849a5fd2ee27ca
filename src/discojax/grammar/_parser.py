"""A chart parser for pregroup grammars: planar reductions to a target type.

Every word may have several types. The parser lays each word's alternatives side by side in a
lattice of simple-type *nodes* (a path through the lattice picks one type per word) and fills
one chart: ``reach[p]`` is the set of nodes ``q`` such that some path from ``p`` to ``q`` has
all nodes strictly between them cancelled by planar cups. The recurrence

    reach[p] = succ(p) ∪ ⋃ { reach[r] : x ∈ succ(p), r ∈ reach[x], x and r cancel }

reads "the first node after ``p`` is cupped to some ``r``; what lies between them reduces, and
so does what follows ``r``". Sets are bit masks, so a chart costs at most cubic time in the
number of nodes. A sentence parses to the target ``t1 … tk`` when a chain ``START → u1 → … →
uk → END`` of reachable nodes carries exactly those types, each left uncovered by any cup.

**Which parse is preferred.** Word by word from the left, each word takes the first entry in
lexicon order (the earliest class in the grammar file) that still lets the sentence parse; with
the types so fixed, each simple type is cupped to the nearest partner that works.

>>> from discojax.grammar import load_lexicon
>>> parser = Parser(load_lexicon("english"))
>>> parser.parse("the man who cooks dinner runs").word_classes
('determiner', 'noun', 'subject_relative_pronoun', 'transitive_verb', 'noun', 'intransitive_verb')
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from discojax.errors import ParseError
from discojax.grammar._lexicon import LexicalEntry, Lexicon
from discojax.grammar._parse import Parse
from discojax.grammar._tokenize import tokenize
from discojax.grammar._types import SimpleType, Type, cancels, format_type, parse_type


@dataclass(frozen=True)
class _Lattice:
    """Nodes of every word alternative; node 0 is START, the last node is END."""

    simple: tuple[SimpleType | None, ...]  # None for START and END
    word: tuple[int, ...]  # word index of each node (-1 START, n END)
    alt: tuple[int, ...]  # alternative (entry index) of each node
    succ: tuple[int, ...]  # successor mask of each node
    cancel: tuple[int, ...]  # mask of later nodes that cancel with each node


def _build_lattice(alternatives: Sequence[Sequence[LexicalEntry]]) -> _Lattice:
    simple: list[SimpleType | None] = [None]
    word, alt = [-1], [-1]
    firsts: list[list[int]] = []  # first node of each alternative, per word
    lasts: list[list[int]] = []
    for i, entries in enumerate(alternatives):
        firsts.append([])
        lasts.append([])
        for a, entry in enumerate(entries):
            firsts[i].append(len(simple))
            for s in entry.type:
                simple.append(s)
                word.append(i)
                alt.append(a)
            lasts[i].append(len(simple) - 1)
    end = len(simple)
    simple.append(None)
    word.append(len(alternatives))
    alt.append(-1)

    succ = [0] * len(simple)
    succ[0] = _mask(firsts[0]) if firsts else 1 << end
    for node in range(1, end):
        i = word[node]
        if node in lasts[i]:
            succ[node] = _mask(firsts[i + 1]) if i + 1 < len(alternatives) else 1 << end
        else:
            succ[node] = 1 << (node + 1)
    cancel = [0] * len(simple)
    for x in range(1, end):
        for r in range(x + 1, end):
            if cancels(simple[x], simple[r]):  # type: ignore[arg-type]
                cancel[x] |= 1 << r
    return _Lattice(tuple(simple), tuple(word), tuple(alt), tuple(succ), tuple(cancel))


def _mask(nodes: Sequence[int]) -> int:
    mask = 0
    for node in nodes:
        mask |= 1 << node
    return mask


def _bits(mask: int) -> Iterator[int]:
    while mask:
        low = mask & -mask
        yield low.bit_length() - 1
        mask ^= low


def _chart(lattice: _Lattice) -> list[int]:
    """``reach[p]`` for every node, filled from the last node back."""
    n = len(lattice.simple)
    reach = [0] * n
    for p in range(n - 1, -1, -1):
        result = lattice.succ[p]
        for x in _bits(lattice.succ[p]):
            for r in _bits(reach[x] & lattice.cancel[x]):
                result |= reach[r]
        reach[p] = result
    return reach


def _top_level(lattice: _Lattice, reach: list[int], target: Type) -> list[int]:
    """``layers[j]``: nodes that can be the j-th uncovered node, given the previous ones."""
    end = len(lattice.simple) - 1
    layers = [1]  # START
    for t in target:
        frontier = 0
        for u in _bits(layers[-1]):
            frontier |= reach[u]
        layers.append(_mask([v for v in _bits(frontier) if lattice.simple[v] == t]))
    final = 0
    for u in _bits(layers[-1]):
        if reach[u] >> end & 1:
            final |= 1 << u
    layers[-1] = final
    return layers


class Parser:
    """Parses text with a lexicon into :class:`Parse` objects (and DisCoPy diagrams).

    Args:
        lexicon: the words and their types.

    >>> from discojax.grammar import load_lexicon
    >>> parser = Parser(load_lexicon("english"))
    >>> parser.parse("tasty meal", target="n").cups
    ((1, 2),)
    >>> len(parser.parse_all("Alice sees man in house"))
    2
    """

    def __init__(self, lexicon: Lexicon):
        self.lexicon = lexicon

    def _alternatives(self, words: Sequence[str]) -> list[tuple[LexicalEntry, ...]]:
        return [self.lexicon.entries(w, position=i) for i, w in enumerate(words)]

    def _target(self, target: str | Type) -> Type:
        return parse_type(target, self.lexicon.basic_types) if isinstance(target, str) else target

    def parse(self, text: str | Sequence[str], target: str | Type = "s") -> Parse:
        """The preferred parse of ``text`` to ``target`` (see the module for the rule).

        Args:
            text: a sentence, or a list of words already tokenised.
            target: the type to reduce to, ``"s"`` for sentences, ``"n"`` for noun phrases.

        Raises:
            UnknownWordError: a word the lexicon lacks (with its position).
            ParseError: no planar reduction to the target exists.

        >>> from discojax.grammar import load_lexicon
        >>> Parser(load_lexicon("english")).parse("man the")
        Traceback (most recent call last):
        ...
        discojax.errors.ParseError: no parse of 'man the' to type s; ...
        """
        words = tokenize(text) if isinstance(text, str) else list(text)
        goal = self._target(target)
        alternatives = self._alternatives(words)
        if not self._parses(alternatives, goal):
            raise self._error(words, alternatives, goal)
        for i in range(len(alternatives)):
            if len(alternatives[i]) == 1:
                continue
            for entry in alternatives[i]:
                trial = [*alternatives[:i], (entry,), *alternatives[i + 1 :]]
                if self._parses(trial, goal):
                    alternatives = trial
                    break
        return next(self._derivations(alternatives, goal))

    def parse_all(
        self, text: str | Sequence[str], target: str | Type = "s", limit: int = 1000
    ) -> list[Parse]:
        """Every parse of ``text`` to ``target`` (at most ``limit``), the preferred first.

        >>> from discojax.grammar import load_lexicon
        >>> parses = Parser(load_lexicon("english")).parse_all("Alice sees man in house")
        >>> [p.word_classes[3] for p in parses]
        ['noun_preposition', 'verb_preposition']
        """
        words = tokenize(text) if isinstance(text, str) else list(text)
        goal = self._target(target)
        alternatives = self._alternatives(words)
        found = list(itertools.islice(self._derivations(alternatives, goal), limit))
        if not found:
            raise self._error(words, alternatives, goal)
        preferred = self.parse(words, goal)
        return [preferred, *(p for p in found if p != preferred)][:limit]

    def _parses(self, alternatives: Sequence[Sequence[LexicalEntry]], goal: Type) -> bool:
        lattice = _build_lattice(alternatives)
        return _top_level(lattice, _chart(lattice), goal)[-1] != 0

    def _derivations(
        self, alternatives: Sequence[Sequence[LexicalEntry]], goal: Type
    ) -> Iterator[Parse]:
        """All derivations, nearest cups first; each is a distinct (types, cups) pair."""
        if not alternatives:
            return
        lattice = _build_lattice(alternatives)
        reach = _chart(lattice)
        layers = _top_level(lattice, reach, goal)
        end = len(lattice.simple) - 1

        def between(p: int, q: int) -> Iterator[tuple[list[int], list[tuple[int, int]]]]:
            """Paths p → q whose inner nodes all cancel: (inner nodes, cups)."""
            if lattice.succ[p] >> q & 1:
                yield [], []
            for x in _bits(lattice.succ[p]):
                for r in _bits(reach[x] & lattice.cancel[x]):
                    if not reach[r] >> q & 1:
                        continue
                    for inner, cups in between(x, r):
                        for rest, rest_cups in between(r, q):
                            yield [x, *inner, r, *rest], [(x, r), *cups, *rest_cups]

        def chains(j: int, u: int) -> Iterator[tuple[list[int], list[int], list]]:
            """Top-level chains from the j-th uncovered node ``u`` to END."""
            if j == len(goal):
                for inner, cups in between(u, end):
                    yield [], inner, cups
                return
            for v in _bits(reach[u] & layers[j + 1]):
                for inner, cups in between(u, v):
                    for outs, rest, rest_cups in chains(j + 1, v):
                        yield [v, *outs], [*inner, v, *rest], [*cups, *rest_cups]

        for outputs, nodes, cups in chains(0, 0):
            yield self._assemble(lattice, alternatives, outputs, nodes, cups)

    @staticmethod
    def _assemble(
        lattice: _Lattice,
        alternatives: Sequence[Sequence[LexicalEntry]],
        outputs: list[int],
        nodes: list[int],
        cups: list[tuple[int, int]],
    ) -> Parse:
        position = {node: k for k, node in enumerate(sorted(nodes))}
        entries = [alternatives[i][-1] for i in range(len(alternatives))]
        for node in nodes:
            entries[lattice.word[node]] = alternatives[lattice.word[node]][lattice.alt[node]]
        return Parse(
            entries=tuple(entries),
            cups=tuple(sorted((position[a], position[b]) for a, b in cups)),
            outputs=tuple(position[u] for u in outputs),
        )

    @staticmethod
    def _error(
        words: Sequence[str], alternatives: Sequence[Sequence[LexicalEntry]], goal: Type
    ) -> ParseError:
        first = [entries[0] for entries in alternatives]
        left = _greedy_reduce([s for e in first for s in e.type])
        typing = ", ".join(f"{e.word}: {format_type(e.type)}" for e in first)
        return ParseError(
            f"no parse of {' '.join(words)!r} to type {format_type(goal)}; with each word's "
            f"first type ({typing}) the types left unreduced are: "
            f"{format_type(left) if left else '(none)'}"
        )


def _greedy_reduce(simples: Sequence[SimpleType]) -> list[SimpleType]:
    """Cancel neighbours left to right with a stack: what an eager parse leaves over."""
    stack: list[SimpleType] = []
    for s in simples:
        if stack and cancels(stack[-1], s):
            stack.pop()
        else:
            stack.append(s)
    return stack
