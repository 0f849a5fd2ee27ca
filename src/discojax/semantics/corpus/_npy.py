"""Word vectors saved safely: a folder of ``vectors.npy`` (no pickle) and ``words.txt``.

``words.txt`` holds one word a line (UTF-8), row ``i`` of the ``(words, dim)`` float64 array
``vectors.npy`` being the vector of line ``i``. NumPy reads the array with
``allow_pickle=False``, so a saved folder cannot run code; any tool reads it.

>>> import tempfile
>>> vectors = WordVectors.from_array([[1.0, 0.5], [0.0, 2.0]], ["dog", "cat"])
>>> folder = save_npy(vectors, tempfile.mkdtemp())
>>> load_npy(folder, words=["cat", "emu"]).words
('cat',)
>>> np.array_equal(load_npy(folder).array, vectors.array)
True
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import numpy as np

from discojax.errors import DataError
from discojax.semantics.corpus._vectors import MissingPolicy, WordVectors

ARRAY = "vectors.npy"
WORDS = "words.txt"


def save_npy(vectors: WordVectors, folder: str | Path) -> Path:
    """Write ``vectors`` to ``folder`` (made if need be) as ``vectors.npy`` and ``words.txt``.

    Returns:
        The folder.

    Raises:
        ValueError: a word that is empty or has a line break (it could not be read back).

    >>> save_npy(WordVectors.from_array([[1.0]], ["two\\nlines"]), "unused")
    Traceback (most recent call last):
    ...
    ValueError: word 0 ('two\\nlines') is empty or has a line break: it cannot be saved one a line
    """
    for i, word in enumerate(vectors.words):
        if not word or len(word.splitlines()) != 1 or word.splitlines()[0] != word:
            raise ValueError(
                f"word {i} ({word!r}) is empty or has a line break: it cannot be saved one a line"
            )
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    np.save(folder / ARRAY, vectors.array, allow_pickle=False)
    text = "".join(word + "\n" for word in vectors.words)
    (folder / WORDS).write_text(text, encoding="utf-8")
    return folder


def load_npy(
    folder: str | Path, words: Iterable[str] | None = None, missing: MissingPolicy = "error"
) -> WordVectors:
    """Read vectors saved by :func:`save_npy`.

    Args:
        folder: the folder with ``vectors.npy`` and ``words.txt``.
        words: if given, keep only these words (the array is memory-mapped, not read whole).
        missing: the missing-word policy of the result.

    Raises:
        DataError: a missing file, an array that is not a float matrix, or a word count that
            differs from the array's rows.

    >>> load_npy("no/such/folder")
    Traceback (most recent call last):
    ...
    discojax.errors.DataError: no/such/folder/vectors.npy: no such vectors file
    """
    folder = Path(folder)
    for name in (ARRAY, WORDS):
        if not (folder / name).is_file():
            raise DataError("no such vectors file", str(folder / name))
    try:
        array = np.load(folder / ARRAY, mmap_mode="r", allow_pickle=False)
    except ValueError as err:
        raise DataError(f"not a NumPy array file: {err}", str(folder / ARRAY)) from None
    vocab = (folder / WORDS).read_text(encoding="utf-8").split("\n")[:-1]
    if array.ndim != 2 or array.dtype.kind != "f" or array.shape[0] != len(vocab):
        raise DataError(
            f"expected a float matrix of {len(vocab)} rows (one per word of {WORDS}), "
            f"got {array.dtype} of shape {array.shape}",
            str(folder / ARRAY),
        )
    if words is None:
        return WordVectors(tuple(vocab), np.array(array), missing)
    wanted = set(words)
    first: dict[str, int] = {}
    for i, word in enumerate(vocab):
        if word in wanted:
            first.setdefault(word, i)  # the first of duplicate words wins, as in text files
    rows = sorted(first.values())
    return WordVectors(tuple(vocab[i] for i in rows), np.array(array[rows]), missing)
