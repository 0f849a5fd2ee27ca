"""The CPU layouts (pairwise rewrites, words read in place) apply by the stated backend rule."""

from __future__ import annotations

import jax
import jax.numpy as jnp
import numpy as np
import pytest

import discojax as dj
from discojax.compile import _backend, _in_place, _pairwise, evaluate
from discojax.compile._backend import layouts
from discojax.errors import CompileError
from tests.compile.test_schedule import TEXTS, _shape_by_shape

pytestmark = pytest.mark.usefixtures("x64")


def test_the_rule_follows_the_backend_and_the_variable_overrides_it(monkeypatch) -> None:
    monkeypatch.setattr(jax, "default_backend", lambda: "gpu")
    assert layouts({}) == "generic"
    monkeypatch.setattr(jax, "default_backend", lambda: "cpu")
    assert layouts({}) == "cpu"
    assert layouts({"DISCOJAX_LAYOUTS": "generic"}) == "generic"
    with pytest.raises(CompileError, match="must be cpu or generic, not 'tpu'"):
        layouts({"DISCOJAX_LAYOUTS": "tpu"})


@pytest.mark.parametrize(
    ("chosen", "dims"), [("cpu", (3, 7)), ("generic", (3, 9))], ids=["cpu", "generic"]
)
def test_each_branch_is_taken_and_gives_the_same_values(monkeypatch, chosen, dims) -> None:
    # Thresholds lowered so that verbs are read in place and their steps rewritten where the
    # CPU layouts apply; dimensions only this test uses, so that every program is traced anew.
    monkeypatch.setenv("DISCOJAX_LAYOUTS", chosen)
    monkeypatch.setattr(_in_place, "MAP_MIN_ENTRIES", 8)
    monkeypatch.setattr(_pairwise, "MIN_ENTRIES", 8)
    planned = []
    plan = _pairwise._plan
    monkeypatch.setattr(_pairwise, "_plan", lambda *a: planned.append(a) or plan(*a))
    model = dj.TensorModel.from_data(TEXTS * 3, dj.TensorAnsatz({"n": dims[0], "s": dims[1]}))
    params = model.init(jax.random.key(3), dtype=jnp.float64, scale=1.0)
    batch = model.prepare(TEXTS * 3)
    program = str(jax.make_jaxpr(lambda p: evaluate(p, batch))(params))
    loops = "while[" in program or "scan[" in program  # lax.map / fori_loop: read in place
    assert loops == (chosen == "cpu")
    assert bool(planned) == (chosen == "cpu")  # the pairwise layout was considered
    assert _backend.cpu_layouts() == (chosen == "cpu")
    np.testing.assert_allclose(
        evaluate(params, batch), _shape_by_shape(params, batch), rtol=1e-10, atol=1e-12
    )
