"""The Stoch semantics: compiled kernels against DisCoPy's own evaluation, merges, Dirac boxes."""

from __future__ import annotations

import jax
import jax.numpy as jnp
import numpy as np
import pytest
from discopy import markov
from jax.test_util import check_grads

from discojax.compile import Network, compilations
from discojax.errors import CompileError, NotMarkovError
from discojax.grammar import parse
from discojax.models import load_model, save_model
from discojax.rewrite import remove_cups
from discojax.semantics import semantics_from_json
from discojax.semantics.markov import (
    StochModel,
    StochSemantics,
    check_markov,
    dirac,
    is_deterministic,
    network_from_markov,
    stoch_diagram,
    to_markov,
)
from discojax.train import TrainConfig, fit

pytestmark = pytest.mark.usefixtures("x64")
X, Y = markov.Ty("x"), markov.Ty("y")
DIMS = {"x": 2, "y": 3}


def random_markov(rng: np.random.Generator, steps: int = 7) -> markov.Diagram:
    """A random Markov state: boxes on random wires, copies, discards, swaps; each wire kept
    once at the end (the compiler keeps a copied wire once)."""
    obs = [X, Y]
    diagram: markov.Diagram = markov.Box(f"s{rng.integers(2)}", markov.Ty(), X @ Y)
    ids = [0, 1]  # which copied wire each output is
    fresh = 2
    for _ in range(steps):
        n = len(diagram.cod)
        move = rng.integers(5)
        if move == 0 or n == 0:  # a new state on the right
            ob = obs[rng.integers(2)]
            diagram = diagram @ markov.Box(f"p{ob}", markov.Ty(), ob)
            ids.append(fresh)
            fresh += 1
        elif move == 1:  # a box on one or two adjacent wires
            i = int(rng.integers(n))
            width = 1 if i == n - 1 else int(rng.integers(1, 3))
            dom = diagram.cod[i : i + width]
            cod = obs[rng.integers(2)] if rng.integers(2) else X @ Y
            name = f"f{dom}_{cod}".replace(" ", "")
            box = markov.Box(name, dom, cod)
            diagram = diagram >> diagram.cod[:i] @ box @ diagram.cod[i + width :]
            ids[i : i + width] = list(range(fresh, fresh + len(cod)))
            fresh += len(cod)
        elif move == 2:  # copy a wire
            i = int(rng.integers(n))
            diagram = (
                diagram >> diagram.cod[:i] @ markov.Copy(diagram.cod[i]) @ diagram.cod[i + 1 :]
            )
            ids.insert(i, ids[i])
        elif move == 3 and n > 1:  # discard a wire
            i = int(rng.integers(n))
            diagram = (
                diagram >> diagram.cod[:i] @ markov.Discard(diagram.cod[i]) @ diagram.cod[i + 1 :]
            )
            del ids[i]
        elif n > 1:  # swap two adjacent wires
            i = int(rng.integers(n - 1))
            swap = markov.Swap(diagram.cod[i : i + 1], diagram.cod[i + 1 : i + 2])
            diagram = diagram >> diagram.cod[:i] @ swap @ diagram.cod[i + 2 :]
            ids[i], ids[i + 1] = ids[i + 1], ids[i]
    for i in reversed(range(len(ids))):  # a wire copied to the output twice: discard one copy
        if ids[i] in ids[:i]:
            diagram = (
                diagram >> diagram.cod[:i] @ markov.Discard(diagram.cod[i]) @ diagram.cod[i + 1 :]
            )
            del ids[i]
    return diagram


def compiled_and_discopy(diagram, semantics, seed=0):
    target = " ".join(ob.name for ob in diagram.cod.inside)
    model = StochModel.from_data([diagram], semantics, target=target)
    params = model.init(jax.random.key(seed), jnp.float64)
    fast = model.apply(params, model.prepare([diagram]))[0]
    slow = stoch_diagram(model.ansatz, model.vocabulary, params, diagram).eval().array
    return np.asarray(fast), np.asarray(slow, dtype=np.float64)


@pytest.mark.parametrize("seed", range(5))
def test_random_markov_diagrams_equal_discopy_and_are_distributions(seed):
    diagram = random_markov(np.random.default_rng(seed))
    fast, slow = compiled_and_discopy(diagram, StochSemantics(DIMS), seed)
    assert fast.shape == slow.shape == tuple(DIMS[ob.name] for ob in diagram.cod.inside)
    np.testing.assert_allclose(fast, slow, atol=1e-12)
    assert abs(fast.sum() - 1.0) < 1e-12 and fast.min() >= 0


def test_a_cup_free_grammar_diagram_equals_discopy():
    semantics = StochSemantics({"n": 2, "s": 3})
    for text in ["Alice loves Bob", "skillful man prepares sauce", "man runs"]:
        diagram = remove_cups(parse(text).to_diagram())
        model = StochModel.from_data([diagram], semantics)
        params = model.init(jax.random.key(1), jnp.float64)
        fast = model.apply(params, model.prepare([diagram]))[0]
        slow = stoch_diagram(semantics, model.vocabulary, params, to_markov(diagram)).eval()
        np.testing.assert_allclose(fast, slow.array, atol=1e-12)
        assert abs(float(fast.sum()) - 1.0) < 1e-12


def test_the_composite_is_the_chapman_kolmogorov_sum():
    p, f, g = markov.Box("p", markov.Ty(), X), markov.Box("f", X, Y), markov.Box("g", Y, X)
    model = StochModel.from_data([p >> f >> g], StochSemantics(DIMS), target="x")
    params = model.init(jax.random.key(2), jnp.float64)
    kernels = model.ansatz.word_tensors(params, ["x", "x.r y", "y.r x"])
    expected = kernels["x"][0] @ kernels["x.r y"][0] @ kernels["y.r x"][0]
    np.testing.assert_allclose(
        model.apply(params, model.prepare([p >> f >> g]))[0], expected, atol=1e-14
    )


def test_copy_then_discard_is_the_identity_and_copies_are_diagonal():
    p = markov.Box("p", markov.Ty(), X)
    both = p >> markov.Copy(X) >> markov.Box("f", X, Y) @ X  # the joint of p and f
    model = StochModel.from_data([both, p], StochSemantics(DIMS), target="y x")
    params = model.init(jax.random.key(3), jnp.float64)
    kernels = model.ansatz.word_tensors(params, ["x", "x.r y"])
    joint = kernels["x.r y"][0].T * kernels["x"][0][None, :]  # [y, x]
    np.testing.assert_allclose(model.apply(params, model.prepare([both]))[0], joint, atol=1e-14)
    marginal = StochModel(model.ansatz, model.vocabulary, target="x")
    discarded = p >> markov.Copy(X) >> X @ markov.Discard(X)
    np.testing.assert_allclose(
        marginal.apply(params, marginal.prepare([discarded]))[0], kernels["x"][0], atol=1e-14
    )


def test_merges_are_errors_or_renormalised_with_their_evidence():
    a, b = markov.Box("a", markov.Ty(), X), markov.Box("b", markov.Ty(), X)
    merged = a @ b >> markov.Merge(X)
    with pytest.raises(NotMarkovError, match=r"sentence 0: wire 0 \(type x\) has 2 producers"):
        StochModel.from_data([merged], StochSemantics(DIMS), target="x")
    semantics = StochSemantics(DIMS, merges="renormalise")
    model = StochModel.from_data([merged], semantics, target="x")
    params = model.init(jax.random.key(4), jnp.float64)
    batch = model.prepare([merged])
    pa, pb = (model.ansatz.word_tensors(params, ["x"])["x"][i] for i in (0, 1))
    # conditioning two independent draws on agreeing: p(x) ∝ pa(x) pb(x)
    np.testing.assert_allclose(model.apply(params, batch)[0], pa * pb / (pa @ pb), atol=1e-14)
    np.testing.assert_allclose(model.evidence(params, batch)[0], pa @ pb, atol=1e-14)
    slow = stoch_diagram(semantics, model.vocabulary, params, merged).eval().array
    np.testing.assert_allclose(slow.sum(), pa @ pb, atol=1e-14)  # DisCoPy's merge, unnormalised


def test_cycles_and_bad_diagrams_are_named_errors():
    with pytest.raises(NotMarkovError, match="open inputs"):
        network_from_markov(markov.Box("f", X, X))
    twice = markov.Box("p", markov.Ty(), X) >> markov.Copy(X)
    with pytest.raises(NotMarkovError, match="outputs 0 and 1 are copies of one wire"):
        network_from_markov(twice)
    with pytest.raises(NotMarkovError, match="cup-free"):
        to_markov(parse("Alice runs").to_diagram())
    with pytest.raises(CompileError, match="merges must be"):
        StochSemantics(DIMS, merges="drop")  # type: ignore[arg-type]
    # the uncurried parse is a Markov map too: each cup feeds an output into an argument
    check_markov(
        StochModel.from_data(["Alice runs"], StochSemantics({"n": 2, "s": 2})).networks(
            ["Alice runs"]
        )[0]
    )


def test_deterministic_boxes_are_dirac_kernels_and_stay_so_under_training():
    p, neg = markov.Box("p", markov.Ty(), X), markov.Box("not", X, X)
    items = [p >> neg, p]
    semantics = StochSemantics({"x": 2}, deterministic={"not": (1, 0)})
    model = StochModel.from_data(items, semantics, target="x")
    params = model.init(jax.random.key(5), jnp.float64)
    kernel = model.ansatz.word_tensors(params, ["x.r x"])["x.r x"][0]
    np.testing.assert_array_equal(kernel, dirac([1, 0], 2))
    assert is_deterministic(kernel) and not is_deterministic(
        model.ansatz.word_tensors(params, ["x"])["x"][0]
    )
    batch = model.prepare(items)
    result = fit(
        model,
        params,
        batch,
        jnp.array([1, 1]),
        config=TrainConfig(epochs=20, learning_rate=0.1),
        callbacks=[],
    )
    trained = model.ansatz.word_tensors(result.last_params, ["x.r x", "x"])
    np.testing.assert_array_equal(trained["x.r x"][0], dirac([1, 0], 2))
    p_x = trained["x"][0]  # the data say x = 1 after 'not' and x = 1 alone: p cannot fit both
    assert 0.3 < float(p_x[1]) < 0.7
    with pytest.raises(CompileError, match="deterministic word 'not': needs 2 outcomes"):
        StochSemantics({"x": 2}, deterministic={"not": (1, 0, 1)}).init(
            jax.random.key(0), {"x.r x": (1, 2, 2)}, rows={"x.r x": ("not",)}
        )


def test_gradients_match_finite_differences_and_json_round_trips():
    diagram = random_markov(np.random.default_rng(11))
    target = " ".join(ob.name for ob in diagram.cod.inside)
    semantics = StochSemantics(DIMS)
    model = StochModel.from_data([diagram], semantics, target=target)
    params = model.init(jax.random.key(6), jnp.float64)
    batch = model.prepare([diagram])
    check_grads(lambda p: model.apply(p, batch), (params,), order=1, modes=("rev",))
    assert semantics_from_json(semantics.to_json()) == semantics


def test_a_stoch_model_saves_and_loads(tmp_path):
    diagram = random_markov(np.random.default_rng(12))
    target = " ".join(ob.name for ob in diagram.cod.inside)
    semantics = StochSemantics(DIMS, deterministic={"fx_x": (1, 0)}, merges="renormalise")
    model = StochModel.from_data([diagram], semantics, target=target)
    params = model.init(jax.random.key(7), jnp.float64)
    save_model(tmp_path, model, params)
    loaded, loaded_params = load_model(tmp_path)
    assert type(loaded) is StochModel and loaded == model
    batch = model.prepare([diagram])
    np.testing.assert_array_equal(loaded.apply(loaded_params, batch), model.apply(params, batch))


def test_a_second_batch_of_a_seen_shape_compiles_nothing():
    f = markov.Box("f", X, Y)
    first = [markov.Box(a, markov.Ty(), X) >> f for a in ("a", "b")]
    second = [markov.Box(a, markov.Ty(), X) >> f for a in ("b", "a")]
    model = StochModel.from_data(first, StochSemantics(DIMS), target="y")
    params = model.init(jax.random.key(8), jnp.float64)
    model.apply(params, model.prepare(first))
    before = compilations()
    out = model.apply(params, model.prepare(second))
    assert compilations() == before
    np.testing.assert_allclose(out, model.apply(params, model.prepare(first))[::-1], atol=1e-15)


def test_wires_without_a_producer_and_cycles_are_not_markov_maps():
    kernel = (("x", 1), ("x", 0))
    orphan = Network(("f",), (kernel,), ((0, 1),), (1,), (("x", 0),), ("x", "x"))
    with pytest.raises(NotMarkovError, match=r"wire 0 \(type x\) has no producer"):
        check_markov(orphan)
    check_markov(orphan, merges=True)  # a unit, renormalised: allowed
    loop = Network(("f", "g"), (kernel, kernel), ((0, 1), (1, 0)), (), (), ("x", "x"))
    with pytest.raises(NotMarkovError, match="feeds itself: a cycle"):
        check_markov(loop, merges=True)
