"""Training the supertagger: Adam on the cross-entropy of each word's gold class plus that of
its gold head (the head scorer's, where the settings give it one), early-stopped on dev,
reproducible from the seed.

Sentences are padded to the next length of :data:`BUCKETS` and grouped into steps of
``batch_size`` sentences of one bucket (a short last step is padded with empty sentences), so
the step compiles once per bucket. The order of the steps, the dropout and the word dropout are
drawn from the seed; the initial parameters from NumPy's generator (the same bytes on every
machine). After every step a moving average of the parameters is updated (Polyak averaging,
decay ``averaging``, shorter at first: ``min(averaging, (1 + t) / (10 + t))`` at step ``t``);
after each epoch the average's dev accuracy (classes) and dev attachment (heads) are measured,
the epoch with the best sum keeps its average, and training stops after ``patience`` epochs
without a better one. The average tags better than the
last parameters and moves less from one seed to the next.

This is the tagger's own loop: :func:`discojax.train.fit` trains functorial models on prepared
diagram batches, one output per sentence; the tagger has one per word.

>>> from discojax.grammar import load_lexicon
>>> from discojax.tagger._model import Settings
>>> english = load_lexicon("english")
>>> data = [(("dogs", "chase", "cats"), ("noun", "transitive_verb", "noun"), (1, -1, 1)),
...         (("cats", "sleep"), ("noun", "intransitive_verb"), (1, -1))] * 8
>>> weights, history = train_tagger(data, data[:2], english,
...     Settings(width=16, heads=2, layers=1, hidden=32, epochs=20, patience=20,
...              learning_rate=0.01, batch_size=4, arc_width=16), seed=0)
>>> history[-1]["dev_accuracy"], history[-1]["dev_attachment"]
(1.0, 1.0)
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Sequence
from typing import Any

import numpy as np

from discojax.grammar import ROOT, Lexicon
from discojax.tagger._features import UNKNOWN, Encoded, Vocabulary
from discojax.tagger._model import Settings, classes_of, heads_of, init_params, states
from discojax.tagger._weights import Weights, sizes_of

BUCKETS = (8, 16, 24, 32, 48, 64, 100)
"""Padded sentence lengths: a batch of sentences is padded to the first that holds them."""

Example = tuple[Sequence[str], Sequence[str], Sequence[int]]
"""A training sentence: its words (as written), each word's gold class (``""``: none) and each
word's gold head (a word position, :data:`~discojax.grammar.ROOT`, or :data:`NO_HEAD`)."""

NO_HEAD = -2
"""A gold head that is not known (or not among the words): the word's head is not trained."""


def bucket_of(length: int) -> int:
    """The padded length of a sentence of ``length`` words.

    >>> bucket_of(3), bucket_of(17), bucket_of(100)
    (8, 24, 100)
    """
    return next((b for b in BUCKETS if length <= b), length)


def pad(encoded: Sequence[Encoded], length: int, rows: int | None = None) -> dict[str, np.ndarray]:
    """Stack ``encoded`` sentences into arrays of ``rows`` sentences of ``length`` words.

    >>> from discojax.grammar import load_lexicon
    >>> v = Vocabulary(("<pad>", "<unknown>"), ("<pad>", "<unknown>"), ("<pad>", "<unknown>"),
    ...                ("noun",))
    >>> batch = pad([v.encode(["man"], load_lexicon("english"))], 8, rows=2)
    >>> batch["words"].tolist()[0][:2], batch["candidates"].shape
    ([1, 0], (2, 8, 1))
    """
    rows = rows or len(encoded)
    classes = encoded[0].candidates.shape[1]
    batch = {
        name: np.zeros((rows, length), np.int32)
        for name in ("words", "suffix2", "suffix3", "shapes")
    }
    batch["candidates"] = np.zeros((rows, length, classes), bool)
    for r, sentence in enumerate(encoded):
        n = len(sentence.words)
        batch["words"][r, :n] = sentence.words
        batch["suffix2"][r, :n] = sentence.suffix2
        batch["suffix3"][r, :n] = sentence.suffix3
        batch["shapes"][r, :n] = sentence.shapes
        batch["candidates"][r, :n] = sentence.candidates
    return batch


def _labelled(
    data: Sequence[Example], vocabulary: Vocabulary, lexicon: Lexicon
) -> list[tuple[Encoded, np.ndarray]]:
    """Encoded sentences and their labels ``(2, words)``: class ids (-1 where the gold class is
    not a candidate) and heads."""
    index = {name: k for k, name in enumerate(vocabulary.classes)}
    found = []
    for words, classes, heads in data:
        encoded = vocabulary.encode(list(words), lexicon)
        labels = np.array([index.get(c, -1) for c in classes], np.int32)
        rows = np.arange(len(labels))
        offered = encoded.candidates[rows, np.maximum(labels, 0)] & (labels >= 0)
        kept = np.array([h if -1 <= h < len(words) else NO_HEAD for h in heads], np.int32)
        found.append((encoded, np.stack([np.where(offered, labels, -1), kept]).astype(np.int32)))
    return found


def _steps(
    examples: Sequence[tuple[Encoded, np.ndarray]], size: int, rng: np.random.Generator | None
) -> Iterator[tuple[dict[str, np.ndarray], np.ndarray]]:
    """Padded steps of ``size`` sentences of one bucket; shuffled by ``rng`` when given."""
    by_bucket: dict[int, list[int]] = {}
    for k, (encoded, _) in enumerate(examples):
        by_bucket.setdefault(bucket_of(len(encoded.words)), []).append(k)
    chunks = []
    for bucket, members in sorted(by_bucket.items()):
        order = rng.permutation(members).tolist() if rng is not None else members
        chunks += [(bucket, order[i : i + size]) for i in range(0, len(order), size)]
    if rng is not None:
        chunks = [chunks[k] for k in rng.permutation(len(chunks))]
    for bucket, members in chunks:
        batch = pad([examples[k][0] for k in members], bucket, rows=size)
        labels = np.stack([np.full((size, bucket), -1), np.full((size, bucket), NO_HEAD)])
        for r, k in enumerate(members):
            labels[:, r, : examples[k][1].shape[1]] = examples[k][1]
        yield batch, labels.astype(np.int32)


def train_tagger(
    train: Sequence[Example],
    dev: Sequence[Example],
    lexicon: Lexicon,
    settings: Settings | None = None,
    seed: int = 0,
    log: Callable[[str], None] | None = None,
) -> tuple[Weights, list[dict[str, float]]]:
    """Train a supertagger on ``train``, early-stopped on ``dev``; see the module.

    Returns the best epoch's weights and one record per epoch (``epoch``, ``loss``,
    ``dev_accuracy``, ``dev_attachment`` (0 without a head scorer), ``seconds``).
    """
    import jax
    import jax.numpy as jnp
    import optax

    settings = settings or Settings()
    vocabulary = Vocabulary.build((example[0] for example in train), lexicon)
    train_set = _labelled(train, vocabulary, lexicon)
    dev_set = _labelled(dev, vocabulary, lexicon)
    params = {
        k: jnp.asarray(v) for k, v in init_params(sizes_of(vocabulary), settings, seed).items()
    }
    optimiser = optax.adam(settings.learning_rate)
    opt_state = optimiser.init(params)
    base = jax.random.key(seed)

    def cross_entropy(scores: Any, gold: Any, counted: Any) -> Any:
        log_p = jax.nn.log_softmax(scores)
        found = jnp.take_along_axis(log_p, jnp.maximum(gold, 0)[..., None], -1)[..., 0]
        return -(found * counted).sum() / jnp.maximum(counted.sum(), 1)

    def loss_of(params: Any, batch: Any, labels: Any, key: Any) -> Any:
        drop_key, word_key = jax.random.split(key)
        keep = jax.random.bernoulli(word_key, 1 - settings.word_dropout, batch["words"].shape)
        present = batch["words"] != 0
        words = jnp.where(keep | ~present, batch["words"], UNKNOWN)
        keys = iter(jax.random.split(drop_key, 2 + 2 * settings.layers))

        def dropout(x: Any) -> Any:
            mask = jax.random.bernoulli(next(keys), 1 - settings.dropout, x.shape)
            return jnp.where(mask, x / (1 - settings.dropout), 0.0)

        inputs = batch | {"words": words}
        x = states(params, inputs, jnp, settings.heads, dropout)
        loss = cross_entropy(classes_of(params, x, inputs, jnp), labels[0], labels[0] >= 0)
        if settings.arc_width:
            scores = heads_of(params, x, inputs, jnp)
            loss += cross_entropy(scores, labels[1] + 1, labels[1] >= ROOT)
        return loss

    decay = settings.averaging

    @jax.jit
    def step(
        params: Any, average: Any, opt_state: Any, batch: Any, labels: Any, number: Any
    ) -> Any:
        key = jax.random.fold_in(base, number)
        loss, grads = jax.value_and_grad(loss_of)(params, batch, labels, key)
        updates, opt_state = optimiser.update(grads, opt_state, params)
        params = optax.apply_updates(params, updates)
        weight = jnp.minimum(decay, (1 + number) / (10 + number))  # short memory at first
        average = jax.tree.map(lambda a, p: weight * a + (1 - weight) * p, average, params)
        return params, average, opt_state, loss

    @jax.jit
    def predict(params: Any, batch: Any) -> Any:
        x = states(params, batch, jnp, settings.heads)
        found = classes_of(params, x, batch, jnp).argmax(-1)
        if not settings.arc_width:
            return found, jnp.full_like(found, NO_HEAD)
        return found, heads_of(params, x, batch, jnp).argmax(-1) - 1

    def accuracy(params: Any) -> tuple[float, float]:
        right, total = np.zeros(2), np.zeros(2)
        for batch, labels in _steps(dev_set, 64, None):
            guessed = np.stack([np.asarray(g) for g in predict(params, batch)])
            counted = np.stack([labels[0] >= 0, labels[1] >= ROOT])
            right += ((guessed == labels) & counted).sum((1, 2))
            total += counted.sum((1, 2))
        tags, attachment = right / np.maximum(total, 1)
        return float(tags), float(attachment)

    rng = np.random.default_rng(seed)
    history: list[dict[str, float]] = []
    best = (-1.0, params)
    best_epoch = number = 0
    average = params
    for epoch in range(1, settings.epochs + 1):
        start = time.perf_counter()
        losses = []
        for batch, labels in _steps(train_set, settings.batch_size, rng):
            number += 1
            params, average, opt_state, loss = step(
                params, average, opt_state, batch, labels, number
            )
            losses.append(loss)
        tags, attachment = accuracy(average)
        score = tags + attachment
        record = {
            "epoch": epoch,
            "loss": float(np.mean(np.asarray(losses))),
            "dev_accuracy": tags,
            "dev_attachment": attachment,
            "seconds": time.perf_counter() - start,
        }
        history.append(record)
        if log is not None:
            log(
                f"epoch {epoch}: loss {record['loss']:.4f}, dev accuracy {tags:.4f}, "
                f"dev attachment {attachment:.4f} ({record['seconds']:.1f} s)"
            )
        if score > best[0]:
            best, best_epoch = (score, average), epoch
        elif epoch - best_epoch >= settings.patience:
            break
    chosen = {k: np.asarray(v) for k, v in best[1].items()}
    provenance = {"seed": str(seed), "train_sentences": str(len(train))}
    return Weights(chosen, vocabulary, settings, provenance), history
