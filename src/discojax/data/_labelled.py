"""Labelled sentences: lambeq's ``LABEL sentence`` format, one per line.

Each non-blank line is an integer label, whitespace, and the sentence (trailing punctuation is
left to the tokeniser). A line with no sentence, a label that is not an integer, is negative or
above :data:`MAX_LABEL`, and a file with no sentence raise :class:`~discojax.errors.DataError`
with the file and line; blank lines are skipped, and a missing final newline is fine. Each
item keeps its line number, so that later checks (:meth:`LabelledData.check_classes`) can name
it too.

>>> parse_labelled(["1  skillful man prepares sauce .", "0 man debugs program ."], "train.txt")
LabelledData(sentences=('skillful man prepares sauce .', 'man debugs program .'), labels=(1, 0), source='train.txt')
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from discojax._text import text_lines
from discojax.data._files import data_file
from discojax.errors import DataError

#: The largest label accepted: labels index the classes of a model's output, an int32 array.
MAX_LABEL = 2**31 - 1


@dataclass(frozen=True)
class LabelledData:
    """Sentences with integer class labels, in file order.

    >>> LabelledData(("a b",), (1,)).n_classes
    2
    """

    sentences: tuple[str, ...]
    labels: tuple[int, ...]
    source: str = ""
    lines: tuple[int, ...] = field(default=(), repr=False, compare=False)

    def __len__(self) -> int:
        return len(self.sentences)

    @property
    def n_classes(self) -> int:
        """The number of classes: the largest label plus one (at least two).

        >>> LabelledData(("a", "b"), (0, 3)).n_classes
        4
        """
        return max(2, max(self.labels, default=0) + 1)

    def check_classes(self, classes: int) -> None:
        """Refuse a label that is not one of ``classes`` classes (a 2 in a binary task).

        Raises:
            DataError: the first such label, with the file and its line.

        >>> data = parse_labelled(["1 man runs", "", "2 dog barks"], "test.txt")
        >>> data.check_classes(3)
        >>> data.check_classes(2)
        Traceback (most recent call last):
        ...
        discojax.errors.DataError: test.txt:3: label 2 is not a class of this model, which has 2 (0 to 1)
        """
        for index, label in enumerate(self.labels):
            if label >= classes:
                line = self.lines[index] if index < len(self.lines) else None
                raise DataError(
                    f"label {label} is not a class of this model, which has {classes} "
                    f"(0 to {classes - 1})",
                    self.source,
                    line,
                )


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
    data = parse_labelled(text_lines(path, DataError), str(path))
    if not data.labels:
        raise DataError("no labelled sentences in the file", str(path))
    return data


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
    numbers: list[int] = []
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
        if value > MAX_LABEL:
            raise DataError(f"label {label} is too large (at most {MAX_LABEL})", source, number)
        labels.append(value)
        sentences.append(sentence.strip())
        numbers.append(number)
    return LabelledData(tuple(sentences), tuple(labels), source, tuple(numbers))
