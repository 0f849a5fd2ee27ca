r"""CoNLL-U: the format of the Universal Dependencies treebanks (the English Web Treebank, say).

A sentence is a block of lines ended by a blank line: ``# key = value`` comments first
(``# sent_id = ...`` and ``# text = ...`` are kept), then one line per word with ten
tab-separated columns ``ID FORM LEMMA UPOS XPOS FEATS HEAD DEPREL DEPS MISC``. Two kinds of
line are not words and are left out of :attr:`TreebankSentence.tokens`:

- a *multiword token* ``3-4  don't`` spells the words 3 and 4 (``do``, ``n't``) as one
  written token; its span is kept in :attr:`TreebankSentence.multiwords`;
- an *empty node* ``8.1`` (an elided predicate of the enhanced graph) is skipped.

Word IDs must run 1, 2, 3, ... and each HEAD must be an integer from 0 (the root) to the
number of words, with the heads forming a tree; anything else raises
:class:`~discojax.errors.DataError` with the file and line.

>>> rows = ["# sent_id = s1", "# text = I don't run",
...         "1 I I PRON PRP _ 4 nsubj _ _",
...         "2-3 don't _ _ _ _ _ _ _ _",
...         "2 do do AUX VBP _ 4 aux _ _",
...         "3 n't not PART RB _ 4 advmod _ _",
...         "4 run run VERB VB _ 0 root _ _"]
>>> [sentence] = parse_conllu(row.replace(" ", "\t") for row in rows)
>>> sentence.forms, sentence.heads
(('I', 'do', "n't", 'run'), (4, 4, 4, 0))
>>> sentence.multiwords, sentence.words_as_written(multiword=True)
(((2, 3, "don't"),), ('I', "don't", 'run'))
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from discojax._text import text_lines
from discojax.data._files import data_file
from discojax.errors import DataError

_COLUMNS = 10


@dataclass(frozen=True)
class TreebankToken:
    """One syntactic word of a CoNLL-U sentence (a word line; not a range, not an empty node).

    The fields are the CoNLL-U columns, in their order; ``"_"`` is kept as it is written.
    ``head`` is the 1-based ``id`` of the word's head, 0 for the root.

    >>> token = TreebankToken(2, "runs", "run", "VERB", "VBZ", "Number=Sing", 0, "root", "0:root", "_")
    >>> token.lemma, token.head, token.deprel
    ('run', 0, 'root')
    """

    id: int
    form: str
    lemma: str
    upos: str
    xpos: str
    feats: str
    head: int
    deprel: str
    deps: str
    misc: str


@dataclass(frozen=True)
class TreebankSentence:
    """One CoNLL-U sentence: its words, its multiword tokens and where it came from.

    Attributes:
        sent_id: the ``# sent_id`` comment, or the sentence's 1-based number in its file when
            there is none.
        text: the ``# text`` comment, or (when there is none) the written tokens joined by
            spaces, honouring ``SpaceAfter=No``.
        tokens: the syntactic words, ``tokens[i].id == i + 1``.
        multiwords: each multiword token as ``(start, end, form)``: words ``start..end``
            (1-based, inclusive) are written as ``form``.
        source: the file (or ``"<lines>"``).
        line: the line of the sentence's first comment or word.

    >>> rows = ["1 Dogs dog NOUN NNS _ 2 nsubj _ _", "2 bark bark VERB VBP _ 0 root _ SpaceAfter=No",
    ...         "3 . . PUNCT . _ 2 punct _ _"]
    >>> [sentence] = parse_conllu(row.replace(" ", "\\t") for row in rows)
    >>> sentence.sent_id, sentence.text, sentence.lemmas, len(sentence)
    ('1', 'Dogs bark.', ('dog', 'bark', '.'), 3)
    """

    sent_id: str
    text: str
    tokens: tuple[TreebankToken, ...]
    multiwords: tuple[tuple[int, int, str], ...] = ()
    source: str = "<lines>"
    line: int = 0

    def __len__(self) -> int:
        return len(self.tokens)

    @property
    def forms(self) -> tuple[str, ...]:
        """The syntactic words' forms, in order (``do``, ``n't`` for ``don't``).

        >>> TreebankSentence("s", "Hi", (TreebankToken(1, "Hi", "hi", "INTJ", "UH", "_", 0, "root", "_", "_"),)).forms
        ('Hi',)
        """
        return tuple(token.form for token in self.tokens)

    @property
    def lemmas(self) -> tuple[str, ...]:
        """The syntactic words' lemmas, in order.

        >>> TreebankSentence("s", "Hi", (TreebankToken(1, "Hi", "hi", "INTJ", "UH", "_", 0, "root", "_", "_"),)).lemmas
        ('hi',)
        """
        return tuple(token.lemma for token in self.tokens)

    @property
    def heads(self) -> tuple[int, ...]:
        """Each word's head, 1-based as in CoNLL-U, 0 for the root.

        >>> TreebankSentence("s", "Hi", (TreebankToken(1, "Hi", "hi", "INTJ", "UH", "_", 0, "root", "_", "_"),)).heads
        (0,)
        """
        return tuple(token.head for token in self.tokens)

    def words_as_written(self, multiword: bool = False) -> tuple[str, ...]:
        """The sentence's words: the syntactic forms, or with ``multiword`` the written tokens.

        The syntactic forms (``do``, ``n't``) are what a parser takes; the written tokens put
        each multiword token's form (``don't``) in place of its words, as in the raw text.
        :attr:`multiwords` tells which words each written token covers.

        >>> words = [TreebankToken(i, f, f, "X", "X", "_", 0 if i == 1 else 1, "dep", "_", "_")
        ...          for i, f in enumerate(["Today", "'s", "news"], start=1)]
        >>> sentence = TreebankSentence("s", "Today's news", tuple(words), ((1, 2, "Today's"),))
        >>> sentence.words_as_written()
        ('Today', "'s", 'news')
        >>> sentence.words_as_written(multiword=True)
        ("Today's", 'news')
        """
        if not multiword:
            return self.forms
        ranges = [(start, end, form, "_") for start, end, form in self.multiwords]
        return tuple(form for form, _ in _written(self.tokens, ranges))


def read_conllu(path: str | Path) -> list[TreebankSentence]:
    """Read a CoNLL-U file (see :func:`parse_conllu`).

    Raises:
        DataError: a missing file, or a malformed line (with its number).

    >>> read_conllu("no/such/file.conllu")
    Traceback (most recent call last):
    ...
    discojax.errors.DataError: no/such/file.conllu: no such data file
    """
    path = data_file(path)
    return parse_conllu(text_lines(path, DataError), str(path))


def parse_conllu(lines: Iterable[str], source: str = "<lines>") -> list[TreebankSentence]:
    """Parse CoNLL-U lines into sentences; ``source`` names them in errors.

    Raises:
        DataError: a line without ten tab-separated columns, an ID out of sequence, a HEAD
            that is not an integer in ``0..len(sentence)`` or that makes a cycle, a comment
            after a word line, or a sentence with no words, each with ``source`` and the line.

    >>> rows = ["1 Dogs dog NOUN NNS _ 2 nsubj _ _", "2 bark bark VERB VBP _ 3 root _ _"]
    >>> parse_conllu((row.replace(" ", "\\t") for row in rows), "bad.conllu")
    Traceback (most recent call last):
    ...
    discojax.errors.DataError: bad.conllu:2: head 3 is outside 0..2
    """
    return list(_sentences(lines, source))


def iter_conllu(path: str | Path) -> Iterator[TreebankSentence]:
    """The sentences of a CoNLL-U file one at a time, never the whole file in memory.

    Yields what :func:`read_conllu` returns, in order; a malformed line raises when it is
    reached.

    Raises:
        DataError: a missing file (at once), or a malformed line (with its number).

    >>> next(iter_conllu("no/such/file.conllu"))
    Traceback (most recent call last):
    ...
    discojax.errors.DataError: no/such/file.conllu: no such data file
    """
    path = data_file(path)
    yield from _sentences(text_lines(path, DataError), str(path))


def _sentences(lines: Iterable[str], source: str) -> Iterator[TreebankSentence]:
    """The sentences of ``lines``, each parsed when its closing blank line is read."""
    count = 0
    block: list[tuple[int, str]] = []
    for number, raw in enumerate(lines, start=1):
        line = raw.rstrip("\r\n")
        if line.strip():
            block.append((number, line))
        elif block:
            count += 1
            yield _sentence(block, source, count)
            block = []
    if block:
        yield _sentence(block, source, count + 1)


def _sentence(block: list[tuple[int, str]], source: str, ordinal: int) -> TreebankSentence:
    """One sentence from its non-blank ``(line number, line)`` pairs."""
    sent_id: str | None = None
    text: str | None = None
    rows: list[tuple[int, list[str]]] = []
    multiwords: list[tuple[int, int, str, str]] = []  # with the range line's MISC
    range_line = 0  # the last multiword token's line
    for number, line in block:
        if line.startswith("#"):
            if rows or multiwords:
                raise DataError("a comment line after the sentence's word lines", source, number)
            key, equals, value = line[1:].partition("=")
            if equals and key.strip() == "sent_id":
                sent_id = value.strip()
            elif equals and key.strip() == "text":
                text = value.strip()
            continue
        columns = line.split("\t")
        if len(columns) != _COLUMNS:
            raise DataError(
                f"expected {_COLUMNS} tab-separated columns, got {len(columns)}", source, number
            )
        ident = columns[0]
        expected = len(rows) + 1
        if "." in ident:  # an empty node: "8.1"
            whole, _, decimal = ident.partition(".")
            if not (whole.isdecimal() and decimal.isdecimal()):
                raise DataError(f"malformed empty-node ID {ident!r}", source, number)
            continue
        if "-" in ident:  # a multiword token: "3-4"
            first, _, last = ident.partition("-")
            if not (first.isdecimal() and last.isdecimal()):
                raise DataError(f"malformed multiword-token ID {ident!r}", source, number)
            start, end = int(first), int(last)
            if start != expected or end <= start or (multiwords and start <= multiwords[-1][1]):
                raise DataError(
                    f"multiword token {ident} should start at word {expected}, span at least "
                    "two words and not overlap the one before",
                    source,
                    number,
                )
            multiwords.append((start, end, columns[1], columns[9]))
            range_line = number
            continue
        if not ident.isdecimal() or int(ident) != expected:
            raise DataError(f"expected word ID {expected}, got {ident!r}", source, number)
        rows.append((number, columns))
    first_line = block[0][0]
    if not rows:
        raise DataError("a sentence with no word lines", source, first_line)
    if multiwords and multiwords[-1][1] > len(rows):
        start, end, _, _ = multiwords[-1]
        raise DataError(
            f"multiword token {start}-{end} runs past the last word {len(rows)}",
            source,
            range_line,
        )
    tokens = tuple(_token(columns, len(rows), source, number) for number, columns in rows)
    _check_tree(tokens, [number for number, _ in rows], source)
    if text is None:
        text = "".join(
            form + ("" if "SpaceAfter=No" in misc.split("|") else " ")
            for form, misc in _written(tokens, multiwords)
        ).rstrip()
    return TreebankSentence(
        sent_id if sent_id is not None else str(ordinal),
        text,
        tokens,
        tuple((start, end, form) for start, end, form, _ in multiwords),
        source,
        first_line,
    )


def _written(
    tokens: tuple[TreebankToken, ...], multiwords: Iterable[tuple[int, int, str, str]]
) -> list[tuple[str, str]]:
    """The written tokens as ``(form, misc)``: a multiword token (``start, end, form, misc``)
    stands for its words."""
    starts = {start: (end, form, misc) for start, end, form, misc in multiwords}
    written: list[tuple[str, str]] = []
    i = 1
    while i <= len(tokens):
        if i in starts:
            end, form, misc = starts[i]
            written.append((form, misc))
            i = end + 1
        else:
            written.append((tokens[i - 1].form, tokens[i - 1].misc))
            i += 1
    return written


def _token(columns: list[str], length: int, source: str, number: int) -> TreebankToken:
    """A word from its ten columns; its HEAD must be in ``0..length``."""
    ident, form, lemma, upos, xpos, feats, head, deprel, deps, misc = columns
    try:
        value = int(head)
    except ValueError:
        raise DataError(f"head {head!r} is not an integer", source, number) from None
    if not 0 <= value <= length:
        raise DataError(f"head {value} is outside 0..{length}", source, number)
    return TreebankToken(int(ident), form, lemma, upos, xpos, feats, value, deprel, deps, misc)


def _check_tree(tokens: tuple[TreebankToken, ...], numbers: list[int], source: str) -> None:
    """Raise if following heads from some word never reaches the root (0): a cycle."""
    reaches_root = [False] * (len(tokens) + 1)
    reaches_root[0] = True
    for token in tokens:
        path: list[int] = []
        on_path: set[int] = set()
        node = token.id
        while not reaches_root[node]:
            if node in on_path:
                raise DataError(
                    f"word {token.id}'s heads make a cycle ({' -> '.join(map(str, path))} "
                    f"-> {node})",
                    source,
                    numbers[token.id - 1],
                )
            path.append(node)
            on_path.add(node)
            node = tokens[node - 1].head
        for visited in path:
            reaches_root[visited] = True
