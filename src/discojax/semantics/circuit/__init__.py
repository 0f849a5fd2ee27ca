"""Circuit semantics: each basic type to qubits, each word to a parameterised circuit.

Word circuits become batched state preparations whose states feed the tensor compiler
unchanged (see :mod:`discojax.quantum` for the models built on them).

>>> from discojax.grammar import parse_type
>>> CircuitAnsatz({"n": 1, "s": 1}, "iqp", n_layers=1).n_params(parse_type("n.r s n.l"))
2
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

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

    >>> from discojax.semantics.circuit import to_circuit
    >>> to_circuit.__module__
    'discojax.semantics.circuit._circuit'
    """
    if name == "to_circuit":
        from discojax.semantics.circuit._circuit import to_circuit

        return to_circuit
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
