"""Tokenisation: text to lower-case words.

The rule: split on any run of whitespace, fold case, and strip punctuation from both ends of
each token; a token made only of punctuation (``.``, ``,``, ``!``) is not a word and is left
out. Punctuation inside a token (``don't``, ``well-known``) stays.

>>> tokenize("  Skillful   man prepares SAUCE . ")
['skillful', 'man', 'prepares', 'sauce']
>>> tokenize("The thought strays.")
['the', 'thought', 'strays']
"""

from __future__ import annotations

import string

_PUNCTUATION = string.punctuation + "“”‘’«»…–—"


def tokenize(text: str) -> list[str]:
    """Split ``text`` into lower-case words, dropping punctuation-only tokens.

    >>> tokenize("Alice, who sings, doesn't dance!")
    ['alice', 'who', 'sings', "doesn't", 'dance']
    """
    words = (token.strip(_PUNCTUATION).lower() for token in text.split())
    return [word for word in words if word]
