"""Formal sums: the product rule's terms, symbols, and named errors before any work."""

from __future__ import annotations

import jax.numpy as jnp
import pytest
import sympy

from discojax import TensorAnsatz, TensorModel
from discojax.diff import Symbols, grad, lambdify_rows, rules, variables
from discojax.errors import DifferentiationError
from discojax.quantum import CircuitAnsatz, QuantumModel


def test_product_rule_terms_and_a_zero_derivative():
    model = QuantumModel.from_data(
        ["man prepares man", "woman runs"], CircuitAnsatz({"n": 1, "s": 1})
    )
    twice = grad(model, "man prepares man", "man__n_0")
    assert [t.slot for t in twice.terms] == [0, 2]  # one Rx term per occurrence
    assert [len(grad(model, "man prepares man", "prepares__n.r@s@n.l_0"))] == [2]  # CRz
    assert len(grad(model, "man prepares man", "woman__n_0")) == 0
    assert grad(model, "woman runs", "woman__n_0").to_discopy(model).terms[0].is_mixed is False


def test_mixed_rules_are_the_parameter_shift_rules():
    mixed = CircuitAnsatz({"n": 1, "s": 1}, "sim14", ancillas=1, discard=True)
    by_column = rules(mixed, "n")["n"]
    assert {len(r) for r in by_column} == {2, 4}  # Ry: two terms, CRx: four
    assert sum(c for _, c in by_column[0]) == pytest.approx(0.0)


def test_symbols_cover_every_entry_once():
    model = TensorModel.from_data(["man prepares dinner"], TensorAnsatz({"n": 2, "s": 3}))
    symbols = Symbols.of(model)
    assert len(symbols) == len(set(symbols)) == 2 * 2 + 2 * 3 * 2
    for symbol in symbols:
        assert symbols.entries[list(symbols).index(symbol)][1:] == symbols.locate(symbol)


def test_errors():
    model = TensorModel.from_data(["man runs"], TensorAnsatz({"n": 2, "s": 2}))
    with pytest.raises(DifferentiationError, match="unknown symbol 'woman__n_0'"):
        grad(model, "man runs", "woman__n_0")
    with pytest.raises(DifferentiationError, match=r"symbols \['y'\] besides"):
        lambdify_rows([variables(1)[0] + sympy.Symbol("y")], 1)
    with pytest.raises(DifferentiationError, match="no derivative rule for a dict"):
        rules({}, "n")


def test_lambdify_rows_is_vectorised_over_rows():
    x = variables(2)
    f = lambdify_rows([sympy.sin(x[0]) * x[1], sympy.Integer(3)], 2)
    table = jnp.array([[0.0, 1.0], [jnp.pi / 2, 2.0], [jnp.pi / 6, 4.0]])
    assert jnp.allclose(f(table), jnp.array([[0.0, 3.0], [2.0, 3.0], [2.0, 3.0]]))
