"""A training process to kill: the fault-injection test of ``test_checkpoint.py`` drives it.

``python _fit_worker.py`` imports JAX and discojax and builds the model once, then, for each
line ``FOLDER RESULT`` read from standard input, forks a child that trains :data:`EPOCHS`
epochs of a tiny ``TensorModel``, resuming from (and checkpointing into) ``FOLDER``, and prints
``pid P``. The child prints ``epoch N`` after each epoch (its checkpoint written) and, if it
finishes, writes its ``TrainResult`` to ``RESULT`` (``.npz``) and prints ``done`` (``failed``
and a traceback on an error). The parent reaps the child only after the next input line (any
text): until then a finished child stays a zombie, so its pid cannot be given to another
process while the test may still send it ``SIGKILL``; it then prints ``exit CODE CPU`` (the
exit status, ``-9`` when killed, and the child's CPU seconds).

Forking spares every restart the import of JAX and the grammar (about 3 s of CPU). It is safe
because the parent never initialises a JAX backend (it makes no array; JAX's thread pools start
with the backend): each child is a whole training process of its own, which compiles (from the
persistent compilation cache after the first), restores the checkpoint and trains.
"""

from __future__ import annotations

import json
import os
import sys
import traceback
from functools import cache
from typing import Any

import jax
import jax.numpy as jnp
import numpy as np

from discojax import TensorAnsatz, TensorModel
from discojax.train import Checkpoint, TrainConfig, TrainResult, fit
from discojax.train._callbacks import Callback

TEXTS = ["man runs", "woman runs", "man sleeps", "woman sleeps", "dog runs", "dog sleeps"]
LABELS = [1, 0, 0, 1, 1, 0]
EPOCHS = 100
CONFIG = TrainConfig(epochs=EPOCHS, batch_size=2, learning_rate=0.1, seed=3, train_metrics=False)


@cache
def tiny_model() -> TensorModel:
    """The model, built without JAX arrays (before the fork: its grammar takes most of a second)."""
    return TensorModel.from_data(TEXTS, TensorAnsatz({"n": 2, "s": 2}))


def train(callbacks: list[Callback]) -> TrainResult:
    """The run under test: the same in the test's process and in every child."""
    model = tiny_model()
    batch, labels = model.prepare(TEXTS), jnp.array(LABELS)
    return fit(
        model, model.init(jax.random.key(0)), batch, labels, config=CONFIG, callbacks=callbacks
    )


def save_result(result: TrainResult, path: str) -> None:
    """The result's parameters (last and best) and history, in one ``.npz`` file."""
    arrays: dict[str, Any] = {}
    for name, tree in (("last", result.last_params), ("best", result.params)):
        for key, leaf in jax.tree_util.tree_flatten_with_path(tree)[0]:
            arrays[name + jax.tree_util.keystr(key)] = np.asarray(leaf)
    summary = {"history": result.history, "best_epoch": result.best_epoch}
    np.savez(path, summary=np.array(json.dumps(summary)), **arrays)


class _Progress(Callback):
    def on_epoch(self, state: Any, history: list[dict[str, float]]) -> bool:
        print(f"epoch {state.epoch}", flush=True)
        return False


def _child(folder: str, result: str) -> None:
    try:
        save_result(train([Checkpoint(folder, resume=True), _Progress()]), result)
        print("done", flush=True)
        code = 0
    except BaseException:
        traceback.print_exc()
        print("failed", flush=True)
        code = 1
    sys.stderr.flush()
    os._exit(code)  # neither the parent's loop nor its exit handlers


def main() -> None:
    tiny_model()
    for line in sys.stdin:
        folder, result = line.split()
        pid = os.fork()
        if pid == 0:
            _child(folder, result)
        print(f"pid {pid}", flush=True)
        sys.stdin.readline()  # the test's kill, if any, has been sent
        _, status, usage = os.wait4(pid, 0)
        cpu = usage.ru_utime + usage.ru_stime
        print(f"exit {os.waitstatus_to_exitcode(status)} {cpu:.2f}", flush=True)


if __name__ == "__main__":
    main()
