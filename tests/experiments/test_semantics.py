"""Semantics by name: each builds its model from a checked [semantics] table."""

from __future__ import annotations

import pytest

from discojax.experiments import SEMANTICS, SemanticsTable, build_model
from discojax.models import QuantumModel, TensorModel


@pytest.mark.parametrize(
    ("table", "model_type"),
    [
        ({"name": "tensor", "dims": {"n": 2, "s": 2}}, TensorModel),
        ({"name": "spider", "dims": {"n": 2, "s": 2}}, TensorModel),
        ({"name": "mps", "dims": {"n": 2, "s": 2}, "bond_dim": 3}, TensorModel),
        ({"name": "circuit", "qubits": {"n": 1, "s": 1}, "family": "sim14"}, QuantumModel),
    ],
)
def test_each_semantics_builds_its_model(table, model_type) -> None:
    checked = SemanticsTable.schema_for(table).model_validate(table)
    model = build_model(checked, ["Alice loves Bob"], None, "s")
    assert type(model) is model_type
    assert set(SEMANTICS) == {"tensor", "spider", "mps", "circuit"}


def test_a_circuit_model_gives_born_probabilities() -> None:
    table = SemanticsTable.schema_for({"name": "circuit"}).model_validate(
        {"name": "circuit", "qubits": {"n": 1, "s": 1}}
    )
    model = build_model(table, ["Alice loves Bob"], None, "s")
    assert model.output_kind == "probabilities" and model.ansatz.family == "iqp"
