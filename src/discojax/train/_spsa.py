"""SPSA as an optax transformation: simultaneous-perturbation stochastic approximation.

Each step perturbs every parameter at once by ``±c_k`` (a Rademacher direction ``Δ``), evaluates
the loss twice, and moves against the estimated gradient
``ĝ = (L(θ + c_k Δ) - L(θ - c_k Δ)) / (2 c_k) · Δ`` with step ``a_k``; the gains follow Spall's
schedule ``a_k = a / (k + 1 + A)^alpha`` and ``c_k = c / (k + 1)^gamma``. Two evaluations per
step, whatever the number of parameters: what a quantum device would run.

:func:`spsa` is an optax ``GradientTransformationExtraArgs`` whose ``update`` takes the loss
function as ``value_fn=`` and ignores the incoming updates: it needs values, never gradients, so
:func:`~discojax.train.fit`'s step skips ``jax.grad`` for it (it is a
:class:`ValueOnlyTransformation`). Its state holds the step count, the key that draws the
directions (step ``k`` draws with ``fold_in(key(seed), k)``) and the last step's loss (the mean
of the two evaluations), found by ``optax.tree_utils.tree_get(state, "value")``.

>>> import jax, jax.numpy as jnp, optax
>>> loss = lambda p: jnp.sum((p["x"] - 3.0) ** 2)
>>> params = {"x": jnp.zeros(4)}
>>> optimiser = spsa(a=0.2, c=0.1, A=10.0)
>>> state = optimiser.init(params)
>>> for _ in range(300):
...     updates, state = optimiser.update(None, state, params, value_fn=loss)
...     params = optax.apply_updates(params, updates)
>>> bool(jnp.allclose(params["x"], 3.0, atol=0.05)), int(state.steps)
(True, 300)
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, NamedTuple

import jax
import jax.numpy as jnp
import optax


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


class SPSAState(NamedTuple):
    """SPSA's state: steps taken, the directions' key (raw key data), the last step's loss."""

    steps: jax.Array
    key: jax.Array
    value: jax.Array


class ValueOnlyTransformation(optax.GradientTransformationExtraArgs):
    """An optax transformation that needs the loss function (``value_fn=``), never gradients.

    Its ``update`` ignores the updates it is given, and its state holds the loss it measured
    under the name ``value``. A training step that meets one skips ``jax.grad``.

    >>> isinstance(spsa(), ValueOnlyTransformation), isinstance(optax.adam(0.1), ValueOnlyTransformation)
    (True, False)
    """


def spsa(
    a: float = 0.05,
    c: float = 0.06,
    A: float = 10.0,
    alpha: float = 0.602,
    gamma: float = 0.101,
    seed: int = 0,
) -> ValueOnlyTransformation:
    """SPSA with Spall's gains (see :class:`SPSASettings`); ``seed`` draws the directions.

    The seed enters only the state (``init``), so one compiled step serves every seed.

    >>> import jax.numpy as jnp
    >>> state = spsa(seed=3).init({"w": jnp.zeros(2)})
    >>> int(state.steps), state.key.dtype.name
    (0, 'uint32')
    """
    settings = SPSASettings(a, c, A, alpha, gamma)

    def init(params: Any) -> SPSAState:
        del params
        key = jax.random.key_data(jax.random.key(seed))
        return SPSAState(jnp.zeros((), jnp.int32), key, jnp.zeros((), jnp.float32))

    def update(
        updates: Any,
        state: SPSAState,
        params: Any = None,
        *,
        value_fn: Callable[[Any], jax.Array],
        **extra_args: Any,
    ) -> tuple[Any, SPSAState]:
        del updates, extra_args
        key = jax.random.fold_in(jax.random.wrap_key_data(state.key), state.steps)
        a_k, c_k = settings.gains(state.steps)
        leaves, treedef = jax.tree_util.tree_flatten(params)
        keys = jax.random.split(key, len(leaves))
        deltas = [
            jax.random.rademacher(k, leaf.shape, dtype=leaf.dtype) for k, leaf in zip(keys, leaves)
        ]
        plus = [p + c_k * d for p, d in zip(leaves, deltas)]
        minus = [p - c_k * d for p, d in zip(leaves, deltas)]
        loss_plus = value_fn(jax.tree_util.tree_unflatten(treedef, plus))
        loss_minus = value_fn(jax.tree_util.tree_unflatten(treedef, minus))
        scale = (loss_plus - loss_minus) / (2 * c_k)
        # -(a_k * scale * d) added is bit for bit the old `p - a_k * scale * d` (tested)
        steps = [-(a_k * scale * d) for d in deltas]
        value = (loss_plus + loss_minus) / 2
        new_state = SPSAState(state.steps + 1, state.key, value.astype(state.value.dtype))
        return jax.tree_util.tree_unflatten(treedef, steps), new_state

    return ValueOnlyTransformation(init, update)
