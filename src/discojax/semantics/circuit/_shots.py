"""Finite shots: what a device would report, sampled from the exact simulation with a seed.

A run of a sentence's circuit either fails post-selection (a cup's Bell measurement or an
ancilla gives the wrong bits) or is kept and yields an outcome of the output qubits. With the
exact :class:`~discojax.quantum.Outcome`, a run gives outcome ``o`` with probability
``success × p(o)`` and fails with probability ``1 - success``: :func:`sample` draws ``shots``
runs per sentence from that multinomial and reports the counts, the kept runs, and the
estimates a device user would compute. The estimates converge to the exact distribution as
``shots`` grows (standard error ``sqrt(p(1 - p) / kept)``).

>>> import jax, jax.numpy as jnp
>>> from discojax.semantics.circuit._simulate import normalise
>>> exact = normalise(jnp.array([[0.75, 0.25]]), jnp.array([0.5]))
>>> result = sample(exact, 100_000, jax.random.key(0))
>>> round(float(result.success_rate[0]), 2), jnp.round(result.probabilities[0], 2).tolist()
(0.5, [0.75, 0.25])
"""

from __future__ import annotations

from dataclasses import dataclass, field

import jax
import jax.numpy as jnp

from discojax.semantics.circuit._simulate import Outcome

#: Counts are drawn in float32, exact up to this many shots.
MAX_SHOTS = 2**24


@jax.tree_util.register_dataclass
@dataclass(frozen=True)
class Shots:
    """Sampled runs of every sentence's circuit.

    Attributes:
        counts: ``(size, *outcomes)`` kept runs per outcome.
        kept: ``(size,)`` runs that passed post-selection.
        shots: runs per sentence (static).
    """

    counts: jax.Array
    kept: jax.Array
    shots: int = field(metadata={"static": True})

    @property
    def success_rate(self) -> jax.Array:
        """The fraction of runs kept: the estimate of the post-selection probability.

        >>> Shots(jnp.array([[3, 1]]), jnp.array([4]), 8).success_rate.tolist()
        [0.5]
        """
        return self.kept / self.shots

    @property
    def probabilities(self) -> jax.Array:
        """The estimated distribution ``counts / kept``; uniform where no run was kept.

        >>> Shots(jnp.array([[3, 1], [0, 0]]), jnp.array([4, 0]), 8).probabilities.tolist()
        [[0.75, 0.25], [0.5, 0.5]]
        """
        axes = (slice(None),) + (None,) * (self.counts.ndim - 1)
        kept = self.kept[axes]
        n_outcomes = self.counts[0].size if self.counts.shape[0] else 1
        safe = jnp.where(kept > 0, kept, 1)
        return jnp.where(kept > 0, self.counts / safe, 1.0 / n_outcomes)


def sample(outcome: Outcome, shots: int, key: jax.Array) -> Shots:
    """Draw ``shots`` runs of every sentence's circuit, with the seed ``key``.

    Args:
        outcome: the exact outcome (:func:`~discojax.quantum.simulate`).
        shots: runs per sentence, at most ``MAX_SHOTS``.
        key: a JAX random key; the same key gives the same counts.

    Raises:
        ValueError: ``shots`` below 1 or above ``MAX_SHOTS``.

    >>> import jax.numpy as jnp
    >>> from discojax.semantics.circuit._simulate import normalise
    >>> never = normalise(jnp.array([[0.0, 0.0]]), jnp.array([0.5]))
    >>> sample(never, 1000, jax.random.key(0)).kept.tolist()
    [0]
    """
    if not 1 <= shots <= MAX_SHOTS:
        raise ValueError(f"shots must be between 1 and {MAX_SHOTS}, not {shots}")
    size = outcome.probabilities.shape[0]
    flat = outcome.probabilities.reshape(size, -1).astype(jnp.float32)
    success = jnp.clip(outcome.success.astype(jnp.float32), 0.0, 1.0)
    kept_p = flat * success[:, None]
    p = jnp.concatenate([kept_p, jnp.clip(1.0 - kept_p.sum(axis=1), 0.0, 1.0)[:, None]], axis=1)
    p = p / p.sum(axis=1, keepdims=True)
    draws = jax.random.multinomial(key, shots, p).astype(jnp.int32)
    counts = draws[:, :-1].reshape(outcome.probabilities.shape)
    return Shots(counts, draws[:, :-1].sum(axis=1), shots)
