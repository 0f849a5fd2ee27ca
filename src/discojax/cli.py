"""The ``discojax`` command: one sub-command per module, each registered in ``COMMANDS``.

Each entry of ``COMMANDS`` names a module with two functions: ``add_arguments(parser)`` and
``main(args) -> int``.

>>> sorted(COMMANDS)[:1]
['parse']
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from discojax.errors import DiscojaxError

COMMANDS: dict[str, tuple[str, str]] = {
    "parse": ("discojax.commands.parse", "parse a sentence, print and draw its diagram"),
    "run": ("discojax.commands.run", "run an experiment configuration over seeds"),
    "report": ("discojax.commands.report", "tables and figures from a results folder"),
    "similarity": (
        "discojax.commands.similarity",
        "run a corpus similarity experiment (ML2008, GS2011) and print its table",
    ),
}


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every sub-command.

    >>> build_parser().prog
    'discojax'
    """
    parser = argparse.ArgumentParser(prog="discojax", description="discojax command line")
    sub = parser.add_subparsers(dest="command", required=True)
    for name, (module, help_text) in COMMANDS.items():
        command = sub.add_parser(name, help=help_text, description=help_text)
        importlib.import_module(module).add_arguments(command)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; a :class:`DiscojaxError` prints its message and exits with 2.

    >>> main(["parse", "Alice runs"])
    alice:n runs:n.r·s ⟶ s (1 cups)
    ...
    0
    """
    args = build_parser().parse_args(argv)
    module = importlib.import_module(COMMANDS[args.command][0])
    try:
        return int(module.main(args))
    except DiscojaxError as err:
        print(f"discojax {args.command}: error: {err}", file=sys.stderr)
        return 2


def entry() -> None:  # pragma: no cover - the installed ``discojax`` command
    """The console script: :func:`main` with JAX's persistent compilation cache switched on.

    Compiled programs are kept in ``$DISCOJAX_CACHE`` (default ``~/.cache/discojax/xla``), so a
    second run of the same experiment skips XLA compilation; ``DISCOJAX_CACHE=off`` disables it.
    """
    cache = os.environ.get("DISCOJAX_CACHE", str(Path.home() / ".cache" / "discojax" / "xla"))
    if cache != "off":
        import jax

        jax.config.update("jax_compilation_cache_dir", cache)
        jax.config.update("jax_persistent_cache_min_compile_time_secs", 0.2)
    raise SystemExit(main())


if __name__ == "__main__":
    entry()
