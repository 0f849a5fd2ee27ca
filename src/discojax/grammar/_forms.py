"""A wide table of English word forms: each form's Penn tags and lemmas.

The bundled table (``grammars/english_forms.tsv.gz``, built by
``grammars/build_english_forms.py`` from lemminflect's SPECIALIST Lexicon data and WordNet 3.0;
see ``grammars/LICENSE-english-forms.txt``) holds over 100,000 lower-case forms. Its format,
one form a line, UTF-8, ``#`` lines being comments::

    form<TAB>TAG:lemma TAG:lemma ...

with the readings most common first where the sources tell, else in a fixed tag order. The
file is read whole, but a line is split into readings only when asked for.

>>> table = load_forms("english_forms")
>>> table.readings("ran")
(('VBD', 'run'),)
>>> ("NNS", "mouse") in table.readings("mice")
True
>>> "zorbles" in table, table.readings("zorbles")
(False, ())
>>> guess_readings("zorbles")
(('NNS', 'zorble'), ('VBZ', 'zorble'))
"""

from __future__ import annotations

import functools
import gzip
import re
import zlib
from collections.abc import Iterator, Mapping
from importlib import resources
from pathlib import Path

from discojax.errors import GrammarError

Reading = tuple[str, str]

_LINE = r"[^\t\n#][^\t\n]*\t[A-Z$]+:\S+(?: [A-Z$]+:\S+)*"
# the first line that is neither empty, nor a comment, nor a well-formed table line
_BAD_LINE = re.compile(rf"^(?!{_LINE}$)[^#\n].*$", re.MULTILINE)
_TAG = re.compile(r"[A-Z$]+")


class FormTable:
    """Word forms, each with its (Penn tag, lemma) readings, most common first.

    ``raw`` maps a form to its readings as written in a table file (``"VBD:run"``); they are
    split only when :meth:`readings` asks. ``source`` names where the table came from.

    >>> table = FormTable({"ran": "VBD:run", "saw": "NN:saw VBD:see"}, source="demo")
    >>> len(table), "saw" in table, sorted(table), table.source
    (2, True, ['ran', 'saw'], 'demo')
    """

    def __init__(self, raw: Mapping[str, str], source: str = "<memory>") -> None:
        self._raw = dict(raw)
        self.source = source

    @classmethod
    def from_text(cls, text: str, source: str = "<memory>") -> FormTable:
        """Parse table-file text, checking every line.

        Raises:
            GrammarError: naming ``source`` and the first malformed line (no tab, a reading
                without ``:``, an empty tag or lemma, a tag not of ``[A-Z$]+``, or a form
                given twice).

        >>> FormTable.from_text("# demo\\nran\\tVBD:run\\n").readings("ran")
        (('VBD', 'run'),)
        >>> FormTable.from_text("ran\\tVBD:run\\nsaw NN:saw\\n", "my.tsv")
        Traceback (most recent call last):
        ...
        discojax.errors.GrammarError: my.tsv:2: no tab after the form in 'saw NN:saw'
        """
        if "\r" in text:
            text = text.replace("\r\n", "\n")
        bad = _BAD_LINE.search(text)
        if bad is not None:
            number = text.count("\n", 0, bad.start()) + 1
            raise GrammarError(_what_is_wrong(bad.group()), source, number)
        lines = [line for line in text.split("\n") if line and line[0] != "#"]
        raw = dict(line.split("\t", 1) for line in lines)
        if len(raw) != len(lines):
            seen: set[str] = set()
            for number, line in enumerate(text.split("\n"), 1):
                form = line.split("\t", 1)[0]
                if line and line[0] != "#":
                    if form in seen:
                        raise GrammarError(f"form {form!r} given twice", source, number)
                    seen.add(form)
        return cls(raw, source)

    def readings(self, form: str) -> tuple[Reading, ...]:
        """The (tag, lemma) readings of ``form``, most common first; ``()`` if unknown.

        Forms are looked up as given (the bundled table's are lower-case).

        >>> load_forms("english_forms").readings("went")
        (('VBD', 'go'),)
        >>> FormTable({"saw": "NN:saw VBD:see"}).readings("saw")
        (('NN', 'saw'), ('VBD', 'see'))
        """
        raw = self._raw.get(form)
        if raw is None:
            return ()
        return tuple((tag, lemma) for tag, _, lemma in (r.partition(":") for r in raw.split(" ")))

    def __contains__(self, form: object) -> bool:
        """Whether ``form`` is in the table.

        >>> "children" in load_forms("english_forms")
        True
        """
        return form in self._raw

    def __len__(self) -> int:
        """The number of forms.

        >>> len(load_forms("english_forms")) > 100_000
        True
        """
        return len(self._raw)

    def __iter__(self) -> Iterator[str]:
        """The forms, in file order (the bundled table's is sorted).

        >>> list(FormTable({"b": "NN:b", "a": "NN:a"}))
        ['b', 'a']
        """
        return iter(self._raw)

    def __repr__(self) -> str:
        """Where the table came from and its size.

        >>> FormTable({"a": "DT:a"}, "demo")
        FormTable('demo', 1 forms)
        """
        return f"FormTable({self.source!r}, {len(self)} forms)"


def _what_is_wrong(line: str) -> str:
    """Why ``line`` (not a comment, not empty) is not a form-table line."""
    form, tab, rest = line.partition("\t")
    if not tab:
        return f"no tab after the form in {line[:60]!r}"
    if not form:
        return "empty form before the tab"
    if not rest:
        return f"no readings for {form!r}"
    for reading in rest.split(" "):
        if not reading:
            return f"stray space in the readings of {form!r} (one space between readings)"
        tag, colon, lemma = reading.partition(":")
        if not colon:
            return f"reading {reading!r} of {form!r} has no ':' (want TAG:lemma)"
        if not tag:
            return f"reading {reading!r} of {form!r} has an empty tag"
        if not _TAG.fullmatch(tag):
            return f"reading {reading!r} of {form!r}: tag {tag!r} is not of [A-Z$]+"
        if not lemma or lemma.isspace():
            return f"reading {reading!r} of {form!r} has an empty lemma"
    return f"malformed readings for {form!r} (single spaces between TAG:lemma)"


def _decode(data: bytes, source: str) -> str:
    """The text of a table file's bytes, gunzipped if gzip."""
    try:
        if data[:2] == b"\x1f\x8b":
            data = gzip.decompress(data)
        return data.decode("utf-8")
    except (OSError, EOFError, zlib.error) as err:
        raise GrammarError(f"corrupt gzip file ({err})", source) from None
    except UnicodeDecodeError as err:
        raise GrammarError(f"not UTF-8 text ({err.reason} at byte {err.start})", source) from None


@functools.cache
def _load_bundled(name: str) -> FormTable:
    resource = resources.files("discojax") / "grammars" / f"{name}.tsv.gz"
    if not resource.is_file():
        raise GrammarError(f"no bundled form table called {name!r}")
    source = f"{name}.tsv.gz"
    return FormTable.from_text(_decode(resource.read_bytes(), source), source)


@functools.lru_cache(maxsize=8)
def _load_file(path: str, mtime_ns: int, size: int) -> FormTable:
    return FormTable.from_text(_decode(Path(path).read_bytes(), path), path)


def load_forms(path_or_name: str | Path) -> FormTable:
    """Load a form table: a ``.tsv.gz`` or plain ``.tsv`` file, or a bundled table by name.

    A bare name (no folder, no ``.tsv``/``.gz`` ending, not an existing file) is a bundled
    table: ``"english_forms"`` is ``grammars/english_forms.tsv.gz``. Loads are cached (a file
    is read again when its modification time or size changes).

    Raises:
        GrammarError: on a missing file, a corrupt gzip file, text that is not UTF-8, or a
            malformed line (with its number).

    >>> len(load_forms("english_forms")) > 100_000
    True
    >>> load_forms("no/such/forms.tsv.gz")
    Traceback (most recent call last):
    ...
    discojax.errors.GrammarError: no/such/forms.tsv.gz: no such form table file
    >>> load_forms("klingon_forms")
    Traceback (most recent call last):
    ...
    discojax.errors.GrammarError: no bundled form table called 'klingon_forms'
    """
    path = Path(path_or_name)
    bare = isinstance(path_or_name, str) and path.name == path_or_name
    if bare and path.suffix not in (".tsv", ".gz") and not path.exists():
        return _load_bundled(path_or_name)
    try:
        stat = path.stat()
    except OSError:
        raise GrammarError("no such form table file", str(path)) from None
    if not path.is_file():
        raise GrammarError("not a file", str(path))
    return _load_file(str(path.resolve()), stat.st_mtime_ns, stat.st_size)


_NUMBER = re.compile(r"[-+]?(?:[0-9]+(?:[.,/][0-9]+)*|[.,][0-9]+)%?\Z")
_ORDINAL = re.compile(r"[0-9]+(?:st|nd|rd|th)\Z")
_DECADE = re.compile(r"[0-9]+'?s\Z")
_ADJECTIVE = ("ous", "ful", "ive", "able", "ible", "al", "ic", "less", "ish")
_VOWELS = "aeiouy"
_KEEP_DOUBLE = ("ll", "ss", "zz", "ff")


def _stem(stem: str) -> str:
    """Undo the spelling changes before ``-ing``/``-ed``/``-er``/``-est``, crudely: undouble
    a final doubled consonant (``runn`` -> ``run``, but ``tell``), restore an ``e`` after
    ``v``, ``c`` or ``z`` or a one-syllable consonant-vowel-consonant stem (``mak`` -> ``make``,
    ``hop`` -> ``hope``), else leave it."""
    if len(stem) > 2 and stem[-1] == stem[-2] and stem[-1] not in _VOWELS:
        return stem if stem[-2:] in _KEEP_DOUBLE else stem[:-1]
    if stem[-1] in "vcz" and stem[-2:] not in ("ic",):
        return stem + "e"
    syllables = len(re.findall(r"[aeiou]+", stem))
    if syllables == 1 and re.search(r"(?:^|[^aeiou])[aeiou][^aeiouwxy]\Z", stem):
        return stem + "e"
    return stem


def _has_vowel(stem: str) -> bool:
    return any(c in _VOWELS for c in stem)


def number_readings(word: str) -> tuple[Reading, ...]:
    """A numeral's readings, read off its shape (no table can list every number): ``CD`` for a
    number (``1990``, ``3.5``, ``1,000``, ``-2``, ``1/2``, ``50%``, ``1990s``), ``CD`` then
    ``JJ`` for an ordinal (``2nd``); none for any other word. The lemma is the word.

    >>> number_readings("2019"), number_readings("3rd"), number_readings("zorp")
    ((('CD', '2019'),), (('CD', '3rd'), ('JJ', '3rd')), ())
    """
    if _NUMBER.match(word) or _DECADE.match(word):
        return (("CD", word),)
    if _ORDINAL.match(word):
        return (("CD", word), ("JJ", word))
    return ()


def guess_readings(word: str, capitalised: bool = False) -> tuple[Reading, ...]:
    """Readings for a word no table knows, from its shape and ending; never empty.

    The rules, first match wins (``word`` is lower-case; the lemma is the word unless said):

    * a numeral: :func:`number_readings`;
    * ``capitalised`` (written with a capital mid-sentence: a name): ``NN`` then ``NNP``;
    * hyphenated (``well-tuned``): ``JJ`` then ``NN``;
    * ``-ing`` after a stem with a vowel: ``VBG`` (lemma: the stem, a doubled consonant
      undoubled, an ``e`` restored crudely) then ``NN``;
    * ``-ied`` / ``-ed``: ``VBD`` and ``VBN`` (lemma likewise, ``-ied`` -> ``-y``) then ``JJ``;
    * ``-ly``: ``RB``;
    * ``-ous -ful -ive -able -ible -al -ic -less -ish``: ``JJ`` then ``NN``;
    * ``-er`` / ``-est``: ``NN`` first, then ``JJR`` / ``JJS`` (lemma: the stem);
    * ``-s`` but not ``-ss -us -is``: ``NNS`` and ``VBZ`` (lemma: ``-ies`` -> ``-y``,
      ``-ches -shes -xes -zes -sses`` lose ``es``, else the ``s`` goes);
    * anything else: ``NN`` then ``JJ``.

    >>> guess_readings("1,000"), guess_readings("2nd")
    ((('CD', '1,000'),), (('CD', '2nd'), ('JJ', '2nd')))
    >>> guess_readings("zorp", capitalised=True)
    (('NN', 'zorp'), ('NNP', 'zorp'))
    >>> guess_readings("blorfing"), guess_readings("zapping")
    ((('VBG', 'blorf'), ('NN', 'blorfing')), (('VBG', 'zap'), ('NN', 'zapping')))
    >>> guess_readings("glimed")
    (('VBD', 'glime'), ('VBN', 'glime'), ('JJ', 'glimed'))
    >>> guess_readings("snarkily"), guess_readings("florbous")
    ((('RB', 'snarkily'),), (('JJ', 'florbous'), ('NN', 'florbous')))
    >>> guess_readings("blicker")
    (('NN', 'blicker'), ('JJR', 'blick'))
    >>> guess_readings("zorbles"), guess_readings("frotches")
    ((('NNS', 'zorble'), ('VBZ', 'zorble')), (('NNS', 'frotch'), ('VBZ', 'frotch')))
    >>> guess_readings("wug"), guess_readings("half-baked")
    ((('NN', 'wug'), ('JJ', 'wug')), (('JJ', 'half-baked'), ('NN', 'half-baked')))
    """
    w = word
    numeral = number_readings(w)
    if numeral:
        return numeral
    if capitalised:
        return (("NN", w), ("NNP", w))
    if "-" in w.strip("-"):
        return (("JJ", w), ("NN", w))
    if w.endswith("ing") and _has_vowel(w[:-3]) and len(w) > 4:
        return (("VBG", _stem(w[:-3])), ("NN", w))
    if w.endswith("ied") and len(w) > 4:
        return (("VBD", w[:-3] + "y"), ("VBN", w[:-3] + "y"), ("JJ", w))
    if w.endswith("ed") and _has_vowel(w[:-2]) and len(w) > 3:
        lemma = w[:-1] if w.endswith("eed") else _stem(w[:-2])
        return (("VBD", lemma), ("VBN", lemma), ("JJ", w))
    if w.endswith("ly") and len(w) > 3:
        return (("RB", w),)
    if w.endswith(_ADJECTIVE) and len(w) > 4:
        return (("JJ", w), ("NN", w))
    for suffix, tag in (("est", "JJS"), ("er", "JJR")):
        stem = w[: -len(suffix)]
        if w.endswith(suffix) and len(stem) > 2 and _has_vowel(stem):
            stem = stem[:-1] + "y" if stem.endswith("i") else _stem(stem)
            return (("NN", w), (tag, stem))
    if w.endswith("s") and not w.endswith(("ss", "us", "is")) and len(w) > 3:
        if w.endswith("ies") and len(w) > 4:
            lemma = w[:-3] + "y"
        elif w.endswith(("ches", "shes", "xes", "zes", "sses")):
            lemma = w[:-2]
        else:
            lemma = w[:-1]
        return (("NNS", lemma), ("VBZ", lemma))
    return (("NN", w), ("JJ", w))
