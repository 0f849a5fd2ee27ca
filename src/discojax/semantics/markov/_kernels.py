"""Kernels as arrays: the morphisms of Stoch between finite sets, and their algebra.

A kernel ``k: X -> Y`` is an array ``k[x, y] = k(y | x)`` whose rows sum to one (inputs first,
as DisCoPy lays out a box); a state (a distribution) is a kernel from the unit, a vector.
Composition is the matrix product, the copy ``X -> X ⊗ X`` the diagonal tensor, and a kernel
is *deterministic* (a function) when copying its output equals running it twice on a copy:
``copy ∘ k = (k ⊗ k) ∘ copy``.

>>> import jax.numpy as jnp
>>> k = jnp.array([[0.5, 0.5], [0.0, 1.0]])
>>> compose(dirac([1, 0], 2), k).tolist()
[[0.0, 1.0], [0.5, 0.5]]
>>> is_deterministic(k), is_deterministic(dirac([1, 0], 2))
(False, True)
"""

from __future__ import annotations

from collections.abc import Sequence

import jax
import jax.numpy as jnp
import numpy as np

from discojax.errors import KernelError


def check_kernel(k: jax.Array | np.ndarray, name: str = "kernel", atol: float = 1e-6) -> None:
    """Check ``k`` is a kernel (or a state): non-negative, each row summing to one.

    Raises:
        KernelError: what is wrong, and where.

    >>> check_kernel(jnp.array([[0.5, 0.5], [0.2, 0.7]]))
    Traceback (most recent call last):
    ...
    discojax.errors.KernelError: kernel row 1 sums to 0.9, not 1
    """
    array = np.asarray(k, dtype=np.float64)
    if array.ndim not in (1, 2):
        raise KernelError(f"{name} must be a vector or a matrix, not of shape {array.shape}")
    if np.any(array < -atol):
        raise KernelError(f"{name} has a negative entry, {array.min():.3g}")
    sums = array.reshape(-1, array.shape[-1]).sum(axis=-1)
    bad = np.flatnonzero(np.abs(sums - 1.0) > atol)
    if bad.size:
        row = int(bad[0])
        raise KernelError(f"{name} row {row} sums to {sums[row]:.6g}, not 1")


def dirac(function: Sequence[int], n_out: int) -> jax.Array:
    """The deterministic kernel of ``function`` (the output of each input): one-hot rows.

    >>> dirac([2, 0], 3).tolist()
    [[0.0, 0.0, 1.0], [1.0, 0.0, 0.0]]
    """
    return jax.nn.one_hot(jnp.asarray(function), n_out)


def compose(*kernels: jax.Array) -> jax.Array:
    """``k1`` then ``k2`` then …: the Chapman–Kolmogorov sum, a matrix product.

    >>> compose(jnp.array([0.5, 0.5]), jnp.array([[1.0, 0.0], [0.5, 0.5]])).tolist()
    [0.75, 0.25]
    """
    result = kernels[0]
    for k in kernels[1:]:
        result = result @ k
    return result


def copy(n: int) -> jax.Array:
    """The copy ``X -> X ⊗ X`` of an ``n``-outcome set, as a kernel ``(n, n * n)``.

    >>> copy(2).tolist()
    [[1.0, 0.0, 0.0, 0.0], [0.0, 0.0, 0.0, 1.0]]
    """
    eye = jnp.eye(n)
    return (eye[:, :, None] * eye[:, None, :]).reshape(n, n * n)


def joint(pi: jax.Array, k: jax.Array) -> jax.Array:
    """The joint distribution ``π(x) k(y | x)`` of an input state and a kernel: ``(copy ⊗ …)``,
    i.e. ``(id ⊗ k) ∘ copy ∘ π``, as a matrix ``[x, y]``.

    >>> joint(jnp.array([0.25, 0.75]), jnp.array([[1.0, 0.0], [0.5, 0.5]])).tolist()
    [[0.25, 0.0], [0.375, 0.375]]
    """
    return pi[:, None] * k


def copy_after(k: jax.Array) -> jax.Array:
    """``copy ∘ k``: ``[x, y, y'] = k(y | x) δ(y, y')``, flattened to ``(n_x, n_y²)``.

    >>> copy_after(jnp.array([[0.5, 0.5]])).tolist()
    [[0.5, 0.0, 0.0, 0.5]]
    """
    k = jnp.atleast_2d(k)
    return (k[:, :, None] * jnp.eye(k.shape[1])[None]).reshape(k.shape[0], -1)


def twice(k: jax.Array) -> jax.Array:
    """``(k ⊗ k) ∘ copy``: ``[x, y, y'] = k(y | x) k(y' | x)``, flattened to ``(n_x, n_y²)``.

    >>> twice(jnp.array([[0.5, 0.5]])).tolist()
    [[0.25, 0.25, 0.25, 0.25]]
    """
    k = jnp.atleast_2d(k)
    return (k[:, :, None] * k[:, None, :]).reshape(k.shape[0], -1)


def is_deterministic(k: jax.Array, atol: float = 1e-9) -> bool:
    """Whether ``copy ∘ k = (k ⊗ k) ∘ copy`` (to ``atol``): ``k`` is a function.

    Raises:
        KernelError: ``k`` is not a kernel.

    >>> is_deterministic(jnp.array([0.0, 1.0])), is_deterministic(jnp.array([0.5, 0.5]))
    (True, False)
    """
    check_kernel(k)
    return bool(jnp.max(jnp.abs(copy_after(k) - twice(k))) <= atol)
