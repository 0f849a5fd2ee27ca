r"""Count vectors: PPMI-weighted window co-occurrences from any corpus, optionally SVD-reduced.

The seed papers' vectors (Mitchell & Lapata 2008; Grefenstette & Sadrzadeh 2011) are counts
of context words within a window around each target in the BNC, with the 2,000 most frequent
content words as contexts, weighted by a ratio of probabilities. :func:`count_vectors` builds
the same from any :class:`~discojax.data.TextCorpus` (or any re-iterable of token lists) in
two streamed passes, keeping only sparse counts (:mod:`scipy.sparse`) in memory:

1. word frequencies; the targets are the words seen at least ``min_count`` times, the
   contexts the ``contexts`` most frequent words not in ``stop_words`` (ties alphabetical);
2. ``#(w, c)``: how often context ``c`` is within ``window`` tokens of target ``w`` in one
   sentence (either side), counted a chunk of sentences at a time.

Then positive pointwise mutual information (Church & Hanks 1990; Bullinaria & Levy 2007), with
the context distribution optionally smoothed by ``alpha`` (Levy, Goldberg & Dagan 2015):

    PPMI(w, c) = max(0, log(P(w, c) / (P(w) P_alpha(c)))),
    P(w, c) = #(w, c) / D,  P(w) = #(w) / D,  P_alpha(c) = #(c)^alpha / sum_c' #(c')^alpha,

with ``#(w)``, ``#(c)`` and ``D`` the row, column and total sums of the counts. The vectors
are non-negative rows of PPMI, or with ``dims`` its truncated SVD ``U_k S_k`` (Eckart-Young:
the best rank-``k`` approximation; its vectors have signs). A target that never meets a context
has no vector (it is left out, so :meth:`~WordVectors.coverage` reports it missing).

>>> corpus = [["dogs", "bark", "loudly"], ["cats", "purr", "loudly"], ["dogs", "bark"]]
>>> vectors = count_vectors(corpus, window=1, contexts=3, stop_words=())
>>> vectors.words  # contexts: 'bark', 'dogs', 'loudly'; 'cats' is never next to one
('bark', 'dogs', 'loudly', 'purr')
>>> vectors["dogs"].round(3)  # log(#(dogs, bark) D / (#(dogs) #(bark))) = log(2 * 7 / (2 * 3))
array([0.847, 0.   , 0.   ])
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

import numpy as np

from discojax.errors import DataError
from discojax.semantics.corpus._vectors import MissingPolicy, WordVectors

if TYPE_CHECKING:  # scipy is imported where it is used: training a tensor model never is
    from scipy import sparse

STOP_WORDS = frozenset(
    """a about above after again against all am an and any are as at be because been before
    being below between both but by can could did do does doing down during each few for from
    further had has have having he her here hers herself him himself his how i if in into is it
    its itself just me more most my myself no nor not now of off on once only or other our ours
    ourselves out over own same she should so some such than that the their theirs them
    themselves then there these they this those through to too under until up very was we were
    what when where which while who whom why will with would you your yours yourself yourselves
    's n't 'll 're 've 'd 'm also may might must shall one get go say make""".split()
)
"""Function words (and the most common light verbs) that are never chosen as contexts."""


def vocabulary(
    frequencies: Mapping[str, int], min_count: int, contexts: int, stop_words: Collection[str]
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The targets (seen ``min_count`` times) and the contexts (the ``contexts`` most frequent
    words not in ``stop_words``), each ordered by frequency, ties alphabetical.

    >>> vocabulary({"the": 9, "dog": 3, "cat": 3, "emu": 1}, 2, 1, {"the"})
    (('the', 'cat', 'dog'), ('cat',))
    """
    ranked = sorted(frequencies, key=lambda word: (-frequencies[word], word))
    targets = tuple(word for word in ranked if frequencies[word] >= min_count)
    chosen = tuple(word for word in ranked if word not in stop_words)[:contexts]
    return targets, chosen


def cooccurrences(
    corpus: Iterable[Sequence[str]],
    targets: Sequence[str],
    contexts: Sequence[str],
    window: int,
    chunk: int = 1_000_000,
) -> sparse.csr_matrix:
    """``#(w, c)``: how often each context is within ``window`` tokens of each target.

    Windows stay inside a sentence. Sentences are gathered into chunks of about ``chunk``
    tokens, whose pairs are counted at once (one NumPy pass per distance) and summed into a
    sparse ``(len(targets), len(contexts))`` matrix of integer counts.

    >>> cooccurrences([["a", "b", "a"]], ["a", "b"], ["a", "b"], window=1).toarray()
    array([[0, 2],
           [2, 0]])
    """
    from scipy import sparse

    target_ids = {word: i for i, word in enumerate(targets)}
    context_ids = {word: i for i, word in enumerate(contexts)}
    shape = (len(targets), len(contexts))
    total = sparse.csr_matrix(shape, dtype=np.int64)
    rows: list[int] = []
    columns: list[int] = []
    sentence_of: list[int] = []
    for number, sentence in enumerate(corpus):
        rows.extend(target_ids.get(word, -1) for word in sentence)
        columns.extend(context_ids.get(word, -1) for word in sentence)
        sentence_of.extend([number] * len(sentence))
        if len(rows) >= chunk:
            total += _count_chunk(rows, columns, sentence_of, window, shape)
            rows, columns, sentence_of = [], [], []
    if rows:
        total += _count_chunk(rows, columns, sentence_of, window, shape)
    return total


def _count_chunk(
    rows: list[int], columns: list[int], sentence_of: list[int], window: int, shape: tuple[int, int]
) -> sparse.csr_matrix:
    """The pair counts of one chunk of whole sentences (ids are -1 for other words)."""
    from scipy import sparse

    t, c, s = np.asarray(rows), np.asarray(columns), np.asarray(sentence_of)
    pairs_t: list[np.ndarray] = []
    pairs_c: list[np.ndarray] = []
    for d in range(1, min(window, len(t) - 1) + 1):
        same = s[:-d] == s[d:]
        for tt, cc in ((t[:-d], c[d:]), (t[d:], c[:-d])):  # context after, context before
            keep = same & (tt >= 0) & (cc >= 0)
            pairs_t.append(tt[keep])
            pairs_c.append(cc[keep])
    if not pairs_t:
        return sparse.csr_matrix(shape, dtype=np.int64)
    i, j = np.concatenate(pairs_t), np.concatenate(pairs_c)
    return sparse.coo_matrix((np.ones(len(i), dtype=np.int64), (i, j)), shape=shape).tocsr()


def ppmi(counts: sparse.spmatrix | np.ndarray, alpha: float = 1.0) -> sparse.csr_matrix:
    """Positive PMI of a count matrix (targets x contexts), contexts smoothed by ``alpha``.

    >>> ppmi(np.array([[2, 1], [0, 1]])).toarray().round(4)  # log(2 * 4 / (3 * 2)) = 0.2877
    array([[0.2877, 0.    ],
           [0.    , 0.6931]])
    """
    from scipy import sparse

    if not 0 < alpha <= 1:
        raise ValueError(f"context smoothing alpha must be in (0, 1], not {alpha}")
    matrix = sparse.coo_matrix(counts, dtype=np.float64)
    matrix.sum_duplicates()
    matrix.eliminate_zeros()
    total = matrix.sum()
    row = np.asarray(matrix.sum(axis=1)).ravel()
    column = np.asarray(matrix.sum(axis=0)).ravel() ** alpha
    p_context = column / column.sum() if total else column
    pmi = np.log(matrix.data * total) - np.log(row[matrix.row] * total * p_context[matrix.col])
    keep = pmi > 0
    return sparse.csr_matrix(
        (pmi[keep], (matrix.row[keep], matrix.col[keep])), shape=matrix.shape, dtype=np.float64
    )


def truncated_svd(
    matrix: sparse.spmatrix | np.ndarray, dims: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The ``dims`` largest singular triplets ``(U, s, Vt)`` of ``matrix``, ``s`` descending.

    Deterministic: ARPACK starts from a fixed vector, and each singular vector's sign is chosen
    so that its largest entry in ``U`` is positive.

    Raises:
        ValueError: ``dims`` is not below both of the matrix's dimensions (ARPACK's limit).

    >>> u, s, vt = truncated_svd(np.diag([3.0, 2.0, 1.0]), 2)
    >>> s, abs(u).round(6)
    (array([3., 2.]), array([[1., 0.],
           [0., 1.],
           [0., 0.]]))
    """
    from scipy import sparse
    from scipy.sparse.linalg import svds

    shape = np.shape(matrix)
    if not 0 < dims < min(shape):
        raise ValueError(
            f"SVD dims must be in 1..{min(shape) - 1} for a {shape} matrix, not {dims}"
        )
    start = np.random.default_rng(0).uniform(0.5, 1.5, min(shape))
    u, s, vt = svds(sparse.csr_matrix(matrix, dtype=np.float64), k=dims, v0=start)
    order = np.argsort(-s)
    u, s, vt = u[:, order], s[order], vt[order]
    signs = np.sign(u[np.argmax(np.abs(u), axis=0), np.arange(dims)])
    signs[signs == 0] = 1.0
    return u * signs, s, vt * signs[:, None]


def count_vectors(
    corpus: Iterable[Sequence[str]],
    *,
    window: int = 5,
    contexts: int = 2000,
    min_count: int = 1,
    alpha: float = 1.0,
    dims: int | None = None,
    stop_words: Collection[str] = STOP_WORDS,
    missing: MissingPolicy = "error",
    chunk: int = 1_000_000,
) -> WordVectors:
    """PPMI count vectors (optionally SVD-reduced to ``dims``) of a corpus read twice.

    Args:
        corpus: a re-iterable of sentences, each a sequence of tokens: a
            :class:`~discojax.data.TextCorpus`, or a list of lists (not a one-shot iterator).
        window: how many tokens either side of a target are its context.
        contexts: how many of the most frequent non-stop words are the dimensions.
        min_count: the fewest occurrences a word needs to get a vector.
        alpha: context-distribution smoothing (1.0: none; 0.75: Levy et al. 2015).
        dims: if given, the vectors are the rows of ``U S`` of a rank-``dims`` truncated SVD.
        stop_words: words never chosen as contexts (they still take up window positions).
        missing: the missing-word policy of the result.
        chunk: about how many tokens are counted at once (memory, not results).

    Raises:
        ValueError: a setting out of range, or a one-shot iterator as the corpus.
        DataError: a corpus with no tokens (or a malformed corpus file, with file:line).

    >>> count_vectors(iter([["a", "b"]]))
    Traceback (most recent call last):
    ...
    ValueError: count vectors read the corpus twice: give a list or a TextCorpus, not an iterator
    """
    if iter(corpus) is corpus:
        raise ValueError(
            "count vectors read the corpus twice: give a list or a TextCorpus, not an iterator"
        )
    for name, value in (("window", window), ("contexts", contexts), ("min_count", min_count)):
        if value < 1:
            raise ValueError(f"{name} must be at least 1, not {value}")
    if not 0 < alpha <= 1:
        raise ValueError(f"context smoothing alpha must be in (0, 1], not {alpha}")
    if dims is not None and not 0 < dims < contexts:
        raise ValueError(f"SVD dims must be in 1..{contexts - 1} (below contexts), not {dims}")
    frequencies: Counter[str] = Counter()
    for sentence in corpus:
        frequencies.update(sentence)
    if not frequencies:
        source = ", ".join(str(path) for path in getattr(corpus, "paths", ())) or None
        raise DataError("the corpus has no tokens", source)
    targets, chosen = vocabulary(frequencies, min_count, contexts, stop_words)
    weights = ppmi(cooccurrences(corpus, targets, chosen, window, chunk), alpha)
    seen = np.flatnonzero(weights.getnnz(axis=1))
    weights = weights[seen]
    words = tuple(targets[i] for i in seen)
    if dims is None:
        return WordVectors(words, weights.toarray(), missing)
    u, s, _ = truncated_svd(weights, dims)
    return WordVectors(words, u * s, missing)
