"""Parsed corpora: a million sentences as arrays, parsed once, saved and reloaded without pickle.

:meth:`ParsedCorpus.build` streams text through the parser and keeps, per sentence, only its
shape's index and its words' lexeme ids; one representative network per shape is kept. Memory
grows with the number of sentences times their length in int32s, not with Python objects.
:meth:`ParsedCorpus.save` writes an ``.npz`` (plain arrays, loaded with ``allow_pickle=False``)
and a JSON file (shapes and lexemes); :meth:`ParsedCorpus.batch` builds the bucketed
:class:`~discojax.compile.Batch` with vectorised NumPy lookups, no per-sentence Python.

>>> from discojax.grammar import default_parser
>>> corpus = ParsedCorpus.build(["man runs", "woman runs", "Alice loves Bob"], default_parser())
>>> len(corpus), len(corpus.shapes)
(3, 2)
>>> corpus.words[2].tolist()
[3, 4, 5]
>>> corpus.lexemes[4]
('loves', 'n.r s n.l')
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jax.numpy as jnp
import numpy as np

from discojax.compile._batch import Batch, Bucket, lower_cached, padded_size, whole_tables
from discojax.compile._network import Network, network_from_parse
from discojax.compile._vocabulary import UNK, UnknownPolicy, Vocabulary
from discojax.errors import CompileError, DataError, DiscojaxError
from discojax.grammar import Parser
from discojax.grammar._types import format_type, parse_type

FORMAT = "discojax.parsed-corpus.v1"


@dataclass(frozen=True)
class ParsedCorpus:
    """Sentences as (shape, lexeme ids) arrays.

    Attributes:
        shapes: one network per distinct shape (its words are those of its first sentence).
        shape_of: ``(N,)`` each sentence's shape index.
        words: ``(N, max_words)`` each sentence's lexeme ids, ``-1`` past its end.
        lexemes: ``(word, type string)`` of each lexeme id.
    """

    shapes: tuple[Network, ...]
    shape_of: np.ndarray
    words: np.ndarray
    lexemes: tuple[tuple[str, str], ...]

    def __len__(self) -> int:
        return int(self.shape_of.shape[0])

    @classmethod
    def build(
        cls,
        texts: Iterable[str],
        parser: Parser,
        target: str = "s",
        max_words: int = 64,
        chunk: int = 65536,
    ) -> ParsedCorpus:
        """Parse ``texts`` as they stream in; raise on the first bad sentence (with its index).

        Raises:
            DiscojaxError: the parser's error, prefixed with the sentence's index.
            CompileError: a sentence longer than ``max_words``.
        """
        shape_index: dict[tuple, int] = {}
        shapes: list[Network] = []
        lexeme_index: dict[tuple[str, str], int] = {}
        shape_of = np.zeros(chunk, np.int32)
        words = np.full((chunk, max_words), -1, np.int32)
        n = 0
        for i, text in enumerate(texts):
            try:
                network = network_from_parse(parser.parse(text, target))
            except DiscojaxError as err:
                err.add_context(f"sentence {i}: ")
                raise
            if len(network.words) > max_words:
                raise CompileError(f"sentence {i} has {len(network.words)} words > {max_words}")
            if n == shape_of.shape[0]:
                shape_of = np.concatenate([shape_of, np.zeros_like(shape_of)])
                words = np.concatenate([words, np.full_like(words, -1)])
            signature = network.signature
            if signature not in shape_index:
                shape_index[signature] = len(shapes)
                shapes.append(network)
            shape_of[n] = shape_index[signature]
            for k, (word, ty) in enumerate(zip(network.words, network.types)):
                key = (word, format_type(ty))
                words[n, k] = lexeme_index.setdefault(key, len(lexeme_index))
            n += 1
        used = max((len(s.words) for s in shapes), default=0)
        return cls(tuple(shapes), shape_of[:n].copy(), words[:n, :used].copy(), tuple(lexeme_index))

    def vocabulary(self, unknown: UnknownPolicy = "error") -> Vocabulary:
        """The vocabulary of every lexeme, tables in order of first appearance.

        >>> from discojax.grammar import default_parser
        >>> ParsedCorpus.build(["man runs"], default_parser()).vocabulary().rows("n")
        ('man',)
        """
        tables: dict[str, list[str]] = {}
        for word, type_string in self.lexemes:
            tables.setdefault(type_string, [UNK] if unknown == "unk" else []).append(word)
        return Vocabulary({t: tuple(w) for t, w in tables.items()}, unknown)

    def batch(
        self, vocabulary: Vocabulary, ansatz: Any, indices: np.ndarray | None = None
    ) -> Batch:
        """The bucketed batch of all sentences (or of ``indices``), with vectorised lookups.

        >>> from discojax.grammar import default_parser
        >>> from discojax.semantics import TensorAnsatz
        >>> corpus = ParsedCorpus.build(["man runs", "dog runs"], default_parser())
        >>> corpus.batch(corpus.vocabulary(), TensorAnsatz({"n": 2, "s": 2})).buckets[0].ids.tolist()
        [[0, 0], [1, 0]]
        """
        rows_of = np.array([vocabulary.index(w, t) for w, t in self.lexemes] or [0], dtype=np.int32)
        selected = np.arange(len(self)) if indices is None else np.asarray(indices)
        order = np.argsort(self.shape_of[selected], kind="stable")
        sorted_shapes = self.shape_of[selected][order]
        bounds = np.searchsorted(sorted_shapes, np.arange(len(self.shapes) + 1))
        buckets = []
        whole = whole_tables(vocabulary, ansatz)
        output_shape: tuple[int, ...] = ()
        for s, network in enumerate(self.shapes):
            members = order[bounds[s] : bounds[s + 1]]
            if len(members) == 0:
                continue
            program = lower_cached(network.signature, network, ansatz, whole)
            output_shape = program.output_shape
            rows = padded_size(len(members))
            ids = np.empty((rows, program.n_words), np.int32)
            ids[: len(members)] = rows_of[self.words[selected[members], : program.n_words]]
            ids[len(members) :] = ids[0]
            index = np.full(rows, len(selected), np.int32)
            index[: len(members)] = members
            buckets.append(Bucket(program, jnp.asarray(ids), jnp.asarray(index)))
        return Batch(tuple(buckets), len(selected), output_shape)

    def save(self, path: str | Path) -> None:
        """Write ``PATH.npz`` (arrays) and ``PATH.json`` (shapes, lexemes); no pickle.

        >>> import tempfile, os
        >>> from discojax.grammar import default_parser
        >>> corpus = ParsedCorpus.build(["man runs"], default_parser())
        >>> folder = tempfile.mkdtemp(); corpus.save(os.path.join(folder, "c"))
        >>> ParsedCorpus.load(os.path.join(folder, "c")).lexemes == corpus.lexemes
        True
        """
        path = Path(path)
        np.savez(path.with_suffix(".npz"), shape_of=self.shape_of, words=self.words)
        shapes = [
            {
                "words": list(s.words),
                "types": [format_type(t) for t in s.types],
                "slots": [list(x) for x in s.slots],
                "output": list(s.output),
                "output_type": format_type(s.output_type) if s.output_type else "",
                "label_types": list(s.label_types),
            }
            for s in self.shapes
        ]
        document = {"format": FORMAT, "shapes": shapes, "lexemes": [list(x) for x in self.lexemes]}
        path.with_suffix(".json").write_text(json.dumps(document), encoding="utf-8")

    @classmethod
    def load(cls, path: str | Path) -> ParsedCorpus:
        """Read what :meth:`save` wrote.

        Raises:
            DataError: missing files, or a file of another format.
        """
        path = Path(path)
        meta_path, arrays_path = path.with_suffix(".json"), path.with_suffix(".npz")
        if not meta_path.is_file() or not arrays_path.is_file():
            raise DataError("no parsed corpus here (expected .json and .npz)", str(path))
        document = json.loads(meta_path.read_text(encoding="utf-8"))
        if document.get("format") != FORMAT:
            raise DataError(f"not a {FORMAT} file", str(meta_path))
        shapes = tuple(
            Network(
                words=tuple(s["words"]),
                types=tuple(parse_type(t) for t in s["types"]),
                slots=tuple(tuple(x) for x in s["slots"]),
                output=tuple(s["output"]),
                output_type=parse_type(s["output_type"]) if s["output_type"] else (),
                label_types=tuple(s["label_types"]),
            )
            for s in document["shapes"]
        )
        with np.load(arrays_path, allow_pickle=False) as arrays:
            shape_of, words = arrays["shape_of"], arrays["words"]
        lexemes = tuple((w, t) for w, t in document["lexemes"])
        return cls(shapes, shape_of, words, lexemes)
