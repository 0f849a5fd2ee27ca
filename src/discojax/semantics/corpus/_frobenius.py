"""The Frobenius product models: Copy-Subject ⊗ Copy-Object, read out by μ or as it is.

Kartsaklis & Sadrzadeh 2014 and Milajevs et al. 2014 combine the two copy models: the product
functor sends each word to the tensor product of its Copy-Subject and Copy-Object meanings
(:func:`_product`, per simple type the left factors then the right ones), and a sentence is
read out by the Frobenius multiplication ``μ`` (multiplicative: the element-wise product) or
kept in ``N ⊗ N`` (outer).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from discojax.grammar._classes import LexicalEntry
from discojax.semantics.corpus._functor import Term
from discojax.semantics.corpus._models import CopyObject, CopySubject, _VerbModel


def _product(left: tuple[Term, ...], right: tuple[Term, ...], sizes: list[tuple[int, int]]):
    """The terms of ``left ⊗ right``: per simple type, the left wires then the right ones."""
    terms = []
    for a in left:
        shift = 1 + max([*a.wires, *(x for axes, _ in a.factors for x in axes)])
        for b in right:
            wires: list[int] = []
            i = j = 0
            for n_left, n_right in sizes:
                wires += [*a.wires[i : i + n_left], *(w + shift for w in b.wires[j : j + n_right])]
                i, j = i + n_left, j + n_right
            factors = a.factors + tuple(
                (tuple(x + shift for x in axes), array) for axes, array in b.factors
            )
            terms.append(Term(tuple(wires), factors))
    return tuple(terms)


@dataclass(frozen=True, eq=False)
class _FrobeniusProduct(_VerbModel):
    """The product functor Copy-Subject ⊗ Copy-Object."""

    def _parts(self) -> tuple[CopySubject, CopyObject]:
        return CopySubject(self.vectors, verbs=self.verbs), CopyObject(
            self.vectors, verbs=self.verbs
        )

    def dims(self, base: str) -> tuple[int, ...]:
        return (self.vectors.dim, self.vectors.dim)

    def word(self, entry: LexicalEntry) -> tuple[Term, ...]:
        left, right = self._parts()
        sizes = [(len(left.dims(b)), len(right.dims(b))) for b, _ in entry.type]
        return _product(left.word(entry), right.word(entry), sizes)


@dataclass(frozen=True, eq=False)
class FrobeniusMultiplicative(_FrobeniusProduct):
    """Frobenius multiplicative: ``μ(CopySubject ⊗ CopyObject)``, i.e. their ``⊙``.

    >>> import numpy as np
    >>> from discojax.grammar import parse
    >>> from discojax.corpus import TableVerbs, WordVectors, meanings
    >>> v = WordVectors.from_array([[1.0, 2.0], [3.0, 4.0]], ["man", "dog"])
    >>> verbs = TableVerbs({"bites": np.array([[1.0, 0.0], [1.0, 1.0]])})
    >>> meanings(FrobeniusMultiplicative(v, verbs=verbs), [parse("man bites dog")])
    array([[ 27., 112.]])
    """

    title: ClassVar[str] = "Frobenius multiplicative"

    def readout(self, meaning: Any) -> Any:
        """The Frobenius multiplication ``μ : N ⊗ N → N``: the diagonal.

        >>> import numpy as np
        >>> from discojax.corpus import WordVectors
        >>> m = FrobeniusMultiplicative(WordVectors.from_array([[1.0]], ["a"]))
        >>> m.readout(np.array([[[1.0, 2.0], [3.0, 4.0]]]))
        array([[1., 4.]])
        """
        return meaning.diagonal(axis1=-2, axis2=-1)


@dataclass(frozen=True, eq=False)
class FrobeniusOuter(_FrobeniusProduct):
    """Frobenius outer: ``CopySubject ⊗ CopyObject`` in ``N ⊗ N``.

    >>> import numpy as np
    >>> from discojax.grammar import parse
    >>> from discojax.corpus import TableVerbs, WordVectors, meanings
    >>> v = WordVectors.from_array([[1.0, 2.0], [3.0, 4.0]], ["man", "dog"])
    >>> verbs = TableVerbs({"bites": np.array([[1.0, 0.0], [1.0, 1.0]])})
    >>> meanings(FrobeniusOuter(v, verbs=verbs), [parse("man bites dog")])[0]
    array([[ 27.,  24.],
           [126., 112.]])
    """

    title: ClassVar[str] = "Frobenius outer"
