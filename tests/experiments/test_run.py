"""An experiment from a config file to its results, table, LaTeX and figures."""

from __future__ import annotations

import json

import jax.numpy as jnp
import pytest

from discojax.cli import main
from discojax.errors import ConfigError, DataError
from discojax.experiments import load_config, run_experiment, write_figures, write_report
from discojax.models import load_model
from tests.train.test_trainer import toy_task

CONFIG = """
[experiment]
name = "toy_tensor"
[data]
dir = "data"
train = "train.txt"
dev = "dev.txt"
test = "test.txt"
[semantics]
name = "tensor"
dims = {{ n = 2, s = 2 }}
[training]
epochs = {epochs}
learning_rate = 0.05
batch_size = 16
[seeds]
seeds = [0, 1]
"""


def write_task(folder, epochs=40):
    train, test = toy_task()
    data = folder / "data"
    data.mkdir()
    for name, rows in (("train", train), ("dev", test[: len(test) // 2]), ("test", test)):
        text = "".join(f"{label}  {sentence} .\n" for sentence, label in rows)
        (data / f"{name}.txt").write_text(text)
    config = folder / "toy.toml"
    config.write_text(CONFIG.format(epochs=epochs))
    return config


def test_run_writes_metrics_summaries_checkpoints_and_report(tmp_path) -> None:
    config = load_config(write_task(tmp_path))
    summaries = run_experiment(config, tmp_path / "results")
    assert [s["seed"] for s in summaries] == [0, 1]
    assert all(s["test_accuracy"] >= 0.9 for s in summaries)
    seed_dir = tmp_path / "results" / "toy_tensor" / "seed-0"
    lines = (seed_dir / "metrics.jsonl").read_text().splitlines()
    assert len(lines) == 40 and json.loads(lines[-1])["epoch"] == 40
    assert {p.name for p in seed_dir.iterdir()} == {
        "metrics.jsonl",
        "summary.json",
        "checkpoint.safetensors",
    }
    model, best = load_model(seed_dir, which="best")  # a trained seed comes back in one call
    test_texts = [text for text, _ in toy_task()[1]]
    accuracy = float(
        (
            model.apply(best, model.prepare(test_texts)).argmax(-1)
            == jnp.array([label for _, label in toy_task()[1]])
        ).mean()
    )
    assert accuracy == pytest.approx(summaries[0]["test_accuracy"])
    report = write_report(tmp_path / "results", figures=False)  # the table first, as the
    assert not (tmp_path / "results" / "curves.png").exists()  # command prints it
    assert report["markdown"].splitlines()[2].startswith("| toy_tensor | 2 | ")
    drawn = write_figures(tmp_path / "results")
    assert sorted(p.name for p in drawn) == ["curves.pdf", "curves.png", "seeds.pdf", "seeds.png"]
    assert write_report(tmp_path / "results")["files"][3:] == drawn  # the same, drawn at once
    for name in ("report.md", "report.tex", "curves.png", "curves.pdf"):
        assert (tmp_path / "results" / name).stat().st_size > 0
    assert "\\toprule" in (tmp_path / "results" / "report.tex").read_text()


def test_resume_finishes_exactly_like_an_uninterrupted_run(tmp_path) -> None:
    config_path = write_task(tmp_path, epochs=2)
    short = load_config(config_path)
    run_experiment(short, tmp_path / "resumed", seeds=[0])
    config_path.write_text(CONFIG.format(epochs=4))
    longer = load_config(config_path)
    resumed = run_experiment(longer, tmp_path / "resumed", seeds=[0], resume=True)
    fresh = run_experiment(longer, tmp_path / "fresh", seeds=[0])
    for key in ("test_accuracy", "test_loss", "dev_loss", "train_loss", "best_epoch", "epochs_run"):
        assert resumed[0][key] == fresh[0][key]
    log = (
        (tmp_path / "resumed" / "toy_tensor" / "seed-0" / "metrics.jsonl").read_text().splitlines()
    )
    assert [json.loads(line)["epoch"] for line in log] == [1, 2, 3, 4]


def test_existing_results_are_never_overwritten_by_accident(tmp_path) -> None:
    config = load_config(write_task(tmp_path, epochs=1))
    run_experiment(config, tmp_path / "results", seeds=[0])
    with pytest.raises(ConfigError, match="already holds results"):
        run_experiment(config, tmp_path / "results", seeds=[0])


def test_a_bad_config_stops_the_run_before_any_work(tmp_path, capsys) -> None:
    path = write_task(tmp_path, epochs=1).with_name("bad.toml")
    (tmp_path / "data" / "train.txt").write_text("x y\n")  # malformed, never read
    path.write_text(CONFIG.format(epochs=1).replace("batch_size = 16", "batch_sise = 16"))
    assert main(["run", str(path), "--out", str(tmp_path / "r")]) == 2
    assert capsys.readouterr().err == (
        f"discojax run: error: {path}:15: unknown setting 'batch_sise' in [training]; "
        "did you mean 'batch_size'?\n"
    )
    assert not (tmp_path / "r").exists()
    path.write_text(CONFIG.format(epochs=1))
    with pytest.raises(DataError, match=r"train.txt:1: label .x. is not an integer"):
        run_experiment(load_config(path), tmp_path / "r")


def test_command_line_run_and_report(tmp_path, capsys) -> None:
    config = write_task(tmp_path, epochs=3)
    out = tmp_path / "results"
    assert main(["run", str(config), "--seeds", "0-1", "--out", str(out)]) == 0
    table = capsys.readouterr().out
    assert "| toy_tensor | 2 |" in table
    assert main(["report", str(out)]) == 0
    assert f"wrote {out / 'report.md'}" in capsys.readouterr().err
    assert main(["run", str(tmp_path / "missing.toml")]) == 2
    assert "no such configuration file" in capsys.readouterr().err
