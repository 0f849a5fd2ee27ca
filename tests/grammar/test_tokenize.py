"""Tokenisation: whitespace, case folding, punctuation at the ends of tokens."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from discojax.grammar import tokenize


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("skillful man prepares sauce .", ["skillful", "man", "prepares", "sauce"]),
        ("  Alice\tLOVES\n\nBob!  ", ["alice", "loves", "bob"]),
        ("“Hello,” she said…", ["hello", "she", "said"]),
        ("don't stop well-known (really)", ["do", "n't", "stop", "well-known", "really"]),
        ("I can't, won't, cannot", ["i", "ca", "n't", "wo", "n't", "can", "not"]),
        (
            "John's parents' car isn't 'new'",
            ["john", "'s", "parents", "car", "is", "n't", "new"],
        ),
        ("They're sure we'd've... o'clock", ["they", "'re", "sure", "we", "'d", "'ve", "o'clock"]),
        ("... , ! ?", []),
        ("", []),
        ("«Ça va» — oui", ["ça", "va", "oui"]),
    ],
)
def test_tokenize(text: str, words: list[str]) -> None:
    assert tokenize(text) == words


@given(st.text())
def test_tokens_are_lower_case_non_empty_and_stable(text: str) -> None:
    words = tokenize(text)
    assert all(w and w == w.lower() and not any(c.isspace() for c in w) for w in words)
    assert tokenize(" ".join(words)) == words
