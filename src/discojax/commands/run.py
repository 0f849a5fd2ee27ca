"""``discojax run CONFIG [--out results] [--seeds 0-9] [--data DIR] [--resume] [--no-learned]
[--processes N [--devices K] [--timeout S]]``.

Runs an experiment of any kind (see :mod:`discojax.experiments`): the configuration is checked
first, whole, so a misspelt key stops the run before any work; then a classification trains
and tests a model per seed and prints the report of ``--out``, and a similarity experiment
prints its table and writes it to ``OUT/<name>/``. ``wrote FILE`` lines and progress are
records of the ``discojax`` loggers (on stderr).

``--processes N`` trains a classification across ``N`` local processes
(:func:`discojax.train.launch`): each runs this command without ``--processes``, joins the
others through ``jax.distributed`` (:func:`discojax.train.join_processes`) and trains its share
of every minibatch of one data-parallel model; process 0 alone writes the results, its
progress records are copied to stderr as they come, and its table is printed. A process that fails ends the others (a ``TrainingError`` naming it, with its
last lines of error), and so does ``--timeout``. Commands started by hand with
``DISCOJAX_COORDINATOR``, ``DISCOJAX_PROCESSES`` and ``DISCOJAX_PROCESS_ID`` set (one per
host) join the same way.

>>> import argparse
>>> p = argparse.ArgumentParser(); add_arguments(p)
>>> p.parse_args(["experiments/mc/tensor.toml", "--seeds", "0-2"]).seeds
'0-2'
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Mapping


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare the command's arguments.

    >>> p = argparse.ArgumentParser(); add_arguments(p)
    >>> args = p.parse_args(["c.toml", "--no-learned"])
    >>> args.out, args.learned, args.processes
    ('results', False, 1)
    """
    parser.add_argument("config", help="the experiment's TOML file")
    parser.add_argument("--out", default="results", help="results folder (default: results)")
    parser.add_argument("--data", help="folder holding the data sets (else DISCOJAX_DATA, …)")
    group = parser.add_argument_group("classification")
    group.add_argument("--seeds", help="seeds to run: 0-9, 3 or 0,2,5 (default: the config's)")
    group.add_argument("--resume", action="store_true", help="continue from checkpoints")
    group.add_argument("--overwrite", action="store_true", help="replace existing results")
    group.add_argument(
        "--processes", type=int, default=1, metavar="N",
        help="train one data-parallel model in N local processes (jax.distributed; default 1)",
    )  # fmt: skip
    group.add_argument(
        "--devices", type=int, metavar="K",
        help="with --processes: K forced CPU devices per process (default: its own devices)",
    )  # fmt: skip
    group.add_argument(
        "--timeout", type=float, metavar="SECONDS",
        help="with --processes: end every process after SECONDS (default: no limit)",
    )  # fmt: skip
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
    from discojax.errors import ConfigError
    from discojax.train._processes import join_processes, launch

    check_process_options(args)
    joined = join_processes()  # one of a run's processes: before any JAX computation
    from discojax.experiments import ClassificationConfig, load_config, parse_seeds

    seeds = parse_seeds(args.seeds) if args.seeds else None
    config = load_config(args.config, args.data)
    if (joined or args.processes > 1) and not isinstance(config, ClassificationConfig):
        raise ConfigError(
            f"--processes is for classification experiments, not {config.experiment.kind} ones",
            config.source,
        )
    if args.processes > 1:
        argv = ["-m", "discojax.cli", *process_argv(args)]
        table = launch(argv, args.processes, args.devices, args.timeout, echo=sys.stderr)[0]
        # Gloo writes "[Gloo] Rank 0 is connected to 1 peer ranks…" on standard output
        print("".join(x for x in table.splitlines(True) if not x.startswith("[Gloo] ")), end="")
        return 0
    classification = isinstance(config, ClassificationConfig)
    table = config.run(
        args.out,
        seeds=seeds,
        data_dir=args.data,
        resume=args.resume,
        overwrite=args.overwrite,
        learned=args.learned,
        **({"figures": False} if classification else {}),  # drawn after the table shows
    )
    if table:  # "" in a process other than the writer of a run across processes
        print(table, flush=True)
        if classification:
            from discojax.experiments._report import write_figures

            write_figures(args.out)
    return 0


def check_process_options(
    args: argparse.Namespace, environ: Mapping[str, str] = os.environ
) -> None:
    """Refuse ``--processes``, ``--devices`` or ``--timeout`` values that cannot run.

    Raises:
        ConfigError: a count below 1, a timeout not above 0, ``--devices`` or ``--timeout``
            without ``--processes``, or ``--processes`` in a process that is already one of a
            run's (``DISCOJAX_COORDINATOR`` set).

    >>> p = argparse.ArgumentParser(); add_arguments(p)
    >>> check_process_options(p.parse_args(["c.toml", "--processes", "0"]))
    Traceback (most recent call last):
    ...
    discojax.errors.ConfigError: --processes must be at least 1, not 0
    """
    from discojax.errors import ConfigError
    from discojax.train._processes import COORDINATOR

    for name in ("processes", "devices"):
        value = getattr(args, name)
        if value is not None and value < 1:
            raise ConfigError(f"--{name} must be at least 1, not {value}")
    if args.timeout is not None and not args.timeout > 0:
        raise ConfigError(f"--timeout must be a number of seconds above 0, not {args.timeout:g}")
    if args.processes == 1 and (args.devices is not None or args.timeout is not None):
        raise ConfigError("--devices and --timeout are for runs across processes (--processes N)")
    if args.processes > 1 and COORDINATOR in environ:
        raise ConfigError(
            f"--processes {args.processes} in a process already joined to others "
            f"({COORDINATOR} is set): start one command per process without --processes"
        )


def process_argv(args: argparse.Namespace) -> list[str]:
    """The command line each process of ``--processes N`` runs: this one's, without the
    options that start processes.

    >>> p = argparse.ArgumentParser(); add_arguments(p)
    >>> process_argv(p.parse_args(["c.toml", "--processes", "2", "--seeds", "0-1", "--resume"]))
    ['run', 'c.toml', '--out', 'results', '--seeds', '0-1', '--resume']
    """
    argv = ["-v"] * getattr(args, "verbose", False) + ["-q"] * getattr(args, "quiet", False)
    argv += ["run", args.config, "--out", args.out]
    for option in ("data", "seeds"):
        if getattr(args, option) is not None:
            argv += [f"--{option}", getattr(args, option)]
    argv += ["--resume"] * args.resume + ["--overwrite"] * args.overwrite
    return argv + ["--no-learned"] * (not args.learned)
