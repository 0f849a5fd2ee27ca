"""``discojax parse "TEXT" [--target n] [--grammar FILE] [--draw out.png] [--all]``.

>>> import argparse
>>> p = argparse.ArgumentParser(); add_arguments(p)
>>> main(p.parse_args(["tasty meal", "--target", "n"]))
tasty:n·n.l meal:n ⟶ n (1 cups)
...
0
"""

from __future__ import annotations

import argparse

from discojax.grammar import Parser, default_parser, load_lexicon


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare the command's arguments.

    >>> p = argparse.ArgumentParser(); add_arguments(p)
    >>> p.parse_args(["a b"]).target
    's'
    """
    parser.add_argument("text", help="the sentence to parse")
    parser.add_argument("--target", default="s", help="target type (s, or n for noun phrases)")
    parser.add_argument("--grammar", help="a grammar file (TOML); the bundled English by default")
    parser.add_argument("--draw", metavar="FILE", help="write the diagram's drawing (PNG, PDF…)")
    parser.add_argument("--all", action="store_true", help="print every parse, not only the best")


def main(args: argparse.Namespace) -> int:
    """Parse, print the parse and its diagram, and draw it if asked.

    >>> p = argparse.ArgumentParser(); add_arguments(p)
    >>> main(p.parse_args(["Alice runs"]))
    alice:n runs:n.r·s ⟶ s (1 cups)
    ...
    0
    """
    parser = Parser(load_lexicon(args.grammar)) if args.grammar else default_parser()
    parses = (
        parser.parse_all(args.text, args.target)
        if args.all
        else [parser.parse(args.text, args.target)]
    )
    for result in parses:
        print(result)
        print(result.to_diagram())
    if args.draw:
        import matplotlib

        matplotlib.use("Agg")
        parses[0].to_diagram().draw(path=args.draw, figsize=(8, 4))
        print(f"wrote {args.draw}")
    return 0
