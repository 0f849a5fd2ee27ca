"""Text corpora: tokens of plain text and CoNLL-U lemmas, streamed, re-readable, checked."""

from __future__ import annotations

import pytest

from discojax.data import TextCorpus, tokenize
from discojax.errors import DataError

CONLLU = (
    "# text = The dogs didn't bark, 2 times.\n"
    "1\tThe\tthe\tDET\tDT\t_\t2\tdet\t_\t_\n"
    "2\tdogs\tdog\tNOUN\tNNS\t_\t5\tnsubj\t_\t_\n"
    "3-4\tdidn't\t_\t_\t_\t_\t_\t_\t_\t_\n"
    "3\tdid\tdo\tAUX\tVBD\t_\t5\taux\t_\t_\n"
    "4\tn't\tnot\tPART\tRB\t_\t5\tadvmod\t_\t_\n"
    "5\tbark\tbark\tVERB\tVB\t_\t0\troot\t_\t_\n"
    "6\t,\t,\tPUNCT\t,\t_\t5\tpunct\t_\t_\n"
    "7\t2\t2\tNUM\tCD\t_\t8\tnummod\t_\t_\n"
    "8\tTimes\ttime\tNOUN\tNNS\t_\t5\tobl\t_\t_\n"
    "\n"
)


def test_tokens_are_letter_runs_with_inner_apostrophes() -> None:
    assert tokenize("Rock'n'roll isn't 4 U; naïve café-goers.") == [
        "rock'n'roll",
        "isn't",
        "u",
        "naïve",
        "café",
        "goers",
    ]
    assert tokenize("The Cat", lowercase=False) == ["The", "Cat"]


def test_conllu_gives_lemmas_or_forms_without_punctuation_or_numbers(tmp_path) -> None:
    (tmp_path / "a.conllu").write_text(CONLLU)
    assert list(TextCorpus.from_files(tmp_path / "a.conllu")) == [
        ["the", "dog", "do", "not", "bark", "time"]
    ]
    forms = TextCorpus.from_files(tmp_path / "a.conllu", lowercase=False, field="form")
    assert list(forms) == [["The", "dogs", "did", "n't", "bark", "Times"]]


def test_a_folder_is_its_text_and_conllu_files_in_name_order(tmp_path) -> None:
    (tmp_path / "b.txt").write_text("Second file.\n")
    (tmp_path / "a.conllu").write_text(CONLLU)
    (tmp_path / "LICENSE").write_text("Not a corpus file.\n")
    corpus = TextCorpus.from_files(tmp_path)
    assert [path.name for path in corpus.paths] == ["a.conllu", "b.txt"]
    assert list(corpus)[1:] == [["second", "file"]]
    assert list(corpus) == list(corpus)
    pattern = TextCorpus.from_files(tmp_path / "*.conllu")
    assert [path.name for path in pattern.paths] == ["a.conllu"]


def test_missing_files_are_refused_before_reading(tmp_path) -> None:
    (tmp_path / "a.txt").write_text("x\n")
    with pytest.raises(DataError, match=r"absent\.txt: no such data file"):
        TextCorpus.from_files([tmp_path / "a.txt", tmp_path / "absent.txt"])
    (tmp_path / "empty").mkdir()
    with pytest.raises(DataError, match=r"empty: no \.txt, \.text, \.conllu file"):
        TextCorpus.from_files(tmp_path / "empty")
    with pytest.raises(DataError, match=r"\*\.conllu: no file matches this pattern"):
        TextCorpus.from_files(tmp_path / "*.conllu")


def test_a_malformed_conllu_line_names_file_and_line(tmp_path) -> None:
    (tmp_path / "bad.conllu").write_text(CONLLU + "1\tonly\tthree\n\n")
    corpus = iter(TextCorpus.from_files(tmp_path / "bad.conllu"))
    assert next(corpus)[0] == "the"  # streamed: the good sentence comes first
    with pytest.raises(DataError, match=r"bad\.conllu:12: expected 10 tab-separated columns"):
        next(corpus)
