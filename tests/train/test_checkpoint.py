from __future__ import annotations

import jax
import jax.numpy as jnp
import numpy as np
import optax
import pytest

from discojax.errors import DataError
from discojax.train import _checkpoint as checkpoint_module
from discojax.train import load_checkpoint, save_checkpoint


def _state():
    params = {"n": jnp.arange(6.0).reshape(2, 3), "n.r s": jnp.ones((1, 3, 2))}
    opt = optax.adam(0.1)
    opt_state = opt.init(params)
    grads = jax.tree.map(jnp.ones_like, params)
    _, opt_state = opt.update(grads, opt_state, params)
    return params, opt_state


def test_round_trip_is_bit_exact_including_optimiser_state(tmp_path) -> None:
    params, opt_state = _state()
    save_checkpoint(tmp_path, {"params": params, "opt_state": opt_state}, {"epoch": 3, "seed": 7})
    fresh_params = jax.tree.map(jnp.zeros_like, params)
    fresh_state = optax.adam(0.1).init(fresh_params)
    trees, meta = load_checkpoint(tmp_path, {"params": fresh_params, "opt_state": fresh_state})
    assert meta["epoch"] == 3 and meta["seed"] == 7
    for a, b in zip(
        jax.tree.leaves((params, opt_state)), jax.tree.leaves((trees["params"], trees["opt_state"]))
    ):
        assert np.array_equal(np.asarray(a), np.asarray(b))
        assert np.asarray(a).dtype == np.asarray(b).dtype


def test_tampered_arrays_are_detected(tmp_path) -> None:
    params, _ = _state()
    save_checkpoint(tmp_path, {"params": params}, {"epoch": 1})
    path = tmp_path / "checkpoint.safetensors"
    data = bytearray(path.read_bytes())
    data[-1] ^= 0xFF
    path.write_bytes(bytes(data))
    with pytest.raises(DataError, match="do not match"):
        load_checkpoint(tmp_path, {"params": params})


def test_a_failed_write_keeps_the_previous_checkpoint(tmp_path, monkeypatch) -> None:
    params, _ = _state()
    save_checkpoint(tmp_path, {"params": params}, {"epoch": 1})

    def broken(arrays, path):
        with open(path, "wb") as stream:
            stream.write(b"partial")
        raise OSError("disk full")

    monkeypatch.setattr(checkpoint_module, "save_file", broken)
    with pytest.raises(OSError, match="disk full"):
        save_checkpoint(tmp_path, {"params": jax.tree.map(jnp.zeros_like, params)}, {"epoch": 2})
    trees, meta = load_checkpoint(tmp_path, {"params": params})
    assert meta["epoch"] == 1
    assert np.array_equal(np.asarray(trees["params"]["n"]), np.asarray(params["n"]))
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "checkpoint.json",
        "checkpoint.safetensors",
    ]


def test_missing_array_names_the_key(tmp_path) -> None:
    save_checkpoint(tmp_path, {"params": {"n": jnp.zeros(2)}}, {})
    with pytest.raises(DataError, match=r"lacks array params\['s'\]"):
        load_checkpoint(tmp_path, {"params": {"n": jnp.zeros(2), "s": jnp.zeros(2)}})
