"""Circuit models for the training loop: ``apply`` on a plain compiler batch.

:class:`~discojax.train.fit` draws minibatches from a :class:`~discojax.compile.Batch`;
:class:`CircuitClassifier` wraps a :class:`QuantumModel` so that ``prepare`` returns that batch
and ``apply`` returns each sentence's post-selected Born distribution over its output qubits
(``output_kind = "probabilities"``, read as class probabilities by the losses).

>>> import jax
>>> from discojax.quantum import CircuitAnsatz
>>> clf = CircuitClassifier.from_data(["man runs", "woman cooks meal"], CircuitAnsatz({"n": 1, "s": 1}))
>>> batch = clf.prepare(["man runs", "woman cooks meal"])
>>> probs = clf.apply(clf.init(jax.random.key(0)), batch)
>>> probs.shape, bool(jax.numpy.allclose(probs.sum(-1), 1.0, atol=1e-5))
((2, 2), True)
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import jax
import jax.numpy as jnp

from discojax.compile import Batch, Vocabulary
from discojax.grammar import parse_type
from discojax.models._quantum import QuantumModel
from discojax.semantics.circuit._simulate import CircuitBatch, simulate


@dataclass(frozen=True)
class CircuitClassifier:
    """A :class:`QuantumModel` whose outputs are class probabilities, for ``fit``."""

    model: QuantumModel
    output_kind = "probabilities"

    @classmethod
    def from_data(cls, items: Iterable[Any], ansatz: Any, **options: Any) -> CircuitClassifier:
        """Build the wrapped model on ``items`` (see :meth:`QuantumModel.from_data`).

        >>> from discojax.quantum import CircuitAnsatz
        >>> CircuitClassifier.from_data(["man runs"], CircuitAnsatz({"n": 1, "s": 1})).vocabulary.rows("n")
        ('man',)
        """
        return cls(QuantumModel.from_data(items, ansatz, **options))

    @property
    def vocabulary(self) -> Vocabulary:
        """The wrapped model's vocabulary."""
        return self.model.vocabulary

    def prepare(self, items: Iterable[Any]) -> Batch:
        """The compiler batch of ``items`` (parsed, lowered and bucketed once)."""
        return self.model.prepare(items).batch

    def init(self, key: jax.Array) -> dict[str, jax.Array]:
        """The wrapped model's seeded angles."""
        return self.model.init(key)

    def apply(self, params: Mapping[str, jax.Array], batch: Batch) -> jax.Array:
        """Post-selected Born distributions, ``(batch.size, 2**q)``: pure and differentiable."""
        output_type = parse_type(self.model.target)
        circuits = CircuitBatch(batch, jnp.ones((batch.size,)), output_type)
        probabilities = simulate(self.model.ansatz, params, circuits).probabilities
        return probabilities.reshape(batch.size, -1)
