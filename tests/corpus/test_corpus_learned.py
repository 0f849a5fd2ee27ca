"""Learned verbs: the functor in JAX, its gradients, training and cross-validation."""

from __future__ import annotations

import jax
import jax.numpy as jnp
import numpy as np
import optax
import pytest
from jax.test_util import check_grads

from discojax.corpus import (
    Categorical,
    CopySubject,
    KroneckerVerbs,
    SimilarityTask,
    TableVerbs,
    WordVectors,
    cross_validate,
    fold_indices,
    lemmatised_parse,
    meanings,
    pair_prior,
    spearman,
    train_verbs,
    verb_arities,
)
from discojax.corpus._learned import VerbSimilarity
from discojax.data import read_gs2011

NOUNS = ["man", "woman", "dog", "child"]
VERBS = {"meet": "meets", "visit": "visits", "satisfy": "satisfies"}


def make_task() -> SimilarityTask:
    lines, sentences = [], {}
    scores = {"visit": [7, 2, 6, 1, 6, 3], "satisfy": [1, 6, 2, 7, 2, 5]}
    pairs = [
        ("man", "woman"),
        ("dog", "child"),
        ("woman", "dog"),
        ("child", "man"),
        ("man", "dog"),
        ("child", "woman"),
    ]
    for landmark, values in scores.items():
        for (subject, obj), score in zip(pairs, values):
            for who, shift in (("p1", 0), ("p2", 1)):
                value = min(7, score + shift)
                lines.append(f"{who} meet {subject} {obj} {landmark} {value} HIGH")
    for subject, obj in pairs:
        for lemma, form in VERBS.items():
            sentences[f"{subject} {lemma} {obj}"] = f"The {subject} {form} the {obj}."
    return SimilarityTask.from_sentences(read_gs2011(lines), sentences)


@pytest.fixture(scope="module")
def vectors() -> WordVectors:
    rng = np.random.default_rng(3)
    words = NOUNS + list(VERBS)
    return WordVectors.from_array(rng.normal(size=(len(words), 4)), words)


def test_verb_arities():
    assert verb_arities(make_task()) == {"meet": 2, "satisfy": 2, "visit": 2}


def lemma_parses():
    return [
        lemmatised_parse("The man meets the dog.", "man meet dog"),
        lemmatised_parse("The woman visits the child.", "woman visit child"),
    ]


def test_jax_meanings_equal_numpy_meanings(vectors):
    matrices = {v: np.outer(vectors[v], vectors[v]) for v in VERBS}
    tables = {k: jnp.asarray(m, dtype=jnp.float32) for k, m in matrices.items()}
    for wiring in (Categorical, CopySubject):
        expected = meanings(wiring(vectors, verbs=TableVerbs(matrices)), lemma_parses())
        got = meanings(wiring(vectors, verbs=TableVerbs(tables)), lemma_parses(), xp=jnp)
        assert isinstance(got, jax.Array)
        np.testing.assert_allclose(np.asarray(got), expected, rtol=1e-5, atol=1e-5)


def test_gradients_of_the_sentence_similarity_match_finite_differences(vectors):
    with jax.enable_x64(True):
        start = jnp.asarray(np.outer(vectors["meet"], vectors["visit"]))

        def similarity(matrix):
            model = Categorical(vectors, verbs=TableVerbs({"meet": matrix, "visit": matrix.T}))
            a, b = meanings(model, lemma_parses(), xp=jnp)
            return jnp.sum(a * b) / jnp.sqrt(jnp.sum(a * a) * jnp.sum(b * b))

        check_grads(similarity, (start,), order=2, modes=["rev"])


def test_training_fits_the_training_items(vectors):
    task = make_task()
    init = KroneckerVerbs(vectors)
    before = spearman(
        task.similarities(CopySubject(vectors, verbs=init)), task.judgements.mean_scores()
    )
    verbs, losses = train_verbs(
        task, CopySubject, vectors, init, steps=300, learning_rate=0.05, l2=0.0
    )
    after = spearman(
        task.similarities(CopySubject(vectors, verbs=verbs)), task.judgements.mean_scores()
    )
    assert losses[-1] < 0.5 * losses[0]
    assert after > 0.9 > before
    assert set(verbs.tables) == set(VERBS)


def test_a_strong_pull_keeps_the_corpus_tensors(vectors):
    task = make_task()
    init = KroneckerVerbs(vectors)
    pulled, _ = train_verbs(task, Categorical, vectors, init, steps=40, l2=1e6)
    free, _ = train_verbs(task, Categorical, vectors, init, steps=40, l2=0.0)
    for verb in VERBS:
        start = np.outer(vectors[verb], vectors[verb])
        # Adam moves each entry by about the step size (0.01) at most per step
        assert np.abs(pulled.tables[verb] - start).max() < 0.02
    assert max(np.abs(free.tables[v] - init(v, 2)).max() for v in VERBS) > 0.2


def test_cross_validation_scores_each_fold_with_verbs_trained_without_it(vectors):
    task = make_task()
    init = KroneckerVerbs(vectors)
    sims = cross_validate(task, CopySubject, vectors, init, folds=3, seed=1, steps=10)
    folds = fold_indices(len(task.items), 3, seed=1)
    train = np.ones(len(task.items), bool)
    train[folds[0]] = False
    verbs, _ = train_verbs(task, CopySubject, vectors, init, train, steps=10)
    alone = task.similarities(CopySubject(vectors, verbs=verbs))
    np.testing.assert_allclose(sims[folds[0]], alone[folds[0]], rtol=1e-5, atol=1e-6)


def test_pair_prior_uses_training_items_of_the_same_pair():
    task = make_task()
    prior = pair_prior(task, folds=3, seed=0)
    means = task.judgements.mean_scores()
    items = task.items
    for fold in fold_indices(len(items), 3, seed=0):
        train = np.setdiff1d(np.arange(len(items)), fold)
        for i in fold:
            same = [j for j in train if items[j].landmark == items[i].landmark]
            assert prior[i] == pytest.approx(np.mean(means[same]))


def reference_train_verbs(task, wiring, vectors, init, mask, steps, learning_rate, l2):
    """The loop train_verbs had before it went through discojax.train.fit (the reference)."""
    scores = task.judgements.mean_scores()
    mean, std = scores[mask].mean(), scores[mask].std() or 1.0
    target = jnp.asarray((scores - mean) / std, dtype=jnp.float32)
    weight = jnp.asarray(mask / mask.sum(), dtype=jnp.float32)
    start = {v: jnp.asarray(init(v, k), dtype=jnp.float32) for v, k in verb_arities(task).items()}
    scale = {v: jnp.sum(t * t) + 1e-12 for v, t in start.items()}
    params = {"verbs": dict(start), "a": jnp.ones(()), "b": jnp.zeros(())}

    def loss(p):
        first, second = task.meanings(wiring(vectors, verbs=TableVerbs(p["verbs"])), xp=jnp)
        a, b = first.reshape(first.shape[0], -1), second.reshape(second.shape[0], -1)
        cos = jnp.sum(a * b, 1) / jnp.sqrt(jnp.sum(a * a, 1) * jnp.sum(b * b, 1) + 1e-12)
        pull = sum(jnp.sum((p["verbs"][v] - start[v]) ** 2) / scale[v] for v in start)
        return jnp.sum(weight * (p["a"] * cos + p["b"] - target) ** 2) + l2 * pull

    optimiser = optax.adam(learning_rate)
    state = optimiser.init(params)

    @jax.jit
    def step(p, s):
        value, grads = jax.value_and_grad(loss)(p)
        updates, s = optimiser.update(grads, s, p)
        return optax.apply_updates(p, updates), s, value

    losses = []
    for _ in range(steps):
        params, state, value = step(params, state)
        losses.append(float(value))
    return {v: np.asarray(t) for v, t in params["verbs"].items()}, np.array(losses)


@pytest.mark.parametrize("wiring", [CopySubject, Categorical])
def test_train_verbs_through_fit_equals_the_old_loop(vectors, wiring):
    task = make_task()
    init = KroneckerVerbs(vectors)
    mask = np.arange(len(task.items)) % 3 != 0
    verbs, losses = train_verbs(task, wiring, vectors, init, mask, steps=50, l2=0.5)
    tables, expected = reference_train_verbs(task, wiring, vectors, init, mask, 50, 0.01, 0.5)
    # the same sums in another order (the mean over training items, not a masked sum over
    # all): equal to float32 rounding, not bit for bit
    np.testing.assert_allclose(losses, expected, rtol=1e-6)
    for verb in VERBS:
        np.testing.assert_allclose(verbs.tables[verb], tables[verb], rtol=1e-5, atol=1e-6)


def test_the_verb_similarity_model_scores_items_at_their_positions(vectors):
    task = make_task()
    init = KroneckerVerbs(vectors)
    start = {v: jnp.asarray(init(v, 2), jnp.float32) for v in VERBS}
    model = VerbSimilarity(task, CopySubject, vectors, start, l2=0.0)
    params = {**model.init(jax.random.key(0)), "a": jnp.array(2.0), "b": jnp.array(-1.0)}
    sims = task.similarities(CopySubject(vectors, verbs=TableVerbs(start)))
    got = model.apply(params, model.prepare([3, 0, 5]))
    np.testing.assert_allclose(np.asarray(got), 2 * sims[[3, 0, 5]] - 1, rtol=1e-5, atol=1e-6)
    pulled = VerbSimilarity(task, CopySubject, vectors, start, l2=0.5)
    doubled = {**params, "verbs": {v: 2 * t for v, t in start.items()}}
    assert float(pulled.penalty(doubled)) == pytest.approx(0.5 * len(VERBS), rel=1e-6)
