"""The chart parser: exact cups and classes, errors, every parse, and property tests."""

from __future__ import annotations

import itertools
from functools import cache

import pytest
from discopy.grammar.pregroup import Cup, Id, Ty, Word
from hypothesis import given, settings
from hypothesis import strategies as st

import discojax
from discojax.errors import DiscojaxError, GrammarError, ParseError, UnknownWordError
from discojax.grammar import Parse, Parser, default_parser, load_lexicon, parse, parse_type
from discojax.grammar._types import SimpleType, Type, cancels, to_discopy

n, s = Ty("n"), Ty("s")


@pytest.mark.parametrize(
    ("text", "target", "classes", "cups", "outputs"),
    [
        ("Alice loves Bob", "s", ("noun", "transitive_verb", "noun"), ((0, 1), (3, 4)), (2,)),
        ("man runs", "s", ("noun", "intransitive_verb"), ((0, 1),), (2,)),
        (
            "skillful man prepares sauce",
            "s",
            ("adjective", "noun", "transitive_verb", "noun"),
            ((0, 3), (1, 2), (5, 6)),
            (4,),
        ),
        (
            "the man who cooks dinner runs",
            "s",
            (
                "determiner",
                "noun",
                "subject_relative_pronoun",
                "transitive_verb",
                "noun",
                "intransitive_verb",
            ),
            ((0, 3), (1, 2), (4, 11), (5, 8), (6, 7), (9, 10)),
            (12,),
        ),
        (
            "dinner that man cooks",
            "n",
            ("noun", "object_relative_pronoun", "noun", "transitive_verb"),
            ((0, 1), (3, 8), (4, 7), (5, 6)),
            (2,),
        ),
        (
            "Alice gives Bob money",
            "s",
            ("noun", "ditransitive_verb", "noun", "noun"),
            ((0, 1), (3, 6), (4, 5)),
            (2,),
        ),
        (
            "Alice can run",
            "s",
            ("noun", "auxiliary", "intransitive_verb"),
            ((0, 1), (3, 6), (4, 5)),
            (2,),
        ),
        ("man runs quickly", "s", ("noun", "intransitive_verb", "adverb"), ((0, 1), (2, 3)), (4,)),
        ("tasty meal", "n", ("adjective", "noun"), ((1, 2),), (0,)),
        ("Bob", "n", ("noun",), (), (0,)),
    ],
)
def test_exact_parses(text: str, target: str, classes: tuple, cups: tuple, outputs: tuple) -> None:
    result = parse(text, target=target)
    assert result.word_classes == classes
    assert result.cups == cups
    assert result.outputs == outputs
    assert result.target == parse_type(target)


def test_preference_follows_lexicon_order() -> None:
    # "cooks" is a noun first, a transitive verb second: the noun reading is kept where it parses
    assert parse("cooks cook dinner").word_classes == ("noun", "transitive_verb", "noun")
    # "that" is a subject relative pronoun first, an object one where only that parses
    assert parse("man that cooks dinner", target="n").word_classes[1] == "subject_relative_pronoun"
    assert parse("dinner that man cooks", target="n").word_classes[1] == "object_relative_pronoun"


def test_diagram_of_a_parse() -> None:
    alice, loves, bob = Word("alice", n), Word("loves", n.r @ s @ n.l), Word("bob", n)
    expected = alice @ loves @ bob >> Cup(n, n.r) @ s @ n.l @ n >> s @ Cup(n.l, n)
    assert parse("Alice loves Bob").to_diagram() == expected
    assert discojax.parse("Alice loves Bob") == parse("Alice loves Bob")
    assert parse("Bob", target="n").to_diagram() == Word("bob", n) >> Id(n)


def test_words_or_text() -> None:
    assert parse(["Alice", "loves", "Bob"]) == parse("Alice loves Bob.")  # words as written
    assert parse(["alice", "loves", "bob"]).word_classes == parse("Alice loves Bob.").word_classes
    assert parse("man runs", target=(("s", 0),)) == parse("man runs")


def test_parse_all() -> None:
    everything = default_parser().parse_all("Alice sees man in house")
    assert [p.cost for p in everything] == sorted(p.cost for p in everything)
    parses = {p.word_classes[3]: p for p in everything[:2]}  # both attachments come first
    assert parses["noun_preposition"].cups == ((0, 1), (3, 6), (4, 5), (7, 8))
    assert parses["verb_preposition"].cups == ((0, 1), (2, 5), (3, 4), (7, 8))
    assert default_parser().parse_all("Alice sees man in house", limit=1) == everything[:1]
    assert everything[0] == parse("Alice sees man in house")
    everything = default_parser().parse_all("man runs")
    assert [p.word_classes for p in everything] == [
        ("noun", "intransitive_verb"),
        ("imperative_transitive_verb", "noun"),  # "Man the runs!": the form table's verb "man"
    ]
    assert everything[0] == parse("man runs")


def test_unknown_word() -> None:
    with pytest.raises(UnknownWordError) as info:
        parse("skillful man prepares sauc")
    assert (info.value.word, info.value.position) == ("sauc", 3)
    assert info.value.nearest == ("saucy", "sauce", "sac")
    assert str(info.value) == (
        "unknown word 'sauc' at position 3; nearest lexicon entries: 'saucy', 'sauce', 'sac'"
    )
    assert isinstance(info.value, KeyError) and isinstance(info.value, DiscojaxError)


@pytest.mark.parametrize(
    ("text", "unreduced"),
    [
        ("man the", "n n n.l"),
        ("Alice the", "n n n.l"),
        ("tasty", "n n.l"),
    ],
)
def test_parse_error_names_unreduced_types(text: str, unreduced: str) -> None:
    with pytest.raises(ParseError) as info:  # each word's cheapest type by the grammar's costs
        Parser(load_lexicon("english"), scoring="costs").parse(text, "s|q")
    message = str(info.value)
    assert message.startswith(f"no parse of {text.lower()!r} to type s or q;")
    assert message.endswith(f"the types left unreduced are: {unreduced}")
    with pytest.raises(ParseError):
        default_parser().parse_all(text)


@pytest.mark.parametrize("text", ["", "  ", "... ! ?", "🙂 🙂"])
def test_nothing_to_parse(text: str) -> None:
    with pytest.raises(ParseError, match="nothing to parse"):
        parse(text)


def test_too_long_is_refused_before_any_work() -> None:
    with pytest.raises(ParseError, match="1000 words is more than this parser takes"):
        parse("man " * 1_000)
    with pytest.raises(ParseError, match="40,000 characters is longer than the tokeniser takes"):
        parse("man " * 10_000)
    with pytest.raises(ParseError, match="longer than the tokeniser takes"):
        parse("x" * 10_000_000 + " " + "y " * 200)
    with pytest.raises(ParseError, match="1000 words is more than this parser takes"):
        parse(["man"] * 1_000)


def test_bad_target() -> None:
    with pytest.raises(GrammarError, match="unknown basic type 'x'"):
        parse("man runs", target="x")


# -- property tests -------------------------------------------------------------------------

WORDS = sorted(default_parser().lexicon)


def check_parse(result: Parse, goal: Type) -> None:
    """A parse is a planar set of cancelling cups leaving exactly ``goal`` uncovered."""
    simples = result.simple_types
    assert result.target == goal
    covered = sorted([i for cup in result.cups for i in cup] + list(result.outputs))
    assert covered == list(range(len(simples)))
    for a, b in result.cups:
        assert a < b and cancels(simples[a], simples[b])
        for c, d in result.cups:
            assert not a < c < b < d, "crossing cups"
        assert not any(a < u < b for u in result.outputs), "an output under a cup"
    assert result.to_diagram().cod == to_discopy(goal)


@cache
def _reduces(simples: tuple[tuple[SimpleType, int], ...]) -> bool:
    """Brute force: whether ``simples`` (each with its word's position) has a planar reduction
    to the empty type whose cups join types of two different words, as the parser's do."""
    if not simples:
        return True
    (first, word) = simples[0]
    return any(
        simples[k][1] != word
        and cancels(first, simples[k][0])
        and _reduces(simples[1:k])
        and _reduces(simples[k + 1 :])
        for k in range(1, len(simples), 2)
    )


def parses_by_brute_force(words: list[str], goal: SimpleType) -> bool:
    """Whether some choice of each word's readings reduces to ``goal``, tried one by one. The
    readings are those the grammar allows at each position (a clause-initial class only where
    a clause starts: "agilely birl" has no imperative *birl*), one per distinct type."""
    parser = default_parser()
    try:
        allowed = parser._distinct_types(words, parser._readings(words))
    except ParseError:  # a word with only clause-initial readings where no clause starts
        return False
    for entries in itertools.product(*allowed):
        simples = tuple((x, i) for i, e in enumerate(entries) for x in e.type)
        for p, (x, _) in enumerate(simples):
            if x == goal and _reduces(simples[:p]) and _reduces(simples[p + 1 :]):
                return True
    return False


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=7), st.sampled_from(["s", "n"]))
def test_random_token_sequences(words: list[str], target: str) -> None:
    goal = parse_type(target)
    try:
        result = parse(words, target=target)
    except ParseError:
        assert not parses_by_brute_force(words, goal[0])
    else:
        check_parse(result, goal)
        assert result.words == tuple(words)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=60))
def test_random_strings_raise_only_named_errors(text: str) -> None:
    try:
        result = parse(text)  # to s or q
    except (UnknownWordError, ParseError):
        return
    assert result.target in ((("s", 0),), (("q", 0),))
    check_parse(result, result.target)


@settings(max_examples=100, deadline=None)
@given(
    st.lists(st.sampled_from(["man", "runs", "the", "who", "that", "cooks", "tasty"]), max_size=9)
)
def test_every_parse_of_parse_all_is_a_parse(words: list[str]) -> None:
    try:
        results = default_parser().parse_all(words, limit=20)
    except ParseError:
        assert not parses_by_brute_force(words, ("s", 0))
        return
    assert results[0] == parse(words, target="s")
    assert len(set(results)) == len(results)
    assert [r.cost for r in results] == sorted(r.cost for r in results)
    for result in results:
        check_parse(result, (("s", 0),))


def test_some_random_sequences_parse() -> None:
    # the property tests above would pass vacuously if nothing parsed: make sure much does
    words = ["man", "runs", "the", "who", "that", "cooks", "tasty"]
    parsed = 0
    for sequence in itertools.product(words, repeat=4):
        try:
            check_parse(parse(list(sequence), target="s"), (("s", 0),))
            parsed += 1
        except ParseError:
            assert not parses_by_brute_force(list(sequence), ("s", 0))
    assert parsed == 1054  # of 2,401 (free relatives: "who runs" is a noun phrase; "that man")
