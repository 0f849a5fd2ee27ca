"""Every file read as text: UTF-16, other encodings, a BOM, truncated JSON and malformed grammar
are named errors with the file and line, never a UnicodeDecodeError or a JSON traceback."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from discojax.data import read_labelled
from discojax.errors import ConfigError, DataError, GrammarError
from discojax.experiments import collect, load_config
from discojax.grammar import load_lexicon

CONFIG = Path(__file__).parents[1] / "experiments" / "mc" / "tensor.toml"
GRAMMAR = '[grammar]\nbasic_types = [{basic}]\n[classes.noun]\ntype = "n"\nwords = ["man"]\n'


def _summary(folder: Path, text: bytes) -> Path:
    path = folder / "e" / "seed-0" / "summary.json"
    path.parent.mkdir(parents=True)
    path.write_bytes(text)
    return folder


CASES = [  # reader, error, file name, bytes, the message after "FILE:"
    (read_labelled, DataError, "u16.txt", "1 man runs\n".encode("utf-16"),
     " is UTF-16 text; save it as UTF-8"),
    (read_labelled, DataError, "l1.txt", b"1 man runs\n0 caf\xe9 runs\n",
     "2: not UTF-8 text: byte 0xe9 at column 6; save the file as UTF-8"),
    (read_labelled, DataError, "empty.txt", b"\n\n", " no labelled sentences in the file"),
    (read_labelled, DataError, "big.txt", b"1 a\n123456789012345678901234567890 b\n",
     "2: label 123456789012345678901234567890 is too large (at most 2147483647)"),
    (load_lexicon, GrammarError, "u16.toml", GRAMMAR.format(basic='"n"').encode("utf-16"),
     " is UTF-16 text; save it as UTF-8"),
    (load_lexicon, GrammarError, "l1.toml", GRAMMAR.format(basic='"n"').encode() + b"# \xff\n",
     "6: not UTF-8 text: byte 0xff at column 3; save the file as UTF-8"),
    (load_lexicon, GrammarError, "empty.toml", GRAMMAR.format(basic='"n", ""').encode(),
     "2: [grammar] basic type '' is not a name (a letter, then letters, digits or _)"),
    (load_lexicon, GrammarError, "space.toml", GRAMMAR.format(basic='"n s"').encode(),
     "2: [grammar] basic type 'n s' is not a name (a letter, then letters, digits or _)"),
    (load_lexicon, GrammarError, "twice.toml", GRAMMAR.format(basic='"n", "n"').encode(),
     "2: [grammar] basic type 'n' is listed twice"),
    (load_config, ConfigError, "u16.toml", CONFIG.read_text().encode("utf-16"),
     " is UTF-16 text; save it as UTF-8"),
    (load_config, ConfigError, "l1.toml", b"# caf\xe9\n" + CONFIG.read_bytes(),
     "1: not UTF-8 text: byte 0xe9 at column 6; save the file as UTF-8"),
]  # fmt: skip


@pytest.mark.parametrize(("reader", "error", "name", "content", "message"), CASES)
def test_a_bad_file_is_a_named_error_at_its_line(tmp_path, reader, error, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(error) as caught:
        reader(path)
    assert str(caught.value) == f"{path}:{message}"


def test_a_utf8_byte_order_mark_is_dropped(tmp_path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(codecs.BOM_UTF8 + b"1 man runs\n0 dog barks\n")
    assert read_labelled(path).labels == (1, 0)
    config = tmp_path / "bom.toml"
    config.write_bytes(codecs.BOM_UTF8 + CONFIG.read_bytes())
    assert load_config(config, check_files=False).name == "mc_tensor"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (b'{"experiment": "e", "test_acc', ":1: malformed JSON: Unterminated string starting at"),
        (b"[1, 2]", ": not a seed's summary (no 'experiment' name)"),
        (b"\xff\xfe{\x00}\x00", ": is UTF-16 text; save it as UTF-8"),
    ],
)
def test_a_damaged_summary_is_a_data_error_naming_it(tmp_path, text, message) -> None:
    with pytest.raises(DataError) as caught:
        collect(_summary(tmp_path, text))
    assert str(caught.value) == f"{tmp_path / 'e' / 'seed-0' / 'summary.json'}{message}"
