"""Data-set sentences as lemmatised parses: phrasal verbs merged, words relabelled."""

from __future__ import annotations

import pytest

from discojax.compile import network_from_diagram, network_from_parse
from discojax.corpus import lemmatised_parse, merge_phrasal_verbs, merge_words, relabel
from discojax.errors import DataError, ParseError
from discojax.grammar import parse


def test_merged_phrasal_verb_has_a_transitive_network():
    merged = merge_phrasal_verbs(parse("the sweat runs down the face"))
    assert merged.words == ("the", "sweat", "runs down", "the", "face")
    transitive = parse("the sweat meets the face")
    assert network_from_parse(merged).signature == network_from_parse(transitive).signature
    # the merged parse is still a well-formed diagram
    assert network_from_diagram(merged.to_diagram()) == network_from_parse(merged)


def test_merge_needs_a_cup_between_the_words():
    with pytest.raises(ValueError, match="not joined by a cup"):
        merge_words(parse("man runs"), 1, "runs", "intransitive_verb")


def test_relabel_content_words_only():
    p = relabel(parse("the family provides the home"), ["family", "provide", "home"])
    assert p.words == ("the", "family", "provide", "the", "home")
    with pytest.raises(ValueError, match="1 words"):
        relabel(parse("the man runs"), ["man"])


def test_typo_in_gs2011_is_mended_by_the_lemma():
    p = lemmatised_parse("The poll expresss the support.", "poll express support")
    assert p.words == ("the", "poll", "express", "the", "support")


def test_lemma_count_mismatch_is_a_data_error():
    with pytest.raises(DataError) as err:
        lemmatised_parse("The man runs.", "man run fast", source="s.csv")
    assert str(err.value).startswith("s.csv: 'man run fast' has 3 lemmas")


def test_unparsable_sentence():
    with pytest.raises(ParseError):
        lemmatised_parse("Runs the man.", "man run")
