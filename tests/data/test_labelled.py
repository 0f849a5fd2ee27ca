from __future__ import annotations

import pytest

from discojax.data import DATASETS, locate, read_labelled
from discojax.data._datasets import sha256
from discojax.errors import DataError


def test_reads_labels_and_sentences_without_a_final_newline(tmp_path) -> None:
    path = tmp_path / "train.txt"
    path.write_text("1  skillful man prepares sauce .\n\n0 man debugs program .")
    data = read_labelled(path)
    assert data.sentences == ("skillful man prepares sauce .", "man debugs program .")
    assert data.labels == (1, 0)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("1 man runs .\nfood woman cooks .\n", r"train.txt:2: label 'food' is not an integer"),
        ("1 man runs .\n1\n", r"train.txt:2: expected 'LABEL sentence'"),
        ("-1 man runs .\n", r"train.txt:1: label -1 is negative"),
    ],
)
def test_malformed_lines_name_file_and_line(tmp_path, text, message) -> None:
    path = tmp_path / "train.txt"
    path.write_text(text)
    with pytest.raises(DataError, match=message):
        read_labelled(path)


def test_locate_prefers_the_given_folder_then_the_environment(tmp_path, monkeypatch) -> None:
    folder = tmp_path / "mc"
    folder.mkdir()
    for name in DATASETS["mc"].files:
        (folder / name).write_text("1 man runs .\n")
    assert locate("mc", tmp_path) == folder
    monkeypatch.setenv("DISCOJAX_DATA", str(tmp_path))
    assert locate("mc") == folder


def test_checksums_are_sha256(tmp_path) -> None:
    path = tmp_path / "f"
    path.write_bytes(b"")
    assert sha256(path) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
