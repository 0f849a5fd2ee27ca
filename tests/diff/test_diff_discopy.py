"""Derivative diagrams against DisCoPy 1.2's own ``grad``: equal on pure circuits; on mixed
circuits DisCoPy's is wrong once numbers are put in, and ours, drawn as DisCoPy sums with the
numbers put in first, is right.

Why DisCoPy's mixed gradient is wrong: ``Rotation.grad(mixed=True)`` returns
``scalar(π, is_mixed=True) @ (R(θ + 1/4) + scalar(-1, is_mixed=True) @ R(θ - 1/4))``, right
as a symbolic sum; but ``Parametrized.subs`` and ``Parametrized.lambdify`` rebuild every box
as ``type(self)(data)``, and ``Scalar(data)`` is pure by default. ``eval(mixed=True)`` then
doubles each scalar as an amplitude: ``π`` becomes ``|π|² = 9.87`` and ``-1`` becomes ``+1``,
so the result is ``π² [p(θ + 1/4) + p(θ - 1/4)]`` instead of ``π [p(θ + 1/4) - p(θ - 1/4)]``.
"""

from __future__ import annotations

import jax
import jax.numpy as jnp
import numpy as np
import sympy
from discopy.quantum import Ket, Measure, Rx

from discojax.diff import Symbols, grad, jacobian, lambdify, prepare_derivatives
from discojax.quantum import CircuitAnsatz, QuantumModel, to_circuit


def _discopy_grad(circuit, symbol, values, mixed):
    """DisCoPy's derivative, numbers put in as its docs do: ``grad``, ``lambdify``, ``eval``."""
    keys = sorted(circuit.free_symbols, key=str)
    derivative = circuit.grad(symbol, mixed=mixed)
    return derivative.lambdify(*keys)(*(values[k] for k in keys)).eval().array


def _ours(model, params, text, symbol):
    table, row, column = Symbols.of(model).locate(symbol)
    full = jacobian(model, params, prepare_derivatives(model, [text]))[table]
    return np.asarray(full[0][..., row, column])  # circuits: one axis of angles


def test_pure_circuits_equal_discopy_grad(x64):
    """Rotations (Rx, Rz of a noun), controlled rotations (CRz of a verb), a word used twice."""
    text = "man prepares man"
    model = QuantumModel.from_data([text], CircuitAnsatz({"n": 1, "s": 1}, "iqp"))
    params = model.init(jax.random.key(3), dtype=jnp.float64)
    values = Symbols.of(model).values(params)
    circuit = to_circuit(text, model.ansatz)
    for name in ("man__n_0", "man__n_1", "prepares__n.r@s@n.l_1"):
        symbol = sympy.Symbol(name)
        theirs = _discopy_grad(circuit, symbol, values, mixed=False)
        ours = _ours(model, params, text, symbol)
        np.testing.assert_allclose(ours, theirs, atol=1e-9, err_msg=name)
        assert np.abs(theirs).max() > 1e-2
        drawn = grad(model, text, symbol).to_discopy(model, params)
        np.testing.assert_allclose(drawn.eval().array, theirs, atol=1e-9, err_msg=name)


def test_discopy_mixed_gradient_is_wrong_one_qubit():
    """The issue's example: 9.87 for both outcomes where finite differences give ±0.405."""
    theta, x = sympy.Symbol("theta"), 0.0206
    circuit = Ket(0) >> Rx(theta) >> Measure()
    derivative = circuit.grad(theta)  # mixed=True by default
    scalars = [b for t in derivative.terms for b in t.boxes if b.name == "scalar"]
    assert scalars and all(b.is_mixed for b in scalars)
    substituted = derivative.lambdify(theta)(x)
    assert not any(b.is_mixed for t in substituted.terms for b in t.boxes if b.name == "scalar")
    theirs = substituted.eval().array
    np.testing.assert_allclose(theirs, [np.pi**2, np.pi**2], atol=1e-9)

    def p(t):
        return circuit.lambdify(theta)(t).eval().array.real

    h = 1e-6
    finite = (p(x + h) - p(x - h)) / (2 * h)
    exact = np.pi * np.sin(2 * np.pi * x) * np.array([-1.0, 1.0])  # p = (cos², sin²)(πθ)
    np.testing.assert_allclose(finite, exact, atol=1e-6)
    assert abs(abs(exact[0]) - 0.405) < 1e-3
    # DisCoPy's terms, numbers in: pi^2 [p(θ + 1/4) + p(θ - 1/4)] = pi^2
    np.testing.assert_allclose(theirs.real, np.pi**2 * (p(x + 0.25) + p(x - 0.25)), atol=1e-9)


def test_mixed_sentence_ours_right(x64):
    """A sentence whose words discard an ancilla: ours equals jax.jacfwd and the DisCoPy sum
    that :meth:`FormalSum.to_discopy` draws (numbers put in before the mixed scalars)."""
    text = "man runs"  # nouns on no qubit: DisCoPy's mixed eval takes seconds a term
    ansatz = CircuitAnsatz({"n": 0, "s": 1}, "iqp", ancillas=1, discard=True)
    model = QuantumModel.from_data([text], ansatz)
    params = model.init(jax.random.key(1), dtype=jnp.float64)
    symbol = sympy.Symbol("runs__n.r@s_0")  # a CRz: four shifted terms
    ours = _ours(model, params, text, symbol).reshape(2, 2)
    table, row, column = Symbols.of(model).locate(symbol)

    def density(angle):
        moved = {**params, table: params[table].at[row, column].set(angle)}
        return model.amplitudes(moved, model.prepare([text]))[0].reshape(2, 2)

    auto = jax.jacfwd(density)(params[table][row, column])
    np.testing.assert_allclose(ours, auto, atol=1e-9)
    assert np.abs(auto).max() > 1e-2
    drawn = grad(model, text, symbol).to_discopy(model, params).eval(mixed=True).array
    np.testing.assert_allclose(np.asarray(drawn).reshape(2, 2), ours, atol=1e-9)


def test_lambdify_equals_discopy_lambdify(x64):
    """Our batch lambdify against DisCoPy's lambdify + eval, sentence by sentence; rows of a
    matrix of values under vmap equal one call each."""
    texts = ["Alice loves Bob", "Bob runs"]
    model = QuantumModel.from_data(texts, CircuitAnsatz({"n": 1, "s": 1}, "iqp"))
    symbols = Symbols.of(model)
    f = lambdify(model, texts, list(symbols))
    rows = jax.random.uniform(jax.random.key(0), (2, len(symbols)), jnp.float64)
    many = jax.vmap(f)(rows)
    for r in range(2):
        values = dict(zip(symbols, (float(v) for v in rows[r])))
        for i, text in enumerate(texts):
            circuit = to_circuit(text, model.ansatz)
            keys = sorted(circuit.free_symbols, key=str)
            theirs = circuit.lambdify(*keys)(*(values[k] for k in keys)).eval().array
            np.testing.assert_allclose(many[r, i], theirs, atol=1e-9)
        np.testing.assert_allclose(f(rows[r]), many[r], atol=1e-12)
