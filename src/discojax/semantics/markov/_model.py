"""Stoch models: Markov diagrams (or grammar diagrams) composed as kernels, one model protocol.

:class:`StochModel` is a :class:`~discojax.models.SentenceModel` of a
:class:`StochSemantics` that also takes DisCoPy ``markov`` diagrams, and checks every network
is a Markov map before any work (:func:`check_markov`; merges pass under
``merges="renormalise"``), naming the sentence. It trains through :func:`discojax.train.fit`
like any model: its outputs are probabilities.

>>> import jax, jax.numpy as jnp
>>> from discopy import markov
>>> x, y = markov.Ty("x"), markov.Ty("y")
>>> f = markov.Box("f", x, y)
>>> items = [markov.Box(a, markov.Ty(), x) >> f for a in ("a", "b")]
>>> model = StochModel.from_data(items, StochSemantics({"x": 2, "y": 3}), target="y")
>>> out = model.apply(model.init(jax.random.key(0)), model.prepare(items))
>>> out.shape, bool(jnp.allclose(out.sum(axis=1), 1.0))
((2, 3), True)
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Self

import jax
from discopy import markov
from discopy.grammar import pregroup

from discojax.compile._batch import Batch, evaluate
from discojax.compile._network import Network
from discojax.compile._vocabulary import UnknownPolicy, Vocabulary
from discojax.errors import DiscojaxError
from discojax.grammar import Lexicon, Parser, default_parser
from discojax.models._model import SentenceModel
from discojax.models._sentences import to_network
from discojax.semantics.markov._network import check_markov, network_from_markov
from discojax.semantics.markov._stoch import StochSemantics, evidence


def stoch_network(item: Any, parser: Parser, target: str, merges: bool = False) -> Network:
    """Lower a Markov diagram, pregroup diagram, parse or text, and check it is a Markov map.

    >>> from discojax.grammar import default_parser
    >>> stoch_network("Alice runs", default_parser(), "s").words
    ('alice', 'runs')
    """
    if isinstance(item, markov.Diagram) and not isinstance(item, pregroup.Diagram):
        network = network_from_markov(item)
    else:
        network = to_network(item, parser, target)
    check_markov(network, merges)
    return network


@dataclass(frozen=True)
class StochModel(SentenceModel):
    """A sentence model of a :class:`StochSemantics`: outputs are distributions.

    >>> StochModel.from_data(["Alice runs"], StochSemantics({"n": 2, "s": 2})).output_kind
    'probabilities'
    """

    ansatz: StochSemantics

    @classmethod
    def from_data(
        cls,
        items: Iterable[Any],
        ansatz: Any,
        lexicon: Lexicon | None = None,
        target: str = "s",
        unknown: UnknownPolicy = "error",
    ) -> Self:
        """A model whose vocabulary holds every box of ``items`` (Markov diagrams too).

        >>> StochModel.from_data(["man runs"], StochSemantics({"n": 2, "s": 2})).vocabulary.rows("n")
        ('man',)
        """
        parser = default_parser() if lexicon is None else Parser(lexicon)
        merges = ansatz.merges == "renormalise"
        networks = _located(list(items), parser, target, merges)
        return cls(ansatz, Vocabulary.from_networks(networks, unknown), parser, target)

    def networks(self, items: Iterable[Any]) -> list[Network]:
        """Lower each item and check it is a Markov map.

        Raises:
            NotMarkovError: with the sentence's position.

        >>> from discopy import markov
        >>> x = markov.Ty("x")
        >>> m = StochModel.from_data(["man runs"], StochSemantics({"x": 2, "n": 2, "s": 2}))
        >>> a, b = (markov.Box(name, markov.Ty(), x) for name in "ab")
        >>> m.networks(["man runs", a @ b >> markov.Merge(x)])
        Traceback (most recent call last):
        ...
        discojax.errors.NotMarkovError: sentence 1: wire 0 (type x) has 2 producers ('a' and 'b'): a merge is not a Markov map (use merges='renormalise' to condition on it)
        """
        merges = self.ansatz.merges == "renormalise"
        return _located(list(items), self.parser, self.target, merges)

    def evidence(self, params: Mapping[str, jax.Array], batch: Batch) -> jax.Array:
        """Each sentence's total mass before any renormalising: 1 without merges.

        >>> import jax
        >>> m = StochModel.from_data(["man runs"], StochSemantics({"n": 2, "s": 2}))
        >>> m.evidence(m.init(jax.random.key(0)), m.prepare(["man runs"])).round(6).tolist()
        [1.0]
        """
        tensors = self.ansatz.word_tensors(params, batch.table_names)
        return evidence(evaluate(tensors, batch))


def _located(items: list[Any], parser: Parser, target: str, merges: bool) -> list[Network]:
    networks = []
    for i, item in enumerate(items):
        try:
            networks.append(stoch_network(item, parser, target, merges))
        except DiscojaxError as err:
            err.add_context(f"sentence {i}: ")
            raise
    return networks
