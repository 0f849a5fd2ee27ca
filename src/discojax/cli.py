"""The ``discojax`` command: one sub-command per module, each registered in ``COMMANDS``.

Each entry of ``COMMANDS`` names a module with two functions: ``add_arguments(parser)`` and
``main(args) -> int``. Only the module of the command being run is imported, so
``discojax parse`` and ``discojax --version`` do not import JAX, optax or the experiments.

Results go to stdout; progress lines are :mod:`logging` records of the ``discojax`` loggers,
which the command writes to stderr (``-q``: warnings only; ``-v``: debug records too).

>>> sorted(COMMANDS)[:1]
['parse']
"""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import sys
from collections.abc import Iterable, MutableMapping, Sequence
from pathlib import Path

#: The longest error message the command prints, in characters (the rest is cut).
MAX_MESSAGE = 2000

COMMANDS: dict[str, tuple[str, str]] = {
    "parse": ("discojax.commands.parse", "parse a sentence, print and draw its diagram"),
    "run": ("discojax.commands.run", "run an experiment (classification or similarity)"),
    "report": ("discojax.commands.report", "tables and figures from a results folder"),
    "similarity": ("discojax.commands.similarity", "deprecated: the same as discojax run"),
    "train-tagger": ("discojax.commands.train_tagger", "retrain the bundled supertagger"),
}


def build_parser(commands: Iterable[str] | None = None) -> argparse.ArgumentParser:
    """The argument parser; the arguments of ``commands`` (all by default) are declared.

    Declaring a command's arguments imports its module; :func:`main` declares only those of
    the command it runs.

    >>> build_parser().prog
    'discojax'
    >>> build_parser(["parse"]).parse_args(["parse", "Alice runs", "--target", "s"]).target
    's'
    """
    from discojax import __version__

    wanted = set(COMMANDS if commands is None else commands)
    parser = argparse.ArgumentParser(prog="discojax", description="discojax command line")
    parser.add_argument("--version", action="version", version=f"discojax {__version__}")
    parser.add_argument(
        "-v", "--verbose", action="store_true", help="also write debug records to stderr"
    )
    parser.add_argument(
        "-q", "--quiet", action="store_true", help="write only warnings and errors to stderr"
    )
    sub = parser.add_subparsers(dest="command", required=True)
    for name, (module, help_text) in COMMANDS.items():
        command = sub.add_parser(name, help=help_text, description=help_text)
        if name in wanted:
            importlib.import_module(module).add_arguments(command)
    return parser


def command_name(argv: Sequence[str]) -> str | None:
    """The sub-command named in ``argv``: its first word that is not an option.

    The top-level options (``-v``, ``-q``, ``--version``, ``-h``) take no value, so the first
    other word is the command.

    >>> command_name(["-q", "parse", "Alice runs"]), command_name(["--version"])
    ('parse', None)
    """
    return next((word for word in argv if not word.startswith("-")), None)


class StderrHandler(logging.Handler):
    """Writes each record's message to the current ``sys.stderr`` (looked up per record, so
    that a test's captured stderr receives it).

    >>> import contextlib, io
    >>> err = io.StringIO()
    >>> log = logging.getLogger("example"); log.propagate = False
    >>> log.addHandler(StderrHandler()); log.setLevel(logging.INFO)
    >>> with contextlib.redirect_stderr(err):
    ...     log.info("wrote %s", "out.png")
    >>> err.getvalue()
    'wrote out.png\\n'
    """

    def emit(self, record: logging.LogRecord) -> None:
        """Write the record's formatted message and a newline to stderr."""
        try:
            print(self.format(record), file=sys.stderr, flush=True)
        except Exception:  # pragma: no cover - logging's own convention
            self.handleError(record)


def configure_logging(verbose: bool = False, quiet: bool = False) -> logging.Logger:
    """Send the ``discojax`` loggers' records to stderr: info and above by default.

    Calling it again changes the level and adds no second handler.

    >>> configure_logging(quiet=True).level == logging.WARNING
    True
    >>> len(configure_logging().handlers), configure_logging().level == logging.INFO
    (1, True)
    """
    logger = logging.getLogger("discojax")
    if not any(isinstance(h, StderrHandler) for h in logger.handlers):
        logger.addHandler(StderrHandler())
    logger.setLevel(logging.DEBUG if verbose else logging.WARNING if quiet else logging.INFO)
    return logger


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; a :class:`DiscojaxError` prints its message and exits with 2.

    >>> main(["parse", "Alice runs"])
    alice:n runs:n.r·s ⟶ s (1 cups)
    ...
    0
    """
    argv = sys.argv[1:] if argv is None else list(argv)
    name = command_name(argv)
    args = build_parser([name] if name in COMMANDS else []).parse_args(argv)
    configure_logging(args.verbose, args.quiet)
    module = importlib.import_module(COMMANDS[args.command][0])
    from discojax.errors import DiscojaxError

    try:
        return int(module.main(args))
    except DiscojaxError as err:
        message = str(err)
        if len(message) > MAX_MESSAGE:  # a message quoting a huge input stays readable
            message = message[:MAX_MESSAGE] + f"... ({len(message):,} characters)"
        print(f"discojax {args.command}: error: {message}", file=sys.stderr)
        return 2


def use_compilation_cache(environ: MutableMapping[str, str] = os.environ) -> str | None:
    """Switch on JAX's persistent compilation cache for this process; return its folder.

    Compiled programs are kept in ``$DISCOJAX_CACHE`` (default ``~/.cache/discojax/xla``), so a
    second run of the same experiment skips XLA compilation; ``DISCOJAX_CACHE=off`` disables it
    (``None`` is returned). The cache is set through JAX's environment variables (read when JAX
    is first imported), so that commands which never compile (``parse``, ``--version``) do not
    import JAX. Every program is kept, however quickly it compiled: reading one back takes
    milliseconds, while the small programs of a run (initialisation, finiteness checks) each
    took 0.03 to 0.3 s to compile (``benchmarks/startup.py``).

    >>> env = {"DISCOJAX_CACHE": "/tmp/xla"}
    >>> use_compilation_cache(env), env["JAX_COMPILATION_CACHE_DIR"]
    ('/tmp/xla', '/tmp/xla')
    >>> use_compilation_cache({"DISCOJAX_CACHE": "off"}) is None
    True
    """
    cache = environ.get("DISCOJAX_CACHE", str(Path.home() / ".cache" / "discojax" / "xla"))
    if cache == "off":
        return None
    environ.setdefault("JAX_COMPILATION_CACHE_DIR", cache)
    environ.setdefault("JAX_PERSISTENT_CACHE_MIN_COMPILE_TIME_SECS", "0")
    return environ["JAX_COMPILATION_CACHE_DIR"]


def entry() -> None:  # pragma: no cover - the installed ``discojax`` command
    """The console script: :func:`main` with JAX's persistent compilation cache switched on
    (:func:`use_compilation_cache`)."""
    use_compilation_cache()
    try:
        code = main()
        sys.stdout.flush()
    except BrokenPipeError:  # the reader stopped early (``discojax parse … | head``)
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # no second error at exit
        code = 1
    raise SystemExit(code)


if __name__ == "__main__":
    entry()
