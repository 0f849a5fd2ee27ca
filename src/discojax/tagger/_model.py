"""The supertagger's network: embeddings, a local convolution, a small transformer, a softmax
over each word's candidate classes, and a biaffine scorer of each word's head.

One definition, two array libraries: :func:`logits` takes ``xp`` (``numpy`` or
``jax.numpy``), so the parser tags one sentence with NumPy, without importing JAX, and
training and batched tagging run the same function jitted. Parameters are a flat mapping
``name -> array`` (a PyTree), saved as they are (:mod:`discojax.tagger._weights`).

The input of word ``i`` is the sum of its form, suffix and shape embeddings, the mean of its
candidate classes' embeddings, and a sinusoidal position code; a width-3 convolution mixes each
word with its neighbours; ``layers`` pre-norm transformer blocks (``heads`` heads) give it the
sentence (:func:`states`); a linear map scores every class, and classes the lexicon does not
offer the word score :data:`NEVER` (:func:`logits`). The *head scorer* (:func:`head_scores`,
after Dozat and Manning 2017) reads the same states: two feed-forward maps of width
``arc_width``, one for a word as a dependent and one as a head, and a bilinear form between
them score every word, and the root, as each word's head; it is trained on the treebank's own
arcs, and the parser's ``scoring="arcs"`` reranks parses by it.

>>> import numpy as np
>>> sizes = Sizes(words=5, suffix2=4, suffix3=4, shapes=8, classes=3)
>>> params = init_params(sizes, Settings(width=8, heads=2, layers=1, hidden=16), seed=0)
>>> batch = {"words": np.array([[2, 3]]), "suffix2": np.array([[1, 2]]),
...          "suffix3": np.array([[1, 1]]), "shapes": np.array([[1, 1]]),
...          "candidates": np.array([[[True, False, True], [True, True, True]]])}
>>> scores = logits(params, batch, np, heads=2)
>>> scores.shape, bool(scores[0, 0, 1] == NEVER)
((1, 2, 3), True)
>>> head_scores(params, batch, np, heads=2).shape  # column 0: the root; column j + 1: word j
(1, 2, 3)
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from functools import cache
from typing import Any

import numpy as np

NEVER = -1e9
"""The score of a class the lexicon does not offer (finite, so that a padded row's softmax
is not NaN)."""


@dataclass(frozen=True)
class Sizes:
    """The sizes of the input tables and of the class set.

    >>> Sizes(10, 5, 5, 8, 52).classes
    52
    """

    words: int
    suffix2: int
    suffix3: int
    shapes: int
    classes: int


@dataclass(frozen=True)
class Settings:
    """The network's shape and its training: width, heads, layers, feed-forward width,
    dropout, word dropout (a training word read as unknown), learning rate, epochs, patience,
    sentences per step, the decay of the parameters' moving average (the weights scored on
    dev and kept; see :mod:`discojax.tagger._train`), and the head scorer's width (0: none,
    as in weights made before it).

    >>> Settings().width
    64
    """

    width: int = 64
    heads: int = 4
    layers: int = 2
    hidden: int = 128
    dropout: float = 0.3
    word_dropout: float = 0.25
    learning_rate: float = 2e-3
    epochs: int = 30
    patience: int = 5
    batch_size: int = 32
    averaging: float = 0.998
    arc_width: int = 256

    def to_dict(self) -> dict[str, Any]:
        """The settings as plain values.

        >>> Settings(**Settings(width=8).to_dict()).width
        8
        """
        return asdict(self)


def init_params(sizes: Sizes, settings: Settings, seed: int) -> dict[str, np.ndarray]:
    """Initial parameters (float32), drawn from ``seed`` with NumPy (the same bytes everywhere)."""
    rng = np.random.default_rng(seed)
    d, h = settings.width, settings.hidden

    def normal(*shape: int, scale: float | None = None) -> np.ndarray:
        std = scale if scale is not None else 1 / math.sqrt(shape[0])
        return (rng.standard_normal(shape) * std).astype(np.float32)

    params = {
        "embed.words": normal(sizes.words, d, scale=0.1),
        "embed.suffix2": normal(sizes.suffix2, d, scale=0.1),
        "embed.suffix3": normal(sizes.suffix3, d, scale=0.1),
        "embed.shapes": normal(sizes.shapes, d, scale=0.1),
        "embed.candidates": normal(sizes.classes, d, scale=0.1),
        "conv.weight": normal(3 * d, d),
        "conv.bias": np.zeros(d, np.float32),
        "out.weight": normal(d, sizes.classes),
        "out.bias": np.zeros(sizes.classes, np.float32),
    }
    a = settings.arc_width
    if a:
        params |= {
            "arc.norm": np.ones(d, np.float32),
            "arc.dependent": normal(d, a),
            "arc.dependent_bias": np.zeros(a, np.float32),
            "arc.head": normal(d, a),
            "arc.head_bias": np.zeros(a, np.float32),
            "arc.bilinear": normal(a, a, scale=0.1 / math.sqrt(a)),
            "arc.prior": normal(a, scale=0.01),
            "arc.root": normal(a, scale=0.1),
        }
    for k in range(settings.layers):
        params |= {
            f"layer{k}.norm1": np.ones(d, np.float32),
            f"layer{k}.attention": normal(d, 3 * d),
            f"layer{k}.merge": normal(d, d),
            f"layer{k}.norm2": np.ones(d, np.float32),
            f"layer{k}.up": normal(d, h),
            f"layer{k}.up_bias": np.zeros(h, np.float32),
            f"layer{k}.down": normal(h, d),
            f"layer{k}.down_bias": np.zeros(d, np.float32),
        }
    return params


@cache
def positions(length: int, width: int) -> np.ndarray:
    """The sinusoidal position codes of ``length`` positions (float32; computed once per
    shape, not to be written to).

    >>> positions(3, 4).shape
    (3, 4)
    """
    position = np.arange(length, dtype=np.float64)[:, None]
    rate = np.exp(-math.log(10_000.0) * np.arange(0, width, 2) / width)
    code = np.zeros((length, width))
    code[:, 0::2] = np.sin(position * rate)
    code[:, 1::2] = np.cos(position * rate)
    return code.astype(np.float32)


def _norm(x: Any, gain: Any, xp: Any) -> Any:
    # sums, not means: NumPy's mean costs three times as much on a sentence's small arrays
    share = 1 / x.shape[-1]
    centred = x - x.sum(-1, keepdims=True) * share
    spread = xp.sqrt((centred * centred).sum(-1, keepdims=True) * share + 1e-5)
    return centred * (gain[None, None] / spread)


def _softmax(x: Any, xp: Any) -> Any:
    e = xp.exp(x - x.max(-1, keepdims=True))
    return e / e.sum(-1, keepdims=True)


def _gelu(x: Any, xp: Any) -> Any:
    return x * (1 / (1 + xp.exp(-1.702 * x)))  # GELU, sigmoid approximation


def states(
    params: Mapping[str, Any],
    batch: Mapping[str, Any],
    xp: Any,
    heads: int,
    dropout: Any = None,
) -> Any:
    """Each word's state ``(sentences, words, width)`` in a padded batch (word id 0 pads), what
    both the class scores and the head scores read.

    ``dropout``, in training only, is ``fn(x) -> x`` applied to the input and to each block's
    output.
    """
    drop = dropout or (lambda x: x)
    words = batch["words"]
    present = words != 0  # (B, T)
    candidates = batch["candidates"]
    offered = xp.asarray(candidates, dtype=params["embed.candidates"].dtype)
    count = xp.maximum(offered.sum(-1, keepdims=True), 1)
    x = (
        params["embed.words"][words]
        + params["embed.suffix2"][batch["suffix2"]]
        + params["embed.suffix3"][batch["suffix3"]]
        + params["embed.shapes"][batch["shapes"]]
        + (offered @ params["embed.candidates"]) / count
    )
    b, t, d = x.shape
    x = drop(x + positions(t, d)[None]) * present[..., None]  # padding reads as zero
    zero = xp.zeros((b, 1, d), dtype=x.dtype)
    window = xp.concatenate(
        [xp.concatenate([zero, x[:, :-1]], 1), x, xp.concatenate([x[:, 1:], zero], 1)], -1
    )
    x = x + xp.tanh(window @ params["conv.weight"] + params["conv.bias"][None, None])
    attend = xp.where(present[:, None, None, :], 0.0, NEVER)  # (B, 1, 1, T)
    size = d // heads
    k = 0
    while f"layer{k}.attention" in params:
        p = f"layer{k}."
        q_k_v = _norm(x, params[p + "norm1"], xp) @ params[p + "attention"]  # (B, T, 3D)
        q_k_v = q_k_v.reshape(b, t, 3, heads, size).transpose(2, 0, 3, 1, 4)  # (3, B, H, T, S)
        weights = _softmax(q_k_v[0] @ q_k_v[1].transpose(0, 1, 3, 2) / math.sqrt(size) + attend, xp)
        mixed = (weights @ q_k_v[2]).transpose(0, 2, 1, 3).reshape(b, t, d)
        x = x + drop(mixed @ params[p + "merge"])
        hidden = (
            _norm(x, params[p + "norm2"], xp) @ params[p + "up"] + params[p + "up_bias"][None, None]
        )
        hidden = _gelu(hidden, xp)
        x = x + drop(hidden @ params[p + "down"] + params[p + "down_bias"][None, None])
        k += 1
    return x


def classes_of(params: Mapping[str, Any], x: Any, batch: Mapping[str, Any], xp: Any) -> Any:
    """The class scores of :func:`states` ``x``; classes not among a word's candidates score
    :data:`NEVER`."""
    scores = x @ params["out.weight"] + params["out.bias"][None, None]
    return xp.where(batch["candidates"], scores, NEVER)


def heads_of(params: Mapping[str, Any], x: Any, batch: Mapping[str, Any], xp: Any) -> Any:
    """The head scores of :func:`states` ``x``: ``(sentences, words, 1 + words)``, column 0 the
    root and column ``j + 1`` word ``j``; a word itself and padding score :data:`NEVER`."""
    x = _norm(x, params["arc.norm"], xp)
    dependent = _gelu(x @ params["arc.dependent"] + params["arc.dependent_bias"][None, None], xp)
    head = _gelu(x @ params["arc.head"] + params["arc.head_bias"][None, None], xp)
    b, t, _ = x.shape
    words = (dependent @ params["arc.bilinear"]) @ head.transpose(0, 2, 1)
    words = words + (head @ params["arc.prior"])[:, None, :]
    root = (dependent @ params["arc.root"])[..., None]
    absent = (batch["words"] == 0)[:, None, :] | xp.eye(t, dtype=bool)[None]
    shut = xp.concatenate([xp.zeros((b, t, 1), dtype=bool), absent], -1)
    return xp.where(shut, NEVER, xp.concatenate([root, words], -1))


def logits(
    params: Mapping[str, Any],
    batch: Mapping[str, Any],
    xp: Any,
    heads: int,
    dropout: Any = None,
) -> Any:
    """Scores ``(sentences, words, classes)`` of a padded batch (word id 0 pads); classes not
    among a word's candidates score :data:`NEVER` (:func:`states`, then :func:`classes_of`)."""
    return classes_of(params, states(params, batch, xp, heads, dropout), batch, xp)


def head_scores(params: Mapping[str, Any], batch: Mapping[str, Any], xp: Any, heads: int) -> Any:
    """Head scores ``(sentences, words, 1 + words)`` of a padded batch (:func:`states`, then
    :func:`heads_of`)."""
    return heads_of(params, states(params, batch, xp, heads), batch, xp)
