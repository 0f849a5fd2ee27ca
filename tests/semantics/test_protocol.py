"""Every semantics implements the one protocol; its DisCoPy picture equals the compiler."""

from __future__ import annotations

import jax
import jax.numpy as jnp
import numpy as np
import pytest

from discojax import MPSAnsatz, SpiderAnsatz, TensorAnsatz, TensorModel
from discojax.quantum import CircuitAnsatz, QuantumModel
from discojax.semantics import Semantics, semantics_from_json

SEMANTICS = [
    TensorAnsatz({"n": 2, "s": 3}),
    SpiderAnsatz({"n": 2, "s": 2}),
    MPSAnsatz({"n": 2, "s": 2}, bond_dim=3),
    CircuitAnsatz({"n": 1, "s": 1}, "sim15", n_layers=2),
    CircuitAnsatz({"n": 2, "s": 1}, "strongly_entangling", ranges=(1,)),
    CircuitAnsatz({"n": 1, "s": 1}, "iqp", ancillas=1, discard=True),
]


@pytest.mark.parametrize("semantics", SEMANTICS, ids=lambda s: s.to_json()["kind"])
def test_protocol_and_json_round_trip(semantics) -> None:
    assert isinstance(semantics, Semantics)
    again = semantics_from_json(semantics.to_json())
    assert again == semantics and hash(again) == hash(semantics)


@pytest.mark.parametrize("semantics", SEMANTICS[:3], ids=["tensor", "spider", "mps"])
def test_tensor_diagram_evaluates_to_the_compiled_meaning(x64, semantics) -> None:
    texts = ["Alice loves Bob", "tasty sauce"]
    model = TensorModel.from_data(texts[:1], semantics)
    params = model.init(jax.random.key(0), dtype=jnp.float64)
    diagram = model.diagram(params, "Bob loves Alice")
    np.testing.assert_allclose(
        diagram.eval().array, model.meaning(params, "Bob loves Alice"), atol=1e-12
    )


def test_circuit_semantics_gives_the_circuit_the_simulator_runs(x64) -> None:
    ansatz = SEMANTICS[3]
    model = QuantumModel.from_data(["Alice loves Bob"], ansatz)
    params = model.init(jax.random.key(2), dtype=jnp.float64)
    circuit = model.diagram(params, "Bob loves Alice")
    amplitudes = model.amplitudes(params, model.prepare(["Bob loves Alice"]))[0]
    np.testing.assert_allclose(np.asarray(circuit.eval().array), amplitudes, atol=1e-9)
    symbolic = ansatz("Bob loves Alice")
    assert len(symbolic.free_symbols) == sum(v.size for v in params.values())
