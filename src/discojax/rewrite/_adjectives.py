"""Adjectives as noun modifiers: a map on nouns, or a vector multiplied into the noun.

An adjective ``skillful : n n.l`` waits for a noun on its right. Two readings:

- ``"map"`` (Baroni & Zamparelli 2010, "Nouns are vectors, adjectives are matrices"): the
  adjective becomes a box ``skillful : n -> n`` applied to the noun, its input bent up with a
  cap. It is the adjective's own matrix, transposed, with a table of its own (``n.r n``).
- ``"intersective"`` (Kartsaklis, Sadrzadeh and Pulman; the Frobenius reading of
  Sadrzadeh, Clark and Coecke 2013): the adjective is a noun-like vector ``skillful : n``
  merged into the noun by a spider, so "skillful man" is the elementwise product of the two.

The laws, on tensors: the map reading of an adjective with matrix ``A`` is the original
adjective with matrix ``A.T``; the intersective reading is the product of vectors.

>>> import numpy as np
>>> from discopy import tensor
>>> from discopy.grammar.pregroup import Category, Cup, Ty, Word
>>> n = Ty("n")
>>> adj, man = Word("skillful", n @ n.l), Word("man", n)
>>> phrase = adj @ man >> n @ Cup(n.l, n)
>>> A, m, v = np.array([[1.0, 2.0], [3.0, 4.0]]), np.array([5.0, 6.0]), np.array([7.0, 8.0])
>>> as_map, as_vector = Word("skillful", n, dom=n), Word("skillful", n)
>>> F = tensor.Functor({n: 2}, {adj: A, man: m, as_map: A.T, as_vector: v},
...                    dom=Category(), dtype=float)
>>> assert (F(adjectives_as_modifiers(phrase)).array == F(phrase).array).all()
>>> assert (F(adjectives_as_modifiers(phrase, mode="intersective")).array == v * m).all()
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from discopy.grammar import pregroup

from discojax.grammar import Lexicon
from discojax.rewrite._rewriter import Rewriter, WordClassMatcher, bundled_lexicon

AdjectiveMode = Literal["map", "intersective"]


@dataclass(frozen=True)
class AdjectiveRule:
    """Rewrites each adjective ``a : x x.l`` (a single basic type ``x``) as a noun modifier.

    Args:
        lexicon: where the adjectives come from (the bundled English by default).
        mode: ``"map"`` (a box ``x -> x``) or ``"intersective"`` (a vector ``x`` and a spider).
        word_class: the class to rewrite.

    >>> from discopy.grammar.pregroup import Ty, Word
    >>> n = Ty("n")
    >>> print(AdjectiveRule().rewrite(Word("tasty", n @ n.l)))
    Cap(n, n.l) >> tasty @ n.l
    >>> print(AdjectiveRule(mode="intersective").rewrite(Word("tasty", n @ n.l)))
    tasty >> n @ Cap(n, n.l) >> Spider(2, 1, n) @ n.l
    """

    lexicon: Lexicon = field(default_factory=bundled_lexicon, compare=False)
    mode: AdjectiveMode = "map"
    word_class: str = "adjective"
    _match: WordClassMatcher = field(init=False, repr=False)

    def __post_init__(self) -> None:
        if self.mode not in ("map", "intersective"):
            raise ValueError(f"adjective mode must be 'map' or 'intersective', not {self.mode!r}")
        match = WordClassMatcher.of(self.lexicon, self.word_class)
        if len(match.cod) != 2 or match.cod[1:] != match.cod[:1].l:
            raise ValueError(f"class {self.word_class!r} has type {match.cod}, not x x.l")
        object.__setattr__(self, "_match", match)

    def matches(self, box: pregroup.Box) -> bool:
        """Whether ``box`` is an adjective.

        >>> from discopy.grammar.pregroup import Ty, Word
        >>> AdjectiveRule().matches(Word("tasty", Ty("n") @ Ty("n").l))
        True
        """
        return self._match(box)

    def rewrite(self, box: pregroup.Box) -> pregroup.Diagram:
        """The adjective as a map (a box with a domain) or as a vector and a spider.

        >>> from discopy.grammar.pregroup import Ty, Word
        >>> AdjectiveRule().rewrite(Word("red", Ty("n") @ Ty("n").l)).boxes[1]
        Word('red', grammar.pregroup.Ty(rigid.Ob('n')), dom=grammar.pregroup.Ty(rigid.Ob('n')))
        """
        x, x_l = box.cod[:1], box.cod[1:]
        cap = pregroup.Cap(x, x_l)
        if self.mode == "map":
            modifier = pregroup.Word(box.name, x, dom=x)
            result: pregroup.Diagram = cap >> modifier @ x_l
            return result
        vector = pregroup.Word(box.name, x)
        result = vector @ cap >> pregroup.Spider(2, 1, x) @ x_l
        return result


def adjectives_as_modifiers(
    diagram: pregroup.Diagram, lexicon: Lexicon | None = None, mode: AdjectiveMode = "map"
) -> pregroup.Diagram:
    """Rewrite every adjective of ``diagram`` as a noun modifier (see :class:`AdjectiveRule`).

    >>> from discojax.grammar import parse
    >>> from discojax.rewrite import normal_form
    >>> print(normal_form(adjectives_as_modifiers(parse("tasty meal", target="n").to_diagram())))
    meal >> tasty
    """
    lexicon = bundled_lexicon() if lexicon is None else lexicon
    return Rewriter((AdjectiveRule(lexicon, mode),))(diagram)
