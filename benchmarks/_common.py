"""What the benchmarks share: timing, memory, child processes, corpora, lambeq conversion.

Not a public module: the benchmark scripts import it as ``_common`` (they run with
``benchmarks/`` on ``sys.path``, as ``python benchmarks/NAME.py`` does).
"""

from __future__ import annotations

import json
import os
import platform
import resource
import subprocess
import sys
import time
from collections.abc import Callable, Mapping, Sequence
from typing import Any

RESULT_PREFIX = "BENCHMARK-RESULT "


def best_of(repeats: int, work: Callable[[], object]) -> float:
    """The shortest wall time of ``repeats`` runs of ``work``, in seconds."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


def best_within(seconds: float, work: Callable[[], object], least: int = 3) -> float:
    """The shortest wall time of ``work``, repeated for about ``seconds`` (at least ``least``)."""
    times: list[float] = []
    deadline = time.perf_counter() + seconds
    while len(times) < least or (time.perf_counter() < deadline and len(times) < 1000):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


def timed(work: Callable[[], Any]) -> tuple[float, Any]:
    """Seconds taken by one call of ``work``, and what it returned."""
    start = time.perf_counter()
    value = work()
    return time.perf_counter() - start, value


def peak_rss_mb() -> float:
    """This process's peak resident set size so far, in MiB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def current_rss_mb() -> float:
    """This process's resident set size now, in MiB (from /proc; the peak where absent)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return peak_rss_mb()


def machine() -> str:
    """A one-line description of this machine."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return f"{platform.machine()}, {cores} cores available, Python {platform.python_version()}"


def revision() -> str:
    """The repository's commit, with ``-dirty`` when the tree has changes (or ``unknown``)."""
    try:
        done = subprocess.run(
            ["git", "describe", "--always", "--dirty"],
            cwd=os.path.dirname(os.path.abspath(__file__)),
            capture_output=True,
            text=True,
            check=False,
        )
    except OSError:
        return "unknown"
    return done.stdout.strip() or "unknown"


def emit(result: Mapping[str, Any]) -> None:
    """Hand a child's result to its parent: one JSON line on standard output."""
    print(RESULT_PREFIX + json.dumps(result), flush=True)


def run_child(arguments: Sequence[str], timeout: float | None = None) -> dict[str, Any]:
    """Run ``python ARGUMENTS`` in a fresh process; return the result it emitted.

    Each measurement that needs fresh process state (peak memory, first-call compilation)
    runs in its own child. Its standard error passes through, so progress stays visible.

    Raises:
        RuntimeError: the child failed or emitted no result.
    """
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, *arguments],
        stdout=subprocess.PIPE,
        text=True,
        timeout=timeout,
        check=False,
    )
    wall = time.perf_counter() - started
    for line in reversed(done.stdout.splitlines()):
        if line.startswith(RESULT_PREFIX):
            result = json.loads(line[len(RESULT_PREFIX) :])
            result["process_seconds"] = wall
            return result
    raise RuntimeError(
        f"child {' '.join(arguments)} exited with {done.returncode} and no result:\n"
        + done.stdout[-2000:]
    )


def mixed_corpus(n: int, lengths: Sequence[int], seed: int) -> list[str]:
    """``n`` seeded sentences of mixed shapes, shared out equally among ``lengths``.

    Sentences come from ``discojax.grammar.generate`` (the bundled English grammar: noun
    phrases with determiners, adjectives, prepositional phrases and relative clauses; verbs
    with zero to two objects; adverbs, auxiliaries, coordination), so each parses to ``s``.
    """
    from discojax.grammar import generate

    shares = [n // len(lengths)] * len(lengths)
    shares[0] += n - sum(shares)
    texts: list[str] = []
    for length, share in zip(lengths, shares):
        texts.extend(generate(share, length=length, seed=seed * 1000 + length))
    return texts


def parse_range(text: str) -> list[int]:
    """``"2-6"`` or ``"2,4,8"`` to a list of integers."""
    if "-" in text:
        low, high = text.split("-")
        return list(range(int(low), int(high) + 1))
    return [int(part) for part in text.split(",")]


def lambeq_tensor_diagrams(
    diagrams: Sequence[Any], dims: Mapping[str, int], ansatz: str = "tensor"
) -> list[Any]:
    """DisCoPy pregroup diagrams to lambeq tensor diagrams, with lambeq's own ansatz.

    ``lambeq.backend.converters.discopy.from_discopy`` gives lambeq grammar diagrams; then
    lambeq's ``TensorAnsatz`` (or ``SpiderAnsatz``) sends each basic type to its dimension.
    """
    from lambeq import SpiderAnsatz, TensorAnsatz
    from lambeq.backend.converters.discopy import from_discopy
    from lambeq.backend.grammar import Ty
    from lambeq.backend.tensor import Dim

    factory = TensorAnsatz if ansatz == "tensor" else SpiderAnsatz
    functor = factory({Ty(base): Dim(d) for base, d in dims.items()})
    return [functor(from_discopy(d)) for d in diagrams]


def lambeq_jit_model_class() -> type:
    """lambeq's ``NumpyModel`` (``use_jit=True``) made to accept tensor diagrams.

    lambeq 0.5's ``NumpyModel`` is written for circuits: one scalar weight per symbol, Born
    probabilities out. On a tensor diagram it fails (``TypeError: cannot reshape array of shape
    ()``). This subclass keeps everything that decides its speed (one ``jax.jit`` per
    *diagram*, cached in ``model.lambdas``; tensornetwork's ``auto`` contractor on the JAX
    backend; a Python loop over diagrams in ``get_diagram_output``) and changes only what a
    tensor diagram needs: each symbol's weight is a slice of one flat, device-resident array of
    the symbol's size, and the output is the raw tensor (no squared amplitudes).
    """
    import jax.numpy as jnp
    import numpy as np
    import tensornetwork as tn
    from lambeq import NumpyModel
    from lambeq.backend import numerical_backend
    from lambeq.backend.symbol import Symbol
    from lambeq.core.utils import fast_deepcopy

    class TensorNumpyModel(NumpyModel):  # type: ignore[misc]
        def initialise_weights(self) -> None:
            sizes = [int(symbol.size) for symbol in self.symbols]
            self._offsets = dict(zip(self.symbols, np.cumsum([0, *sizes[:-1]]).tolist()))
            rng = np.random.default_rng(0)
            self.weights = jnp.asarray(rng.uniform(-1.0, 1.0, sum(sizes)), jnp.float32)

        def _get_lambda(self, diagram: Any) -> Callable[[Any], Any]:
            import jax

            if diagram in self.lambdas:
                return self.lambdas[diagram]
            offsets = self._offsets

            def diagram_output(x: Any) -> Any:
                with numerical_backend.backend("jax"), tn.DefaultBackend("jax"):
                    copy = fast_deepcopy(diagram)
                    for box in copy.boxes:
                        if isinstance(box.data, Symbol):
                            start = offsets[box.data]
                            box.data = x[start : start + int(box.data.size)]
                    return tn.contractors.auto(*copy.to_tn()).tensor

            self.lambdas[diagram] = jax.jit(diagram_output)
            return self.lambdas[diagram]

    return TensorNumpyModel
