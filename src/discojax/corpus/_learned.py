"""Learned verbs: verb tensors initialised by a corpus model, then trained on similarity.

The composition model stays what it was (Relational's ``V ⊙ (s ⊗ o)``, Copy-Subject's
``s ⊙ (V o)``, …) and the noun vectors stay fixed; only the verb tensors move. They start at a
verb source's tensors (Kronecker's ``v ⊗ v``, Relational's ``Σ s ⊗ o``) and are trained by
regression: the cosine ``c`` of an item's two sentences, through an affine map ``a c + b``
(learned too), is fitted to the item's standardised mean human score, by mean squared error
plus ``l2 · Σ ‖V − V₀‖² / ‖V₀‖²`` (a pull towards the corpus tensors, scale-free). JAX
differentiates the same functor the corpus models use (:func:`~discojax.corpus.meanings`
with ``xp=jax.numpy``). The model, :class:`VerbSimilarity`, is one of the model protocol, so
:func:`discojax.train.fit` trains it: the one training loop, its step jitted once.

:func:`cross_validate` gives honest numbers: items are split into folds; each fold's scores
come from verbs trained on the other folds only.

>>> import numpy as np
>>> from discojax.data import read_ml2008
>>> from discojax.corpus import CopySubject, KroneckerVerbs, SimilarityTask, WordVectors
>>> data = read_ml2008(["a stray eye roam 7 high", "a stray eye digress 1 low",
...                     "a stray car roam 2 low", "a stray car digress 6 high"])
>>> task = SimilarityTask.from_sentences(data, {
...     "eye stray": "The eye strays.", "eye roam": "The eye roams.",
...     "eye digress": "The eye digresses.", "car stray": "The car strays.",
...     "car roam": "The car roams.", "car digress": "The car digresses."})
>>> rng = np.random.default_rng(0)
>>> vectors = WordVectors.from_array(rng.normal(size=(5, 3)),
...                                  ["eye", "car", "stray", "roam", "digress"])
>>> verbs, losses = train_verbs(task, CopySubject, vectors, KroneckerVerbs(vectors), steps=60)
>>> bool(losses[-1] < losses[0])
True
>>> sorted(verbs.tables)
['digress', 'roam', 'stray']
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, ClassVar

import jax
import jax.numpy as jnp
import numpy as np

from discojax.compile._batch import Batch, Bucket
from discojax.compile._program import Program
from discojax.corpus._task import SimilarityTask
from discojax.data._judgements import Item, SentencePair
from discojax.semantics.corpus._functor import CorpusFunctor
from discojax.semantics.corpus._vectors import WordVectors
from discojax.semantics.corpus._verbs import TableVerbs, VerbSource
from discojax.train import TrainConfig, fit

Wiring = Callable[..., CorpusFunctor]
_ARITY = {"transitive_verb": 2, "intransitive_verb": 1}


def verb_arities(task: SimilarityTask) -> dict[str, int]:
    """Every verb (lemma) of the task's parses, with its arity.

    >>> from discojax.data import read_ml2008
    >>> t = SimilarityTask.from_sentences(read_ml2008(["a stray eye roam 7 high"]),
    ...     {"eye stray": "The eye strays.", "eye roam": "The eye roams."})
    >>> verb_arities(t)
    {'roam': 1, 'stray': 1}
    """
    found = {
        e.word: _ARITY[e.word_class]
        for p in task.parses.values()
        for e in p.entries
        if e.word_class in _ARITY
    }
    return dict(sorted(found.items()))


def _cosines(model: CorpusFunctor, task: SimilarityTask) -> jax.Array:
    first, second = task.meanings(model, xp=jnp)
    a = first.reshape(first.shape[0], -1)
    b = second.reshape(second.shape[0], -1)
    dot = jnp.sum(a * b, axis=1)
    norms = jnp.sum(a * a, axis=1) * jnp.sum(b * b, axis=1)
    return dot / jnp.sqrt(norms + 1e-12)


#: The program of an item bucket: items are scored by the model, not contracted by a program.
_ITEMS = Program("", (), (), (), 1)


@dataclass(frozen=True, eq=False)
class VerbSimilarity:
    """The learned-verbs similarity model: ``a · cos(first, second) + b`` of each item.

    A model of :func:`discojax.train.fit`'s protocol whose items are the task's items (by
    index): ``prepare`` puts them in one bucket, ``apply`` scores them with the verb tensors in
    ``params`` (``{"verbs": {verb: tensor}, "a": ..., "b": ...}``), ``penalty`` is the pull
    ``l2 · Σ ‖V − V₀‖² / ‖V₀‖²`` towards the starting tensors.

    Args:
        task: the items and their sentences' parses.
        wiring: a model class taking ``(vectors, verbs=…)``, e.g. ``Categorical``.
        vectors: the (fixed) word vectors.
        start: each verb's starting tensor.
        l2: the weight of the pull towards ``start``.
    """

    task: SimilarityTask
    wiring: Wiring
    vectors: WordVectors
    start: Mapping[str, jax.Array]
    l2: float = 1.0

    output_kind: ClassVar[str] = "scores"

    def init(self, key: jax.Array) -> dict[str, Any]:
        """The starting tensors, and the identity map ``a = 1, b = 0`` (``key`` is unused)."""
        del key
        return {"verbs": dict(self.start), "a": jnp.ones(()), "b": jnp.zeros(())}

    def prepare(self, items: Iterable[int]) -> Batch:
        """The items of these indices, in order, as one bucket."""
        ids = np.asarray(list(items), dtype=np.int32).reshape(-1, 1)
        index = jnp.arange(ids.shape[0], dtype=jnp.int32)
        return Batch((Bucket(_ITEMS, jnp.asarray(ids), index),), ids.shape[0], ())

    def apply(self, params: Mapping[str, Any], batch: Batch) -> jax.Array:
        """Each item's fitted score ``a · cos + b``, at its position in ``batch``."""
        model = self.wiring(self.vectors, verbs=TableVerbs(params["verbs"]))
        fitted = params["a"] * _cosines(model, self.task) + params["b"]
        rows = jnp.concatenate([b.ids[:, 0] for b in batch.buckets])
        where = jnp.concatenate([b.index for b in batch.buckets])
        scores = jnp.zeros((batch.size,), fitted.dtype)
        return scores.at[where].set(fitted[rows], mode="drop")

    def penalty(self, params: Mapping[str, Any]) -> jax.Array:
        """The pull towards the starting tensors, scale-free."""
        verbs = params["verbs"]
        pull = sum(
            jnp.sum((verbs[v] - t) ** 2) / (jnp.sum(t * t) + 1e-12) for v, t in self.start.items()
        )
        return jnp.asarray(self.l2 * pull)


def train_verbs(
    task: SimilarityTask,
    wiring: Wiring,
    vectors: WordVectors,
    init: VerbSource,
    train: np.ndarray | None = None,
    steps: int = 200,
    learning_rate: float = 0.01,
    l2: float = 1.0,
) -> tuple[TableVerbs, np.ndarray]:
    """Train the verb tensors of ``wiring`` on ``task``'s items where ``train`` is true.

    The :class:`VerbSimilarity` model, trained by :func:`discojax.train.fit` on the training
    items' standardised mean scores: mean squared error plus the pull, full-batch Adam.

    Args:
        task: the items and their human scores.
        wiring: a model class taking ``(vectors, verbs=…)``, e.g. ``Categorical``.
        vectors: the (fixed) word vectors.
        init: the verb source the tensors start from.
        train: a boolean mask over ``task.items`` (all items by default).
        steps: full-batch Adam steps.
        learning_rate: Adam's step size.
        l2: the weight of the pull towards the initial tensors.

    Returns:
        The learned verbs (float32 NumPy arrays), and the loss at every step.
    """
    mask = np.ones(len(task.items), bool) if train is None else np.asarray(train, bool)
    scores = task.judgements.mean_scores()
    mean, std = scores[mask].mean(), scores[mask].std() or 1.0
    start = {v: jnp.asarray(init(v, k), dtype=jnp.float32) for v, k in verb_arities(task).items()}
    model = VerbSimilarity(task, wiring, vectors, start, l2)
    items = np.flatnonzero(mask)
    targets = jnp.asarray((scores[items] - mean) / std, dtype=jnp.float32)
    config = TrainConfig(
        epochs=steps, learning_rate=learning_rate, loss="mse", monitor="dev_loss",
        train_metrics=False,
    )  # fmt: skip
    result = fit(model, model.init(jax.random.key(0)), model.prepare(items), targets,
                 config=config, callbacks=[])  # fmt: skip
    learned = {v: np.asarray(t) for v, t in result.last_params["verbs"].items()}
    return TableVerbs(learned), np.array([r["step_loss"] for r in result.history])


def cross_validate(
    task: SimilarityTask,
    wiring: Wiring,
    vectors: WordVectors,
    init: VerbSource,
    folds: int = 5,
    seed: int = 0,
    **options: Any,
) -> np.ndarray:
    """Out-of-fold similarities: each item scored by verbs trained without its fold.

    Args:
        task, wiring, vectors, init: as for :func:`train_verbs`.
        folds: the number of folds (items are shuffled by ``seed``, then cut).
        seed: the shuffle's seed.
        options: passed to :func:`train_verbs` (``steps``, ``learning_rate``, ``l2``).

    >>> from discojax.data import read_ml2008
    >>> from discojax.corpus import Multiplicative, KroneckerVerbs, CopySubject
    >>> data = read_ml2008([f"a stray {n} {l} {s} low" for n, l, s in
    ...                     [("eye", "roam", 7), ("eye", "digress", 1), ("car", "roam", 2),
    ...                      ("car", "digress", 6)]])
    >>> forms = {"stray": "strays", "roam": "roams", "digress": "digresses"}
    >>> task = SimilarityTask.from_sentences(data, {f"{n} {v}": f"The {n} {f}." for n in
    ...     ("eye", "car") for v, f in forms.items()})
    >>> vectors = WordVectors.from_array(np.random.default_rng(0).normal(size=(5, 3)),
    ...                                  ["eye", "car", "stray", "roam", "digress"])
    >>> cross_validate(task, CopySubject, vectors, KroneckerVerbs(vectors), folds=2,
    ...                steps=5).shape
    (4,)
    """
    n = len(task.items)
    result = np.zeros(n)
    for fold in fold_indices(n, folds, seed):
        train = np.ones(n, bool)
        train[fold] = False
        verbs, _ = train_verbs(task, wiring, vectors, init, train, **options)
        sims = np.asarray(_cosines(wiring(vectors, verbs=verbs), task))
        result[fold] = sims[fold]
    return result


def fold_indices(n: int, folds: int, seed: int = 0) -> list[np.ndarray]:
    """Shuffle ``range(n)`` by ``seed`` and cut it into ``folds`` near-equal folds.

    >>> [len(f) for f in fold_indices(10, 3)]
    [4, 3, 3]
    """
    if not 2 <= folds <= n:
        raise ValueError(f"need 2 <= folds <= {n} items, got folds={folds}")
    return np.array_split(np.random.default_rng(seed).permutation(n), folds)


def _landmark_pair(item: Item | SentencePair) -> tuple[Any, Any]:
    """What an item compares: its verb and landmark, or the words its two sentences differ in."""
    if isinstance(item, Item):
        return item.verb, item.landmark
    first, second = item.sentence.split(), item.landmark_sentence.split()
    return tuple(w for w in first if w not in second), tuple(w for w in second if w not in first)


def pair_prior(task: SimilarityTask, folds: int = 5, seed: int = 0) -> np.ndarray:
    """A reference for learned models: no composition, only the (verb, landmark) pair.

    Each item's score is the mean human score of the *training* items with the same verb and
    landmark (the folds of :func:`cross_validate`; all training items if none). A learned
    model that does no better has learned which landmark pairs score high, not meanings.

    >>> from discojax.data import read_ml2008
    >>> data = read_ml2008(["a stray eye roam 7 high", "a stray car roam 5 high",
    ...                     "a stray eye digress 1 low", "a stray car digress 3 low"])
    >>> forms = {"stray": "strays", "roam": "roams", "digress": "digresses"}
    >>> task = SimilarityTask.from_sentences(data, {f"{n} {v}": f"The {n} {f}." for n in
    ...     ("eye", "car") for v, f in forms.items()})
    >>> pair_prior(task, folds=2, seed=0)
    array([5., 7., 3., 1.])
    """
    items, scores = task.items, task.judgements.mean_scores()
    result = np.zeros(len(items))
    for fold in fold_indices(len(items), folds, seed):
        train = np.ones(len(items), bool)
        train[fold] = False
        keys = [_landmark_pair(item) for item in items]
        for i in fold:
            same = [j for j in np.flatnonzero(train) if keys[j] == keys[i]]
            result[i] = scores[same].mean() if same else scores[train].mean()
    return result
