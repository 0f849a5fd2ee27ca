"""Quantum semantics: words as parameterised circuits, sentences simulated exactly in JAX.

A :class:`CircuitAnsatz` maps basic types to qubits and words to circuits (IQP, Sim14,
Sim15, strongly entangling). Word circuits become batched state preparations whose states
feed the tensor compiler unchanged, so circuits are bucketed by shape and jitted once per
shape like tensors. :func:`to_circuit` gives the DisCoPy circuit of a sentence, for drawing
and for hardware; :func:`sample` simulates finite shots; :func:`parameter_shift_grad`
computes gradients by shifted evaluations, as on hardware.

The law these modules keep: the compiled simulation equals DisCoPy's evaluation of the
circuit :func:`to_circuit` builds.

>>> import jax, numpy as np
>>> model = QuantumModel.from_data(["Alice loves Bob"], CircuitAnsatz({"n": 1, "s": 1}))
>>> params = model.init(jax.random.key(1))
>>> ours = model.amplitudes(params, model.prepare(["Bob loves Alice"]))[0]
>>> from discojax.quantum import to_circuit  # imported on first use (DisCoPy, sympy)
>>> circuit = to_circuit("Bob loves Alice", model.ansatz, params, model.vocabulary)
>>> assert np.allclose(ours, circuit.eval().array, atol=1e-5)
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from discojax.models._quantum import QuantumModel as QuantumModel
from discojax.semantics.circuit._ansatz import CircuitAnsatz as CircuitAnsatz
from discojax.semantics.circuit._errors import AnsatzError as AnsatzError
from discojax.semantics.circuit._errors import PostSelectionError as PostSelectionError
from discojax.semantics.circuit._families import FAMILIES as FAMILIES
from discojax.semantics.circuit._gates import Gate as Gate
from discojax.semantics.circuit._shift import parameter_shift_grad as parameter_shift_grad
from discojax.semantics.circuit._shots import Shots as Shots
from discojax.semantics.circuit._shots import sample as sample
from discojax.semantics.circuit._simulate import CircuitBatch as CircuitBatch
from discojax.semantics.circuit._simulate import Outcome as Outcome
from discojax.semantics.circuit._simulate import amplitudes as amplitudes
from discojax.semantics.circuit._simulate import prepare_circuits as prepare_circuits
from discojax.semantics.circuit._simulate import simulate as simulate

if TYPE_CHECKING:
    from discojax.semantics.circuit._circuit import to_circuit as to_circuit


def __getattr__(name: str) -> Any:
    """``to_circuit`` on first use: it imports DisCoPy's quantum module and sympy (about 1 s),
    which simulating and training do not need.

    >>> from discojax.quantum import to_circuit
    >>> to_circuit.__module__
    'discojax.semantics.circuit._circuit'
    """
    if name == "to_circuit":
        from discojax.semantics.circuit._circuit import to_circuit

        return to_circuit
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
