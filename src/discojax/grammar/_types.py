"""Pregroup types as plain tuples, and their conversion to DisCoPy.

A *simple type* is a pair ``(base, z)``: ``z`` counts adjoints, ``-1`` for a left adjoint
(``n.l``), ``+1`` for a right adjoint (``n.r``), ``0`` for the basic type itself. A *type* is a
tuple of simple types. Two neighbours ``(a, z) (a, z + 1)`` cancel (a cup): ``n.l n`` and
``n n.r`` both reduce to the empty type.

>>> t = parse_type("n.r s n.l")
>>> t
(('n', 1), ('s', 0), ('n', -1))
>>> format_type(t)
'n.r s n.l'
>>> cancels(("n", 0), ("n", 1)) and cancels(("n", -1), ("n", 0))
True
>>> from discopy.grammar.pregroup import Ty
>>> to_discopy(t) == Ty("n").r @ Ty("s") @ Ty("n").l
True

DisCoPy is imported by the conversions only, when first called (``discojax parse`` and a
training run without drawing do not pay for it).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from discojax.errors import GrammarError

if TYPE_CHECKING:
    from discopy.grammar.pregroup import Ty

SimpleType = tuple[str, int]
Type = tuple[SimpleType, ...]

_SIMPLE = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*)((?:\.[lr])*)$")


def parse_type(text: str, basic: Iterable[str] | None = None) -> Type:
    """Parse a type string such as ``"n.r s n.l"`` into a tuple of simple types.

    Args:
        text: simple types separated by spaces; each is a basic type followed by any number of
            ``.l`` or ``.r`` adjoint marks (``n.l.l`` is a double left adjoint).
        basic: if given, the allowed basic types.

    Raises:
        GrammarError: on an empty string, a malformed simple type, mixed ``.l.r`` marks or an
            unknown basic type.

    >>> parse_type("s.l.l n")
    (('s', -2), ('n', 0))
    >>> parse_type("n q", basic=["n", "s"])
    Traceback (most recent call last):
    ...
    discojax.errors.GrammarError: unknown basic type 'q' in type 'n q' (known: n, s)
    """
    allowed = None if basic is None else set(basic)
    simples: list[SimpleType] = []
    for token in text.split():
        match = _SIMPLE.match(token)
        if match is None:
            raise GrammarError(f"malformed simple type {token!r} in type {text!r}")
        base, marks = match.group(1), match.group(2).split(".")[1:]
        if len(set(marks)) > 1:
            raise GrammarError(f"simple type {token!r} mixes left and right adjoints")
        if allowed is not None and base not in allowed:
            known = ", ".join(sorted(allowed))
            raise GrammarError(f"unknown basic type {base!r} in type {text!r} (known: {known})")
        z = len(marks) * (1 if marks and marks[0] == "r" else -1)
        simples.append((base, z))
    if not simples:
        raise GrammarError(f"empty type {text!r}")
    return tuple(simples)


def format_simple(simple: SimpleType) -> str:
    """Write one simple type back as text.

    >>> format_simple(("n", -2))
    'n.l.l'
    """
    base, z = simple
    return base + (".r" * z if z > 0 else ".l" * -z)


def format_type(simples: Iterable[SimpleType]) -> str:
    """Write a type back as text (the inverse of :func:`parse_type`).

    >>> format_type(parse_type("n.r s"))
    'n.r s'
    """
    return " ".join(format_simple(s) for s in simples)


def cancels(left: SimpleType, right: SimpleType) -> bool:
    """Whether ``left right`` reduces to the empty type (a cup joins them).

    >>> cancels(("n", 0), ("n", -1))
    False
    """
    return left[0] == right[0] and right[1] == left[1] + 1


def to_discopy(simples: Iterable[SimpleType]) -> Ty:
    """Convert a type to a DisCoPy pregroup ``Ty``.

    >>> to_discopy(parse_type("n.l.l"))
    grammar.pregroup.Ty(rigid.Ob('n', z=-2))
    """
    from discopy.grammar.pregroup import Ty

    result = Ty()
    for base, z in simples:
        t = Ty(base)
        for _ in range(abs(z)):
            t = t.r if z > 0 else t.l
        result = result @ t
    return result


def from_discopy(ty: Ty) -> Type:
    """Convert a DisCoPy pregroup ``Ty`` to a type.

    >>> from discopy.grammar.pregroup import Ty
    >>> from_discopy(Ty("n").r @ Ty("s"))
    (('n', 1), ('s', 0))
    """
    return tuple((ob.name, ob.z) for ob in ty.inside)
