"""Rewrite rules on boxes, and the rewriter that applies them to every box of a diagram.

A *rule* is anything with two methods: ``matches(box) -> bool`` and ``rewrite(box) ->
Diagram``, the replacement having the box's domain and codomain. A :class:`Rewriter` is the
pregroup functor that sends each box to the rewrite of the first rule that matches it, and
leaves the other boxes alone; since it is a functor, it rewrites a composite diagram piece by
piece:

>>> from discopy.grammar.pregroup import Cap, Cup, Ty, Word
>>> n = Ty("n")
>>> class TheIsACap:
...     def matches(self, box): return box.name == "the"
...     def rewrite(self, box): return Cap(n, n.l)
>>> rewriter = Rewriter((TheIsACap(),))
>>> rewriter(Word("the", n @ n.l) @ Word("man", n)) == Cap(n, n.l) @ Word("man", n)
True
>>> first, then = Word("the", n @ n.l) @ Word("dog", n), n @ Cup(n.l, n)
>>> assert rewriter(first >> then) == rewriter(first) >> rewriter(then)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from discopy.grammar import pregroup

from discojax.grammar import Lexicon, default_parser
from discojax.grammar._types import to_discopy


@runtime_checkable
class Rule(Protocol):
    """A rewrite rule: which boxes it applies to, and what each becomes.

    >>> from discojax.rewrite import DeterminerRule
    >>> isinstance(DeterminerRule(), Rule)
    True
    """

    def matches(self, box: pregroup.Box) -> bool:
        """Whether the rule rewrites ``box``.

        >>> from discopy.grammar.pregroup import Ty, Word
        >>> from discojax.rewrite import DeterminerRule
        >>> DeterminerRule().matches(Word("the", Ty("n") @ Ty("n").l))
        True
        """
        ...

    def rewrite(self, box: pregroup.Box) -> pregroup.Diagram:
        """The diagram that replaces ``box`` (same domain and codomain).

        >>> from discopy.grammar.pregroup import Ty, Word
        >>> from discojax.rewrite import DeterminerRule
        >>> box = Word("the", Ty("n") @ Ty("n").l)
        >>> DeterminerRule().rewrite(box).cod == box.cod
        True
        """
        ...


def apply_rule(rule: Rule, box: pregroup.Box) -> pregroup.Diagram | None:
    """The rewrite of ``box`` by ``rule``, or ``None`` where the rule does not match.

    >>> from discopy.grammar.pregroup import Ty, Word
    >>> from discojax.rewrite import DeterminerRule
    >>> n = Ty("n")
    >>> print(apply_rule(DeterminerRule(), Word("the", n @ n.l)))
    Cap(n, n.l)
    >>> apply_rule(DeterminerRule(), Word("man", n)) is None
    True
    """
    return rule.rewrite(box) if rule.matches(box) else None


@dataclass(frozen=True)
class Rewriter:
    """Applies rules to every box of a diagram: the first rule that matches a box wins.

    Args:
        rules: the rules, tried in order.

    >>> from discojax.grammar import parse
    >>> from discojax.rewrite import DeterminerRule
    >>> d = parse("the man runs").to_diagram()
    >>> [b.name for b in Rewriter((DeterminerRule(),))(d).boxes]
    ['Cap(n, n.l)', 'man', 'runs', 'Cup(n.l, n)', 'Cup(n, n.r)']
    """

    rules: tuple[Rule, ...]

    def rewrite_box(self, box: pregroup.Box) -> pregroup.Diagram:
        """The rewrite of one box by the first matching rule (the box itself if none).

        >>> from discopy.grammar.pregroup import Ty, Word
        >>> Rewriter(()).rewrite_box(Word("man", Ty("n")))
        Word('man', grammar.pregroup.Ty(rigid.Ob('n')))
        """
        for rule in self.rules:
            result = apply_rule(rule, box)
            if result is not None:
                return result
        return box

    def __call__(self, diagram: pregroup.Diagram) -> pregroup.Diagram:
        functor = pregroup.Functor(ob=lambda ty: ty, ar=self.rewrite_box)
        result: pregroup.Diagram = functor(diagram)
        return result


def bundled_lexicon() -> Lexicon:
    """The bundled English lexicon (loaded once), the default for word-class rules.

    >>> bundled_lexicon().name
    'english'
    """
    return default_parser().lexicon


def is_word(box: pregroup.Box) -> bool:
    """Whether ``box`` is a word: a plain box with no domain, not a cup, cap, swap or spider.

    >>> from discopy.grammar.pregroup import Cup, Ty, Word
    >>> n = Ty("n")
    >>> is_word(Word("man", n)), is_word(Cup(n, n.r)), is_word(Word("f", n, dom=n))
    (True, False, False)
    """
    structural = (pregroup.Cup, pregroup.Cap, pregroup.Swap, pregroup.Spider)
    return (
        isinstance(box, pregroup.Box)
        and not isinstance(box, structural)
        and not box.dom
        and not box.is_dagger
        and not getattr(box, "z", 0)
    )


@dataclass(frozen=True)
class WordClassMatcher:
    """Matches the word boxes of one word class of a lexicon (by word and by type).

    >>> from discopy.grammar.pregroup import Ty, Word
    >>> n = Ty("n")
    >>> matcher = WordClassMatcher.of(bundled_lexicon(), "determiner")
    >>> matcher(Word("The", n @ n.l)), matcher(Word("the", n)), matcher(Word("man", n @ n.l))
    (True, False, False)
    """

    words: frozenset[str]
    cod: pregroup.Ty

    @classmethod
    def of(cls, lexicon: Lexicon, word_class: str) -> WordClassMatcher:
        """The matcher for class ``word_class`` of ``lexicon``.

        Raises:
            KeyError: the lexicon has no such class.

        >>> sorted(WordClassMatcher.of(bundled_lexicon(), "subject_relative_pronoun").words)
        ['that', 'which', 'who']
        """
        found = lexicon.word_class(word_class)
        return cls(frozenset(found.words), to_discopy(found.type))

    def __call__(self, box: pregroup.Box) -> bool:
        return is_word(box) and box.cod == self.cod and box.name.lower() in self.words
