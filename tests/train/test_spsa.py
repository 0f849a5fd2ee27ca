"""SPSA as an optax transformation: the old formula bit for bit, unbiased, and no gradients."""

from __future__ import annotations

import jax
import jax.numpy as jnp
import numpy as np
import optax
import pytest

import discojax as dj
from discojax.train import (
    Minibatch,
    MinibatchPlan,
    SPSASettings,
    TrainConfig,
    TrainState,
    ValueOnlyTransformation,
    epoch_rows,
    make_step,
    spsa,
)


def old_spsa_step(loss, params, key, k, settings):
    """The SPSA step as it was before it became a transformation (the reference)."""
    a_k, c_k = settings.gains(k)
    leaves, treedef = jax.tree_util.tree_flatten(params)
    keys = jax.random.split(key, len(leaves))
    deltas = [
        jax.random.rademacher(k_, leaf.shape, dtype=leaf.dtype) for k_, leaf in zip(keys, leaves)
    ]
    plus = jax.tree_util.tree_unflatten(treedef, [p + c_k * d for p, d in zip(leaves, deltas)])
    minus = jax.tree_util.tree_unflatten(treedef, [p - c_k * d for p, d in zip(leaves, deltas)])
    loss_plus, loss_minus = loss(plus), loss(minus)
    scale = (loss_plus - loss_minus) / (2 * c_k)
    updated = jax.tree_util.tree_unflatten(
        treedef, [p - a_k * scale * d for p, d in zip(leaves, deltas)]
    )
    return updated, (loss_plus + loss_minus) / 2


def loss(p):
    return jnp.sum(jnp.sin(p["w"]) * 3.1) + jnp.sum((p["b"] - 0.5) ** 2)


@pytest.mark.parametrize("seed", [0, 7])
def test_spsa_equals_the_old_formula_bit_for_bit(seed) -> None:
    params = {"w": jax.random.normal(jax.random.key(1), (5, 3)), "b": jnp.linspace(-1, 1, 4)}
    settings = SPSASettings(a=0.05, c=0.06, A=2.4)
    old = jax.jit(
        lambda p, k: old_spsa_step(
            loss, p, jax.random.fold_in(jax.random.key(seed), k), k, settings
        )
    )
    optimiser = spsa(a=0.05, c=0.06, A=2.4, seed=seed)

    @jax.jit
    def new(p, state):
        updates, state = optimiser.update(None, state, p, value_fn=loss)
        return optax.apply_updates(p, updates), state

    a, b, state = params, params, optimiser.init(params)
    for k in range(60):
        a, value = old(a, k)
        b, state = new(b, state)
        assert float(value) == float(state.value), k
    for name in params:
        assert np.array_equal(np.asarray(a[name]), np.asarray(b[name])), name


def test_spsa_gradient_estimate_is_unbiased_on_a_quadratic() -> None:
    target = jnp.array([1.0, -2.0, 0.5])
    params = {"x": jnp.zeros(3)}

    def quadratic(p):
        return jnp.sum((p["x"] - target) ** 2)

    optimiser = spsa(a=1.0, c=0.01, A=0.0, alpha=0.0, gamma=0.0)  # a_k = 1, c_k = c

    def one_step(key_data):
        state = optimiser.init(params)._replace(key=key_data)
        return optimiser.update(None, state, params, value_fn=quadratic)[0]["x"]

    keys = jax.vmap(jax.random.key_data)(jax.random.split(jax.random.key(0), 4000))
    estimate = -np.mean(np.asarray(jax.vmap(one_step)(keys)), axis=0)
    true_grad = np.asarray(jax.grad(quadratic)(params)["x"])
    np.testing.assert_allclose(estimate, true_grad, atol=0.15)


def test_spsa_minimises_a_quadratic() -> None:
    def quadratic(p):
        return jnp.sum((p["w"] - 2.0) ** 2)

    params = {"w": jnp.zeros((2, 2))}
    optimiser = spsa(a=0.3, c=0.1)
    state = optimiser.init(params)
    update = jax.jit(lambda p, s: optimiser.update(None, s, p, value_fn=quadratic))
    for _ in range(400):
        updates, state = update(params, state)
        params = optax.apply_updates(params, updates)
    assert float(quadratic(params)) < 1e-3


class HostModel:
    """A tensor model whose outputs pass through the host: values, but no gradient (a device)."""

    def __init__(self) -> None:
        texts = ["man cooks meal", "woman debugs program"]
        self.inner = dj.TensorModel.from_data(texts, dj.TensorAnsatz({"n": 2, "s": 2}))
        self.batch, self.labels = self.inner.prepare(texts), jnp.array([1, 0])

    def apply(self, params, batch):
        one = jax.ShapeDtypeStruct((), jnp.float32)
        scale = jax.pure_callback(lambda n: np.float32(1.0), one, params["n"])
        return self.inner.apply(params, batch) * scale


def test_the_step_takes_no_gradient_for_spsa() -> None:
    model = HostModel()
    params = model.inner.init(jax.random.key(0))
    rows, masks = epoch_rows(model.batch, MinibatchPlan.for_batch(model.batch, None), 0, 0)
    minibatch = Minibatch(model.batch, model.labels, rows[0], masks[0])
    config = TrainConfig(optimizer="spsa")
    state, value = make_step(model, config)(TrainState.create(params, config), minibatch)
    assert np.isfinite(float(value)) and state.step == 1
    adam = TrainConfig(optimizer="adam")
    with pytest.raises(ValueError, match="callback"):
        make_step(model, adam)(TrainState.create(params, adam), minibatch)


def test_spsa_is_a_value_only_transformation() -> None:
    assert isinstance(spsa(), ValueOnlyTransformation)
    assert isinstance(spsa(), optax.GradientTransformationExtraArgs)
    assert isinstance(TrainConfig(optimizer="spsa").transformation(), ValueOnlyTransformation)
    assert not isinstance(TrainConfig().transformation(), ValueOnlyTransformation)
