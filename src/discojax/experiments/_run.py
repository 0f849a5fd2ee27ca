"""Running an experiment: parse once, then train and test one model per seed.

For each seed, ``OUT/<name>/seed-<k>/`` receives ``metrics.jsonl`` (one JSON object per
epoch), ``summary.json`` (test metrics, best epoch, wall time, and each dev and test item's
prediction: see :mod:`discojax.experiments._predictions`) and the checkpoint
(``checkpoint.safetensors``, see :mod:`discojax.train`). With
``resume=True`` a seed whose checkpoint exists continues from it; a finished seed is trained
no further.

Across processes (``discojax run --processes N``, or processes joined by
:func:`discojax.train.join_processes`), every process parses the same data and trains its share
of each minibatch of one data-parallel model (a mesh over every process's devices); only
process 0 (:func:`discojax.train.is_writer`) creates, locks and writes the folder: checkpoints,
``metrics.jsonl`` and ``summary.json``, each summary and checkpoint replaced atomically. The
others read a checkpoint to resume from it. The minibatches do not depend on the number of
processes or devices, so a run checkpointed by 2 processes resumes in 1 and ends as an
uninterrupted run would (``tests/commands/test_run_processes.py``).

Before any work, the labels are checked against the model's number of classes (a ``2`` in a
binary task is a ``DataError`` at its file and line), ``OUT/<name>/`` is created and locked
(:mod:`discojax.experiments._lock`: a second run into it at the same time is refused), and each
seed's folder is checked to be writable before its first epoch.
"""

from __future__ import annotations

import contextlib
import json
import logging
import tempfile
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import jax
import jax.numpy as jnp
import numpy as np

from discojax._atomic import write_atomically
from discojax.data import LabelledData, read_labelled
from discojax.errors import ConfigError, ParseError, UnknownWordError
from discojax.experiments._classification import ClassificationConfig
from discojax.experiments._lock import folder_lock
from discojax.experiments._predictions import split_predictions
from discojax.experiments._semantics import build_model
from discojax.grammar import Parser, load_lexicon
from discojax.models import model_metadata
from discojax.train import (
    Checkpoint,
    Evaluation,
    MetricsLog,
    ProgressBar,
    data_mesh,
    evaluate_sets,
    fit,
    has_checkpoint,
    is_writer,
)

logger = logging.getLogger(__name__)


def load_splits(
    config: ClassificationConfig, data_dir: str | Path | None = None
) -> dict[str, LabelledData]:
    """Read the train / dev / test files the configuration names (dev and test are optional).

    >>> from discojax.experiments import parse_config
    >>> from discojax.experiments._classification import EXAMPLE
    >>> config = parse_config(EXAMPLE.replace('dataset = "mc"', 'dir = "/x"'), check_files=False)
    >>> load_splits(config)
    Traceback (most recent call last):
    ...
    discojax.errors.ConfigError: <config>:5: no such folder: /x
    """
    return {split: read_labelled(path) for split, path in config.resolve_files(data_dir).items()}


def run_experiment(
    config: ClassificationConfig,
    out: str | Path,
    seeds: Sequence[int] | None = None,
    data_dir: str | Path | None = None,
    resume: bool = False,
    overwrite: bool = False,
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

    Progress lines are ``logging`` records of this module's logger.

    Raises:
        ConfigError: a file the configuration names is missing, a seed's folder already
            holds results (without ``resume`` or ``overwrite``), or a folder cannot be written.
        DataError: a malformed data file, or a label that is not a class (file:line).
        FolderLockedError: another run is writing into ``out/<name>/``.
    """
    started = time.perf_counter()
    splits = load_splits(config, data_dir)
    lexicon = load_lexicon(config.lexicon_path())
    if config.training.loss == "cross_entropy":
        with _located(splits, lexicon, config.data.target):
            classes = output_classes(config, lexicon, splits["train"].sentences[0])
        for split in splits.values():
            split.check_classes(classes)
    folder = Path(out) / config.name
    if not is_writer():  # another process of a run across processes: process 0 writes
        return _run_seeds(config, folder, splits, lexicon, started, seeds, resume, overwrite)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise ConfigError(
            f"cannot create the results folder: {err.strerror}", str(folder)
        ) from None
    with folder_lock(folder):
        return _run_seeds(config, folder, splits, lexicon, started, seeds, resume, overwrite)


def output_classes(config: ClassificationConfig, lexicon: Any, sentence: str) -> int:
    """The number of classes the configured model outputs: a model of one sentence, its output
    shape found without computing it.

    >>> from discojax.experiments import parse_config
    >>> from discojax.experiments._classification import EXAMPLE
    >>> config = parse_config(EXAMPLE, check_files=False)
    >>> output_classes(config, load_lexicon(config.lexicon_path()), "man cooks meal")
    2
    """
    model = build_model(config.semantics, [sentence], lexicon, config.data.target)
    if hasattr(model, "init_shapes"):  # shapes only: no initialisation compiled for this
        params = {k: jax.ShapeDtypeStruct(v, jnp.float32) for k, v in model.init_shapes().items()}
    else:
        params = model.init(jax.random.key(0))  # one sentence's tables: small
    return int(jax.eval_shape(model.apply, params, model.prepare([sentence])).shape[-1])


@contextlib.contextmanager
def _located(splits: dict[str, LabelledData], lexicon: Any, target: str) -> Iterator[None]:
    """Give a sentence's parse error (an unknown word, no parse) its data file and line.

    The model parses every split's sentences at once, so its error cannot say which file; on
    that error only, the sentences are parsed again one by one up to the first that fails.
    """
    try:
        yield
    except (UnknownWordError, ParseError) as err:
        parser = Parser(lexicon)
        for split in splits.values():
            for sentence, line in zip(split.sentences, split.lines, strict=False):
                try:
                    parser.parse(sentence, target)
                except (UnknownWordError, ParseError) as found:
                    found.add_context(f"{split.source}:{line}: ")
                    raise found from None
        raise err


def _writable(folder: Path) -> None:
    """Refuse a folder that cannot be written (found before training, not after an epoch)."""
    try:
        with tempfile.TemporaryFile(dir=folder):
            pass
    except OSError as err:
        raise ConfigError(f"cannot write into the folder: {err.strerror}", str(folder)) from None


def _run_seeds(
    config: ClassificationConfig,
    folder: Path,
    splits: dict[str, LabelledData],
    lexicon: Any,
    started: float,
    seeds: Sequence[int] | None,
    resume: bool,
    overwrite: bool,
) -> list[dict[str, Any]]:
    """The rest of :func:`run_experiment`, in its locked folder (process 0's)."""
    writer = is_writer()
    mesh = data_mesh() if jax.process_count() > 1 else None  # every process's devices
    everything = [s for split in splits.values() for s in split.sentences]
    with _located(splits, lexicon, config.data.target):
        model = build_model(config.semantics, everything, lexicon, config.data.target)
    train = model.prepare(splits["train"].sentences)
    targets = jax.device_put(np.asarray(splits["train"].labels))
    # Every split in one batch, measured by one program: the same for train, dev and test,
    # every epoch and every seed (three batches compiled three programs of the same model).
    evaluation = Evaluation.of(
        model,
        {name: split.sentences for name, split in splits.items()},
        {name: split.labels for name, split in splits.items()},
    )
    if mesh is not None:
        evaluation = evaluation.replicated(mesh)  # the parameters will be global arrays
    prepared = time.perf_counter() - started
    logger.info(
        "%s: %d sentences parsed and bucketed into %d training shapes in %.2fs",
        config.name,
        len(everything),
        train.shapes,
        prepared,
    )
    summaries = []
    if writer:
        write_atomically(folder / "config.toml", config.text.encode("utf-8"))
    for seed in seeds if seeds is not None else config.seeds.seeds:
        seed_dir = folder / f"seed-{seed}"
        if has_checkpoint(seed_dir) and not (resume or overwrite):
            raise ConfigError(
                f"{seed_dir} already holds results: pass --resume to continue them or "
                "--overwrite to replace them"
            )
        if writer:
            seed_dir.mkdir(parents=True, exist_ok=True)
            _writable(seed_dir)
        training = config.training.train_config(seed)
        t0 = time.perf_counter()
        metadata = {
            "experiment": config.name,
            "config": config.text,
            "semantics": dict(config.semantics),
            "model": model_metadata(model),  # load_model(seed_dir, which="best") brings it back
            "seed": seed,
        }
        result = fit(
            model,
            model.init(jax.random.key(seed)),
            train,
            targets,
            evaluation,
            training,
            callbacks=[  # the checkpoint first: on resume it restores the history the log rewrites
                Checkpoint(seed_dir, metadata, resume=resume, write=writer),
                *([MetricsLog(seed_dir / "metrics.jsonl"), ProgressBar()] if writer else []),
            ],
            mesh=mesh,
        )
        summary: dict[str, Any] = {"experiment": config.name, "seed": seed}
        measured, outputs = evaluate_sets(model, result.params, evaluation, training)
        for name in splits:
            summary.update({f"{name}_{k}": v for k, v in measured[name].items()})
        if training.loss == "cross_entropy":  # each item's prediction, for paired tests
            kind = getattr(model, "output_kind", "logits")
            every = split_predictions(outputs, evaluation.targets, kind)  # one shape: one program
            summary["predictions"] = {
                name: {
                    key: [values[i] for i in evaluation.rows(name)] for key, values in every.items()
                }
                for name in splits
                if name != "train"
            }
        if training.shots is not None:  # what a device would have run, in all and to the best
            runs = [record["circuit_evaluations"] for record in result.history]
            summary["circuit_evaluations"] = runs[-1] if runs else 0
            summary["circuit_evaluations_to_best"] = runs[result.best_epoch - 1] if runs else 0
        summary.update(
            best_epoch=result.best_epoch,
            epochs_run=len(result.history),
            stopped_early=result.stopped_early,
            train_seconds=time.perf_counter() - t0,
            prepare_seconds=prepared,
            warnings=result.warnings,
        )
        if writer:
            write_atomically(seed_dir / "summary.json", json.dumps(summary, indent=2).encode())
        logger.info(
            "%s seed %d: test accuracy %.3f (best epoch %d) in %.2fs",
            config.name,
            seed,
            summary.get("test_accuracy", float("nan")),
            result.best_epoch,
            summary["train_seconds"],
        )
        summaries.append(summary)
    return summaries
