"""Information of joint distributions: entropy, mutual information, the NLL decomposition,
the information surplus of a hidden state, and a draft head's acceptance rate.

A joint distribution is an array, one axis per variable. For a data source ``π(x) p(w | x)``
and a model ``q(w | x)``, the expected negative log-likelihood splits exactly
(:func:`nll_decomposition`): ``E[−log q(W | X)] = E_X[KL(p(· | X) ‖ q(· | X))] + H(W | X)``: a
model can lower its NLL only down to the data's conditional entropy.

The *information surplus* of a hidden state ``H`` about the next ``K`` tokens
(:func:`information_surplus`) is what it tells about the tokens after the next one, beyond the
next one: ``S_K = I(H; W_2 … W_K | W_1) = I(H; W_1 … W_K) − I(H; W_1)``. It is what a draft
head that also reads ``H`` (EAGLE) can exploit: ``S_2`` is exactly the expected log-loss a
draft of ``W_2`` saves by reading ``H`` besides ``W_1``. It is zero when the source is
first-order and ``H`` its current token (``W_2`` depends on the past only through ``W_1``).

>>> import jax.numpy as jnp
>>> round(float(entropy(jnp.array([0.5, 0.25, 0.25]))), 6)
1.039721
>>> independent = jnp.outer(jnp.array([0.5, 0.5]), jnp.array([0.2, 0.8]))
>>> abs(float(mutual_information(independent))) < 1e-7
True
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial

import jax
import jax.numpy as jnp
from jax.scipy.special import xlogy

from discojax.errors import KernelError


def entropy(p: jax.Array, axes: Sequence[int] | None = None) -> jax.Array:
    """Shannon entropy (nats) of ``p``, or of its marginal on ``axes``.

    >>> round(float(entropy(jnp.array([[0.25, 0.25], [0.5, 0.0]]), axes=[0])), 6)
    0.693147
    """
    return _entropy(p, tuple(range(p.ndim)) if axes is None else tuple(axes))


@partial(jax.jit, static_argnums=1)
def _entropy(p: jax.Array, axes: tuple[int, ...]) -> jax.Array:
    # jitted: one compilation per (shape, axes), not one per primitive (eagerly, a surplus
    # study compiled some 90 small reductions)
    others = tuple(i for i in range(p.ndim) if i not in axes)
    marginal = jnp.sum(p, axis=others) if others else p
    return -jnp.sum(xlogy(marginal, marginal))


def conditional_mutual_information(
    joint: jax.Array, a: Sequence[int], b: Sequence[int], c: Sequence[int] = ()
) -> jax.Array:
    """``I(A; B | C)`` of the variables on axes ``a``, ``b``, ``c`` of ``joint``.

    Raises:
        KernelError: axes that overlap or are out of range.

    >>> copies = jnp.diag(jnp.array([0.5, 0.5]))
    >>> round(float(conditional_mutual_information(copies, [0], [1])), 6)
    0.693147
    """
    a, b, c = tuple(a), tuple(b), tuple(c)
    every = a + b + c
    if len(set(every)) != len(every) or not all(0 <= i < joint.ndim for i in every):
        raise KernelError(f"axes {a}, {b}, {c} must be distinct axes of a {joint.ndim}-d joint")
    return _conditional_mutual_information(joint, a, b, c)


@partial(jax.jit, static_argnums=(1, 2, 3))
def _conditional_mutual_information(
    joint: jax.Array, a: tuple[int, ...], b: tuple[int, ...], c: tuple[int, ...]
) -> jax.Array:
    h_c = _entropy(joint, c) if c else 0.0
    return _entropy(joint, a + c) + _entropy(joint, b + c) - _entropy(joint, a + b + c) - h_c


def mutual_information(joint: jax.Array) -> jax.Array:
    """``I(X; Y)`` of a joint ``[x, y]``: ``KL(joint ‖ p_X ⊗ p_Y)``.

    >>> round(float(mutual_information(jnp.array([[0.5, 0.0], [0.0, 0.5]]))), 6)
    0.693147
    """
    return conditional_mutual_information(joint, [0], [1])


def nll_decomposition(
    pi: jax.Array, p: jax.Array, q: jax.Array
) -> tuple[jax.Array, jax.Array, jax.Array]:
    """``(NLL, E[KL], H(W | X))`` of a model ``q[x, w]`` on data ``π(x) p[x, w]``; the first is
    the sum of the other two.

    >>> pi, p = jnp.array([0.5, 0.5]), jnp.array([[0.5, 0.5], [1.0, 0.0]])
    >>> [round(float(v), 6) for v in nll_decomposition(pi, p, jnp.full((2, 2), 0.5))]
    [0.693147, 0.346574, 0.346574]
    """
    nll = -jnp.sum(pi[:, None] * xlogy(p, q))
    expected_kl = jnp.sum(pi[:, None] * (xlogy(p, p) - xlogy(p, q)))
    conditional = -jnp.sum(pi[:, None] * xlogy(p, p))
    return nll, expected_kl, conditional


def information_surplus(joint: jax.Array) -> jax.Array:
    """``S_K = I(H; W_2 … W_K | W_1)`` of a joint ``[h, w_1, …, w_K]``.

    Raises:
        KernelError: fewer than two token axes (``S_1`` is zero by definition).

    >>> import numpy as np
    >>> chain = jnp.asarray(np.full((2, 2, 2), 1 / 8))  # h, w1, w2 independent
    >>> abs(float(information_surplus(chain))) < 1e-7
    True
    """
    if joint.ndim < 3:
        raise KernelError(f"a surplus needs axes [h, w1, w2, …], got a {joint.ndim}-d joint")
    return conditional_mutual_information(joint, [0], range(2, joint.ndim), [1])


def acceptance_rate(target: jax.Array, draft: jax.Array, weights: jax.Array) -> jax.Array:
    """Speculative sampling's expected acceptance ``Σ_c w(c) Σ_y min(p(y | c), q(y | c))``
    (``1 − E[TV]``) of a draft ``q[c, y]`` against a target ``p[c, y]``.

    >>> p = jnp.array([[0.5, 0.5], [1.0, 0.0]])
    >>> float(acceptance_rate(p, jnp.full((2, 2), 0.5), jnp.array([0.5, 0.5])))
    0.75
    """
    return jnp.sum(weights * jnp.sum(jnp.minimum(target, draft), axis=-1))
