"""Reading text files: UTF-8 only, a named error at the line of the first undecodable byte.

Every file discojax reads as text (grammars, data, configurations, result summaries) goes
through :func:`text_lines` or :func:`read_text`. A UTF-8 byte-order mark is dropped; a UTF-16
or UTF-32 file (recognised by its byte-order mark) and bytes that are not UTF-8 are the
caller's located error (``DataError``, ``GrammarError``, ``ConfigError``) with the file and
line, never a ``UnicodeDecodeError``. Lines are decoded one at a time, so memory stays
proportional to the longest line, not the file.

>>> import tempfile, os
>>> from discojax.errors import DataError
>>> with tempfile.NamedTemporaryFile("wb", suffix=".txt", delete=False) as f:
...     _ = f.write(b"\\xef\\xbb\\xbf1 man runs\\n0 caf\\xe9 runs\\n")
>>> next(text_lines(f.name, DataError))
'1 man runs\\n'
>>> read_text(f.name, DataError)  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
discojax.errors.DataError: /...:2: not UTF-8 text: byte 0xe9 at column 6; save the file as UTF-8
>>> os.unlink(f.name)
"""

from __future__ import annotations

import codecs
from collections.abc import Iterator
from pathlib import Path

from discojax.errors import LocatedError

_WIDE = {
    codecs.BOM_UTF32_LE: "UTF-32",
    codecs.BOM_UTF32_BE: "UTF-32",
    codecs.BOM_UTF16_LE: "UTF-16",
    codecs.BOM_UTF16_BE: "UTF-16",
}


def text_lines(path: str | Path, error: type[LocatedError]) -> Iterator[str]:
    """The lines of the UTF-8 file ``path`` (each with its newline), decoded one at a time.

    Args:
        path: the file.
        error: the located error to raise (the caller's kind: data, grammar, configuration).

    Raises:
        error: the file cannot be read, is UTF-16/UTF-32, or holds bytes that are not UTF-8
            (with the line and column of the first).

    >>> from discojax.errors import GrammarError
    >>> list(text_lines("/no/such.toml", GrammarError))
    Traceback (most recent call last):
    ...
    discojax.errors.GrammarError: /no/such.toml: cannot read: No such file or directory
    """
    try:
        stream = open(path, "rb")  # closed by the with below
    except OSError as err:
        raise error(f"cannot read: {err.strerror}", str(path)) from None
    with stream:
        for number, raw in enumerate(stream, start=1):
            if number == 1:
                wide = next((name for bom, name in _WIDE.items() if raw.startswith(bom)), None)
                if wide is not None:
                    raise error(f"is {wide} text; save it as UTF-8", str(path))
                raw = raw.removeprefix(codecs.BOM_UTF8)
            try:
                yield raw.decode("utf-8")
            except UnicodeDecodeError as err:
                raise error(
                    f"not UTF-8 text: byte 0x{raw[err.start]:02x} at column {err.start + 1}; "
                    "save the file as UTF-8",
                    str(path),
                    number,
                ) from None


def read_text(path: str | Path, error: type[LocatedError]) -> str:
    """The whole UTF-8 file ``path`` as one string (see :func:`text_lines`).

    >>> from discojax.errors import ConfigError
    >>> read_text(__file__, ConfigError).splitlines()[0][3:21]
    'Reading text files'
    """
    return "".join(text_lines(path, error))
