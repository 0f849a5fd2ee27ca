"""``discojax run CONFIG [--out results] [--seeds 0-9] [--data DIR] [--resume] [--no-learned]``.

Runs an experiment of any kind (see :mod:`discojax.experiments`): the configuration is checked
first, whole, so a misspelt key stops the run before any work; then a classification trains
and tests a model per seed and prints the report of ``--out``, and a similarity experiment
prints its table and writes it to ``OUT/<name>/``. ``wrote FILE`` lines and progress are
records of the ``discojax`` loggers (on stderr).

>>> import argparse
>>> p = argparse.ArgumentParser(); add_arguments(p)
>>> p.parse_args(["experiments/mc/tensor.toml", "--seeds", "0-2"]).seeds
'0-2'
"""

from __future__ import annotations

import argparse


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare the command's arguments.

    >>> p = argparse.ArgumentParser(); add_arguments(p)
    >>> args = p.parse_args(["c.toml", "--no-learned"])
    >>> args.out, args.learned
    ('results', False)
    """
    parser.add_argument("config", help="the experiment's TOML file")
    parser.add_argument("--out", default="results", help="results folder (default: results)")
    parser.add_argument("--data", help="folder holding the data sets (else DISCOJAX_DATA, …)")
    group = parser.add_argument_group("classification")
    group.add_argument("--seeds", help="seeds to run: 0-9, 3 or 0,2,5 (default: the config's)")
    group.add_argument("--resume", action="store_true", help="continue from checkpoints")
    group.add_argument("--overwrite", action="store_true", help="replace existing results")
    group = parser.add_argument_group("similarity")
    group.add_argument(
        "--no-learned", dest="learned", action="store_false", help="skip the learned models"
    )


def main(args: argparse.Namespace) -> int:
    """Check the configuration, run it and print its table.

    A bad configuration raises a located ``ConfigError``, a bad data file a ``DataError``
    (the command prints either and exits with 2, see :mod:`discojax.cli`).

    >>> p = argparse.ArgumentParser(); add_arguments(p)
    >>> main(p.parse_args(["no/such.toml"]))
    Traceback (most recent call last):
    ...
    discojax.errors.ConfigError: no/such.toml: no such configuration file
    """
    from discojax.experiments import load_config, parse_seeds

    seeds = parse_seeds(args.seeds) if args.seeds else None
    config = load_config(args.config, args.data)
    print(
        config.run(
            args.out,
            seeds=seeds,
            data_dir=args.data,
            resume=args.resume,
            overwrite=args.overwrite,
            learned=args.learned,
        )
    )
    return 0
