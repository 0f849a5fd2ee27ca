"""Lexicons: reading TOML grammar files, and errors that name the file and the line."""

from __future__ import annotations

from pathlib import Path

import pytest

from discojax.errors import GrammarError, UnknownWordError
from discojax.grammar import LexicalEntry, Lexicon, load_lexicon

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
    assert [e.word_class for e in english.entries("that")] == [
        "subject_relative_pronoun",
        "object_relative_pronoun",
    ]


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
