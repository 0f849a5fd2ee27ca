r"""A text corpus read one sentence at a time, as often as asked: for counting words.

:class:`TextCorpus` is a re-iterable stream of sentences, each a list of tokens, over plain
text or CoNLL-U files; nothing but the current line (or CoNLL-U sentence) is in memory, so a
corpus of any size can be read twice (once for word frequencies, once for co-occurrences; see
:func:`discojax.semantics.corpus.count_vectors`).

- A *plain-text* file (any name but ``*.conllu``, UTF-8) is read a line at a time; a line is a
  sentence (or a paragraph): a window of context never crosses it. Its tokens are the runs of
  letters, with inner apostrophes (``don't``, ``o'clock``); digits and punctuation separate
  them and are dropped.
- A *CoNLL-U* file (``*.conllu``) gives its syntactic words' lemmas (gold lemmas, in a
  treebank) or forms; words without a letter (punctuation, numbers) are dropped, as in text.

Tokens are lower-cased unless ``lowercase=False``.

>>> import pathlib, tempfile
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "a.txt").write_text("The dog's bone, 3 bones.\n\nDogs don't bark!\n")
>>> corpus = TextCorpus.from_files(folder / "a.txt")
>>> list(corpus)
[['the', "dog's", 'bone', 'bones'], ['dogs', "don't", 'bark']]
>>> list(corpus) == list(corpus)  # read again, from the files
True
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from discojax.data._conllu import iter_conllu
from discojax.data._files import data_file
from discojax.errors import DataError

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_LETTER = re.compile(r"[^\W\d_]")
SUFFIXES = (".txt", ".text", ".conllu")
"""The files a folder contributes to a corpus (others, such as a LICENSE, are left out)."""


def tokenize(line: str, lowercase: bool = True) -> list[str]:
    """The word tokens of a line of plain text: runs of letters with inner apostrophes.

    >>> tokenize("Alice's cat, aged 3, sleeps.")
    ["alice's", 'cat', 'aged', 'sleeps']
    """
    return _WORD.findall(line.lower() if lowercase else line)


@dataclass(frozen=True)
class TextCorpus:
    """Plain-text and CoNLL-U files read as sentences of tokens, lazily, on every iteration.

    Attributes:
        paths: the files, read in this order.
        lowercase: lower-case every token.
        field: ``"lemma"`` or ``"form"``: what a CoNLL-U word gives (plain text has forms only).

    >>> TextCorpus((), field="upos")
    Traceback (most recent call last):
    ...
    ValueError: a CoNLL-U field must be 'lemma' or 'form', not 'upos'
    """

    paths: tuple[Path, ...]
    lowercase: bool = True
    field: Literal["lemma", "form"] = "lemma"

    def __post_init__(self) -> None:
        if self.field not in ("lemma", "form"):
            raise ValueError(f"a CoNLL-U field must be 'lemma' or 'form', not {self.field!r}")

    @classmethod
    def from_files(
        cls,
        paths: str | Path | Iterable[str | Path],
        lowercase: bool = True,
        field: Literal["lemma", "form"] = "lemma",
    ) -> TextCorpus:
        """A corpus of files; a folder stands for its ``.txt``, ``.text`` and ``.conllu`` files,
        a name with a wildcard (``ud-ewt/*.conllu``) for the files it matches, in name order.

        Every file is checked to exist before any is read.

        Raises:
            DataError: a path that is missing, or a folder or pattern with no such file.

        >>> TextCorpus.from_files("no/such/corpus.txt")
        Traceback (most recent call last):
        ...
        discojax.errors.DataError: no/such/corpus.txt: no such data file
        """
        given = [paths] if isinstance(paths, (str, Path)) else list(paths)
        files: list[Path] = []
        for path in map(Path, given):
            if any(char in path.name for char in "*?["):
                matched = sorted(p for p in path.parent.glob(path.name) if p.is_file())
                if not matched:
                    raise DataError("no file matches this pattern", str(path))
                files.extend(matched)
            elif path.is_dir():
                found = sorted(p for p in path.iterdir() if p.suffix in SUFFIXES and p.is_file())
                if not found:
                    raise DataError(f"no {', '.join(SUFFIXES)} file in this folder", str(path))
                files.extend(found)
            else:
                files.append(data_file(path))
        return cls(tuple(files), lowercase, field)

    def __iter__(self) -> Iterator[list[str]]:
        for path in self.paths:
            if path.suffix == ".conllu":
                yield from self._conllu(path)
            else:
                yield from self._text(path)

    def _text(self, path: Path) -> Iterator[list[str]]:
        with data_file(path).open(encoding="utf-8") as lines:
            for line in lines:
                tokens = tokenize(line, self.lowercase)
                if tokens:
                    yield tokens

    def _conllu(self, path: Path) -> Iterator[list[str]]:
        for sentence in iter_conllu(path):
            words = sentence.lemmas if self.field == "lemma" else sentence.forms
            tokens = [w.lower() if self.lowercase else w for w in words if _LETTER.search(w)]
            if tokens:
                yield tokens
