"""``discojax report RESULTS``: Markdown table on screen; report.md, report.tex, curves.png/pdf.

>>> import argparse
>>> p = argparse.ArgumentParser(); add_arguments(p)
>>> p.parse_args(["results/mc"]).results
'results/mc'
"""

from __future__ import annotations

import argparse

from discojax.experiments import write_report


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare the command's arguments.

    >>> p = argparse.ArgumentParser(); add_arguments(p)
    >>> p.parse_args(["r"]).results
    'r'
    """
    parser.add_argument("results", help="a results folder written by discojax run")


def main(args: argparse.Namespace) -> int:
    """Write the report files and print the Markdown table and the files' names."""
    report = write_report(args.results)
    print(report["markdown"])
    for path in report["files"]:
        print(f"wrote {path}")
    return 0
