"""The compiled contraction equals DisCoPy's own functor evaluation, and differentiates."""

from __future__ import annotations

import jax
import jax.numpy as jnp
import numpy as np
import opt_einsum
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from jax.test_util import check_grads

import discojax as dj
from discojax.compile import Program, compilations, contract, evaluate, lower, network_from_parse
from discojax.compile._batch import prepare, whole_tables
from discojax.semantics.tensor._discopy import discopy_functor
from tests.conftest import sentences, small_sentences

pytestmark = pytest.mark.usefixtures("x64")

ANSATZE = [
    dj.TensorAnsatz({"n": 2, "s": 3}),
    dj.SpiderAnsatz({"n": 3, "s": 3}),
    dj.MPSAnsatz({"n": 2, "s": 2}, bond_dim=3),
]


@pytest.mark.parametrize("ansatz", ANSATZE, ids=lambda a: type(a).__name__)
@settings(max_examples=15)
@given(texts=st.lists(small_sentences(), min_size=1, max_size=4), seed=st.integers(0, 2**16))
def test_compiled_contraction_equals_discopy_evaluation(ansatz, texts, seed) -> None:
    # DisCoPy tensors all words before any cup: small sentences keep that within memory.
    model = dj.TensorModel.from_data(texts, ansatz)
    params = model.init(jax.random.key(seed), dtype=jnp.float64)
    fast = np.asarray(model.apply(params, model.prepare(texts)))
    functor = discopy_functor(model.ansatz, model.vocabulary, params)
    for text, meaning in zip(texts, fast):
        slow = functor(dj.parse(text).to_diagram()).array
        np.testing.assert_allclose(meaning, slow, rtol=1e-9, atol=1e-12)


def _loss(params, batch):
    return jnp.sum(jnp.sin(evaluate(params, batch)))


def test_gradients_match_finite_differences() -> None:
    texts = ["skillful man prepares sauce", "woman runs", "man who cooks dinner sleeps"]
    model = dj.TensorModel.from_data(texts, dj.TensorAnsatz({"n": 2, "s": 2}))
    batch = model.prepare(texts)
    params = model.init(jax.random.key(1), dtype=jnp.float64)
    check_grads(jax.jit(lambda p: _loss(p, batch)), (params,), order=2, modes=["rev", "fwd"])


def test_optimised_path_gradient_equals_naive_order_gradient() -> None:
    text = "skillful woman who cooks tasty dinner prepares useful sauce"
    model = dj.TensorModel.from_data([text], dj.TensorAnsatz({"n": 3, "s": 2}))
    network = network_from_parse(dj.parse(text))
    program = lower(network, model.ansatz)
    naive = Program(
        program.equation,
        program.operands,
        tuple((0, 1) for _ in range(len(program.operands) - 1)),
        program.output_shape,
        program.n_words,
    )
    assert naive.path != program.path
    batch = model.prepare([text])
    ids = batch.buckets[0].ids
    params = model.init(jax.random.key(2), dtype=jnp.float64)

    def loss(p, prog):
        return jnp.sum(contract(prog, p, ids) ** 2)

    g_opt = jax.grad(loss)(params, program)
    g_naive = jax.grad(loss)(params, naive)
    for name in params:
        np.testing.assert_allclose(g_opt[name], g_naive[name], rtol=1e-10)
    assert program.flops() <= naive.flops()


def test_second_batch_of_seen_shapes_compiles_nothing() -> None:
    first = ["man prepares sauce", "woman runs", "tasty dinner sleeps"]
    second = ["woman cooks dinner", "man sleeps", "useful program runs"]
    model = dj.TensorModel.from_data(first + second, dj.TensorAnsatz({"n": 2, "s": 2}))
    params = model.init(jax.random.key(0))
    model.apply(params, model.prepare(first))
    before = compilations()
    result = model.apply(params, model.prepare(second))
    assert compilations() == before
    assert result.shape == (3, 2)


def test_compilations_grow_with_shapes_not_sentences() -> None:
    texts = [
        f"{a} {n} {v} {o}"
        for a in ("skillful", "tasty")
        for n in ("man", "woman")
        for v in ("prepares", "cooks")
        for o in ("sauce", "dinner")
    ]
    model = dj.TensorModel.from_data(texts, dj.TensorAnsatz({"n": 5, "s": 7}))
    params = model.init(jax.random.key(0))
    before = compilations()
    batch = model.prepare(texts)
    model.apply(params, batch)
    assert batch.shapes == 1
    assert compilations() - before == 1


def test_long_sentence_contracts_without_exponential_intermediates() -> None:
    clause = "who prepares tasty sauce"
    text = "man " + " ".join([clause] * 8) + " runs"
    assert len(text.split()) >= 30
    model = dj.TensorModel.from_data([text], dj.TensorAnsatz({"n": 16, "s": 16}))
    program = lower(network_from_parse(dj.parse(text)), model.ansatz)
    shapes = [(1, *op.shape) for op in program.operands]
    _, info = opt_einsum.contract_path(
        program.equation, *shapes, shapes=True, optimize=list(program.path)
    )
    assert info.largest_intermediate <= 16**4
    meaning = model.meaning(model.init(jax.random.key(0)), text)
    assert meaning.shape == (16,)
    assert bool(jnp.all(jnp.isfinite(meaning)))


def test_unknown_words_error_or_share_the_unk_row() -> None:
    strict = dj.TensorModel.from_data(["man runs"], dj.TensorAnsatz({"n": 2, "s": 2}))
    with pytest.raises(dj.UnknownWordError, match="'woman' at position 0"):
        strict.prepare(["woman runs"])
    lenient = dj.TensorModel.from_data(
        ["man runs"], dj.TensorAnsatz({"n": 2, "s": 2}), unknown="unk"
    )
    params = lenient.init(jax.random.key(0))
    unk = params["n"][0]
    expected = jnp.einsum("a,ab->b", unk, params["n.r s"][1])
    np.testing.assert_allclose(lenient.meaning(params, "woman runs"), expected, rtol=1e-6)


@settings(max_examples=4)
@given(texts=st.lists(sentences(), min_size=2, max_size=4), seed=st.integers(0, 2**16))
def test_whole_table_contraction_equals_row_gathering(texts, seed) -> None:
    model = dj.TensorModel.from_data(texts, dj.TensorAnsatz({"n": 2, "s": 3}))
    networks = model.networks(texts)
    # Every table of functional words (nouns stay gathered: two whole tables contracted together
    # before any batched operand would lose the batch axis, and lower() then gathers instead).
    everything = whole_tables(model.vocabulary, model.ansatz, max_rows=10**6, min_entries=4)
    gathered = prepare(networks, model.vocabulary, model.ansatz, whole=())
    selected = prepare(networks, model.vocabulary, model.ansatz, whole=everything)
    # lower() gathers a table again where its path would contract two whole tables first (two
    # adjectives, say): a batch may end with none whole, which this test does not exercise.
    assume(any(op.whole for b in selected.buckets for op in b.program.operands))
    params = model.init(jax.random.key(seed), dtype=jnp.float64, scale=1.0)
    np.testing.assert_allclose(evaluate(params, selected), evaluate(params, gathered), rtol=1e-10)
    g1 = jax.jit(jax.grad(lambda p: _loss(p, selected)))(params)
    g2 = jax.jit(jax.grad(lambda p: _loss(p, gathered)))(params)
    for name in params:
        np.testing.assert_allclose(g1[name], g2[name], rtol=1e-9, atol=1e-12)
