"""Similarity experiments from a TOML config: ``discojax similarity CONFIG``.

A config names the data set, the word vectors, the triples of the relational verbs, the models
(each with the published figures to print beside it) and the learned variants; a run prints
the table and writes ``table.md``, ``table.tex`` and ``results.json`` to the output folder.
Paths in a config are relative to the config file. See ``experiments/gs2011/config.toml``::

    name = "gs2011"
    [data]
    kind = "gs2011"                    # or "ml2008"
    judgements = "../../../shared/data/gs2011/GS2011data.txt"
    sentences = "../../../shared/data/gs2011/GS2011_sentences.csv"
    [vectors]
    source = "glove-6b-50d"            # or text = "FILE" (word2vec/GloVe text format)
    missing = "zero"                   # or "error"
    [relational]
    triples = ""                       # a triples file; "" for the data set's own sentences
    [[models]]
    model = "kronecker"                # see MODELS
    published_item = 0.28
    [learning]
    folds = 5
    [[learned]]
    model = "copy_subject"
    init = "kronecker"
    [output]
    dir = "../../results/gs2011"

>>> sorted(MODELS)[:3]
['add', 'categorical', 'copy_object']
"""

from __future__ import annotations

import json
import sys
import time
import tomllib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from discojax.corpus._learned import cross_validate, pair_prior
from discojax.corpus._report import Row, latex_table, markdown_table
from discojax.corpus._similarity import agreement, evaluate, pairwise_agreement
from discojax.corpus._task import SimilarityTask
from discojax.errors import DataError
from discojax.semantics.corpus._functor import CorpusFunctor
from discojax.semantics.corpus._models import (
    Additive,
    Categorical,
    CopyObject,
    CopySubject,
    FrobeniusAdditive,
    FrobeniusMultiplicative,
    FrobeniusOuter,
    Multiplicative,
    VerbOnly,
)
from discojax.semantics.corpus._vectors import Coverage, WordVectors, load_glove_6b_50d, load_text
from discojax.semantics.corpus._verbs import (
    KroneckerVerbs,
    RelationalVerbs,
    VerbSource,
    read_triples,
)

# name: (class, title, default verb source or None for models without verb tensors)
MODELS: dict[str, tuple[Callable[..., CorpusFunctor], str, str | None]] = {
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


@dataclass(frozen=True)
class ExperimentResult:
    """A run's rows, the vectors' coverage of the data set, and the settings used.

    >>> r = ExperimentResult("demo", (Row("Add", 0.1, 0.2),), Coverage(("a",), ()), {})
    >>> r.markdown().splitlines()[2]
    '| Add | 0.100 | 0.200 | – | – | – |'
    """

    name: str
    rows: tuple[Row, ...]
    coverage: Coverage
    settings: Mapping[str, Any] = field(default_factory=dict)

    def markdown(self) -> str:
        """The table in Markdown.

        >>> ExperimentResult("x", (), Coverage((), ())).markdown().count("|") > 0
        True
        """
        return markdown_table(self.rows)

    def latex(self) -> str:
        """The table in LaTeX.

        >>> "tabular" in ExperimentResult("x", (), Coverage((), ())).latex()
        True
        """
        caption = f"{self.name}: Spearman's rho with human judgements; {self.coverage}."
        return latex_table(self.rows, caption=caption, label=f"tab:{self.name}")

    def to_json(self) -> dict:
        """Everything, JSON-ready.

        >>> ExperimentResult("x", (), Coverage((), ())).to_json()["coverage"]["missing"]
        []
        """
        return {
            "name": self.name,
            "rows": [row.to_json() for row in self.rows],
            "coverage": {
                "found": list(self.coverage.found),
                "missing": list(self.coverage.missing),
            },
            "settings": dict(self.settings),
        }


def load_config(path: str | Path) -> dict[str, Any]:
    """Read a TOML config; ``_base`` records its folder (paths are relative to it).

    >>> load_config("no/such.toml")
    Traceback (most recent call last):
    ...
    discojax.errors.DataError: no/such.toml: no such config file
    """
    path = Path(path)
    if not path.is_file():
        raise DataError("no such config file", str(path))
    try:
        config = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as err:
        raise DataError(f"invalid TOML: {err}", str(path)) from None
    config["_base"] = str(path.parent)
    config["_source"] = str(path)
    return config


def _path(config: Mapping[str, Any], value: str) -> Path:
    path = Path(value)
    return path if path.is_absolute() else Path(config.get("_base", ".")) / path


def _section(config: Mapping[str, Any], name: str) -> Mapping[str, Any]:
    value = config.get(name, {})
    if not isinstance(value, Mapping):
        raise DataError(f"[{name}] must be a table", config.get("_source"))
    return value


def output_dir(config: Mapping[str, Any]) -> Path:
    """Where a config's ``[output] dir`` (default ``results``) puts its tables.

    >>> output_dir({"_base": "experiments/gs2011", "output": {"dir": "out"}}).as_posix()
    'experiments/gs2011/out'
    """
    return _path(config, _section(config, "output").get("dir", "results"))


def load_vectors(config: Mapping[str, Any], words: Sequence[str]) -> WordVectors:
    """The vectors a config's ``[vectors]`` table names, restricted to ``words``.

    >>> load_vectors({"vectors": {"source": "word2vec-google-news"}}, [])
    Traceback (most recent call last):
    ...
    discojax.errors.DataError: [vectors] needs source = "glove-6b-50d" or text = "FILE"
    """
    spec = _section(config, "vectors")
    missing = spec.get("missing", "error")
    if "text" in spec:
        return load_text(_path(config, spec["text"]), words, missing)
    if spec.get("source") == "glove-6b-50d":
        try:
            return load_glove_6b_50d(words, missing)
        except ImportError as err:
            raise DataError(
                f"[vectors] source glove-6b-50d: {err}", config.get("_source")
            ) from None
    raise DataError(
        '[vectors] needs source = "glove-6b-50d" or text = "FILE"', config.get("_source")
    )


def _verbs(name: str, vectors: WordVectors, triples: Any) -> VerbSource:
    if name == "kronecker":
        return KroneckerVerbs(vectors)
    if name == "relational":
        return RelationalVerbs(vectors, triples)
    raise DataError(f"unknown verb source {name!r} (relational or kronecker)")


def _model(spec: Mapping[str, Any], vectors: WordVectors, triples: Any) -> tuple[Any, str, Any]:
    name = spec.get("model")
    if name not in MODELS:
        raise DataError(f"unknown model {name!r}; known: {', '.join(sorted(MODELS))}")
    cls, title, default = MODELS[name]
    verbs_name = spec.get("verbs", default)
    label = spec.get("label", title)
    if verbs_name is None:
        return cls(vectors, name=label), label, None
    verbs = _verbs(verbs_name, vectors, triples)
    return cls(vectors, verbs=verbs, name=label), label, verbs


def _row(spec: Mapping[str, Any], label: str, sims: np.ndarray, task: SimilarityTask) -> Row:
    result = evaluate(sims, task.judgements, label)
    return Row(
        label,
        result.per_judgement,
        result.per_item,
        spec.get("published_judgement"),
        spec.get("published_item"),
        int(np.sum(sims == 1.0)),
        spec.get("note", ""),
    )


def run_experiment(
    config: Mapping[str, Any],
    vectors: WordVectors | None = None,
    learned: bool = True,
    log: Callable[[str], None] = print,
) -> ExperimentResult:
    """Run every model of ``config`` on its data set.

    Args:
        config: a config (see :func:`load_config`).
        vectors: word vectors to use instead of those the config names.
        learned: also train and cross-validate the ``[[learned]]`` models.
        log: where progress lines go.

    >>> run_experiment({"data": {"kind": "gs2011", "judgements": "no/such.txt",
    ...                          "sentences": "no/such.csv"}})
    Traceback (most recent call last):
    ...
    discojax.errors.DataError: no/such.txt: no such data file
    """
    data = _section(config, "data")
    for key in ("kind", "judgements", "sentences"):
        if key not in data:
            raise DataError(f"[data] needs {key} = …", config.get("_source"))
    task = SimilarityTask.from_files(
        _path(config, data["judgements"]), _path(config, data["sentences"]), data["kind"]
    )
    if vectors is None:
        vectors = load_vectors(config, task.words())
    coverage = vectors.coverage(task.words())
    log(
        f"{config.get('name', data['kind'])}: {len(task.items)} items, "
        f"{len(task.judgements)} judgements; {coverage}"
    )
    triples_file = _section(config, "relational").get("triples", "")
    triples = read_triples(_path(config, triples_file)) if triples_file else task.triples()
    rows = []
    for spec in config.get("models", []):
        started = time.perf_counter()
        model, label, _ = _model(spec, vectors, triples)
        rows.append(_row(spec, label, task.similarities(model), task))
        log(f"  {label}: {time.perf_counter() - started:.1f}s")
    options = dict(_section(config, "learning"))
    folds, seed = int(options.pop("folds", 5)), int(options.pop("seed", 0))
    with_prior = bool(options.pop("pair_prior", True))
    if learned and config.get("learned"):
        if with_prior:
            spec = {"note": f"{folds}-fold, no composition"}
            rows.append(_row(spec, "Verb-landmark pair prior", pair_prior(task, folds, seed), task))
        for spec in config["learned"]:
            started = time.perf_counter()
            model, label, verbs = _model(
                {**spec, "verbs": spec.get("init", "kronecker")}, vectors, triples
            )
            label = spec.get("label", f"{label}, learned")
            sims = cross_validate(
                task, type(model), vectors, verbs, folds=folds, seed=seed, **options
            )
            rows.append(_row({"note": f"{folds}-fold", **spec}, label, sims, task))
            log(f"  {label}: {time.perf_counter() - started:.1f}s")
    bounds = _section(config, "upper_bound")
    rows.append(
        Row(
            "Upper bound: leave-one-annotator-out",
            agreement(task.judgements),
            None,
            bounds.get("published_judgement"),
            bounds.get("published_item"),
        )
    )
    rows.append(
        Row("Upper bound: mean pairwise annotator rho", pairwise_agreement(task.judgements), None)
    )
    settings = {
        "data": dict(data),
        "vectors": dict(_section(config, "vectors")),
        "triples": triples_file or "the data set's own sentences",
        "learning": {"folds": folds, "seed": seed, **options},
    }
    return ExperimentResult(config.get("name", data["kind"]), tuple(rows), coverage, settings)


def write_result(result: ExperimentResult, folder: str | Path) -> list[Path]:
    """Write ``table.md``, ``table.tex`` and ``results.json`` into ``folder``.

    >>> callable(write_result)  # writes files, so no example runs here
    True
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
        written.append(path)
    return written


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m discojax.corpus.experiment CONFIG [--out DIR] [--no-learned]``.

    The same as ``discojax similarity`` (see :mod:`discojax.commands.similarity`).

    >>> main(["no/such.toml"])  # the error goes to stderr
    2
    """
    from discojax.cli import main as cli_main

    return cli_main(["similarity", *(sys.argv[1:] if argv is None else argv)])


if __name__ == "__main__":
    raise SystemExit(main())
