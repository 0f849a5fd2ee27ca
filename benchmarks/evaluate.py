"""Evaluation throughput of the compiler against DisCoPy, lambeq and a hand-written einsum.

Run: ``.venv/bin/python benchmarks/evaluate.py [--sentences 10000] [--dims 2,8,32]``
(``--help`` for the rest; ``--quick`` for a small smoke run).

For each dimension ``d`` (every basic type, ``n`` and ``s``, gets ``d``) a fresh process:

1. generates ``--sentences`` seeded sentences of mixed shapes (``discojax.grammar.generate``,
   lengths ``--lengths``, equal shares), builds a ``TensorModel`` on them, and times
   ``model.prepare`` (parse, lower, bucket), the first call of ``jax.jit(model.apply)``
   (compilation, counted with ``discojax.compilations()``) and its steady state (best of
   repeated calls, ``block_until_ready``); then reads its peak resident memory;
2. the floor: for the largest bucket (most sentences) and the costliest (most flops), the
   bucket's per-sentence time inside ``model.apply`` against one jitted
   ``jnp.einsum(program.equation, *operands)`` over operands gathered beforehand (no gather,
   no scatter: what a hand-written einsum over a pre-stacked bucket costs), and against the
   same einsum with its gather written by hand (``table[ids]`` per operand, in one jit); and
   the whole batch's call against the sum of every bucket's floor, each timed alone;
3. DisCoPy 1.2's ``tensor.Functor`` on the same diagrams (``Parse.to_diagram()``, word tensors
   looked up from a dict: DisCoPy's own cost only). It contracts box by box after tensoring
   all words, so its intermediate has ``d ** (number of wires)`` entries: it is timed only on
   the sentences where that is at most ``--discopy-max-entries``, sampled, for at most
   ``--peer-sentences`` sentences or ``--peer-seconds`` seconds, and compared with discojax on
   the same subset (all of its sentences in the corpus);
4. lambeq 0.5 (the ``bench`` extra): the sampled diagrams converted with
   ``lambeq.backend.converters.discopy.from_discopy`` and lambeq's ``TensorAnsatz`` with the
   same dimensions; ``PytorchModel.from_diagrams`` (forward under ``torch.no_grad``) and
   ``NumpyModel.from_diagrams(use_jit=True)`` (made to accept tensor diagrams, see
   ``_common.lambeq_jit_model_class``; it compiles one function per diagram, so it is timed on
   ``--jit-sentences`` of them). First call and steady state are timed separately.

Peers are timed on samples, and their throughput is the sample's sentences per second
(extrapolated, as the table says). A last fresh process per dimension evaluates one 40-word
sentence, for its peak memory. All ratios come from this one run.
"""

from __future__ import annotations

import argparse
import datetime
import math
import os
import sys
import time
from collections.abc import Sequence
from typing import Any

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import _common as common

HERE = os.path.abspath(__file__)


def _wires(network: Any) -> int:
    return sum(len(ty) for ty in network.types)


def _time_ours(apply: Any, params: Any, batch: Any, seconds: float) -> tuple[float, float]:
    """First-call and steady-state seconds of ``apply(params, batch)``."""
    first, _ = common.timed(lambda: apply(params, batch).block_until_ready())
    steady = common.best_within(seconds, lambda: apply(params, batch).block_until_ready())
    return first, steady


def _einsum_floor(model: Any, params: Any, members: Sequence[Any], seconds: float) -> Any:
    """One jitted ``jnp.einsum`` over one bucket's operands, gathered beforehand: its time."""
    import jax
    import jax.numpy as jnp

    from discojax.compile import prepare

    # The floor: the plain einsum over rows gathered beforehand (no whole-table selection).
    gathered = prepare(model.networks(members), model.vocabulary, model.ansatz, whole=())
    (bucket,) = gathered.buckets
    program = bucket.program
    operands = [
        jnp.take(params[op.table], bucket.ids[:, op.word], axis=0) for op in program.operands
    ]
    jax.block_until_ready(operands)
    einsum = jax.jit(lambda *ops: jnp.einsum(program.equation, *ops))
    einsum(*operands).block_until_ready()
    floor = common.best_within(seconds, lambda: einsum(*operands).block_until_ready())
    return floor, bucket


def _gather_and_einsum(params: Any, bucket: Any, seconds: float) -> float:
    """The same hand-written einsum with its gather: ``table[ids]`` for each operand, inside."""
    import jax
    import jax.numpy as jnp

    program = bucket.program

    def gather_and_einsum(tables: Any, ids: Any) -> Any:
        rows = [jnp.take(tables[op.table], ids[:, op.word], axis=0) for op in program.operands]
        return jnp.einsum(program.equation, *rows)

    used = {op.table: params[op.table] for op in program.operands}
    hand = jax.jit(gather_and_einsum)
    hand(used, bucket.ids).block_until_ready()
    return common.best_within(seconds, lambda: hand(used, bucket.ids).block_until_ready())


def _floor(model: Any, params: Any, members: Sequence[Any], seconds: float) -> dict[str, Any]:
    """One bucket inside ``model.apply`` against one einsum over pre-gathered operands."""
    import jax

    batch = model.prepare(members)
    _, ours = _time_ours(jax.jit(model.apply), params, batch, seconds)
    floor, bucket = _einsum_floor(model, params, members, seconds)
    with_gather = _gather_and_einsum(params, bucket, seconds)
    n = len(members)
    return {
        "gather_and_einsum_us": 1e6 * with_gather / n,
        "sentences": n,
        "rows": int(bucket.ids.shape[0]),
        "words": bucket.program.n_words,
        "equation": bucket.program.equation,
        "flops_per_sentence": bucket.program.flops(1),
        "ours_us": 1e6 * ours / n,
        "floor_us": 1e6 * floor / n,
    }


def _discopy(
    model: Any, params: Any, texts: Sequence[str], dim: int, args: argparse.Namespace
) -> dict[str, Any]:
    """DisCoPy's tensor functor on a sample of the sentences it can hold in memory."""
    import jax
    import numpy as np
    from discopy import tensor
    from discopy.grammar import pregroup

    from discojax.grammar import format_type
    from discojax.grammar._types import from_discopy

    networks = model.networks(texts)
    subset = [i for i, net in enumerate(networks) if dim ** _wires(net) <= args.discopy_max_entries]
    result: dict[str, Any] = {
        "subset": len(subset),
        "subset_max_wires": max((_wires(networks[i]) for i in subset), default=0),
    }
    if not subset:
        return result
    rng = np.random.default_rng(args.seed)
    sample = rng.permutation(subset)[: args.peer_sentences].tolist()
    diagrams = [model.parser.parse(texts[i], model.target).to_diagram() for i in sample]
    tables = {name: np.asarray(value) for name, value in params.items()}
    cache: dict[tuple[str, Any], np.ndarray] = {}
    for diagram in diagrams:
        for box in diagram.boxes:
            if isinstance(box, pregroup.Word) and (box.name, box.cod) not in cache:
                type_string = format_type(from_discopy(box.cod))
                cache[(box.name, box.cod)] = tables[type_string][
                    model.vocabulary.index(box.name, type_string)
                ]
    functor = tensor.Functor(
        ob={pregroup.Ty(base): d for base, d in model.ansatz.dims.items()},
        ar=lambda box: cache[(box.name, box.cod)],
        dom=pregroup.Category(),
        dtype=float,
    )
    # Same meanings as discojax (checked on the first few).
    ours = np.asarray(model.apply(params, model.prepare([networks[i] for i in sample[:3]])))
    theirs = np.stack([np.asarray(functor(d).array) for d in diagrams[:3]])
    scale = max(1e-30, float(np.abs(ours).max()))
    result["max_relative_error"] = float(np.abs(ours - theirs).max()) / scale
    done, start = 0, time.perf_counter()
    for diagram in diagrams:
        functor(diagram)
        done += 1
        if time.perf_counter() - start > args.peer_seconds:
            break
    elapsed = time.perf_counter() - start
    result.update(sentences=done, seconds=elapsed, per_second=done / elapsed)
    # discojax on the same subset: every corpus sentence whose shape DisCoPy could hold.
    if len(subset) == len(texts):
        result["ours_same_subset"] = None
    else:
        batch = model.prepare([networks[i] for i in subset])
        _, steady = _time_ours(jax.jit(model.apply), params, batch, args.repeat_seconds)
        result["ours_same_subset"] = len(subset) / steady
    return result


def _lambeq(model: Any, texts: Sequence[str], dim: int, args: argparse.Namespace) -> dict[str, Any]:
    """lambeq's PytorchModel and (jitted) NumpyModel on a sample of the same diagrams."""
    try:
        import torch
        from lambeq import PytorchModel
    except ImportError as err:
        return {"missing": f"{err} (install the bench extra)"}
    import numpy as np

    rng = np.random.default_rng(args.seed + 1)
    sample = rng.permutation(len(texts))[: args.peer_sentences].tolist()
    diagrams = [model.parser.parse(texts[i], model.target).to_diagram() for i in sample]
    dims = dict(model.ansatz.dims)
    common.lambeq_tensor_diagrams(diagrams[:1], dims)  # imports out of the timing
    convert, lambeq_diagrams = common.timed(lambda: common.lambeq_tensor_diagrams(diagrams, dims))
    result: dict[str, Any] = {"sentences": len(diagrams), "convert_seconds": convert}

    def build_torch() -> Any:
        model = PytorchModel.from_diagrams(lambeq_diagrams)
        model.initialise_weights()
        return model

    build, torch_model = common.timed(build_torch)
    with torch.no_grad():
        first, out = common.timed(lambda: torch_model(lambeq_diagrams))
        assert tuple(out.shape) == (len(diagrams), dim), out.shape
        steady = common.best_of(2, lambda: torch_model(lambeq_diagrams))
    result["pytorch"] = {
        "sentences": len(diagrams),
        "build": build,
        "first": first,
        "steady": steady,
    }

    k = min(args.jit_sentences, len(diagrams))
    subset = lambeq_diagrams[:k]

    def build_jit() -> Any:
        model = common.lambeq_jit_model_class().from_diagrams(subset, use_jit=True)
        model.initialise_weights()
        return model

    build, jit_model = common.timed(build_jit)
    first, out = common.timed(lambda: jit_model(subset).block_until_ready())
    assert tuple(out.shape) == (k, dim), out.shape
    steady = common.best_of(2, lambda: jit_model(subset).block_until_ready())
    result["numpy_jit"] = {"sentences": k, "build": build, "first": first, "steady": steady}
    for entry in (result["pytorch"], result["numpy_jit"]):
        n = entry["sentences"]
        entry["per_second"] = n / entry["steady"]
        # From text's diagrams to meanings, compilation included: conversion, model, first call.
        entry["cold_per_second"] = 1 / (
            convert / len(diagrams) + (entry["build"] + entry["first"]) / n
        )
    return result


def child_dimension(args: argparse.Namespace) -> None:
    """One dimension, in a fresh process: discojax, the floor, then the peers."""
    import jax
    import jax.numpy as jnp

    import discojax as dj
    from discojax.compile._batch import schedule_of

    dim = args.child_dimension
    texts = common.mixed_corpus(args.sentences, common.parse_range(args.lengths), args.seed)
    jnp.zeros(()).block_until_ready()
    base_rss = common.current_rss_mb()
    ansatz = dj.TensorAnsatz({"n": dim, "s": dim})
    vocabulary, model = common.timed(lambda: dj.TensorModel.from_data(texts, ansatz))
    prepare, batch = common.timed(lambda: model.prepare(texts))
    params = model.init(jax.random.key(args.seed))
    apply = jax.jit(model.apply)
    before = dj.compilations()
    first, steady = _time_ours(apply, params, batch, args.repeat_seconds)
    compilations = dj.compilations() - before
    peak_rss = common.peak_rss_mb()
    apply(params, batch).block_until_ready()
    result: dict[str, Any] = {
        "dim": dim,
        "sentences": len(texts),
        "shapes": batch.shapes,
        "rows": sum(int(b.ids.shape[0]) for b in batch.buckets),
        "vocabulary_seconds": vocabulary,
        "prepare_seconds": prepare,
        "first_seconds": first,
        "steady_seconds": steady,
        "compilations": compilations,
        "recompilations": dj.compilations() - before - compilations,
        "einsums": len(schedule_of(batch).groups),
        "base_rss_mb": base_rss,
        "peak_rss_mb": peak_rss,
        "parameters": sum(int(v.size) for v in params.values()),
    }
    print(f"  d={dim}: discojax done ({batch.shapes} shapes)", file=sys.stderr, flush=True)

    groups: dict[tuple, list[Any]] = {}
    for network in model.networks(texts):
        groups.setdefault(network.signature, []).append(network)
    programs = [b.program for b in batch.buckets]  # prepare keeps first-appearance order
    members = list(groups.values())
    largest = max(range(len(members)), key=lambda k: len(members[k]))
    costliest = max(range(len(members)), key=lambda k: programs[k].flops(len(members[k])))
    result["largest_bucket"] = _floor(model, params, members[largest], args.repeat_seconds)
    result["costliest_bucket"] = _floor(model, params, members[costliest], args.repeat_seconds)
    # The whole batch against every bucket's hand-written einsum, each timed alone, summed.
    result["all_buckets_floor_seconds"] = sum(
        _einsum_floor(model, params, group, args.repeat_seconds / 10)[0] for group in members
    )
    print(f"  d={dim}: floor done", file=sys.stderr, flush=True)

    if not args.no_peers:
        result["discopy"] = _discopy(model, params, texts, dim, args)
        print(f"  d={dim}: DisCoPy done", file=sys.stderr, flush=True)
        result["lambeq"] = _lambeq(model, texts, dim, args)
        print(f"  d={dim}: lambeq done", file=sys.stderr, flush=True)
    common.emit(result)


def child_long(args: argparse.Namespace) -> None:
    """One 40-word sentence, in a fresh process: compile, evaluate, peak memory."""
    import jax
    import jax.numpy as jnp
    import opt_einsum

    import discojax as dj
    from discojax.grammar import generate

    dim = args.child_long
    (text,) = generate(1, length=args.long_words, seed=args.seed)
    jnp.zeros(()).block_until_ready()
    base_rss = common.current_rss_mb()
    model = dj.TensorModel.from_data([text], dj.TensorAnsatz({"n": dim, "s": dim}))
    prepare, batch = common.timed(lambda: model.prepare([text]))
    params = model.init(jax.random.key(args.seed))
    first, steady = _time_ours(jax.jit(model.apply), params, batch, args.repeat_seconds)
    program = batch.buckets[0].program
    shapes = [(1, *op.shape) for op in program.operands]
    _, info = opt_einsum.contract_path(
        program.equation, *shapes, shapes=True, optimize=list(program.path)
    )
    network = model.networks([text])[0]
    common.emit(
        {
            "dim": dim,
            "words": len(text.split()),
            "wires": _wires(network),
            "prepare_seconds": prepare,
            "first_seconds": first,
            "steady_seconds": steady,
            "largest_intermediate": int(info.largest_intermediate),
            "flops": program.flops(1),
            "base_rss_mb": base_rss,
            "peak_rss_mb": common.peak_rss_mb(),
        }
    )


def _child_arguments(args: argparse.Namespace) -> list[str]:
    keep = ["sentences", "lengths", "seed", "peer_sentences", "peer_seconds", "jit_sentences"]
    keep += ["discopy_max_entries", "repeat_seconds", "long_words"]
    out = [HERE]
    for name in keep:
        out += [f"--{name.replace('_', '-')}", str(getattr(args, name))]
    return out + (["--no-peers"] if args.no_peers else [])


def _rate(value: float | None) -> str:
    if value is None or not math.isfinite(value):
        return "n/a"
    return f"{value:,.0f}" if value >= 100 else f"{value:,.1f}"


def _ratio(a: float | None, b: float | None) -> float | None:
    return None if not a or not b else a / b


def _x(value: float | None) -> str:
    return "n/a" if value is None else f"{value:,.0f}×" if value >= 10 else f"{value:.2f}×"


def _met(ok: bool) -> str:
    return "met" if ok else "NOT met"


def report(
    args: argparse.Namespace, runs: list[dict[str, Any]], long: list[dict[str, Any]]
) -> None:
    """Print the tables, the goals and the one-line summary."""
    print("\n## Throughput, steady state (sentences per second; peers extrapolated from samples)\n")
    print(
        "| d | shapes | discojax | DisCoPy functor (sample of subset, max wires) "
        "| discojax on that subset | × DisCoPy | lambeq PytorchModel (sample) "
        "| lambeq NumpyModel jit (sample) | × lambeq's faster |"
    )
    print("|---:|---:|---:|---|---:|---:|---:|---:|---:|")
    goals: dict[int, dict[str, float | None]] = {}
    for r in runs:
        ours = r["sentences"] / r["steady_seconds"]
        dc, lq = r.get("discopy", {}), r.get("lambeq", {})
        same = dc.get("ours_same_subset") or ours
        pt, nj = lq.get("pytorch", {}), lq.get("numpy_jit", {})
        best = max([v for v in (pt.get("per_second"), nj.get("per_second")) if v], default=None)
        g = goals[r["dim"]] = {
            "discopy": _ratio(same, dc.get("per_second")),
            "lambeq": _ratio(ours, best),
        }
        dc_text = (
            f"{_rate(dc.get('per_second'))} ({dc['sentences']} of {dc['subset']:,}, "
            f"≤ {dc['subset_max_wires']})"
            if dc.get("sentences")
            else "n/a"
        )
        print(
            f"| {r['dim']} | {r['shapes']} | {_rate(ours)} | {dc_text} | {_rate(same)} "
            f"| {_x(g['discopy'])} | {_rate(pt.get('per_second'))} ({pt.get('sentences', 0)}) "
            f"| {_rate(nj.get('per_second'))} ({nj.get('sentences', 0)}) | {_x(g['lambeq'])} |"
        )

    errors = [
        r["discopy"]["max_relative_error"]
        for r in runs
        if "max_relative_error" in r.get("discopy", {})
    ]
    if errors:
        print(
            f"\nDisCoPy's meanings equal discojax's on the first 3 sampled sentences of each d "
            f"(largest relative difference {max(errors):.1e}, float32)."
        )
    print("\n## Cold: from text (or diagrams) to meanings, compilation included\n")
    print(
        "| d | discojax: vocabulary + prepare + first call (s) | discojax (sent/s) "
        "| lambeq PytorchModel: convert + build + first call (sent/s) "
        "| lambeq NumpyModel jit: same (sent/s) | × lambeq's faster |"
    )
    print("|---:|---|---:|---:|---:|---:|")
    for r in runs:
        lq = r.get("lambeq", {})
        pt, nj = lq.get("pytorch", {}), lq.get("numpy_jit", {})
        cold = r["vocabulary_seconds"] + r["prepare_seconds"] + r["first_seconds"]
        ours = r["sentences"] / cold
        best = max(
            [v for v in (pt.get("cold_per_second"), nj.get("cold_per_second")) if v], default=None
        )
        goals[r["dim"]]["cold_lambeq"] = _ratio(ours, best)
        print(
            f"| {r['dim']} | {r['vocabulary_seconds']:.2f} + {r['prepare_seconds']:.2f} + "
            f"{r['first_seconds']:.2f} = {cold:.1f} | {_rate(ours)} "
            f"| {_rate(pt.get('cold_per_second'))} | {_rate(nj.get('cold_per_second'))} "
            f"| {_x(goals[r['dim']]['cold_lambeq'])} |"
        )

    print("\n## Calls and compilations\n")
    print(
        "| d | sentences | shapes | compilations | batched einsums | recompilations, 2nd call "
        "| discojax steady call | every bucket's einsum floor, summed | ratio "
        "| lambeq Pytorch first / steady | lambeq jit first / steady |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in runs:
        lq = r.get("lambeq", {})
        pt, nj = lq.get("pytorch", {}), lq.get("numpy_jit", {})
        print(
            f"| {r['dim']} | {r['sentences']:,} | {r['shapes']} | {r['compilations']} "
            f"| {r['einsums']} | {r['recompilations']} | {r['steady_seconds'] * 1e3:.2f} ms "
            f"| {r['all_buckets_floor_seconds'] * 1e3:.2f} ms "
            f"| {r['steady_seconds'] / r['all_buckets_floor_seconds']:.2f}× "
            f"| {pt.get('first', math.nan):.2f} s / {1e3 * pt.get('steady', math.nan):.0f} ms "
            f"({pt.get('sentences', 0)}) | {nj.get('first', math.nan):.2f} s / "
            f"{1e3 * nj.get('steady', math.nan):.1f} ms ({nj.get('sentences', 0)}) |"
        )

    print("\n## Against the hand-written einsum floor (µs per sentence, one bucket)\n")
    print(
        "| d | bucket | sentences (rows) | equation | flops/sentence | discojax | einsum floor | ratio "
        "| hand-written gather + einsum | ratio |"
    )
    print("|---:|---|---:|---|---:|---:|---:|---:|---:|---:|")
    floors = []
    for r in runs:
        for name in ("largest_bucket", "costliest_bucket"):
            b = r[name]
            ratio = b["ours_us"] / b["floor_us"]
            if name == "largest_bucket":
                floors.append(ratio)
            print(
                f"| {r['dim']} | {name.split('_')[0]} | {b['sentences']} ({b['rows']}) "
                f"| `{b['equation']}` | {b['flops_per_sentence']:,} | {b['ours_us']:.3f} "
                f"| {b['floor_us']:.3f} | {ratio:.2f}× | {b['gather_and_einsum_us']:.3f} "
                f"| {b['ours_us'] / b['gather_and_einsum_us']:.2f}× |"
            )

    print("\n## Peak memory (resident set, MiB; a fresh process each)\n")
    print("| d | run | peak RSS | after imports | increase |")
    print("|---:|---|---:|---:|---:|")
    for r in runs:
        print(
            f"| {r['dim']} | {r['sentences']:,} sentences: prepare, compile, evaluate "
            f"| {r['peak_rss_mb']:,.0f} | {r['base_rss_mb']:,.0f} "
            f"| {r['peak_rss_mb'] - r['base_rss_mb']:,.0f} |"
        )
    for r in long:
        print(
            f"| {r['dim']} | one {r['words']}-word sentence ({r['wires']} wires, largest "
            f"intermediate {r['largest_intermediate']:,} entries; compile {r['first_seconds']:.2f} s, "
            f"then {r['steady_seconds'] * 1e6:,.0f} µs) | {r['peak_rss_mb']:,.0f} "
            f"| {r['base_rss_mb']:,.0f} | {r['peak_rss_mb'] - r['base_rss_mb']:,.0f} |"
        )

    compiled_once = all(r["compilations"] <= r["shapes"] and not r["recompilations"] for r in runs)
    lambeq_ok = all((g["lambeq"] or 0) >= 100 for g in goals.values())
    discopy_ok = all((g["discopy"] or 0) >= 1000 for g in goals.values())
    floor_ok = max(floors) <= 2
    print("\n## Goals\n")
    print(f"- ≥ 100× lambeq's faster model (steady state): {_met(lambeq_ok)}")
    print(f"- ≥ 1000× DisCoPy: {_met(discopy_ok)}")
    print(f"- within 2× of the einsum floor (largest bucket): {_met(floor_ok)}")
    print(f"- compilations ≤ shapes, none on a second call: {_met(compiled_once)}")
    parts = [
        f"d={d}: {_x(g['discopy'])} DisCoPy, {_x(g['lambeq'])} lambeq "
        f"({_x(g.get('cold_lambeq'))} cold)"
        for d, g in goals.items()
    ]
    print(
        "\nSUMMARY: "
        + "; ".join(parts)
        + f"; largest bucket {min(floors):.2f}-{max(floors):.2f}× the einsum floor; "
        + ("compilations ≤ shapes" if compiled_once else "compilations > shapes")
        + "; goals: "
        + ("all met" if lambeq_ok and discopy_ok and floor_ok and compiled_once else "NOT all met")
    )


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--sentences", type=int, default=10_000)
    options.add_argument("--dims", default="2,8,32", help="noun/sentence dimensions, e.g. 2,8,32")
    options.add_argument("--lengths", default="2-6", help="sentence lengths, e.g. 2-6 or 3,5")
    options.add_argument("--seed", type=int, default=0)
    options.add_argument("--peer-sentences", type=int, default=200)
    options.add_argument("--peer-seconds", type=float, default=10.0)
    options.add_argument("--jit-sentences", type=int, default=30)
    options.add_argument("--discopy-max-entries", type=int, default=2**25)
    options.add_argument("--repeat-seconds", type=float, default=1.0)
    options.add_argument("--long-words", type=int, default=40)
    options.add_argument("--no-peers", action="store_true", help="discojax and the floor only")
    options.add_argument("--quick", action="store_true", help="a small smoke run")
    options.add_argument("--child-dimension", type=int, help=argparse.SUPPRESS)
    options.add_argument("--child-long", type=int, help=argparse.SUPPRESS)
    args = options.parse_args()
    if args.child_dimension:
        return child_dimension(args)
    if args.child_long:
        return child_long(args)
    if args.quick:
        args.sentences, args.peer_sentences, args.jit_sentences = 500, 20, 5
        args.peer_seconds, args.repeat_seconds, args.lengths = 3.0, 0.2, "2-4"

    dims = common.parse_range(args.dims)
    print("# discojax evaluation benchmark")
    print()
    print(f"- date: {datetime.date.today().isoformat()}; machine: {common.machine()}")
    print(f"- discojax revision: {common.revision()}")
    print(f"- load average at start: {os.getloadavg()[0]:.1f} (absolute figures are noisy)")
    print(
        f"- corpus: {args.sentences:,} generated sentences, lengths {args.lengths}, seed {args.seed}; "
        f"peers on samples of ≤ {args.peer_sentences} sentences or {args.peer_seconds:.0f} s "
        f"(NumpyModel jit: {args.jit_sentences}); DisCoPy on sentences with ≤ "
        f"{args.discopy_max_entries:,} entries in its widest tensor"
    )
    runs, long = [], []
    for dim in dims:
        print(f"dimension {dim}…", file=sys.stderr, flush=True)
        runs.append(common.run_child([*_child_arguments(args), "--child-dimension", str(dim)]))
    for dim in dims:
        long.append(common.run_child([*_child_arguments(args), "--child-long", str(dim)]))
    report(args, runs, long)


if __name__ == "__main__":
    main()
