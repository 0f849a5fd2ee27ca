"""The rule of each word box: its derivative in one parameter, as shifted copies of itself.

A rule is a tuple of ``(shift, coefficient)`` pairs, ``∂ box(θ) / ∂θⱼ = Σ c · box(θ + s eⱼ)``;
a shift ``None`` means the unit box ``eⱼ`` (a tensor word is linear in its own entries). In
turns (``Rz(θ) = exp(-iπθZ)``):

- a pure circuit (amplitudes): ``∂R(θ) = π R(θ + 1/2)`` for a rotation (``-iπZ = π Rz(1/2)``),
  as DisCoPy's ``Rotation.grad(mixed=False)``; a controlled rotation ``CR(θ) = P₀ ⊗ 1 + P₁ ⊗
  R(θ)`` is not a multiple of another, but ``CR(θ + 1/2) - CR(θ - 1/2) = 2π · P₁ ⊗ ∂R(θ)``
  gives ``∂CR(θ) = (π/2) [CR(θ + 1/2) - CR(θ - 1/2)]``: two terms, both of the word's shape.
- a mixed circuit (density matrices ``ρ = U σ U†``): the parameter-shift rules of
  :func:`~discojax.semantics.circuit._shift.shift_rule`, two terms per rotation, four per
  controlled rotation (Anselmetti et al. 2021).

>>> from discojax.quantum import CircuitAnsatz
>>> rules(CircuitAnsatz({"n": 1, "s": 1}), "n.r s n.l")["n.r s n.l"][0]
((0.5, 1.5707963267948966), (-0.5, -1.5707963267948966))
"""

from __future__ import annotations

import math
from typing import Any

from discojax.errors import DifferentiationError
from discojax.grammar._types import parse_type
from discojax.semantics.circuit._ansatz import CircuitAnsatz
from discojax.semantics.circuit._gates import CONTROLLED, ROTATIONS
from discojax.semantics.circuit._shift import shift_rule
from discojax.semantics.tensor._ansatz import TensorAnsatz

Rule = tuple[tuple[float | None, float], ...]


def amplitude_rule(gate: str) -> Rule:
    """The rule of a gate's matrix (pure circuits): ``∂U(θ) = Σ c U(θ + s)``.

    >>> amplitude_rule("Rx")
    ((0.5, 3.141592653589793),)
    >>> amplitude_rule("H")
    Traceback (most recent call last):
    ...
    discojax.errors.DifferentiationError: gate 'H' has no parameter
    """
    if gate in ROTATIONS:
        return ((0.5, math.pi),)
    if gate in CONTROLLED:
        return ((0.5, math.pi / 2), (-0.5, -math.pi / 2))
    raise DifferentiationError(f"gate {gate!r} has no parameter")


def rules(ansatz: Any, type_string: str, born: bool = False) -> dict[str, tuple[Rule, ...]]:
    """Each parameter table of a word type, with the rule of each of its columns.

    ``born=True`` gives a circuit's Born-weight rules (:func:`shift_rule`) even when it is
    pure: each term is then a circuit whose outcome weights a device estimates from shots,
    combined after the Born rule (see :func:`~discojax.diff.sampled_probabilities`).

    Raises:
        DifferentiationError: a semantics other than a tensor or circuit ansatz, or an angle
            shared by two gates (a shift would move both).

    >>> from discojax.semantics import MPSAnsatz
    >>> {t: len(r) for t, r in rules(MPSAnsatz({"n": 2, "s": 2}, 2), "n.r s n.l").items()}
    {'n.r s n.l[0]': 4, 'n.r s n.l[1]': 8, 'n.r s n.l[2]': 4}
    >>> from discojax.quantum import CircuitAnsatz
    >>> rules(CircuitAnsatz({"n": 1, "s": 1}), "n.r s", born=True)["n.r s"][0][0]
    (0.25, 2.6815170613344876)
    """
    ty = parse_type(type_string)
    if isinstance(ansatz, CircuitAnsatz):
        found: dict[int, Rule] = {}
        for gate in ansatz.gates(ansatz.circuit_qubits(ty)):
            if gate.param is None:
                continue
            if gate.param in found:
                raise DifferentiationError(
                    f"angle {gate.param} of {type_string!r} enters two gates: "
                    "a shift rule needs each angle in one gate"
                )
            weights = born or ansatz.is_mixed
            found[gate.param] = shift_rule(gate.name) if weights else amplitude_rule(gate.name)
        return {type_string: tuple(found[j] for j in range(ansatz.n_params(ty)))}
    if isinstance(ansatz, TensorAnsatz):
        unit: Rule = ((None, 1.0),)
        return {
            table: (unit,) * math.prod(shape)
            for table, shape in ansatz.parameter_shapes(ty).items()
        }
    raise DifferentiationError(
        f"no derivative rule for a {type(ansatz).__name__}: diagrammatic differentiation "
        "needs a TensorAnsatz (or a subclass) or a CircuitAnsatz"
    )
