"""How much real English the bundled grammar parses, and how well: coverage and gold arcs.

Run: ``.venv/bin/python benchmarks/data_coverage.py [DATA_DIR]`` (default ``../shared/data``).

Prints, in one run:

1. **The data sets the library was built around and its neighbours**: MC sentences to ``s``
   and RP phrases to ``n`` (and that the determiner, relative-pronoun and cup-removal rewrites
   still compile), the full sentences of ML2008, GS2011 and GS2012 to ``s``, and the RELPRON
   properties to ``n``, with unknown words an error (the strict default) and guessed.
2. **The UD English Web Treebank** (dev and test; Silveira et al. 2014, CC BY-SA 4.0): each
   sentence's words (punctuation and symbols left out) parsed to ``s`` or ``q``, or to one of
   the fragment types: ``n`` (a noun phrase on its own: "Great food!"), ``n.r s`` (a verb phrase
   without its subject: "Ca n't wait to go back") and ``s s`` (two clauses side by side with no
   conjunction: "Trust me you go there"); unknown words guessed.
   Coverage for all sentences and by length; unlabelled attachment agreement of the parse's
   arcs (:func:`discojax.grammar.dependency_heads`) with the gold trees on the parsed sentences
   of 3-25 words, with the default scoring and reranked by the tagger's head scorer
   (``scoring="arcs"``), and the head scorer's own choice of each word's head (no grammar) for
   comparison; the correct-lemma rate; coverage of sentences holding each construction
   (found from the gold trees); and a word-order-shuffled control: the same sentences, each
   with its words in a random order (seeded), parsed the same way, overall and by length.

The costs were tuned on EWT train only (``grammars/tune_costs.py``).
"""

from __future__ import annotations

import argparse
import random
import time
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path

from discojax.compile import network_from_diagram
from discojax.data import TreebankSentence, read_conllu, read_relpron, read_sentences
from discojax.errors import DiscojaxError, ParseError
from discojax.grammar import Parser, default_parser, dependency_heads, format_type, parse_type
from discojax.grammar._types import to_discopy
from discojax.rewrite import relative_pronouns_as_spiders, remove_cups, remove_determiners
from discojax.tagger import content_words

TARGETS = "s|q|n|n.r s|s s"
BUCKETS = ((1, 2), (3, 10), (11, 15), (16, 20), (21, 25), (26, 40), (41, 10_000))
SHUFFLED_BUCKETS = ((3, 5), (6, 10), (11, 15), (16, 25))
"""Lengths for the shuffled control's breakdown: a short sentence's permutations are more
often sentences themselves ("you go here", "here you go")."""
CONSTRUCTIONS: dict[str, Callable[[TreebankSentence], bool]] = {
    "copula": lambda s: any(t.deprel == "cop" for t in s.tokens),
    "auxiliary": lambda s: any(t.deprel == "aux" for t in s.tokens),
    "passive": lambda s: any(t.deprel == "aux:pass" for t in s.tokens),
    "negation": lambda s: any(t.lemma == "not" for t in s.tokens),
    "question": lambda s: s.tokens[-1].form == "?",
    "imperative": lambda s: any("Mood=Imp" in t.feats and t.head == 0 for t in s.tokens),
    "relative clause": lambda s: any(t.deprel == "acl:relcl" for t in s.tokens),
    "coordination": lambda s: any(t.deprel == "conj" for t in s.tokens),
    "complement clause": lambda s: any(t.deprel == "ccomp" for t in s.tokens),
    "subordinate clause": lambda s: any(t.deprel == "advcl" for t in s.tokens),
    "there is": lambda s: any(t.deprel == "expl" for t in s.tokens),
    "possessive": lambda s: any(t.deprel == "nmod:poss" for t in s.tokens),
    "compound noun": lambda s: any(t.deprel == "compound" for t in s.tokens),
    "numbers": lambda s: any(t.upos == "NUM" for t in s.tokens),
    "phrasal verb": lambda s: any(t.deprel == "compound:prt" for t in s.tokens),
}


def lines_of(folder: Path) -> list[tuple[str, int, str]]:
    """``(file, line number, text)`` of every non-empty line of the folder's ``*.txt`` files."""
    found = []
    for path in sorted(folder.glob("*.txt")):
        with path.open(encoding="utf-8") as handle:
            for number, line in enumerate(handle, start=1):
                if line.strip():
                    _, text = line.split(None, 1)
                    found.append((path.name, number, text.strip()))
    return found


def mc_and_rp(data: Path) -> None:
    """MC to s and RP to n, and the rewrites that the models use."""
    parser = default_parser()
    for name, target in (("mc", "s"), ("rp", "n")):
        goal = parse_type(target)
        items = lines_of(data / name)
        parsed = compiled = 0
        for file, number, text in items:
            try:
                result = parser.parse(text, target)
                diagram = result.to_diagram()
                assert result.target == goal and diagram.cod == to_discopy(goal)
                parsed += 1
                rewritten = remove_cups(relative_pronouns_as_spiders(remove_determiners(diagram)))
                network_from_diagram(rewritten)
                compiled += 1
            except (DiscojaxError, AssertionError) as err:
                print(f"  {name}/{file}:{number}: {text!r}: {err}")
        print(
            f"| {name.upper()} | {target} | {parsed}/{len(items)} | {parsed}/{len(items)} | "
            f"{compiled}/{len(items)} compile after rewrites |"
        )


def coverage(texts: Iterable[str], target: str) -> tuple[int, int, int]:
    """(parsed with unknown words an error, parsed with them guessed, total)."""
    strict = Parser(default_parser().lexicon)
    guessing = Parser(default_parser().lexicon, unknown_words="guess")
    counts = [0, 0, 0]
    for text in texts:
        counts[2] += 1
        for k, parser in enumerate((strict, guessing)):
            try:
                parser.parse(text, target)
                counts[k] += 1
            except DiscojaxError:
                pass
    return counts[0], counts[1], counts[2]


def other_data_sets(data: Path) -> None:
    sets = [
        ("ML2008", read_sentences(data / "ml2008" / "ML2008_sentences.csv").values(), "s"),
        ("GS2011", read_sentences(data / "gs2011" / "GS2011_sentences.csv").values(), "s"),
        ("GS2012", read_sentences(data / "gs2012" / "GS2012_sentences.csv").values(), "s"),
        (
            "RELPRON",
            [
                p.text
                for split in ("dev", "test")
                for p in read_relpron(data / "relpron" / f"relpron.{split}")
            ],
            "n",
        ),
    ]
    for name, texts, target in sets:
        strict, guessed, total = coverage(list(texts), target)
        print(f"| {name} | {target} | {strict}/{total} | {guessed}/{total} | |")


def treebank(path: Path, seed: int) -> None:
    """Coverage, attachment agreement, lemmas and the shuffled control on one EWT file."""
    sentences = read_conllu(path)
    lexicon = default_parser().lexicon
    parser = Parser(lexicon, unknown_words="guess")
    reranking = Parser(lexicon, unknown_words="guess", scoring="arcs")
    by_bucket: Counter[tuple[int, int]] = Counter()
    parsed_bucket: Counter[tuple[int, int]] = Counter()
    by_construction: Counter[str] = Counter()
    parsed_construction: Counter[str] = Counter()
    targets: Counter[str] = Counter()
    right = reranked = alone = arcs = lemmas = mid = 0
    in_order: Counter[tuple[int, int]] = Counter()  # by SHUFFLED_BUCKETS: parsed in order
    shuffled: Counter[tuple[int, int]] = Counter()  # and parsed shuffled
    shuffle = random.Random(seed)
    start = time.perf_counter()
    for sentence in sentences:
        tokens, gold_heads = content_words(sentence)
        bucket = next(b for b in BUCKETS if b[0] <= len(tokens) <= b[1]) if tokens else BUCKETS[0]
        by_bucket[bucket] += 1
        in_range = 3 <= len(tokens) <= 25
        mid += in_range
        found = [name for name, test in CONSTRUCTIONS.items() if in_range and test(sentence)]
        by_construction.update(found)
        words = [t.form for t in tokens]
        try:
            result = parser.parse(words, TARGETS)
        except (ParseError, DiscojaxError):
            result = None
        if in_range:
            length = next(b for b in SHUFFLED_BUCKETS if b[0] <= len(tokens) <= b[1])
            in_order[length] += result is not None
            permuted = words[:]
            shuffle.shuffle(permuted)
            try:
                parser.parse(permuted, TARGETS)
                shuffled[length] += 1
            except (ParseError, DiscojaxError):
                pass
        if result is None:
            continue
        parsed_bucket[bucket] += 1
        if not in_range:
            continue
        parsed_construction.update(found)
        targets[format_type(result.target)] += 1
        heads = dependency_heads(result, lexicon)
        by_arcs = dependency_heads(reranking.parse(words, TARGETS), lexicon)
        scorer = reranking.tagger.head_log_probabilities(words).argmax(-1) - 1  # type: ignore[union-attr]
        for i, token in enumerate(tokens):
            right += heads[i] == gold_heads[i]
            reranked += by_arcs[i] == gold_heads[i]
            alone += scorer[i] == gold_heads[i]
            lemmas += result.lemmas[i].lower() == token.lemma.lower()
            arcs += 1
    elapsed = time.perf_counter() - start
    parsed_mid = sum(targets.values())
    shuffled_parsed = sum(shuffled.values())
    total = len(sentences)
    print(f"\n### {path.name}: {total} sentences, {elapsed:.0f} s\n")
    print(
        f"- all sentences: {sum(parsed_bucket.values())}/{total} parse "
        f"({sum(parsed_bucket.values()) / total:.1%})"
    )
    kinds = ", ".join(f"to {name} {count}" for name, count in targets.most_common())
    print(f"- 3-25 words: {parsed_mid}/{mid} parse ({parsed_mid / mid:.1%}): {kinds}")
    print(f"- unlabelled attachment agreement on them: {right / arcs:.1%} of {arcs} words")
    print(f"- the same, reranked by the head scorer (scoring='arcs'): {reranked / arcs:.1%}")
    print(f"- the head scorer alone (each word's likeliest head, no grammar): {alone / arcs:.1%}")
    print(f"- correct lemmas on them: {lemmas / arcs:.1%}")
    print(
        f"- shuffled control (3-25 words): {shuffled_parsed}/{mid} parse "
        f"({shuffled_parsed / mid:.1%}), {shuffled_parsed / max(parsed_mid, 1):.2f} of the rate "
        "in order"
    )
    print(
        "- the shuffled control by length: "
        + ", ".join(
            f"{low}-{high} words {shuffled[(low, high)]}/{in_order[(low, high)]} "
            f"({shuffled[(low, high)] / max(in_order[(low, high)], 1):.2f})"
            for low, high in SHUFFLED_BUCKETS
        )
        + " (shuffled / in order)"
    )
    print("\n| words | sentences | parse |\n|---|---|---|")
    for bucket in BUCKETS:
        if by_bucket[bucket]:
            rate = parsed_bucket[bucket] / by_bucket[bucket]
            label = f"{bucket[0]}-{bucket[1]}" if bucket[1] < 10_000 else f"{bucket[0]}+"
            print(f"| {label} | {by_bucket[bucket]} | {rate:.1%} |")
    print("\n| construction (3-25 words) | sentences | parse |\n|---|---|---|")
    for name in CONSTRUCTIONS:
        if by_construction[name]:
            rate = parsed_construction[name] / by_construction[name]
            print(f"| {name} | {by_construction[name]} | {rate:.1%} |")


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("data", nargs="?", default="../shared/data", type=Path)
    options.add_argument("--seed", type=int, default=0, help="seed of the shuffled control")
    args = options.parse_args()
    print("| data set | target | parse (unknown words an error) | parse (guessed) | |")
    print("|---|---|---|---|---|")
    mc_and_rp(args.data)
    other_data_sets(args.data)
    for split in ("dev", "test"):
        treebank(args.data / "ud-ewt" / f"en_ewt-ud-{split}.conllu", args.seed)


if __name__ == "__main__":
    main()
