"""Gold supertags from gold trees: the grammar's parse whose arcs best reproduce the treebank's.

A Universal Dependencies tree says which word depends on which, not which pregroup type each
word has. The conversion searches the grammar for it: among the ``limit`` cheapest parses of
the sentence (to a sentence, a question or a fragment type), the one whose dependency arcs
(:func:`~discojax.grammar.dependency_heads`) agree with the most gold arcs, the cheapest among
equals, gives each word its *supertag*: the word class it is read with. By construction its
types reduce to its target type, and a sentence *converts completely* when its cups reproduce
every gold arc; where they do not, the relations (UD ``deprel``) of the words whose head
differs say which constructions the grammar reads another way.

Punctuation and symbols are left out (words with a letter or a digit are kept), as the
grammar's coverage measurement does.

>>> from discojax.data import parse_conllu
>>> from discojax.grammar import Parser, load_lexicon
>>> rows = ["1 Dogs dog NOUN NNS _ 2 nsubj _ _", "2 chase chase VERB VBP _ 0 root _ _",
...         "3 cats cat NOUN NNS _ 2 obj _ _", "4 . . PUNCT . _ 2 punct _ _"]
>>> [sentence] = parse_conllu(row.replace(" ", "\\t") for row in rows)
>>> gold = gold_supertags(sentence, Parser(load_lexicon("english"), unknown_words="guess"))
>>> gold.classes, gold.complete
(('noun', 'transitive_verb', 'noun'), True)
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from discojax.data import TreebankSentence, TreebankToken
from discojax.errors import ParseError
from discojax.grammar import Parser, dependency_heads

SEARCHED = 150
"""How many of a sentence's cheapest parses the conversion searches by default. On the first
700 EWT dev sentences of 3-25 words, the best-agreeing of the 30 cheapest (by costs) reproduces
78.5% of the gold arcs and of the 150 cheapest 81.5%: the tagger learns from more words, more
of them right (test agreement 73.7% with 30, 74.0% with 150), for about three times the
conversion time."""

TARGETS = "s|q|n|n.r s|s s"
"""What a treebank sentence may reduce to: a sentence, a question, or a fragment type (a noun
phrase, a verb phrase without its subject, two clauses side by side)."""


def content_words(sentence: TreebankSentence) -> tuple[list[TreebankToken], list[int]]:
    """The words the grammar reads (those with a letter or a digit) and their gold heads as
    positions among them: -1 for the root, -2 for a head that was left out.

    >>> from discojax.data import parse_conllu
    >>> rows = ["1 Hi hi INTJ UH _ 0 root _ _", "2 ! ! PUNCT . _ 1 punct _ _"]
    >>> [sentence] = parse_conllu(row.replace(" ", "\\t") for row in rows)
    >>> [t.form for t in content_words(sentence)[0]], content_words(sentence)[1]
    (['Hi'], [-1])
    """
    kept = [t for t in sentence.tokens if any(c.isalnum() for c in t.form)]
    position = {t.id: i for i, t in enumerate(kept)}
    return kept, [position.get(t.head, -2) if t.head else -1 for t in kept]


@dataclass(frozen=True)
class GoldSupertags:
    """A treebank sentence's supertags: its words, the classes of its best-agreeing parse, each
    word's gold relation, and whether that parse gives each word its gold head.

    >>> gold = GoldSupertags(("hi", "you"), ("interjection", "noun"), ("root", "vocative"),
    ...                      (True, False))
    >>> gold.agreement, gold.missed, gold.complete
    (1, ('vocative',), False)
    """

    words: tuple[str, ...]
    classes: tuple[str, ...]
    relations: tuple[str, ...]
    agrees: tuple[bool, ...]

    @property
    def agreement(self) -> int:
        """How many words the parse gives their gold head."""
        return sum(self.agrees)

    @property
    def missed(self) -> tuple[str, ...]:
        """The relations of the words whose head differs from the gold one."""
        return tuple(r for r, right in zip(self.relations, self.agrees, strict=True) if not right)

    @property
    def complete(self) -> bool:
        """Whether the parse's arcs are exactly the gold ones."""
        return all(self.agrees)


def gold_supertags(
    sentence: TreebankSentence, parser: Parser, limit: int = SEARCHED, targets: str = TARGETS
) -> GoldSupertags | None:
    """The supertags of ``sentence``'s best-agreeing parse (see the module); None when the
    grammar has no parse of it (or it has no words, or too many).

    Args:
        sentence: a gold tree.
        parser: the grammar to search (usually with ``unknown_words="guess"``).
        limit: how many of the cheapest parses are searched (:data:`SEARCHED`).
        targets: the types a sentence may reduce to.
    """
    tokens, gold = content_words(sentence)
    if not tokens:
        return None
    words = [t.form for t in tokens]
    try:
        candidates = parser.parse_all(words, targets, limit=limit)
    except ParseError:
        return None
    best, best_right = candidates[0], -1
    best_heads: tuple[int | None, ...] = ()
    for candidate in candidates:
        heads = dependency_heads(candidate, parser.lexicon)
        right = sum(h == g for h, g in zip(heads, gold, strict=True))
        if right > best_right:
            best, best_heads, best_right = candidate, heads, right
    relations = tuple(t.deprel.split(":")[0] for t in tokens)
    agrees = tuple(h == g for h, g in zip(best_heads, gold, strict=True))
    return GoldSupertags(tuple(words), best.word_classes, relations, agrees)


def conversion_report(results: Iterable[GoldSupertags | None]) -> dict[str, object]:
    """How a treebank converted: sentences, parsed, complete, arc agreement of the best parses,
    and the gold relations missed most often (``missed``: relation -> words).

    >>> gold = GoldSupertags(("a", "b"), ("x", "y"), ("nsubj", "obj"), (True, False))
    >>> report = conversion_report([gold, None])
    >>> report["sentences"], report["parsed"], report["complete"], report["agreement"]
    (2, 1, 0, 0.5)
    >>> report["missed"]
    {'obj': 1}
    """
    sentences = parsed = complete = right = words = 0
    missed: Counter[str] = Counter()
    for result in results:
        sentences += 1
        if result is None:
            continue
        parsed += 1
        complete += result.complete
        right += result.agreement
        words += len(result.words)
        missed.update(result.missed)
    return {
        "sentences": sentences,
        "parsed": parsed,
        "complete": complete,
        "agreement": right / max(words, 1),
        "missed": dict(missed.most_common()),
    }
