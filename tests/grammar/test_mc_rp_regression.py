"""Every MC sentence and RP phrase parses exactly as before the wide grammar (235 parses).

``data/mc_rp_parses.json`` holds, for each line of ``mc/*.txt`` (target ``s``) and
``rp/*.txt`` (target ``n``), the word classes, cups and outputs that the parser gave before the
broad-coverage grammar landed: ``"classes | left-right cups | outputs"``, with the
supertagger's scoring (the default) and with the grammar's costs only. The data sets are read
from ``../shared/data`` (skipped where absent; they are never copied into the repository).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from discojax.grammar import Parser, load_lexicon

DATA = Path(__file__).resolve().parents[3] / "shared" / "data"
EXPECTED = json.loads((Path(__file__).parent / "data" / "mc_rp_parses.json").read_text())


def _lines() -> list[tuple[str, str, str]]:
    found = []
    for name, target in (("mc", "s"), ("rp", "n")):
        for path in sorted((DATA / name).glob("*.txt")):
            for number, line in enumerate(path.read_text().splitlines(), start=1):
                if line.strip():
                    found.append((f"{name}/{path.name}:{number}", line.split(None, 1)[1], target))
    return found


@pytest.mark.skipif(not (DATA / "mc").is_dir(), reason="needs ../shared/data (MC and RP)")
@pytest.mark.parametrize("scoring", ["tagger", "costs"])
def test_every_mc_and_rp_parse_is_unchanged(scoring: str) -> None:
    parser = Parser(load_lexicon("english"), scoring=scoring)  # type: ignore[arg-type]
    lines = _lines()
    assert len(lines) == len(EXPECTED) == 235
    changed = []
    for key, text, target in lines:
        parse = parser.parse(text, target)
        cups = " ".join(f"{a}-{b}" for a, b in parse.cups)
        got = f"{' '.join(parse.word_classes)} | {cups} | {' '.join(map(str, parse.outputs))}"
        if got != EXPECTED[key]:
            changed.append(f"{key} {text!r}: {got!r} != {EXPECTED[key]!r}")
    assert not changed, "\n".join(changed)
