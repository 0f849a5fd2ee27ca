"""Where a whole ``discojax run`` spends its time, phase by phase, against lambeq's pipeline.

Run: ``.venv/bin/python benchmarks/startup.py [DATA_DIR] [--lambeq-python PATH] [--repeats 3]``
(data folder default ``../shared/data``; ``--help`` for the rest).

For each configuration (``experiments/mc/tensor.toml`` and ``experiments/mc/iqp.toml`` by
default, one seed), each a fresh process:

- **discojax, cold**: ``discojax run CONFIG --seeds 0`` (``discojax.cli.main``, as the console
  script runs it) with the persistent compilation cache off (``DISCOJAX_CACHE=off``);
- **discojax, warm**: the same with the cache on, in a folder that an earlier run of the same
  command has filled;
- **lambeq 0.5** (the ``bench`` extra, or another interpreter given by ``--lambeq-python``:
  lambeq need not be installed beside discojax): its parsers need a model download that cannot
  be made offline, so it is given discojax's parses of the same sentences (DisCoPy JSON,
  ``lambeq.backend.converters.discopy.from_discopy``); then its pipeline as its MC tutorials run
  it: for tensors ``TensorAnsatz``, ``PytorchModel`` and ``PytorchTrainer`` (Adam, the same
  learning rate, one full batch, as many epochs as discojax ran); for circuits
  ``RemoveCupsRewriter``, ``IQPAnsatz`` (1 qubit per type, 1 layer), ``NumpyModel(use_jit=True)``
  and ``QuantumTrainer`` with ``SPSAOptimizer`` (the configuration's a, c, A, epochs and batch
  size); accuracy on train and dev after every epoch, then the test accuracy.

Phases (wall and CPU seconds; CPU is user + system of every thread of the process):
``import`` (the modules the command needs before any work), ``parse`` (configuration, data,
lexicon, parsing: building the model's vocabulary), ``prepare`` (bucketing by shape, the
initial parameters), ``compile`` (every JAX trace, lowering and XLA compilation or persistent
cache read, wherever it happens, counted through ``jax.monitoring``), ``epochs`` (training,
with the per-epoch metrics, checkpoint and log), ``evaluation`` (final metrics and
predictions), ``report`` (tables and figures). ``process`` is the whole child process, measured
by the parent (``RUSAGE_CHILDREN``), interpreter start included. Medians over ``--repeats``.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import io
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import _common as common

HERE = os.path.abspath(__file__)
ROOT = Path(HERE).parent.parent
PHASES = ("import", "parse", "prepare", "compile", "epochs", "evaluation", "report")
COMPILE_EVENTS = (
    "/jax/core/compile/jaxpr_trace_duration",
    "/jax/core/compile/jaxpr_to_mlir_module_duration",
    "/jax/core/compile/backend_compile_duration",
)


class Phases:
    """Wall and CPU time per phase; :meth:`switch` closes the current phase and opens another.

    JAX's compile events (a scalar when each starts, a duration when it ends) switch to
    ``compile`` and back, so compilation is counted once, wherever it happens.
    """

    def __init__(self) -> None:
        self.wall = dict.fromkeys(PHASES, 0.0)
        self.cpu = dict.fromkeys(PHASES, 0.0)
        self.current = "import"
        self.stack: list[str] = []
        self.compiles = 0
        self.cache_hits = 0
        self.mark = (time.perf_counter(), time.process_time())

    def switch(self, phase: str) -> None:
        now = (time.perf_counter(), time.process_time())
        self.wall[self.current] += now[0] - self.mark[0]
        self.cpu[self.current] += now[1] - self.mark[1]
        self.mark, self.current = now, phase

    def listen(self) -> None:
        """Follow JAX's compile events (``jax.monitoring``, public listeners)."""
        from jax import monitoring

        def started(event: str, value: float, **_: Any) -> None:
            if event in COMPILE_EVENTS:
                self.stack.append(self.current)
                self.switch("compile")

        def ended(event: str, seconds: float, **_: Any) -> None:
            if event in COMPILE_EVENTS and self.stack:
                self.compiles += event == COMPILE_EVENTS[2]
                self.switch(self.stack.pop())

        def happened(event: str, **_: Any) -> None:
            self.cache_hits += event == "/jax/compilation_cache/cache_hits"

        monitoring.register_scalar_listener(started)
        monitoring.register_event_duration_secs_listener(ended)
        monitoring.register_event_listener(happened)

    def wrap(self, module: Any, name: str, enter: str, leave: str | None = None) -> None:
        """Switch to ``enter`` when ``module.name`` is called (to ``leave`` when it returns)."""
        function = getattr(module, name)

        def wrapped(*args: Any, **kwargs: Any) -> Any:
            self.switch(enter)
            try:
                return function(*args, **kwargs)
            finally:
                if leave:
                    self.switch(leave)

        setattr(module, name, wrapped)


def child_discojax(args: argparse.Namespace) -> None:
    """``discojax run CONFIG --seeds SEED`` in this fresh process, phase by phase."""
    phases = Phases()
    from discojax import cli

    os.environ["DISCOJAX_CACHE"] = args.cache
    if hasattr(cli, "use_compilation_cache"):
        cli.use_compilation_cache()
    elif args.cache != "off":  # an older tree (--before): its console script's settings
        os.environ["JAX_COMPILATION_CACHE_DIR"] = args.cache
        os.environ["JAX_PERSISTENT_CACHE_MIN_COMPILE_TIME_SECS"] = "0.2"
    import discojax.commands.run  # noqa: F401  (what the command imports first)
    import discojax.experiments._report as report
    import discojax.experiments._run as run

    phases.listen()
    phases.switch("parse")
    phases.wrap(run, "build_model", "parse", "prepare")
    phases.wrap(run, "fit", "epochs", "evaluation")
    phases.wrap(report, "write_report", "report")
    with tempfile.TemporaryDirectory() as out, contextlib.redirect_stdout(io.StringIO()) as table:
        argv = ["-q", "run", args.config, "--seeds", str(args.seed), "--out", out]
        code = cli.main([*argv, "--data", args.data])
        phases.switch("done")
        summary = json.loads(next(Path(out).rglob("summary.json")).read_text())
    common.emit(
        {
            "wall": phases.wall,
            "cpu": phases.cpu,
            "compiles": phases.compiles,
            "cache_hits": phases.cache_hits,
            "epochs": summary["epochs_run"],
            "test_accuracy": summary.get("test_accuracy"),
            "exit": code,
            "table_lines": len(table.getvalue().splitlines()),
        }
    )


def export_parses(config_path: str, data: str, folder: str) -> dict[str, Any]:
    """discojax's parses of the configuration's splits as DisCoPy JSON, for lambeq's side."""
    from discopy.utils import dumps

    from discojax.experiments import load_config, load_splits
    from discojax.grammar import default_parser

    config = load_config(config_path, data)
    parser, target = default_parser(), config.data.target
    splits = {}
    for name, split in load_splits(config, data).items():
        splits[name] = {
            "diagrams": [dumps(parser.parse(t, target).to_diagram()) for t in split.sentences],
            "labels": [[float(y == c) for c in range(split.n_classes)] for y in split.labels],
        }
    training = config.training
    settings = {
        "semantics": config.semantics.name,
        "dims": dict(getattr(config.semantics, "dims", None) or {}),
        "learning_rate": training.learning_rate,
        "batch_size": training.batch_size,
        "spsa": dict(training.spsa) if getattr(training, "spsa", None) else None,
        "splits": splits,
    }
    path = Path(folder) / f"{config.name}.json"
    path.write_text(json.dumps(settings), encoding="utf-8")
    return {"path": str(path), "name": config.name}


def child_lambeq(args: argparse.Namespace) -> None:
    """lambeq's pipeline on discojax's parses, phase by phase (run by lambeq's interpreter)."""
    phases = Phases()
    import numpy as np
    from discopy.utils import loads
    from lambeq import Dataset
    from lambeq.backend.converters.discopy import from_discopy
    from lambeq.backend.grammar import Ty

    quantum = json.loads(Path(args.parses).read_text())["semantics"] == "circuit"
    if quantum:
        from lambeq import (
            BinaryCrossEntropyLoss,
            IQPAnsatz,
            NumpyModel,
            QuantumTrainer,
            RemoveCupsRewriter,
            SPSAOptimizer,
        )

        phases.listen()  # lambeq's NumpyModel jits one function per circuit
    else:
        import torch
        from lambeq import PytorchModel, PytorchTrainer, TensorAnsatz
        from lambeq.backend.tensor import Dim
    phases.switch("parse")
    settings = json.loads(Path(args.parses).read_text())
    splits = settings["splits"]
    diagrams = {k: [from_discopy(loads(d)) for d in s["diagrams"]] for k, s in splits.items()}
    phases.switch("prepare")

    def accuracy(y_hat: Any, y: Any) -> float:
        return float((np.asarray(y_hat).argmax(axis=1) == np.asarray(y).argmax(axis=1)).mean())

    with tempfile.TemporaryDirectory() as log_dir:
        if quantum:
            ansatz = IQPAnsatz({Ty("n"): 1, Ty("s"): 1}, n_layers=1)
            remove_cups = RemoveCupsRewriter()
            circuits = {k: [ansatz(remove_cups(d)) for d in ds] for k, ds in diagrams.items()}
            model: Any = NumpyModel.from_diagrams(
                [c for cs in circuits.values() for c in cs], use_jit=True
            )
            model.initialise_weights()
            spsa = settings["spsa"]
            trainer: Any = QuantumTrainer(
                model,
                loss_function=BinaryCrossEntropyLoss(use_jax=True),
                epochs=args.epochs,
                optimizer=SPSAOptimizer,
                optim_hyperparams={"a": spsa["a"], "c": spsa["c"], "A": spsa["A"]},
                evaluate_functions={"acc": accuracy},
                evaluate_on_train=True,
                verbose="suppress",
                log_dir=log_dir,
                seed=args.seed,
            )
            batch = settings["batch_size"] or len(circuits["train"])
        else:
            dims = {Ty(k): Dim(v) for k, v in settings["dims"].items()}
            functor = TensorAnsatz(dims)
            circuits = {k: [functor(d) for d in ds] for k, ds in diagrams.items()}
            model = PytorchModel.from_diagrams([c for cs in circuits.values() for c in cs])
            model.initialise_weights()

            def cross_entropy(y_hat: Any, y: Any) -> Any:
                return torch.nn.functional.cross_entropy(y_hat, y)

            trainer = PytorchTrainer(
                model=model,
                loss_function=cross_entropy,
                epochs=args.epochs,
                optimizer=torch.optim.Adam,
                learning_rate=settings["learning_rate"],
                evaluate_functions={"acc": lambda y_hat, y: accuracy(y_hat.detach(), y)},
                evaluate_on_train=True,
                verbose="suppress",
                log_dir=log_dir,
                seed=args.seed,
            )
            batch = settings["batch_size"] or len(circuits["train"])
        labels = {k: s["labels"] for k, s in splits.items()}
        train = Dataset(circuits["train"], labels["train"], batch_size=batch)
        dev = Dataset(circuits["dev"], labels["dev"], shuffle=False)
        phases.switch("epochs")
        trainer.fit(train, dev)
        phases.switch("evaluation")
        if quantum:
            test = model(circuits["test"])
        else:
            with torch.no_grad():
                test = model(circuits["test"]).numpy()
        test_accuracy = accuracy(test, labels["test"])
        phases.switch("done")
    common.emit(
        {
            "wall": phases.wall,
            "cpu": phases.cpu,
            "compiles": phases.compiles,
            "cache_hits": 0,
            "epochs": len(trainer.train_epoch_durations),
            "test_accuracy": test_accuracy,
        }
    )


def timed_child(python: str, arguments: list[str], src: str | None = None) -> dict[str, Any]:
    """A child's result, with its whole process's wall and CPU time (``process``); ``src``
    puts another tree's sources first on the child's path."""
    env = dict(os.environ, PYTHONPATH=src) if src else None
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(
        [python, *arguments], stdout=subprocess.PIPE, text=True, check=False, env=env
    )
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    for line in reversed(done.stdout.splitlines()):
        if line.startswith(common.RESULT_PREFIX):
            result = json.loads(line[len(common.RESULT_PREFIX) :])
            result["wall"]["process"] = wall
            result["cpu"]["process"] = (after.ru_utime - before.ru_utime) + (
                after.ru_stime - before.ru_stime
            )
            return result
    raise RuntimeError(f"{arguments} exited with {done.returncode}:\n{done.stdout[-2000:]}")


def medians(results: list[dict[str, Any]]) -> dict[str, Any]:
    """Each figure's median over repeated runs (counts and accuracies from the first)."""
    merged = dict(results[0])
    for kind in ("wall", "cpu"):
        merged[kind] = {k: statistics.median(r[kind][k] for r in results) for k in results[0][kind]}
    return merged


def lambeq_python(option: str | None) -> str | None:
    """The interpreter that runs lambeq: ``--lambeq-python``, else this one if it has lambeq."""
    if option:
        return option
    try:
        import lambeq  # noqa: F401
    except ImportError:
        return None
    return sys.executable


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("data", nargs="?", default="../shared/data", help="data folder")
    options.add_argument(
        "--configs",
        nargs="+",
        default=[str(ROOT / "experiments" / "mc" / name) for name in ("tensor.toml", "iqp.toml")],
    )
    options.add_argument("--seed", type=int, default=0)
    options.add_argument("--repeats", type=int, default=3, help="runs of each side (medians)")
    options.add_argument("--lambeq-python", help="a Python with lambeq 0.5 (and torch) installed")
    options.add_argument("--lambeq-repeats", type=int, help="runs of lambeq (default: --repeats)")
    options.add_argument(
        "--before", metavar="SRC", help="also time the src/ folder of an earlier revision"
    )
    options.add_argument(
        "--src", metavar="SRC", help="time this src/ folder (a snapshot), not the installed one"
    )
    options.add_argument("--no-lambeq", action="store_true")
    options.add_argument("--child", choices=("discojax", "lambeq"), help=argparse.SUPPRESS)
    options.add_argument("--config", help=argparse.SUPPRESS)
    options.add_argument("--cache", default="off", help=argparse.SUPPRESS)
    options.add_argument("--parses", help=argparse.SUPPRESS)
    options.add_argument("--epochs", type=int, help=argparse.SUPPRESS)
    args = options.parse_args()
    if args.child == "discojax":
        return child_discojax(args)
    if args.child == "lambeq":
        return child_lambeq(args)
    theirs = None if args.no_lambeq else lambeq_python(args.lambeq_python)
    print("# Fixed costs of one `discojax run`, phase by phase")
    print()
    print(f"- date: {datetime.date.today().isoformat()}; machine: {common.machine()}")
    print(f"- discojax revision: {common.revision()}; repeats: {args.repeats} (medians)")
    print(f"- load average at start: {os.getloadavg()[0]:.1f} (absolute figures are noisy)")
    print(f"- lambeq interpreter: {theirs or 'none (lambeq not timed)'}")
    for config in args.configs:
        print(f"\n## {os.path.relpath(config)}, seed {args.seed}\n")
        run_config(args, config, theirs)


def run_config(args: argparse.Namespace, config: str, theirs: str | None) -> None:
    """The three (or two) columns of one configuration, and its ratios."""
    ours = [HERE, args.data, "--child", "discojax", "--config", config, "--seed", str(args.seed)]
    columns: dict[str, dict[str, Any]] = {}
    for label, src in (("before", args.before), ("discojax", args.src)):
        if label == "before" and not src:
            continue
        with tempfile.TemporaryDirectory() as cache:
            columns[f"{label} cold"] = medians(
                [timed_child(sys.executable, ours, src) for _ in range(args.repeats)]
            )
            timed_child(sys.executable, [*ours, "--cache", cache], src)  # fills the cache
            columns[f"{label} warm"] = medians(
                [
                    timed_child(sys.executable, [*ours, "--cache", cache], src)
                    for _ in range(args.repeats)
                ]
            )
    if theirs:
        with tempfile.TemporaryDirectory() as folder:
            exported = export_parses(config, args.data, folder)
            epochs = str(columns["discojax cold"]["epochs"])
            lambeq = [HERE, "--child", "lambeq", "--parses", exported["path"], "--epochs", epochs]
            lambeq += ["--seed", str(args.seed)]
            repeats = args.lambeq_repeats or args.repeats
            columns["lambeq"] = medians([timed_child(theirs, lambeq) for _ in range(repeats)])
    print("| phase | " + " | ".join(f"{name} wall (s) | CPU (s)" for name in columns) + " |")
    print("|---|" + "---:|---:|" * len(columns))
    for phase in (*PHASES, "process"):
        cells = [f"{c['wall'][phase]:.2f} | {c['cpu'][phase]:.2f}" for c in columns.values()]
        print(f"| {phase} | " + " | ".join(cells) + " |")
    for name, c in columns.items():
        print(
            f"\n{name}: {c['compiles']} XLA compilations, {c['cache_hits']} persistent-cache "
            f"hits, {c['epochs']} epochs, test accuracy {c['test_accuracy']:.3f}"
        )
    if "lambeq" in columns:
        lam = columns["lambeq"]
        # the goals: tensor cold >= 10x and warm >= 20x, circuits (cold) >= 10x
        quantum = lam["compiles"] > 0  # lambeq's circuits are jitted; its tensors are torch
        for name, goal in (("discojax cold", 10), ("discojax warm", 10 if quantum else 20)):
            wall = lam["wall"]["process"] / columns[name]["wall"]["process"]
            cpu = lam["cpu"]["process"] / columns[name]["cpu"]["process"]
            verdict = "met" if wall >= goal else "NOT met"
            print(
                f"\nSUMMARY {Path(config).name} {name}: lambeq / discojax = {wall:.1f}x wall, "
                f"{cpu:.1f}x CPU (whole processes); goal >= {goal}x: {verdict}"
            )


if __name__ == "__main__":
    main()
