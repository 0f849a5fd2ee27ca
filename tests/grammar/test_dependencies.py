"""Dependency arcs read off parses: exact heads, as Universal Dependencies draws them.

``data/constructions.json`` holds the documented example of each construction (see
``docs/grammar.md``) with the word classes its parse must have and each word's head in
Universal Dependencies' conventions (-1: the root).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from discojax.data import parse_conllu
from discojax.errors import GrammarError
from discojax.grammar import ROOT, Lexicon, Parser, default_parser, dependency_heads, load_lexicon

ENGLISH = load_lexicon("english")
EXAMPLES = json.loads((Path(__file__).parent / "data" / "constructions.json").read_text())


@pytest.mark.parametrize("example", EXAMPLES, ids=[e["text"] for e in EXAMPLES])
def test_each_construction_parses_with_its_classes_and_gold_heads(example: dict) -> None:
    result = default_parser().parse(example["text"], example["target"])
    assert " ".join(result.word_classes) == example["classes"]
    assert list(dependency_heads(result, ENGLISH)) == example["heads"]


def test_one_root_and_no_self_loops() -> None:
    for example in EXAMPLES:
        heads = dependency_heads(
            default_parser().parse(example["text"], example["target"]), ENGLISH
        )
        assert heads.count(ROOT) == 1
        assert all(head != i for i, head in enumerate(heads))


def test_two_clauses_side_by_side_the_second_depends_on_the_first() -> None:
    result = default_parser().parse("Alice runs Bob sleeps", "s s")
    assert dependency_heads(result, ENGLISH) == (1, ROOT, 3, 1)


def test_an_expletive_makes_the_word_that_takes_it_head_its_clause() -> None:
    # UD: "there" (expl) and "demonstration" (nsubj) depend on "be", the auxiliary too; with
    # a subject that is not an expletive, the copula's predicate heads the clause
    result = default_parser().parse("there will be a demonstration", "s")
    assert result.word_classes[:3] == ("existential_there", "auxiliary", "copula")
    assert dependency_heads(result, ENGLISH) == (2, 2, ROOT, 4, 2)
    result = default_parser().parse("the man will be a doctor", "s")
    assert result.word_classes[2:4] == ("auxiliary", "copula")
    assert dependency_heads(result, ENGLISH) == (1, 5, 5, 5, 5, ROOT)


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
    grammar = {"grammar": {"basic_types": ["n", "s"]}}
    with pytest.raises(GrammarError, match="ports must be a string of 2 roles"):
        Lexicon.from_dict(
            grammar | {"classes": {"v": {"type": "n.r s", "ports": "dep", "words": []}}}
        )
    with pytest.raises(GrammarError, match="unknown port role 'boss'"):
        Lexicon.from_dict(
            grammar | {"classes": {"v": {"type": "n.r s", "ports": "boss self", "words": []}}}
        )
