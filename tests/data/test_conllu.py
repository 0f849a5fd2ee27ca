"""The CoNLL-U reader: words, heads, multiword tokens, empty nodes and malformed lines."""

from __future__ import annotations

from pathlib import Path

import pytest

from discojax.data import TreebankToken, iter_conllu, parse_conllu, read_conllu
from discojax.errors import DataError


def conllu(*rows: str) -> str:
    """CoNLL-U text from rows whose columns are separated by single spaces (comments kept)."""
    return "".join((row if row.startswith("#") else row.replace(" ", "\t")) + "\n" for row in rows)


SAMPLE = conllu(
    "# newdoc id = doc1",
    "# sent_id = doc1-0001",
    "# text = They didn't come.",
    "1 They they PRON PRP Case=Nom 4 nsubj 4:nsubj _",
    "2-3 didn't _ _ _ _ _ _ _ _",
    "2 did do AUX VBD Tense=Past 4 aux 4:aux _",
    "3 n't not PART RB Polarity=Neg 4 advmod 4:advmod _",
    "4 come come VERB VB VerbForm=Inf 0 root 0:root SpaceAfter=No",
    "5 . . PUNCT . _ 4 punct 4:punct _",
    "",
    "# sent_id = doc1-0002",
    "# text = Sue likes tea and Bob coffee",
    "1 Sue Sue PROPN NNP _ 2 nsubj 2:nsubj _",
    "2 likes like VERB VBZ _ 0 root 0:root _",
    "3 tea tea NOUN NN _ 2 obj 2:obj _",
    "4 and and CCONJ CC _ 5 cc 5:cc _",
    "5 Bob Bob PROPN NNP _ 2 conj 2:conj|5.1:nsubj _",
    "5.1 likes like VERB VBZ _ _ _ 2:conj CopyOf=2",
    "6 coffee coffee NOUN NN _ 5 orphan 5.1:obj _",
    "",
)


def write(tmp_path: Path, text: str, name: str = "sample.conllu") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8"))
    return path


def test_reads_words_heads_and_multiword_tokens(tmp_path) -> None:
    path = write(tmp_path, SAMPLE)
    first, second = read_conllu(path)

    assert first.sent_id == "doc1-0001"
    assert first.text == "They didn't come."
    assert first.source == str(path)
    assert first.line == 1
    assert first.forms == ("They", "did", "n't", "come", ".")
    assert first.lemmas == ("they", "do", "not", "come", ".")
    assert first.heads == (4, 4, 4, 0, 4)
    assert first.multiwords == ((2, 3, "didn't"),)
    assert first.words_as_written() == first.forms
    assert first.words_as_written(multiword=True) == ("They", "didn't", "come", ".")
    assert first.tokens[1] == TreebankToken(
        2, "did", "do", "AUX", "VBD", "Tense=Past", 4, "aux", "4:aux", "_"
    )
    assert [t.id for t in first.tokens] == [1, 2, 3, 4, 5]

    # the empty node 5.1 is left out; the word after it keeps id 6
    assert second.sent_id == "doc1-0002"
    assert second.line == 11
    assert second.forms == ("Sue", "likes", "tea", "and", "Bob", "coffee")
    assert second.heads == (2, 0, 2, 5, 2, 5)
    assert [t.upos for t in second.tokens] == ["PROPN", "VERB", "NOUN", "CCONJ", "PROPN", "NOUN"]
    assert second.tokens[5].deprel == "orphan"
    assert second.multiwords == ()
    assert len(second) == 6


def test_lines_and_a_file_read_the_same(tmp_path) -> None:
    from_lines = parse_conllu(SAMPLE.splitlines(), str(tmp_path / "sample.conllu"))
    assert from_lines == read_conllu(write(tmp_path, SAMPLE))
    streamed = iter_conllu(write(tmp_path, SAMPLE))
    assert next(streamed) == from_lines[0]  # one sentence at a time, the file still open
    assert list(streamed) == from_lines[1:]


def test_text_and_sent_id_fall_back_without_comments() -> None:
    # no final blank line; CRLF line ends; SpaceAfter=No on the multiword token's range line
    text = conllu(
        "1-2 Today's _ _ _ _ _ _ _ _",
        "1 Today today NOUN NN _ 3 nmod:poss _ _",
        "2 's 's PART POS _ 1 case _ _",
        "3 news news NOUN NN _ 0 root _ _",
        "",
        "1 Hi hi INTJ UH _ 0 root _ SpaceAfter=No",
        "2 ! ! PUNCT . _ 1 punct _ _",
    ).replace("\n", "\r\n")
    first, second = parse_conllu(text.splitlines(keepends=True))
    assert (first.sent_id, first.text) == ("1", "Today's news")
    assert (second.sent_id, second.text, second.line) == ("2", "Hi!", 6)
    assert second.tokens[1].misc == "_"


GOOD = "1 Dogs dog NOUN NNS _ 2 nsubj _ _"


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        (
            ["# text = Dogs bark", GOOD, "2 bark bark VERB VBP _ 0 root _"],
            r"bad\.conllu:6: expected 10 tab-separated columns, got 9",
        ),
        (
            [GOOD, "3 bark bark VERB VBP _ 0 root _ _"],
            r"bad\.conllu:5: expected word ID 2, got '3'",
        ),
        (
            [GOOD, "x bark bark VERB VBP _ 0 root _ _"],
            r"bad\.conllu:5: expected word ID 2, got 'x'",
        ),
        ([GOOD, "2 bark bark VERB VBP _ 3 root _ _"], r"bad\.conllu:5: head 3 is outside 0\.\.2"),
        ([GOOD, "2 bark bark VERB VBP _ -1 root _ _"], r"bad\.conllu:5: head -1 is outside"),
        ([GOOD, "2 bark bark VERB VBP _ _ root _ _"], r"bad\.conllu:5: head '_' is not an integer"),
        (
            ["1 Dogs dog NOUN NNS _ 2 nsubj _ _", "2 bark bark VERB VBP _ 1 root _ _"],
            r"bad\.conllu:4: word 1's heads make a cycle \(1 -> 2 -> 1\)",
        ),
        (
            [GOOD, "2 bark bark VERB VBP _ 0 root _ _", "# late comment"],
            r"bad\.conllu:6: a comment line after",
        ),
        (
            ["# sent_id = lonely", "# text = nothing"],
            r"bad\.conllu:4: a sentence with no word lines",
        ),
        (
            ["1-2 Dogs' _ _ _ _ _ _ _ _", "1 Dogs dog NOUN NNS _ 0 root _ _"],
            r"bad\.conllu:4: multiword token 1-2 runs past the last word 1",
        ),
        (
            [GOOD, "1-2 Dogs' _ _ _ _ _ _ _ _", "2 bark bark VERB VBP _ 0 root _ _"],
            r"bad\.conllu:5: multiword token 1-2 should start at word 2",
        ),
        (
            [GOOD, "1.x e e X X _ _ _ _ _", "2 bark bark VERB VBP _ 0 root _ _"],
            r"bad\.conllu:5: malformed empty-node ID '1\.x'",
        ),
    ],
)
def test_malformed_lines_name_file_and_line(tmp_path, rows, message) -> None:
    # a good sentence (lines 1-3) first: line numbers count across sentences
    good = conllu("# sent_id = ok", "1 Hi hi INTJ UH _ 0 root _ _", "")
    path = write(tmp_path, good + conllu(*rows), "bad.conllu")
    with pytest.raises(DataError, match=message) as caught:
        read_conllu(path)
    assert caught.value.source == str(path)
    streamed = iter_conllu(path)
    assert next(streamed).sent_id == "ok"  # the good sentence comes before the error
    with pytest.raises(DataError, match=message):
        next(streamed)


def test_missing_file(tmp_path) -> None:
    with pytest.raises(DataError, match="no such data file"):
        read_conllu(tmp_path / "absent.conllu")
