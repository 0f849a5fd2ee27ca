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
    with pytest.raises(DataError, match="does not match its checksum"):
        load_checkpoint(tmp_path, {"params": params})


def test_a_changed_digit_in_the_metadata_is_detected(tmp_path) -> None:
    """Issue 19, item 2: the metadata is checksummed with the arrays (one file)."""
    params, _ = _state()
    save_checkpoint(tmp_path, {"params": params}, {"epoch": 20})
    path = tmp_path / "checkpoint.safetensors"
    data = path.read_bytes()
    assert data.count(b'\\"epoch\\": 20') == 1  # the JSON metadata, escaped in the header
    path.write_bytes(data.replace(b'\\"epoch\\": 20', b'\\"epoch\\": 29'))
    with pytest.raises(DataError, match="does not match its checksum"):
        load_checkpoint(tmp_path, {"params": params})


def test_a_checkpoint_of_the_older_two_file_format_still_loads(tmp_path) -> None:
    import hashlib
    import json

    from safetensors.numpy import save_file

    save_file(
        {"params['n']": np.ones((2, 3), np.float32)}, str(tmp_path / "checkpoint.safetensors")
    )
    digest = hashlib.sha256((tmp_path / "checkpoint.safetensors").read_bytes()).hexdigest()
    meta = {"epoch": 3, "arrays_sha256": digest}
    (tmp_path / "checkpoint.json").write_text(json.dumps(meta))
    trees, loaded = load_checkpoint(tmp_path, {"params": {"n": jnp.zeros((2, 3))}})
    assert loaded["epoch"] == 3 and float(trees["params"]["n"].sum()) == 6.0
    (tmp_path / "checkpoint.safetensors").unlink()
    with pytest.raises(DataError, match="arrays are missing"):
        load_checkpoint(tmp_path, {"params": {"n": jnp.zeros((2, 3))}})


def test_a_failed_write_keeps_the_previous_checkpoint(tmp_path, monkeypatch) -> None:
    params, _ = _state()
    save_checkpoint(tmp_path, {"params": params}, {"epoch": 1})

    def broken(arrays, path, metadata=None):
        with open(path, "wb") as stream:
            stream.write(b"partial")
        raise OSError("disk full")

    monkeypatch.setattr(checkpoint_module, "save_file", broken)
    with pytest.raises(OSError, match="disk full"):
        save_checkpoint(tmp_path, {"params": jax.tree.map(jnp.zeros_like, params)}, {"epoch": 2})
    trees, meta = load_checkpoint(tmp_path, {"params": params})
    assert meta["epoch"] == 1
    assert np.array_equal(np.asarray(trees["params"]["n"]), np.asarray(params["n"]))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["checkpoint.safetensors"]


def test_missing_array_names_the_key(tmp_path) -> None:
    save_checkpoint(tmp_path, {"params": {"n": jnp.zeros(2)}}, {})
    with pytest.raises(DataError, match=r"lacks array params\['s'\]"):
        load_checkpoint(tmp_path, {"params": {"n": jnp.zeros(2), "s": jnp.zeros(2)}})


WRITER = """
import sys
import numpy as np
from discojax.train import save_checkpoint

print("ready", flush=True)
epoch = 0
while True:
    epoch += 1
    arrays = {"w": np.full((64, 64), float(epoch), np.float32)}
    save_checkpoint(sys.argv[1], {"params": arrays}, {"epoch": epoch, "pad": "x" * 4096})
"""


def test_sigkill_at_random_moments_leaves_one_whole_epoch(tmp_path) -> None:
    """Issue 19, item 1: kill -9 while checkpoints are written, at seeded random moments; every
    time the file left behind holds the arrays and the metadata of one and the same epoch."""
    import random
    import signal
    import subprocess
    import sys
    import time

    rng = random.Random(19)
    script = tmp_path / "writer.py"
    script.write_text(WRITER)
    epochs = []
    for _ in range(6):
        process = subprocess.Popen(
            [sys.executable, str(script), str(tmp_path / "ckpt")], stdout=subprocess.PIPE
        )
        assert process.stdout is not None and process.stdout.readline() == b"ready\n"
        time.sleep(rng.uniform(0.05, 0.4))
        process.send_signal(signal.SIGKILL)
        process.wait()
        process.stdout.close()
        trees, meta = load_checkpoint(tmp_path / "ckpt", {"params": {"w": np.zeros((64, 64))}})
        assert np.all(np.asarray(trees["params"]["w"]) == meta["epoch"])
        epochs.append(meta["epoch"])
    assert min(epochs) > 1  # killed after many whole writes, likely in the middle of one
