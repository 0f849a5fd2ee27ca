"""Tokenisation: text to lower-case words, with clitics split as Universal Dependencies does.

The rule: split on any run of whitespace, strip punctuation from both ends of each token, and
fold case; a token with no letter or digit (``.``, ``,``, ``!``, ``%``, an emoji) is not a word
and is left out.
The clitics ``n't 's 're 've 'll 'd 'm`` (straight or curly apostrophe) become words of their
own, as in the English treebanks: ``doesn't`` is ``does n't``, ``can't`` is ``ca n't``,
``won't`` is ``wo n't``, ``cannot`` is ``can not``, ``John's`` is ``john 's``, and a plural
possessive ``parents'`` is ``parents`` (its apostrophe alone would not survive tokenising
again; in a list of words, ``'`` is the possessive). Other inner punctuation (``well-known``,
``o'clock``) stays.

>>> tokenize("  Skillful   man prepares SAUCE . ")
['skillful', 'man', 'prepares', 'sauce']
>>> tokenize("The man's dog doesn't bark.")
['the', 'man', "'s", 'dog', 'does', "n't", 'bark']
"""

from __future__ import annotations

import re
import string

from discojax.errors import ParseError

MAX_CHARS = 10_000
"""The longest text the tokeniser takes, in characters; longer text (or bytes, not text) raises
:class:`~discojax.errors.ParseError` before any work (a hundred words, the parser's limit,
fit in a few thousand)."""

_PUNCTUATION = string.punctuation + "“”‘’«»…–—"
_CLITIC = re.compile(r"^(.+?)(n't|'s|'re|'ve|'ll|'d|'m)$", re.IGNORECASE)
_NOT_APOSTROPHE = _PUNCTUATION.replace("'", "")
_SPECIAL = {"can't": ["ca", "n't"], "won't": ["wo", "n't"], "cannot": ["can", "not"]}


def split_words(text: str) -> list[str]:
    """Split ``text`` into words as written (case kept), clitics apart, punctuation dropped.

    >>> split_words("Alice, who sings, doesn't dance!")
    ['Alice', 'who', 'sings', 'does', "n't", 'dance']
    >>> split_words("They can't: it's the parents' car")
    ['They', 'ca', "n't", 'it', "'s", 'the', 'parents', 'car']
    >>> split_words(b"Alice runs")
    Traceback (most recent call last):
    ...
    discojax.errors.ParseError: expected text (str), got bytes: decode it first, text.decode("utf-8")
    """
    if not isinstance(text, str):
        hint = ': decode it first, text.decode("utf-8")' if isinstance(text, bytes) else ""
        raise ParseError(f"expected text (str), got {type(text).__name__}{hint}")
    if len(text) > MAX_CHARS:
        raise ParseError(
            f"a text of {len(text):,} characters is longer than the tokeniser takes "
            f"({MAX_CHARS:,}); split it into sentences"
        )
    words: list[str] = []
    for token in text.replace("’", "'").split():
        word = _trimmed(token)
        if any(c.isalnum() for c in word):
            words.extend(_split_clitics(word))
    return words


def _trimmed(token: str) -> str:
    """``token`` without the punctuation around it; a leading apostrophe is a quote, unless
    the token is a clitic ("'s")."""
    while True:
        word = token.strip(_NOT_APOSTROPHE)
        if word.startswith("'") and not _CLITIC.match("x" + word):
            word = word.strip("'")  # a quoted word: 'yes'
        if word == token:
            return word
        token = word


def _split_clitics(word: str) -> list[str]:
    special = _SPECIAL.get(word.lower())
    if special is not None:
        first, *rest = special
        return [first.capitalize() if word[:1].isupper() else first, *rest]
    if word.endswith("'"):  # a plural possessive: the apostrophe goes
        stem = _trimmed(word.rstrip("'"))
        return _split_clitics(stem) if any(c.isalnum() for c in stem) else []
    found = _CLITIC.match(word)
    if found and any(c.isalnum() for c in found.group(1)):
        return [*_split_clitics(_trimmed(found.group(1))), found.group(2).lower()]
    return [word]


def tokenize(text: str) -> list[str]:
    """Split ``text`` into lower-case words (see the module for the rule).

    >>> tokenize("Alice, who sings, doesn't dance!")
    ['alice', 'who', 'sings', 'does', "n't", 'dance']
    """
    return [word.lower() for word in split_words(text)]
