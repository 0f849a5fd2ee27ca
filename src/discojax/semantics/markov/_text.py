"""Text as next-token data: each token's context (the ``order`` tokens before it) and its id.

A sentence ``a b c`` gives, at ``order = 1``, the pairs ``(<s>, a), (a, b), (b, c), (c, </s>)``;
at ``order = 2`` the contexts are ``"<s> <s>"``, ``"<s> a"``, ``"a b"``, … . The contexts are
the items of a :class:`~discojax.semantics.markov.MarkovLM`, the ids its targets; the empirical
distribution (:meth:`NextTokens.empirical`) is what its NLL is measured against.

>>> data = next_tokens(["a b", "a c"])
>>> data.contexts, data.targets.tolist(), data.tokens
(('<s>', 'a', 'b', '<s>', 'a', 'c'), [1, 2, 0, 1, 3, 0], ('</s>', 'a', 'b', 'c'))
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from discojax.errors import DataError

BOS, EOS = "<s>", "</s>"


@dataclass(frozen=True)
class NextTokens:
    """Next-token examples: each one's context, its target's id, and the tokens by id."""

    contexts: tuple[str, ...]
    targets: np.ndarray
    tokens: tuple[str, ...]

    def empirical(self) -> tuple[tuple[str, ...], np.ndarray, np.ndarray]:
        """The distinct contexts, their frequencies ``π̂`` and the conditionals ``p̂[x, w]``.

        >>> names, pi, p = next_tokens(["a b", "a c"]).empirical()
        >>> names, pi.tolist(), p[names.index("a")].tolist()
        (('<s>', 'a', 'b', 'c'), [0.3333333333333333, 0.3333333333333333, 0.16666666666666666, 0.16666666666666666], [0.0, 0.0, 0.5, 0.5])
        """
        names = tuple(dict.fromkeys(self.contexts))
        row = {name: i for i, name in enumerate(names)}
        counts = np.zeros((len(names), len(self.tokens)))
        rows = np.asarray([row[c] for c in self.contexts], dtype=np.int64)
        np.add.at(counts, (rows, np.asarray(self.targets, dtype=np.int64)), 1.0)
        return names, counts.sum(axis=1) / counts.sum(), counts / counts.sum(axis=1, keepdims=True)


def next_tokens(sentences: Iterable[str], order: int = 1) -> NextTokens:
    """The next-token examples of whitespace-tokenised ``sentences``, with ``order`` tokens of
    context (padded with ``<s>``) and a final ``</s>``.

    Raises:
        DataError: an empty sentence (with its position) or an order below 1.

    >>> next_tokens(["a b", " "])
    Traceback (most recent call last):
    ...
    discojax.errors.DataError: sentence 1 is empty
    """
    if order < 1:
        raise DataError(f"the context order must be at least 1, not {order}")
    contexts: list[str] = []
    nexts: list[str] = []
    for i, sentence in enumerate(sentences):
        words = sentence.split()
        if not words:
            raise DataError(f"sentence {i} is empty")
        padded = [BOS] * order + words + [EOS]
        for t in range(order, len(padded)):
            contexts.append(" ".join(padded[t - order : t]))
            nexts.append(padded[t])
    tokens = tuple(sorted(set(nexts)))
    index = {token: i for i, token in enumerate(tokens)}
    return NextTokens(tuple(contexts), np.asarray([index[w] for w in nexts]), tokens)
