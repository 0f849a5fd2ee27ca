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
    """
    experiment.add_arguments(parser)


def main(args: argparse.Namespace) -> int:
    """Run the experiment; a bad config or data line raises a located ``DataError``.

    >>> p = argparse.ArgumentParser(); add_arguments(p)
    >>> main(p.parse_args(["no/such.toml"]))
    Traceback (most recent call last):
    ...
    discojax.errors.DataError: no/such.toml: no such config file
    """
    return experiment.main_with(args)
