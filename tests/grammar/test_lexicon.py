"""Lexicons: reading TOML grammar files, and errors that name the file and the line."""

from __future__ import annotations

from pathlib import Path

import pytest

from discojax.errors import GrammarError, UnknownWordError
from discojax.grammar import LexicalEntry, Lexicon, Parser, load_lexicon

GOOD = """\
[grammar]
name = "tiny"
basic_types = ["n", "s"]

[classes.noun]
type = "n"
words = ["Alice", "bob", "cook"]

[classes.transitive_verb]
type = "n.r s n.l"
words = ["loves", "cook"]
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "grammar.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_load_a_file(tmp_path: Path) -> None:
    lexicon = load_lexicon(write(tmp_path, GOOD))
    assert lexicon.name == "tiny"
    assert lexicon.basic_types == ("n", "s")
    assert [c.name for c in lexicon.classes] == ["noun", "transitive_verb"]
    assert lexicon.word_class("noun").words == ("alice", "bob", "cook")
    assert lexicon.entries("ALICE") == (LexicalEntry("alice", "noun", (("n", 0),)),)
    # a word in two classes: both entries, in file order (the order of preference)
    assert [e.word_class for e in lexicon.entries("cook")] == ["noun", "transitive_verb"]
    assert sorted(lexicon) == ["alice", "bob", "cook", "loves"]
    assert len(lexicon) == 4 and "Bob" in lexicon and "carol" not in lexicon


def test_unknown_word_names_word_position_and_neighbours(tmp_path: Path) -> None:
    lexicon = load_lexicon(write(tmp_path, GOOD))
    with pytest.raises(UnknownWordError) as info:
        lexicon.entries("lovs", position=2)
    err = info.value
    assert (err.word, err.position, err.nearest) == ("lovs", 2, ("loves",))
    assert str(err) == "unknown word 'lovs' at position 2; nearest lexicon entries: 'loves'"


def test_bundled_english() -> None:
    english = load_lexicon("english")
    assert english.source == "english.toml"
    assert english.word_class("subject_relative_pronoun").type_string == "n.r n s.l n"
    assert english.word_class("object_relative_pronoun").type_string == "n.r n n.l.l s.l"
    that = english.entries("that")
    assert {e.word_class for e in that} == {
        "pronoun",  # "that is true"
        "determiner",  # "that man"
        "complementizer",
        "subject_relative_pronoun",
        "object_relative_pronoun",
    }
    assert [e.cost for e in that] == sorted(english.word_class(e.word_class).cost for e in that)
    assert {e.origin for e in that} == {"lexicon"}


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        # TOML syntax errors: the line comes from the TOML reader
        (GOOD.replace('name = "tiny"', "name = = 3"), 2, "invalid TOML: Invalid value"),
        (
            GOOD.replace('"cook"]\n\n[classes.t', '"cook"\n\n[classes.t'),
            9,
            "invalid TOML: Unclosed array",
        ),
        (GOOD[: GOOD.rindex("]")], 11, "invalid TOML: Unclosed array"),
        # bad type strings: the line of the type
        (GOOD.replace('"n.r s n.l"', '"n.r s n.x"'), 10, "class 'transitive_verb': malformed"),
        (GOOD.replace('"n.r s n.l"', '"n.r q n.l"'), 10, "class 'transitive_verb': unknown"),
        (GOOD.replace('type = "n"', 'type = "n.l.r"'), 6, "class 'noun': simple type 'n.l.r'"),
        # structural errors: the line of the key or the class header
        (GOOD.replace('["n", "s"]', "[]"), 3, "[grammar] basic_types must be a non-empty"),
        (GOOD.replace('type = "n"\n', ""), 5, "class 'noun' needs a type string"),
        (GOOD.replace('"bob"', '" bob"'), 5, "class 'noun': bad word ' bob'"),
        (GOOD.replace('"bob"', "3"), 5, "class 'noun': bad word 3"),
    ],
)
def test_malformed_files_name_file_and_line(
    tmp_path: Path, text: str, line: int, message: str
) -> None:
    path = write(tmp_path, text)
    with pytest.raises(GrammarError) as info:
        load_lexicon(path)
    err = info.value
    assert err.source == str(path)
    assert err.line == line
    assert str(err).startswith(f"{path}:{line}: {message}")


def test_missing_tables(tmp_path: Path) -> None:
    with pytest.raises(GrammarError, match=r"missing \[grammar\] table"):
        load_lexicon(write(tmp_path, "[classes.noun]\ntype = 'n'\nwords = ['a']\n"))
    with pytest.raises(GrammarError, match=r"missing \[classes\.NAME\] tables"):
        load_lexicon(write(tmp_path, "[grammar]\nbasic_types = ['n']\n"))


def test_missing_files() -> None:
    with pytest.raises(GrammarError, match=r"^nowhere/g\.toml: no such grammar file$"):
        load_lexicon("nowhere/g.toml")
    with pytest.raises(GrammarError, match=r"^no bundled grammar called 'klingon'$"):
        load_lexicon("klingon")


def test_from_dict_without_a_file() -> None:
    lexicon = Lexicon.from_dict(
        {"grammar": {"basic_types": ["n"]}, "classes": {"noun": {"type": "n", "words": ["a"]}}}
    )
    assert lexicon.source is None and lexicon.entries("a")[0].type == (("n", 0),)
    with pytest.raises(KeyError, match="no word class 'verb'"):
        lexicon.word_class("verb")


# -- costs, the form table, unknown words, run-time additions ------------------------------

WIDE = (
    GOOD.replace('type = "n"\n', 'type = "n"\ncost = 0.25\n')
    + """
[classes.adjective]
type = "n n.l"
cost = 0.5
words = []

[lemmas]
loves = "love"

[forms]
file = "forms.tsv"
penalty = 1.0
guess_penalty = 3.0

[forms.tags]
NN = ["noun"]
VBZ = ["transitive_verb+0.5"]
JJ = ["adjective"]
"""
)
FORMS = "# a tiny form table\ncats\tNNS:cat\nruns\tNN:run VBZ:run\nhappy\tJJ:happy\n"


def wide(tmp_path: Path) -> Lexicon:
    (tmp_path / "forms.tsv").write_text(FORMS.replace("NNS:cat", "NN:cat"), encoding="utf-8")
    return load_lexicon(write(tmp_path, WIDE))


def test_curated_words_first_then_the_form_table_at_a_penalty(tmp_path: Path) -> None:
    lexicon = wide(tmp_path)
    assert [(e.word_class, e.cost, e.origin) for e in lexicon.entries("cook")] == [
        ("noun", 0.25, "lexicon"),
        ("transitive_verb", 0.0, "lexicon"),
    ][::-1]
    runs = lexicon.entries("runs")
    assert [(e.word_class, e.cost, e.origin, e.lemma) for e in runs] == [
        ("noun", 1.25, "forms", "run"),
        ("transitive_verb", 1.5, "forms", "run"),  # 0 + penalty 1 + 0.5 for the tag
    ]
    assert lexicon.entries("loves")[0].lemma == "love"  # from [lemmas]
    assert "cats" in lexicon and len(lexicon) == 7  # alice bob cook loves + cats runs happy


def test_unknown_words_error_or_guess(tmp_path: Path) -> None:
    lexicon = wide(tmp_path)
    with pytest.raises(UnknownWordError):
        lexicon.entries("zorbles", position=4)
    guessed = lexicon.entries("zorbles", unknown_words="guess")  # -s: a verb (VBZ) here
    assert {e.origin for e in guessed} == {"guess"}
    assert all(e.cost >= 3.0 for e in guessed)


def test_a_numeral_is_read_by_its_shape_under_either_policy() -> None:
    english = load_lexicon("english")
    assert "2019" not in english  # no table lists every number
    for policy in ("error", "guess"):
        entries = english.entries("2019", unknown_words=policy)  # type: ignore[arg-type]
        assert {(e.word_class, e.origin, e.lemma) for e in entries} == {
            ("noun", "number", "2019"),
            ("determiner", "number", "2019"),
        }
    assert "adjective" in {e.word_class for e in english.entries("23rd")}
    with pytest.raises(UnknownWordError, match="'2019x' at position 2"):
        english.entries("2019x", position=2)


def test_an_abbreviation_is_read_without_its_period_but_an_initial_is_not() -> None:
    english = load_lexicon("english")
    assert "dr." not in english and "dr" in english
    assert [(e.word, e.word_class) for e in english.entries("Dr.")] == [
        ("dr.", "noun"),
        ("dr.", "noun_modifier"),
    ]
    assert {e.word_class for e in english.entries("u.s.")} == {"noun", "noun_modifier"}
    assert "auxiliary" in {e.word_class for e in english.entries("d")}  # "I 'd" written "d"
    with pytest.raises(UnknownWordError, match=r"'d\.'"):
        english.entries("d.")  # an initial ("Marlene D. Hilliard"), not "d"
    assert {e.origin for e in english.entries("d.", unknown_words="guess")} == {"guess"}


def test_with_words_and_with_class(tmp_path: Path) -> None:
    lexicon = wide(tmp_path)
    more = lexicon.with_words("noun", ["Quokka"], {"quokka": "quokka"})
    assert [e.word_class for e in more.entries("quokka")] == ["noun"]
    assert "quokka" not in lexicon  # the original is unchanged
    titled = more.with_class("title", "n n.l", ["dr"], cost=0.1)
    assert titled.entries("dr")[0] == LexicalEntry("dr", "title", (("n", 0), ("n", -1)), cost=0.1)
    with pytest.raises(GrammarError, match="class 'title' exists already"):
        titled.with_class("title", "n", [])
    with pytest.raises(GrammarError, match="unknown basic type 'x'"):
        lexicon.with_class("bad", "x", [])
    with pytest.raises(KeyError, match="no word class 'nope'"):
        lexicon.with_words("nope", ["a"])


def test_after_reads_a_class_only_after_its_words_and_a_bad_one_names_the_line(
    tmp_path: Path,
) -> None:
    english = load_lexicon("english")
    assert english.word_class("let_us").after == ("let", "lets")
    parser = Parser(english, scoring="costs")
    assert parser.parse("let 's go").word_classes[1] == "let_us"
    assert "let_us" not in parser.parse("that 's great").word_classes  # 's is us after let only
    text = WIDE.replace("cost = 0.5\n", 'cost = 0.5\nafter = "the"\n')
    with pytest.raises(GrammarError, match="class 'adjective': after must be a list") as info:
        load_lexicon(write(tmp_path, text))
    assert info.value.line is not None
    assert 'after = "the"' in text.splitlines()[info.value.line - 1]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("cost = 0.25", "cost = -1"), "class 'noun': cost must be a finite number >= 0"),
        (('VBZ = ["transitive_verb+0.5"]', 'VBZ = ["verb"]'), "'verb' is not a class"),
        (("penalty = 1.0", 'penalty = "high"'), "[forms] penalty must be a number >= 0"),
        (('loves = "love"', "loves = 3"), "[lemmas] must map words to non-empty strings"),
    ],
)
def test_bad_costs_tags_and_lemmas_name_the_line(
    tmp_path: Path, change: tuple[str, str], message: str
) -> None:
    text = WIDE.replace(*change)
    with pytest.raises(GrammarError) as info:
        load_lexicon(write(tmp_path, text))
    assert message in str(info.value)
    assert info.value.line is not None and change[1] in text.splitlines()[info.value.line - 1]


def test_a_malformed_form_table_names_its_line(tmp_path: Path) -> None:
    (tmp_path / "forms.tsv").write_text("cats\tNNS:cat\nruns NN:run\n", encoding="utf-8")
    lexicon = load_lexicon(write(tmp_path, WIDE))
    with pytest.raises(GrammarError, match=r"forms.tsv:2"):
        lexicon.entries("cats")


def test_bundled_english_is_wide_and_lemmatised() -> None:
    english = load_lexicon("english")
    assert len(english) > 100_000
    assert {e.lemma for e in english.entries("mice")} == {"mouse"}
    assert {e.origin for e in english.entries("galloped")} == {"forms"}
    assert english.entries("is")[0].lemma == "be"
    assert {e.lemma for e in english.entries("n't")} == {"not"}


def test_word_costs_shift_a_words_classes_and_bad_lines_are_named(tmp_path: Path) -> None:
    text = WIDE.replace(
        'basic_types = ["n", "s"]', 'basic_types = ["n", "s"]\nword_costs = "w.tsv"'
    )
    (tmp_path / "forms.tsv").write_text(FORMS, encoding="utf-8")
    (tmp_path / "w.tsv").write_text("# costs\ncook\tnoun\t2\n", encoding="utf-8")
    lexicon = load_lexicon(write(tmp_path, text))
    assert [(e.word_class, e.cost) for e in lexicon.entries("cook")] == [
        ("transitive_verb", 0.0),
        ("noun", 2.25),  # 0.25 + 2
    ]
    (tmp_path / "w.tsv").write_text("# costs\ncook\tverb\t2\n", encoding="utf-8")
    with pytest.raises(GrammarError, match=r"w.tsv:2: bad word cost"):
        load_lexicon(write(tmp_path, text)).entries("cook")
