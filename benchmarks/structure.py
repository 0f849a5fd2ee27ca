"""Structure: how big ``src/discojax`` is, and how many public names it has, at git revisions.

Run:  .venv/bin/python benchmarks/structure.py [REV ...]   (default: 0bbc7f9 HEAD)

Files are read with ``git ls-tree -r REV`` and ``git show REV:PATH``; nothing is checked out,
so this runs in a working tree that others are editing. It prints one Markdown table (a column
per revision) and, under it, the names behind each count.

What is counted, for the ``.py`` files under ``src/discojax`` at a revision:

- **lines**: every line of every file (``wc -l``).
- **code lines**: lines holding a token that is not a comment, a blank line or a docstring (the
  first string statement of a module, class or function, found with :mod:`ast`); found with
  :mod:`tokenize`, so a line inside a multi-line string that is not a docstring counts.
- **public names**: pairs (namespace, name). A module or package is *public* when no
  component of its dotted name (below ``discojax``) starts with ``_``. A public package's
  ``__init__.py`` contributes the names in a literal ``__all__``, the names it re-exports as
  ``from M import X as X`` (anywhere at module level, ``if TYPE_CHECKING:`` included) and its
  own public top-level ``def``/``class``; a public non-package module contributes its public
  top-level ``def``/``class`` (constants are not counted). *Distinct* counts each name once
  however many namespaces export it.
- **modules over 300 lines**, each with its line count.
- **classes \\*Ansatz / \\*Model / \\*Functor**: every ``class`` statement (nested ones too)
  whose name ends so.
- **functions fit / train\\***: every ``def`` (methods and private ones too) whose name, less
  leading underscores, is ``fit`` or starts with ``train``.
- **modules \\*report\\* / \\*experiment\\***: files whose module name (a package's for its
  ``__init__.py``) contains ``report`` or ``experiment``.

>>> code_lines('''\"\"\"A module docstring,
... two lines.\"\"\"
...
... # a comment
... def f(x):
...     \"\"\"A docstring.\"\"\"
...     return x  # a trailing comment
... ''')
2
>>> sorted(public_names("discojax/pkg/__init__.py", "from ._a import A as A\\ndef g(): pass\\n"))
['A', 'g']
>>> public_names("discojax/pkg/_private.py", "def g(): pass\\n")
set()
"""

from __future__ import annotations

import argparse
import ast
import io
import subprocess
import sys
import tokenize
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import PurePosixPath

ROOT = "src/discojax"
BIG = 300
SKIPPED = {
    tokenize.COMMENT,
    tokenize.NL,
    tokenize.NEWLINE,
    tokenize.INDENT,
    tokenize.DEDENT,
    tokenize.ENCODING,
    tokenize.ENDMARKER,
}


def _docstring_starts(tree: ast.AST) -> set[tuple[int, int]]:
    """Where each docstring (module, class, function) begins: ``(line, column)``."""
    starts = set()
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
            and node.body
        ):
            first = node.body[0]
            if (
                isinstance(first, ast.Expr)
                and isinstance(first.value, ast.Constant)
                and isinstance(first.value.value, str)
            ):
                starts.add((first.value.lineno, first.value.col_offset))
    return starts


def code_lines(source: str) -> int:
    """The number of lines of ``source`` holding code: no blank, comment or docstring lines.

    >>> code_lines("x = '''a\\nb'''\\n\\n")  # a multi-line string that is not a docstring
    2
    """
    docstrings = _docstring_starts(ast.parse(source))
    lines: set[int] = set()
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type in SKIPPED:
            continue
        if token.type == tokenize.STRING and token.start in docstrings:
            continue
        lines.update(range(token.start[0], token.end[0] + 1))
    return len(lines)


def module_name(path: str) -> str:
    """The dotted module name of a file under ``src/``.

    >>> module_name("src/discojax/compile/__init__.py"), module_name("discojax/errors.py")
    ('discojax.compile', 'discojax.errors')
    """
    parts = list(PurePosixPath(path).with_suffix("").parts)
    if parts[0] == "src":
        parts = parts[1:]
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def is_public(path: str) -> bool:
    """No component of the module's name below ``discojax`` starts with ``_``.

    >>> is_public("src/discojax/train/__init__.py"), is_public("src/discojax/train/_step.py")
    (True, False)
    """
    return not any(part.startswith("_") for part in module_name(path).split(".")[1:])


def _module_level(body: Sequence[ast.stmt]) -> Iterator[ast.stmt]:
    """The statements run at import: ``body``, and inside its ``if``/``try``/``with`` blocks."""
    for node in body:
        yield node
        if isinstance(node, ast.If | ast.Try | ast.With):
            for block in ("body", "orelse", "finalbody", "handlers"):
                yield from _module_level(getattr(node, block, []))
        elif isinstance(node, ast.ExceptHandler):
            yield from _module_level(node.body)


def public_names(path: str, source: str) -> set[str]:
    """The public names a module contributes (see the module docstring for the rule)."""
    if not is_public(path):
        return set()
    tree = ast.parse(source)
    names = {
        node.name
        for node in tree.body
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef)
        and not node.name.startswith("_")
    }
    if PurePosixPath(path).name != "__init__.py":
        return names
    for node in _module_level(tree.body):
        if isinstance(node, ast.ImportFrom):
            names.update(alias.name for alias in node.names if alias.asname == alias.name)
        elif isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == "__all__" for t in node.targets
        ):
            if isinstance(node.value, ast.List | ast.Tuple):
                names.update(
                    e.value
                    for e in node.value.elts
                    if isinstance(e, ast.Constant) and isinstance(e.value, str)
                )
    return names


@dataclass
class Structure:
    """What :func:`measure` finds at one revision."""

    files: int = 0
    lines: int = 0
    code: int = 0
    public: set[tuple[str, str]] = field(default_factory=set)
    big: list[tuple[str, int]] = field(default_factory=list)
    classes: list[str] = field(default_factory=list)
    trainers: list[str] = field(default_factory=list)
    report_modules: list[str] = field(default_factory=list)

    def add(self, path: str, source: str) -> None:
        """Count one file."""
        name = module_name(path)
        short = name.removeprefix("discojax.")
        n_lines = len(source.splitlines())
        self.files += 1
        self.lines += n_lines
        self.code += code_lines(source)
        self.public.update((name, public) for public in public_names(path, source))
        if n_lines > BIG:
            self.big.append((path.removeprefix(ROOT + "/"), n_lines))
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.ClassDef) and node.name.endswith(
                ("Ansatz", "Model", "Functor")
            ):
                self.classes.append(f"{short}.{node.name}")
            elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                bare = node.name.lstrip("_")
                if bare == "fit" or bare.startswith("train"):
                    self.trainers.append(f"{short}.{node.name}")
        if "report" in name.rsplit(".", 1)[-1] or "experiment" in name.rsplit(".", 1)[-1]:
            self.report_modules.append(short)


def git(*args: str) -> str:
    """The standard output of a git command (run where this script is called from)."""
    return subprocess.run(("git", *args), check=True, capture_output=True, text=True).stdout


def measure(rev: str) -> Structure:
    """The structure of ``src/discojax`` at ``rev``, read from git objects."""
    structure = Structure()
    paths = git("ls-tree", "-r", "--name-only", rev, "--", ROOT).splitlines()
    for path in sorted(p for p in paths if p.endswith(".py")):
        structure.add(path, git("show", f"{rev}:{path}"))
    return structure


def table(revs: Sequence[str], found: Sequence[Structure]) -> str:
    """The Markdown table, one column per revision, then the names behind the counts."""

    def listing(items: Sequence[str]) -> str:
        return ", ".join(f"`{item}`" for item in items) or "none"

    rows = [
        ("Python files", [str(s.files) for s in found]),
        ("total lines", [f"{s.lines:,}" for s in found]),
        ("code lines (no blank/comment/docstring)", [f"{s.code:,}" for s in found]),
        ("public names (namespace, name)", [str(len(s.public)) for s in found]),
        ("distinct public names", [str(len({n for _, n in s.public})) for s in found]),
        ("modules over 300 lines", [str(len(s.big)) for s in found]),
        ("classes *Ansatz / *Model / *Functor", [str(len(s.classes)) for s in found]),
        ("functions fit / train*", [str(len(s.trainers)) for s in found]),
        ("modules *report* / *experiment*", [str(len(s.report_modules)) for s in found]),
    ]
    out = [
        "| | " + " | ".join(f"`{rev}`" for rev in revs) + " |",
        "|---|" + "---:|" * len(revs),
        *(f"| {label} | " + " | ".join(cells) + " |" for label, cells in rows),
        "",
    ]
    for rev, s in zip(revs, found):
        big = ", ".join(f"`{path}` ({n})" for path, n in sorted(s.big, key=lambda x: -x[1]))
        out += [
            f"`{rev}`:",
            f"- modules over 300 lines: {big or 'none'}",
            f"- classes: {listing(s.classes)}",
            f"- fit / train*: {listing(s.trainers)}",
            f"- report / experiment modules: {listing(s.report_modules)}",
            "",
        ]
    return "\n".join(out)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("revs", nargs="*", default=["0bbc7f9", "HEAD"], help="git revisions")
    args = parser.parse_args(argv)
    revs = args.revs
    found = [measure(rev) for rev in revs]
    commits = [git("rev-parse", "--short", rev).strip() for rev in revs]
    labels = [rev if rev == commit else f"{rev} ({commit})" for rev, commit in zip(revs, commits)]
    sys.stdout.write(table(labels, found) + "\n")


if __name__ == "__main__":
    main()
