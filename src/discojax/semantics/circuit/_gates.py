"""Gates: the few a circuit ansatz uses, as JAX matrices, applied to batches of states.

Angles are in *turns*, DisCoPy's and lambeq's convention: ``Rz(θ) = exp(-iπθZ)``, so
``θ = 1`` is a full 2π rotation of the Bloch sphere (a phase of -1). Matrices are written in
the usual column convention (``|ψ⟩ ↦ M|ψ⟩``); a controlled gate's first qubit is its control.

A state is a batch of state vectors of shape ``(rows, 2, ..., 2)``: one axis per qubit, the
first qubit first (most significant), as in ``discopy.quantum.Circuit.eval()``.

>>> import jax.numpy as jnp
>>> bool(jnp.allclose(matrix("Rz", jnp.array([1.0]))[0], -jnp.eye(2)))
True
>>> state = run((Gate("H", (0,)), Gate("CX", (0, 1))), 2, jnp.zeros((1, 0)))
>>> jnp.round(state.reshape(4).real, 3).tolist()
[0.707, 0.0, 0.0, 0.707]
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import jax
import jax.numpy as jnp
import numpy as np

from discojax.compile._letters import einsum_letters

ROTATIONS = ("Rx", "Ry", "Rz")
CONTROLLED = ("CRx", "CRz")
FIXED = ("H", "X", "CX")


@dataclass(frozen=True)
class Gate:
    """One gate of a word's circuit.

    Attributes:
        name: ``"H"``, ``"X"``, ``"CX"``, a rotation ``"Rx" | "Ry" | "Rz"`` or a controlled
            rotation ``"CRx" | "CRz"``.
        qubits: the qubits it acts on (control first).
        param: the index of its angle in the word's angle vector; ``None`` for fixed gates.

    >>> Gate("CRz", (0, 1), 0).n_qubits
    2
    """

    name: str
    qubits: tuple[int, ...]
    param: int | None = None

    @property
    def n_qubits(self) -> int:
        """How many qubits the gate acts on.

        >>> Gate("H", (3,)).n_qubits
        1
        """
        return len(self.qubits)


def _complex(dtype: jnp.dtype) -> jnp.dtype:
    return jnp.result_type(dtype, jnp.complex64)


def matrix(name: str, angles: jax.Array | None = None, dtype: Any = jnp.complex64) -> jax.Array:
    """A gate's matrix: ``(2, 2)`` or ``(4, 4)``, or ``(rows, …)`` for a batch of angles.

    Args:
        name: the gate's name (see :class:`Gate`).
        angles: ``(rows,)`` angles in turns, for parametrised gates.
        dtype: the complex dtype of fixed gates (parametrised ones follow ``angles``).

    >>> import jax.numpy as jnp
    >>> jnp.abs(matrix("Rx", jnp.array([0.5]))[0]).round(3).tolist()
    [[0.0, 1.0], [1.0, 0.0]]
    >>> matrix("CRz", jnp.array([0.25, 0.5])).shape
    (2, 4, 4)
    """
    if name in FIXED:
        fixed = {
            "H": np.array([[1, 1], [1, -1]]) / np.sqrt(2),
            "X": np.array([[0, 1], [1, 0]]),
            "CX": np.array([[1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 0, 1], [0, 0, 1, 0]]),
        }[name]
        return jnp.asarray(fixed, dtype=dtype)
    if angles is None:
        raise ValueError(f"gate {name} needs angles")
    dtype = _complex(angles.dtype)
    half = jnp.pi * angles
    cos, sin = jnp.cos(half).astype(dtype), jnp.sin(half).astype(dtype)
    zero = jnp.zeros_like(cos)
    base = name[1:] if name in CONTROLLED else name
    if base == "Rx":
        rows = [[cos, -1j * sin], [-1j * sin, cos]]
    elif base == "Ry":
        rows = [[cos, -sin], [sin, cos]]
    elif base == "Rz":
        rows = [[cos - 1j * sin, zero], [zero, cos + 1j * sin]]
    else:
        raise ValueError(f"unknown gate {name!r}")
    single = jnp.stack([jnp.stack(row, axis=-1) for row in rows], axis=-2)
    if name in ROTATIONS:
        return single
    one = jnp.ones_like(cos)
    top = jnp.stack(
        [jnp.stack(r, axis=-1) for r in ([one, zero], [zero, one])], axis=-2
    )  # the identity, batched
    full = jnp.zeros((*angles.shape, 4, 4), dtype=dtype)
    return full.at[..., :2, :2].set(top).at[..., 2:, 2:].set(single)


def apply(state: jax.Array, gate: Gate, angles: jax.Array) -> jax.Array:
    """Apply ``gate`` to a batch of states ``(rows, 2, …, 2)``, each row with its own angles.

    Args:
        state: the states.
        gate: the gate and its qubits.
        angles: ``(rows, n_params)`` each row's angle vector.

    >>> import jax.numpy as jnp
    >>> zero = jnp.zeros((1, 2), dtype=jnp.complex64).at[:, 0].set(1)
    >>> jnp.abs(apply(zero, Gate("Rx", (0,), 0), jnp.array([[0.5]]))).round(3).tolist()
    [[0.0, 1.0]]
    """
    n = state.ndim - 1
    k = gate.n_qubits
    if gate.param is None:
        m = matrix(gate.name, dtype=state.dtype).reshape((2,) * 2 * k)
        batched = False
    else:
        m = matrix(gate.name, angles[:, gate.param]).astype(state.dtype)
        m = m.reshape((m.shape[0],) + (2,) * 2 * k)
        batched = True
    axes = einsum_letters(n)
    outs = einsum_letters(k, start=max(n, 26))
    ins = "".join(axes[q] for q in gate.qubits)
    result = list(axes)
    for q, o in zip(gate.qubits, outs):
        result[q] = o
    lhs = ("z" if batched else "") + outs + ins
    equation = f"{lhs},z{axes}->z{''.join(result)}"
    return jnp.einsum(equation, m, state)


def run(gates: tuple[Gate, ...], n_qubits: int, angles: jax.Array) -> jax.Array:
    """Run a circuit on ``|0…0⟩`` for every row of ``angles``: ``(rows, 2, …, 2)``.

    >>> import jax.numpy as jnp
    >>> run((Gate("X", (1,)),), 2, jnp.zeros((3, 0))).reshape(3, 4)[0].tolist()
    [0j, (1+0j), 0j, 0j]
    """
    dtype = _complex(angles.dtype)
    state = jnp.zeros((angles.shape[0], 2**n_qubits), dtype=dtype).at[:, 0].set(1)
    state = state.reshape((angles.shape[0],) + (2,) * n_qubits)
    for gate in gates:
        state = apply(state, gate, angles)
    return state
