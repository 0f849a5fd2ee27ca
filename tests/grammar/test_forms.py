"""The wide English form table: its contents, its file format's errors, and guessed readings."""

from __future__ import annotations

import gzip
import re
from pathlib import Path

import pytest

from discojax.errors import GrammarError
from discojax.grammar._forms import FormTable, guess_readings, load_forms

TAG = re.compile(r"[A-Z$]+\Z")
WORD = re.compile(r"[a-z0-9]+(?:['.-][a-z0-9]+)*\Z")


@pytest.fixture(scope="module")
def english() -> FormTable:
    return load_forms("english_forms")


def test_bundled_table_is_wide(english: FormTable) -> None:
    assert len(english) > 100_000
    assert english.source == "english_forms.tsv.gz"
    assert load_forms("english_forms") is english  # cached
    forms = list(english)
    assert len(forms) == len(set(forms)) == len(english)
    assert forms == sorted(forms)


def test_bundled_forms_are_well_shaped(english: FormTable) -> None:
    for form in list(english)[::97]:
        assert WORD.match(form), form
        readings = english.readings(form)
        assert readings, form
        assert len(set(readings)) == len(readings), form
        for tag, lemma in readings:
            assert TAG.match(tag) and WORD.match(lemma), (form, tag, lemma)


@pytest.mark.parametrize(
    ("form", "reading"),
    [
        ("ran", ("VBD", "run")),
        ("run", ("VB", "run")),
        ("run", ("VBP", "run")),
        ("run", ("VBN", "run")),
        ("run", ("NN", "run")),
        ("mice", ("NNS", "mouse")),
        ("children", ("NNS", "child")),
        ("geese", ("NNS", "goose")),
        ("criteria", ("NNS", "criterion")),
        ("went", ("VBD", "go")),
        ("gone", ("VBN", "go")),
        ("saw", ("NN", "saw")),
        ("saw", ("VBD", "see")),
        ("thought", ("VBD", "think")),
        ("thought", ("VBN", "think")),
        ("walked", ("VBN", "walk")),
        ("happily", ("RB", "happily")),
        ("better", ("JJR", "good")),
        ("better", ("RBR", "well")),
        ("best", ("JJS", "good")),
        ("worse", ("JJR", "bad")),
        ("bigger", ("JJR", "big")),
        ("was", ("VBD", "be")),
        ("were", ("VBD", "be")),
        ("is", ("VBZ", "be")),
        ("are", ("VBP", "be")),
        ("am", ("VBP", "be")),
        ("been", ("VBN", "be")),
        ("being", ("VBG", "be")),
        ("has", ("VBZ", "have")),
        ("could", ("MD", "can")),
        ("one", ("CD", "one")),
        ("1000", ("CD", "1000")),
        ("well-known", ("JJ", "well-known")),
    ],
)
def test_readings_of_known_forms(english: FormTable, form: str, reading: tuple[str, str]) -> None:
    assert reading in english.readings(form)


def test_reading_order(english: FormTable) -> None:
    assert english.readings("ran") == (("VBD", "run"),)
    assert english.readings("went") == (("VBD", "go"),)
    assert english.readings("saw") == (("NN", "saw"), ("VB", "saw"), ("VBP", "saw"), ("VBD", "see"))
    # the lexicon's reading before WordNet's rarer sense (americium), a modal's MD first,
    # a number word's CD first
    assert english.readings("am")[0] == ("VBP", "be")
    assert english.readings("can")[0] == ("MD", "can")
    assert english.readings("one")[0] == ("CD", "one")
    better = english.readings("better")
    assert better.index(("JJR", "good")) < better.index(("JJR", "well"))


def test_no_false_plurals_from_rules(english: FormTable) -> None:
    # rule inflections of WordNet nouns do not add readings to known forms
    assert ("NNS", "wa") not in english.readings("was")
    assert ("NNS", "ha") not in english.readings("has")


def test_unknown_form(english: FormTable) -> None:
    assert "zorbles" not in english
    assert english.readings("zorbles") == ()
    assert english.readings("") == ()
    assert "Ran" not in english  # forms are lower-case, looked up as given


def test_plain_and_gzip_files(tmp_path: Path) -> None:
    text = "# a comment\nran\tVBD:run\n\nsaw\tNN:saw VBD:see\n"
    plain = tmp_path / "forms.tsv"
    plain.write_text(text, encoding="utf-8")
    packed = tmp_path / "forms.tsv.gz"
    packed.write_bytes(gzip.compress(text.encode("utf-8")))
    for path in (plain, packed, str(packed)):
        table = load_forms(path)
        assert len(table) == 2 and list(table) == ["ran", "saw"]
        assert table.readings("saw") == (("NN", "saw"), ("VBD", "see"))
        assert table.source == str(
            packed.resolve() if str(path).endswith(".gz") else plain.resolve()
        )


def test_crlf_lines() -> None:
    table = FormTable.from_text("ran\tVBD:run\r\nsaw\tNN:saw\r\n", "crlf.tsv")
    assert table.readings("saw") == (("NN", "saw"),)


@pytest.mark.parametrize(
    ("lines", "number", "words"),
    [
        (["ran\tVBD:run", "saw NN:saw"], 2, "no tab"),
        (["ran\tVBD:run", "", "# note", "saw\tNN:saw VBDsee"], 4, "no ':'"),
        (["ran\tVBD:run", "saw\t:saw"], 2, "empty tag"),
        (["saw\tNN:"], 1, "empty lemma"),
        (["ran\tVBD:run", "saw\tNN:saw", "sea\tnn:sea"], 3, "not of [A-Z$]+"),
        (["saw\tNN:saw  VBD:see"], 1, "stray space"),
        (["saw\t"], 1, "no readings"),
        (["\tNN:saw"], 1, "empty form"),
        (["ran\tVBD:run", "saw\tNN:saw", "ran\tVBN:run"], 3, "given twice"),
    ],
)
def test_malformed_file_names_file_and_line(
    tmp_path: Path, lines: list[str], number: int, words: str
) -> None:
    path = tmp_path / "bad.tsv.gz"
    path.write_bytes(gzip.compress(("\n".join(lines) + "\n").encode("utf-8")))
    with pytest.raises(GrammarError) as caught:
        load_forms(path)
    assert caught.value.line == number
    assert caught.value.source == str(path.resolve())
    assert str(caught.value).startswith(f"{path.resolve()}:{number}: ")
    assert words in str(caught.value)


def test_missing_and_corrupt_files(tmp_path: Path) -> None:
    with pytest.raises(GrammarError, match="no such form table file"):
        load_forms(tmp_path / "absent.tsv.gz")
    with pytest.raises(GrammarError, match="no bundled form table called 'nonesuch'"):
        load_forms("nonesuch")
    corrupt = tmp_path / "corrupt.tsv.gz"
    corrupt.write_bytes(gzip.compress(b"ran\tVBD:run\n" * 100)[:-20])
    with pytest.raises(GrammarError, match="corrupt gzip"):
        load_forms(corrupt)
    latin = tmp_path / "latin.tsv"
    latin.write_bytes("caf\xe9\tNN:caf\xe9\n".encode("latin-1"))
    with pytest.raises(GrammarError, match="not UTF-8"):
        load_forms(latin)
    with pytest.raises(GrammarError, match="not a file"):
        load_forms(tmp_path / "")


def test_a_changed_file_is_read_again(tmp_path: Path) -> None:
    path = tmp_path / "forms.tsv"
    path.write_text("ran\tVBD:run\n", encoding="utf-8")
    assert load_forms(path).readings("ran") == (("VBD", "run"),)
    path.write_text("ran\tVBD:run VBN:run\n", encoding="utf-8")
    assert load_forms(path).readings("ran") == (("VBD", "run"), ("VBN", "run"))


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("1990", (("CD", "1990"),)),
        ("3.5", (("CD", "3.5"),)),
        ("1,000", (("CD", "1,000"),)),
        ("1990s", (("CD", "1990s"),)),
        ("2nd", (("CD", "2nd"), ("JJ", "2nd"))),
        ("blorfing", (("VBG", "blorf"), ("NN", "blorfing"))),
        ("zapping", (("VBG", "zap"), ("NN", "zapping"))),
        ("glazing", (("VBG", "glaze"), ("NN", "glazing"))),
        ("snurfed", (("VBD", "snurf"), ("VBN", "snurf"), ("JJ", "snurfed"))),
        ("zapped", (("VBD", "zap"), ("VBN", "zap"), ("JJ", "zapped"))),
        ("flurried", (("VBD", "flurry"), ("VBN", "flurry"), ("JJ", "flurried"))),
        ("snarkily", (("RB", "snarkily"),)),
        ("florbous", (("JJ", "florbous"), ("NN", "florbous"))),
        ("blorfless", (("JJ", "blorfless"), ("NN", "blorfless"))),
        ("glimmable", (("JJ", "glimmable"), ("NN", "glimmable"))),
        ("blicker", (("NN", "blicker"), ("JJR", "blick"))),
        ("blickest", (("NN", "blickest"), ("JJS", "blick"))),
        ("zorbles", (("NNS", "zorble"), ("VBZ", "zorble"))),
        ("frotches", (("NNS", "frotch"), ("VBZ", "frotch"))),
        ("glorpies", (("NNS", "glorpy"), ("VBZ", "glorpy"))),
        ("glorpus", (("NN", "glorpus"), ("JJ", "glorpus"))),
        ("half-baked", (("JJ", "half-baked"), ("NN", "half-baked"))),
        ("wug", (("NN", "wug"), ("JJ", "wug"))),
        ("sing", (("NN", "sing"), ("JJ", "sing"))),
    ],
)
def test_guess_readings(word: str, expected: tuple[tuple[str, str], ...]) -> None:
    assert guess_readings(word) == expected


def test_guess_readings_capitalised_and_never_empty() -> None:
    assert guess_readings("zorp", capitalised=True) == (("NN", "zorp"), ("NNP", "zorp"))
    assert guess_readings("1990", capitalised=True) == (("CD", "1990"),)
    for word in ["a", "x", "ed", "ing", "-", "'", "s", "ly", "er", "zzz", "ies", "-ed"]:
        readings = guess_readings(word)
        assert readings and all(TAG.match(tag) and lemma for tag, lemma in readings), word
