"""Count vectors: hand-computed PPMI, streamed equals in memory, SVD as Eckart-Young says."""

from __future__ import annotations

import math
from collections import Counter

import numpy as np
import pytest
from scipy import sparse

from discojax.data import TextCorpus
from discojax.errors import DataError
from discojax.semantics.corpus import (
    WordVectors,
    cooccurrences,
    count_vectors,
    load_npy,
    ppmi,
    save_npy,
    truncated_svd,
)

# window 2: x-y twice, x-z, y-z once; z-z twice (each z is the other's context)
CORPUS = [["x", "y", "z"], ["x", "y"], ["z", "z"]]


def test_ppmi_of_a_hand_made_corpus() -> None:
    vectors = count_vectors(CORPUS, window=2, contexts=3, stop_words=())
    # frequencies x 2, y 2, z 3: targets and contexts ('z', 'x', 'y')
    assert vectors.words == ("z", "x", "y")
    # counts (rows and columns z, x, y): z [2, 1, 1], x [1, 0, 2], y [1, 2, 0]; D = 10;
    # row and column sums z 4, x 3, y 3
    expected = {
        ("z", "z"): math.log(2 * 10 / (4 * 4)),
        ("x", "y"): math.log(2 * 10 / (3 * 3)),
        ("y", "x"): math.log(2 * 10 / (3 * 3)),
    }  # log(1 * 10 / (4 * 3)) < 0 for z-x, z-y: clipped to 0
    for word in vectors.words:
        for j, context in enumerate(("z", "x", "y")):
            assert vectors[word][j] == pytest.approx(expected.get((word, context), 0.0), abs=1e-12)


def test_context_smoothing_by_alpha() -> None:
    vectors = count_vectors(CORPUS, window=2, contexts=3, stop_words=(), alpha=0.75)
    smoothed = np.array([4.0, 3.0, 3.0]) ** 0.75
    p_context = smoothed / smoothed.sum()
    # PMI(w, c) = log(P(w, c) / (P(w) P_alpha(c)))
    assert vectors["x"][2] == pytest.approx(math.log((2 / 10) / ((3 / 10) * p_context[2])))
    assert vectors["z"][0] == pytest.approx(math.log((2 / 10) / ((4 / 10) * p_context[0])))
    # smoothing lowers the PMI of the rarer contexts (x, y) and raises that of the frequent z
    assert vectors["x"][2] < math.log(2 * 10 / (3 * 3))
    assert vectors["z"][0] > math.log(2 * 10 / (4 * 4))


def test_contexts_skip_stop_words_and_rare_words_have_no_vector() -> None:
    corpus = [["the", "cat", "sat"], ["the", "dog", "sat"], ["the", "cat", "ran"]]
    vectors = count_vectors(corpus, window=1, contexts=2, stop_words={"the"}, min_count=2)
    # contexts: 'cat' and 'sat' (twice each; 'the' is a stop word); targets seen at least
    # twice: 'the', 'cat', 'sat' ('dog' and 'ran' once: no vector)
    assert vectors.words == ("the", "cat", "sat")
    assert vectors.coverage(["cat", "dog", "ran"]).missing == ("dog", "ran")
    counts = cooccurrences(corpus, ["the", "cat", "sat"], ["cat", "sat"], window=1).toarray()
    np.testing.assert_array_equal(counts, [[2, 0], [0, 1], [1, 0]])


def brute_force(corpus, targets, contexts, window):
    counts = Counter()
    for sentence in corpus:
        for i, word in enumerate(sentence):
            for j in range(max(0, i - window), min(len(sentence), i + window + 1)):
                if j != i and word in targets and sentence[j] in contexts:
                    counts[targets.index(word), contexts.index(sentence[j])] += 1
    matrix = np.zeros((len(targets), len(contexts)), dtype=np.int64)
    for (i, j), n in counts.items():
        matrix[i, j] = n
    return matrix


@pytest.mark.parametrize("chunk", [1, 7, 1_000_000])
def test_chunked_counts_equal_a_direct_count(chunk) -> None:
    rng = np.random.default_rng(0)
    words = [f"w{i}" for i in range(12)]
    corpus = [list(rng.choice(words, size=rng.integers(1, 9))) for _ in range(60)]
    targets, contexts = words[:9], words[3:]
    counts = cooccurrences(corpus, targets, contexts, window=3, chunk=chunk)
    np.testing.assert_array_equal(counts.toarray(), brute_force(corpus, targets, contexts, 3))


def test_a_streamed_file_gives_the_vectors_of_the_corpus_in_memory(tmp_path) -> None:
    text = "The cat sat on the mat.\nA dog sat on a log!\n\nThe cat saw the dog, twice.\n"
    (tmp_path / "corpus.txt").write_text(text)
    streamed = count_vectors(TextCorpus.from_files(tmp_path), window=2, contexts=4, chunk=3)
    sentences = [line.lower().replace(",", "").strip(".!").split() for line in text.splitlines()]
    in_memory = count_vectors([s for s in sentences if s], window=2, contexts=4)
    assert streamed.words == in_memory.words
    np.testing.assert_array_equal(streamed.array, in_memory.array)


def test_truncated_svd_is_the_best_low_rank_approximation() -> None:
    matrix = sparse.random(30, 12, density=0.4, random_state=1, format="csr")
    dense = matrix.toarray()
    exact = np.linalg.svd(dense, compute_uv=False)
    u, s, vt = truncated_svd(matrix, 4)
    np.testing.assert_allclose(s, exact[:4], rtol=1e-10)
    np.testing.assert_allclose(u.T @ u, np.eye(4), atol=1e-10)
    residual = np.linalg.norm(dense - (u * s) @ vt)  # Eckart-Young: the discarded energy
    assert residual == pytest.approx(math.sqrt(np.sum(exact[4:] ** 2)), rel=1e-9)
    again = truncated_svd(matrix, 4)[0]
    np.testing.assert_array_equal(u, again)  # deterministic, signs included


def test_full_rank_svd_vectors_keep_every_inner_product() -> None:
    # 'p' and 'q' share their contexts, and so do 'a' and 'b': PPMI has rank 2 of 4
    words = [["a", "p", "b"], ["a", "q", "b"], ["b", "p", "a"], ["b", "q", "a"], ["p"]]
    full = count_vectors(words, window=1, contexts=4, stop_words=())
    assert np.linalg.matrix_rank(full.array) == 2
    reduced = count_vectors(words, window=1, contexts=4, stop_words=(), dims=2)
    assert reduced.words == full.words and reduced.dim == 2
    np.testing.assert_allclose(
        reduced.array @ reduced.array.T, full.array @ full.array.T, atol=1e-9
    )


def test_ppmi_of_counts_matches_its_formula_on_random_counts() -> None:
    counts = np.random.default_rng(2).poisson(1.5, size=(6, 5))
    total, row, column = counts.sum(), counts.sum(axis=1), counts.sum(axis=0)
    with np.errstate(divide="ignore"):
        expected = np.maximum(np.log(counts * total / np.outer(row, column)), 0)
    np.testing.assert_allclose(ppmi(counts).toarray(), expected, atol=1e-12)


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        ({"window": 0}, "window must be at least 1, not 0"),
        ({"contexts": 0}, "contexts must be at least 1"),
        ({"alpha": 1.5}, r"alpha must be in \(0, 1\], not 1.5"),
        ({"dims": 5, "contexts": 5}, r"SVD dims must be in 1..4"),
    ],
)
def test_bad_settings_are_refused_before_reading(settings, message) -> None:
    with pytest.raises(ValueError, match=message):
        count_vectors(CORPUS, **settings)


def test_an_empty_corpus_file_is_a_data_error(tmp_path) -> None:
    (tmp_path / "empty.txt").write_text("123 ... !\n")
    with pytest.raises(DataError, match=r"empty\.txt: the corpus has no tokens"):
        count_vectors(TextCorpus.from_files(tmp_path / "empty.txt"))


def test_saved_vectors_load_back_exactly(tmp_path) -> None:
    vectors = count_vectors(CORPUS, window=2, contexts=3, stop_words=(), missing="zero")
    folder = save_npy(vectors, tmp_path / "counts")
    loaded = load_npy(folder, missing="zero")
    assert loaded.words == vectors.words
    np.testing.assert_array_equal(loaded.array, vectors.array)
    assert load_npy(folder, words=["y", "q"]).words == ("y",)
    assert not np.load(folder / "vectors.npy", allow_pickle=False).dtype.hasobject


def test_a_corrupt_saved_folder_is_a_data_error(tmp_path) -> None:
    save_npy(WordVectors.from_array(np.eye(2), ["a", "b"]), tmp_path)
    (tmp_path / "words.txt").write_text("a\n")
    with pytest.raises(DataError, match="expected a float matrix of 1 rows"):
        load_npy(tmp_path)
    np.save(tmp_path / "vectors.npy", np.array([{"a": 1}], dtype=object), allow_pickle=True)
    with pytest.raises(DataError, match="not a NumPy array file"):
        load_npy(tmp_path)  # an object array would need pickle: refused
