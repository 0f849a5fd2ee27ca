"""bounded_jit: jitted per static key; old keys' executables are let go."""

from __future__ import annotations

import gc
import weakref

import jax
import jax.numpy as jnp
import numpy as np
import pytest

from discojax import _jit
from discojax._jit import bounded_jit


class Key:
    """A static argument whose life tells whether jax still holds what was compiled for it."""

    def __init__(self, power: int) -> None:
        self.power = power


def _power(key: Key, x: jax.Array) -> jax.Array:
    return x**key.power


def _compile_for_many_keys(function, first: Key) -> weakref.ref:
    x = jnp.arange(3.0)
    jax.grad(lambda x: jnp.sum(function(first, x)))(x)
    for key in [Key(power) for power in range(2, 8)]:
        jax.grad(lambda x, key=key: jnp.sum(function(key, x)))(x)
    gc.collect()
    return weakref.ref(first)


def test_beyond_max_kept_old_keys_and_their_gradients_are_freed(monkeypatch) -> None:
    held = _compile_for_many_keys(jax.jit(_power, static_argnums=0), Key(1))
    assert held() is not None  # the control: plain jax.jit keeps every key's executables
    monkeypatch.setattr(_jit, "MAX_KEPT", 4)
    freed = _compile_for_many_keys(bounded_jit(static_argnums=0)(_power), Key(1))
    assert freed() is None
    assert _jit.kept_keys() <= 4


def test_too_many_mapped_regions_let_old_keys_go(monkeypatch) -> None:
    power = bounded_jit(static_argnums=0)(_power)
    monkeypatch.setattr(_jit, "map_limit", lambda: 10**9)  # room for all
    kept = _compile_for_many_keys(power, Key(1))
    assert kept() is not None
    monkeypatch.setattr(_jit, "map_limit", lambda: 2)  # always over: every new key evicts
    freed = _compile_for_many_keys(power, Key(1))
    assert freed() is None and kept() is None
    if _jit.mapped_regions() is not None:
        assert _jit.kept_keys() <= 1


def test_values_gradients_and_keys_of_structure() -> None:
    @bounded_jit(static_argnums=(1, 3))
    def combine(x, scale: float, pair, shift: float):
        return scale * x + pair[0] * pair[1] + shift

    x, pair = jnp.arange(3.0), (jnp.ones(3), 2 * jnp.ones(3))
    np.testing.assert_allclose(combine(x, 2.0, pair, 1.0), 2 * np.arange(3.0) + 3)
    np.testing.assert_allclose(jax.grad(lambda x: combine(x, 3.0, pair, 0.0).sum())(x), 3.0)
    np.testing.assert_allclose(jax.jit(lambda x: combine(x, 1.0, pair, 0.0))(x), x + 2)
    keys = _jit.kept_keys()
    combine(x, 2.0, [pair[0], pair[1]], 1.0)  # a list, not a tuple: another structure
    assert _jit.kept_keys() == min(keys + 1, _jit.MAX_KEPT)
    with pytest.raises(TypeError, match="by position"):
        combine(x, 2.0, pair, shift=1.0)
