"""Parser throughput on generated sentences of 5, 10, 20 and 40 words, against DisCoPy.

Run: ``.venv/bin/python benchmarks/parser.py [--seed 0] [--scale 1.0]``

For each length, the same seeded sentences (``discojax.grammar.generate``) are parsed by

- discojax's chart parser (``Parser.parse``: tokens to a :class:`Parse`), and the same followed
  by ``Parse.to_diagram()`` (a DisCoPy diagram, what DisCoPy's parser returns);
- DisCoPy 1.2's ``grammar.pregroup.eager_parse``, given each word as a ``Word`` with the type
  discojax chose for it. DisCoPy has no lexicon: it does not choose among a word's types, so it
  is handed the easier problem; it cups the first adjacent cancelling pair again and again and
  gives up (``NotImplementedError``) when that greedy order gets stuck, which the table counts.
  (``pregroup.brute_force`` enumerates sentences of a vocabulary, exponential in the length; it is
  no parser of given sentences and is not timed.)

Prints sentences per second and the ratio discojax / DisCoPy, all measured in this run.
"""

from __future__ import annotations

import argparse
import platform
import time
from collections.abc import Sequence

from _common import best_of
from discopy.grammar.pregroup import Ty, Word, eager_parse

from discojax.grammar import Parse, default_parser, generate
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


if __name__ == "__main__":
    main()
