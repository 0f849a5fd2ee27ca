"""Where a reader's data file is, checked before any work starts.

>>> data_file("no/such/file.txt")
Traceback (most recent call last):
...
discojax.errors.DataError: no/such/file.txt: no such data file
"""

from __future__ import annotations

from pathlib import Path

from discojax.errors import DataError


def data_file(path: str | Path) -> Path:
    """``path`` as a :class:`Path`, if it is a file.

    Raises:
        DataError: no file there, naming the path.

    >>> data_file(__file__).suffix
    '.py'
    """
    found = Path(path)
    if not found.is_file():
        raise DataError("no such data file", str(found))
    return found
