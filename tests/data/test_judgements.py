"""Readers of the ML2008 and GS2011 judgement files and their sentence CSVs."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from discojax.data import Item, read_gs2011, read_ml2008, read_sentences
from discojax.errors import DataError

GS_HEADER = "participant verb subject object landmark input hilo"
ML_HEADER = "participant verb noun landmark input hilo"


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8"))
    return path


def test_gs2011_items_scores_and_means(tmp_path):
    path = write(
        tmp_path,
        "gs.txt",
        f"{GS_HEADER}\n"
        "p1 provide family home supply 4 HIGH\n"
        "p1 provide family home leave 2 LOW\n"
        "p2 provide family home supply 6 HIGH\n"
        "p2 meet system criterion visit 0 LOW\n",
    )
    data = read_gs2011(path)
    assert data.name == "gs2011" and data.source == str(path)
    assert data.items() == (
        Item("provide", "family", "home", "supply"),
        Item("provide", "family", "home", "leave"),
        Item("meet", "system", "criterion", "visit"),
    )
    assert data.participants() == ("p1", "p2")
    np.testing.assert_array_equal(data.scores(), [4, 2, 6, 0])
    np.testing.assert_array_equal(data.item_indices(), [0, 1, 0, 2])
    np.testing.assert_array_equal(data.mean_scores(), [5.0, 2.0, 0.0])
    assert [j.line for j in data.judgements] == [2, 3, 4, 5]
    assert data.judgements[0].hilo == "high"
    assert data.items()[0].landmark_sentence == "family supply home"


def test_ml2008_crlf_lines_are_counted_by_newline(tmp_path):
    text = f"{ML_HEADER}\r\r\np1 stray thought roam 7 low\r\r\np1 stray eye roam seven high\r\r\n"
    path = write(tmp_path, "ml.txt", text)
    with pytest.raises(DataError) as err:
        read_ml2008(path)
    assert str(err.value) == f"{path}:3: score 'seven' is not an integer"
    assert err.value.line == 3


def test_ml2008_items_have_no_object(tmp_path):
    path = write(tmp_path, "ml.txt", f"{ML_HEADER}\r\r\np1 stray thought roam 7 low\r\r\n")
    data = read_ml2008(path)
    assert data.items() == (Item("stray", "thought", None, "roam"),)
    assert data.items()[0].sentence == "thought stray"


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("p1 provide family home supply 4", "expected 7 fields"),
        ("p1 provide family home supply 4 HIGH extra", "expected 7 fields"),
        ("p1 provide family home supply 4.5 HIGH", "score '4.5' is not an integer"),
        ("p1 provide family home supply 9 HIGH", "score 9 is outside 0..7"),
        ("p1 provide family home supply 4 MAYBE", "hilo 'MAYBE' is neither HIGH nor LOW"),
    ],
)
def test_malformed_gs2011_line_names_file_and_line(tmp_path, line, message):
    path = write(tmp_path, "gs.txt", f"{GS_HEADER}\np1 meet system criterion visit 1 LOW\n{line}\n")
    with pytest.raises(DataError) as err:
        read_gs2011(path)
    assert str(err.value).startswith(f"{path}:3: {message}")


def test_blank_lines_are_skipped_and_empty_file_is_an_error(tmp_path):
    data = read_gs2011([GS_HEADER, "", "p1 meet system criterion visit 1 LOW", "   "])
    assert len(data) == 1 and data.judgements[0].line == 3
    with pytest.raises(DataError, match="no judgements"):
        read_gs2011(write(tmp_path, "empty.txt", GS_HEADER + "\n"))


def test_missing_file(tmp_path):
    with pytest.raises(DataError, match="no such data file"):
        read_ml2008(tmp_path / "absent.txt")


def test_sentences_csv(tmp_path):
    path = write(
        tmp_path,
        "s.csv",
        "original,completed\nfamily provide home,The family provides the home.\n\n"
        '"poll  express support","The poll expresss the support."\n',
    )
    assert read_sentences(path) == {
        "family provide home": "The family provides the home.",
        "poll express support": "The poll expresss the support.",
    }


def test_sentences_csv_errors(tmp_path):
    with pytest.raises(DataError) as err:
        read_sentences(write(tmp_path, "a.csv", "lemma,sentence\na b,A b.\n"))
    assert str(err.value) == f"{tmp_path / 'a.csv'}:1: the header must be 'original,completed'"
    with pytest.raises(DataError) as err:
        read_sentences(write(tmp_path, "b.csv", "original,completed\na b,A b.\na c,A c.,x\n"))
    assert str(err.value) == (
        f"{tmp_path / 'b.csv'}:3: expected two fields (original,completed), got 3"
    )
