"""Training across 2 processes x 2 forced CPU devices (jax.distributed, Gloo collectives)."""

from __future__ import annotations

import json
import os
import sys
import textwrap

import jax
import jax.numpy as jnp
import numpy as np
import pytest

import discojax as dj
from discojax.errors import TrainingError
from discojax.train import TrainConfig, fit
from discojax.train._processes import launch
from tests.train.test_trainer import toy_task

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CONFIG = {"epochs": 6, "batch_size": 12, "learning_rate": 0.05}

SCRIPT = textwrap.dedent(
    """
    import sys
    sys.path.insert(0, {root!r})
    from discojax.train._processes import join_processes, is_writer
    assert join_processes()
    import json
    import jax, jax.numpy as jnp
    import discojax as dj
    from discojax.train import TrainConfig, fit, data_mesh
    from tests.train.test_trainer import toy_task

    assert (jax.process_count(), jax.device_count(), jax.local_device_count()) == (2, 4, 2)
    train, test = toy_task()
    model = dj.TensorModel.from_data([t for t, _ in train + test], dj.TensorAnsatz({{"n": 3, "s": 2}}))
    batch, labels = model.prepare([t for t, _ in train]), jnp.array([y for _, y in train])
    params = model.init(jax.random.key(0), scale=0.1)
    result = fit(model, params, batch, labels, config=TrainConfig(**{config!r}), mesh=data_mesh(),
                 callbacks=[])
    if is_writer():
        print("LOSSES", json.dumps([r["step_loss"] for r in result.history]))
    """
)


def _single_process_losses() -> list[float]:
    train, test = toy_task()
    texts = [t for t, _ in train + test]
    model = dj.TensorModel.from_data(texts, dj.TensorAnsatz({"n": 3, "s": 2}))
    batch, labels = model.prepare([t for t, _ in train]), jnp.array([y for _, y in train])
    params = model.init(jax.random.key(0), scale=0.1)
    result = fit(model, params, batch, labels, config=TrainConfig(**CONFIG), callbacks=[])
    return [r["step_loss"] for r in result.history]


def test_two_processes_train_the_single_process_trajectory(tmp_path) -> None:
    script = tmp_path / "train.py"
    script.write_text(SCRIPT.format(root=ROOT, config=CONFIG))
    outputs = launch([str(script)], processes=2, devices=2, timeout=600)
    found = [
        [line[7:] for line in out.splitlines() if line.startswith("LOSSES ")] for out in outputs
    ]
    assert len(found[0]) == 1 and found[1] == []  # only process 0 writes
    distributed = json.loads(found[0][0])
    single = _single_process_losses()
    assert len(distributed) == len(single) == CONFIG["epochs"]
    np.testing.assert_allclose(distributed, single, rtol=1e-5)
    assert single[-1] < single[0]


def test_a_failed_process_ends_the_others_with_its_error(tmp_path) -> None:
    script = tmp_path / "fail.py"
    script.write_text(
        "import os, sys, time\n"
        "if os.environ['DISCOJAX_PROCESS_ID'] == '1':\n"
        "    sys.exit('process 1 cannot read its data')\n"
        "time.sleep(600)\n"
    )
    with pytest.raises(TrainingError, match="process 1 of 2 exited with 1; the others were ended"):
        launch([str(script)], processes=2, timeout=120)


def test_a_run_past_its_timeout_is_ended(tmp_path) -> None:
    with pytest.raises(TrainingError, match="2 processes did not finish in 1 s"):
        launch(
            ["-c", "import time; time.sleep(600)"], processes=2, timeout=1, python=sys.executable
        )
