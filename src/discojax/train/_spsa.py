"""SPSA: simultaneous-perturbation stochastic approximation, for gradient-free training.

Each step perturbs every parameter at once by ``±c_k`` (a Rademacher direction ``Δ``), evaluates
the loss twice, and moves against the estimated gradient
``ĝ = (L(θ + c_k Δ) - L(θ - c_k Δ)) / (2 c_k) · Δ`` with step ``a_k``; the gains follow Spall's
schedule ``a_k = a / (k + 1 + A)^alpha`` and ``c_k = c / (k + 1)^gamma``. Two evaluations per
step, whatever the number of parameters: what a quantum device would run.

>>> import jax, jax.numpy as jnp
>>> loss = lambda p: jnp.sum((p["x"] - 3.0) ** 2)
>>> params = {"x": jnp.zeros(4)}
>>> settings = SPSASettings(a=0.2, c=0.1, A=10.0)
>>> for k in range(300):
...     params, _ = spsa_step(loss, params, jax.random.key(k), k, settings)
>>> bool(jnp.allclose(params["x"], 3.0, atol=0.05))
True
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import jax
import jax.numpy as jnp


@dataclass(frozen=True)
class SPSASettings:
    """Gains of SPSA (Spall 1998's recommended exponents by default).

    >>> SPSASettings().alpha
    0.602
    """

    a: float = 0.05
    c: float = 0.06
    A: float = 10.0
    alpha: float = 0.602
    gamma: float = 0.101

    def gains(self, k: jax.Array | int) -> tuple[jax.Array, jax.Array]:
        """``(a_k, c_k)`` at step ``k``.

        >>> [round(float(g), 4) for g in SPSASettings(a=1.0, c=1.0, A=0.0).gains(0)]
        [1.0, 1.0]
        """
        k = jnp.asarray(k, jnp.float32)
        return self.a / (k + 1 + self.A) ** self.alpha, self.c / (k + 1) ** self.gamma


def spsa_step(
    loss: Callable[[Any], jax.Array],
    params: Any,
    key: jax.Array,
    k: jax.Array | int,
    settings: SPSASettings,
) -> tuple[Any, jax.Array]:
    """One SPSA update of ``params``; returns the new parameters and the mean of the two losses.

    Pure and jittable: ``key`` draws the direction, ``k`` indexes the gain schedule.
    """
    a_k, c_k = settings.gains(k)
    leaves, treedef = jax.tree_util.tree_flatten(params)
    keys = jax.random.split(key, len(leaves))
    deltas = [
        jax.random.rademacher(k_, leaf.shape, dtype=leaf.dtype) for k_, leaf in zip(keys, leaves)
    ]
    plus = jax.tree_util.tree_unflatten(treedef, [p + c_k * d for p, d in zip(leaves, deltas)])
    minus = jax.tree_util.tree_unflatten(treedef, [p - c_k * d for p, d in zip(leaves, deltas)])
    loss_plus, loss_minus = loss(plus), loss(minus)
    scale = (loss_plus - loss_minus) / (2 * c_k)
    updated = jax.tree_util.tree_unflatten(
        treedef, [p - a_k * scale * d for p, d in zip(leaves, deltas)]
    )
    return updated, (loss_plus + loss_minus) / 2
