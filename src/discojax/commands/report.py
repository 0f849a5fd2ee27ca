"""``discojax report RESULTS``: Markdown table on screen; report.md, report.tex, curves.png/pdf.

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


def main(args: argparse.Namespace) -> int:
    """Write the report files, print the Markdown table and log the files' names."""
    from discojax.experiments import write_report

    report = write_report(args.results)
    print(report["markdown"])
    for path in report["files"]:
        logger.info("wrote %s", path)
    return 0
