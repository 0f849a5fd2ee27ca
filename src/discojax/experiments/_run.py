"""Running an experiment: parse once, then train and test one model per seed.

For each seed, ``OUT/<name>/seed-<k>/`` receives ``metrics.jsonl`` (one JSON object per
epoch), ``summary.json`` (test metrics, best epoch, wall time) and the checkpoint
(``checkpoint.safetensors`` + ``checkpoint.json``, see :mod:`discojax.train`). With
``resume=True`` a seed whose checkpoint exists continues from it; a finished seed is trained
no further.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import jax
import jax.numpy as jnp

from discojax.data import LabelledData, locate, read_labelled
from discojax.errors import ConfigError
from discojax.experiments._config import ExperimentConfig
from discojax.experiments._semantics import SEMANTICS, build_model
from discojax.grammar import load_lexicon
from discojax.train import evaluate_metrics, fit, has_checkpoint


def _data_folder(config: ExperimentConfig, data_dir: str | Path | None) -> Path:
    if "dir" in config.data:
        folder = Path(str(config.data["dir"]))
        if not folder.is_absolute():
            folder = Path(config.source).parent / folder
        return folder
    if "dataset" not in config.data:
        raise ConfigError("[data] needs dataset or dir", config.source, config.line_of("[data]"))
    return locate(str(config.data["dataset"]), data_dir)


def load_splits(
    config: ExperimentConfig, data_dir: str | Path | None = None
) -> dict[str, LabelledData]:
    """Read the train / dev / test files the configuration names (dev is optional).

    >>> from discojax.experiments._config import EXAMPLE
    >>> config = ExperimentConfig.from_toml_text(EXAMPLE.replace('dataset = "mc"', 'dir = "/x"'))
    >>> load_splits(config)
    Traceback (most recent call last):
    ...
    discojax.errors.DataError: /x/train.txt: no such data file
    """
    folder = _data_folder(config, data_dir)
    return {
        split: read_labelled(folder / str(config.data[split]))
        for split in ("train", "dev", "test")
        if split in config.data
    }


def _lexicon(config: ExperimentConfig) -> Any:
    name = str(config.grammar.get("lexicon", "english"))
    if name.endswith(".toml") and not Path(name).is_absolute():
        candidate = Path(config.source).parent / name
        name = str(candidate) if candidate.is_file() else name
    return load_lexicon(name)


def run_experiment(
    config: ExperimentConfig,
    out: str | Path,
    seeds: Sequence[int] | None = None,
    data_dir: str | Path | None = None,
    resume: bool = False,
    overwrite: bool = False,
    log: Callable[[str], None] | None = None,
) -> list[dict[str, Any]]:
    """Train and test one model per seed; return each seed's summary.

    Args:
        config: the experiment.
        out: the results folder; this experiment writes under ``out/<name>/``.
        seeds: overrides the configuration's seeds.
        data_dir: where to look for the data set (see :func:`discojax.data.locate`).
        resume: continue seeds from their checkpoints.
        overwrite: start seeds afresh even where results exist (else that is an error, so
            nothing saved is lost by accident).
        log: where progress lines go (standard error by default).
    """
    say = log or (lambda line: print(line, file=sys.stderr, flush=True))
    target = str(config.data.get("target", "s"))
    name = config.semantics["name"]
    if name not in SEMANTICS:
        known = ", ".join(sorted(SEMANTICS))
        where = config.line_of(f'"{name}"')
        raise ConfigError(f"unknown semantics {name!r} (known: {known})", config.source, where)
    started = time.perf_counter()
    splits = load_splits(config, data_dir)
    lexicon = _lexicon(config)
    everything = [s for split in splits.values() for s in split.sentences]
    model = build_model(config.semantics, everything, lexicon, target)
    batches = {name: model.prepare(split.sentences) for name, split in splits.items()}
    targets = {name: jnp.asarray(split.labels) for name, split in splits.items()}
    prepared = time.perf_counter() - started
    say(
        f"{config.name}: {len(everything)} sentences parsed and bucketed into "
        f"{batches['train'].shapes} training shapes in {prepared:.2f}s"
    )
    dev = (batches["dev"], targets["dev"]) if "dev" in batches else None
    summaries = []
    folder = Path(out) / config.name
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "config.toml").write_text(config.text, encoding="utf-8")
    for seed in seeds if seeds is not None else config.seeds:
        seed_dir = folder / f"seed-{seed}"
        if has_checkpoint(seed_dir) and not (resume or overwrite):
            raise ConfigError(
                f"{seed_dir} already holds results: pass --resume to continue them or "
                "--overwrite to replace them"
            )
        seed_dir.mkdir(parents=True, exist_ok=True)
        training = config.training.__class__(**{**config.training.__dict__, "seed": seed})
        t0 = time.perf_counter()
        metrics_path = seed_dir / "metrics.jsonl"

        def write_epoch(record: dict[str, float], path: Path = metrics_path) -> None:
            with path.open("a", encoding="utf-8") as stream:
                stream.write(json.dumps(record) + "\n")

        if not resume:
            metrics_path.unlink(missing_ok=True)
        result = fit(
            model,
            model.init(jax.random.key(seed)),
            batches["train"],
            targets["train"],
            dev,
            training,
            checkpoint_dir=seed_dir,
            resume=resume,
            metadata={
                "experiment": config.name,
                "config": config.text,
                "semantics": dict(config.semantics),
                "vocabulary": model.vocabulary.to_json(),
                "seed": seed,
            },
            on_epoch=write_epoch,
        )
        if resume:  # rewrite the log from the checkpoint's history: nothing twice, nothing lost
            metrics_path.write_text(
                "".join(json.dumps(r) + "\n" for r in result.history), encoding="utf-8"
            )
        summary: dict[str, Any] = {"experiment": config.name, "seed": seed}
        for name in batches:
            summary.update(
                evaluate_metrics(model, result.params, batches[name], targets[name], training, name)
            )
        summary.update(
            best_epoch=result.best_epoch,
            epochs_run=len(result.history),
            stopped_early=result.stopped_early,
            train_seconds=time.perf_counter() - t0,
            prepare_seconds=prepared,
        )
        (seed_dir / "summary.json").write_text(json.dumps(summary, indent=2), encoding="utf-8")
        say(
            f"{config.name} seed {seed}: test accuracy {summary.get('test_accuracy', float('nan')):.3f} "
            f"(best epoch {result.best_epoch}) in {summary['train_seconds']:.2f}s"
        )
        summaries.append(summary)
    return summaries
