"""The one model protocol, and the sentence model every semantics shares.

A *model* has pure ``init(key) -> params``, ``prepare(items) -> Batch`` (parse, lower and
bucket once) and ``apply(params, batch) -> outputs``, and says what its outputs are
(``output_kind``: ``"logits"`` or ``"probabilities"``). The training loop, the experiments and
saving need nothing else.

:class:`SentenceModel` satisfies it for any :class:`~discojax.semantics.Semantics`: the
semantics gives the parameter tables and turns them into word tensors, the compiler contracts
every sentence of a batch, and the semantics reads the result out. :class:`~discojax.TensorModel`
and :class:`~discojax.quantum.QuantumModel` are sentence models of the tensor and circuit
semantics.

>>> import jax
>>> from discojax import TensorModel, TensorAnsatz
>>> from discojax.quantum import CircuitAnsatz, QuantumModel
>>> for model in (TensorModel.from_data(["Alice runs"], TensorAnsatz({"n": 2, "s": 2})),
...               QuantumModel.from_data(["Alice runs"], CircuitAnsatz({"n": 1, "s": 1}))):
...     assert isinstance(model, Model)
...     params = model.init(jax.random.key(0))
...     print(model.output_kind, model.apply(params, model.prepare(["Alice runs"])).shape)
logits (1, 2)
probabilities (1, 2)
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol, Self, runtime_checkable

import jax
import jax.numpy as jnp

from discojax._jit import bounded_jit
from discojax.compile._batch import Batch, evaluate, prepare
from discojax.compile._network import Network
from discojax.compile._vocabulary import UnknownPolicy, Vocabulary
from discojax.grammar import Lexicon, Parser, default_parser, parse_type
from discojax.grammar._types import Type
from discojax.models._sentences import Sentence, to_network, vocabulary_of
from discojax.semantics._protocol import Params, Semantics


@runtime_checkable
class Model(Protocol):
    """What the training loop, the experiments and saving need of a model."""

    vocabulary: Vocabulary

    @property
    def output_kind(self) -> str:
        """``"logits"`` or ``"probabilities"``: how losses read :meth:`apply`'s outputs."""
        ...

    def init(self, key: jax.Array) -> Params:
        """Seeded initial parameters (a PyTree of arrays)."""
        ...

    def prepare(self, items: Iterable[Any]) -> Batch:
        """Parse, lower and bucket ``items`` once."""
        ...

    def apply(self, params: Mapping[str, jax.Array], batch: Batch) -> jax.Array:
        """Every sentence's output: a pure function of ``(params, batch)``."""
        ...


@dataclass(frozen=True)
class SentenceModel:
    """Sentences composed under a semantics: pure ``init``, ``prepare`` and ``apply``.

    Args:
        ansatz: the semantics (a tensor or circuit ansatz).
        vocabulary: the rows of each type's parameter tables.
        parser: parses text (the bundled English grammar by default).
        target: the type sentences reduce to, ``"s"`` (or ``"n"`` for noun phrases).
    """

    ansatz: Semantics
    vocabulary: Vocabulary
    parser: Parser = field(default_factory=default_parser, compare=False)
    target: str = "s"

    @classmethod
    def from_data(
        cls,
        items: Iterable[Sentence],
        ansatz: Any,
        lexicon: Lexicon | None = None,
        target: str = "s",
        unknown: UnknownPolicy = "error",
    ) -> Self:
        """A model whose vocabulary holds every word of ``items`` (parsed with ``lexicon``).

        >>> from discojax import TensorModel, TensorAnsatz
        >>> TensorModel.from_data(["man runs"], TensorAnsatz({"n": 2, "s": 2})).vocabulary.rows("n.r s")
        ('runs',)
        """
        vocabulary, parser = vocabulary_of(items, lexicon, target, unknown)
        return cls(ansatz, vocabulary, parser, target)

    @property
    def output_kind(self) -> str:
        """What :meth:`apply` gives, as the semantics reads it out.

        >>> from discojax import TensorModel, TensorAnsatz
        >>> TensorModel.from_data(["man runs"], TensorAnsatz({"n": 2, "s": 2})).output_kind
        'logits'
        """
        return self.ansatz.output_kind

    def networks(self, items: Iterable[Sentence]) -> list[Network]:
        """Parse (if text) and lower each item.

        >>> from discojax import TensorModel, TensorAnsatz
        >>> m = TensorModel.from_data(["man runs"], TensorAnsatz({"n": 2, "s": 2}))
        >>> m.networks(["man runs"])[0].output
        (1,)
        """
        return [to_network(item, self.parser, self.target) for item in items]

    def prepare(self, items: Iterable[Sentence] | Sequence[Network]) -> Batch:
        """Parse, lower and bucket ``items`` once; reuse the batch across epochs.

        >>> from discojax import TensorModel, TensorAnsatz
        >>> m = TensorModel.from_data(["man runs", "woman runs"], TensorAnsatz({"n": 2, "s": 2}))
        >>> m.prepare(["man runs", "woman runs"]).shapes
        1
        """
        return prepare(self.networks(items), self.vocabulary, self.ansatz)

    def table_shapes(self) -> dict[str, tuple[int, ...]]:
        """The shape of every parameter table: ``(rows, *one word's shape)``.

        >>> from discojax import TensorModel, TensorAnsatz
        >>> TensorModel.from_data(["man runs"], TensorAnsatz({"n": 2, "s": 3})).table_shapes()
        {'n': (1, 2), 'n.r s': (1, 2, 3)}
        """
        shapes = {}
        for type_string in self.vocabulary.type_strings():
            rows = self.vocabulary.size(type_string)
            for name, shape in self.ansatz.parameter_shapes(parse_type(type_string)).items():
                shapes[name] = (rows, *shape)
        return shapes

    def init(self, key: jax.Array, dtype: Any = jnp.float32, **options: Any) -> Params:
        """Seeded parameters, as the semantics initialises them (``options`` go to it).

        >>> from discojax import TensorModel, TensorAnsatz
        >>> m = TensorModel.from_data(["man runs"], TensorAnsatz({"n": 2, "s": 2}))
        >>> p1, p2 = m.init(jax.random.key(0)), m.init(jax.random.key(0))
        >>> bool(jnp.all(p1["n"] == p2["n"]))
        True
        """
        return self.ansatz.init(key, self.table_shapes(), dtype, self.table_rows(), **options)

    def init_shapes(self) -> dict[str, tuple[int, ...]]:
        """The shape of every array :meth:`init` gives: the tables, unless the semantics
        builds them from other arrays (its ``init_shapes``, e.g. a
        :class:`~discojax.semantics.VectorProjection`).

        >>> from discojax import TensorModel, TensorAnsatz
        >>> TensorModel.from_data(["man runs"], TensorAnsatz({"n": 2, "s": 3})).init_shapes()
        {'n': (1, 2), 'n.r s': (1, 2, 3)}
        """
        shapes = self.table_shapes()
        init_shapes = getattr(self.ansatz, "init_shapes", None)
        return dict(shapes) if init_shapes is None else init_shapes(shapes)

    @property
    def frozen(self) -> frozenset[str]:
        """The arrays of :meth:`init` that training leaves unchanged (the semantics' ``frozen``;
        none for most semantics).

        >>> from discojax import TensorModel, TensorAnsatz
        >>> TensorModel.from_data(["man runs"], TensorAnsatz({"n": 2, "s": 2})).frozen
        frozenset()
        """
        frozen = getattr(self.ansatz, "frozen", None)
        return frozenset() if frozen is None else frozenset(frozen(self.table_shapes()))

    def table_rows(self) -> dict[str, tuple[str, ...]]:
        """The words of every parameter table's rows, in order.

        >>> from discojax import TensorModel, TensorAnsatz
        >>> TensorModel.from_data(["man runs"], TensorAnsatz({"n": 2, "s": 3})).table_rows()
        {'n': ('man',), 'n.r s': ('runs',)}
        """
        rows = {}
        for type_string in self.vocabulary.type_strings():
            for name in self.ansatz.parameter_shapes(parse_type(type_string)):
                rows[name] = self.vocabulary.rows(type_string)
        return rows

    def apply(self, params: Mapping[str, jax.Array], batch: Batch) -> jax.Array:
        """Every sentence's output: word tensors, contracted, read out; pure in ``(params,
        batch)``, so it jits, differentiates and vmaps.

        >>> from discojax import TensorModel, TensorAnsatz
        >>> m = TensorModel.from_data(["man runs"], TensorAnsatz({"n": 2, "s": 2}))
        >>> m.apply(m.init(jax.random.key(0)), m.prepare(["man runs"])).shape
        (1, 2)
        """
        return _apply(self.ansatz, self.output_type, params, batch)

    @property
    def output_type(self) -> Type:
        """The type of the meanings the compiler contracts: the target type.

        >>> from discojax import TensorModel, TensorAnsatz
        >>> TensorModel.from_data(["man runs"], TensorAnsatz({"n": 2, "s": 2})).output_type
        (('s', 0),)
        """
        return parse_type(self.target)

    def meaning(self, params: Mapping[str, jax.Array], sentence: Sentence) -> jax.Array:
        """The meaning of one sentence, composed from its words' tensors.

        >>> from discojax import TensorModel, TensorAnsatz
        >>> m = TensorModel.from_data(["man runs"], TensorAnsatz({"n": 2, "s": 2}))
        >>> m.meaning(m.init(jax.random.key(0)), "man runs").shape
        (2,)
        """
        return self.apply(params, self.prepare([sentence]))[0]

    def diagram(self, params: Mapping[str, jax.Array], sentence: Sentence) -> Any:
        """The DisCoPy diagram (tensor diagram or circuit) of one sentence under ``params``.

        >>> import numpy as np
        >>> from discojax import TensorModel, TensorAnsatz
        >>> m = TensorModel.from_data(["man runs"], TensorAnsatz({"n": 2, "s": 2}))
        >>> params = m.init(jax.random.key(0))
        >>> bool(np.allclose(m.diagram(params, "man runs").eval().array, m.meaning(params, "man runs")))
        True
        """
        parsed = self.parser.parse(sentence, self.target) if isinstance(sentence, str) else sentence
        diagram = parsed.to_diagram() if hasattr(parsed, "to_diagram") else parsed
        return self.ansatz(diagram, params, self.vocabulary)


def contract(
    semantics: Semantics,
    output_type: Type,
    params: Mapping[str, jax.Array],
    batch: Batch,
    in_place: bool = True,
) -> jax.Array:
    """Every sentence's output under ``semantics``: word tensors, contracted, read out.

    :meth:`SentenceModel.apply` is this, jitted; call it directly inside a trace.

    >>> from discojax import TensorModel, TensorAnsatz
    >>> m = TensorModel.from_data(["man runs"], TensorAnsatz({"n": 2, "s": 2}))
    >>> contract(m.ansatz, m.output_type, m.init(jax.random.key(0)), m.prepare(["man runs"])).shape
    (1, 2)
    """
    tensors = semantics.word_tensors(params, batch.table_names)
    return semantics.readout(evaluate(tensors, batch, in_place), output_type)


_apply = bounded_jit(static_argnums=(0, 1))(contract)
