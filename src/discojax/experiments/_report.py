"""Reports: tables as Markdown and LaTeX (one writer for every kind), and learning curves.

A table is a list of rows, each a mapping from column to value: text, a number, or a
``(mean, std)`` pair written ``mean ± std``. :func:`to_markdown` and :func:`to_latex` write
it (LaTeX text through the one escaper, :func:`latex_escape`). For classification,
:func:`collect` reads every ``summary.json`` and ``metrics.jsonl`` under a results folder,
:func:`summary_table` aggregates them per experiment, and :func:`plot_curves` draws each
experiment's dev and train accuracy per epoch (mean over seeds, shaded ± std) with
matplotlib. Similarity experiments write their rows' table directly (see
:func:`discojax.experiments.write_similarity`).

>>> rows = [{"experiment": "mc", "seed": s, "test_accuracy": a} for s, a in [(0, 1.0), (1, 0.9)]]
>>> table = summary_table(rows, ["test_accuracy"])
>>> print(to_markdown(table))
| experiment | seeds | test_accuracy |
|---|---|---|
| mc | 2 | 0.950 ± 0.071 |
"""

from __future__ import annotations

import json
import statistics
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from discojax._atomic import write_atomically
from discojax._text import read_text
from discojax.errors import DataError
from discojax.experiments._interval_plot import save_figure

DEFAULT_COLUMNS = ("test_accuracy", "dev_accuracy", "train_accuracy", "best_epoch", "train_seconds")


def collect(results: str | Path) -> tuple[list[dict[str, Any]], dict[str, list[list[dict]]]]:
    """Every seed's summary under ``results``, and each experiment's per-seed metric logs.

    Raises:
        DataError: no summary found, or a malformed JSON line (file:line).

    >>> collect("/no/such/results")
    Traceback (most recent call last):
    ...
    discojax.errors.DataError: /no/such/results: no summary.json found
    """
    root = Path(results)
    summaries: list[dict[str, Any]] = []
    curves: dict[str, list[list[dict]]] = {}
    for path in sorted(root.rglob("summary.json")):
        text = read_text(path, DataError)
        try:
            summary = json.loads(text)
        except json.JSONDecodeError as err:
            raise DataError(f"malformed JSON: {err.msg}", str(path), err.lineno) from None
        if not isinstance(summary, dict) or not isinstance(summary.get("experiment"), str):
            raise DataError("not a seed's summary (no 'experiment' name)", str(path))
        summaries.append(summary)
        log = path.parent / "metrics.jsonl"
        if log.is_file():
            records = []
            for number, line in enumerate(read_text(log, DataError).splitlines(), 1):
                try:
                    records.append(json.loads(line))
                except json.JSONDecodeError as err:
                    raise DataError(f"malformed JSON: {err.msg}", str(log), number) from None
            curves.setdefault(summary["experiment"], []).append(records)
    if not summaries:
        raise DataError("no summary.json found", str(root))
    return summaries, curves


def summary_table(
    summaries: Sequence[dict[str, Any]], columns: Sequence[str] = DEFAULT_COLUMNS
) -> list[dict[str, Any]]:
    """One row per experiment: the number of seeds and mean ± std of each column.

    >>> summary_table([{"experiment": "a", "x": 1.0}], ["x"])
    [{'experiment': 'a', 'seeds': 1, 'x': (1.0, 0.0)}]
    """
    groups: dict[str, list[dict[str, Any]]] = {}
    for summary in summaries:
        groups.setdefault(summary["experiment"], []).append(summary)
    table = []
    for name, group in groups.items():
        row: dict[str, Any] = {"experiment": name, "seeds": len(group)}
        for column in columns:
            values = [float(s[column]) for s in group if column in s]
            if values:
                std = statistics.stdev(values) if len(values) > 1 else 0.0
                row[column] = (statistics.fmean(values), std)
        table.append(row)
    return table


def _columns(table: Sequence[Mapping[str, Any]]) -> list[str]:
    columns: list[str] = []
    for row in table:
        columns += [c for c in row if c not in columns]
    return columns


def _cell(value: Any, plus_minus: str) -> str:
    if isinstance(value, tuple):
        return f"{value[0]:.3f}{plus_minus}{value[1]:.3f}"
    return str(value)


def to_markdown(
    table: Sequence[Mapping[str, Any]], columns: Sequence[str] = (), notes: Sequence[str] = ()
) -> str:
    """The table in Markdown (``mean ± std``); ``columns`` default to the rows' keys; each of
    ``notes`` (which test, what a dagger means) follows as a paragraph.

    >>> print(to_markdown([{"experiment": "a", "seeds": 1}], notes=["† p < 0.05"]))
    | experiment | seeds |
    |---|---|
    | a | 1 |
    <BLANKLINE>
    † p < 0.05
    """
    columns = list(columns) or _columns(table)
    lines = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    for row in table:
        lines.append("| " + " | ".join(_cell(row.get(c, ""), " ± ") for c in columns) + " |")
    for note in notes:
        lines += ["", note]
    return "\n".join(lines)


_LATEX = {
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "{": r"\{",
    "}": r"\}",
    "\\": r"\textbackslash{}",
    "–": "--",
    "⊗": r"$\otimes$",
    "⊙": r"$\odot$",
    "ᵀ": r"$^\top$",
    "†": r"$^\dagger$",
    "Δ": r"$\Delta$",
}


def latex_escape(text: str) -> str:
    """``text`` with LaTeX's special characters escaped (and ``–``, ``⊗``, ``⊙``, ``ᵀ`` typeset).

    >>> print(latex_escape("mc_tensor: 50% & s ⊗ o – {x}"))
    mc\\_tensor: 50\\% \\& s $\\otimes$ o -- \\{x\\}
    """
    return "".join(_LATEX.get(char, char) for char in text)


def to_latex(
    table: Sequence[Mapping[str, Any]],
    columns: Sequence[str] = (),
    caption: str = "",
    label: str = "",
    notes: Sequence[str] = (),
) -> str:
    """The table as a LaTeX ``tabular`` (``mean $\\pm$ std``; booktabs rules), inside a
    ``table`` float when there is a caption, a label or notes (set small under the table).

    >>> print(to_latex([{"experiment": "mc_tensor", "x": (1.0, 0.0)}]))
    \\begin{tabular}{lr}
    \\toprule
    experiment & x \\\\
    \\midrule
    mc\\_tensor & 1.000 $\\pm$ 0.000 \\\\
    \\bottomrule
    \\end{tabular}
    >>> print(to_latex([{"model": "Add"}], caption="rho", label="tab:x").splitlines()[-3:])
    ['\\\\caption{rho}', '\\\\label{tab:x}', '\\\\end{table}']
    """
    columns = list(columns) or _columns(table)

    def cell(value: Any) -> str:
        if isinstance(value, tuple):
            return f"{value[0]:.3f} $\\pm$ {value[1]:.3f}"
        return latex_escape(str(value))

    lines = [
        "\\begin{tabular}{l" + "r" * (len(columns) - 1) + "}",
        "\\toprule",
        " & ".join(latex_escape(c) for c in columns) + " \\\\",
        "\\midrule",
    ]
    for row in table:
        lines.append(" & ".join(cell(row.get(c, "")) for c in columns) + " \\\\")
    lines += ["\\bottomrule", "\\end{tabular}"]
    if not (caption or label or notes):
        return "\n".join(lines)
    lines = [r"\begin{table}[t]", r"\centering", *lines]
    lines += [rf"\par\smallskip{{\footnotesize {latex_escape(note)}}}" for note in notes]
    if caption:
        lines.append(rf"\caption{{{latex_escape(caption)}}}")
    if label:
        lines.append(rf"\label{{{label}}}")
    lines.append(r"\end{table}")
    return "\n".join(lines)


def plot_curves(curves: dict[str, list[list[dict]]], path: str | Path) -> list[Path]:
    """Draw accuracy per epoch (mean ± std over seeds) for each experiment; write PNG and PDF.

    Returns the files written (``path`` with suffixes ``.png`` and ``.pdf``).
    """
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import numpy as np

    figure, axis = plt.subplots(figsize=(6, 4))
    for name, runs in sorted(curves.items()):
        for key, style in (("dev_accuracy", "-"), ("train_accuracy", ":")):
            series = [[r[key] for r in run if key in r] for run in runs]
            series = [s for s in series if s]
            if not series:
                continue
            length = min(len(s) for s in series)
            values = np.array([s[:length] for s in series])
            epochs = np.arange(1, length + 1)
            mean, std = values.mean(axis=0), values.std(axis=0)
            axis.plot(epochs, mean, style, label=f"{name} {key.split('_')[0]}")
            axis.fill_between(
                epochs, np.clip(mean - std, 0, 1), np.clip(mean + std, 0, 1), alpha=0.2
            )
    axis.set_xlabel("epoch")
    axis.set_ylabel("accuracy")
    axis.set_ylim(0, 1.02)
    axis.grid(alpha=0.3)
    axis.legend(loc="lower right", fontsize="small")
    figure.tight_layout()
    return save_figure(figure, path)


def write_report(
    results: str | Path,
    columns: Sequence[str] = DEFAULT_COLUMNS,
    compare: str | None = None,
    *,
    resamples: int = 9999,
    seed: int = 0,
    figures: bool = True,
) -> dict[str, Any]:
    """Collect ``results``; write ``report.md``, ``report.tex``, ``report.json`` (every number),
    and, unless ``figures`` is false (``discojax run`` draws them after printing the table,
    :func:`write_figures`), ``curves.{png,pdf}`` and ``seeds.{png,pdf}`` (per-seed points with
    intervals) there.

    Test accuracy gets a bootstrap interval; ``compare`` (an experiment) adds each row's
    difference to it and a Holm-corrected paired test (:mod:`._report_statistics`). Without
    classification results, each folder's similarity ``results.json`` gets its report
    (:mod:`._similarity_report`; ``compare`` names a model there).

    Returns the Markdown text and the paths written.
    """
    from discojax.experiments._report_statistics import (
        classification_statistics,
        ordered_columns,
    )

    root = Path(results)
    if not any(root.rglob("summary.json")):  # no classification: imports for similarity only
        from discojax.experiments._similarity_report import write_similarity_reports

        similarity = write_similarity_reports(root, compare, resamples=resamples, seed=seed)
        if similarity is not None:
            return similarity
    summaries, curves = collect(root)
    table = summary_table(summaries, columns)
    table, notes, numbers = classification_statistics(
        summaries, table, compare, resamples=resamples, seed=seed
    )
    order = ordered_columns(table)  # the interval right after the metric it bounds
    markdown, latex = to_markdown(table, order, notes), to_latex(table, order, notes=notes)
    for name, text in (
        ("report.md", markdown),
        ("report.tex", latex),
        ("report.json", json.dumps(numbers, indent=2)),
    ):
        write_atomically(root / name, (text + "\n").encode("utf-8"))
    drawn = _draw(root, curves, numbers) if figures else []
    files = [root / "report.md", root / "report.tex", root / "report.json", *drawn]
    return {"markdown": markdown, "files": files}


def write_figures(results: str | Path) -> list[Path]:
    """Draw the figures of a classification report already written to ``results`` (by
    :func:`write_report` with ``figures=False``); the files written, none without one.

    >>> write_figures("/no/such/results")
    []
    """
    root = Path(results)
    if not (root / "report.json").is_file() or not any(root.rglob("summary.json")):
        return []  # no report yet, or a similarity one (its figures are drawn with it)
    numbers = json.loads((root / "report.json").read_text(encoding="utf-8"))
    return _draw(root, collect(root)[1], numbers)


def _draw(root: Path, curves: dict[str, list[list[dict]]], numbers: dict[str, Any]) -> list[Path]:
    from discojax.experiments._interval_plot import plot_intervals

    drawn = plot_curves(curves, root / "curves") if curves else []
    points = {
        name: (e["per_seed"], (e["pooled"]["estimate"], e["pooled"]["low"], e["pooled"]["high"]))
        for name, e in numbers["experiments"].items()
    }
    if points:
        drawn += plot_intervals(points, root / "seeds", numbers["metric"].replace("_", " "))
    return drawn
