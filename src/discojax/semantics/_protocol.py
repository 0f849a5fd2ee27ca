"""The one semantics protocol: what every functor from grammar to meanings provides.

A semantics sends each basic type to a space (``dim``) and each word type to its parameter
tables (``parameter_shapes``, ``init``); ``word_tensors`` turns those tables into the tensor
tables the compiler contracts (laid out as ``factoring`` says), and ``readout`` turns a
contracted batch into the model's output (``output_kind``). Calling a semantics on a diagram
gives DisCoPy's picture of the same functor: the tensor diagram or the circuit of the sentence.

The tensor ansätze (:class:`~discojax.semantics.TensorAnsatz`, ``SpiderAnsatz``,
``MPSAnsatz``) and the circuit ansatz (:class:`~discojax.semantics.CircuitAnsatz`, all families,
pure and mixed) implement it; :func:`semantics_from_json` rebuilds any of them from its
``to_json()`` (used to save and load models).

The law the compiler keeps, for every semantics: the compiled contraction of a sentence equals
DisCoPy's evaluation of ``semantics(diagram, params, vocabulary)``.

>>> import jax
>>> from discojax import TensorModel, parse
>>> from discojax.semantics import CircuitAnsatz, TensorAnsatz
>>> for semantics in (TensorAnsatz({"n": 2, "s": 2}), CircuitAnsatz({"n": 1, "s": 1})):
...     assert isinstance(semantics, Semantics)
...     assert semantics_from_json(semantics.to_json()) == semantics
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any, Protocol, runtime_checkable

import jax

from discojax.errors import CompileError
from discojax.grammar._types import Type
from discojax.semantics.tensor._ansatz import Factoring

Params = dict[str, jax.Array]


@runtime_checkable
class Semantics(Protocol):
    """A functor from pregroup diagrams to the tensors the compiler contracts."""

    @property
    def output_kind(self) -> str:
        """What :meth:`readout` gives: ``"logits"`` (real vectors, read as class scores) or
        ``"probabilities"`` (Born distributions)."""
        ...

    def dim(self, base: str) -> int:
        """The dimension of the space of a basic type, as the compiler contracts it."""
        ...

    def factoring(self, ty: Type) -> Factoring:
        """How a word of type ``ty`` is laid out as tensors (wires and factors)."""
        ...

    def parameter_shapes(self, ty: Type) -> dict[str, tuple[int, ...]]:
        """The parameter tables of a word of type ``ty``: each table's name and row shape."""
        ...

    def init(
        self,
        key: jax.Array,
        shapes: Mapping[str, tuple[int, ...]],
        dtype: Any,
        rows: Mapping[str, Sequence[str]] | None = None,
    ) -> Params:
        """Initial tables of the given shapes ``(rows, *row shape)``: seeded, or built from
        each table's ``rows`` (its words) where the semantics gives words fixed meanings."""
        ...

    def word_tensors(self, params: Mapping[str, jax.Array], names: Sequence[str]) -> Params:
        """The tensor tables named ``names`` (the compiler's operands), built from ``params``."""
        ...

    def readout(self, values: jax.Array, output_type: Type) -> jax.Array:
        """The model's output from a batch of contracted meanings of type ``output_type``."""
        ...

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready description that :func:`semantics_from_json` turns back into this."""
        ...

    def __call__(
        self, diagram: Any, params: Mapping[str, jax.Array] | None = None, vocabulary: Any = None
    ) -> Any:
        """The DisCoPy diagram (tensor diagram or circuit) of a sentence under this functor."""
        ...


_KINDS: dict[str, Callable[[Mapping[str, Any]], Semantics]] = {}


def register_semantics_kind(name: str, from_json: Callable[[Mapping[str, Any]], Semantics]) -> None:
    """Let :func:`semantics_from_json` rebuild semantics whose ``to_json()["kind"]`` is ``name``.

    >>> register_semantics_kind("tensor", _KINDS["tensor"])
    """
    _KINDS[name] = from_json


def semantics_from_json(data: Mapping[str, Any]) -> Semantics:
    """The semantics ``data`` (a ``to_json()``) describes.

    Raises:
        CompileError: an unknown kind.

    >>> semantics_from_json({"kind": "tensor", "dims": {"n": 2}}).dims["n"]
    2
    >>> semantics_from_json({"kind": "tensr"})
    Traceback (most recent call last):
    ...
    discojax.errors.CompileError: unknown semantics kind 'tensr' (known: circuit, mps, ...)
    """
    kind = data.get("kind")
    if kind not in _KINDS:
        known = ", ".join(sorted(_KINDS))
        raise CompileError(f"unknown semantics kind {kind!r} (known: {known})")
    return _KINDS[str(kind)](data)


def _register_builtin() -> None:
    from discojax.semantics.circuit._ansatz import CircuitAnsatz
    from discojax.semantics.tensor._ansatz import MPSAnsatz, SpiderAnsatz, TensorAnsatz

    for cls in (TensorAnsatz, SpiderAnsatz, MPSAnsatz, CircuitAnsatz):
        register_semantics_kind(cls.kind, cls.from_json)


_register_builtin()
