"""Sentences as DisCoPy circuits: for drawing, for checking, and for hardware.

:func:`to_circuit` applies the circuit functor to a pregroup diagram: each basic type to its
qubits, each word to ``Ket(0, …, 0)`` followed by its ansatz circuit (built from DisCoPy's own
gates) and its ancillas' ``Bra(0)`` or ``Discard``; cups become DisCoPy's Bell effects. Angles
are numbers taken from a model's tables, or sympy symbols named as lambeq names them
(``word__type_j``). Send the result to hardware with ``circuit.to_tk()`` (needs ``pytket``).

>>> circuit = to_circuit("Alice runs", CircuitAnsatz({"n": 1, "s": 1}))
>>> sorted(str(s) for s in circuit.free_symbols)
['alice__n_0', 'alice__n_1', 'alice__n_2', 'runs__n.r@s_0']
>>> print(circuit.cod)
qubit
"""

from __future__ import annotations

from collections.abc import Mapping

import jax
import numpy as np
from discopy.cat import Category
from discopy.grammar import pregroup
from discopy.quantum import circuit as qc
from discopy.quantum import gates as qg
from sympy import Symbol

from discojax.compile._vocabulary import Vocabulary
from discojax.errors import CompileError
from discojax.grammar import Parse, default_parser
from discojax.grammar._types import format_type, from_discopy
from discojax.semantics.circuit._ansatz import CircuitAnsatz
from discojax.semantics.circuit._gates import Gate

_ROTATIONS = {"Rx": qg.Rx, "Ry": qg.Ry, "Rz": qg.Rz}


def _place(gate: Gate, angle: object, n: int) -> qc.Circuit:
    """One gate as a DisCoPy circuit on ``n`` qubits."""
    if gate.name in ("H", "X"):
        box = qg.H if gate.name == "H" else qg.X
        (q,) = gate.qubits
        return qc.Id(q) @ box @ qc.Id(n - q - 1)
    if gate.name in _ROTATIONS:
        (q,) = gate.qubits
        return qc.Id(q) @ _ROTATIONS[gate.name](angle) @ qc.Id(n - q - 1)
    target = {"CX": qg.X, "CRx": qg.Rx, "CRz": qg.Rz}[gate.name]
    controlled = target if gate.name == "CX" else target(angle)
    return qc.Id(n).apply_controlled(controlled, *gate.qubits)


def word_circuit(ansatz: CircuitAnsatz, ty: tuple, angles: list) -> qc.Circuit:
    """A word's circuit: ``Ket(0, …)``, the ansatz, then its ancillas post-selected or discarded.

    >>> from discojax.grammar import parse_type
    >>> print(word_circuit(CircuitAnsatz({"n": 1}), parse_type("n"), [0.1, 0.2, 0.3]))
    Ket(0) >> Rx(0.1) >> Rz(0.2) >> Rx(0.3)
    """
    n = ansatz.circuit_qubits(ty)
    if n == 0:
        return qc.Id(0)
    circuit = qg.Ket(*([0] * n))
    for gate in ansatz.gates(n):
        circuit = circuit >> _place(gate, None if gate.param is None else angles[gate.param], n)
    k = ansatz.width(ty)
    if n > k:
        ends = [qg.Discard() if ansatz.discard else qg.Bra(0) for _ in range(n - k)]
        circuit = circuit >> qc.Id(k) @ qc.Id(0).tensor(*ends)
    return circuit


def to_circuit(
    diagram: str | Parse | pregroup.Diagram,
    ansatz: CircuitAnsatz,
    params: Mapping[str, jax.Array] | None = None,
    vocabulary: Vocabulary | None = None,
) -> qc.Circuit:
    """The DisCoPy circuit of a sentence (text, a parse, or a pregroup diagram of word states).

    Args:
        diagram: the sentence.
        ansatz: the circuit ansatz.
        params: angle tables; without them, the angles are sympy symbols ``word__type_j``.
        vocabulary: the rows of the tables (needed with ``params``).

    Raises:
        CompileError: a box with inputs (only word states, cups, caps, swaps and spiders).
        UnknownWordError: a word the vocabulary lacks.

    >>> import numpy as np
    >>> c = to_circuit("Alice runs", CircuitAnsatz({"n": 1, "s": 1}))
    >>> values = {s: 0.0 for s in c.free_symbols}
    >>> np.abs(c.lambdify(*values)(*values.values()).eval().array).round(3).tolist()
    [1.0, 0.0]
    """
    if isinstance(diagram, str):
        diagram = default_parser().parse(diagram)
    if isinstance(diagram, Parse):
        diagram = diagram.to_diagram()
    if params is not None and vocabulary is None:
        raise ValueError("to_circuit needs the vocabulary to read angles from params")
    basics = {ob.name for box in diagram.boxes for ob in (box.dom @ box.cod).inside}
    basics |= {ob.name for ob in (diagram.dom @ diagram.cod).inside}
    ob = {pregroup.Ty(b): qc.qubit ** ansatz.n_qubits(b) for b in basics}

    def ar(box: pregroup.Box) -> qc.Circuit:
        if box.dom:
            raise CompileError(
                f"to_circuit compiles word states only; box {box.name!r} has inputs {box.dom}"
            )
        ty = from_discopy(box.cod)
        name = format_type(ty)
        if params is None:
            label = name.replace(" ", "@")
            angles: list = [Symbol(f"{box.name}__{label}_{j}") for j in range(ansatz.n_params(ty))]
        else:
            assert vocabulary is not None
            row = vocabulary.index(box.name, name)
            angles = [float(x) for x in np.asarray(params[name][row])]
        return word_circuit(ansatz, ty, angles)

    functor = pregroup.Functor(ob=ob, ar=ar, cod=Category(qc.Ty, qc.Circuit))
    return functor(diagram)
