"""``discojax run CONFIG [--seeds 0-9] [--out results/TASK] [--data DIR] [--resume]``.

>>> import argparse
>>> p = argparse.ArgumentParser(); add_arguments(p)
>>> p.parse_args(["experiments/mc/tensor.toml", "--seeds", "0-2"]).seeds
'0-2'
"""

from __future__ import annotations

import argparse

from discojax.experiments import ExperimentConfig, parse_seeds, run_experiment, write_report


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare the command's arguments.

    >>> p = argparse.ArgumentParser(); add_arguments(p)
    >>> p.parse_args(["c.toml"]).out
    'results'
    """
    parser.add_argument("config", help="the experiment's TOML file")
    parser.add_argument("--seeds", help="seeds to run: 0-9, 3 or 0,2,5 (default: the config's)")
    parser.add_argument("--out", default="results", help="results folder (default: results)")
    parser.add_argument("--data", help="folder holding the data sets (else DISCOJAX_DATA, …)")
    parser.add_argument("--resume", action="store_true", help="continue from checkpoints")
    parser.add_argument("--overwrite", action="store_true", help="replace existing results")


def main(args: argparse.Namespace) -> int:
    """Run the experiment over its seeds and print the table of this run.

    Exits with 2 on a bad configuration or data file (see :mod:`discojax.cli`).
    """
    config = ExperimentConfig.load(args.config)
    seeds = parse_seeds(args.seeds) if args.seeds else None
    run_experiment(config, args.out, seeds, args.data, args.resume, args.overwrite)
    print(write_report(args.out)["markdown"])
    return 0
