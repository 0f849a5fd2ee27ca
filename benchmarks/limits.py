"""Limits: the largest input each stage accepts, its time and peak memory, and the error past it.

Run:  nice -n 10 .venv/bin/python benchmarks/limits.py   (a few minutes; --quick: a minute)

Each stage has a documented bound (issue 19, item 9): the tokeniser takes
``grammar._tokenize.MAX_CHARS`` characters, the parser ``grammar.MAX_WORDS`` words (and the
generator as many), a model's parameter tables and any one sentence's contraction
intermediate ``compile._budget.MAX_ENTRIES`` numbers. For each stage this prints one Markdown
row per input at (or near) the bound: the input, the wall time of a first call (untraced),
the peak memory of a second call (``tracemalloc``: Python and NumPy allocations; XLA's own
buffers are not seen, and caches filled by the first call are not counted again), then what
one step past the bound raises. Data files are read line by line, so their bound is the
disk: a 100,000-line labelled file shows memory proportional to the sentences kept.

>>> seconds, mib, result = measure(lambda: sum(range(1000)))
>>> result, seconds < 1.0, mib < 1.0
(499500, True, True)
>>> refusal(lambda: int("x"), width=20)
'ValueError: invalid literal for...'
"""

from __future__ import annotations

import argparse
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any


def measure(work: Callable[[], Any]) -> tuple[float, float, Any]:
    """Wall seconds of a first call of ``work``, peak traced MiB of a second, and its result."""
    started = time.perf_counter()
    work()
    seconds = time.perf_counter() - started
    tracemalloc.start()
    try:
        result = work()
        peak = tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()
    return seconds, peak, result


def refusal(work: Callable[[], Any], width: int = 90) -> str:
    """What ``work`` raises, as ``Type: message`` cut after ``width`` characters."""
    try:
        work()
    except Exception as err:  # the point: report whatever it is
        text = str(err).replace(tempfile.gettempdir() + "/", "")
        text = text if len(text) <= width else text[:width] + "..."
        return f"{type(err).__name__}: {text}"
    return "(accepted)"


def rows(quick: bool) -> list[tuple[str, str, str, float, float, str]]:
    """(stage, input, outcome, seconds, MiB, past the bound) for every case."""
    import jax

    import discojax as dj
    from discojax.compile import _budget
    from discojax.compile._batch import lower_cached
    from discojax.data import read_labelled
    from discojax.grammar import MAX_WORDS, SentenceGenerator, generate, parse
    from discojax.grammar._tokenize import MAX_CHARS, split_words

    found = []

    def case(stage: str, text: str, work: Callable[[], Any], outcome: Callable[[Any], str],
             past: Callable[[], Any]) -> None:  # fmt: skip
        seconds, mib, result = measure(work)
        found.append((stage, text, outcome(result), seconds, mib, refusal(past)))
        print(f"  {stage}: {text}: {seconds:.2f} s", flush=True)

    words = MAX_WORDS
    case("tokenise", f"{MAX_CHARS:,} characters", lambda: split_words("ab, " * (MAX_CHARS // 4)),
         lambda r: f"{len(r):,} words", lambda: split_words("x" * (MAX_CHARS + 1)))  # fmt: skip
    chains = {
        "prepositions (man in house in house … runs)": "man " + "in house " * ((words - 2) // 2)
        + "runs",
        "relative clauses (man who sees dog who sees … runs)": "man "
        + "who sees dog " * ((words - 2) // 3) + "runs",
        "adjectives (big big … man runs)": "big " * (words - 2) + "man runs",
        "sentences joined by 'and'": " and ".join(["man runs"] * ((words + 1) // 3)),
    }  # fmt: skip
    if quick:
        chains = dict(list(chains.items())[2:3])
    for name, text in chains.items():
        case("parse", f"{name}, {len(text.split())} words", lambda t=text: parse(t),
             lambda p: f"{len(p.cups)} cups", lambda t=text: parse(t + " and dog runs"))  # fmt: skip
    longest = next(iter(chains.values()))
    model = dj.TensorModel.from_data([longest], dj.TensorAnsatz({"n": 2, "s": 2}))

    def prepare() -> Any:
        lower_cached.cache_clear()  # each call searches the path again
        return model.prepare([longest])

    case("prepare (path search, n = s = 2)", f"the first parse above, {len(longest.split())} words",
         prepare,
         lambda b: f"{b.shapes} shape, {b.buckets[0].program.flops():,} flops",
         lambda: model.prepare([longest + " and dog runs"]))  # fmt: skip
    n = 1024 if quick else 4096
    big = dj.TensorModel.from_data(["man cooks meal"], dj.TensorAnsatz({"n": n, "s": 2}))
    entries = sum(int(__import__("math").prod(s)) for s in big.table_shapes().values())
    huge = dj.TensorModel.from_data(["man cooks meal"], dj.TensorAnsatz({"n": 100000, "s": 2}))
    case("init (tables)", f"'man cooks meal', n = {n}, s = 2: {entries:,} numbers",
         lambda: jax.block_until_ready(big.init(jax.random.key(0))),
         lambda p: f"budget {_budget.MAX_ENTRIES:,}", lambda: huge.init(jax.random.key(0)))  # fmt: skip
    length = 40 if quick else words
    case("generate", f"generate(1, length={length})",  # a new generator: no cached tables
         lambda: SentenceGenerator().sample(1, length=length),
         lambda s: f"{len(s[0].split())} words", lambda: generate(1, length=words + 1))  # fmt: skip
    lines = 10_000 if quick else 100_000
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "train.txt"
        path.write_text("".join(f"{i % 2} man {i} runs .\n" for i in range(lines)))
        bad = Path(folder) / "bad.txt"
        bad.write_bytes(path.read_bytes()[:1000] + b"1 caf\xe9 runs\n")
        case("read labelled data", f"{lines:,} lines, {path.stat().st_size / 2**20:.1f} MiB",
             lambda: read_labelled(path), lambda d: f"{len(d):,} sentences",
             lambda: read_labelled(bad))  # fmt: skip
    return found


def table(found: list[tuple[str, str, str, float, float, str]]) -> str:
    """The rows as a Markdown table.

    >>> print(table([("parse", "2 words", "1 cup", 0.01, 0.5, "ParseError: x")]))
    | stage | largest input accepted | result | time (s) | peak MiB | one step past it |
    |---|---|---|---:|---:|---|
    | parse | 2 words | 1 cup | 0.01 | 0.5 | ParseError: x |
    """
    lines = [
        "| stage | largest input accepted | result | time (s) | peak MiB | one step past it |",
        "|---|---|---|---:|---:|---|",
    ]
    for stage, text, outcome, seconds, mib, past in found:
        past = past.replace("|", "\\|")
        lines.append(f"| {stage} | {text} | {outcome} | {seconds:.2f} | {mib:.1f} | {past} |")
    return "\n".join(lines)


def main() -> None:
    """Measure every stage and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller inputs, about a minute")
    args = parser.parse_args()
    print(table(rows(args.quick)))


if __name__ == "__main__":
    main()
