"""Data and model parallelism on 4 forced host devices (a fresh process: XLA_FLAGS)."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

SCRIPT = textwrap.dedent(
    """
    import jax, jax.numpy as jnp, numpy as np
    import discojax as dj
    from discojax.train import TrainConfig, fit, data_mesh, shard_tables
    from tests.train.test_trainer import toy_task

    assert len(jax.devices()) == 4, jax.devices()
    train, test = toy_task()
    texts = [t for t, _ in train]
    model = dj.TensorModel.from_data([t for t, _ in train + test], dj.TensorAnsatz({"n": 3, "s": 2}))
    batch, labels = model.prepare(texts), jnp.array([y for _, y in train])
    params = model.init(jax.random.key(0), scale=0.1)
    config = TrainConfig(epochs=6, batch_size=12, learning_rate=0.05)
    single = fit(model, params, batch, labels, config=config)
    mesh = data_mesh()
    sharded = fit(model, params, batch, labels, config=config, mesh=mesh)
    a = [r["step_loss"] for r in single.history]
    b = [r["step_loss"] for r in sharded.history]
    np.testing.assert_allclose(a, b, rtol=1e-5)
    assert a[-1] < a[0]
    leaf = jax.tree.leaves(sharded.last_params)[0]
    assert len(leaf.sharding.device_set) == 4

    tables = shard_tables(params, mesh)
    assert tables["n"].sharding.spec[0] == "data"
    assert len(tables["n"].addressable_shards) == 4
    full = jax.jit(model.apply)(params, batch)
    split = jax.jit(model.apply)(tables, batch)
    np.testing.assert_allclose(np.asarray(full), np.asarray(split), rtol=1e-6, atol=1e-7)
    print("ok", a[0], a[-1])
    """
)


def test_data_parallel_loss_equals_single_device_and_sharded_tables_agree() -> None:
    env = {**os.environ, "XLA_FLAGS": "--xla_force_host_platform_device_count=4"}
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        env=env,
        cwd=root,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert done.stdout.startswith("ok")
