"""Semantics by name, so a configuration (and a new semantics) plugs in without code.

Each semantics has a *schema*, the settings its ``[semantics]`` table may hold (checked with
the rest of the configuration), and a *builder*, which takes the checked table, every sentence
the experiment will see, the lexicon and the target type, and returns a model with
``prepare``, ``init`` and ``apply``. Register a new one with :func:`register_semantics`.

>>> {"circuit", "mps", "spider", "tensor"} <= set(SEMANTICS)
True
>>> table = TensorSemantics(name="tensor", dims={"n": 2, "s": 2})
>>> type(build_model(table, ["man runs"], None, "s")).__name__
'TensorModel'
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any, Literal, NamedTuple

from pydantic import Field, NonNegativeInt, PositiveInt, ValidationInfo, field_validator

from discojax.experiments._schema import Table


class SemanticsTable(Table):
    """``[semantics]``: the semantics' name; the other settings depend on it.

    >>> SemanticsTable.schema_for({"name": "mps"}).__name__
    'MPSSemantics'
    """

    name: str
    unknown: Literal["error", "unk"] = "error"

    @field_validator("name")
    @classmethod
    def _registered(cls, name: str) -> str:
        if name not in SEMANTICS:
            raise ValueError(f"not a known semantics (known: {', '.join(sorted(SEMANTICS))})")
        return name

    @classmethod
    def schema_for(cls, value: Any) -> type[Table]:
        """The schema of the semantics ``value["name"]`` names."""
        name = value.get("name") if isinstance(value, Mapping) else None
        if isinstance(name, str) and name in SEMANTICS:
            return SEMANTICS[name].schema
        return _UnknownSemantics


class _UnknownSemantics(SemanticsTable, extra="ignore"):
    """Only the name is checked (and refused) when the semantics is unknown."""


class WordVectorSettings(SemanticsTable):
    """Word vectors in a trained model (see :class:`~discojax.semantics.VectorProjection`):
    ``word_vectors = "glove-6b-50d"`` makes the tables of ``vector_types`` (nouns by default)
    a learned map of the words' vectors; ``freeze = false`` trains the vectors too.

    >>> WordVectorSettings(name="tensor", vector_types=("n",))
    Traceback (most recent call last):
    ...
    pydantic_core._pydantic_core.ValidationError: 1 validation error for WordVectorSettings
    vector_types
      Value error, needs word_vectors ...
    """

    word_vectors: Literal["glove-6b-50d"] | None = None
    vector_types: tuple[str, ...] = Field(default=("n",), min_length=1)
    freeze: bool = True

    @field_validator("vector_types", "freeze")
    @classmethod
    def _needs_vectors(cls, value: Any, info: ValidationInfo) -> Any:
        if info.data.get("word_vectors") is None:
            raise ValueError('needs word_vectors (e.g. word_vectors = "glove-6b-50d")')
        if info.field_name == "vector_types":
            from discojax.errors import GrammarError
            from discojax.grammar import parse_type

            for type_string in value:
                try:
                    parse_type(type_string)
                except GrammarError as err:
                    raise ValueError(f"{type_string!r} is not a word type: {err}") from None
        return value

    def with_word_vectors(self, ansatz: Any) -> Any:
        """``ansatz``, with the tables of ``vector_types`` projected from word vectors if
        ``word_vectors`` is set.

        >>> from discojax.semantics import TensorAnsatz
        >>> table = TensorSemantics(name="tensor", dims={"n": 2}, word_vectors="glove-6b-50d")
        >>> type(table.with_word_vectors(TensorAnsatz({"n": 2}))).__name__
        'VectorProjection'
        """
        if self.word_vectors is None:
            return ansatz
        from discojax.semantics import VectorProjection

        return VectorProjection(ansatz, self.word_vectors, 0, self.vector_types, self.freeze)


class TensorSemantics(WordVectorSettings):
    """Tensor and spider semantics: a dimension per basic type, ``dims = { n = 2, s = 2 }``."""

    dims: dict[str, PositiveInt] = Field(min_length=1)


class MPSSemantics(TensorSemantics):
    """Matrix-product-state semantics: dimensions and the bond dimension."""

    bond_dim: PositiveInt = 2


class CircuitSemantics(WordVectorSettings):
    """Circuit semantics: qubits per basic type and the ansatz (see ``CircuitAnsatz``)."""

    qubits: dict[str, NonNegativeInt] = Field(min_length=1)
    family: Literal["iqp", "sim14", "sim15", "strongly_entangling"] = "iqp"
    n_layers: PositiveInt = 1
    ancillas: NonNegativeInt = 0
    discard: bool = False


Builder = Callable[[Any, Sequence[str], Any, str], Any]


class SemanticsEntry(NamedTuple):
    """A semantics' settings schema and model builder."""

    schema: type[SemanticsTable]
    build: Builder


SEMANTICS: dict[str, SemanticsEntry] = {}


def register_semantics(
    name: str, builder: Builder, schema: type[SemanticsTable] = TensorSemantics
) -> None:
    """Make ``builder`` available to configurations as ``[semantics] name = "NAME"``; the
    table is checked against ``schema``.

    >>> register_semantics("tensor", SEMANTICS["tensor"].build, TensorSemantics)
    """
    SEMANTICS[name] = SemanticsEntry(schema, builder)


def _tensor_builder(make_ansatz: Callable[[Any], Any]) -> Builder:
    def build(table: Any, sentences: Sequence[str], lexicon: Any, target: str) -> Any:
        from discojax.models import TensorModel

        return _checked(
            TensorModel.from_data(
                sentences,
                table.with_word_vectors(make_ansatz(table)),
                lexicon=lexicon,
                target=target,
                unknown=table.unknown,
            )
        )

    return build


def _checked(model: Any) -> Any:
    """``model``, once each projected word type is known to be in its vocabulary."""
    from discojax.semantics import VectorProjection

    if not isinstance(model.ansatz, VectorProjection):
        return model
    from discojax.grammar._types import format_type, parse_type

    known = model.vocabulary.type_strings()
    absent = [t for t in model.ansatz.types if format_type(parse_type(t)) not in known]
    if absent:
        from discojax.errors import CompileError

        raise CompileError(
            f"semantics.vector_types: no word of the data has type {absent[0]!r} "
            f"(the types are {', '.join(repr(t) for t in known)})"
        )
    return model


def _tensor(table: TensorSemantics) -> Any:
    from discojax.semantics import TensorAnsatz

    return TensorAnsatz(dict(table.dims))


def _spider(table: TensorSemantics) -> Any:
    from discojax.semantics import SpiderAnsatz

    return SpiderAnsatz(dict(table.dims))


def _mps(table: MPSSemantics) -> Any:
    from discojax.semantics import MPSAnsatz

    return MPSAnsatz(dict(table.dims), bond_dim=table.bond_dim)


def _circuit(table: CircuitSemantics, sentences: Sequence[str], lexicon: Any, target: str) -> Any:
    from discojax.quantum import CircuitAnsatz, QuantumModel

    ansatz = CircuitAnsatz(
        dict(table.qubits),
        family=table.family,
        n_layers=table.n_layers,
        ancillas=table.ancillas,
        discard=table.discard,
    )
    return _checked(
        QuantumModel.from_data(
            sentences,
            table.with_word_vectors(ansatz),
            lexicon=lexicon,
            target=target,
            unknown=table.unknown,
        )
    )


register_semantics("tensor", _tensor_builder(_tensor), TensorSemantics)
register_semantics("spider", _tensor_builder(_spider), TensorSemantics)
register_semantics("mps", _tensor_builder(_mps), MPSSemantics)
register_semantics("circuit", _circuit, CircuitSemantics)


def build_model(table: SemanticsTable, sentences: Sequence[str], lexicon: Any, target: str) -> Any:
    """The model of the semantics ``table`` names, built on ``sentences``.

    >>> table = MPSSemantics(name="mps", dims={"n": 2, "s": 2}, bond_dim=3)
    >>> build_model(table, ["man runs"], None, "s").ansatz.bond_dim
    3
    """
    return SEMANTICS[table.name].build(table, sentences, lexicon, target)
