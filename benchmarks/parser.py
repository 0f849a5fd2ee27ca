"""Parser throughput on generated and real sentences, against DisCoPy; lexicon load and memory.

Run: ``.venv/bin/python benchmarks/parser.py [--seed 0] [--scale 1.0] [--data ../shared/data]``

For each length, the same seeded sentences (``discojax.grammar.generate``) are parsed by

- discojax's chart parser (``Parser.parse``: tokens to a :class:`Parse`), and the same followed
  by ``Parse.to_diagram()`` (a DisCoPy diagram, what DisCoPy's parser returns);
- DisCoPy 1.2's ``grammar.pregroup.eager_parse``, given each word as a ``Word`` with the type
  discojax chose for it. DisCoPy has no lexicon: it does not choose among a word's types, so it
  is handed the easier problem; it cups the first adjacent cancelling pair again and again and
  gives up (``NotImplementedError``) when that greedy order gets stuck, which the table counts.
  (``pregroup.brute_force`` enumerates sentences of a vocabulary, exponential in the length; it is
  no parser of given sentences and is not timed.)

Prints sentences per second and the ratio discojax / DisCoPy, all measured in this run. Then,
with the wide lexicon (curated classes, the form table, unknown words guessed), sentences per
second on real text: UD English Web Treebank dev sentences of about 10, 20 and 40 words
(punctuation left out; those with a parse to ``s``, ``q`` or a fragment type, and those
without, which cost a full chart too), tagged and parsed one sentence at a time, the best of
seven passes, as a shared machine's speed varies between passes (the tagger's weights are
loaded before; the lexicon's lookups of the words are cached after the first pass, as in a
long run over a corpus); and the same with ``scoring="arcs"`` (the cheapest parses reranked by
the tagger's head scorer), best of three. Last, in a fresh process: the time to import ``discojax.grammar``, to
load the bundled lexicon with its form table (first lookup included), and the peak memory.
"""

from __future__ import annotations

import argparse
import json
import platform
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from _common import best_of
from discopy.grammar.pregroup import Ty, Word, eager_parse

from discojax.data import read_conllu
from discojax.errors import ParseError
from discojax.grammar import Parse, Parser, default_parser, generate
from discojax.grammar._types import to_discopy

COUNTS = {5: 200, 10: 100, 20: 30, 40: 10}


def discopy_words(result: Parse) -> list[Word]:
    return [Word(e.word, to_discopy(e.type)) for e in result.entries]


def eager(words_per_sentence: Sequence[list[Word]]) -> tuple[float, int]:
    """Seconds for DisCoPy's eager_parse over all sentences, and how many it parsed."""
    parsed = 0
    start = time.perf_counter()
    for words in words_per_sentence:
        try:
            eager_parse(*words, target=Ty("s"))
            parsed += 1
        except NotImplementedError:
            pass
    return time.perf_counter() - start, parsed


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--seed", type=int, default=0)
    options.add_argument("--scale", type=float, default=1.0, help="multiply sentence counts")
    options.add_argument("--data", type=Path, default=Path("../shared/data"))
    args = options.parse_args()
    parser = default_parser()
    parser.parse("man runs")  # load the lexicon before timing
    print(f"# parser throughput, {platform.processor() or platform.machine()}, one thread")
    print()
    print(
        "| words | sentences | discojax parse (sent/s) | discojax parse + diagram (sent/s) "
        "| DisCoPy eager_parse (sent/s) | eager_parse parsed | ratio parse | ratio parse + diagram |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|")
    for length, count in COUNTS.items():
        n = max(1, round(count * args.scale))
        sentences = generate(n, length=length, seed=args.seed + length)
        parses = [parser.parse(s) for s in sentences]
        assert all(p.target == (("s", 0),) for p in parses)
        ours = best_of(3, lambda: [parser.parse(s) for s in sentences])  # noqa: B023
        ours_diagram = best_of(1, lambda: [parser.parse(s).to_diagram() for s in sentences])  # noqa: B023
        theirs, parsed = eager([discopy_words(p) for p in parses])
        print(
            f"| {length} | {n} | {n / ours:,.0f} | {n / ours_diagram:,.0f} | {n / theirs:,.1f} "
            f"| {parsed}/{n} | {theirs / ours:,.0f}× | {theirs / ours_diagram:,.1f}× |"
        )
    real_text(args.data, args.seed)
    load_time()


LOAD = """
import json, resource, time
start = time.perf_counter()
import discojax.grammar
imported = time.perf_counter()
lexicon = discojax.grammar.load_lexicon("english")
lexicon.entries("man")
loaded = time.perf_counter()
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps([imported - start, loaded - imported, peak, len(lexicon)]))
"""


def load_time() -> None:
    """Import and lexicon load in a fresh process (median of 3), and its peak memory."""
    runs = [
        json.loads(
            subprocess.run(
                [sys.executable, "-c", LOAD], capture_output=True, check=True, text=True
            ).stdout
        )
        for _ in range(3)
    ]
    runs.sort(key=lambda r: r[1])
    imported, loaded, peak, size = runs[1]
    print(
        f"\nlexicon: {size:,} word forms; import discojax.grammar {imported:.2f} s; "
        f"load_lexicon('english') with the form table and a first lookup {loaded:.2f} s; "
        f"peak memory of the process {peak:,.0f} MB (median of 3 fresh processes)"
    )


def real_text(data: Path, seed: int) -> None:
    """Sentences per second on treebank sentences of about 10, 20 and 40 words."""
    path = data / "ud-ewt" / "en_ewt-ud-dev.conllu"
    if not path.is_file():
        print(f"\n(no {path}: real-text throughput skipped)")
        return
    lexicon = default_parser().lexicon
    parser = Parser(lexicon, unknown_words="guess")
    reranking = Parser(lexicon, unknown_words="guess", scoring="arcs")
    sentences = [
        [t.form for t in s.tokens if any(c.isalnum() for c in t.form)] for s in read_conllu(path)
    ]
    print(
        "\n| words (real text, EWT dev) | sentences | parsed | discojax parse (sent/s) "
        "| scoring='arcs' (sent/s) |"
    )
    print("|---:|---:|---:|---:|---:|")
    parser.parse("warm up", "s|q|n|n.r s|s s")  # loads the tagger's weights, once

    def parse_each(chosen: list[list[str]], by: Parser = parser) -> int:
        """Parse each sentence; how many parse."""
        parsed = 0
        for words in chosen:
            try:
                by.parse(words, "s|q|n|n.r s|s s")
                parsed += 1
            except ParseError:
                pass
        return parsed

    for length in (10, 20, 40):
        chosen = [w for w in sentences if abs(len(w) - length) <= max(1, length // 10)]
        parsed = parse_each(chosen)
        elapsed = best_of(7, lambda: parse_each(chosen))  # noqa: B023 (called at once)
        slower = best_of(3, lambda: parse_each(chosen, reranking))  # noqa: B023
        print(
            f"| {length} ± {max(1, length // 10)} | {len(chosen)} | {parsed} "
            f"| {len(chosen) / elapsed:,.0f} | {len(chosen) / slower:,.0f} |"
        )


if __name__ == "__main__":
    main()
