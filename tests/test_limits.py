"""Every stage's documented bound: input past it is a named error before the work starts, and
input up to it finishes (iteratively: no RecursionError), in bounded time."""

from __future__ import annotations

import sys
import time
import urllib.error
import urllib.request

import jax
import pytest

import discojax as dj
from discojax.cli import MAX_MESSAGE, main
from discojax.compile import _budget, lower, network_from_parse
from discojax.data import download
from discojax.errors import ConfigError, DataError, LimitError, ParseError
from discojax.experiments import parse_seeds
from discojax.grammar import MAX_WORDS, SentenceGenerator, generate, parse
from discojax.grammar._tokenize import MAX_CHARS

CASES = [  # what is called, the error, the start of its message
    (lambda: parse(b"Alice runs"), ParseError,
     'expected text (str), got bytes: decode it first, text.decode("utf-8")'),
    (lambda: parse(["man", 3]), ParseError, "expected text or a list of words (str), got a int"),
    (lambda: parse("man " * (MAX_CHARS // 4 + 1)), ParseError,
     f"a text of {MAX_CHARS + 4:,} characters is longer than the tokeniser takes ({MAX_CHARS:,})"),
    (lambda: parse("man " * (MAX_WORDS + 1)), ParseError,
     f"{MAX_WORDS + 1} words is more than this parser takes ({MAX_WORDS})"),
    (lambda: generate(1, length=MAX_WORDS + 1), LimitError,
     f"length={MAX_WORDS + 1} is more words than the generator makes ({MAX_WORDS}"),
    (lambda: dj.TensorModel.from_data(["man cooks meal"], dj.TensorAnsatz({"n": 100000, "s": 2}))
     .init(jax.random.key(0)), LimitError,
     "the parameter tables need 20,000,200,000 numbers (80.0 GB as float32), more than the "
     "budget of 268,435,456"),
    (lambda: download("imdb"), DataError, "unknown data set 'imdb'; known: "),
    (lambda: parse_seeds("5-1"), ConfigError,
     "--seeds '5-1': no seeds (a range low-high needs low <= high)"),
    (lambda: parse_seeds("0,2,0"), ConfigError, "--seeds '0,2,0': seed 0 is listed twice"),
    (lambda: parse_seeds("-1"), ConfigError, "--seeds '-1': expected 0-9, 3 or 0,2,5"),
]  # fmt: skip


@pytest.mark.parametrize(("call", "error", "message"), CASES)
def test_input_past_a_bound_is_a_named_error(call, error, message) -> None:
    with pytest.raises(error) as caught:
        call()
    assert str(caught.value).startswith(message), str(caught.value)


def test_an_intermediate_past_the_budget_is_refused_when_lowering(monkeypatch) -> None:
    network = network_from_parse(parse("man cooks tasty meal"))
    ansatz = dj.TensorAnsatz({"n": 4, "s": 2})
    assert lower(network, ansatz).equation  # within the budget
    monkeypatch.setattr(_budget, "MAX_ENTRIES", 3)
    with pytest.raises(LimitError, match="contracting one sentence need 8 numbers"):
        lower(network, ansatz)


def test_the_generator_needs_no_deep_recursion() -> None:
    # solving a length once recursed through every shorter one: RecursionError at 170 words
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(len(__import__("inspect").stack()) + 120)
    try:
        [sentence] = SentenceGenerator().sample(1, length=40, seed=1)
    finally:
        sys.setrecursionlimit(limit)
    assert len(sentence.split()) == 40


def test_the_longest_sentences_parse_and_prepare_in_bounded_time() -> None:
    adjectives = "big " * (MAX_WORDS - 2) + "man runs"
    assert len(parse(adjectives).cups) == MAX_WORDS - 1  # a chain of 98 adjectives, no recursion
    text = "man " + "in house " * 24 + "runs"  # 50 words: 249 s of path search before
    model = dj.TensorModel.from_data([text], dj.TensorAnsatz({"n": 2, "s": 2}))
    started = time.perf_counter()
    batch = model.prepare([text])
    assert time.perf_counter() - started < 30  # 0.7 s alone on one core
    assert batch.size == 1


def test_a_network_failure_is_a_data_error_naming_the_file(tmp_path, monkeypatch) -> None:
    def offline(url, filename):
        raise urllib.error.URLError("Name or service not known")

    monkeypatch.setattr(urllib.request, "urlretrieve", offline)
    with pytest.raises(DataError, match=r"mc/train.txt: cannot download https://\S+: Name or"):
        download("mc", tmp_path)
    assert not list((tmp_path / "mc").iterdir())  # no partial file left


def test_the_command_line_cuts_a_huge_message(capsys) -> None:
    assert main(["parse", "q" * 9000]) == 2
    message = capsys.readouterr().err
    assert message.startswith("discojax parse: error: unknown word 'qqqq")
    assert len(message) < MAX_MESSAGE
    assert main(["parse", "x " * MAX_CHARS]) == 2
    assert "longer than the tokeniser takes" in capsys.readouterr().err


def test_draw_into_a_missing_folder_fails_before_parsing(capsys) -> None:
    assert main(["parse", "Alice runs", "--draw", "/no/such/folder/a.png"]) == 2
    assert capsys.readouterr().err == (
        "discojax parse: error: --draw /no/such/folder/a.png: no such folder /no/such/folder\n"
    )
