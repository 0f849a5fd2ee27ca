"""Run an experiment and print its table beside the one published in ``docs/``, cell by cell.

    python benchmarks/reproduce_tables.py experiments/gs2011/config.toml [--no-learned]
    python benchmarks/reproduce_tables.py experiments/ml2008/config.toml
    python benchmarks/reproduce_tables.py experiments/mc/tensor.toml --seeds 0-9

The published table is found in ``docs/corpus.md`` or ``docs/experiments.md``: for a similarity
experiment, the table after the line that names it in bold (``**GS2011**``); for a
classification, the row that starts with its name (``mc_tensor (...)``). Each cell prints as
``0.193`` where the run gives the published figure, and as ``0.193 → 0.195 ✗`` where it does
not; rows or columns the docs lack are left out, and wall times (``train_seconds``) are not
compared. The last line counts identical cells; the exit status is 1 if any differs.

Progress goes to stderr. A classification's results go to a temporary folder unless ``--out``
is given; the docs' MC table is over seeds 0-9, so compare with ``--seeds 0-9``.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOCS = (ROOT / "docs" / "corpus.md", ROOT / "docs" / "experiments.md")
SKIPPED = ("train_seconds",)

Table = tuple[list[str], dict[str, list[str]]]  # the header, and each row's cells by its label


def markdown_tables(text: str) -> list[tuple[str, Table]]:
    """Every Markdown table of ``text``, with the paragraph line just before it."""
    tables, lines = [], text.splitlines()
    k = 0
    while k < len(lines):
        if lines[k].startswith("|") and k + 1 < len(lines) and lines[k + 1].startswith("|---"):
            before = next((x for x in reversed(lines[:k]) if x.strip()), "")
            header = [c.strip() for c in lines[k].strip("|").split("|")]
            rows, k = {}, k + 2
            while k < len(lines) and lines[k].startswith("|"):
                cells = [c.strip() for c in lines[k].strip("|").split("|")]
                rows[cells[0]] = cells
                k += 1
            tables.append((before, (header, rows)))
        else:
            k += 1
    return tables


def published(name: str, kind: str) -> tuple[Path, Table]:
    """The docs' table of experiment ``name``."""
    for path in DOCS:
        for before, (header, rows) in markdown_tables(path.read_text(encoding="utf-8")):
            if kind == "similarity" and re.search(rf"\*\*{re.escape(name)}\*\*", before, re.I):
                return path, (header, rows)
            if kind != "similarity":
                mine = {k: v for k, v in rows.items() if k == name or k.startswith(name + " (")}
                if mine:
                    return path, (header, mine)
    raise SystemExit(f"no published table of {name!r} in {', '.join(str(p) for p in DOCS)}")


def run(args: argparse.Namespace) -> tuple[str, str]:
    """Run the configuration; its name and its table in Markdown."""
    from discojax.cli import configure_logging
    from discojax.experiments import (
        load_config,
        parse_seeds,
        run_experiment,
        run_similarity,
        summary_table,
        to_markdown,
    )

    configure_logging()
    config = load_config(args.config, args.data)
    if config.experiment.kind == "similarity":
        result = run_similarity(config, learned=args.learned, data_dir=args.data)
        return config.name, result.markdown()
    seeds = parse_seeds(args.seeds) if args.seeds else None
    with tempfile.TemporaryDirectory() as scratch:
        out = args.out or scratch
        summaries = run_experiment(config, out, seeds, args.data, overwrite=True)
    return config.name, to_markdown(summary_table(summaries))


def compare(ours: Table, theirs: Table) -> tuple[str, int, int]:
    """The side-by-side table, and the numbers of identical and compared cells."""
    header = [c for c in ours[0] if c in theirs[0] and c not in SKIPPED]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    same = total = 0
    for label, cells in ours[1].items():
        match = next(
            (v for k, v in theirs[1].items() if k == label or k.startswith(label + " (")), None
        )
        if match is None:
            continue
        row = dict(zip(ours[0], cells))
        docs = dict(zip(theirs[0], match))
        shown = [label]
        for column in header[1:]:
            total += 1
            if row[column] == docs[column]:
                same += 1
                shown.append(row[column])
            else:
                shown.append(f"{docs[column]} → {row[column]} ✗")
        lines.append("| " + " | ".join(shown) + " |")
    return "\n".join(lines), same, total


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("config", help="an experiment's TOML file")
    parser.add_argument("--data", help="folder holding the data sets")
    parser.add_argument("--seeds", help="classification: seeds to run (default: the config's)")
    parser.add_argument("--out", help="classification: keep the results here")
    parser.add_argument("--no-learned", dest="learned", action="store_false")
    args = parser.parse_args()
    name, markdown = run(args)
    kind = "similarity" if "rho per judgement" in markdown else "classification"
    path, theirs = published(name, kind)
    ((_, ours),) = markdown_tables(markdown)
    table, same, total = compare(ours, theirs)
    print(f"{name}: this run beside {path.relative_to(ROOT)} (docs → now where they differ)\n")
    print(table)
    print(f"\n{same} of {total} cells identical")
    return 0 if same == total else 1


if __name__ == "__main__":
    sys.exit(main())
