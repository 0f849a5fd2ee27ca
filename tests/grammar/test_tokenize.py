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
        ("don't stop well-known (really)", ["don't", "stop", "well-known", "really"]),
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
