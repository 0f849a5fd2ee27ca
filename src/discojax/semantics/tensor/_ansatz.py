"""Tensor ansätze: how a word of a given type becomes one or more parameter tensors.

An ansatz maps each basic type to a dimension and each word type to a :class:`Factoring`: the
word's wires are named by local labels, and each *factor* (one parameter tensor) lists the
local labels of its axes. The compiler joins the factors of all words into one einsum.

- :class:`TensorAnsatz`: one dense tensor per word, one axis per wire (the DisCoCat default).
- :class:`SpiderAnsatz`: one vector per word, copied onto every wire by a Frobenius spider
  (the word's tensor is diagonal: ``T[i, …, i] = v[i]``); all wires must share a dimension.
- :class:`MPSAnsatz`: a word of three or more wires as a chain of small tensors joined by bond
  wires of dimension ``bond_dim`` (a matrix product state), as lambeq's ``MPSAnsatz``.

>>> from discojax.grammar import parse_type
>>> TensorAnsatz({"n": 2, "s": 3}).factoring(parse_type("n.r s n.l")).factors
(((0, 1, 2), (2, 3, 2)),)
>>> SpiderAnsatz({"n": 4}).factoring(parse_type("n n.l")).factors
(((0,), (4,)),)
>>> MPSAnsatz({"n": 2, "s": 2}, bond_dim=3).factoring(parse_type("n.r s n.l")).factors
(((0, 3), (2, 3)), ((3, 1, 4), (3, 2, 3)), ((4, 2), (3, 2)))
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from discojax.errors import CompileError
from discojax.grammar._types import Type, format_type


@dataclass(frozen=True)
class Factoring:
    """A word's tensors: local labels of its wires, and each factor's axes and shape.

    Attributes:
        wires: the local label of each of the word's wires (equal labels are joined).
        factors: ``(axes, shape)`` of each parameter tensor; ``axes`` are local labels.
    """

    wires: tuple[int, ...]
    factors: tuple[tuple[tuple[int, ...], tuple[int, ...]], ...]


def _dims(dims: Mapping[str, int]) -> Mapping[str, int]:
    for base, dim in dims.items():
        if not isinstance(dim, int) or dim < 1:
            raise CompileError(f"type {base!r} must map to a positive dimension, not {dim!r}")
    return MappingProxyType(dict(dims))


@dataclass(frozen=True)
class TensorAnsatz:
    """Each basic type to a dimension; each word to one dense tensor.

    Args:
        dims: the dimension of each basic type, e.g. ``{"n": 2, "s": 2}``.

    >>> from discojax.grammar import parse_type
    >>> TensorAnsatz({"n": 2, "s": 2}).shape(parse_type("n.r s"))
    (2, 2)
    """

    dims: Mapping[str, int] = field(hash=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "dims", _dims(self.dims))

    def dim(self, base: str) -> int:
        """The dimension of a basic type.

        >>> TensorAnsatz({"n": 3}).dim("n")
        3
        """
        if base not in self.dims:
            raise CompileError(f"the ansatz gives no dimension for type {base!r}")
        return self.dims[base]

    def shape(self, ty: Type) -> tuple[int, ...]:
        """The shape of a dense tensor of type ``ty``.

        >>> TensorAnsatz({"n": 2, "s": 4}).shape((("s", 0),))
        (4,)
        """
        return tuple(self.dim(base) for base, _ in ty)

    def factoring(self, ty: Type) -> Factoring:
        """One factor holding every wire.

        >>> TensorAnsatz({"n": 2}).factoring((("n", 0),)).wires
        (0,)
        """
        wires = tuple(range(len(ty)))
        return Factoring(wires, ((wires, self.shape(ty)),))

    def __hash__(self) -> int:
        return hash((type(self).__name__, tuple(sorted(self.dims.items()))))


@dataclass(frozen=True)
class SpiderAnsatz(TensorAnsatz):
    """Each word is one vector copied onto all its wires (a diagonal tensor).

    >>> from discojax.grammar import parse_type
    >>> SpiderAnsatz({"n": 2, "s": 3}).factoring(parse_type("n.r s"))
    Traceback (most recent call last):
    ...
    discojax.errors.CompileError: SpiderAnsatz needs one dimension for all wires of 'n.r s', got (2, 3)
    """

    def factoring(self, ty: Type) -> Factoring:
        shape = self.shape(ty)
        if len(set(shape)) != 1:
            raise CompileError(
                f"SpiderAnsatz needs one dimension for all wires of {format_type(ty)!r}, "
                f"got {shape}"
            )
        return Factoring((0,) * len(ty), (((0,), shape[:1]),))


@dataclass(frozen=True)
class MPSAnsatz(TensorAnsatz):
    """Words of three or more wires as a chain of tensors joined by bonds of ``bond_dim``.

    >>> from discojax.grammar import parse_type
    >>> len(MPSAnsatz({"n": 2}, bond_dim=2).factoring(parse_type("n n.l")).factors)
    1
    """

    bond_dim: int = 2

    def factoring(self, ty: Type) -> Factoring:
        shape = self.shape(ty)
        k = len(ty)
        if k < 3:
            return super().factoring(ty)
        bonds = list(range(k, 2 * k - 1))
        factors: list[tuple[tuple[int, ...], tuple[int, ...]]] = [
            ((0, bonds[0]), (shape[0], self.bond_dim))
        ]
        for i in range(1, k - 1):
            factors.append(((bonds[i - 1], i, bonds[i]), (self.bond_dim, shape[i], self.bond_dim)))
        factors.append(((bonds[-1], k - 1), (self.bond_dim, shape[-1])))
        return Factoring(tuple(range(k)), tuple(factors))

    def __hash__(self) -> int:
        return hash((super().__hash__(), self.bond_dim))
