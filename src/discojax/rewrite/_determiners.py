"""Determiners (and other words of type ``x x.l``) as caps: the argument passes through.

A determiner ``the : n n.l`` says little that a tensor of its own would learn; lambeq's
``determiner`` rule replaces it with the cap ``n n.l``, the identity ``n -> n`` bent upwards,
so that "the man" means what "man" means. The same rule with ``word_class="auxiliary"``
removes auxiliaries (``does : n.r s s.l n``, the identity on ``n.r s`` bent).

The law: the rewrite is the determiner read as the identity matrix.

>>> import numpy as np
>>> from discopy import tensor
>>> from discopy.grammar.pregroup import Category, Ty, Word, Cup
>>> n = Ty("n")
>>> the, man = Word("the", n @ n.l), Word("man", n)
>>> phrase = the @ man >> n @ Cup(n.l, n)
>>> F = tensor.Functor({n: 2}, {the: np.eye(2), man: [3.0, 4.0]}, dom=Category(), dtype=float)
>>> assert (F(remove_determiners(phrase)).array == F(phrase).array).all()
"""

from __future__ import annotations

from dataclasses import dataclass, field

from discopy.grammar import pregroup

from discojax.grammar import Lexicon
from discojax.rewrite._rewriter import Rewriter, WordClassMatcher, bundled_lexicon


@dataclass(frozen=True)
class DeterminerRule:
    """Rewrites each word of a class whose type is ``x x.l`` into the cap on ``x``.

    Args:
        lexicon: where the class's words come from (the bundled English by default).
        word_class: the class to rewrite, ``"determiner"`` by default (``"auxiliary"`` also
            fits: its type ``n.r s s.l n`` is ``x x.l`` with ``x = n.r s``).

    >>> from discopy.grammar.pregroup import Ty, Word
    >>> n, s = Ty("n"), Ty("s")
    >>> print(DeterminerRule().rewrite(Word("every", n @ n.l)))
    Cap(n, n.l)
    >>> print(DeterminerRule(word_class="auxiliary").rewrite(Word("does", n.r @ s @ s.l @ n)))
    Cap(n.r, n) >> n.r @ Cap(s, s.l) @ n
    """

    lexicon: Lexicon = field(default_factory=bundled_lexicon, compare=False)
    word_class: str = "determiner"
    _match: WordClassMatcher = field(init=False, repr=False)

    def __post_init__(self) -> None:
        match = WordClassMatcher.of(self.lexicon, self.word_class)
        half = len(match.cod) // 2
        if len(match.cod) % 2 or match.cod[half:] != match.cod[:half].l:
            raise ValueError(
                f"class {self.word_class!r} has type {match.cod}, not of the form x x.l"
            )
        object.__setattr__(self, "_match", match)

    def matches(self, box: pregroup.Box) -> bool:
        """Whether ``box`` is a word of the class.

        >>> from discopy.grammar.pregroup import Ty, Word
        >>> n = Ty("n")
        >>> DeterminerRule().matches(Word("the", n @ n.l)), DeterminerRule().matches(Word("a", n))
        (True, False)
        """
        return self._match(box)

    def rewrite(self, box: pregroup.Box) -> pregroup.Diagram:
        """The cap on the first half of the box's type.

        >>> from discopy.grammar.pregroup import Ty, Word
        >>> DeterminerRule().rewrite(Word("a", Ty("n") @ Ty("n").l)).cod
        grammar.pregroup.Ty(rigid.Ob('n'), rigid.Ob('n', z=-1))
        """
        half = len(box.cod) // 2
        caps: pregroup.Diagram = pregroup.Diagram.caps(box.cod[:half], box.cod[half:])
        return caps


def remove_determiners(
    diagram: pregroup.Diagram, lexicon: Lexicon | None = None
) -> pregroup.Diagram:
    """Replace every determiner of ``diagram`` by a cap (see :class:`DeterminerRule`).

    >>> from discojax.grammar import parse
    >>> from discojax.rewrite import normal_form
    >>> print(normal_form(remove_determiners(parse("the man runs").to_diagram())))
    man >> n @ runs >> Cup(n, n.r) @ s
    """
    rule = DeterminerRule() if lexicon is None else DeterminerRule(lexicon)
    return Rewriter((rule,))(diagram)


def remove_auxiliaries(
    diagram: pregroup.Diagram, lexicon: Lexicon | None = None
) -> pregroup.Diagram:
    """Replace every auxiliary verb of ``diagram`` by caps: "can run" means "run".

    >>> from discojax.grammar import parse
    >>> from discojax.rewrite import normal_form
    >>> d = parse("Alice can run").to_diagram()
    >>> normal_form(remove_auxiliaries(d)) == parse("Alice run").to_diagram()
    True
    """
    lexicon = bundled_lexicon() if lexicon is None else lexicon
    return Rewriter((DeterminerRule(lexicon, "auxiliary"),))(diagram)
