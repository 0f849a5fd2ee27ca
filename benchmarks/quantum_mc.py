"""Circuit simulation on the MC data set against lambeq and DisCoPy, and scaling in qubits.

Run: ``.venv/bin/python benchmarks/quantum_mc.py [--data ../shared/data/mc] [--repeats 20]``

Part 1, MC (all 130 sentences of train, dev and test), IQP ansatz, 1 qubit per type, 1 layer:

- discojax: ``QuantumModel.prepare`` (bucketing, lowering) then ``jax.jit(model.apply)`` (one
  jitted function: batched state preparation, one einsum per shape, Born rule). *First
  evaluation* is prepare plus the first call, compilation included; *steady state* is circuits
  per second of later calls with new angles.
- lambeq 0.5 (if ``import lambeq`` works): the same diagrams through ``IQPAnsatz`` into
  ``NumpyModel.from_diagrams(circuits, use_jit=True)``; first evaluation is ``from_diagrams``
  plus the first forward pass (it jits one function per circuit); steady state likewise. Its
  predictions, given the same angles, are compared with ours.
- DisCoPy 1.2: ``Circuit.eval()`` of each sentence's circuit (``to_circuit``, angles
  substituted), on a subsample (it has no compilation: first = steady).

Part 2, scaling: sentences of 8, 12 and 16 qubits (``{n: 2, s: 4}``: "man runs", "Alice loves
Bob", "skillful man prepares sauce"; IQP, 2 layers), each in a fresh process: time of the
first evaluation, steady-state time per sentence for a batch of 64, peak memory (the peak
resident set, VmHWM, over the resident set after the imports), and the largest intermediate
of the contraction path, against DisCoPy's ``Circuit.eval()`` of one circuit (and with
tensornetwork's contractor where that is installed).

All ratios are measured in the same run, on the same machine.
"""

from __future__ import annotations

import argparse
import json
import platform
import subprocess
import sys
import time
from pathlib import Path

import jax
import jax.numpy as jnp
import numpy as np

from discojax.compile import compilations
from discojax.grammar import default_parser
from discojax.quantum import CircuitAnsatz, QuantumModel, to_circuit

SIZES = {8: "man runs", 12: "Alice loves Bob", 16: "skillful man prepares sauce"}
SCALING_QUBITS = {"n": 2, "s": 4}


def load(folder: Path) -> list[str]:
    sentences = []
    for split in ("train", "dev", "test"):
        for line in (folder / f"{split}.txt").read_text().splitlines():
            if line.strip():
                sentences.append(line.split(maxsplit=1)[1].strip())
    return sentences


def timed(work):
    start = time.perf_counter()
    result = work()
    return time.perf_counter() - start, result


def ours(sentences: list[str], repeats: int) -> dict:
    parser = default_parser()
    parses = [parser.parse(s) for s in sentences]
    ansatz = CircuitAnsatz({"n": 1, "s": 1}, "iqp", n_layers=1)
    model = QuantumModel.from_data(parses, ansatz)
    params = model.init(jax.random.key(0))
    apply = jax.jit(model.apply)  # the model protocol's apply is pure; the caller jits it
    before = compilations()

    def first():
        batch = model.prepare(parses)
        return batch, apply(params, batch).block_until_ready()

    first_s, (batch, _) = timed(first)
    keys = jax.random.split(jax.random.key(1), repeats)
    fresh = [model.init(k) for k in keys]
    times = []
    for p in fresh:
        t, _ = timed(lambda p=p: apply(p, batch).block_until_ready())
        times.append(t)
    return {
        "model": model,
        "parses": parses,
        "first_s": first_s,
        "steady_s": float(np.median(times)),
        "circuits_per_s": len(sentences) / float(np.median(times)),
        "shapes": batch.shapes,
        "compilations": compilations() - before,
    }


def lambeq_side(result: dict, repeats: int) -> dict | None:
    try:
        from lambeq import IQPAnsatz, NumpyModel  # type: ignore[import-not-found]
        from lambeq.backend.converters.discopy import from_discopy  # type: ignore
        from lambeq.backend.grammar import Ty  # type: ignore
    except Exception as error:
        print(f"lambeq unavailable ({type(error).__name__}: {error}); comparing with DisCoPy only")
        return None
    model: QuantumModel = result["model"]
    diagrams = [from_discopy(p.to_diagram()) for p in result["parses"]]
    ansatz = IQPAnsatz({Ty("n"): 1, Ty("s"): 1}, n_layers=1)
    circuits = [ansatz(d) for d in diagrams]

    def first():
        m = NumpyModel.from_diagrams(circuits, use_jit=True)
        m.initialise_weights()
        return m, np.asarray(m(circuits))

    first_s, (lm, _) = timed(first)
    times = []
    for _ in range(max(3, repeats // 4)):
        lm.weights = np.random.default_rng(len(times)).random(len(lm.weights))
        t, predictions = timed(lambda: np.asarray(lm(circuits)))
        times.append(t)
    # The same angles in our tables: lambeq names each symbol word__type_j.
    params = {name: np.zeros(shape, np.float32) for name, shape in model.table_shapes().items()}
    for symbol, value in zip(lm.symbols, lm.weights):
        word_type, j = str(symbol).rsplit("_", 1)
        word, type_string = word_type.split("__", 1)
        type_string = type_string.replace("@", " ")
        params[type_string][model.vocabulary.index(word, type_string), int(j)] = value
    batch = model.prepare(result["parses"])
    ours_p = np.asarray(model.apply({k: jnp.asarray(v) for k, v in params.items()}, batch))
    return {
        "first_s": first_s,
        "steady_s": float(np.median(times)),
        "circuits_per_s": len(circuits) / float(np.median(times)),
        "max_abs_diff": float(np.abs(ours_p - predictions.reshape(ours_p.shape)).max()),
    }


def discopy_side(result: dict, count: int) -> dict:
    model: QuantumModel = result["model"]
    params = model.init(jax.random.key(0))
    parses = result["parses"][:count]
    circuits = [to_circuit(p, model.ansatz, params, model.vocabulary) for p in parses]
    t, _ = timed(lambda: [c.eval() for c in circuits])
    return {"count": count, "per_circuit_s": t / count, "circuits_per_s": count / t}


def memory_mib(field: str) -> float:
    """``VmRSS`` (now) or ``VmHWM`` (peak) of this process, in MiB (Linux)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return float("nan")


def scaling_child(qubits: int) -> dict:
    """One size, in this (fresh) process: our time and memory, then DisCoPy's."""
    base = memory_mib("VmRSS")
    sentence = SIZES[qubits]
    ansatz = CircuitAnsatz(SCALING_QUBITS, "iqp", n_layers=2)
    model = QuantumModel.from_data([sentence], ansatz)
    net = model.networks([sentence])[0]
    total = sum(ansatz.circuit_qubits(t) for t in net.types)
    assert total == qubits, (sentence, total)
    params = model.init(jax.random.key(0))
    batch64 = model.prepare([sentence] * 64)
    apply = jax.jit(model.apply)
    first_s, _ = timed(lambda: apply(params, batch64).block_until_ready())
    times = [timed(lambda: apply(params, batch64).block_until_ready())[0] for _ in range(5)]
    ours_rss = memory_mib("VmHWM") - base
    import opt_einsum

    program = batch64.buckets[0].program
    shapes = [(1, *op.shape) for op in program.operands]
    _, info = opt_einsum.contract_path(
        program.equation, *shapes, shapes=True, optimize=list(program.path)
    )
    out = {
        "qubits": qubits,
        "sentence": sentence,
        "first_s": first_s,
        "per_sentence_s": float(np.median(times)) / 64,
        "peak_rss_mib": ours_rss,
        "largest_intermediate": int(info.largest_intermediate),
    }
    circuit = to_circuit(sentence, ansatz, params, model.vocabulary)
    try:
        import tensornetwork as tn  # type: ignore[import-not-found]

        t, _ = timed(lambda: circuit.eval(contractor=tn.contractors.auto))
        out["discopy_tn_s"] = t
    except ImportError:
        out["discopy_tn_s"] = None
    out["discopy_dense_s"] = timed(circuit.eval)[0]
    return out


def scaling() -> list[dict]:
    rows = []
    for qubits in SIZES:
        done = subprocess.run(
            [sys.executable, __file__, "--scaling-child", str(qubits)],
            capture_output=True,
            text=True,
            check=True,
        )
        rows.append(json.loads(done.stdout.strip().splitlines()[-1]))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/data/mc"))
    parser.add_argument("--repeats", type=int, default=20)
    parser.add_argument("--discopy-count", type=int, default=20)
    parser.add_argument("--scaling-child", type=int, default=None, help=argparse.SUPPRESS)
    parser.add_argument("--skip-scaling", action="store_true")
    parser.add_argument("--only-scaling", action="store_true")
    args = parser.parse_args()
    if args.scaling_child is not None:
        print(json.dumps(scaling_child(args.scaling_child)))
        return
    print(f"# {platform.processor() or platform.machine()}, jax {jax.__version__}, CPU")
    if args.only_scaling:
        print_scaling()
        return
    sentences = load(args.data)
    result = ours(sentences, args.repeats)
    print(
        f"discojax: {len(sentences)} MC sentences, {result['shapes']} shapes, "
        f"{result['compilations']} compilations"
    )
    print(f"  first evaluation (compile included): {result['first_s']:.3f} s")
    print(f"  steady state: {result['circuits_per_s']:,.0f} circuits/s")
    lam = lambeq_side(result, args.repeats)
    if lam is not None:
        print("lambeq NumpyModel(use_jit=True), IQPAnsatz:")
        print(f"  first evaluation: {lam['first_s']:.3f} s")
        print(f"  steady state: {lam['circuits_per_s']:,.0f} circuits/s")
        print(f"  max |our probability - lambeq's| on the same angles: {lam['max_abs_diff']:.2e}")
        print(
            f"  ratios: first evaluation {lam['first_s'] / result['first_s']:.1f}x less time, "
            f"steady state {result['circuits_per_s'] / lam['circuits_per_s']:.1f}x throughput"
        )
    dc = discopy_side(result, args.discopy_count)
    print(f"DisCoPy Circuit.eval() on {dc['count']} of the circuits:")
    print(f"  {dc['circuits_per_s']:,.1f} circuits/s ({dc['per_circuit_s'] * 1e3:.1f} ms each)")
    print(f"  ratio: steady state {result['circuits_per_s'] / dc['circuits_per_s']:,.0f}x")
    if not args.skip_scaling:
        print_scaling()


def print_scaling() -> None:
    print("\nScaling (IQP, 2 layers, {n: 2, s: 4}), each size in a fresh process:")
    print(
        "| qubits | sentence | first eval (s) | per sentence, batch 64 (µs) | peak RSS rise (MiB) "
        "| largest intermediate | DisCoPy + tensornetwork (s) | DisCoPy dense (s) |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for row in scaling():
        tn_s = "n/a" if row.get("discopy_tn_s") is None else f"{row['discopy_tn_s']:.3f}"
        dense_s = f"{row['discopy_dense_s']:.3f}"
        print(
            f"| {row['qubits']} | {row['sentence']} | {row['first_s']:.3f} | "
            f"{row['per_sentence_s'] * 1e6:.1f} | {row['peak_rss_mib']:.0f} | "
            f"{row['largest_intermediate']} | {tn_s} | {dense_s} |"
        )


if __name__ == "__main__":
    main()
