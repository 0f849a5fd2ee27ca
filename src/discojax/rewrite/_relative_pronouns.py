"""Relative pronouns as Frobenius spiders (Sadrzadeh, Clark and Coecke 2013).

"The Frobenius anatomy of word meanings I: subject and object relative pronouns" gives the
pronoun no meaning of its own: it copies the head noun with a spider, sends one copy into the
relative clause's verb (as its subject or its object) and the other out as the phrase's noun,
and deletes the clause's sentence wire. The templates are lambeq's:

- subject, ``who : n.r n s.l n``: a cap ``n.r n``, a spider ``n -> n n`` on its right leg and
  a unit spider (the deleted sentence) ``-> s.l``;
- object, ``that : n.r n n.l.l s.l``: the same, with the noun copy bent round to ``n.l.l`` by
  a cap, a swap and a cup (lambeq's ``_noun_loop``).

The law, on tensors: "man who runs" is ``man ⊙ runs(·, Σ s)``, the noun times the verb with
its sentence wire summed out.

>>> import numpy as np
>>> from discopy import tensor
>>> from discopy.grammar.pregroup import Category, Cup, Ty, Word
>>> n, s = Ty("n"), Ty("s")
>>> man, who, runs = Word("man", n), Word("who", n.r @ n @ s.l @ n), Word("runs", n.r @ s)
>>> phrase = man @ who @ runs >> Cup(n, n.r) @ n @ s.l @ Cup(n, n.r) @ s >> n @ Cup(s.l, s)
>>> m, r = np.array([1.0, 2.0]), np.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
>>> F = tensor.Functor({n: 2, s: 3}, {man: m, runs: r}, dom=Category(), dtype=float)
>>> F(relative_pronouns_as_spiders(phrase)).array
array([ 6., 30.])
>>> m * r.sum(axis=1)
array([ 6., 30.])
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from discopy.grammar import pregroup

from discojax.grammar import Lexicon
from discojax.rewrite._rewriter import Rewriter, WordClassMatcher, bundled_lexicon

Role = Literal["subject", "object"]
_SHAPES = {"subject": "n.r n s.l n", "object": "n.r n n.l.l s.l"}


def subject_template(n: pregroup.Ty, s: pregroup.Ty) -> pregroup.Diagram:
    """The subject relative pronoun ``n.r n s.l n`` as caps and spiders.

    >>> from discopy.grammar.pregroup import Ty
    >>> print(subject_template(Ty("n"), Ty("s")))
    Cap(n.r, n) >> n.r @ Spider(1, 2, n) >> n.r @ n @ Spider(0, 1, s.l) @ n
    """
    result: pregroup.Diagram = (
        pregroup.Cap(n.r, n)
        >> n.r @ pregroup.Spider(1, 2, n)
        >> n.r @ n @ pregroup.Spider(0, 1, s.l) @ n
    )
    return result


def object_template(n: pregroup.Ty, s: pregroup.Ty) -> pregroup.Diagram:
    """The object relative pronoun ``n.r n n.l.l s.l`` as caps, spiders and a noun loop.

    >>> from discopy.grammar.pregroup import Ty
    >>> object_template(Ty("n"), Ty("s")).cod == Ty("n").r @ Ty("n") @ Ty("n").l.l @ Ty("s").l
    True
    """
    loop = (pregroup.Cap(n.l, n.l.l) >> pregroup.Swap(n.l, n.l.l)) @ n >> n.l.l @ pregroup.Cup(
        n.l, n
    )
    result: pregroup.Diagram = (
        pregroup.Cap(n.r, n)
        >> n.r @ pregroup.Spider(1, 2, n) @ pregroup.Spider(0, 1, s.l)
        >> n.r @ n @ loop @ s.l
    )
    return result


@dataclass(frozen=True)
class RelativePronounRule:
    """Rewrites subject or object relative pronouns into Frobenius spiders.

    Args:
        lexicon: where the pronouns come from (the bundled English by default).
        role: ``"subject"`` (type ``n.r n s.l n``) or ``"object"`` (``n.r n n.l.l s.l``).
        word_class: the class to rewrite, ``"<role>_relative_pronoun"`` by default.

    >>> from discopy.grammar.pregroup import Ty, Word
    >>> n, s = Ty("n"), Ty("s")
    >>> rule = RelativePronounRule(role="object")
    >>> rule.matches(Word("that", n.r @ n @ n.l.l @ s.l)), rule.matches(Word("that", n))
    (True, False)
    """

    lexicon: Lexicon = field(default_factory=bundled_lexicon, compare=False)
    role: Role = "subject"
    word_class: str | None = None
    _match: WordClassMatcher = field(init=False, repr=False)

    def __post_init__(self) -> None:
        if self.role not in _SHAPES:
            raise ValueError(f"relative pronoun role must be 'subject' or 'object': {self.role!r}")
        match = WordClassMatcher.of(
            self.lexicon, self.word_class or f"{self.role}_relative_pronoun"
        )
        if len(match.cod) != 4:
            raise ValueError(f"{self.role} relative pronouns have type {match.cod}")
        expected = self._template(*self._basic(match.cod)).cod
        if match.cod != expected:
            raise ValueError(f"{self.role} relative pronouns have type {match.cod}, not {expected}")
        object.__setattr__(self, "_match", match)

    def _basic(self, cod: pregroup.Ty) -> tuple[pregroup.Ty, pregroup.Ty]:
        """The noun and sentence types of a pronoun's type."""
        sentence = cod[2] if self.role == "subject" else cod[3]
        return pregroup.Ty(cod[1].inside[0].name), pregroup.Ty(sentence.inside[0].name)

    def _template(self, n: pregroup.Ty, s: pregroup.Ty) -> pregroup.Diagram:
        return subject_template(n, s) if self.role == "subject" else object_template(n, s)

    def matches(self, box: pregroup.Box) -> bool:
        """Whether ``box`` is a relative pronoun of this role.

        >>> from discopy.grammar.pregroup import Ty, Word
        >>> n, s = Ty("n"), Ty("s")
        >>> RelativePronounRule().matches(Word("who", n.r @ n @ s.l @ n))
        True
        """
        return self._match(box)

    def rewrite(self, box: pregroup.Box) -> pregroup.Diagram:
        """The role's template, on the pronoun's own basic types.

        >>> from discopy.grammar.pregroup import Ty, Word
        >>> n, s = Ty("n"), Ty("s")
        >>> RelativePronounRule().rewrite(Word("who", n.r @ n @ s.l @ n)).boxes[1]
        grammar.pregroup.Spider(1, 2, grammar.pregroup.Ty(rigid.Ob('n')))
        """
        return self._template(*self._basic(box.cod))


def relative_pronouns_as_spiders(
    diagram: pregroup.Diagram, lexicon: Lexicon | None = None
) -> pregroup.Diagram:
    """Rewrite every subject and object relative pronoun of ``diagram`` into spiders.

    >>> from discojax.grammar import parse
    >>> d = relative_pronouns_as_spiders(parse("man who runs", target="n").to_diagram())
    >>> [type(b).__name__ for b in d.boxes]
    ['Word', 'Cap', 'Spider', 'Spider', 'Word', 'Cup', 'Cup', 'Cup']
    """
    lexicon = bundled_lexicon() if lexicon is None else lexicon
    rules = (RelativePronounRule(lexicon, "subject"), RelativePronounRule(lexicon, "object"))
    return Rewriter(rules)(diagram)
