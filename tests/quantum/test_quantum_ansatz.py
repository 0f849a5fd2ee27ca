"""Gates and ansätze against DisCoPy's own gates and ansätze, and against lambeq's circuits."""

from __future__ import annotations

import jax
import jax.numpy as jnp
import numpy as np
import pytest
from discopy.quantum import ansatze
from discopy.quantum import circuit as qc
from discopy.quantum import gates as qg

from discojax.grammar import parse_type
from discojax.quantum import AnsatzError, CircuitAnsatz
from discojax.semantics.circuit._circuit import word_circuit
from discojax.semantics.circuit._families import family_gates
from discojax.semantics.circuit._gates import matrix, run

TOL = 1e-5  # complex64 against DisCoPy's complex128


@pytest.mark.parametrize(
    ("name", "discopy_gate"),
    [
        ("Rx", qg.Rx),
        ("Ry", qg.Ry),
        ("Rz", qg.Rz),
        ("CRx", qg.CRx),
        ("CRz", qg.CRz),
    ],
)
def test_rotation_matrices_equal_discopy(name, discopy_gate):
    for theta in (0.0, 0.13, 0.5, -0.77):
        ours = np.asarray(matrix(name, jnp.array([theta]))[0])
        k = 1 if name in ("Rx", "Ry", "Rz") else 2
        theirs = np.asarray(discopy_gate(theta).array).reshape(2**k, 2**k).T  # dom x cod
        np.testing.assert_allclose(ours, theirs, atol=TOL)


@pytest.mark.parametrize(("name", "gate"), [("H", qg.H), ("X", qg.X), ("CX", qg.CX)])
def test_fixed_matrices_equal_discopy(name, gate):
    k = 2 if name == "CX" else 1
    theirs = np.asarray(gate.array).reshape(2**k, 2**k).T
    np.testing.assert_allclose(np.asarray(matrix(name)), theirs, atol=TOL)


def _discopy_family(family: str, n: int, params: np.ndarray) -> qc.Circuit:
    """DisCoPy's own construction of the family (lambeq adds IQP's final Hadamards)."""
    if family == "iqp":
        circuit = ansatze.IQPansatz(n, params)
        return circuit >> qc.Id(0).tensor(*([qg.H] * n)) if n > 1 else circuit
    return {"sim14": ansatze.Sim14ansatz, "sim15": ansatze.Sim15ansatz}[family](n, params)


@pytest.mark.parametrize("family", ["iqp", "sim14", "sim15"])
@pytest.mark.parametrize("n", [1, 2, 3])
def test_family_states_equal_discopy_ansatze(family, n):
    gates, n_params = family_gates(family, n, 2)
    angles = np.random.default_rng(n).random(n_params)
    shaped = angles if n == 1 else angles.reshape(2, -1)
    expected = (qg.Ket(*([0] * n)) >> _discopy_family(family, n, shaped)).eval().array
    ours = run(gates, n, jnp.asarray(angles[None], dtype=jnp.float32))[0]
    np.testing.assert_allclose(np.asarray(ours), np.asarray(expected), atol=TOL)


LAMBEQ_FAMILIES = {
    "iqp": "IQPAnsatz",
    "sim14": "Sim14Ansatz",
    "sim15": "Sim15Ansatz",
    "strongly_entangling": "StronglyEntanglingAnsatz",
}


@pytest.mark.parametrize("family", sorted(LAMBEQ_FAMILIES))
def test_word_states_equal_lambeq_circuits(family):
    lambeq = pytest.importorskip("lambeq")
    from lambeq.backend.grammar import Box, Ty

    n, s = Ty("n"), Ty("s")
    theirs_ansatz = getattr(lambeq, LAMBEQ_FAMILIES[family])({n: 1, s: 2}, n_layers=2)
    ours = CircuitAnsatz({"n": 1, "s": 2}, family, n_layers=2)
    rng = np.random.default_rng(0)
    for name, lambeq_type, type_string in [
        ("alice", n, "n"),
        ("runs", n.r @ s, "n.r s"),
        ("loves", n.r @ s @ n.l, "n.r s n.l"),
    ]:
        circuit = theirs_ansatz(Box(name, Ty(), lambeq_type))
        symbols = sorted(circuit.free_symbols, key=lambda x: int(str(x).rsplit("_", 1)[1]))
        values = rng.random(len(symbols))
        expected = circuit.lambdify(*symbols)(*values).eval()
        ty = parse_type(type_string)
        assert ours.n_params(ty) == len(symbols)
        state = ours.states(ty, jnp.asarray(values[None], dtype=jnp.float32))[0]
        # states() lists the qubits of odd-adjoint wires in reverse; undo that for s (2 qubits)
        k = ours.width(ty)
        raw = run(ours.gates(k), k, jnp.asarray(values[None], dtype=jnp.float32))[0]
        np.testing.assert_allclose(np.asarray(raw).ravel(), np.ravel(expected), atol=TOL)
        assert state.size == 2**k


def test_word_circuit_equals_our_state_with_ancillas():
    ansatz = CircuitAnsatz({"n": 1, "s": 1}, "sim14", ancillas=1)
    ty = parse_type("n.r s")
    angles = np.random.default_rng(1).random(ansatz.n_params(ty))
    expected = word_circuit(ansatz, ty, list(angles)).eval().array
    ours = ansatz.states(ty, jnp.asarray(angles[None], dtype=jnp.float32))[0]
    np.testing.assert_allclose(np.asarray(ours), np.asarray(expected), atol=TOL)


def test_parameter_counts_follow_lambeq():
    ty = parse_type("n.r s n.l")  # three qubits
    counts = {
        f: CircuitAnsatz({"n": 1, "s": 1}, f, n_layers=2).n_params(ty) for f in LAMBEQ_FAMILIES
    }
    assert counts == {"iqp": 4, "sim14": 24, "sim15": 12, "strongly_entangling": 18}
    assert CircuitAnsatz({"n": 1}, n_single_qubit_params=5).n_params(parse_type("n")) == 5
    assert CircuitAnsatz({"n": 0, "s": 1}).n_params(parse_type("n")) == 0


def test_zero_qubit_wires_are_scalars():
    ansatz = CircuitAnsatz({"n": 0, "s": 1})
    state = ansatz.states(parse_type("n"), jnp.zeros((3, 0)))
    assert state.shape == (3, 1)
    assert bool(jnp.all(state == 1))


def test_mixed_word_is_a_density_matrix():
    ansatz = CircuitAnsatz({"n": 1, "s": 1}, "iqp", ancillas=1, discard=True)
    ty = parse_type("n")
    rho = ansatz.states(ty, jax.random.uniform(jax.random.key(0), (4, ansatz.n_params(ty))))
    rho = np.asarray(rho).reshape(4, 2, 2)
    np.testing.assert_allclose(np.trace(rho, axis1=1, axis2=2), np.ones(4), atol=TOL)
    np.testing.assert_allclose(rho, np.conj(np.transpose(rho, (0, 2, 1))), atol=TOL)
    assert np.all(np.linalg.eigvalsh(rho) > -TOL)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"qubits": {"n": -1}}, "qubits >= 0"),
        ({"qubits": {"n": 1.5}}, "qubits >= 0"),
        ({"qubits": {"n": 1}, "family": "sim99"}, "unknown circuit family"),
        ({"qubits": {"n": 1}, "n_layers": 0}, "n_layers"),
        ({"qubits": {"n": 1}, "ancillas": -1}, "ancillas"),
        ({"qubits": {"n": 1}, "family": "strongly_entangling", "ranges": (1, 1)}, "ranges"),
        ({"qubits": {"n": 1}, "family": "iqp", "ranges": (1,)}, "ranges"),
    ],
)
def test_bad_ansatz_is_a_named_error(kwargs, message):
    with pytest.raises(AnsatzError, match=message):
        CircuitAnsatz(**kwargs)


def test_strongly_entangling_range_too_long():
    ansatz = CircuitAnsatz({"n": 1, "s": 1}, "strongly_entangling", ranges=(2,))
    with pytest.raises(AnsatzError, match="range 2"):
        ansatz.n_params(parse_type("n.r s"))


def test_unknown_basic_type():
    with pytest.raises(AnsatzError, match="no number of qubits for type 'p'"):
        CircuitAnsatz({"n": 1}).width(parse_type("p"))


def test_angle_table_of_the_wrong_width():
    ansatz = CircuitAnsatz({"n": 1, "s": 1})
    with pytest.raises(AnsatzError, match="has 2 angles per word, but the iqp ansatz needs 3"):
        ansatz.check_angles("n", parse_type("n"), jnp.zeros((4, 2)))
