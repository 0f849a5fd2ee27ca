"""Synthetic corpora: seeded samples of grammatical sentences from a lexicon.

Two ways to ask for sentences:

- by **pattern**, a sequence of word-class names such as ``("adjective", "noun",
  "transitive_verb", "noun")``: the pattern's types are checked once to reduce to the target,
  then each word is drawn uniformly from its class;
- by **length**, from a small typed context-free grammar over the lexicon's classes (noun phrases
  with determiners, adjectives, prepositional phrases, subject and object relative clauses and
  coordination; verb phrases with one or two objects; adverbs, auxiliaries and sentence
  coordination). Every nonterminal has a pregroup type (``S : s``, ``NP : n``,
  ``VP : n.r s``, ...) and every production is checked, when the generator is built, to reduce
  to its left side's type; so every sentence the grammar derives parses to the target.

Productions whose word classes the lexicon lacks (or whose types do not check) are left out.
At each step, the generator picks among the productions that can still reach the requested
length (with probability proportional to their weights), then a split of the length among the
production's symbols (uniformly). Random numbers come from ``numpy.random.default_rng(seed)``:
one seed, one corpus.

>>> sentences = generate(3, length=6, seed=0)
>>> sentences  # doctest: +NORMALIZE_WHITESPACE
['readers into happiness that finish hurried', 'hundred teachers remove cars who lessened',
 'onion teaches loud restaurant by stranger']
>>> [len(s.split()) for s in sentences]
[6, 6, 6]
>>> generate(3, length=6, seed=0) == sentences
True
>>> generate(2, pattern=("adjective", "noun", "intransitive_verb"), seed=1)
['shy lip barks', 'wet milk collapses']
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache

import numpy as np

from discojax.errors import GrammarError, LimitError, ParseError
from discojax.grammar._chart import build_lattice, chart, top_level
from discojax.grammar._classes import LexicalEntry
from discojax.grammar._lexicon import Lexicon
from discojax.grammar._parser import MAX_WORDS
from discojax.grammar._types import Type, format_type, parse_type


@dataclass(frozen=True)
class Production:
    """A rule ``lhs -> rhs`` of the sentence grammar, with a relative weight.

    Symbols are nonterminal names (keys of the nonterminal types) or word-class names.

    >>> Production("VP", ("transitive_verb", "NP"), weight=3.0).rhs
    ('transitive_verb', 'NP')
    """

    lhs: str
    rhs: tuple[str, ...]
    weight: float = 1.0


ENGLISH_NONTERMINALS: Mapping[str, str] = {
    "S": "s",
    "VP": "n.r s",
    "NP": "n",
    "NOM": "n",
    "PP": "n.r n",
    "RC": "n.r n",
}
"""The type of each nonterminal of the English sentence grammar."""

ENGLISH_PRODUCTIONS: tuple[Production, ...] = (
    Production("S", ("NP", "VP"), 4.0),
    Production("S", ("S", "adverb"), 0.5),
    Production("S", ("S", "verb_preposition", "NP"), 0.5),
    Production("S", ("NP", "auxiliary", "VP"), 0.3),
    Production("S", ("S", "sentence_coordination", "S"), 0.3),
    Production("VP", ("intransitive_verb",), 2.0),
    Production("VP", ("transitive_verb", "NP"), 3.0),
    Production("VP", ("ditransitive_verb", "NP", "NP"), 0.5),
    Production("NP", ("NOM",), 3.0),
    Production("NP", ("determiner", "NOM"), 2.0),
    Production("NP", ("NP", "noun_coordination", "NP"), 0.2),
    Production("NOM", ("noun",), 4.0),
    Production("NOM", ("adjective", "NOM"), 2.0),
    Production("NOM", ("NOM", "PP"), 0.5),
    Production("NOM", ("NOM", "RC"), 0.7),
    Production("PP", ("noun_preposition", "NP"), 1.0),
    Production("RC", ("subject_relative_pronoun", "VP"), 1.0),
    Production("RC", ("object_relative_pronoun", "NP", "transitive_verb"), 1.0),
)
"""The English sentence grammar: each production's types reduce to its left side's type."""

_BLOCK = 1 << 16  # uniforms drawn at a time


class SentenceGenerator:
    """Samples sentences from a lexicon, by pattern or by length (see the module).

    Args:
        lexicon: the words and classes (the bundled English by default).
        productions: the sentence grammar; those that use a class the lexicon lacks, or whose
            types do not reduce to their left side's type, are left out.
        nonterminals: the type of each nonterminal.

    >>> gen = SentenceGenerator()
    >>> gen.min_length("s"), gen.min_length("n")
    (2, 1)
    >>> len(gen.sample(4, length=40, seed=3)[0].split())
    40
    """

    def __init__(
        self,
        lexicon: Lexicon | None = None,
        productions: Sequence[Production] = ENGLISH_PRODUCTIONS,
        nonterminals: Mapping[str, str] = ENGLISH_NONTERMINALS,
    ):
        if lexicon is None:
            from discojax.grammar import default_parser

            lexicon = default_parser().lexicon
        self.lexicon = lexicon
        self.classes = {c.name: c for c in lexicon.classes}
        self.types: dict[str, Type] = {
            name: parse_type(text, lexicon.basic_types) for name, text in nonterminals.items()
        }
        self.types.update({name: c.type for name, c in self.classes.items()})
        self.productions = tuple(p for p in productions if self._checks(p))
        self._by_lhs: dict[str, list[Production]] = {}
        for p in self.productions:
            self._by_lhs.setdefault(p.lhs, []).append(p)
        self._words = {name: np.array(c.words, dtype=object) for name, c in self.classes.items()}
        self.symbol_ids = {name: k for k, name in enumerate([*self.classes, *self._by_lhs])}
        self._feasible: dict[tuple[str, int], bool] = {}
        self._table_cache: dict[int, _Tables] = {}

    def _checks(self, production: Production) -> bool:
        """Whether every symbol is known and the right side reduces to the left side's type."""
        symbols = (production.lhs, *production.rhs)
        if not all(s in self.types for s in symbols) or production.lhs in self.classes:
            return False
        return _reduces(tuple(self.types[s] for s in production.rhs), self.types[production.lhs])

    def start_symbol(self, target: str) -> str:
        """The first nonterminal whose type is ``target``.

        >>> SentenceGenerator().start_symbol("n")
        'NP'
        """
        goal = parse_type(target, self.lexicon.basic_types)
        for name in self._by_lhs:
            if self.types[name] == goal:
                return name
        raise GrammarError(f"the sentence grammar has no symbol of type {target!r}")

    def _can(self, symbol: str, length: int) -> bool:
        """Whether ``symbol`` derives a phrase of exactly ``length`` words."""
        if symbol in self.classes:
            return length == 1 and bool(self.classes[symbol].words)
        if symbol not in self._by_lhs or length < 1:
            return False
        if (symbol, length) not in self._feasible:
            # shortest first: each size needs only the smaller ones, so no recursion builds up
            # (solving `length` alone recursed once per size: RecursionError at 170 words)
            for size in range(1, length + 1):
                if (symbol, size) not in self._feasible:
                    self._solve(size)
        return self._feasible[(symbol, length)]

    def _solve(self, length: int) -> None:
        """Feasibility of every nonterminal at ``length``: a fixpoint over unary productions."""
        for name in self._by_lhs:
            self._feasible[(name, length)] = False
        changed = True
        while changed:
            changed = False
            for name, productions in self._by_lhs.items():
                if not self._feasible[(name, length)] and any(
                    next(self._splits(p.rhs, length), None) is not None for p in productions
                ):
                    self._feasible[(name, length)] = changed = True

    def _splits(self, rhs: tuple[str, ...], length: int) -> Iterator[tuple[int, ...]]:
        """Every way to share ``length`` among ``rhs`` so that each symbol can reach its part."""
        if len(rhs) == 1:
            if self._can(rhs[0], length):
                yield (length,)
            return
        for first in range(1, length - len(rhs) + 2):
            if self._can(rhs[0], first):
                for rest in self._splits(rhs[1:], length - first):
                    yield (first, *rest)

    def min_length(self, target: str = "s") -> int:
        """The shortest sentence (or phrase) the grammar derives for ``target``.

        >>> SentenceGenerator().min_length()
        2
        """
        start = self.start_symbol(target)
        return next(length for length in range(1, 1000) if self._can(start, length))

    def _tables(self, length: int) -> _Tables:
        """Every feasible option of every nonterminal and size up to ``length``, as arrays."""
        if length not in self._table_cache:
            self._table_cache[length] = _Tables.build(self, length)
        return self._table_cache[length]

    def sample(
        self,
        n: int,
        *,
        length: int | None = None,
        pattern: Sequence[str] | None = None,
        target: str = "s",
        seed: int = 0,
    ) -> list[str]:
        """``n`` sentences of ``length`` words, or of word classes ``pattern``, to ``target``.

        Raises:
            GrammarError: an unknown class in the pattern, or no grammar symbol for the target.
            ParseError: the pattern's types do not reduce to the target.
            ValueError: neither or both of ``length`` and ``pattern``, or an unreachable length.
            LimitError: ``length`` above :data:`~discojax.grammar.MAX_WORDS`, the longest
                sentence the parser takes (the tables grow with its cube: 100 words take
                about 9 s and 14 MiB, 170 words 23 s and 43 MiB).

        >>> SentenceGenerator().sample(2, length=1, target="n", seed=0)
        ['coat', 'son']
        """
        rng = np.random.default_rng(seed)
        if (length is None) == (pattern is None):
            raise ValueError("give exactly one of length= and pattern=")
        if pattern is not None:
            return self._sample_pattern(n, tuple(pattern), target, rng)
        assert length is not None
        if length > MAX_WORDS:
            raise LimitError(
                f"length={length} is more words than the generator makes ({MAX_WORDS}, the "
                "longest sentence the parser takes)"
            )
        start = self.start_symbol(target)
        if length < 1 or not self._can(start, length):
            raise ValueError(f"the grammar derives no {target!r} phrase of {length} words")
        flat = self._tables(length).derive(self.symbol_ids[start], n, length, rng)
        return _fill(flat, list(self.classes), self._words, rng, n, length)

    def _sample_pattern(
        self, n: int, pattern: tuple[str, ...], target: str, rng: np.random.Generator
    ) -> list[str]:
        unknown = [name for name in pattern if name not in self.classes]
        if unknown:
            known = ", ".join(self.classes)
            raise GrammarError(f"no word class {unknown[0]!r} in the lexicon (known: {known})")
        goal = parse_type(target, self.lexicon.basic_types)
        types = tuple(self.classes[name].type for name in pattern)
        if not _reduces(types, goal):
            raise ParseError(
                f"pattern {' '.join(pattern)} ({' · '.join(format_type(t) for t in types)}) "
                f"does not reduce to {target}"
            )
        ids = {name: k for k, name in enumerate(self.classes)}
        flat = np.tile(np.array([ids[name] for name in pattern], dtype=np.int64), n)
        return _fill(flat, list(self.classes), self._words, rng, n, len(pattern))


@dataclass(frozen=True)
class _Tables:
    """Options of all (nonterminal, size) keys, flattened for vectorised sampling.

    Key ``k``'s options are rows ``first[k]:first[k + 1]``; ``cumulative`` holds ``k`` plus each
    option's cumulative probability, so ``searchsorted(cumulative, k + u)`` draws an option of
    key ``k`` for a uniform ``u``. Row ``o`` has ``arity[o]`` children: symbol, size, offset.
    """

    key: np.ndarray  # (n_symbols, length + 1) -> key index, -1 where infeasible
    cumulative: np.ndarray
    child_symbol: np.ndarray  # (n_options, max arity)
    child_size: np.ndarray
    child_offset: np.ndarray
    arity: np.ndarray
    n_classes: int

    @classmethod
    def build(cls, generator: SentenceGenerator, length: int) -> _Tables:
        ids = generator.symbol_ids
        width = max((len(p.rhs) for p in generator.productions), default=1)
        key = np.full((len(ids), length + 1), -1, dtype=np.int64)
        cumulative: list[float] = []
        rows: list[list[tuple[int, int, int]]] = []
        for name, symbol in ids.items():
            if name in generator.classes:
                continue
            for size in range(1, length + 1):
                options = [
                    (p, split)
                    for p in generator._by_lhs.get(name, ())
                    for split in generator._splits(p.rhs, size)
                ]
                if not options:
                    continue
                k = key[symbol, size] = int(key.max()) + 1
                counts: dict[Production, int] = {}
                for p, _ in options:
                    counts[p] = counts.get(p, 0) + 1
                total = sum(p.weight for p in counts)
                running = 0.0
                for p, split in options:
                    running += p.weight / counts[p] / total
                    cumulative.append(k + running)
                    offsets = np.cumsum((0, *split[:-1]))
                    rows.append([(ids[s], z, int(o)) for s, z, o in zip(p.rhs, split, offsets)])
                cumulative[-1] = k + 1.0
        table = np.zeros((3, len(rows), width), dtype=np.int64)
        for o, row in enumerate(rows):
            table[:, o, : len(row)] = np.array(row, dtype=np.int64).T
        return cls(
            key,
            np.array(cumulative),
            table[0],
            table[1],
            table[2],
            np.array([len(row) for row in rows], dtype=np.int64),
            len(generator.classes),
        )

    def derive(self, start: int, n: int, length: int, rng: np.random.Generator) -> np.ndarray:
        """The word classes of ``n`` derivations of ``start`` at ``length``, row by row."""
        out = np.full(n * length, -1, dtype=np.int64)
        symbol = np.full(n, start, dtype=np.int64)
        size = np.full(n, length, dtype=np.int64)
        where = np.arange(n, dtype=np.int64) * length  # absolute position of each node's start
        while symbol.size:
            leaf = symbol < self.n_classes
            out[where[leaf]] = symbol[leaf]
            symbol, size, where = symbol[~leaf], size[~leaf], where[~leaf]
            keys = self.key[symbol, size]
            option = np.searchsorted(self.cumulative, keys + rng.random(keys.size), side="right")
            arity = self.arity[option]
            mask = np.arange(self.child_symbol.shape[1]) < arity[:, None]
            symbol = self.child_symbol[option][mask]
            size = self.child_size[option][mask]
            where = (where[:, None] + self.child_offset[option])[mask]
        return out


def _fill(
    flat: np.ndarray,
    class_names: list[str],
    words: Mapping[str, np.ndarray],
    rng: np.random.Generator,
    n: int,
    length: int,
) -> list[str]:
    """Draw a word for each position from its class, and join each sentence."""
    chosen = np.empty(flat.shape, dtype=object)
    for k, name in enumerate(class_names):
        where = np.flatnonzero(flat == k)
        if where.size:
            chosen[where] = words[name][rng.integers(0, len(words[name]), size=where.size)]
    tokens = chosen.tolist()
    return [" ".join(tokens[i * length : (i + 1) * length]) for i in range(n)]


def _reduces(types: tuple[Type, ...], goal: Type) -> bool:
    """Whether the concatenation of ``types`` has a planar reduction to ``goal``."""
    lattice = build_lattice([[LexicalEntry("", "", ty)] for ty in types])
    return top_level(lattice, chart(lattice), goal)[-1] != 0


def generate(
    n: int,
    *,
    length: int | None = None,
    pattern: Sequence[str] | None = None,
    target: str = "s",
    lexicon: Lexicon | None = None,
    seed: int = 0,
) -> list[str]:
    """``n`` seeded sentences from ``lexicon`` (the bundled English by default).

    See :class:`SentenceGenerator`; give exactly one of ``length`` and ``pattern``.

    >>> from discojax.grammar import parse
    >>> [parse(s).target for s in generate(3, length=10, seed=7)]
    [(('s', 0),), (('s', 0),), (('s', 0),)]
    """
    generator = _english() if lexicon is None else SentenceGenerator(lexicon)
    return generator.sample(n, length=length, pattern=pattern, target=target, seed=seed)


@cache
def _english() -> SentenceGenerator:
    return SentenceGenerator()
