"""Step batching: shapes' steps grouped into shared einsums, equal to contracting shape by shape."""

from __future__ import annotations

import jax
import jax.numpy as jnp
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import discojax as dj
from discojax import _jit
from discojax.compile import _in_place, _schedule, compilations, contract, evaluate
from discojax.compile._batch import prepare, whole_tables
from discojax.compile._schedule import Leaf, schedule
from tests.conftest import sentences

pytestmark = pytest.mark.usefixtures("x64")

TEXTS = [
    "man runs",
    "big man runs",
    "Alice loves Bob",
    "skillful woman cooks tasty dinner",
    "man who prepares sauce runs",
]


def _shape_by_shape(params, batch):
    """The reference: each bucket contracted alone, results put back in batch order.

    Run op by op (``jax.disable_jit``): a compiled program per bucket cost more than the eager
    contraction of these small batches."""
    out = np.zeros((batch.size, *batch.output_shape))
    for bucket in batch.buckets:
        with jax.disable_jit():
            values = np.asarray(contract(bucket.program, params, bucket.ids))
        for row, position in enumerate(np.asarray(bucket.index)):
            if position < batch.size:
                out[position] = values[row]
    return out


def _key_of(bucket):
    return (bucket.program, int(bucket.ids.shape[0]))


@pytest.mark.parametrize(
    "ansatz",
    [dj.TensorAnsatz({"n": 3, "s": 2}), dj.MPSAnsatz({"n": 2, "s": 2}, bond_dim=3)],
    ids=lambda a: type(a).__name__,
)
@settings(max_examples=10)
@given(texts=st.lists(sentences(), min_size=1, max_size=8), seed=st.integers(0, 2**16))
def test_batched_steps_equal_shape_by_shape_contraction(ansatz, texts, seed) -> None:
    model = dj.TensorModel.from_data(texts, ansatz)
    params = model.init(jax.random.key(seed), dtype=jnp.float64, scale=1.0)
    batch = model.prepare(texts)
    np.testing.assert_allclose(
        evaluate(params, batch), _shape_by_shape(params, batch), rtol=1e-10, atol=1e-12
    )


def test_gradient_through_batched_steps_equals_finite_differences() -> None:
    model = dj.TensorModel.from_data(TEXTS, dj.TensorAnsatz({"n": 2, "s": 2}))
    params = model.init(jax.random.key(3), dtype=jnp.float64, scale=1.0)
    batch = model.prepare(TEXTS)
    weights = jnp.arange(1.0, 1.0 + batch.size * 2).reshape(batch.size, 2)

    def loss(p):
        return jnp.sum(weights * evaluate(p, batch))

    grads = jax.jit(jax.grad(loss))(params)
    rng = np.random.default_rng(0)
    for name in ("n", "n.r s n.l", "n.r n s.l n"):
        index = tuple(int(rng.integers(0, k)) for k in params[name].shape)
        eps = 1e-6
        up = {**params, name: params[name].at[index].add(eps)}
        down = {**params, name: params[name].at[index].add(-eps)}
        numeric = (loss(up) - loss(down)) / (2 * eps)
        assert float(grads[name][index]) == pytest.approx(float(numeric), rel=1e-6, abs=1e-9)


def test_same_step_of_different_shapes_is_one_group() -> None:
    texts = [
        "big man runs",
        "big man loves Alice",
        "tasty dinner sleeps",
        "old woman cooks tasty dinner",
    ]
    model = dj.TensorModel.from_data(texts, dj.TensorAnsatz({"n": 2, "s": 2}))
    batch = model.prepare(texts)
    plan = schedule(tuple(_key_of(b) for b in batch.buckets))
    steps = sum(len(b.program.path) for b in batch.buckets)
    assert (batch.shapes, steps, len(plan.groups)) == (3, 9, 6)
    # Every adjective meets its noun in one einsum: five adjectives of three shapes (the
    # first bucket holds two sentences), the last shape's two adjectives among them.
    (adjectives,) = [
        g for g in plan.groups if any(i.table == "n n.l" for i in g.inputs if isinstance(i, Leaf))
    ]
    assert (adjectives.members, adjectives.rows) == ((0, 1, 2, 2), 5)
    assert adjectives.equation == "za,zba->zb"
    # The meanings are read back from the groups that finish each shape, in bucket order.
    assert (plan.output.groups, plan.output.rows) == ((1, 4, 5), None)


def test_many_shapes_compile_once_and_reuse_the_schedule() -> None:
    texts = [*TEXTS, "woman cooks dinner", "Bob sleeps", "tasty sauce sleeps"]
    model = dj.TensorModel.from_data(texts, dj.TensorAnsatz({"n": 2, "s": 2}))
    params = model.init(jax.random.key(0))
    batch = model.prepare(texts)
    before = compilations()
    first = model.apply(params, batch)
    assert batch.shapes >= 5
    assert compilations() - before == 1
    again = model.apply(params, model.prepare(texts))
    assert compilations() - before == 1
    np.testing.assert_array_equal(first, again)
    key = tuple(_key_of(b) for b in batch.buckets)
    assert schedule(key) is schedule(key)


def test_whole_tables_never_lose_the_batch_axis() -> None:
    # Every table whole: a path that contracts two whole tables first would make an
    # intermediate without the batch axis; lower() gathers the smaller table instead.
    texts = ["skillful man cooks man", "big man runs"]
    model = dj.TensorModel.from_data(texts, dj.TensorAnsatz({"n": 2, "s": 3}))
    everything = whole_tables(model.vocabulary, model.ansatz, max_rows=10**6, min_entries=1)
    batch = prepare(model.networks(texts), model.vocabulary, model.ansatz, whole=everything)
    plan = schedule(tuple(_key_of(b) for b in batch.buckets))
    for group in plan.groups:
        assert group.equation.split("->")[1].startswith("z")
    params = model.init(jax.random.key(1), dtype=jnp.float64, scale=1.0)
    np.testing.assert_allclose(
        evaluate(params, batch), _shape_by_shape(params, batch), rtol=1e-10, atol=1e-12
    )


@pytest.mark.parametrize(("min_run", "dims"), [(10**9, (3, 5)), (1, (3, 6))], ids=["rows", "words"])
def test_words_read_in_place_equal_gathered_rows(monkeypatch, min_run, dims) -> None:
    # Large word tensors are read in place: one row at a time (a lax.map), or, for small
    # tables, one chunk of rows that share a word at a time. Lower the thresholds so that every
    # verb and adjective here takes the path under test. Dimensions only this test uses, so no
    # earlier compilation is reused.
    monkeypatch.setattr(_in_place, "MAP_MIN_ENTRIES", 8)
    monkeypatch.setattr(_in_place, "MIN_RUN", min_run)
    model = dj.TensorModel.from_data(TEXTS * 3, dj.TensorAnsatz({"n": dims[0], "s": dims[1]}))
    params = model.init(jax.random.key(2), dtype=jnp.float64, scale=1.0)
    batch = model.prepare(TEXTS * 3)
    plan = schedule(tuple(_key_of(b) for b in batch.buckets))
    assert any(_schedule._mapped_input(g, params) is not None for g in plan.groups)
    np.testing.assert_allclose(
        evaluate(params, batch), _shape_by_shape(params, batch), rtol=1e-10, atol=1e-12
    )
    weights = jnp.linspace(-1.0, 1.0, batch.size * dims[1]).reshape(batch.size, dims[1])
    grads = jax.jit(jax.grad(lambda p: jnp.sum(weights * evaluate(p, batch))))(params)
    for name in ("n.r s n.l", "n.r n s.l n"):
        index = (0,) * params[name].ndim
        eps = 1e-6
        up = {**params, name: params[name].at[index].add(eps)}
        down = {**params, name: params[name].at[index].add(-eps)}
        numeric = (
            jnp.sum(weights * evaluate(up, batch)) - jnp.sum(weights * evaluate(down, batch))
        ) / (2 * eps)
        assert float(grads[name][index]) == pytest.approx(float(numeric), rel=1e-6, abs=1e-9)


def test_an_evicted_schedule_compiles_again_with_equal_values(monkeypatch) -> None:
    # Old schedules' executables are let go (tests/test_jit.py): XLA's CPU executables map many
    # memory regions each, and a process meeting ever new batch structures would run out of
    # them (a segmentation fault in XLA) if all were kept.
    monkeypatch.setattr(_jit, "MAX_KEPT", 4)
    texts = [
        " ".join(["skillful"] * k + [noun, "runs"]) for k in range(3) for noun in ("man", "woman")
    ]
    model = dj.TensorModel.from_data(texts, dj.TensorAnsatz({"n": 2, "s": 2}))
    params = model.init(jax.random.key(0))
    first = model.prepare(texts[:1])
    expected = evaluate(params, first)
    np.testing.assert_allclose(expected, _shape_by_shape(params, first), rtol=1e-6)
    for k in range(1, 6):  # five more batch structures
        batch = model.prepare(texts[:k] + texts[-1:])
        jax.grad(lambda p, batch=batch: jnp.sum(evaluate(p, batch)))(params)
    before = compilations()
    np.testing.assert_allclose(evaluate(params, first), expected, rtol=1e-6)
    assert compilations() - before == 1  # evicted, so compiled again, once
