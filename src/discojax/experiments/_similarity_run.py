"""Running a similarity experiment: every corpus model's Spearman's rho, in one table.

:func:`run_similarity` scores each ``[[models]]`` entry and (unless ``learned=False``) trains
and cross-validates each ``[[learned]]`` one, then adds the two upper bounds computed from the
annotators; :func:`write_similarity` writes ``table.md``, ``table.tex`` and ``results.json``
through the report writer (see :mod:`discojax.experiments._similarity_table`).

>>> sorted(MODELS)[:3]
['add', 'categorical', 'copy_object']
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from discojax.corpus._degenerate import degenerate_settings
from discojax.corpus._learned import cross_validate, pair_prior
from discojax.corpus._similarity import agreement, cosines, evaluate, pairwise_agreement
from discojax.corpus._task import SimilarityTask
from discojax.corpus._triples import read_treebank_triples
from discojax.data import TextCorpus
from discojax.experiments._similarity import (
    COUNTING,
    LearnedRow,
    ModelRow,
    SimilarityConfig,
)
from discojax.experiments._similarity_table import Row, SimilarityResult
from discojax.semantics.corpus import (
    Additive,
    Categorical,
    CopyObject,
    CopySubject,
    FrobeniusAdditive,
    FrobeniusMultiplicative,
    FrobeniusOuter,
    KroneckerVerbs,
    Multiplicative,
    RelationalVerbs,
    VerbOnly,
    VerbSource,
    WordVectors,
    count_vectors,
    load_glove_6b_50d,
    load_text,
    read_triples,
)

logger = logging.getLogger(__name__)

# name: (class, title, default verb source or None for models without verb tensors)
MODELS: dict[str, tuple[Callable[..., Any], str, str | None]] = {
    "verb_only": (VerbOnly, "Verb only", None),
    "add": (Additive, "Add", None),
    "multiply": (Multiplicative, "Multiply", None),
    "kronecker": (Categorical, "Kronecker", "kronecker"),
    "relational": (Categorical, "Relational", "relational"),
    "categorical": (Categorical, "Categorical", "relational"),
    "copy_subject": (CopySubject, "Copy-Subject", "relational"),
    "copy_object": (CopyObject, "Copy-Object", "relational"),
    "frobenius_additive": (FrobeniusAdditive, "Frobenius additive", "relational"),
    "frobenius_multiplicative": (FrobeniusMultiplicative, "Frobenius multiplicative", "relational"),
    "frobenius_outer": (FrobeniusOuter, "Frobenius outer", "relational"),
}


def load_vectors(config: SimilarityConfig, words: Any) -> WordVectors:
    """The vectors ``[vectors]`` names, restricted to ``words``."""
    table = config.vectors
    if table.text is not None:
        return load_text(config.path(table.text), words, table.missing)
    if table.corpus is not None:
        corpus = TextCorpus.from_files(config.path(table.corpus), field=table.field)
        settings = table.model_dump(include=set(COUNTING) - {"field"})
        return count_vectors(corpus, missing=table.missing, **settings).restrict(words)
    return load_glove_6b_50d(words, table.missing)


def _verbs(name: str, vectors: WordVectors, triples: Any, missing: str = "error") -> VerbSource:
    if name == "kronecker":
        return KroneckerVerbs(vectors)
    return RelationalVerbs(vectors, triples, missing)  # type: ignore[arg-type]


def _model(
    name: str,
    verbs_name: str | None,
    label: str | None,
    vectors: WordVectors,
    triples: Any,
    missing: str = "error",
) -> tuple[Any, str, VerbSource | None]:
    cls, title, default = MODELS[name]
    verbs_name = verbs_name or default
    label = label or title
    if verbs_name is None:
        return cls(vectors, name=label), label, None
    verbs = _verbs(verbs_name, vectors, triples, missing)
    return cls(vectors, verbs=verbs, name=label), label, verbs


def _row(
    spec: ModelRow | LearnedRow | None,
    label: str,
    sims: np.ndarray,
    task: SimilarityTask,
    note: str,
) -> Row:
    result = evaluate(sims, task.judgements, label)
    return Row(
        label,
        result.per_judgement,
        result.per_item,
        None if spec is None else spec.published_judgement,
        None if spec is None else spec.published_item,
        int(np.sum(sims == 1.0)),
        note,
        tuple(float(x) for x in sims),
    )


def unobserved_verbs(task: SimilarityTask, triples: Any, missing: str) -> list[str]:
    """A warning naming the task's verbs that no triple observes (zero under ``missing``)."""
    if missing != "zero":  # unobserved verbs are errors then, raised when they are met
        return []
    absent = sorted({t.verb for t in task.triples()} - {t.verb for t in triples})
    if not absent:
        return []
    message = (
        f"relational verbs: {len(absent)} verb(s) never observed in the triples are zero: "
        + ", ".join(repr(v) for v in absent)
    )
    logger.warning(message)
    return [message]


def run_similarity(
    config: SimilarityConfig,
    vectors: WordVectors | None = None,
    learned: bool = True,
    data_dir: str | Path | None = None,
) -> SimilarityResult:
    """Score every model of ``config`` on its data set.

    Args:
        config: a similarity configuration (see :func:`discojax.experiments.load_config`).
        vectors: word vectors to use instead of those the configuration names.
        learned: also train and cross-validate the ``[[learned]]`` models.
        data_dir: where to look for the data set (see :func:`discojax.data.locate`).

    Raises:
        ConfigError: a file the configuration names is missing.
        DataError: a malformed data file (file:line).
    """
    files = config.resolve_files(data_dir)
    task = SimilarityTask.from_files(
        files["judgements"], files["sentences"], config.data.reader, skip=config.data.skip
    )
    for skipped in task.skipped:
        logger.warning("skipped %r: %s", skipped.sentence, skipped.reason)
    if "triples" in files:
        triples = read_triples(files["triples"])
    elif "treebank" in files:
        triples = read_treebank_triples(files["treebank"])
    else:
        triples = task.triples()
    if vectors is None:  # the triples' arguments need vectors too
        arguments = {w for t in triples for w in (t.subject, t.object) if w is not None}
        vectors = load_vectors(config, sorted(set(task.words()) | arguments))
    coverage = vectors.coverage(task.words())
    logger.info(
        "%s: %d items, %d judgements; %s",
        config.name,
        len(task.items),
        len(task.judgements),
        coverage,
    )
    zero_words = coverage.missing if config.vectors.missing == "zero" else ()
    rows = []
    warnings: list[str] = unobserved_verbs(task, triples, config.relational.missing)
    for spec in config.models:
        started = time.perf_counter()
        model, label, _ = _model(
            spec.model, spec.verbs, spec.label, vectors, triples, config.relational.missing
        )
        first, second = task.meanings(model)
        sims = cosines(first, second)
        dim = int(first[0].size)
        identical = int(np.sum(sims == 1.0))
        warnings += degenerate_settings(
            label, dim=dim, identical=identical, items=len(sims), zero_words=zero_words
        )
        rows.append(_row(spec, label, sims, task, spec.note))
        logger.info("  %s: %.1fs", label, time.perf_counter() - started)
    learning = config.learning
    folds, seed = learning.folds, learning.seed
    options = {"steps": learning.steps, "learning_rate": learning.learning_rate, "l2": learning.l2}
    if learned and config.learned:
        if learning.pair_prior:
            sims = pair_prior(task, folds, seed)
            note = f"{folds}-fold, no composition"
            rows.append(_row(None, "Verb-landmark pair prior", sims, task, note))
        for entry in config.learned:
            started = time.perf_counter()
            model, label, verbs = _model(
                entry.model, entry.init, None, vectors, triples, config.relational.missing
            )
            label = entry.label or f"{label}, learned"
            assert verbs is not None  # the schema refuses learned models without verbs
            sims = cross_validate(
                task, type(model), vectors, verbs, folds=folds, seed=seed, **options
            )
            note = f"{folds}-fold" if entry.note is None else entry.note
            rows.append(_row(entry, label, sims, task, note))
            logger.info("  %s: %.1fs", label, time.perf_counter() - started)
    bounds = config.upper_bound
    rows.append(
        Row(
            "Upper bound: leave-one-annotator-out",
            agreement(task.judgements),
            None,
            bounds.published_judgement,
            bounds.published_item,
        )
    )
    rows.append(
        Row("Upper bound: mean pairwise annotator rho", pairwise_agreement(task.judgements), None)
    )
    settings = {
        "data": {
            "format": config.data.reader,
            "judgements": str(files["judgements"]),
            "sentences": str(files["sentences"]),
        },
        "vectors": config.vectors.model_dump(
            exclude_none=True, exclude=None if config.vectors.corpus else set(COUNTING)
        ),
        "triples": config.relational.triples
        or config.relational.treebank
        or "the data set's own sentences",
        "triples observed": len(triples),
        "learning": {"folds": folds, "seed": seed, **options},
        "items": len(task.items),
        "skipped": [{"sentence": s.sentence, "reason": s.reason} for s in task.skipped],
        "warnings": warnings,
    }
    judgements = {
        "items": [int(i) for i in task.judgements.item_indices()],
        "scores": [float(x) for x in task.judgements.scores()],
    }
    return SimilarityResult(config.name, tuple(rows), coverage, settings, judgements)
