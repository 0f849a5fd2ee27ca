"""Corpus models: sentences composed from fixed word vectors, through the one compiler.

A :class:`CorpusModel` is the sentence model of a :class:`~discojax.semantics.corpus.CorpusSemantics`:
``prepare`` turns each parsed sentence into its term networks (one per choice of a term for
each word) and buckets them, a sentence's meaning the sum of its terms'; ``init`` builds the
tables from the functor's fixed tensors (NumPy, float64); ``apply`` contracts and reads out,
jitted like every model's.

>>> import jax, numpy as np
>>> from discojax.corpus import Multiplicative, WordVectors
>>> vectors = WordVectors.from_array([[1.0, 2.0], [3.0, 5.0], [2.0, 2.0]], ["man", "runs", "dog"])
>>> model = CorpusModel.from_data(["man runs", "dog runs"], Multiplicative(vectors))
>>> with jax.enable_x64(True):
...     print(np.asarray(model.apply(model.init(), model.prepare(["man runs", "dog runs"]))))
[[ 3. 10.]
 [ 6. 10.]]
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Self

import jax

from discojax.compile._batch import Batch, prepare
from discojax.compile._network import Network
from discojax.compile._vocabulary import UnknownPolicy, Vocabulary
from discojax.errors import CompileError
from discojax.grammar import Lexicon, Parse, Parser, default_parser, parse_type
from discojax.grammar._classes import LexicalEntry
from discojax.grammar._types import Type
from discojax.models._model import SentenceModel
from discojax.semantics.corpus._functor import CorpusFunctor, Term, term_networks
from discojax.semantics.corpus._semantics import CorpusSemantics


@dataclass(frozen=True)
class CorpusModel(SentenceModel):
    """A sentence model of a corpus functor (``output_kind = "meanings"``).

    Build one with :meth:`from_data` from text or parses (with lemmas as words, see
    :func:`~discojax.corpus.lemmatised_parse`) and a functor or its semantics.
    """

    ansatz: CorpusSemantics

    @classmethod
    def from_data(
        cls,
        items: Iterable[Any],
        ansatz: Any,
        lexicon: Lexicon | None = None,
        target: str = "s",
        unknown: UnknownPolicy = "error",
    ) -> Self:
        """A model whose tables hold every factor of the words of ``items``.

        >>> from discojax.corpus import Additive, WordVectors
        >>> F = Additive(WordVectors.from_array([[1.0], [2.0]], ["man", "runs"]))
        >>> CorpusModel.from_data(["man runs"], F).vocabulary.type_strings()  # N ⊗ D, dual numbers
        ('d1 d2', 'd1 d2 d2')
        """
        return cls._with_networks(items, ansatz, lexicon, target, unknown)[0]

    @classmethod
    def with_batch(
        cls,
        items: Iterable[Any],
        ansatz: Any,
        lexicon: Lexicon | None = None,
        target: str = "s",
        unknown: UnknownPolicy = "error",
    ) -> tuple[Self, Batch]:
        """:meth:`from_data` and :meth:`prepare` of the same ``items``, their term networks
        built once.

        >>> from discojax.corpus import Additive, WordVectors
        >>> F = Additive(WordVectors.from_array([[1.0], [2.0]], ["man", "runs"]))
        >>> model, prepared = CorpusModel.with_batch(["man runs", "runs man"], F)
        >>> prepared.size
        2
        """
        model, networks, owners = cls._with_networks(items, ansatz, lexicon, target, unknown)
        return model, prepare(networks, model.vocabulary, model.ansatz, owners=owners)

    @classmethod
    def _with_networks(
        cls,
        items: Iterable[Any],
        ansatz: Any,
        lexicon: Lexicon | None,
        target: str,
        unknown: UnknownPolicy,
    ) -> tuple[Self, list[Network], list[int]]:
        """The model of ``items``, with their term networks and the item each belongs to."""
        semantics = ansatz if isinstance(ansatz, CorpusSemantics) else CorpusSemantics(ansatz)
        parser = default_parser() if lexicon is None else Parser(lexicon)
        networks, owners = _term_networks(semantics, parser, target, items)
        model = cls(semantics, Vocabulary.from_networks(networks, unknown), parser, target)
        return model, networks, owners

    @property
    def output_type(self) -> Type:
        """The factor spaces of the target type, as the compiler contracts them.

        >>> from discojax.corpus import Categorical, KroneckerVerbs, WordVectors
        >>> v = WordVectors.from_array([[1.0, 2.0]], ["man"])
        >>> CorpusModel(CorpusSemantics(Categorical(v, KroneckerVerbs(v))), Vocabulary({})).output_type
        (('d2', 0), ('d2', 0))
        """
        functor: CorpusFunctor = self.ansatz.functor
        return tuple(
            (f"d{d}", 0) for base, _ in parse_type(self.target) for d in functor.dims(base)
        )

    def prepare(self, items: Iterable[Any]) -> Batch:
        """Bucket the items' term networks; each item's meaning is the sum of its terms'.

        >>> from discojax.corpus import Additive, WordVectors
        >>> F = Additive(WordVectors.from_array([[1.0], [2.0]], ["man", "runs"]))
        >>> CorpusModel.from_data(["man runs"], F).prepare(["man runs"]).size
        1
        """
        networks, owners = _term_networks(self.ansatz, self.parser, self.target, items)
        return prepare(networks, self.vocabulary, self.ansatz, owners=owners)

    def init(self, key: jax.Array | None = None, dtype: Any = None, **options: Any) -> Any:
        """The fixed tables (``key`` is unused): NumPy float64 unless ``dtype`` is given.

        >>> from discojax.corpus import Additive, WordVectors
        >>> F = Additive(WordVectors.from_array([[1.0], [2.0]], ["man", "runs"]))
        >>> {name: t.shape for name, t in CorpusModel.from_data(["man runs"], F).init().items()}
        {'d1 d2': (1, 1, 2), 'd1 d2 d2': (1, 1, 2, 2)}
        """
        return self.ansatz.init(key, self.table_shapes(), dtype, self.table_rows())


def _term_networks(
    semantics: CorpusSemantics, parser: Parser, target: str, items: Iterable[Any]
) -> tuple[list[Network], list[int]]:
    """Every item's term networks (see :func:`~discojax.semantics.corpus.term_networks`), and
    the item each belongs to.

    Raises:
        CompileError: an item that is neither text nor a parse.
    """
    networks: list[Network] = []
    owners: list[int] = []
    terms: dict[LexicalEntry, tuple[Term, ...]] = {}
    for i, item in enumerate(items):
        if isinstance(item, str):
            item = parser.parse(item, target)
        if not isinstance(item, Parse):
            raise CompileError(
                f"item {i}: a corpus model composes parsed sentences (text or a Parse), "
                f"not {type(item).__name__}"
            )
        for network in term_networks(semantics.functor, item, terms):
            networks.append(network)
            owners.append(i)
    return networks, owners
