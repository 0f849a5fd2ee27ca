"""A Markov language model: ``k_gen = k_head ∘ k_backbone ∘ k_embed``, three kinds of boxes.

Each context ``x`` (a token, or an n-gram joined into one name) is a state ``x: I -> h``: the
embedding kernel's column ``k_embed(h | x)``; ``backbone_1 … backbone_L: h -> h`` are kernels
of the hidden state; ``head: h -> w`` is a softmax head over the tokens. A context's diagram is
``x >> backbone_1 >> … >> head``, compiled like any Markov diagram (:class:`StochModel`), so
the model trains by NLL through :func:`discojax.train.fit`, targets the next tokens' ids:

>>> import jax, jax.numpy as jnp
>>> from discojax.train import TrainConfig, fit
>>> lm = MarkovLM.for_contexts(["a", "b"], tokens=2, hidden=2)
>>> batch = lm.prepare(["a", "b", "a", "b"])
>>> result = fit(lm, lm.init(jax.random.key(0)), batch, jnp.array([1, 0, 1, 0]),
...              config=TrainConfig(epochs=40, learning_rate=0.3), callbacks=[])
>>> result.history[-1]["train_accuracy"], lm.next_token(result.params, ["a", "b"]).argmax(1).tolist()
(1.0, [1, 0])
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Self

import jax
import jax.numpy as jnp
from discopy import markov

from discojax.compile._network import Network
from discojax.compile._vocabulary import Vocabulary
from discojax.grammar import default_parser
from discojax.semantics.markov._model import StochModel
from discojax.semantics.markov._network import network_from_markov
from discojax.semantics.markov._stoch import StochSemantics

H, W = markov.Ty("h"), markov.Ty("w")


def lm_diagram(context: str, layers: int = 1) -> markov.Diagram:
    """The diagram of one context: embedding state, ``layers`` backbone kernels, the head.

    >>> print(lm_diagram("the", layers=2))
    the >> backbone_1 >> backbone_2 >> head
    """
    diagram: markov.Diagram = markov.Box(context, markov.Ty(), H)
    for i in range(1, layers + 1):
        diagram = diagram >> markov.Box(f"backbone_{i}", H, H)
    return diagram >> markov.Box("head", H, W)


@dataclass(frozen=True)
class MarkovLM(StochModel):
    """A Stoch language model whose items are contexts (strings) and outputs ``p(w | x)``.

    ``layers`` backbone kernels (0 for ``head ∘ embed`` alone).
    """

    layers: int = 1

    @classmethod
    def for_contexts(
        cls, contexts: Iterable[str], tokens: int, hidden: int, layers: int = 1
    ) -> Self:
        """A model for ``contexts``, ``tokens`` next tokens and ``hidden`` hidden states.

        >>> MarkovLM.for_contexts(["a", "b"], tokens=3, hidden=2).table_shapes()
        {'h': (2, 2), 'h.r h': (1, 2, 2), 'h.r w': (1, 2, 3)}
        """
        semantics = StochSemantics({"h": hidden, "w": tokens})
        networks = [_network(c, layers) for c in dict.fromkeys(contexts)]
        vocabulary = Vocabulary.from_networks(networks)
        return cls(semantics, vocabulary, default_parser(), "w", layers)

    def networks(self, items: Iterable[Any]) -> list[Network]:
        """Each context's network (one lowering per distinct context).

        >>> MarkovLM.for_contexts(["a"], tokens=2, hidden=2).networks(["a"])[0].words
        ('a', 'backbone_1', 'head')
        """
        return [_network(str(item), self.layers) for item in items]

    def kernels(self, params: Mapping[str, jax.Array]) -> dict[str, jax.Array]:
        """The model's kernels as matrices: ``embed [x, h]`` (rows in vocabulary order),
        ``backbone_i [h, h']`` and ``head [h, w]``.

        >>> lm = MarkovLM.for_contexts(["a", "b"], tokens=3, hidden=2)
        >>> {k: v.shape for k, v in lm.kernels(lm.init(jax.random.key(0))).items()}
        {'embed': (2, 2), 'backbone_1': (2, 2), 'head': (2, 3)}
        """
        names = ["h", "h.r h", "h.r w"] if self.layers else ["h", "h.r w"]
        tables = self.ansatz.word_tensors(params, names)
        result = {"embed": tables["h"]}
        for i in range(1, self.layers + 1):
            row = self.vocabulary.index(f"backbone_{i}", "h.r h")
            result[f"backbone_{i}"] = tables["h.r h"][row]
        result["head"] = tables["h.r w"][0]
        return result

    def representation(self, params: Mapping[str, jax.Array], contexts: Sequence[str]) -> jax.Array:
        """The hidden state's distribution ``p(h | x)`` after the backbone, ``[x, h]``.

        >>> lm = MarkovLM.for_contexts(["a", "b"], tokens=3, hidden=2)
        >>> lm.representation(lm.init(jax.random.key(0)), ["b", "a"]).sum(axis=1).round(6).tolist()
        [1.0, 1.0]
        """
        kernels = self.kernels(params)
        rows = jnp.asarray([self.vocabulary.index(c, "h") for c in contexts])
        state = kernels["embed"][rows]
        for i in range(1, self.layers + 1):
            state = state @ kernels[f"backbone_{i}"]
        return state

    def next_token(self, params: Mapping[str, jax.Array], contexts: Sequence[str]) -> jax.Array:
        """``p(w | x)`` of each context, ``[x, w]``, through the compiler.

        >>> lm = MarkovLM.for_contexts(["a"], tokens=3, hidden=2)
        >>> lm.next_token(lm.init(jax.random.key(0)), ["a"]).shape
        (1, 3)
        """
        return self.apply(params, self.prepare(contexts))


@lru_cache(maxsize=2**14)
def _network(context: str, layers: int) -> Network:
    """One context's network, remembered (building DisCoPy diagrams costs about a ms)."""
    return network_from_markov(lm_diagram(context, layers))
