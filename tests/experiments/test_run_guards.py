"""What a run refuses before any work: labels that are not classes, a locked or unwritable
results folder; a stale lock (its process gone) is taken over."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys

import pytest

from discojax.errors import (
    ConfigError,
    DataError,
    FolderLockedError,
    ParseError,
    UnknownWordError,
)
from discojax.experiments import load_config, run_experiment
from discojax.experiments._lock import LOCK, folder_lock
from tests.experiments.test_run import write_task


def _with_label(tmp_path, split, line, label):
    """The toy task with ``label`` on ``line`` of ``split``'s file (a blank line first)."""
    config = write_task(tmp_path, epochs=1)
    path = tmp_path / "data" / f"{split}.txt"
    rows = path.read_text().splitlines()
    rows[line - 2] = f"{label} {rows[line - 2].split(maxsplit=1)[1]}"
    path.write_text("\n" + "\n".join(rows) + "\n")
    return load_config(config), path


@pytest.mark.parametrize(
    ("split", "line", "label", "message"),
    [
        ("test", 3, "2", "label 2 is not a class of this model, which has 2 (0 to 1)"),
        ("dev", 5, "7", "label 7 is not a class of this model, which has 2 (0 to 1)"),
        ("train", 2, "99999999999999999999999", "label 99999999999999999999999 is too large"),
    ],
)
def test_a_label_that_is_not_a_class_stops_the_run_before_any_work(
    tmp_path, split, line, label, message
) -> None:
    config, path = _with_label(tmp_path, split, line, label)
    with pytest.raises(DataError) as caught:
        run_experiment(config, tmp_path / "results", seeds=[0])
    assert str(caught.value) == f"{path}:{line}: {message}" or str(caught.value).startswith(
        f"{path}:{line}: {message}"
    )
    assert not (tmp_path / "results").exists()


def test_a_second_run_into_a_locked_folder_names_the_holder(tmp_path) -> None:
    config = load_config(write_task(tmp_path, epochs=1))
    folder = tmp_path / "results" / "toy_tensor"
    folder.mkdir(parents=True)
    (folder / LOCK).write_text(f"{os.getpid()} {socket.gethostname()}\n")
    with pytest.raises(FolderLockedError, match=f"process {os.getpid()} on "):
        run_experiment(config, tmp_path / "results", seeds=[0])
    assert not (folder / "seed-0").exists()  # nothing written, no metrics interleaved


def test_a_stale_lock_is_taken_over_and_released_at_the_end(tmp_path) -> None:
    config = load_config(write_task(tmp_path, epochs=1))
    folder = tmp_path / "results" / "toy_tensor"
    folder.mkdir(parents=True)
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)  # fmt: skip
    (folder / LOCK).write_text(f"{gone.stdout.strip()} {socket.gethostname()}\n")
    [summary] = run_experiment(config, tmp_path / "results", seeds=[0])
    assert summary["epochs_run"] == 1 and summary["warnings"] == []
    assert json.loads((folder / "seed-0" / "summary.json").read_text())["seed"] == 0
    assert not (folder / LOCK).exists()


def test_the_lock_is_released_when_the_run_fails(tmp_path) -> None:
    with pytest.raises(RuntimeError), folder_lock(tmp_path):
        raise RuntimeError("boom")
    assert not (tmp_path / LOCK).exists()


def test_an_unwritable_results_folder_is_a_config_error(tmp_path) -> None:
    config = load_config(write_task(tmp_path, epochs=1))
    with pytest.raises(ConfigError, match="/proc/x/toy_tensor: cannot create the results folder"):
        run_experiment(config, "/proc/x", seeds=[0])


@pytest.mark.parametrize(
    ("split", "line", "sentence", "error", "message"),
    [
        ("test", 4, "woman frobnicates program .", UnknownWordError,
         "unknown word 'frobnicates' at position 1"),
        ("train", 2, "man the .", ParseError, "no parse of 'man the' to type s"),
    ],
)  # fmt: skip
def test_a_sentence_that_does_not_parse_names_its_file_and_line(
    tmp_path, split, line, sentence, error, message
) -> None:
    config, path = _with_label(tmp_path, split, line, "1")
    rows = path.read_text().splitlines()
    rows[line - 1] = f"1 {sentence}"
    path.write_text("\n".join(rows) + "\n")
    with pytest.raises(error) as caught:
        run_experiment(config, tmp_path / "results", seeds=[0])
    assert str(caught.value).startswith(f"{path}:{line}: {message}")


def test_a_seed_folder_that_cannot_be_written_is_found_before_training() -> None:
    from pathlib import Path

    from discojax.experiments._run import _writable

    with pytest.raises(ConfigError, match=r"^/proc: cannot write into the folder: "):
        _writable(Path("/proc"))
