"""``discojax train-tagger TREEBANK [--data DIR] [--anchors JSON] [--out FILE] [--seed N]``.

Regenerates the supertagger's weights: gold supertags from the treebank's ``train`` and ``dev``
files (``en_ewt-ud-train.conllu``, ``en_ewt-ud-dev.conllu`` in the folder ``TREEBANK``), the
anchors (the MC and RP data sets under ``--data``, the construction examples in ``--anchors``)
parsed by the grammar's costs, then training early-stopped on dev
(:func:`discojax.tagger.train_tagger`), and the weights written to ``--out`` (by default the
bundled file, ``grammars/english_tagger.safetensors``). The conversion report and each epoch go
to stderr as log records; the last line printed is the weights file.

The bundled weights were made with::

    discojax train-tagger ../shared/data/ud-ewt --data ../shared/data \\
        --anchors tests/grammar/data/constructions.json

>>> p = argparse.ArgumentParser(); add_arguments(p)
>>> p.parse_args(["ud-ewt"]).seed
0
"""

from __future__ import annotations

import argparse
import logging
from pathlib import Path

from discojax.errors import DataError

logger = logging.getLogger(__name__)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare the command's arguments."""
    parser.add_argument("treebank", type=Path, help="the folder of en_ewt-ud-{train,dev}.conllu")
    parser.add_argument("--data", type=Path, help="a folder with mc/ and rp/ (anchors)")
    parser.add_argument("--anchors", type=Path, help="construction examples (JSON) as anchors")
    parser.add_argument("--out", type=Path, help="where to write the weights")
    parser.add_argument("--seed", type=int, default=0, help="the training seed (default 0)")


def main(args: argparse.Namespace) -> int:
    """Run the command; 0 on success."""
    from discojax.grammar import Parser, load_lexicon
    from discojax.tagger import conversion_report, save_weights, train_tagger
    from discojax.tagger._corpus import (
        anchor_examples,
        anchor_texts,
        treebank_examples,
        with_anchors,
    )
    from discojax.tagger._tagger import BUNDLED

    files = {split: args.treebank / f"en_ewt-ud-{split}.conllu" for split in ("train", "dev")}
    for path in files.values():
        if not path.is_file():
            raise DataError("no such treebank file", str(path))
    lexicon = load_lexicon("english")
    costs = Parser(lexicon, unknown_words="guess", scoring="costs")
    data = {}
    for split, path in files.items():
        examples, conversions = treebank_examples(path, costs)
        logger.info("%s: %s", split, conversion_report(conversions))
        data[split] = examples
    anchors = anchor_examples(anchor_texts(args.data, args.anchors), costs)
    logger.info("%d anchor sentences", len(anchors))
    weights, _ = train_tagger(
        with_anchors(data["train"], anchors), data["dev"], lexicon, seed=args.seed, log=logger.info
    )
    out = args.out or BUNDLED
    provenance = weights.provenance | {"treebank": "UD English Web Treebank (CC BY-SA 4.0)"}
    save_weights(out, weights.params, weights.vocabulary, weights.settings, provenance)
    print(out)
    return 0
