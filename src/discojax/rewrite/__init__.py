"""Rewrites: small pure functions from DisCoPy pregroup diagrams to diagrams.

Each rule family is one private module: determiners (and auxiliaries) as caps, adjectives as
noun modifiers, relative pronouns as Frobenius spiders, currying and cup removal, and the
normal form (snake removal). A rule has ``matches(box)`` and ``rewrite(box)``; a
:class:`Rewriter` applies the first rule that matches to each box. :func:`rewrite` does it by
rule names. Every result still compiles with :func:`discojax.compile.network_from_diagram`.

>>> from discojax.grammar import parse
>>> d = parse("the skillful man prepares the sauce").to_diagram()
>>> print(rewrite(d, "determiner", "adjective"))
man >> n @ prepares >> n @ n.r @ s @ n.l @ sauce >> skillful @ n.r @ s @ n.l @ n >> ...
>>> print(remove_cups(rewrite(d, "determiner")))
man >> skillful >> n @ sauce >> prepares
"""

from __future__ import annotations

from collections.abc import Callable

from discopy.grammar import pregroup

from discojax.grammar import Lexicon
from discojax.rewrite._adjectives import AdjectiveRule as AdjectiveRule
from discojax.rewrite._adjectives import adjectives_as_modifiers as adjectives_as_modifiers
from discojax.rewrite._curry import CurryRule as CurryRule
from discojax.rewrite._curry import curry as curry
from discojax.rewrite._curry import remove_cups as remove_cups
from discojax.rewrite._determiners import DeterminerRule as DeterminerRule
from discojax.rewrite._determiners import remove_auxiliaries as remove_auxiliaries
from discojax.rewrite._determiners import remove_determiners as remove_determiners
from discojax.rewrite._normal_form import normal_form as normal_form
from discojax.rewrite._relative_pronouns import RelativePronounRule as RelativePronounRule
from discojax.rewrite._relative_pronouns import object_template as object_template
from discojax.rewrite._relative_pronouns import (
    relative_pronouns_as_spiders as relative_pronouns_as_spiders,
)
from discojax.rewrite._relative_pronouns import subject_template as subject_template
from discojax.rewrite._rewriter import Rewriter as Rewriter
from discojax.rewrite._rewriter import Rule as Rule
from discojax.rewrite._rewriter import apply_rule as apply_rule
from discojax.rewrite._rewriter import bundled_lexicon

RULES: dict[str, Callable[[Lexicon], Rule]] = {
    "determiner": lambda lexicon: DeterminerRule(lexicon),
    "auxiliary": lambda lexicon: DeterminerRule(lexicon, "auxiliary"),
    "adjective": lambda lexicon: AdjectiveRule(lexicon),
    "intersective_adjective": lambda lexicon: AdjectiveRule(lexicon, "intersective"),
    "subject_relative_pronoun": lambda lexicon: RelativePronounRule(lexicon, "subject"),
    "object_relative_pronoun": lambda lexicon: RelativePronounRule(lexicon, "object"),
    "curry": lambda lexicon: CurryRule(),
}
"""The rules by name, each built from a lexicon."""


def rules(*names: str, lexicon: Lexicon | None = None) -> tuple[Rule, ...]:
    """The rules called ``names`` (keys of :data:`RULES`), for ``lexicon``.

    Raises:
        ValueError: an unknown name.

    >>> [type(r).__name__ for r in rules("determiner", "curry")]
    ['DeterminerRule', 'CurryRule']
    >>> rules("nope")
    Traceback (most recent call last):
    ...
    ValueError: no rewrite rule called 'nope'; known: determiner, auxiliary, ...
    """
    for name in names:
        if name not in RULES:
            raise ValueError(f"no rewrite rule called {name!r}; known: {', '.join(RULES)}")
    chosen = bundled_lexicon() if lexicon is None else lexicon
    return tuple(RULES[name](chosen) for name in names)


def rewrite(
    diagram: pregroup.Diagram, *names: str, lexicon: Lexicon | None = None
) -> pregroup.Diagram:
    """Apply the named rules (the first that matches a box wins), then the normal form.

    >>> from discojax.grammar import parse
    >>> print(rewrite(parse("man who runs", target="n").to_diagram(), "subject_relative_pronoun"))
    man >> n @ runs >> Spider(1, 2, n) @ n.r @ s >> n @ Spider(0, 1, s.l) @ n @ n.r @ s >> ...
    """
    return normal_form(Rewriter(rules(*names, lexicon=lexicon))(diagram))
