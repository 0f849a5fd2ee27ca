from __future__ import annotations

import json
import os

import jax
import jax.numpy as jnp
import numpy as np
import optax
import pytest

from discojax import _atomic as atomic_module
from discojax.errors import DataError
from discojax.train import load_checkpoint, read_metadata, save_checkpoint


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

    def broken(fd):  # the new epoch's bytes are written, and cannot be flushed to disk
        raise OSError("disk full")

    monkeypatch.setattr(atomic_module.os, "fsync", broken)
    with pytest.raises(OSError, match="disk full"):
        save_checkpoint(tmp_path, {"params": jax.tree.map(jnp.zeros_like, params)}, {"epoch": 2})
    trees, meta = load_checkpoint(tmp_path, {"params": params})
    assert meta["epoch"] == 1
    assert np.array_equal(np.asarray(trees["params"]["n"]), np.asarray(params["n"]))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["checkpoint.safetensors"]


def test_a_write_removes_the_temporaries_of_killed_writes_only(tmp_path) -> None:
    """A kill during a write leaves its temporary file; the next write removes those whose
    writer is gone (or unnamed, from older versions) and keeps a running writer's."""
    dead = tmp_path / "checkpoint.safetensors.999999999.k1ll3d.tmp"  # above any pid_max
    unnamed = tmp_path / "checkpoint.safetensors.a8b_x2q9.tmp"
    running = tmp_path / f"checkpoint.safetensors.{os.getppid()}.wr1t1n.tmp"
    other = tmp_path / "notes.tmp"
    for path in (dead, unnamed, running, other):
        path.write_bytes(b"half a checkpoint")
    save_checkpoint(tmp_path, {"params": {"n": jnp.ones(2)}}, {"epoch": 1})
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        ["checkpoint.safetensors", running.name, other.name]
    )
    assert read_metadata(tmp_path) == {"epoch": 1}


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


@pytest.mark.parametrize("kills", [3, pytest.param(6, marks=pytest.mark.slow)])
def test_sigkill_at_random_moments_leaves_one_whole_epoch(tmp_path, kills) -> None:
    """Issue 19, item 1: kill -9 while checkpoints are written, at seeded random moments; every
    time the file left behind holds the arrays and the metadata of one and the same epoch.

    Each writer is a new process that imports discojax (most of its time): the default run
    kills 3, ``make test-slow`` repeats the same checks over 6."""
    import random
    import signal
    import subprocess
    import sys
    import time

    rng = random.Random(19)
    script = tmp_path / "writer.py"
    script.write_text(WRITER)
    epochs = []
    for _ in range(kills):
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


def _untimed(meta):
    """A checkpoint's metadata without the epochs' durations (all else is deterministic)."""
    history = [{k: v for k, v in r.items() if k != "seconds"} for r in meta["training"]["history"]]
    return {**meta, "training": {**meta["training"], "history": history}}


def _assert_same_checkpoint(found, expected) -> None:
    """Two checkpoints' arrays bit-identical (dtypes too), their metadata equal but for timings."""
    (arrays, meta), (want_arrays, want_meta) = found, expected
    assert sorted(arrays) == sorted(want_arrays)
    for name in arrays:
        assert arrays[name].dtype == want_arrays[name].dtype, name
        assert np.array_equal(arrays[name], want_arrays[name]), name
    assert _untimed(meta) == _untimed(want_meta)


@pytest.mark.parametrize("kills", [3, pytest.param(20, marks=pytest.mark.slow)])
def test_training_killed_at_random_moments_resumes_bit_identical(tmp_path, kills) -> None:
    """Issue 19, item 1 ("must show"): a real training process (``_fit_worker.py``) is killed
    with SIGKILL at ``kills`` seeded random moments, each after one whole epoch of its own, in the
    middle of a later one (its steps, its loss checks or its checkpoint write), and resumed from
    its checkpoint each time. After every kill the checkpoint left is the one the uninterrupted
    run (in this process, with no kill) wrote at the same epoch, bit for bit; the run that
    finishes returns its parameters (last and best) and history exactly; no temporary file of a
    killed write is left. The kill times depend on the machine's speed, the checks do not: a
    run that finishes before its kill is checked the same way, and training starts afresh.

    The default run kills 3 times; the 20 kills issue 19 asks for repeat the same checks
    (``make test-slow``)."""
    import random
    import shutil
    import signal
    import subprocess
    import sys
    import time
    from pathlib import Path

    from discojax.train import Checkpoint, read_checkpoint
    from discojax.train._callbacks import Callback
    from tests.train._fit_worker import EPOCHS, save_result, train

    class Snapshots(Callback):  # after the Checkpoint: each epoch's checkpoint, as written
        def __init__(self) -> None:
            self.epochs: dict[int, tuple[dict, dict]] = {}

        def on_epoch(self, state, history) -> bool:
            self.epochs[state.epoch] = read_checkpoint(tmp_path / "reference")
            return False

    snapshots = Snapshots()
    save_result(train([Checkpoint(tmp_path / "reference"), snapshots]), str(tmp_path / "ref.npz"))
    reference = dict(np.load(tmp_path / "ref.npz"))
    assert sorted(snapshots.epochs) == list(range(1, EPOCHS + 1))

    env = {
        **os.environ,
        "JAX_PLATFORMS": "cpu",
        "JAX_COMPILATION_CACHE_DIR": str(tmp_path / "xla"),  # the children after the first
        "JAX_PERSISTENT_CACHE_MIN_COMPILE_TIME_SECS": "0",  # read their programs back
    }
    worker = subprocess.Popen(
        [sys.executable, str(Path(__file__).with_name("_fit_worker.py"))],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env, text=True,
    )  # fmt: skip
    assert worker.stdin is not None and worker.stdout is not None
    folder, result = tmp_path / "run", tmp_path / "result.npz"

    def send(line: str) -> None:
        worker.stdin.write(line + "\n")
        worker.stdin.flush()

    def read() -> str:
        line = worker.stdout.readline()
        assert line, "the worker died"
        return line

    def train_once(rng: random.Random | None) -> int:
        """Fork a training child, kill it (with ``rng``) after its first epoch, reap it."""
        send(f"{folder} {result}")
        lines = [read(), read()]  # "pid P" and the child's first: "epoch N", "done", "failed"
        pid = int(next(line for line in lines if line.startswith("pid ")).split()[1])
        if rng is not None and any(line.startswith("epoch ") for line in lines):
            time.sleep(rng.uniform(0.0, 0.05))
            os.kill(pid, signal.SIGKILL)  # a zombie at worst: not reaped before "reap"
        send("reap")
        while not (line := read()).startswith("exit "):
            pass
        return int(line.split()[1])

    def check_finished() -> None:
        found = dict(np.load(result))
        assert sorted(found) == sorted(reference)
        for name, array in found.items():  # last and best parameters, history, best epoch
            if name == "summary":
                history, want = (json.loads(str(x[name])) for x in (found, reference))
                for run in (history, want):
                    run["history"] = [{k: v for k, v in r.items() if k != "seconds"}
                                      for r in run["history"]]  # fmt: skip
                assert history == want
            else:
                assert array.dtype == reference[name].dtype, name
                assert np.array_equal(array, reference[name]), name
        _assert_same_checkpoint(read_checkpoint(folder), snapshots.epochs[EPOCHS])
        assert [p.name for p in folder.iterdir()] == ["checkpoint.safetensors"]

    rng = random.Random(19)
    killed, restarts, mid_write, epochs = 0, 0, 0, []
    try:
        while killed < kills:
            code = train_once(rng)
            if code == -signal.SIGKILL:
                killed += 1
                mid_write += any(p.name.endswith(".tmp") for p in folder.iterdir())
                found = read_checkpoint(folder)
                epochs.append(found[1]["training"]["epoch"])
                _assert_same_checkpoint(found, snapshots.epochs[epochs[-1]])
            else:  # it finished before the kill: check it, then train afresh
                assert code == 0
                check_finished()
                restarts += 1
                shutil.rmtree(folder)
        assert train_once(None) == 0  # the last run, left alone, ends the training
        check_finished()
    finally:
        worker.stdin.close()
        try:
            worker.wait(timeout=60)
        finally:
            worker.kill()
            worker.stdout.close()
    print(f"{killed} kills ({mid_write} during a write), {restarts} restarts, epochs {epochs}")
