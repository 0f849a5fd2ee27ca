"""``discojax similarity CONFIG``: a deprecated alias of ``discojax run CONFIG``.

Kept so that existing scripts (``discojax similarity experiments/gs2011/config.toml``) still
run: the arguments are those of :mod:`discojax.commands.run`, and a warning says so. The
results go where they went before when run from the repository root (``results/<name>/``).

>>> import argparse
>>> p = argparse.ArgumentParser(); add_arguments(p)
>>> p.parse_args(["experiments/gs2011/config.toml", "--no-learned"]).learned
False
"""

from __future__ import annotations

import argparse
import logging

from discojax.commands import run

logger = logging.getLogger(__name__)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare the arguments of ``discojax run``.

    >>> p = argparse.ArgumentParser(); add_arguments(p)
    >>> p.parse_args(["c.toml", "--out", "results/x"]).out
    'results/x'
    """
    run.add_arguments(parser)


def main(args: argparse.Namespace) -> int:
    """Warn, then do what ``discojax run`` does.

    >>> p = argparse.ArgumentParser(); add_arguments(p)
    >>> main(p.parse_args(["no/such.toml"]))
    Traceback (most recent call last):
    ...
    discojax.errors.ConfigError: no/such.toml: no such configuration file
    """
    logger.warning("discojax similarity is deprecated: use discojax run %s", args.config)
    return run.main(args)
