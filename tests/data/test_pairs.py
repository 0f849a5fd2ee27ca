"""Sentence-pair readers: GS2012's swapped header, generic tab-separated pairs."""

from __future__ import annotations

import numpy as np
import pytest

from discojax.data import SentencePair, read_gs2012, read_pairs
from discojax.errors import DataError

HEADER = "sentence_id annotator_id adj_subj subj landmark verb adj_obj obj annotator_score"


def test_gs2012_reads_the_third_word_as_the_verb_whatever_the_header_says():
    data = read_gs2012(
        [HEADER, "1 1 statistical table show express good result 6", "1 2 x y z w u v 2"]
    )
    first = data.judgements[0]
    assert first.item == SentencePair(
        "statistical table show good result", "statistical table express good result"
    )
    assert (first.participant, first.score, first.line) == ("1", 6.0, 2)
    assert len(data.items()) == 2


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("1 1 a b c d e f", "<lines>:1: expected 9 fields"),
        ("1 1 a b c d e f seven", "<lines>:1: score 'seven' is not an integer"),
        ("1 1 a b c d e f 0", "<lines>:1: score 0 is outside 1..7"),
    ],
)
def test_gs2012_bad_lines_name_file_and_line(line, message):
    with pytest.raises(DataError, match=message):
        read_gs2012([line])


def test_pairs_group_judgements_into_items_with_mean_scores():
    data = read_pairs(
        [
            "# a comment",
            "A man plays.\tA man sings.\t1\tann1",
            "A man plays.\tA man sings.\t4\tann2",
            "A dog barks.\tA cat meows.\t2.5",
        ]
    )
    assert len(data) == 3
    assert data.items()[1] == SentencePair("A dog barks.", "A cat meows.")
    np.testing.assert_array_equal(data.mean_scores(), [2.5, 2.5])
    assert data.participants() == ("ann1", "ann2", "")


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("only one field", "expected first<TAB>second<TAB>score"),
        ("a\tb\tnan", "score 'nan' is not a finite number"),
        ("\tb\t1", "an empty sentence"),
    ],
)
def test_pairs_bad_lines_name_file_and_line(line, message):
    with pytest.raises(DataError, match=f"<lines>:1: {message}"):
        read_pairs([line])
