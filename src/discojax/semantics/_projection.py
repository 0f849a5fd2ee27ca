"""Word vectors in trained models: some word types' tables are a learned map of word vectors.

:class:`VectorProjection` wraps a tensor or circuit semantics: a word of one of its ``types``
is its vector ``v`` (GloVe 6B 50d, or any :class:`~discojax.corpus.WordVectors`) through a map
learned for the whole type, ``v @ W + b``, reshaped to the word's tensor (or its circuit's
angles). So a word never seen in training still means what the map makes of its vector.
A projected table ``T`` of ``R`` rows of shape ``S`` is the arrays ``"T:vectors"`` ``(R, D)``
(zero, with a warning, for a word without a vector), ``"T:map"`` ``(D, *S)`` and ``"T:bias"``
``S``. With ``freeze=True`` (the default) the vectors get no gradient and ``fit`` leaves them
unchanged whatever the optimiser (the model's ``frozen``); ``freeze=False`` trains them too.
``to_json`` names the source, not the vectors: a checkpoint holds them, so ``load_model``
needs no source; only ``init`` reads it. The law: the word tensors are the base semantics'
word tensors of :meth:`VectorProjection.base_params`.

>>> import jax, jax.numpy as jnp
>>> from discojax.corpus import WordVectors
>>> from discojax.semantics import TensorAnsatz
>>> vectors = WordVectors.from_array([[1.0, 0.0], [0.0, 2.0]], ["man", "dog"])
>>> semantics = VectorProjection.from_vectors(TensorAnsatz({"n": 3, "s": 2}), vectors)
>>> params = semantics.init(jax.random.key(0), {"n": (2, 3)}, rows={"n": ("man", "dog")})
>>> sorted(params)
['n:bias', 'n:map', 'n:vectors']
>>> table = semantics.word_tensors(params, ["n"])["n"]
>>> bool(jnp.allclose(table[1], 2.0 * params["n:map"][1] + params["n:bias"]))
True
>>> semantics_from_json(semantics.to_json()) == semantics
True
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar

import jax
import jax.numpy as jnp
import numpy as np

from discojax.compile._vocabulary import UNK
from discojax.errors import CompileError
from discojax.grammar._types import Type, parse_type
from discojax.semantics._protocol import Params, Semantics, register_semantics_kind
from discojax.semantics._protocol import semantics_from_json as semantics_from_json
from discojax.semantics.corpus._vectors import WordVectors, load_glove_6b_50d
from discojax.semantics.tensor._ansatz import Factoring

#: Word-vector sources :class:`VectorProjection` can load by name, and their dimensions.
SOURCES = {"glove-6b-50d": 50}


@dataclass(frozen=True)
class VectorProjection:
    """A semantics whose words of ``types`` are their word vectors through a learned map.

    Args:
        base: the semantics of every word (a tensor or circuit ansatz).
        source: where ``init`` reads the vectors: a name in :data:`SOURCES`, or ``None``
            for vectors given to :meth:`from_vectors` (not saved with the model).
        vector_dim: the vectors' dimension (known for a named ``source``).
        types: the word types (type strings) whose tables are projected.
        freeze: keep the vectors fixed (``True``) or train them too.
        vectors: the vectors themselves, if given (else loaded from ``source`` by ``init``).

    Raises:
        CompileError: an unknown source, a dimension below 1 or no types.

    >>> from discojax.semantics import TensorAnsatz
    >>> VectorProjection(TensorAnsatz({"n": 2}), "glove-6b-50d").to_json()["vector_dim"]
    50
    >>> VectorProjection(TensorAnsatz({"n": 2}), "glove-6b-5d")
    Traceback (most recent call last):
    ...
    discojax.errors.CompileError: unknown word-vector source 'glove-6b-5d' (known: glove-6b-50d)
    """

    base: Semantics
    source: str | None = None
    vector_dim: int = 0
    types: tuple[str, ...] = ("n",)
    freeze: bool = True
    vectors: WordVectors | None = field(default=None, compare=False, hash=False, repr=False)
    kind: ClassVar[str] = "vector_projection"

    def __post_init__(self) -> None:
        if self.source is not None and self.source not in SOURCES:
            raise CompileError(
                f"unknown word-vector source {self.source!r} (known: {', '.join(SOURCES)})"
            )
        if self.vector_dim == 0 and self.source is not None:
            object.__setattr__(self, "vector_dim", SOURCES[self.source])
        if self.vector_dim < 1:
            raise CompileError(f"word vectors need a positive dimension, not {self.vector_dim}")
        object.__setattr__(self, "types", tuple(self.types))
        if not self.types:
            raise CompileError("VectorProjection needs at least one word type to project")

    @classmethod
    def from_vectors(
        cls,
        base: Semantics,
        vectors: WordVectors,
        types: Iterable[str] = ("n",),
        freeze: bool = True,
    ) -> VectorProjection:
        """Project the words of ``types`` from ``vectors`` (kept in memory, not saved).

        >>> from discojax.corpus import WordVectors
        >>> from discojax.semantics import TensorAnsatz
        >>> v = WordVectors.from_array([[1.0, 2.0, 3.0]], ["man"])
        >>> VectorProjection.from_vectors(TensorAnsatz({"n": 2}), v).vector_dim
        3
        """
        return cls(base, None, vectors.dim, tuple(types), freeze, vectors)

    @property
    def output_kind(self) -> str:
        """The base semantics' output kind.

        >>> from discojax.semantics import TensorAnsatz
        >>> VectorProjection(TensorAnsatz({"n": 2}), "glove-6b-50d").output_kind
        'logits'
        """
        return self.base.output_kind

    def dim(self, base: str) -> int:
        """The dimension of a basic type (the base semantics' ``dim``).

        >>> from discojax.semantics import TensorAnsatz
        >>> VectorProjection(TensorAnsatz({"n": 2}), "glove-6b-50d").dim("n")
        2
        """
        return self.base.dim(base)

    def factoring(self, ty: Type) -> Factoring:
        """The base semantics' layout of a word of type ``ty``.

        >>> from discojax.semantics import TensorAnsatz
        >>> VectorProjection(TensorAnsatz({"n": 2}), "glove-6b-50d").factoring(parse_type("n")).wires
        (0,)
        """
        return self.base.factoring(ty)

    def parameter_shapes(self, ty: Type) -> dict[str, tuple[int, ...]]:
        """The compiler's tables of a word of type ``ty`` (the base semantics' tables).

        >>> from discojax.semantics import TensorAnsatz
        >>> VectorProjection(TensorAnsatz({"n": 2}), "glove-6b-50d").parameter_shapes(
        ...     parse_type("n"))
        {'n': (2,)}
        """
        return self.base.parameter_shapes(ty)

    def projected(self, names: Iterable[str]) -> tuple[str, ...]:
        """Which of the tables ``names`` are projected from vectors (those of ``types``).

        >>> from discojax.semantics import TensorAnsatz
        >>> VectorProjection(TensorAnsatz({"n": 2, "s": 2}), "glove-6b-50d").projected(
        ...     ["n", "n.r s"])
        ('n',)
        """
        mine = {name for t in self.types for name in self.base.parameter_shapes(parse_type(t))}
        return tuple(name for name in names if name in mine)

    def init_shapes(self, shapes: Mapping[str, tuple[int, ...]]) -> dict[str, tuple[int, ...]]:
        """The shape of every array :meth:`init` gives, from the compiler tables' ``shapes``.

        >>> from discojax.semantics import TensorAnsatz
        >>> VectorProjection(TensorAnsatz({"n": 2, "s": 2}), "glove-6b-50d").init_shapes(
        ...     {"n": (7, 2), "n.r s": (3, 2, 2)})
        {'n.r s': (3, 2, 2), 'n:vectors': (7, 50), 'n:map': (50, 2), 'n:bias': (2,)}
        """
        projected = set(self.projected(shapes))
        result = {name: shape for name, shape in shapes.items() if name not in projected}
        for name in sorted(projected):
            rows, *row_shape = shapes[name]
            result[f"{name}:vectors"] = (rows, self.vector_dim)
            result[f"{name}:map"] = (self.vector_dim, *row_shape)
            result[f"{name}:bias"] = tuple(row_shape)
        return result

    def frozen(self, shapes: Iterable[str]) -> frozenset[str]:
        """The arrays of :meth:`init` that training leaves as they are: the vectors, if frozen.

        >>> from discojax.semantics import TensorAnsatz
        >>> sorted(VectorProjection(TensorAnsatz({"n": 2}), "glove-6b-50d").frozen(["n", "s"]))
        ['n:vectors']
        """
        if not self.freeze:
            return frozenset()
        return frozenset(f"{name}:vectors" for name in self.projected(shapes))

    def init(
        self,
        key: jax.Array,
        shapes: Mapping[str, tuple[int, ...]],
        dtype: Any = jnp.float32,
        rows: Mapping[str, Sequence[str]] | None = None,
    ) -> Params:
        """The base semantics' tables, and for each projected table its words' vectors, a map
        drawn as the base draws ``dim`` rows (divided by the vectors' root-mean-square norm,
        so a word's initial tensor is as large as the base would draw it) and a zero bias.

        Words without a vector get the zero vector, with a warning that counts and names them.

        Raises:
            CompileError: no ``rows``, or no vectors (given as an array and not saved).

        >>> from discojax.corpus import WordVectors
        >>> from discojax.semantics import TensorAnsatz
        >>> s = VectorProjection.from_vectors(TensorAnsatz({"n": 2}),
        ...                                   WordVectors.from_array([[1.0]], ["man"]))
        >>> s.init(jax.random.key(0), {"n": (1, 2)})
        Traceback (most recent call last):
        ...
        discojax.errors.CompileError: VectorProjection.init needs each table's rows (its words)
        """
        projected = self.projected(shapes)
        if projected and rows is None:
            raise CompileError("VectorProjection.init needs each table's rows (its words)")
        base_key, map_key = jax.random.split(key)
        own = {name: shape for name, shape in shapes.items() if name not in projected}
        params = dict(self.base.init(base_key, own, dtype, None)) if own else {}
        if not projected:
            return params
        assert rows is not None
        vectors = self._vectors([w for name in projected for w in rows[name]])
        zero = np.zeros(self.vector_dim)
        maps = self.base.init(
            map_key, {name: (self.vector_dim, *shapes[name][1:]) for name in projected}, dtype, None
        )
        for name in projected:
            words = rows[name]
            coverage = vectors.coverage(w for w in words if w != UNK)
            if coverage.missing:
                warnings.warn(f"table {name!r}: {coverage} (zero vectors)", stacklevel=2)
            table = np.stack([vectors[w] if w in vectors else zero for w in words])
            norm = math.sqrt(float(np.mean(np.sum(table**2, axis=1))))
            params[f"{name}:vectors"] = jnp.asarray(table, dtype)
            params[f"{name}:map"] = jnp.asarray(maps[name] / max(norm, 1e-12), dtype)
            params[f"{name}:bias"] = jnp.zeros(shapes[name][1:], dtype)
        return params

    def _vectors(self, words: list[str]) -> WordVectors:
        if self.vectors is not None:
            vectors = self.vectors
        elif self.source == "glove-6b-50d":
            vectors = load_glove_6b_50d(words=words)
        else:
            raise CompileError(
                "this VectorProjection's vectors were given as an array and are not saved: "
                "build it again with VectorProjection.from_vectors to initialise a model "
                "(a saved model's checkpoint holds its vectors)"
            )
        if vectors.dim != self.vector_dim:
            raise CompileError(
                f"the word vectors have dimension {vectors.dim}, not {self.vector_dim}"
            )
        return vectors

    def base_params(self, params: Mapping[str, jax.Array]) -> Params:
        """The base semantics' tables: each projected one as ``vectors @ map + bias``.

        >>> from discojax.semantics import TensorAnsatz
        >>> s = VectorProjection(TensorAnsatz({"n": 2}), "glove-6b-50d", vector_dim=1)
        >>> p = {"n:vectors": jnp.array([[2.0]]), "n:map": jnp.array([[1.0, 3.0]]),
        ...      "n:bias": jnp.array([0.5, 0.0])}
        >>> s.base_params(p)["n"].tolist()
        [[2.5, 6.0]]
        """
        tables: Params = {}
        for name, array in params.items():
            if name.endswith(":map"):
                table = name[: -len(":map")]
                vectors = params[f"{table}:vectors"]
                if self.freeze:
                    vectors = jax.lax.stop_gradient(vectors)
                bias = params[f"{table}:bias"][None]
                tables[table] = jnp.tensordot(vectors, array, axes=1) + bias
            elif not name.endswith((":vectors", ":bias")):
                tables[name] = array
        return tables

    def word_tensors(self, params: Mapping[str, jax.Array], names: Sequence[str]) -> Params:
        """The base semantics' word tensors of :meth:`base_params`.

        >>> from discojax.semantics import TensorAnsatz
        >>> s = VectorProjection(TensorAnsatz({"n": 2}), "glove-6b-50d", vector_dim=1)
        >>> p = {"n:vectors": jnp.ones((3, 1)), "n:map": jnp.ones((1, 2)), "n:bias": jnp.zeros(2)}
        >>> s.word_tensors(p, ["n"])["n"].shape
        (3, 2)
        """
        return self.base.word_tensors(self.base_params(params), names)

    def readout(self, values: jax.Array, output_type: Type) -> jax.Array:
        """The base semantics' read-out.

        >>> from discojax.semantics import TensorAnsatz
        >>> s = VectorProjection(TensorAnsatz({"s": 2}), "glove-6b-50d")
        >>> s.readout(jnp.ones((1, 2)), (("s", 0),)).tolist()
        [[1.0, 1.0]]
        """
        return self.base.readout(values, output_type)

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready description: the base, the vectors' source (not the vectors) and
        settings.

        >>> from discojax.semantics import TensorAnsatz
        >>> VectorProjection(TensorAnsatz({"n": 2}), "glove-6b-50d").to_json()["source"]
        'glove-6b-50d'
        """
        return {
            "kind": self.kind,
            "base": self.base.to_json(),
            "source": self.source,
            "vector_dim": self.vector_dim,
            "types": list(self.types),
            "freeze": self.freeze,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> VectorProjection:
        """The semantics a :meth:`to_json` describes (without vectors given as an array).

        >>> from discojax.semantics import TensorAnsatz
        >>> s = VectorProjection(TensorAnsatz({"n": 2}), "glove-6b-50d", types=("n", "n.r s"))
        >>> VectorProjection.from_json(s.to_json()).types
        ('n', 'n.r s')
        """
        return cls(
            semantics_from_json(data["base"]),
            data.get("source"),
            int(data["vector_dim"]),
            tuple(data["types"]),
            bool(data["freeze"]),
        )

    def __call__(
        self, diagram: Any, params: Mapping[str, jax.Array] | None = None, vocabulary: Any = None
    ) -> Any:
        """The base semantics' DisCoPy diagram of a sentence under :meth:`base_params`.

        >>> from discojax import parse
        >>> from discojax.semantics import TensorAnsatz
        >>> s = VectorProjection(TensorAnsatz({"n": 2, "s": 2}), "glove-6b-50d")
        >>> s(parse("man runs").to_diagram())
        Traceback (most recent call last):
        ...
        discojax.errors.CompileError: VectorProjection needs params to give a sentence's diagram
        """
        if params is None:
            raise CompileError("VectorProjection needs params to give a sentence's diagram")
        return self.base(diagram, self.base_params(params), vocabulary)


register_semantics_kind(VectorProjection.kind, VectorProjection.from_json)
