"""``discojax similarity CONFIG [--out DIR] [--no-learned]``: a corpus similarity experiment.

Runs the models of a config (``experiments/ml2008/config.toml``,
``experiments/gs2011/config.toml``) on its data set, prints the table of Spearman's rho beside
the published figures, and writes it as Markdown, LaTeX and JSON (see
:mod:`discojax.corpus.experiment`).

>>> import argparse
>>> p = argparse.ArgumentParser(); add_arguments(p)
>>> p.parse_args(["experiments/gs2011/config.toml"]).learned
True
"""

from __future__ import annotations

import argparse

from discojax.corpus import experiment


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare the command's arguments.

    >>> p = argparse.ArgumentParser(); add_arguments(p)
    >>> p.parse_args(["c.toml", "--out", "results/x"]).out
    'results/x'
    >>> p.parse_args(["c.toml", "--no-learned"]).learned
    False
    """
    parser.add_argument("config", help="the experiment's TOML config")
    parser.add_argument("--out", help="output folder (default: the config's [output] dir)")
    parser.add_argument(
        "--no-learned", dest="learned", action="store_false", help="skip the learned models"
    )


def main(args: argparse.Namespace) -> int:
    """Run the experiment, print its table and write it; a bad config or data line raises a
    located ``DataError``.

    >>> p = argparse.ArgumentParser(); add_arguments(p)
    >>> main(p.parse_args(["no/such.toml"]))
    Traceback (most recent call last):
    ...
    discojax.errors.DataError: no/such.toml: no such config file
    """
    config = experiment.load_config(args.config)
    result = experiment.run_experiment(config, learned=args.learned)
    print(result.markdown())
    print(f"\nWord vectors: {result.coverage}.")
    out = args.out or experiment.output_dir(config)
    for path in experiment.write_result(result, out):
        print(f"wrote {path}")
    return 0
