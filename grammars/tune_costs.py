"""Tune the English grammar's costs on the UD English Web Treebank's training sentences.

Run: ``.venv/bin/python grammars/tune_costs.py ../shared/data/ud-ewt [--write]``.

A structured (averaged) perceptron over the costs: a parse's cost is a sum over features (one
per word class, one for each form-table reading, and the cup cost per word spanned), each with
its weight. For each training sentence of 3-25 words, the cheapest parse is compared with the
*oracle*: among the 30 cheapest parses, the one whose dependency arcs
(:func:`discojax.grammar.dependency_heads`) agree best with the treebank's gold arcs. Where they
differ, the oracle's features get cheaper and the prediction's dearer. Weights stay at or above
0. The MC and RP parses (``tests/grammar/data/mc_rp_parses.json``) and the documented example
of each construction (``tests/grammar/data/constructions.json``, five times over) join the
training data with their recorded parses as oracles, so that they stay as they are. Only ``train`` is read; the
scores printed on ``dev`` are for choosing the number of epochs. ``--write`` rewrites the
``cost =``, ``penalty =``, ``cup_cost =`` and ``target_costs =`` lines of
``grammars/english.toml`` in place.

Word costs (``grammars/english_word_costs.tsv``): for each word read at least 5 times in the
oracle parses of the training sentences, the extra cost of each of its classes,
``log P(its most frequent class | word) - log P(class | word)`` (add-one smoothed); the words of
the recorded MC, RP and construction parses have none, so that those stay as they are.

The bundled costs were made in two steps, from an empty word-cost table::

    python grammars/tune_costs.py ../shared/data/ud-ewt --write
    python grammars/tune_costs.py ../shared/data/ud-ewt --word-costs 1.0 --epochs 0 --write

(retuning the class costs after the word costs lowered dev agreement: 0.656 to 0.652).
"""

from __future__ import annotations

import argparse
import json
import math
import random
import re
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path

from discojax.data import read_conllu
from discojax.errors import ParseError
from discojax.grammar import (
    Lexicon,
    Parse,
    Parser,
    dependency_heads,
    format_type,
    load_lexicon,
    parse_type,
    tokenize,
)
from discojax.tagger import content_words

GRAMMAR = Path(__file__).parent / "english.toml"
TARGETS = "s|q|n|n.r s|s s"  # sentences, questions, and the fragment types
DATA = Path(__file__).parents[1] / "tests" / "grammar" / "data"
EXPECTED = DATA / "mc_rp_parses.json"
CONSTRUCTIONS = DATA / "constructions.json"
PENALTY, CUP, TARGET = "[forms] penalty", "[grammar] cup_cost", "target "


def features(parse: Parse) -> Counter[str]:
    """The parse's feature counts: classes, form-table readings, cup spans and the target."""
    found: Counter[str] = Counter(e.word_class for e in parse.entries)
    found[PENALTY] += sum(e.origin == "forms" for e in parse.entries)
    word = [i for i, e in enumerate(parse.entries) for _ in e.type]
    found[CUP] += sum(word[b] - word[a] for a, b in parse.cups)
    found[TARGET + format_type(parse.target)] += 1
    return found


def weights_of(lexicon: Lexicon) -> dict[str, float]:
    """The lexicon's current costs as weights."""
    assert lexicon.forms is not None
    weights = {c.name: c.cost for c in lexicon.classes}
    weights[PENALTY] = lexicon.forms.penalty
    weights[CUP] = lexicon.cup_cost
    for target in TARGETS.split("|"):
        weights[TARGET + target] = lexicon.target_costs.get(
            parse_type(target, lexicon.basic_types), 0
        )
    return weights


def with_weights(lexicon: Lexicon, weights: dict[str, float]) -> Lexicon:
    """A copy of ``lexicon`` with ``weights`` as its costs (rounded to thousandths)."""
    assert lexicon.forms is not None
    classes = tuple(replace(c, cost=round(weights[c.name], 3)) for c in lexicon.classes)
    forms = replace(lexicon.forms, penalty=round(weights[PENALTY], 3))
    targets = {
        parse_type(name[len(TARGET) :], lexicon.basic_types): round(value, 3)
        for name, value in weights.items()
        if name.startswith(TARGET)
    }
    return replace(
        lexicon,
        classes=classes,
        forms=forms,
        cup_cost=round(weights[CUP], 3),
        target_costs=targets,
        _cache={},
    )


@dataclass(frozen=True)
class Item:
    """A training sentence: words, target types, and gold heads or a recorded parse."""

    words: str | list[str]
    target: str
    gold: list[int] | None = None
    recorded: str | None = None
    classes: str | None = None

    def judge(self, parse: Parse, lexicon: Lexicon) -> int:
        """How good ``parse`` is: arcs agreeing with the gold, or 1 for the recorded parse (or
        the documented word classes)."""
        if self.gold is not None:
            heads = dependency_heads(parse, lexicon)
            return sum(h == g for h, g in zip(heads, self.gold, strict=True))
        if self.classes is not None:
            return int(" ".join(parse.word_classes) == self.classes)
        return int(fingerprint(parse) == self.recorded)


def fingerprint(parse: Parse) -> str:
    """A parse as recorded in ``mc_rp_parses.json``: classes, cups and outputs."""
    cups = " ".join(f"{a}-{b}" for a, b in parse.cups)
    return f"{' '.join(parse.word_classes)} | {cups} | {' '.join(map(str, parse.outputs))}"


def treebank_items(folder: Path, split: str) -> list[Item]:
    """Every sentence of 3-25 words with its gold heads; punctuation and symbols left out."""
    items = []
    for sentence in read_conllu(folder / f"en_ewt-ud-{split}.conllu"):
        kept, gold = content_words(sentence)
        if 3 <= len(kept) <= 25:
            items.append(Item([t.form for t in kept], TARGETS, gold=gold))
    return items


def recorded_items(data: Path) -> list[Item]:
    """The MC sentences (to s) and RP phrases (to n) with their recorded parses."""
    expected = json.loads(EXPECTED.read_text(encoding="utf-8"))
    items = []
    for name, target in (("mc", "s"), ("rp", "n")):
        for path in sorted((data / name).glob("*.txt")):
            lines = path.read_text(encoding="utf-8").splitlines()
            for number, line in enumerate(lines, start=1):
                if line.strip():
                    words = line.split(None, 1)[1]
                    recorded = expected[f"{name}/{path.name}:{number}"]
                    items.append(Item(words, target, recorded=recorded))
    return items


def construction_items() -> list[Item]:
    """The documented example of each construction, with its word classes."""
    examples = json.loads(CONSTRUCTIONS.read_text(encoding="utf-8"))
    return [Item(e["text"], e["target"], classes=e["classes"]) for e in examples]


def score(lexicon: Lexicon, items: list[Item]) -> tuple[float, float]:
    """(parse rate, the judges' mean per word on the parsed sentences)."""
    parser = Parser(lexicon, unknown_words="guess")
    parsed = right = words = 0
    for item in items:
        try:
            parse = parser.parse(item.words, item.target)
        except ParseError:
            continue
        parsed += 1
        right += item.judge(parse, lexicon)
        words += len(item.gold) if item.gold is not None else 1
    return parsed / len(items), right / max(words, 1)


WORD_COSTS = Path(__file__).parent / "english_word_costs.tsv"


def word_costs(
    lexicon: Lexicon, items: list[Item], least: int, weight: float, keep: set[str]
) -> dict[str, dict[str, float]]:
    """Per frequent word, a cost for each of its classes from how often the oracle parses use
    it: ``weight * (log P(best class | word) - log P(class | word))``, add-one smoothed, for
    words the oracles read at least ``least`` times, except the words in ``keep`` (those of the
    recorded MC, RP and construction parses, which must not change)."""
    parser = Parser(lexicon, unknown_words="guess")
    counts: dict[str, Counter[str]] = {}
    for item in items:
        try:
            candidates = parser.parse_all(item.words, item.target, limit=30)
        except ParseError:
            continue
        oracle = max(candidates, key=lambda p: item.judge(p, lexicon))
        for entry in oracle.entries:
            counts.setdefault(entry.word, Counter())[entry.word_class] += 1
    table = {}
    for word, seen in counts.items():
        total = sum(seen.values())
        if total < least or word in keep:
            continue
        names = {e.word_class for e in lexicon.entries(word, unknown_words="guess")}
        probability = {n: (seen[n] + 1) / (total + len(names)) for n in names}
        best = max(probability.values())
        table[word] = {n: round(weight * math.log(best / p), 3) for n, p in probability.items()}
    return table


def write_word_costs(table: dict[str, dict[str, float]]) -> None:
    lines = [
        "# word<TAB>class<TAB>cost: the extra cost of a frequent word's classes, from how often",
        "# the oracle parses of UD EWT train use each; generated by grammars/tune_costs.py",
        *(
            f"{word}\t{name}\t{cost:g}"
            for word in sorted(table)
            for name, cost in sorted(table[word].items())
        ),
    ]
    WORD_COSTS.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("treebank", type=Path, help="the folder of en_ewt-ud-*.conllu")
    options.add_argument("--sentences", type=int, default=8000)
    options.add_argument("--epochs", type=int, default=4)
    options.add_argument("--rate", type=float, default=0.02)
    options.add_argument("--seed", type=int, default=0)
    options.add_argument("--write", action="store_true")
    options.add_argument(
        "--word-costs",
        type=float,
        default=0.0,
        metavar="WEIGHT",
        help="first recompute the word-cost table at this weight (0: keep it)",
    )
    args = options.parse_args()
    lexicon = load_lexicon(GRAMMAR)
    train = treebank_items(args.treebank, "train")
    random.Random(args.seed).shuffle(train)
    recorded = recorded_items(args.treebank.parent) + construction_items()
    if args.word_costs:
        keep = {
            w.lower()
            for item in recorded
            for w in tokenize(" ".join(item.words) if isinstance(item.words, list) else item.words)
        }
        found = word_costs(
            replace(lexicon, word_costs_file=None),
            train[: args.sentences],
            5,
            args.word_costs,
            keep,
        )
        print(f"word costs for {len(found)} words")
        if args.write:
            write_word_costs(found)
            lexicon = load_lexicon(GRAMMAR)
    train = train[: args.sentences] + recorded + construction_items() * 4
    dev = treebank_items(args.treebank, "dev")[:600]
    print(f"before: dev parse rate, UAS {score(lexicon, dev)}; MC/RP {score(lexicon, recorded)}")
    weights = weights_of(lexicon)
    total = dict.fromkeys(weights, 0.0)
    steps = 0
    for epoch in range(args.epochs):
        mistakes = 0
        random.Random(args.seed + epoch).shuffle(train)
        for k, item in enumerate(train):
            if k % 100 == 0:
                lexicon = with_weights(lexicon, weights)
                parser = Parser(lexicon, unknown_words="guess")
            try:
                candidates = parser.parse_all(item.words, item.target, limit=30)
            except ParseError:
                continue
            best = max(candidates, key=lambda p: item.judge(p, lexicon))
            if item.judge(best, lexicon) > item.judge(candidates[0], lexicon):
                mistakes += 1
                delta = features(candidates[0])
                delta.subtract(features(best))
                for name, count in delta.items():
                    weights[name] = max(0.0, weights[name] + args.rate * count)
            steps += 1
            for name in weights:
                total[name] += weights[name]
        tuned = with_weights(lexicon, {name: total[name] / steps for name in weights})
        rate, uas = score(tuned, dev)
        kept = score(tuned, recorded)[1]
        print(
            f"epoch {epoch + 1}: {mistakes} mistakes; dev parse rate {rate:.3f}, UAS {uas:.3f}; "
            f"MC/RP unchanged {kept:.3f}"
        )
    if not steps:  # --epochs 0: the class costs stay as they are
        return
    averaged = {name: round(total[name] / steps, 3) for name in weights}
    for name, value in sorted(averaged.items()):
        print(f"{name:34} {value:6.3f}")
    if args.write:
        write(averaged)


def write(weights: dict[str, float]) -> None:
    """Rewrite the costs in the grammar file, keeping everything else."""
    text = GRAMMAR.read_text(encoding="utf-8")
    targets = ", ".join(
        f'"{name[len(TARGET) :]}" = {value:g}'
        for name, value in weights.items()
        if name.startswith(TARGET) and value > 0
    )
    text, count = re.subn(r"(\ntarget_costs = )\{[^}]*\}", rf"\g<1>{{ {targets} }}", text, count=1)
    assert count == 1, "target_costs"
    for name, value in weights.items():
        if name.startswith(TARGET):
            continue
        if name == PENALTY:
            pattern = r"(\npenalty = )[0-9.]+"
        elif name == CUP:
            pattern = r"(\ncup_cost = )[0-9.]+"
        else:
            pattern = rf"(\[classes\.{name}\][^\[]*?\ncost = )[0-9.]+"
        text, count = re.subn(pattern, rf"\g<1>{value:g}", text, count=1)
        assert count == 1, name
    GRAMMAR.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
