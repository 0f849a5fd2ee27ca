"""The trained supertagger: accuracy, the parses it picks against the gold trees, speed, and
whether its weights regenerate to the same bytes.

Run: ``.venv/bin/python benchmarks/tagger.py [DATA_DIR] [--no-train]`` (default
``../shared/data``; the UD English Web Treebank is ``DATA_DIR/ud-ewt``).

Prints, in one run:

1. **Gold supertags** (:func:`discojax.tagger.gold_supertags`) of EWT dev and test: sentences
   of at most 40 words that parse, that convert completely, and the most missed relations.
2. **Supertag accuracy** of the bundled tagger on dev and test against those gold supertags,
   three ways: every word of every converted sentence; the words whose gold head the
   converting parse reproduces (the others' classes are the search's guess); every word of the
   completely converted sentences (the gold supertags proper).
3. **Parses against the gold trees** on EWT test, sentences of 3-25 words (punctuation left
   out), to ``s``, ``q`` or a fragment type, unknown words guessed: coverage and unlabelled
   attachment agreement, scoring by the tagger and by the grammar's costs only, side by side,
   and the ceiling: the best-agreeing of the 30 cheapest parses.
4. **Speed**: sentences per second on EWT dev sentences of about 10 and 25 words: tagging and
   parsing one sentence at a time, the same through ``Parser.parse_many`` (all tagged in one
   batch first), parsing by costs only, and tagging alone, one sentence at a
   time (NumPy) and batched (JAX, jitted per length bucket, after a first call compiles).
5. **Training** (unless ``--no-train``): ``discojax train-tagger`` in a child process: its wall
   time and peak memory, and whether the weights it writes equal the bundled file byte for byte.
"""

from __future__ import annotations

import argparse
import filecmp
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from discojax.data import read_conllu
from discojax.errors import DiscojaxError
from discojax.grammar import Parser, dependency_heads, load_lexicon
from discojax.tagger import bundled_tagger, content_words, conversion_report, gold_supertags
from discojax.tagger._corpus import LONGEST
from discojax.tagger._tagger import BUNDLED

TARGETS = "s|q|n|n.r s|s s"
ROOT = Path(__file__).resolve().parents[1]


def converted(path: Path, parser: Parser) -> list:
    found = []
    for sentence in read_conllu(path):
        n = len(content_words(sentence)[0])
        found.append(gold_supertags(sentence, parser) if n <= LONGEST else None)
    return found


def accuracy(golds: list, tagger) -> dict[str, tuple[int, int]]:
    kept = [g for g in golds if g is not None]
    probabilities = tagger.probabilities_batch([list(g.words) for g in kept])
    counts = {"all words": [0, 0], "words whose head agrees": [0, 0], "complete sentences": [0, 0]}
    for gold, sentence in zip(kept, probabilities, strict=True):
        for cls, agrees, p in zip(gold.classes, gold.agrees, sentence, strict=True):
            right = max(p, key=p.get) == cls
            for name, counted in (
                ("all words", True),
                ("words whose head agrees", agrees),
                ("complete sentences", gold.complete),
            ):
                if counted:
                    counts[name][0] += right
                    counts[name][1] += 1
    return {name: (a, b) for name, (a, b) in counts.items()}


def agreement(path: Path, parser: Parser, ceiling: bool = False) -> tuple[int, int, int, int]:
    """(parsed, sentences, agreeing arcs, arcs) on the sentences of 3-25 words."""
    parsed = total = right = arcs = 0
    lexicon = parser.lexicon
    for sentence in read_conllu(path):
        tokens, gold = content_words(sentence)
        if not 3 <= len(tokens) <= 25:
            continue
        total += 1
        words = [t.form for t in tokens]
        try:
            candidates = parser.parse_all(words, TARGETS, limit=30 if ceiling else 1)
        except DiscojaxError:
            continue
        parsed += 1
        right += max(
            sum(h == g for h, g in zip(dependency_heads(p, lexicon), gold, strict=True))
            for p in candidates
        )
        arcs += len(gold)
    return parsed, total, right, arcs


def of_length(path: Path, length: int) -> list[list[str]]:
    """The words of the first 200 sentences of ``length`` ± 1 words."""
    return [
        [t.form for t in content_words(s)[0]]
        for s in read_conllu(path)
        if abs(len(content_words(s)[0]) - length) <= 1
    ][:200]


def per_second(sentences: list[list[str]], work) -> float:
    """Sentences per second of ``work`` applied to each (a failed parse counts as done)."""
    start = time.perf_counter()
    for words in sentences:
        try:
            work(words)
        except DiscojaxError:
            pass
    return len(sentences) / (time.perf_counter() - start)


def speed(path: Path, tagging: Parser, costs: Parser, length: int) -> list[float]:
    """Sentences per second: tag + parse one by one, and with parse_many (batched tagging),
    costs-only parse, tagging one by one, batched."""
    sentences = of_length(path, length)
    tagger = tagging.tagger
    assert tagger is not None
    tagger.probabilities_batch(sentences)  # compile
    start = time.perf_counter()
    tagger.probabilities_batch(sentences)
    batched = len(sentences) / (time.perf_counter() - start)
    start = time.perf_counter()
    tagging.parse_many(sentences, TARGETS, "return")
    many = len(sentences) / (time.perf_counter() - start)
    return [
        per_second(sentences, lambda w: tagging.parse(w, TARGETS)),
        many,
        per_second(sentences, lambda w: costs.parse(w, TARGETS)),
        per_second(sentences, tagger.probabilities),
        batched,
    ]


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("data", type=Path, nargs="?", default=ROOT.parent / "shared" / "data")
    options.add_argument("--no-train", action="store_true")
    args = options.parse_args()
    treebank = args.data / "ud-ewt"
    english = load_lexicon("english")
    costs = Parser(english, unknown_words="guess", scoring="costs")
    tagging = Parser(english, unknown_words="guess")
    tagger = bundled_tagger(english)
    print("## Gold supertags and supertag accuracy\n")
    print("| split | sentences | parse (<= 40 words) | convert completely | arcs agreeing |")
    print("|---|---|---|---|---|")
    golds = {}
    for split in ("dev", "test"):
        golds[split] = converted(treebank / f"en_ewt-ud-{split}.conllu", costs)
        r = conversion_report(golds[split])
        print(
            f"| {split} | {r['sentences']} | {r['parsed']} | {r['complete']} | "
            f"{r['agreement']:.1%} |"
        )
    missed = conversion_report(golds["test"])["missed"]
    assert isinstance(missed, dict)
    print(
        "\nmost missed relations (test):",
        ", ".join(f"{k} {v}" for k, v in list(missed.items())[:10]),
    )
    print("\n| split | all words | words whose head agrees | complete sentences |")
    print("|---|---|---|---|")
    for split in ("dev", "test"):
        counts = accuracy(golds[split], tagger)
        cells = " | ".join(f"{a / b:.1%} of {b}" for a, b in counts.values())
        print(f"| {split} | {cells} |")
    print("\n## Parses against the gold trees: EWT test, 3-25 words\n")
    print("| scoring | parse | unlabelled attachment agreement |")
    print("|---|---|---|")
    test = treebank / "en_ewt-ud-test.conllu"
    for name, parser, ceiling in (
        ("costs only (the grammar issue's parser)", costs, False),
        ("tagger (the default)", tagging, False),
        ("ceiling: best of the 30 cheapest by costs", costs, True),
    ):
        parsed, total, right, arcs = agreement(test, parser, ceiling)
        print(f"| {name} | {parsed}/{total} ({parsed / total:.1%}) | {right / arcs:.1%} |")
    print("\n## Speed (one core; EWT dev sentences)\n")
    print(
        "| words | tag + parse, one by one (sentences/s) | parse_many (batched tagging) | "
        "costs-only parse | tagging alone, one by one (NumPy) | tagging alone, batched (JAX) |"
    )
    print("|---|---|---|---|---|---|")
    dev = treebank / "en_ewt-ud-dev.conllu"
    for length in (10, 25):
        cells = " | ".join(f"{rate:,.0f}" for rate in speed(dev, tagging, costs, length))
        print(f"| {length} | {cells} |")
    if args.no_train:
        return
    print("\n## Training (discojax train-tagger, a child process)\n")
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "tagger.safetensors"
        command = [
            sys.executable,
            "-c",
            "import resource, sys; from discojax.cli import main; code = main(sys.argv[1:]); "
            "print('peak', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss); sys.exit(code)",
            "-q",
            "train-tagger",
            str(treebank),
            "--data",
            str(args.data),
            "--anchors",
            str(ROOT / "tests" / "grammar" / "data" / "constructions.json"),
            "--out",
            str(out),
        ]
        start = time.perf_counter()
        result = subprocess.run(command, capture_output=True, text=True, check=True)
        seconds = time.perf_counter() - start
        peak = int(result.stdout.split("peak")[-1]) / 1024
        same = filecmp.cmp(out, BUNDLED, shallow=False)
        print(f"- wall time {seconds:.0f} s (gold supertags of train and dev, then training)")
        print(f"- peak memory {peak:.0f} MB")
        print(f"- same bytes as the bundled {BUNDLED.name}: {same}")


if __name__ == "__main__":
    main()
