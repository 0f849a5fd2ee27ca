"""``discojax parse "TEXT" [--target n] [--grammar FILE] [--all [K]] [--unknown-words guess] …``.

Also ``[--scoring costs|arcs] [--rewrite RULES] [--draw FILE]``. Prints each parse (words, types, target) and its DisCoPy diagram; with ``--rewrite``, the
diagram after the named rewrite rules (see :mod:`discojax.rewrite`; ``remove_cups`` last if
named); with ``--draw``, writes the drawing of the (first) diagram, its words side by side in
one row as a pregroup diagram. The parses go to stdout; ``wrote FILE`` is an info record of
this module's logger (the ``discojax`` command writes it to stderr).

>>> import argparse
>>> p = argparse.ArgumentParser(); add_arguments(p)
>>> main(p.parse_args(["tasty meal", "--target", "n"]))
tasty:n·n.l meal:n ⟶ n (1 cups)
tasty >> n @ n.l @ meal >> n @ Cup(n.l, n)
0
>>> main(p.parse_args(["the man runs", "--rewrite", "determiner,remove_cups", "--scoring", "costs"]))
the:n·n.l man:n runs:n.r·s ⟶ s (2 cups)
man >> runs
0
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from discojax.errors import ConfigError
from discojax.grammar import Parse, Parser, default_parser, load_lexicon

if TYPE_CHECKING:
    from discopy.grammar import pregroup

logger = logging.getLogger(__name__)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare the command's arguments.

    >>> p = argparse.ArgumentParser(); add_arguments(p)
    >>> p.parse_args(["a b"]).target
    's|q'
    >>> p.parse_args(["a b", "--all"]).all, p.parse_args(["a b", "--all", "3"]).all
    (10, 3)
    """
    parser.add_argument("text", help="the sentence to parse")
    parser.add_argument(
        "--target",
        default="s|q",
        help="target type: s (sentence), q (question), n (noun phrase), or several as s|q "
        "(the default: the cheapest parse to either)",
    )
    parser.add_argument("--grammar", help="a grammar file (TOML); the bundled English by default")
    parser.add_argument("--draw", metavar="FILE", help="write the diagram's drawing (PNG, PDF…)")
    parser.add_argument(
        "--all",
        nargs="?",
        const=10,
        type=int,
        metavar="K",
        help="print the K cheapest parses (10 if K is not given), not only the best",
    )
    parser.add_argument(
        "--unknown-words",
        choices=["error", "guess"],
        default="error",
        help="a word the grammar lacks: an error (the default), or read by its shape",
    )
    parser.add_argument(
        "--scoring",
        choices=["tagger", "costs", "arcs"],
        help="price readings by the supertagger (the default for the bundled grammar) or by "
        "the grammar file's costs only; arcs: the supertagger, then the cheapest parses "
        "reranked by its head scorer (slower, closer to a treebank's arcs)",
    )
    parser.add_argument(
        "--rewrite",
        metavar="RULES",
        default="",
        help="comma-separated rewrite rules (determiner, auxiliary, adjective, "
        "intersective_adjective, subject_relative_pronoun, object_relative_pronoun, curry, "
        "remove_cups)",
    )


def rewritten(result: Parse, rules: str, parser: Parser) -> pregroup.Diagram:
    """The parse's diagram after the rules named in ``rules`` (comma-separated).

    >>> from discojax.grammar import parse
    >>> print(rewritten(parse("the man runs"), "determiner", default_parser()))
    man >> n @ runs >> Cup(n, n.r) @ s
    """
    from discojax.rewrite import remove_cups, rewrite

    names = [name.strip() for name in rules.split(",") if name.strip()]
    diagram = result.to_diagram()
    rules_only = [name for name in names if name != "remove_cups"]
    if rules_only:
        diagram = rewrite(diagram, *rules_only, lexicon=parser.lexicon)
    if "remove_cups" in names:
        diagram = remove_cups(diagram)
    return diagram


def draw(diagram: pregroup.Diagram, path: str | Path | BinaryIO) -> None:
    """Write the drawing of ``diagram`` to ``path`` (or a binary file, as PNG): the words in one
    row, types on the wires.

    >>> import io
    >>> from discojax.grammar import parse
    >>> png = io.BytesIO()
    >>> draw(parse("skillful man prepares sauce").to_diagram(), png)
    >>> png.getvalue()[:4]
    b'\\x89PNG'
    """
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    row = diagram.foliation()  # boxes side by side in as few layers as possible
    width = max([len(diagram.cod), *(len(layer.cod) for layer in row.inside)])
    height = 1.0 + 0.6 * len(row.inside)
    row.draw(
        path=str(path) if isinstance(path, str | Path) else path,
        figsize=(max(4.0, 1.3 * width), max(2.5, height)),
        wire_labels=True,
        fontsize=11,
        fontsize_types=10,
        margins=(0.05, 0.05),
    )
    plt.close("all")


def main(args: argparse.Namespace) -> int:
    """Parse, print the parse and its diagram, and draw it if asked.

    >>> p = argparse.ArgumentParser(); add_arguments(p)
    >>> main(p.parse_args(["Alice runs"]))
    alice:n runs:n.r·s ⟶ s (1 cups)
    alice >> n @ runs >> Cup(n, n.r) @ s
    0
    >>> main(p.parse_args(["Alice runs", "--draw", "/no/such/folder/a.png"]))
    Traceback (most recent call last):
    ...
    discojax.errors.ConfigError: --draw /no/such/folder/a.png: no such folder /no/such/folder
    """
    if args.draw and not Path(args.draw).resolve().parent.is_dir():  # before any work
        raise ConfigError(f"--draw {args.draw}: no such folder {Path(args.draw).parent}")
    lexicon = load_lexicon(args.grammar) if args.grammar else default_parser().lexicon
    parser = Parser(lexicon, unknown_words=args.unknown_words, scoring=args.scoring)
    parses = (
        parser.parse_all(args.text, args.target, limit=args.all)
        if args.all
        else [parser.parse(args.text, args.target)]
    )
    diagrams = []
    for result in parses:
        try:
            diagram = rewritten(result, args.rewrite, parser)
        except ValueError as err:  # an unknown rule name
            print(f"discojax parse: error: {err}", file=sys.stderr)
            return 2
        diagrams.append(diagram)
        print(result)
        print(diagram)
    if args.draw:
        try:
            draw(diagrams[0], args.draw)
        except OSError as err:
            raise ConfigError(f"--draw {args.draw}: cannot write: {err.strerror}") from None
        logger.info("wrote %s", args.draw)
    return 0
