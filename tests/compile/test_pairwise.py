"""Pairwise steps laid out for XLA's dot equal plain einsum, values and gradients."""

from __future__ import annotations

import jax
import jax.numpy as jnp
import numpy as np
import pytest

from discojax.compile._pairwise import MIN_ENTRIES, _plan, contract_pair

pytestmark = pytest.mark.usefixtures("x64")

# (equation, shape of x, shape of y): big word tensors contracted at their start, middle and
# end, on either side; whole tables (no batch axis); and steps left to einsum.
CASES = [
    ("zabcd,za->zbcd", (3, 8, 9, 10, 11), (3, 8)),
    ("za,zabcd->zbcd", (3, 8), (3, 8, 9, 10, 11)),
    ("zabcd,zc->zabd", (3, 8, 9, 10, 11), (3, 10)),
    ("zabcd,zd->zabc", (3, 8, 9, 10, 11), (3, 11)),
    ("zabcd,zda->zbc", (3, 8, 9, 10, 11), (3, 11, 8)),
    ("zabcd,zbce->zade", (3, 8, 9, 10, 11), (3, 9, 10, 2)),
    ("zabc,zca->zb", (4, 16, 16, 16), (4, 16, 16)),
    ("zab,cdeba->zcde", (5, 6, 7), (3, 8, 9, 7, 6)),
    ("zab,cdeab->zcde", (5, 6, 7), (3, 8, 9, 6, 7)),
    ("zab,abcde->zcde", (5, 6, 7), (6, 7, 3, 8, 9)),
    ("zab,acdeb->zcde", (5, 6, 7), (6, 3, 8, 9, 7)),
    ("zab,zbcd->zacd", (4, 64, 2), (4, 2, 64, 64)),
    ("zab,zb->zab", (4, 64, 64), (4, 64)),
]


@pytest.mark.parametrize(("equation", "x_shape", "y_shape"), CASES)
def test_contract_pair_equals_einsum_and_its_gradient(equation, x_shape, y_shape) -> None:
    # NumPy draws the operands: jax.random.normal compiles a program per shape, about 2 s each
    # for these float64 shapes, which was most of this test's time.
    rng = np.random.default_rng(len(equation))
    x, y = jnp.asarray(rng.standard_normal(x_shape)), jnp.asarray(rng.standard_normal(y_shape))
    expected = jnp.einsum(equation, x, y)
    np.testing.assert_allclose(contract_pair(equation, x, y), expected, rtol=1e-12, atol=1e-12)
    weights = jnp.asarray(rng.standard_normal(expected.shape))
    ours = jax.grad(lambda a, b: jnp.sum(weights * contract_pair(equation, a, b)), (0, 1))(x, y)
    theirs = jax.grad(lambda a, b: jnp.sum(weights * jnp.einsum(equation, a, b)), (0, 1))(x, y)
    for g1, g2 in zip(ours, theirs):
        np.testing.assert_allclose(g1, g2, rtol=1e-12, atol=1e-12)


def test_only_large_plain_steps_are_rewritten() -> None:
    big = (2, 16, 16, 16)
    assert MIN_ENTRIES <= 16**3
    assert _plan("zabc", "zb", "zac", big) == ("a", "b", "c", "")
    assert _plan("zabc", "zb", "zac", (2, 4, 4, 4)) is None  # too small to matter
    assert _plan("zabc", "zac", "zb", big) is None  # contracted indices not adjacent
    assert _plan("zabc", "zb", "zabc", big) is None  # b kept: a spider
    assert _plan("zabc", "zd", "zabcd", big) is None  # nothing contracted: an outer product
    assert _plan("cdeba", "zab", "zcde", (3, 16, 16, 16, 16)) == ("cde", "ba", "", "")
