"""Wall time of one MC training run: ``discojax run`` against lambeq's own pipeline, same data.

Run: ``.venv/bin/python benchmarks/train_mc.py [DATA_DIR]`` (default ``../shared/data``;
``--help`` for the rest).

Each side runs in a fresh process (nothing compiled or cached beforehand), one seed:

- **discojax**: ``run_experiment`` on ``experiments/mc/tensor.toml`` (what ``discojax run
  experiments/mc/tensor.toml --seeds 0`` does): read the three splits, parse them, build the
  model, bucket by shape, compile, train full-batch Adam (lr 0.05; up to 120 epochs, early
  stopping on dev accuracy after ``patience`` epochs without progress) with train and dev
  metrics and an atomic checkpoint after every epoch, then test the best parameters.
- **lambeq 0.5** (the ``bench`` extra): its parsers need a model download that cannot be made
  offline, so it is given discojax's parses of the same sentences (``Parse.to_diagram()``,
  converted with ``lambeq.backend.converters.discopy.from_discopy``); then its own pipeline as
  its MC tutorial runs it: ``TensorAnsatz`` with the configuration's dimensions,
  ``PytorchModel.from_diagrams``, ``PytorchTrainer`` (``torch.optim.Adam``, the same learning
  rate, cross-entropy on the two outputs, accuracy on train and dev every epoch, one full batch
  of the 70 training sentences, its checkpoint every epoch into a temporary folder), for as many
  epochs as discojax ran (the configuration's early stopping ends discojax's run; lambeq runs
  the same number), then the test accuracy of the final model.

Timed: the run (data read to test accuracy, in the process, parsing and compilation included),
the imports, and the whole process. The ratio is lambeq's time over discojax's, measured in
this run.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import _common as common

HERE = os.path.abspath(__file__)
ROOT = Path(HERE).parent.parent


def child_discojax(args: argparse.Namespace) -> None:
    """``discojax run`` for one seed, timed inside a fresh process."""
    started = time.perf_counter()
    from discojax.experiments import load_config, run_experiment

    imports = time.perf_counter() - started
    with tempfile.TemporaryDirectory() as out:
        start = time.perf_counter()
        config = load_config(args.config, args.data)
        if args.epochs:
            config = _with_epochs(config, args.epochs)
        # Progress goes to the ``logging`` module, silent without a handler.
        (summary,) = run_experiment(config, out, [args.seed], args.data)
        run = time.perf_counter() - start
        metrics = Path(out) / config.name / f"seed-{args.seed}" / "metrics.jsonl"
        epochs = [json.loads(line)["seconds"] for line in metrics.read_text().splitlines()]
    common.emit(
        {
            "imports": imports,
            "run": run,
            "prepare": summary["prepare_seconds"],
            "train": summary["train_seconds"],
            "first_epoch": epochs[0],
            "later_epoch": sum(epochs[1:]) / max(1, len(epochs) - 1),
            "epochs": len(epochs),
            "test_accuracy": summary.get("test_accuracy"),
        }
    )


def _with_epochs(config: Any, epochs: int) -> Any:
    """A copy of the (frozen pydantic) configuration that trains for ``epochs``."""
    training = config.training.model_copy(update={"epochs": epochs})
    return config.model_copy(update={"training": training})


def child_lambeq(args: argparse.Namespace) -> None:
    """lambeq's classical pipeline on discojax's parses, timed inside a fresh process."""
    started = time.perf_counter()
    import torch
    from lambeq import Dataset, PytorchModel, PytorchTrainer
    from lambeq.backend.converters import discopy as _  # noqa: F401  (the converter's imports)

    from discojax.experiments import load_config, load_splits
    from discojax.grammar import default_parser

    imports = time.perf_counter() - started

    with tempfile.TemporaryDirectory() as log_dir:
        start = time.perf_counter()
        config = load_config(args.config, args.data)
        if args.epochs:
            config = _with_epochs(config, args.epochs)
        training = config.training
        splits = load_splits(config, args.data)
        parser = default_parser()
        target = config.data.target
        diagrams = {
            name: [parser.parse(text, target).to_diagram() for text in split.sentences]
            for name, split in splits.items()
        }
        parsed = time.perf_counter() - start
        dims = {str(k): int(v) for k, v in config.semantics.dims.items()}
        circuits = {name: common.lambeq_tensor_diagrams(d, dims) for name, d in diagrams.items()}
        targets = {
            name: [[float(label == c) for c in range(split.n_classes)] for label in split.labels]
            for name, split in splits.items()
        }
        model = PytorchModel.from_diagrams([c for cs in circuits.values() for c in cs])
        model.initialise_weights()

        def cross_entropy(y_hat: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
            return torch.nn.functional.cross_entropy(y_hat, y)

        def accuracy(y_hat: torch.Tensor, y: torch.Tensor) -> float:
            return float((y_hat.argmax(dim=1) == y.argmax(dim=1)).float().mean())

        trainer = PytorchTrainer(
            model=model,
            loss_function=cross_entropy,
            epochs=training.epochs,
            optimizer=torch.optim.Adam,
            learning_rate=training.learning_rate,
            evaluate_functions={"acc": accuracy},
            evaluate_on_train=True,
            verbose="suppress",
            log_dir=log_dir,
            seed=args.seed,
        )
        train = Dataset(circuits["train"], targets["train"], batch_size=len(circuits["train"]))
        dev = Dataset(circuits["dev"], targets["dev"], shuffle=False) if "dev" in circuits else None
        trainer.fit(train, dev)
        with torch.no_grad():
            test = model(circuits["test"])
        test_accuracy = accuracy(test, torch.tensor(targets["test"]))
        run = time.perf_counter() - start
    epochs = trainer.train_epoch_durations
    common.emit(
        {
            "imports": imports,
            "run": run,
            "prepare": parsed,
            "first_epoch": epochs[0],
            "later_epoch": sum(epochs[1:]) / max(1, len(epochs) - 1),
            "epochs": len(epochs),
            "test_accuracy": test_accuracy,
        }
    )


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("data", nargs="?", default="../shared/data", help="data folder")
    options.add_argument("--config", default=str(ROOT / "experiments" / "mc" / "tensor.toml"))
    options.add_argument("--seed", type=int, default=0)
    options.add_argument("--epochs", type=int, help="override the configuration's epochs")
    options.add_argument("--no-lambeq", action="store_true", help="time discojax only")
    options.add_argument("--child", choices=("discojax", "lambeq"), help=argparse.SUPPRESS)
    args = options.parse_args()
    if args.child == "discojax":
        return child_discojax(args)
    if args.child == "lambeq":
        return child_lambeq(args)

    forward = [HERE, args.data, "--config", args.config, "--seed", str(args.seed)]
    ours = [*forward, "--child", "discojax"] + (
        ["--epochs", str(args.epochs)] if args.epochs else []
    )
    print("# MC training: one run, end to end")
    print()
    print(f"- date: {datetime.date.today().isoformat()}; machine: {common.machine()}")
    print(f"- discojax revision: {common.revision()}")
    print(f"- load average at start: {os.getloadavg()[0]:.1f} (absolute figures are noisy)")
    print(f"- config: {os.path.relpath(args.config)}, seed {args.seed}, data {args.data}")
    results = {"discojax": common.run_child(ours)}
    if not args.no_lambeq:
        try:
            import lambeq  # noqa: F401
            import torch  # noqa: F401
        except ImportError as err:
            print(f"- lambeq not timed: {err} (install the bench extra)")
        else:
            # The same number of epochs as discojax ran (its early stopping included).
            epochs = ["--epochs", str(results["discojax"]["epochs"])]
            results["lambeq"] = common.run_child([*forward, "--child", "lambeq", *epochs])
    print()
    print(
        "| pipeline | run (s) | of which parse/prepare | first epoch (s) | later epochs (s each) "
        "| epochs | imports (s) | whole process (s) | test accuracy |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for name, r in results.items():
        print(
            f"| {name} | {r['run']:.2f} | {r['prepare']:.2f} | {r['first_epoch']:.3f} "
            f"| {r['later_epoch']:.4f} | {r['epochs']} | {r['imports']:.2f} "
            f"| {r['process_seconds']:.2f} | {r['test_accuracy']:.3f} |"
        )
    ours = results["discojax"]
    if "lambeq" in results:
        theirs = results["lambeq"]
        ratio = theirs["run"] / ours["run"]
        whole = theirs["process_seconds"] / ours["process_seconds"]
        epoch = theirs["later_epoch"] / ours["later_epoch"]
        print()
        print(
            f"SUMMARY: one MC run (seed {args.seed}) takes {ours['run']:.2f} s with discojax and "
            f"{theirs['run']:.2f} s with lambeq: {ratio:.1f}× faster end to end, compilation "
            f"included ({whole:.1f}× counting imports; {epoch:.0f}× per later epoch); goal ≥10×: "
            + ("met" if ratio >= 10 else "NOT met")
        )
    else:
        print(f"\nSUMMARY: one MC run takes {ours['run']:.2f} s with discojax (lambeq not timed)")


if __name__ == "__main__":
    main()
