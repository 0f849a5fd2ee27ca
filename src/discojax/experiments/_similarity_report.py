"""Intervals and tests for a similarity table, from its ``results.json``.

:func:`similarity_statistics` reads the rows' item scores and the judgements that
:func:`~discojax.experiments.write_similarity` keeps and gives each model's Spearman's rho per
judgement and per item with a bootstrap interval (items resampled, each with all of its
judgements: judgements of one item are not independent). Given a baseline row (``"Verb
only"``), each other row gets the difference of per-judgement rho, a paired permutation test
of it over items and Williams's t of the per-item rho (n = items), each Holm-corrected over the
rows compared; a dagger marks the rows whose permutation p-value is below 0.05 after correction.
Rows without scores (the annotators' upper bounds, older results) keep their numbers and get
``–``.

>>> data = {"rows": [{"model": "A", "per_judgement": 0.5, "per_item": 0.6, "scores": None}],
...         "judgements": {"items": [], "scores": []}}
>>> similarity_statistics(data)[0][0]["rho per judgement [95% CI]"]
'0.500'
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np

from discojax._atomic import write_atomically
from discojax.corpus._similarity import spearman
from discojax.errors import StatisticsError
from discojax.experiments._report_statistics import DAGGER, _nan, delta_cell, p_cell
from discojax.experiments._similarity_table import Row
from discojax.stats import Significance, holm, rho_difference_test, rho_intervals, williams_t


def _row(data: Mapping[str, Any]) -> Row:
    fields: dict[str, Any] = {k: data[k] for k in Row.__dataclass_fields__ if k in data}
    fields["scores"] = None  # not shown in cells
    fields["per_judgement"] = (
        math.nan if data.get("per_judgement") is None else data["per_judgement"]
    )
    return Row(**fields)


def similarity_statistics(
    data: Mapping[str, Any],
    compare: str | None = None,
    *,
    confidence: float = 0.95,
    resamples: int = 9999,
    seed: int = 0,
) -> tuple[list[dict[str, str]], list[str], dict[str, Any]]:
    """The table's cells with intervals (and tests), its notes, and every number as JSON.

    Args:
        data: a similarity ``results.json`` (see :class:`~discojax.experiments.SimilarityResult`).
        compare: the baseline row's model name (``"Verb only"``), or None.
        confidence, resamples, seed: of the bootstrap and the permutation test.

    Raises:
        StatisticsError: ``compare`` names no row with scores.
    """
    judgements = data.get("judgements") or {}
    items = np.asarray(judgements.get("items", []), dtype=np.int64)
    human = np.asarray(judgements.get("scores", []), dtype=np.float64)
    level = f"{round(confidence * 100)}% CI"
    columns = {
        "rho per judgement": f"rho per judgement [{level}]",
        "rho per item": f"rho per item [{level}]",
    }
    options: dict[str, Any] = dict(confidence=confidence, resamples=resamples, seed=seed)
    numbers: dict[str, Any] = {**options, "resampled": "items", "rows": []}
    table: list[dict[str, str]] = []
    scored: dict[str, np.ndarray] = {}
    for entry in data["rows"]:
        row = _row(entry)
        cells = {columns.get(k, k): v for k, v in row.cells().items()}
        record: dict[str, Any] = {"model": row.model}
        if entry.get("scores") is not None and items.size:
            scores = np.array([math.nan if x is None else x for x in entry["scores"]])
            scored.setdefault(row.model, scores)
            r = rho_intervals(scores, items, human, **options)
            for key, column in (
                ("per_judgement", "rho per judgement"),
                ("per_item", "rho per item"),
            ):
                interval = r[key]
                cells[columns[column]] = f"{interval}"
                record[key] = interval.to_json()
        table.append(cells)
        numbers["rows"].append(record)
    notes = [
        f"[{level}]: {resamples}-resample BCa bootstrap intervals resampling items, each with all "
        f"of its judgements (seed {seed})."
    ]
    if compare is None:
        return table, notes, numbers
    if compare not in scored:
        raise StatisticsError(
            f"--compare {compare!r}: no row of that model with scores (rows with scores: "
            f"{', '.join(scored) or 'none'})"
        )
    base = scored[compare]
    tests: dict[str, dict[str, Any]] = {}
    means = np.bincount(items, human, len(base)) / np.maximum(np.bincount(items), 1)
    for model, scores in scored.items():
        if model == compare:
            continue
        permutation = rho_difference_test(
            scores, base, items, human, **{k: v for k, v in options.items() if k != "confidence"}
        )
        rhos = (spearman(means, scores), spearman(means, base), spearman(scores, base))
        if all(abs(r) < 1 for r in rhos):  # NaN (a constant model) or |r| = 1: no test
            williams = williams_t(*rhos, len(base))
        else:
            williams = Significance("Williams's t", math.nan, math.nan, rhos[0] - rhos[1])
        tests[model] = {"permutation": permutation.to_json(), "williams": williams.to_json()}
    for key in ("permutation", "williams"):
        adjusted = holm([_nan(t[key]["pvalue"]) for t in tests.values()])
        for t, p in zip(tests.values(), adjusted):
            t[key]["pvalue_holm"] = p
    delta = f"Δ per judgement vs {compare}"
    for cells, record in zip(table, numbers["rows"]):
        model = record["model"]
        found = tests.get(model)
        if model == compare or found is None:
            blank = "baseline" if model == compare else "–"
            cells[delta], cells["p permutation (Holm)"], cells["p Williams (Holm)"] = (
                blank,
                "–",
                "–",
            )
        else:
            t = record["compare"] = found
            p = t["permutation"]["pvalue_holm"]
            cells[delta] = delta_cell(t["permutation"]["difference"])
            cells["p permutation (Holm)"] = p_cell(p)
            cells["p Williams (Holm)"] = p_cell(t["williams"]["pvalue_holm"], level=0.0)
    numbers["compare"] = compare
    notes.append(
        f"p permutation (Holm): paired permutation test of the per-judgement rho difference "
        f"with {compare}, swapping the two models' (rank-scaled) scores of random items "
        f"({resamples} resamples, seed {seed}); p Williams (Holm): Williams's t test of the "
        f"per-item rho, dependent correlations sharing the human means, n = {len(base)} items; "
        f"each Holm-Bonferroni-corrected over {len(tests)} comparisons; {DAGGER} significant "
        "at 0.05 after correction (permutation test)."
    )
    return table, notes, numbers


def similarity_folders(root: str | Path) -> list[Path]:
    """The folders under ``root`` holding a similarity ``results.json`` (with ``rows``).

    >>> similarity_folders("/no/such/folder")
    []
    """
    found = []
    for path in sorted(Path(root).rglob("results.json")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except json.JSONDecodeError:
            continue
        if isinstance(data, dict) and "rows" in data:
            found.append(path.parent)
    return found


def write_similarity_report(
    folder: str | Path, compare: str | None = None, *, resamples: int = 9999, seed: int = 0
) -> dict[str, Any]:
    """Write ``report.md``, ``report.tex``, ``report.json`` and ``intervals.{png,pdf}`` of the
    similarity results in ``folder`` (see :func:`similarity_statistics`).

    Returns the Markdown text and the paths written.
    """
    from discojax.experiments._interval_plot import plot_intervals
    from discojax.experiments._report import latex_escape, to_latex, to_markdown

    folder = Path(folder)
    data = json.loads((folder / "results.json").read_text(encoding="utf-8"))
    table, notes, numbers = similarity_statistics(data, compare, resamples=resamples, seed=seed)
    name = data.get("name", folder.name)
    markdown = f"# {name}\n\n" + to_markdown(table, notes=notes)
    caption = f"{name}: Spearman's rho with human judgements"
    latex = to_latex(table, caption=caption, label=f"tab:{latex_escape(name)}", notes=notes)
    files = [folder / "report.md", folder / "report.tex", folder / "report.json"]
    for path, text in zip(files, (markdown, latex, json.dumps(numbers, indent=2))):
        write_atomically(path, (text + "\n").encode("utf-8"))
    points: dict[str, Any] = {
        r["model"]: (
            [],
            (r["per_judgement"]["estimate"], r["per_judgement"]["low"], r["per_judgement"]["high"]),
        )
        for r in numbers["rows"]
        if "per_judgement" in r
    }
    if points:
        files += plot_intervals(points, folder / "intervals", "Spearman's rho per judgement")
    return {"markdown": markdown, "files": files}


def write_similarity_reports(
    root: Path, compare: str | None = None, *, resamples: int = 9999, seed: int = 0
) -> dict[str, Any] | None:
    """:func:`write_similarity_report` of every folder under ``root`` holding similarity
    results: their Markdown joined and the files written; ``None`` where there are none.

    >>> write_similarity_reports(Path("/no/such/folder")) is None
    True
    """
    folders = similarity_folders(root)
    if not folders:
        return None
    reports = [write_similarity_report(f, compare, resamples=resamples, seed=seed) for f in folders]
    return {
        "markdown": "\n\n".join(r["markdown"] for r in reports),
        "files": [path for r in reports for path in r["files"]],
    }
