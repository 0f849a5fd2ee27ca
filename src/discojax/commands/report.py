"""``discojax report RESULTS [--compare BASELINE]``: Markdown table on screen; report.md,
report.tex, report.json (every number), curves.png/pdf and the per-seed figure.

Intervals are always added; ``--compare`` names the baseline experiment (classification) or
model (similarity, e.g. ``"Verb only"``) that every other row is tested against, with
Holm-corrected p-values (see :mod:`discojax.stats`).

The table goes to stdout; ``wrote FILE`` is an info record of this module's logger.

>>> import argparse
>>> p = argparse.ArgumentParser(); add_arguments(p)
>>> p.parse_args(["results/mc"]).results
'results/mc'
"""

from __future__ import annotations

import argparse
import logging

logger = logging.getLogger(__name__)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare the command's arguments.

    >>> p = argparse.ArgumentParser(); add_arguments(p)
    >>> p.parse_args(["r"]).results
    'r'
    """
    parser.add_argument("results", help="a results folder written by discojax run")
    parser.add_argument(
        "--compare", metavar="BASELINE", help="test every row against this experiment or model"
    )
    parser.add_argument(
        "--resamples", type=int, default=9999, help="bootstrap and permutation resamples"
    )
    parser.add_argument("--seed", type=int, default=0, help="seed of the resampling")


def main(args: argparse.Namespace) -> int:
    """Write the report files, print the Markdown table and log the files' names."""
    from discojax.experiments import write_report

    report = write_report(
        args.results, compare=args.compare, resamples=args.resamples, seed=args.seed
    )
    print(report["markdown"])
    for path in report["files"]:
        logger.info("wrote %s", path)
    return 0
