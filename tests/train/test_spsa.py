from __future__ import annotations

import jax
import jax.numpy as jnp
import numpy as np

from discojax.train import SPSASettings, spsa_step


def test_spsa_gradient_estimate_is_unbiased_on_a_quadratic() -> None:
    target = jnp.array([1.0, -2.0, 0.5])
    params = {"x": jnp.zeros(3)}

    def loss(p):
        return jnp.sum((p["x"] - target) ** 2)

    settings = SPSASettings(a=1.0, c=0.01, A=0.0, alpha=0.0, gamma=0.0)  # a_k = 1, c_k = c
    steps = jax.vmap(lambda k: spsa_step(loss, params, k, 0, settings)[0]["x"])(
        jax.random.split(jax.random.key(0), 4000)
    )
    estimate = -np.mean(np.asarray(steps), axis=0)  # params - 1 * g, from zero
    true_grad = np.asarray(jax.grad(loss)(params)["x"])
    np.testing.assert_allclose(estimate, true_grad, atol=0.15)


def test_spsa_minimises_a_quadratic() -> None:
    def loss(p):
        return jnp.sum((p["w"] - 2.0) ** 2)

    params = {"w": jnp.zeros((2, 2))}
    step = jax.jit(lambda p, k, i: spsa_step(loss, p, k, i, SPSASettings(a=0.3, c=0.1)))
    for i in range(400):
        params, _ = step(params, jax.random.key(i), i)
    assert float(loss(params)) < 1e-3
