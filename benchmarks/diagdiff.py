"""Diagrammatic differentiation on MC: every derivative diagram of all 130 sentences, built and
evaluated, against DisCoPy 1.2's ``Circuit.grad(...).eval()`` and against ``jax``.

Run: ``.venv/bin/python benchmarks/diagdiff.py [--data ../shared/data/mc] [--discopy-count 3]``

IQP ansatz, 1 qubit per type, 1 layer, pure circuits (DisCoPy's mixed gradient is wrong, see
docs/diagdiff.md), float32 as in training. A *derivative* is one (sentence, symbol) pair: the
formal sum of diagrams ``∂ sentence / ∂ symbol`` over the symbols of the sentence's words.

- discojax: ``prepare_derivatives`` (building every formal sum and bucketing its terms by
  shape), then ``evaluate_derivatives`` (one jitted program: the sentences' shapes on more
  rows). *First* is build plus the first call, compilation included; *steady* is the best
  later call with new angles. The same derivatives with ``jax.jacfwd`` of the compiled
  values (jitted), and a loss gradient three ways: ``loss_grad`` (the chain rule through the
  read-out bubble), ``jax.grad`` and the existing ``parameter_shift_grad``.
- DisCoPy 1.2: for the first ``--discopy-count`` sentences, every symbol:
  ``circuit.grad(symbol, mixed=False)``, ``lambdify`` and ``eval()``, timed per derivative
  and extrapolated to all derivatives (the timed values are checked against ours).

All ratios are measured in the same run, on the same machine.
"""

from __future__ import annotations

import argparse
import platform
import time
from pathlib import Path

import jax
import jax.numpy as jnp
import numpy as np
from _common import best_of, machine, revision, timed

from discojax.compile import evaluate
from discojax.diff import Symbols, evaluate_derivatives, loss_grad, prepare_derivatives
from discojax.grammar import default_parser
from discojax.quantum import CircuitAnsatz, QuantumModel, parameter_shift_grad, to_circuit


def load(folder: Path) -> tuple[list[str], jax.Array]:
    sentences, labels = [], []
    for split in ("train", "dev", "test"):
        for line in (folder / f"{split}.txt").read_text().splitlines():
            if line.strip():
                label, text = line.split(maxsplit=1)
                sentences.append(text.strip())
                labels.append(int(label))
    return sentences, jnp.asarray(labels)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/data/mc"))
    parser.add_argument("--discopy-count", type=int, default=3)
    parser.add_argument("--repeats", type=int, default=10)
    args = parser.parse_args()
    print(f"# {machine()}, jax {jax.__version__}, commit {revision()}, {platform.node()}")
    sentences, labels = load(args.data)
    parses = [default_parser().parse(s) for s in sentences]
    model = QuantumModel.from_data(parses, CircuitAnsatz({"n": 1, "s": 1}, "iqp"))
    params = model.init(jax.random.key(0))
    fresh = [model.init(k) for k in jax.random.split(jax.random.key(1), args.repeats)]

    # discojax: every derivative of every sentence, as one compiled program
    def first():
        d = prepare_derivatives(model, parses)
        return d, evaluate_derivatives(model.ansatz, params, d).block_until_ready()

    first_s, (d, out) = timed(first)
    build_s, _ = timed(lambda: prepare_derivatives(model, parses))
    it = iter(fresh * 100)
    steady_s = best_of(
        args.repeats,
        lambda: evaluate_derivatives(model.ansatz, next(it), d).block_until_ready(),
    )
    n_derivatives = sum(int(a.shape[0]) for a in d.item.values())
    print(
        f"discojax: {len(sentences)} sentences, {n_derivatives} derivatives "
        f"(sentence, symbol), {d.n_terms} terms, {d.batch.shapes} shapes"
    )
    print(f"  build (prepare_derivatives): {build_s:.3f} s")
    print(f"  first (build + compile + evaluate): {first_s:.3f} s")
    print(f"  steady: {steady_s * 1e3:.2f} ms ({n_derivatives / steady_s:,.0f} derivatives/s)")

    # jax: the same derivatives by forward-mode autodiff of the compiled values
    batch = model.prepare(parses)

    def values(p):
        return evaluate(model.ansatz.word_tensors(p, batch.table_names), batch)

    jac = jax.jit(jax.jacfwd(values))
    jac_first, _ = timed(lambda: jax.block_until_ready(jac(params)))
    jac_steady = best_of(args.repeats, lambda: jax.block_until_ready(jac(next(it))))
    print(f"jax.jacfwd (jitted): first {jac_first:.3f} s, steady {jac_steady * 1e3:.2f} ms")

    # a loss gradient three ways
    def nll(p):
        return -jnp.mean(jnp.log(p[jnp.arange(p.shape[0]), labels] + 1e-9))

    circuits = model.prepare_circuits(parses)
    grad = jax.jit(jax.grad(lambda p: nll(model.apply(p, batch))))
    ways = {
        "loss_grad (derivative diagrams)": lambda p: loss_grad(model, nll, p, d),
        "jax.grad": grad,
        "parameter_shift_grad": lambda p: parameter_shift_grad(model.ansatz, nll, p, circuits),
    }
    loss_times = {}
    for name, way in ways.items():
        first_way, _ = timed(lambda way=way: jax.block_until_ready(way(params)))
        steady_way = best_of(args.repeats, lambda way=way: jax.block_until_ready(way(next(it))))
        loss_times[name] = (first_way, steady_way)
        print(f"{name}: first {first_way:.3f} s, steady {steady_way * 1e3:.2f} ms")
    ours_g, auto_g = ways["loss_grad (derivative diagrams)"](params), grad(params)
    gap = max(float(jnp.abs(ours_g[k] - auto_g[k]).max()) for k in auto_g)
    print(f"  max |loss_grad - jax.grad| (float32): {gap:.1e}")

    # DisCoPy: grad, lambdify, eval per (sentence, symbol), on a sample
    symbols = Symbols.of(model)
    values_of = symbols.values(params)
    theirs_s, count, worst = 0.0, 0, 0.0
    derivatives = np.asarray(out[d.size :])
    for i, parse in enumerate(parses[: args.discopy_count]):
        circuit = to_circuit(parse, model.ansatz)
        keys = sorted(circuit.free_symbols, key=str)
        for symbol in keys:
            start = time.perf_counter()
            array = (
                circuit.grad(symbol, mixed=False)
                .lambdify(*keys)(*(values_of[k] for k in keys))
                .eval()
                .array
            )
            theirs_s += time.perf_counter() - start
            count += 1
            table, row, column = symbols.locate(symbol)
            mine = np.asarray(d.sentence[table] == i) & np.asarray(d.row[table] == row)
            mine &= np.asarray(d.column[table] == column)
            (k,) = np.flatnonzero(mine)
            item = int(d.item[table][k]) - d.size
            worst = max(worst, float(np.abs(derivatives[item] - array).max()))
    per = theirs_s / count
    print(
        f"DisCoPy Circuit.grad(mixed=False).lambdify().eval(): {count} derivatives of "
        f"{args.discopy_count} sentences in {theirs_s:.1f} s ({per * 1e3:.0f} ms each); "
        f"all {n_derivatives}: {per * n_derivatives:.0f} s (extrapolated)"
    )
    print(f"  max |ours - DisCoPy's| on those (float32 against float64): {worst:.1e}")
    print("\nRatios (same run):")
    print(f"  vs DisCoPy, steady: {per * n_derivatives / steady_s:,.0f}x (goal 1000x)")
    print(f"  vs DisCoPy, first (build + compile): {per * n_derivatives / first_s:,.0f}x")
    print(
        f"  vs jax.jacfwd, steady: {jac_steady / steady_s:.2f}x; first {jac_first / first_s:.2f}x"
    )
    lg = loss_times["loss_grad (derivative diagrams)"][1]
    for name in ("jax.grad", "parameter_shift_grad"):
        print(f"  loss gradient vs {name}, steady: {loss_times[name][1] / lg:.2f}x")


if __name__ == "__main__":
    main()
