"""to_circuit: DisCoPy circuits for drawing and for hardware."""

from __future__ import annotations

import jax
import numpy as np
import pytest
from discopy.grammar.pregroup import Box, Ty

from discojax.errors import CompileError
from discojax.grammar import parse
from discojax.quantum import CircuitAnsatz, QuantumModel, to_circuit


def test_symbols_are_named_like_lambeq():
    circuit = to_circuit("Alice loves Bob", CircuitAnsatz({"n": 1, "s": 1}))
    names = sorted(str(s) for s in circuit.free_symbols)
    assert names == [
        "alice__n_0",
        "alice__n_1",
        "alice__n_2",
        "bob__n_0",
        "bob__n_1",
        "bob__n_2",
        "loves__n.r@s@n.l_0",
        "loves__n.r@s@n.l_1",
    ]


def test_text_parse_and_diagram_give_the_same_circuit():
    ansatz = CircuitAnsatz({"n": 1, "s": 1}, "sim15")
    p = parse("man prepares sauce")
    assert to_circuit("man prepares sauce", ansatz) == to_circuit(p, ansatz)
    assert to_circuit(p, ansatz) == to_circuit(p.to_diagram(), ansatz)


def test_circuit_width_and_drawing():
    ansatz = CircuitAnsatz({"n": 1, "s": 1}, "iqp", ancillas=1)
    circuit = to_circuit("Alice runs", ansatz)
    assert len(circuit.cod) == 1
    assert circuit.to_drawing() is not None  # drawable (drawing it to a file is the user's call)


def test_pytket_conversion():
    pytest.importorskip("pytket")
    model = QuantumModel.from_data(["Alice loves Bob"], CircuitAnsatz({"n": 1, "s": 1}))
    params = model.init(jax.random.key(0))
    tk = to_circuit("Alice loves Bob", model.ansatz, params, model.vocabulary).to_tk()
    assert tk.n_qubits == 5  # 1 + 3 + 1 qubits; 4 post-selected by the two cups
    assert len(tk.post_selection) == 4
    assert set(tk.post_selection.values()) == {0}


def test_discards_in_the_circuit():
    ansatz = CircuitAnsatz({"n": 1, "s": 1}, "iqp", ancillas=1, discard=True)
    circuit = to_circuit("man runs", ansatz)
    assert circuit.is_mixed
    assert sum(type(b).__name__ == "Discard" for b in circuit.boxes) == 2


def test_boxes_with_inputs_are_refused():
    n = Ty("n")
    adjective = Box("tasty", n, n)
    with pytest.raises(CompileError, match="box 'tasty' has inputs"):
        to_circuit(adjective, CircuitAnsatz({"n": 1}))


def test_params_need_the_vocabulary():
    model = QuantumModel.from_data(["man runs"], CircuitAnsatz({"n": 1, "s": 1}))
    with pytest.raises(ValueError, match="needs the vocabulary"):
        to_circuit("man runs", model.ansatz, model.init(jax.random.key(0)))


def test_numeric_circuit_matches_the_model():
    model = QuantumModel.from_data(["woman cooks sauce"], CircuitAnsatz({"n": 1, "s": 1}, "sim14"))
    params = model.init(jax.random.key(1))
    circuit = to_circuit("woman cooks sauce", model.ansatz, params, model.vocabulary)
    ours = model.amplitudes(params, model.prepare(["woman cooks sauce"]))[0]
    np.testing.assert_allclose(ours, circuit.eval().array, atol=2e-5)
