"""Quantum models: a circuit ansatz, a vocabulary and a parser, with pure ``init`` and ``apply``.

Parameters are angle tables, one per word type: ``params["n.r s n.l"]`` has one row of angles
(in turns) per transitive verb; under a :class:`~discojax.semantics.VectorProjection` of the
circuit ansatz, some are word vectors through learned maps (:meth:`QuantumModel.angles`).
``apply`` is a pure, jitted, differentiable function of ``(params, batch)`` of the compiler's
batch, like :class:`~discojax.TensorModel`'s, so both train through the same loop;
:meth:`QuantumModel.prepare_circuits` and :meth:`QuantumModel.outcome` add post-selection rates.

>>> import jax
>>> model = QuantumModel.from_data(["Alice loves Bob", "Bob runs"], CircuitAnsatz({"n": 1, "s": 1}))
>>> params = model.init(jax.random.key(0))
>>> {name: table.shape for name, table in sorted(params.items())}
{'n': (2, 3), 'n.r s': (1, 1), 'n.r s n.l': (1, 2)}
>>> batch = model.prepare(["Alice runs", "Bob loves Alice"])
>>> probabilities = model.apply(params, batch)
>>> probabilities.shape, bool(jax.numpy.allclose(probabilities.sum(axis=1), 1.0))
((2, 2), True)
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import jax
import jax.numpy as jnp

from discojax.compile._batch import Batch
from discojax.errors import CompileError
from discojax.models._model import SentenceModel
from discojax.models._sentences import Sentence
from discojax.semantics._projection import VectorProjection
from discojax.semantics.circuit._ansatz import CircuitAnsatz
from discojax.semantics.circuit._errors import PostSelectionError
from discojax.semantics.circuit._simulate import (
    CircuitBatch,
    Outcome,
    amplitudes,
    prepare_circuits,
    simulate,
)


@dataclass(frozen=True)
class QuantumModel(SentenceModel):
    """A sentence model of a circuit semantics: each word a parameterised state, a sentence
    their post-selection; outputs are Born distributions (``output_kind = "probabilities"``).

    Args:
        ansatz: qubits of basic types and the circuit family of words.
        vocabulary: the rows of each type's angle table.
        parser: parses text (the bundled English grammar by default).
        target: the type sentences reduce to.
    """

    ansatz: CircuitAnsatz | VectorProjection

    @property
    def circuit(self) -> CircuitAnsatz:
        """The circuit ansatz of the words (the base of a projection from word vectors).

        >>> QuantumModel.from_data(["man runs"], CircuitAnsatz({"n": 1, "s": 1})).circuit.family
        'iqp'
        """
        ansatz = self.ansatz.base if isinstance(self.ansatz, VectorProjection) else self.ansatz
        if not isinstance(ansatz, CircuitAnsatz):
            raise CompileError(
                f"a QuantumModel needs a circuit ansatz, not {type(ansatz).__name__}"
            )
        return ansatz

    def angles(self, params: Mapping[str, jax.Array]) -> dict[str, jax.Array]:
        """The angle tables of ``params`` (each word's vector through its type's map, under a
        projection from word vectors).

        >>> m = QuantumModel.from_data(["man runs"], CircuitAnsatz({"n": 1, "s": 1}))
        >>> m.angles(m.init(jax.random.key(0)))["n"].shape
        (1, 3)
        """
        if isinstance(self.ansatz, VectorProjection):
            return self.ansatz.base_params(params)
        return dict(params)

    def prepare(self, items: Iterable[Sentence]) -> Batch:
        """Parse, lower and bucket ``items`` once; reuse the batch across epochs.

        >>> m = QuantumModel.from_data(["man runs", "woman runs"], CircuitAnsatz({"n": 1, "s": 1}))
        >>> m.prepare(["man runs", "woman runs"]).shapes
        1
        """
        return self.prepare_circuits(items).batch

    def prepare_circuits(self, items: Iterable[Sentence]) -> CircuitBatch:
        """As :meth:`prepare`, with what post-selection rates need (see :meth:`outcome`).

        >>> m = QuantumModel.from_data(["man runs"], CircuitAnsatz({"n": 1, "s": 1}))
        >>> m.prepare_circuits(["man runs"]).scale.tolist()
        [0.5]
        """
        return prepare_circuits(self.networks(items), self.vocabulary, self.circuit)

    def outcome(self, params: Mapping[str, jax.Array], circuits: CircuitBatch) -> Outcome:
        """Distributions, Born weights and post-selection rates of every sentence.

        >>> m = QuantumModel.from_data(["man runs"], CircuitAnsatz({"n": 1, "s": 1}))
        >>> out = m.outcome(m.init(jax.random.key(0)), m.prepare_circuits(["man runs"]))
        >>> bool(0 < out.success[0] <= 1)
        True
        """
        return simulate(self.circuit, self.angles(params), circuits)

    def _circuits(self, batch: Batch) -> CircuitBatch:
        """``batch`` for the simulator; the unit scale leaves probabilities unchanged."""
        return CircuitBatch(batch, jnp.ones((batch.size,)), self.output_type)

    def amplitudes(self, params: Mapping[str, jax.Array], batch: Batch) -> jax.Array:
        """The post-selected output states (pure) or density matrices (mixed), unnormalised.

        >>> m = QuantumModel.from_data(["man runs"], CircuitAnsatz({"n": 1, "s": 1}))
        >>> m.amplitudes(m.init(jax.random.key(0)), m.prepare(["man runs"])).dtype
        dtype('complex64')
        """
        return amplitudes(self.circuit, self.angles(params), self._circuits(batch))

    def estimate(
        self, params: Mapping[str, jax.Array], batch: Batch, shots: int | None, key: jax.Array
    ) -> jax.Array:
        """:meth:`apply` as a device estimates it, from ``shots`` runs of each circuit (seeded by
        ``key``), differentiable by the parameter-shift rule under the same shots (see
        :func:`discojax.diff.sampled_probabilities`).

        >>> m = QuantumModel.from_data(["man runs"], CircuitAnsatz({"n": 1, "s": 1}))
        >>> p, b = m.init(jax.random.key(0)), m.prepare(["man runs"])
        >>> m.estimate(p, b, 100, jax.random.key(1)).sum().tolist()
        1.0
        """
        from discojax.diff import sampled_probabilities

        angles = self.angles(params)
        return sampled_probabilities(self.circuit, self.output_type, shots, angles, batch, key)

    def circuit_evaluations(self, batch: Batch, gradient: bool) -> int:
        """Circuits a device runs for one step on ``batch``: with ``gradient``, one per sentence
        and one per parameter-shift term; without (SPSA), two per sentence.

        >>> m = QuantumModel.from_data(["man runs"], CircuitAnsatz({"n": 1, "s": 1}))
        >>> m.circuit_evaluations(m.prepare(["man runs"]), gradient=True)
        11
        """
        from discojax.diff import circuit_evaluations

        return circuit_evaluations(self.circuit, batch, gradient)

    def meaning(self, params: Mapping[str, jax.Array], sentence: Sentence) -> jax.Array:
        """The distribution of one sentence.

        Raises:
            PostSelectionError: the sentence is post-selected with probability zero.

        >>> m = QuantumModel.from_data(["man runs"], CircuitAnsatz({"n": 1, "s": 1}))
        >>> m.meaning(m.init(jax.random.key(0)), "man runs").shape
        (2,)
        """
        out = self.outcome(params, self.prepare_circuits([sentence]))
        if not float(out.success[0]) > 0.0:
            raise PostSelectionError(
                f"sentence {sentence if isinstance(sentence, str) else 0!r} is post-selected "
                "with probability 0: its circuit has no outcome distribution"
            )
        return out.probabilities[0]
