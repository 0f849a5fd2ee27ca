"""Dependency arcs read off parses: exact heads, as Universal Dependencies draws them."""

from __future__ import annotations

import pytest

from discojax.data import parse_conllu
from discojax.grammar import ROOT, Parser, default_parser, dependency_heads, load_lexicon

ENGLISH = load_lexicon("english")

# Each sentence with the class of every word and the heads UD gives it (-1: the root).
CASES = [
    ("Alice loves Bob", "s", (1, ROOT, 1)),
    ("the old man saw a dog in the park", "s", (2, 2, 3, ROOT, 5, 3, 8, 8, 5)),
    ("the man who cooks dinner runs", "s", (1, 5, 3, 1, 3, ROOT)),
    ("dinner that man cooks", "n", (ROOT, 3, 3, 0)),
    ("John did not see Mary", "s", (3, 3, 3, ROOT, 3)),
    ("the man is a doctor", "s", (1, 4, 4, 4, ROOT)),
    ("does John love Mary", "q", (2, 2, ROOT, 2)),
    ("what does John love", "q", (3, 3, 3, ROOT)),
    ("who loves Mary", "q", (1, ROOT, 1)),
    ("the man 's dog barks", "s", (1, 3, 1, 4, ROOT)),
    ("John sings and dances", "s", (1, ROOT, 3, 1)),
    ("John wants to eat", "s", (1, ROOT, 3, 1)),
]


@pytest.mark.parametrize(("text", "target", "heads"), CASES)
def test_heads_of_parses(text: str, target: str, heads: tuple[int, ...]) -> None:
    assert dependency_heads(default_parser().parse(text, target), ENGLISH) == heads


def test_one_root_and_no_self_loops() -> None:
    for text, target, _ in CASES:
        heads = dependency_heads(default_parser().parse(text, target), ENGLISH)
        assert heads.count(ROOT) == 1
        assert all(head != i for i, head in enumerate(heads))


TREEBANK = """\
# sent_id = t1
# text = I think that he left because it rained.
1\tI\tI\tPRON\tPRP\t_\t2\tnsubj\t_\t_
2\tthink\tthink\tVERB\tVBP\t_\t0\troot\t_\t_
3\tthat\tthat\tSCONJ\tIN\t_\t5\tmark\t_\t_
4\the\the\tPRON\tPRP\t_\t5\tnsubj\t_\t_
5\tleft\tleave\tVERB\tVBD\t_\t2\tccomp\t_\t_
6\tbecause\tbecause\tSCONJ\tIN\t_\t8\tmark\t_\t_
7\tit\tit\tPRON\tPRP\t_\t8\tnsubj\t_\t_
8\trained\train\tVERB\tVBD\t_\t5\tadvcl\t_\tSpaceAfter=No
9\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_

"""


def test_a_treebank_sentence_gets_its_gold_arcs_and_lemmas() -> None:
    (sentence,) = parse_conllu(TREEBANK.splitlines())
    words = [t for t in sentence.tokens if t.upos != "PUNCT"]
    result = Parser(ENGLISH).parse([t.form for t in words])
    assert [h + 1 for h in dependency_heads(result, ENGLISH)] == [t.head for t in words]
    assert list(result.lemmas) == [t.lemma.lower() for t in words]


def test_ports_are_checked_when_the_grammar_is_read() -> None:
    from discojax.errors import GrammarError
    from discojax.grammar import Lexicon

    grammar = {"grammar": {"basic_types": ["n", "s"]}}
    with pytest.raises(GrammarError, match="ports must be a string of 2 roles"):
        Lexicon.from_dict(
            grammar | {"classes": {"v": {"type": "n.r s", "ports": "dep", "words": []}}}
        )
    with pytest.raises(GrammarError, match="unknown port role 'boss'"):
        Lexicon.from_dict(
            grammar | {"classes": {"v": {"type": "n.r s", "ports": "boss self", "words": []}}}
        )
