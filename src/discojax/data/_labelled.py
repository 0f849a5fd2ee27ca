"""Labelled sentences: lambeq's ``LABEL sentence`` format, one per line.

Each non-blank line is an integer label, whitespace, and the sentence (trailing punctuation is
left to the tokeniser). A line with no sentence or a label that is not an integer raises
:class:`~discojax.errors.DataError` with the file and line; blank lines are skipped, and a
missing final newline is fine.

>>> parse_labelled(["1  skillful man prepares sauce .", "0 man debugs program ."], "train.txt")
LabelledData(sentences=('skillful man prepares sauce .', 'man debugs program .'), labels=(1, 0), source='train.txt')
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from discojax.data._files import data_file
from discojax.errors import DataError


@dataclass(frozen=True)
class LabelledData:
    """Sentences with integer class labels, in file order.

    >>> LabelledData(("a b",), (1,)).n_classes
    2
    """

    sentences: tuple[str, ...]
    labels: tuple[int, ...]
    source: str = ""

    def __len__(self) -> int:
        return len(self.sentences)

    @property
    def n_classes(self) -> int:
        """The number of classes: the largest label plus one (at least two).

        >>> LabelledData(("a", "b"), (0, 3)).n_classes
        4
        """
        return max(2, max(self.labels, default=0) + 1)


def read_labelled(path: str | Path) -> LabelledData:
    """Read a ``LABEL sentence`` file (see :func:`parse_labelled`).

    Raises:
        DataError: a missing file, or a malformed line (with its number).

    >>> read_labelled("no/such/file.txt")
    Traceback (most recent call last):
    ...
    discojax.errors.DataError: no/such/file.txt: no such data file
    """
    path = data_file(path)
    with path.open(encoding="utf-8") as lines:
        return parse_labelled(lines, str(path))


def parse_labelled(lines: Iterable[str], source: str = "<lines>") -> LabelledData:
    """Parse ``LABEL sentence`` lines; ``source`` names them in errors.

    Raises:
        DataError: a malformed line, with ``source`` and its line number.

    >>> parse_labelled(["1 man runs .", "x woman runs ."], "bad.txt")
    Traceback (most recent call last):
    ...
    discojax.errors.DataError: bad.txt:2: label 'x' is not an integer
    """
    sentences: list[str] = []
    labels: list[int] = []
    for number, line in enumerate(lines, start=1):
        fields = line.split(maxsplit=1)
        if not fields:
            continue
        if len(fields) < 2:
            raise DataError(f"expected 'LABEL sentence', got {line.strip()!r}", source, number)
        label, sentence = fields
        try:
            value = int(label)
        except ValueError:
            raise DataError(f"label {label!r} is not an integer", source, number) from None
        if value < 0:
            raise DataError(f"label {value} is negative", source, number)
        labels.append(value)
        sentences.append(sentence.strip())
    return LabelledData(tuple(sentences), tuple(labels), source)
