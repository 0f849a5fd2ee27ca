"""``discojax run --processes N``: one data-parallel model trained by N local processes.

Each test starts its processes through the command line (``cli.main``, in this process), on
the toy task written into ``tmp_path``; the reference is the same configuration run by this
process alone. The compilation cache of the started processes is a folder of ``tmp_path``.
"""

from __future__ import annotations

import json
import textwrap

import numpy as np
import pytest

from discojax.cli import main
from tests.experiments.test_run import CONFIG, write_task

EPOCHS = 4
COMPARED = ("test_accuracy", "test_loss", "dev_loss", "dev_accuracy", "train_loss", "best_epoch")


def _results(out) -> tuple[dict, list[float]]:
    """Seed 0's summary and step losses in a results folder."""
    seed_dir = out / "toy_tensor" / "seed-0"
    log = (seed_dir / "metrics.jsonl").read_text().splitlines()
    return json.loads((seed_dir / "summary.json").read_text()), [
        json.loads(line)["step_loss"] for line in log
    ]


def _assert_same(found: tuple[dict, list[float]], expected: tuple[dict, list[float]]) -> None:
    (summary, losses), (reference, reference_losses) = found, expected
    np.testing.assert_allclose(losses, reference_losses, rtol=1e-5)
    for key in COMPARED:
        np.testing.assert_allclose(summary[key], reference[key], rtol=1e-5, err_msg=key)
    assert summary["epochs_run"] == reference["epochs_run"] == EPOCHS


@pytest.fixture(scope="module")
def single(tmp_path_factory) -> tuple[dict, list[float]]:
    """The uninterrupted run of one process: seed 0, ``EPOCHS`` epochs."""
    folder = tmp_path_factory.mktemp("single")
    config = write_task(folder, epochs=EPOCHS)
    assert main(["-q", "run", str(config), "--seeds", "0", "--out", str(folder / "out")]) == 0
    return _results(folder / "out")


@pytest.fixture
def cache(tmp_path, monkeypatch) -> None:
    """The started processes keep their compiled programs in ``tmp_path``, not ``~/.cache``."""
    monkeypatch.setenv("DISCOJAX_CACHE", str(tmp_path / "xla"))


@pytest.mark.slow
def test_two_processes_of_two_devices_give_the_single_process_results(
    tmp_path, single, cache, capsys
) -> None:
    """End to end through the command line (make test-slow). The default run checks the same
    trajectory one level down (tests/train/test_processes.py: two processes of two devices
    train the single process's losses) and the command's --processes path by its failure test
    below."""
    config = write_task(tmp_path, epochs=EPOCHS)
    out = tmp_path / "out"
    argv = ["run", str(config), "--seeds", "0", "--out", str(out), "--processes", "2"]
    assert main([*argv, "--devices", "2", "--timeout", "300"]) == 0
    table, progress = capsys.readouterr()
    assert "toy_tensor seed 0: test accuracy" in progress  # process 0's records, copied
    assert table.startswith("| experiment |")  # nothing but the table (Gloo's lines dropped)
    assert table.count("| toy_tensor | 1 |") == 1  # process 0's table, once
    _assert_same(_results(out), single)  # one metrics.jsonl line an epoch: one writer
    assert sorted(p.name for p in (out / "toy_tensor" / "seed-0").iterdir()) == [
        "checkpoint.safetensors",
        "metrics.jsonl",
        "summary.json",
    ]
    assert sorted(p.name for p in out.iterdir() if not p.is_dir()) == [
        "curves.pdf", "curves.png", "report.json", "report.md", "report.tex", "seeds.pdf",
        "seeds.png",
    ]  # fmt: skip


@pytest.mark.slow
def test_a_run_checkpointed_by_two_processes_resumes_in_one(tmp_path, single, cache) -> None:
    """End to end (make test-slow): the default run checks its parts, the two-process
    trajectory (tests/train/test_processes.py) and resuming a checkpoint exactly
    (tests/train/test_trainer.py::test_two_plus_two_epochs_with_resume_equals_four)."""
    config = write_task(tmp_path, epochs=EPOCHS // 2)  # stopped half-way: a checkpoint
    out = tmp_path / "out"
    argv = ["-q", "run", str(config), "--seeds", "0", "--out", str(out)]
    assert main([*argv, "--processes", "2", "--timeout", "300"]) == 0
    assert _results(out)[0]["epochs_run"] == EPOCHS // 2
    config.write_text(CONFIG.format(epochs=EPOCHS))
    assert main([*argv, "--resume"]) == 0  # one process, one device
    _assert_same(_results(out), single)


def test_a_failed_process_ends_the_others_with_its_error(tmp_path, cache, monkeypatch, capsys):
    """Process 1 dies right after joining; process 0, waiting for it in the training's
    collectives, is ended, and the command names process 1 and its last words."""
    inject = tmp_path / "inject"
    inject.mkdir()
    (inject / "sitecustomize.py").write_text(
        textwrap.dedent(
            """
            import os, sys
            if os.environ.get("DISCOJAX_PROCESS_ID") == "1":
                import jax
                join = jax.distributed.initialize
                def initialize(*args, **kwargs):
                    join(*args, **kwargs)
                    sys.stderr.write("process 1 lost its disk\\n")
                    sys.stderr.flush()
                    os._exit(3)  # a crash: no clean-up, no goodbye to the coordinator
                jax.distributed.initialize = initialize
            """
        )
    )
    monkeypatch.setenv("PYTHONPATH", str(inject))
    config = write_task(tmp_path, epochs=EPOCHS)
    out = tmp_path / "out"
    argv = ["run", str(config), "--seeds", "0", "--out", str(out), "--processes", "2"]
    assert main([*argv, "--timeout", "120"]) == 2
    assert capsys.readouterr().err.endswith(
        "discojax run: error: process 1 of 2 exited with 3; the others were ended:\n"
        "process 1 lost its disk\n"
    )
    assert not (out / "toy_tensor" / "seed-0" / "summary.json").exists()


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--processes", "0"], "--processes must be at least 1, not 0"),
        (["--processes", "2", "--devices", "0"], "--devices must be at least 1, not 0"),
        (["--processes", "2", "--timeout", "0"], "--timeout must be a number of seconds above 0"),
        (["--devices", "2"], "--devices and --timeout are for runs across processes"),
    ],
)
def test_process_options_that_cannot_run_are_refused(tmp_path, capsys, options, message):
    config = write_task(tmp_path, epochs=1)
    assert main(["run", str(config), "--out", str(tmp_path / "out"), *options]) == 2
    assert capsys.readouterr().err.startswith(f"discojax run: error: {message}")
    assert not (tmp_path / "out").exists()
