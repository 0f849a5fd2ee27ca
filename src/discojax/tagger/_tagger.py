"""The supertagger: each word's probability of each word class the grammar offers it.

:meth:`Supertagger.probabilities` tags one sentence with NumPy (no JAX import: parsing stays
light); :meth:`Supertagger.probabilities_batch` tags many, padded by length bucket and jitted
once per bucket, as training does. :meth:`Supertagger.head_log_probabilities` gives the head
scorer's view of one sentence: how likely each word is to depend on each other word, or to be
the root. :func:`bundled_tagger` loads the tagger that ships with the package for the bundled
English grammar, once, when first asked for.

>>> from discojax.grammar import load_lexicon
>>> tagger = bundled_tagger(load_lexicon("english"))
>>> p = tagger.probabilities(["She", "books", "a", "flight"])[1]
>>> max(p, key=p.get)
'transitive_verb'
>>> (tagger.head_log_probabilities(["She", "books", "a", "flight"]).argmax(-1) - 1).tolist()
[1, -1, 3, 1]
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np

from discojax.errors import ParseError, WeightsError
from discojax.grammar import Lexicon
from discojax.tagger._model import NEVER, classes_of, heads_of, logits, states
from discojax.tagger._train import bucket_of, pad
from discojax.tagger._weights import Weights, load_weights

BUNDLED = Path(__file__).parents[1] / "grammars" / "english_tagger.safetensors"
"""The trained weights for the bundled English grammar (``discojax train-tagger`` remakes them)."""


class Supertagger:
    """A trained tagger bound to the lexicon whose classes it scores.

    Args:
        weights: loaded weights (:func:`~discojax.tagger.load_weights`).
        lexicon: the grammar; every class the weights score must be one of its classes.
        source: where the weights came from, for error messages.

    Raises:
        WeightsError: the weights score classes the lexicon lacks.
    """

    def __init__(self, weights: Weights, lexicon: Lexicon, source: str = "<weights>"):
        known = {c.name for c in lexicon.classes}
        missing = [c for c in weights.vocabulary.classes if c not in known]
        if missing:
            raise WeightsError(
                f"the weights score classes that lexicon {lexicon.name!r} lacks: "
                f"{', '.join(missing[:5])}",
                source,
            )
        self.weights, self.lexicon = weights, lexicon
        self.source = source
        self._programs: dict[tuple[int, int], Any] = {}
        self._last: tuple[tuple[str, ...], dict[str, np.ndarray], np.ndarray] | None = None

    @property
    def scores_heads(self) -> bool:
        """Whether the weights have a head scorer (those made before it have none).

        >>> from discojax.grammar import load_lexicon
        >>> bundled_tagger(load_lexicon("english")).scores_heads
        True
        """
        return self.weights.settings.arc_width > 0

    def _states(self, words: Sequence[str]) -> tuple[dict[str, np.ndarray], np.ndarray]:
        """One sentence's batch and states (the last sentence's are kept: its classes and its
        heads read the same states)."""
        if not words:
            raise ParseError("nothing to tag: no words")
        key = tuple(words)
        if self._last is None or self._last[0] != key:
            batch = pad([self.weights.vocabulary.encode(list(words), self.lexicon)], len(words))
            found = states(self.weights.params, batch, np, self.weights.settings.heads)
            self._last = (key, batch, found)
        return self._last[1], self._last[2]

    def probabilities(self, words: Sequence[str]) -> list[dict[str, float]]:
        """For each word (as written), its candidate classes' probabilities (classes the
        weights do not know, added to the lexicon later, are left out).

        Raises:
            ParseError: no words.
        """
        batch, found = self._states(words)
        scores = classes_of(self.weights.params, found, batch, np)[0]
        return self._read(scores, batch["candidates"][0])

    def head_log_probabilities(self, words: Sequence[str]) -> np.ndarray:
        """``(words, 1 + words)``: for each word (row), the log-probability that its head is
        the root (column 0) or word ``j`` (column ``j + 1``); a word is never its own head
        (``-inf``).

        Raises:
            ParseError: no words.
            WeightsError: the weights have no head scorer (:attr:`scores_heads`).

        >>> from discojax.grammar import load_lexicon
        >>> log_p = bundled_tagger(load_lexicon("english")).head_log_probabilities(["dogs", "bark"])
        >>> log_p.shape, (log_p.argmax(-1) - 1).tolist()  # 'dogs' depends on 'bark', the root
        ((2, 3), [1, -1])
        """
        if not self.scores_heads:
            raise WeightsError(
                "these weights have no head scorer (made before it, or with arc_width=0); "
                "retrain them with discojax train-tagger",
                self.source,
            )
        batch, found = self._states(words)
        scores = heads_of(self.weights.params, found, batch, np)[0].astype(np.float64)
        top = scores.max(-1, keepdims=True)
        log_p = scores - top - np.log(np.exp(scores - top).sum(-1, keepdims=True))
        return np.where(scores <= NEVER, -np.inf, log_p)

    def probabilities_batch(
        self, sentences: Sequence[Sequence[str]]
    ) -> list[list[dict[str, float]]]:
        """:meth:`probabilities` of many sentences, one jitted program per length bucket.

        >>> from discojax.grammar import load_lexicon
        >>> tagger = bundled_tagger(load_lexicon("english"))
        >>> one = tagger.probabilities(["dogs", "bark"])
        >>> many = tagger.probabilities_batch([["dogs", "bark"], ["she", "runs", "fast"]])
        >>> abs(many[0][0]["noun"] - one[0]["noun"]) < 1e-4
        True
        """
        import jax
        import jax.numpy as jnp

        vocabulary = self.weights.vocabulary
        encoded = [vocabulary.encode(list(words), self.lexicon) for words in sentences]
        by_bucket: dict[int, list[int]] = {}
        for k, sentence in enumerate(encoded):
            if not len(sentence.words):
                raise ParseError(f"nothing to tag in sentence {k}: no words")
            by_bucket.setdefault(bucket_of(len(sentence.words)), []).append(k)
        found: list[list[dict[str, float]]] = [[] for _ in sentences]
        heads = self.weights.settings.heads
        for bucket, members in by_bucket.items():
            rows = 1 << (len(members) - 1).bit_length()  # a power of two: few shapes
            key = (bucket, rows)
            if key not in self._programs:
                self._programs[key] = jax.jit(lambda p, b: logits(p, b, jnp, heads))
            batch = pad([encoded[k] for k in members], bucket, rows=rows)
            scores = np.asarray(self._programs[key](self.weights.params, batch))
            for r, k in enumerate(members):
                n = len(encoded[k].words)
                found[k] = self._read(scores[r, :n], encoded[k].candidates)
        return found

    def _read(self, scores: np.ndarray, candidates: np.ndarray) -> list[dict[str, float]]:
        """Each word's softmax over its candidates (scores elsewhere are ``NEVER``: zero)."""
        classes = self.weights.vocabulary.classes
        values = scores.astype(np.float64)
        p = np.exp(values - values.max(-1, keepdims=True)) * candidates
        p /= np.maximum(p.sum(-1, keepdims=True), np.finfo(np.float64).tiny)
        rows, columns = np.nonzero(candidates)
        found: list[dict[str, float]] = [{} for _ in range(len(scores))]  # {}: no class scored
        for r, c, q in zip(rows.tolist(), columns.tolist(), p[rows, columns].tolist(), strict=True):
            found[r][classes[c]] = q
        return found


@cache
def _bundled_weights() -> Weights:
    return load_weights(BUNDLED)


def bundled_tagger(lexicon: Lexicon) -> Supertagger:
    """The tagger trained for the bundled English grammar, bound to ``lexicon`` (its weights
    are read once).

    Raises:
        WeightsError: the bundled file is missing or corrupted, or ``lexicon`` lacks its
            classes.
    """
    return Supertagger(_bundled_weights(), lexicon, str(BUNDLED))
