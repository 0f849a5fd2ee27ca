"""Running a similarity experiment: every corpus model's Spearman's rho, in one table.

:func:`run_similarity` scores each ``[[models]]`` entry and (unless ``learned=False``) trains
and cross-validates each ``[[learned]]`` one, then adds the two upper bounds computed from the
annotators; :func:`write_similarity` writes ``table.md``, ``table.tex`` and ``results.json``
through the report writer of :mod:`discojax.experiments`.

>>> sorted(MODELS)[:3]
['add', 'categorical', 'copy_object']
"""

from __future__ import annotations

import json
import logging
import math
import time
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from discojax.corpus._learned import cross_validate, pair_prior
from discojax.corpus._similarity import agreement, evaluate, pairwise_agreement
from discojax.corpus._task import SimilarityTask
from discojax.experiments._report import to_latex, to_markdown
from discojax.experiments._similarity import LearnedRow, ModelRow, SimilarityConfig
from discojax.semantics.corpus import (
    Additive,
    Categorical,
    CopyObject,
    CopySubject,
    Coverage,
    FrobeniusAdditive,
    FrobeniusMultiplicative,
    FrobeniusOuter,
    KroneckerVerbs,
    Multiplicative,
    RelationalVerbs,
    VerbOnly,
    VerbSource,
    WordVectors,
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

HEADER = (
    "model",
    "rho per judgement",
    "rho per item",
    "published per judgement",
    "published per item",
    "identical pairs",
)


def _number(value: float | str | None) -> str:
    if value is None:
        return "–"
    if isinstance(value, str):
        return value
    return "undefined" if math.isnan(value) else f"{value:.3f}"


def _published(value: float | str | None) -> str:
    return value if isinstance(value, str) else ("–" if value is None else f"{value:.2f}")


@dataclass(frozen=True)
class Row:
    """One line of a similarity table.

    Attributes:
        model: the row's label.
        per_judgement, per_item: our Spearman's rho (NaN: undefined; None: not applicable).
        published_judgement, published_item: the published figure, if any (text, e.g.
            ``"0.16-0.17"``, or a number).
        identical: how many items got two identical sentence meanings (cosine exactly 1), a
            sign of a degenerate model; None where not counted.
        note: a short remark.

    >>> Row("Add", math.nan, 0.1, 0.05).cells()
    {'model': 'Add', 'rho per judgement': 'undefined', 'rho per item': '0.100', 'published per judgement': '0.05', 'published per item': '–', 'identical pairs': '–'}
    """

    model: str
    per_judgement: float | None
    per_item: float | None
    published_judgement: float | str | None = None
    published_item: float | str | None = None
    identical: int | None = None
    note: str = ""

    def cells(self) -> dict[str, str]:
        """The row as the table's text cells, by column."""
        values = (
            self.model + (f" ({self.note})" if self.note else ""),
            _number(self.per_judgement),
            _number(self.per_item),
            _published(self.published_judgement),
            _published(self.published_item),
            "–" if self.identical is None else str(self.identical),
        )
        return dict(zip(HEADER, values))

    def to_json(self) -> dict:
        """The row as a JSON-ready dict (NaN becomes None).

        >>> Row("x", math.nan, 0.5).to_json()["per_judgement"] is None
        True
        """
        data = asdict(self)
        for key in ("per_judgement", "per_item"):
            if isinstance(data[key], float) and math.isnan(data[key]):
                data[key] = None
        return data


@dataclass(frozen=True)
class SimilarityResult:
    """A run's rows, the vectors' coverage of the data set, and the settings used.

    >>> r = SimilarityResult("demo", (Row("Add", 0.1, 0.2),), Coverage(("a",), ()))
    >>> r.markdown().splitlines()[2]
    '| Add | 0.100 | 0.200 | – | – | – |'
    >>> print(r.latex().splitlines()[-3])
    \\caption{demo: Spearman's rho with human judgements; 1 of 1 words have vectors (100.0\\%).}
    """

    name: str
    rows: tuple[Row, ...]
    coverage: Coverage
    settings: Mapping[str, Any] = field(default_factory=dict)

    def markdown(self) -> str:
        """The table in Markdown."""
        return to_markdown([row.cells() for row in self.rows], HEADER)

    def latex(self) -> str:
        """The table in LaTeX, with a caption."""
        caption = f"{self.name}: Spearman's rho with human judgements; {self.coverage}."
        table = [row.cells() for row in self.rows]
        return to_latex(table, HEADER, caption=caption, label=f"tab:{self.name}")

    def to_json(self) -> dict:
        """Everything, JSON-ready."""
        return {
            "name": self.name,
            "rows": [row.to_json() for row in self.rows],
            "coverage": {
                "found": list(self.coverage.found),
                "missing": list(self.coverage.missing),
            },
            "settings": dict(self.settings),
        }


def load_vectors(config: SimilarityConfig, words: Any) -> WordVectors:
    """The vectors ``[vectors]`` names, restricted to ``words``."""
    if config.vectors.text is not None:
        return load_text(config.path(config.vectors.text), words, config.vectors.missing)
    return load_glove_6b_50d(words, config.vectors.missing)


def _verbs(name: str, vectors: WordVectors, triples: Any) -> VerbSource:
    return KroneckerVerbs(vectors) if name == "kronecker" else RelationalVerbs(vectors, triples)


def _model(
    name: str, verbs_name: str | None, label: str | None, vectors: WordVectors, triples: Any
) -> tuple[Any, str, VerbSource | None]:
    cls, title, default = MODELS[name]
    verbs_name = verbs_name or default
    label = label or title
    if verbs_name is None:
        return cls(vectors, name=label), label, None
    verbs = _verbs(verbs_name, vectors, triples)
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
    )


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
    task = SimilarityTask.from_files(files["judgements"], files["sentences"], config.data.reader)
    if vectors is None:
        vectors = load_vectors(config, task.words())
    coverage = vectors.coverage(task.words())
    logger.info(
        "%s: %d items, %d judgements; %s",
        config.name,
        len(task.items),
        len(task.judgements),
        coverage,
    )
    triples = read_triples(files["triples"]) if "triples" in files else task.triples()
    rows = []
    for spec in config.models:
        started = time.perf_counter()
        model, label, _ = _model(spec.model, spec.verbs, spec.label, vectors, triples)
        rows.append(_row(spec, label, task.similarities(model), task, spec.note))
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
            model, label, verbs = _model(entry.model, entry.init, None, vectors, triples)
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
        "vectors": config.vectors.model_dump(exclude_none=True),
        "triples": config.relational.triples or "the data set's own sentences",
        "learning": {"folds": folds, "seed": seed, **options},
    }
    return SimilarityResult(config.name, tuple(rows), coverage, settings)


def write_similarity(result: SimilarityResult, folder: str | Path) -> list[Path]:
    """Write ``table.md``, ``table.tex`` and ``results.json`` into ``folder`` (each file
    replaced atomically); each file written is logged.

    >>> import tempfile
    >>> result = SimilarityResult("demo", (Row("Add", 0.1, 0.2),), Coverage(("a",), ()))
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     [path.name for path in write_similarity(result, folder)]
    ['table.md', 'table.tex', 'results.json']
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    files = {
        "table.md": f"# {result.name}\n\n{result.markdown()}\n\nWord vectors: {result.coverage}.\n",
        "table.tex": result.latex() + "\n",
        "results.json": json.dumps(result.to_json(), indent=2, ensure_ascii=False) + "\n",
    }
    written = []
    for name, text in files.items():
        path = folder / name
        tmp = path.with_suffix(path.suffix + ".tmp")
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(path)
        logger.info("wrote %s", path)
        written.append(path)
    return written
