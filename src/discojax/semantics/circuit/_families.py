"""The circuit families of Sim et al. 2019, as lambeq 0.5 builds them: gates and angles.

>>> [g.name for g in family_gates("iqp", 2, 1)[0]]
['H', 'H', 'CRz', 'H', 'H']
"""

from __future__ import annotations

from functools import lru_cache

from discojax.semantics.circuit._errors import AnsatzError
from discojax.semantics.circuit._gates import Gate

FAMILIES = ("iqp", "sim14", "sim15", "strongly_entangling")


@lru_cache(maxsize=1024)
def family_gates(
    family: str,
    n_qubits: int,
    n_layers: int,
    n_single_qubit_params: int = 3,
    ranges: tuple[int, ...] | None = None,
) -> tuple[tuple[Gate, ...], int]:
    """The gates of one family's circuit on ``n_qubits``, and its number of angles.

    >>> gates, n = family_gates("sim15", 2, 1)
    >>> [(g.name, g.qubits) for g in gates], n
    ([('Ry', (0,)), ('Ry', (1,)), ('CX', (0, 1)), ('CX', (1, 0)), ('Ry', (0,)), ('Ry', (1,)), ('CX', (0, 1)), ('CX', (1, 0))], 4)
    """
    n = n_qubits
    if n == 0:
        return (), 0
    if n == 1:
        cycle = ("Rz", "Ry") if family == "strongly_entangling" else ("Rx", "Rz")
        single = tuple(Gate(cycle[j % 2], (0,), j) for j in range(n_single_qubit_params))
        return single, n_single_qubit_params
    gates: list[Gate] = []
    per_layer = {"iqp": n - 1, "sim14": 4 * n, "sim15": 2 * n, "strongly_entangling": 3 * n}
    if family not in per_layer:
        raise AnsatzError(f"unknown circuit family {family!r}; known: {', '.join(FAMILIES)}")
    width = per_layer[family]
    for layer in range(n_layers):
        o = layer * width
        if family == "iqp":
            gates += [Gate("H", (q,)) for q in range(n)]
            gates += [Gate("CRz", (i, i + 1), o + i) for i in range(n - 1)]
        elif family in ("sim14", "sim15"):
            ring = "CRx" if family == "sim14" else "CX"
            second = 2 * n if family == "sim14" else n
            gates += [Gate("Ry", (q,), o + q) for q in range(n)]
            for i in range(n):
                param = o + n + i if family == "sim14" else None
                gates.append(Gate(ring, (i, (i - 1) % n), param))
            gates += [Gate("Ry", (q,), o + second + q) for q in range(n)]
            for i in range(n, 0, -1):
                param = o + width - i if family == "sim14" else None
                gates.append(Gate(ring, (i % n, (i + 1) % n), param))
        else:
            for j in range(n):
                gates += [Gate(r, (j,), o + 3 * j + t) for t, r in enumerate(("Rz", "Ry", "Rz"))]
            step = layer % (n - 1) + 1 if ranges is None else ranges[layer]
            if step >= n:
                raise AnsatzError(
                    f"strongly entangling range {step} in layer {layer} needs more than {n} qubits"
                )
            gates += [Gate("CX", (j, (j + step) % n)) for j in range(n)]
    if family == "iqp":
        gates += [Gate("H", (q,)) for q in range(n)]
    return tuple(gates), n_layers * width
