"""Intervals and tests for a classification report (see :mod:`discojax.stats`).

:func:`classification_statistics` adds to the table of :func:`summary_table` a bootstrap
interval of the test metric pooled over seeds (test items resampled, each with its
predictions under every seed) and, given a baseline experiment, the difference to it and the
paired permutation test over test items, Holm-corrected over the rows compared; significant
p-values carry a dagger, explained in the table's notes. Every number is also returned as JSON
(``report.json``): per-seed values and intervals, the pooled interval, each comparison and
McNemar's exact test of each seed against the same seed of the baseline.

Experiments whose summaries hold no per-item predictions (results written before they were
kept) get no interval and no test: their cells say ``–``.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np

from discojax.errors import StatisticsError
from discojax.stats import classification_intervals, holm, mcnemar, paired_permutation_test

DAGGER = "†"


def _nan(value: float | None) -> float:
    """A p-value read back from JSON: None (NaN when written) is NaN again."""
    return math.nan if value is None else value


def delta_cell(value: float | None) -> str:
    """A difference as a table shows it, signed; ``–`` where undefined.

    >>> delta_cell(-0.0166), delta_cell(None)
    ('-0.017', '–')
    """
    return "–" if value is None or math.isnan(value) else f"{value:+.3f}"


def p_cell(p: float, level: float = 0.05) -> str:
    """A p-value as a table shows it: three decimals (or ``<0.001``), a dagger below ``level``.

    >>> p_cell(0.0002), p_cell(0.188), p_cell(float("nan"))
    ('<0.001†', '0.188', '–')
    """
    if math.isnan(p):
        return "–"
    text = "<0.001" if p < 0.001 else f"{p:.3f}"
    return text + (DAGGER if p < level else "")


def _predictions(group: Sequence[dict[str, Any]], split: str) -> tuple[list, np.ndarray] | None:
    """Seeds and ``(seeds, items)`` predictions of one experiment, or None if not kept."""
    kept = [s for s in group if split in s.get("predictions", {})]
    if not kept or len(kept) < len(group):
        return None
    kept = sorted(kept, key=lambda s: s["seed"])
    labels = kept[0]["predictions"][split]["labels"]
    for summary in kept:
        if summary["predictions"][split]["labels"] != labels:
            raise StatisticsError(
                f"{summary['experiment']} seed {summary['seed']}: other {split} labels than "
                f"seed {kept[0]['seed']}: not the same {split} set"
            )
    predicted = np.array([s["predictions"][split]["predicted"] for s in kept])
    return [s["seed"] for s in kept], np.vstack([np.array(labels)[None, :], predicted])


def classification_statistics(
    summaries: Sequence[dict[str, Any]],
    table: list[dict[str, Any]],
    compare: str | None = None,
    *,
    metric: str = "test_accuracy",
    confidence: float = 0.95,
    resamples: int = 9999,
    seed: int = 0,
) -> tuple[list[dict[str, Any]], list[str], dict[str, Any]]:
    """The table with interval (and, with ``compare``, test) columns, its notes, its numbers.

    Args:
        summaries: every seed's summary (see :func:`discojax.experiments.collect`).
        table: :func:`~discojax.experiments.summary_table` of them.
        compare: the baseline experiment's name, or None for intervals only.
        metric: ``test_accuracy`` or ``test_f1`` (macro F1 from the kept predictions).
        confidence, resamples, seed: of the bootstrap and the permutation test.

    Raises:
        StatisticsError: ``compare`` names no experiment with kept predictions, or two
            experiments were tested on different items.

    >>> table, notes, numbers = classification_statistics([], [], None)
    >>> table, notes, numbers["experiments"]
    ([], [], {})
    """
    split, name = metric.split("_", 1)
    kind = "f1" if name == "f1" else "accuracy"
    groups: dict[str, list[dict[str, Any]]] = {}
    for summary in summaries:
        groups.setdefault(summary["experiment"], []).append(summary)
    kept = {e: _predictions(g, split) for e, g in groups.items()}
    ci = f"{metric} {round(confidence * 100)}% CI"
    options: dict[str, Any] = dict(confidence=confidence, resamples=resamples, seed=seed)
    numbers: dict[str, Any] = {"metric": metric, **options, "experiments": {}}
    for row in table:
        found = kept.get(row["experiment"])
        if found is None:
            row[ci] = "–"
            continue
        seeds, matrix = found
        r = classification_intervals(matrix[0], matrix[1:], metric=kind, **options)
        pooled = r["pooled"]
        row[ci] = f"[{pooled.low:.3f}, {pooled.high:.3f}]"
        numbers["experiments"][row["experiment"]] = {
            "seeds": seeds,
            "per_seed": [i.estimate for i in r["per_seed"]],
            "per_seed_intervals": [i.to_json() for i in r["per_seed"]],
            "pooled": pooled.to_json(),
        }
    notes = []
    if numbers["experiments"]:
        notes.append(
            f"{ci}: {pooled.method} bootstrap interval of the mean over seeds, resampling the "
            f"test items (each with its predictions under every seed), {resamples} resamples, "
            f"seed {seed}."
        )
    if compare is None:
        return table, notes, numbers
    if kept.get(compare) is None:
        have = ", ".join(sorted(e for e, k in kept.items() if k is not None)) or "none"
        raise StatisticsError(
            f"--compare {compare}: no experiment of that name with per-item predictions "
            f"(experiments with them: {have})"
        )
    comparisons = _compare(kept, compare, resamples, seed)
    adjusted = holm([_nan(c["test"]["pvalue"]) for c in comparisons.values()])
    for c, p in zip(comparisons.values(), adjusted):
        c["pvalue_holm"], c["significant"] = p, p < 0.05
    for row in table:
        found_c = comparisons.get(row["experiment"])
        delta, column = f"Δ vs {compare}", "p (Holm)"
        if row["experiment"] == compare:
            row[delta], row[column] = "baseline", "–"
        elif found_c is None:
            row[delta], row[column] = "–", "–"
        else:
            row[delta] = delta_cell(found_c["test"]["difference"])
            row[column] = p_cell(found_c["pvalue_holm"])
    numbers["compare"] = {"baseline": compare, "comparisons": comparisons}
    notes.append(
        f"p (Holm): paired permutation test of the accuracy difference with {compare} over the "
        f"test items (an item's results under every seed swapped at once; {resamples} random "
        f"swaps, seed {seed}), Holm-Bonferroni-corrected over {len(comparisons)} comparisons; "
        f"{DAGGER} significant at 0.05 after correction."
    )
    return table, notes, numbers


def ordered_columns(table: Sequence[dict[str, Any]]) -> list[str]:
    """The table's columns, each interval column right after the metric it bounds.

    >>> ordered_columns([{"experiment": "a", "test_accuracy": 1, "x": 2, "test_accuracy 95% CI": 3}])
    ['experiment', 'test_accuracy', 'test_accuracy 95% CI', 'x']
    """
    order: list[str] = []
    for row in table:
        order += [c for c in row if c not in order]
    for column in [c for c in order if c.endswith(" CI")]:
        order.remove(column)
        metric = column.split()[0]
        order.insert(order.index(metric) + 1 if metric in order else len(order), column)
    return order


def _compare(
    kept: dict[str, Any], baseline: str, resamples: int, seed: int
) -> dict[str, dict[str, Any]]:
    base_seeds, base = kept[baseline]
    out: dict[str, dict[str, Any]] = {}
    for experiment, found in kept.items():
        if found is None or experiment == baseline:
            continue
        seeds, matrix = found
        if not np.array_equal(matrix[0], base[0]):
            raise StatisticsError(
                f"{experiment} and {baseline} were tested on different items: no paired test"
            )
        common = [s for s in seeds if s in base_seeds]
        # per-item correctness (macro F1 is not a mean over items: its rows test accuracy)
        a = np.array([matrix[1 + seeds.index(s)] == matrix[0] for s in common], float)
        b = np.array([base[1 + base_seeds.index(s)] == base[0] for s in common], float)
        test = paired_permutation_test(a, b, unit="items", resamples=resamples, seed=seed)
        mcnemars = [mcnemar(x, y) for x, y in zip(a, b)]
        out[experiment] = {
            "seeds": common,
            "test": test.to_json(),
            "mcnemar_per_seed": [m.to_json() for m in mcnemars],
            "mcnemar_seeds_below_0.05": int(sum(m.pvalue < 0.05 for m in mcnemars)),
            "pvalue_holm": math.nan,
        }
    return out
