"""The ``discojax parse`` command: printing, rewriting, drawing, errors."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from discojax.cli import main
from discojax.grammar import Parser, format_type, load_lexicon, parse_type
from discojax.grammar._parser import _greedy_reduce


def test_prints_the_parse_and_its_diagram(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["parse", "Alice loves Bob"]) == 0
    assert capsys.readouterr().out == (
        "alice:n loves:n.r·s·n.l bob:n ⟶ s (2 cups)\n"
        "alice >> n @ loves >> n @ n.r @ s @ n.l @ bob"
        " >> Cup(n, n.r) @ s @ n.l @ n >> s @ Cup(n.l, n)\n"
    )


def test_target_and_all(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["parse", "tasty meal", "--target", "n"]) == 0
    assert capsys.readouterr().out.splitlines()[0] == "tasty:n·n.l meal:n ⟶ n (1 cups)"
    assert main(["parse", "Alice sees man in house", "--all", "2"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 4
    assert {lines[0].split()[3], lines[2].split()[3]} == {"in:n.r·n·n.l", "in:s.r·s·n.l"}
    assert main(["parse", "who loves Mary"]) == 0  # to s or q by default
    assert capsys.readouterr().out.splitlines()[0].endswith("⟶ q (3 cups)")
    assert main(["parse", "Alice zorbles", "--unknown-words", "guess"]) == 0
    assert capsys.readouterr().out.splitlines()[0] == "alice:n zorbles:n.r·s ⟶ s (1 cups)"


def test_rewrites(capsys: pytest.CaptureFixture[str]) -> None:
    args = ["parse", "the skillful man prepares the sauce"]
    assert main([*args, "--rewrite", "determiner, adjective, remove_cups"]) == 0
    assert capsys.readouterr().out.splitlines()[1] == "man >> skillful >> n @ sauce >> prepares"
    assert main([*args, "--rewrite", "nope"]) == 2
    assert capsys.readouterr().err.startswith(
        "discojax parse: error: no rewrite rule called 'nope'"
    )


def test_draws_words_in_one_row(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from PIL import Image

    out = tmp_path / "out.png"
    assert main(["parse", "skillful man prepares sauce", "--draw", str(out)]) == 0
    captured = capsys.readouterr()
    assert captured.out.startswith("skillful:n·n.l man:n")
    assert captured.err == f"wrote {out}\n"  # a progress record, on stderr
    with Image.open(out) as image:
        assert image.format == "PNG"
        width, height = image.size
    assert width > 2 * height  # one row of four words, wider than tall


def test_errors_exit_2_with_a_message(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["parse", "skillful man prepares sauc"]) == 2
    assert capsys.readouterr().err == (
        "discojax parse: error: unknown word 'sauc' at position 3; "
        "nearest lexicon entries: 'saucy', 'sauce', 'sac'\n"
    )
    assert main(["parse", "man the"]) == 2
    # the message gives each word's cheapest type (the tagger's choice) and what is left of them
    found = re.search(
        r"\(man: (.+), the: (.+)\) the types left unreduced are: (.+)\n", capsys.readouterr().err
    )
    assert found is not None and found[2] == "n n.l"
    left = _greedy_reduce([*parse_type(found[1]), *parse_type(found[2])])
    assert found[3] == format_type(tuple(left)) and left
    assert main(["parse", "man runs", "--grammar", "no/such.toml"]) == 2
    assert capsys.readouterr().err == "discojax parse: error: no/such.toml: no such grammar file\n"


def test_console_script(tmp_path: Path) -> None:
    out = tmp_path / "d.png"
    run = subprocess.run(
        [sys.executable, "-m", "discojax.cli", "parse", "man runs", "--draw", str(out)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert run.stdout.startswith("man:n runs:n.r·s ⟶ s (1 cups)\n")
    assert out.stat().st_size > 1000


def test_scoring_arcs_reranks_by_the_head_scorer(capsys: pytest.CaptureFixture[str]) -> None:
    text = "She wants to move the meeting to Friday"
    assert main(["parse", text, "--scoring", "arcs"]) == 0
    reranked = capsys.readouterr().out.splitlines()
    assert main(["parse", text]) == 0
    default = capsys.readouterr().out.splitlines()
    expected = Parser(load_lexicon("english"), scoring="arcs").parse(text, "s|q").to_diagram()
    assert reranked[1] == str(expected)
    assert reranked[0] == default[0] and reranked[1] != default[1]  # same types, other cups
