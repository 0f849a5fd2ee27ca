"""How many MC sentences parse to ``s`` and RP phrases to ``n`` (and their rewrites compile).

Run: ``.venv/bin/python benchmarks/data_coverage.py [DATA_DIR]`` (default ``../shared/data``).

Each line of ``mc/*.txt`` and ``rp/*.txt`` is ``LABEL text``. The script parses every text with
the bundled English grammar to its target type, checks that the parse's diagram has that type,
and that the diagram after the determiner, relative-pronoun and cup-removal rewrites still
lowers to a network (``discojax.compile.network_from_diagram``). It prints the counts and
every failure.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from discojax.compile import network_from_diagram
from discojax.errors import DiscojaxError
from discojax.grammar import default_parser, parse_type
from discojax.grammar._types import to_discopy
from discojax.rewrite import relative_pronouns_as_spiders, remove_cups, remove_determiners

DATA_SETS = (("mc", "s"), ("rp", "n"))


def lines_of(folder: Path) -> list[tuple[str, int, str]]:
    """``(file, line number, text)`` of every non-empty line of the folder's ``*.txt`` files."""
    found = []
    for path in sorted(folder.glob("*.txt")):
        with path.open(encoding="utf-8") as handle:
            for number, line in enumerate(handle, start=1):
                if line.strip():
                    _, text = line.split(None, 1)
                    found.append((path.name, number, text.strip()))
    return found


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("data", nargs="?", default="../shared/data", type=Path)
    args = options.parse_args()
    parser = default_parser()
    for name, target in DATA_SETS:
        goal = parse_type(target)
        items = lines_of(args.data / name)
        parsed = compiled = 0
        start = time.perf_counter()
        for file, number, text in items:
            try:
                result = parser.parse(text, target)
                diagram = result.to_diagram()
                assert result.target == goal and diagram.cod == to_discopy(goal)
                parsed += 1
                rewritten = remove_cups(relative_pronouns_as_spiders(remove_determiners(diagram)))
                network_from_diagram(rewritten)
                compiled += 1
            except (DiscojaxError, AssertionError) as err:
                print(f"{name}/{file}:{number}: {text!r}: {err}")
        elapsed = time.perf_counter() - start
        print(
            f"{name}: {parsed}/{len(items)} parse to {target}; {compiled}/{len(items)} compile "
            f"after rewrites ({elapsed:.1f} s)"
        )


if __name__ == "__main__":
    main()
