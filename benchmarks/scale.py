"""Scale: parse, bucket and train on 10^4 … 10^6 generated sentences; steps on 1, 2, 4 devices.

Run:  .venv/bin/python benchmarks/scale.py [--sizes 10000 100000 1000000] [--devices 1 2 4]
      [--device-sentences 20000]   (small values for a smoke run)

Each size runs in a fresh process, so its peak RSS is its own. Sentences come from the
grammar's seeded generator over a lexicon of at least 5,000 words: the bundled English
grammar plus numbered pseudo-words in its open classes (nouns, adjectives, verbs), with
lengths 3 to 6 mixed evenly (a few hundred shapes). One epoch is every minibatch of 4,096
sentences (no whole-set evaluation); its time is the second epoch's, after compilation.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
import tomllib
from importlib import resources

import numpy as np

LENGTHS = (3, 4, 5, 6)
OPEN_CLASSES = {"noun": 2600, "adjective": 300, "transitive_verb": 600, "intransitive_verb": 300}


def big_lexicon():
    """The English lexicon plus pseudo-words, at least 5,000 words in all."""
    from discojax.grammar import Lexicon

    text = (resources.files("discojax") / "grammars" / "english.toml").read_text()
    data = tomllib.loads(text)
    for name, extra in OPEN_CLASSES.items():
        data["classes"][name]["words"] = data["classes"][name]["words"] + [
            f"{name.split('_')[0]}{i:04d}" for i in range(extra)
        ]
    lexicon = Lexicon.from_dict(data, source="english+pseudo")
    assert len(lexicon) >= 5000, len(lexicon)
    return lexicon


def sentences(lexicon, n: int, seed: int = 0):
    from discojax.grammar import SentenceGenerator

    generator = SentenceGenerator(lexicon)
    per = -(-n // len(LENGTHS))
    out = []
    for k, length in enumerate(LENGTHS):
        out += generator.sample(per, length=length, seed=seed * 100 + k)
    return out[:n]


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def one_size(n: int) -> dict:
    import jax
    import jax.numpy as jnp

    import discojax as dj
    from discojax.compile import ParsedCorpus
    from discojax.grammar import Parser
    from discojax.train import TrainConfig, fit

    lexicon = big_lexicon()
    t = time.perf_counter()
    texts = sentences(lexicon, n)
    generate_s = time.perf_counter() - t
    t = time.perf_counter()
    corpus = ParsedCorpus.build(iter(texts), Parser(lexicon))
    parse_s = time.perf_counter() - t
    del texts
    with tempfile.TemporaryDirectory() as folder:
        t = time.perf_counter()
        corpus.save(os.path.join(folder, "corpus"))
        corpus = ParsedCorpus.load(os.path.join(folder, "corpus"))
        cache_s = time.perf_counter() - t
    ansatz = dj.TensorAnsatz({"n": 4, "s": 2})
    vocabulary = corpus.vocabulary()
    t = time.perf_counter()
    batch = corpus.batch(vocabulary, ansatz)
    bucket_s = time.perf_counter() - t
    model = dj.TensorModel(ansatz, vocabulary)
    labels = jnp.asarray(np.random.default_rng(0).integers(0, 2, n))
    config = TrainConfig(epochs=2, batch_size=4096, learning_rate=0.01, train_metrics=False)
    t = time.perf_counter()
    result = fit(model, model.init(jax.random.key(0)), batch, labels, config=config, callbacks=())
    total_s = time.perf_counter() - t
    epoch_s = result.history[1]["seconds"]
    return {
        "sentences": n,
        "words": len(vocabulary),
        "shapes": batch.shapes,
        "generate_s": generate_s,
        "parse_s": parse_s,
        "parse_rate": n / parse_s,
        "cache_save_load_s": cache_s,
        "bucket_s": bucket_s,
        "first_epoch_s": total_s - epoch_s,
        "epoch_s": epoch_s,
        "peak_rss_mb": peak_rss_mb(),
    }


def one_device_count(k: int, n: int = 20000) -> dict:
    import jax
    import jax.numpy as jnp

    import discojax as dj
    from discojax.compile import ParsedCorpus
    from discojax.grammar import Parser
    from discojax.train import TrainConfig, data_mesh, fit

    assert len(jax.devices()) == k
    lexicon = big_lexicon()
    corpus = ParsedCorpus.build(sentences(lexicon, n), Parser(lexicon))
    ansatz = dj.TensorAnsatz({"n": 8, "s": 2})
    model = dj.TensorModel(ansatz, corpus.vocabulary())
    batch = corpus.batch(model.vocabulary, ansatz)
    labels = jnp.asarray(np.random.default_rng(0).integers(0, 2, n))
    config = TrainConfig(epochs=3, batch_size=4096, learning_rate=0.01, train_metrics=False)
    mesh = data_mesh() if k > 1 else None
    result = fit(
        model,
        model.init(jax.random.key(0)),
        batch,
        labels,
        config=config,
        mesh=mesh,
        callbacks=(),
    )
    steps = -(-n // 4096)
    return {
        "devices": k,
        "platform": jax.devices()[0].platform,
        "step_ms": 1000 * min(r["seconds"] for r in result.history[1:]) / steps,
        "losses": [r["step_loss"] for r in result.history],
    }


def child(args: list[str], env: dict | None = None) -> dict:
    done = subprocess.run(
        [sys.executable, __file__, *args], capture_output=True, text=True, env=env, check=False
    )
    if done.returncode != 0:
        raise RuntimeError(done.stderr[-4000:])
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--devices", type=int, nargs="*", default=[1, 2, 4])
    parser.add_argument("--one-size", type=int, help=argparse.SUPPRESS)
    parser.add_argument(
        "--device-sentences", type=int, default=20_000, help="sentences of the device-count runs"
    )
    parser.add_argument("--one-device-count", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one_size:
        print(json.dumps(one_size(args.one_size)))
        return
    if args.one_device_count:
        print(json.dumps(one_device_count(args.one_device_count, args.device_sentences)))
        return

    rows = []
    for n in args.sizes:
        rows.append(child(["--one-size", str(n)]))
        r = rows[-1]
        print(
            f"{r['sentences']:>9,} sentences, {r['words']:,} words, {r['shapes']} shapes: "
            f"parse {r['parse_s']:.1f}s ({r['parse_rate']:,.0f}/s), cache save+load "
            f"{r['cache_save_load_s']:.2f}s, bucket {r['bucket_s']:.2f}s, epoch {r['epoch_s']:.2f}s "
            f"(first epoch incl. compile {r['first_epoch_s']:.1f}s), peak RSS {r['peak_rss_mb']:,.0f} MB",
            flush=True,
        )
    print("\n| sentences | parse s | parse/s | bucket s | epoch s | peak RSS MB |")
    print("|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        print(
            f"| {r['sentences']:,} | {r['parse_s']:.1f} | {r['parse_rate']:,.0f} | "
            f"{r['bucket_s']:.2f} | {r['epoch_s']:.2f} | {r['peak_rss_mb']:,.0f} |"
        )
    if len(rows) > 1:
        print("\nLinearity (cost per sentence relative to the smallest size; 1.0 = linear):")
        base = rows[0]
        for r in rows[1:]:
            scale = r["sentences"] / base["sentences"]
            print(
                f"  {r['sentences']:,}: parse {r['parse_s'] / base['parse_s'] / scale:.2f}, "
                f"bucket {r['bucket_s'] / base['bucket_s'] / scale:.2f}, "
                f"epoch {r['epoch_s'] / base['epoch_s'] / scale:.2f}"
            )
    if args.devices:
        print("\n| devices | platform | step ms (4,096 sentences) | loss after 3 epochs |")
        print("|---:|---|---:|---:|")
        for k in args.devices:
            env = {**os.environ, "XLA_FLAGS": f"--xla_force_host_platform_device_count={k}"}
            r = child(
                ["--one-device-count", str(k), "--device-sentences", str(args.device_sentences)],
                env,
            )
            print(
                f"| {k} | {r['platform']} | {r['step_ms']:.1f} | {r['losses'][-1]:.6f} |",
                flush=True,
            )


if __name__ == "__main__":
    main()
