"""Circuit ansätze: each basic type to qubits, each word to a parameterised circuit on them.

A word of type ``t = b₁ … bₘ`` acts on ``k = q(b₁) + … + q(bₘ)`` qubits, its wires' qubits
in type order, plus ``ancillas`` extra qubits when ``k > 0``. Starting from ``|0…0⟩`` it runs
its family's circuit (Sim et al. 2019, as lambeq 0.5 builds them):

- ``"iqp"``: per layer, Hadamards on every qubit then a ladder of ``CRz`` on neighbours; a
  final layer of Hadamards. ``n_layers × (n - 1)`` angles.
- ``"sim14"``: per layer, ``Ry`` on every qubit, a ring of ``CRx`` (``i → i - 1``), ``Ry``
  again, a ring of ``CRx`` the other way. ``n_layers × 4n`` angles.
- ``"sim15"``: as ``sim14`` with ``CX`` rings. ``n_layers × 2n`` angles.
- ``"strongly_entangling"``: per layer, ``Rz Ry Rz`` on every qubit then ``CX`` from each
  qubit ``j`` to ``j + r`` (mod n), the range ``r`` growing with the layer or given by
  ``ranges``. ``n_layers × 3n`` angles.

A one-qubit word is a cycle of ``n_single_qubit_params`` rotations (``Rx Rz`` for the first
three families, ``Rz Ry`` for the last); a word on no qubit is the scalar 1, without angles.
Ancillas are post-selected on ``⟨0|`` or, with ``discard=True``, discarded: the word is then a
mixed state and sentences are simulated as density matrices (the doubled network).

The word's state is a row of a tensor table: wire ``b`` is one axis of dimension ``2^q(b)``
(pure) or ``4^q(b)`` (mixed: ket and bra indices together), so the tensor compiler contracts
circuits unchanged. The qubits of a wire with an odd number of adjoints are listed in reverse
order, which makes an index contraction equal DisCoPy's nested cups on several qubits.

>>> from discojax.grammar import parse_type
>>> ansatz = CircuitAnsatz({"n": 1, "s": 1}, "iqp", n_layers=1)
>>> ansatz.n_params(parse_type("n")), ansatz.n_params(parse_type("n.r s n.l"))
(3, 2)
>>> [g.name for g in ansatz.gates(3)]
['H', 'H', 'H', 'CRz', 'CRz', 'H', 'H', 'H']
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, ClassVar

import jax
import jax.numpy as jnp

from discojax.compile._letters import einsum_letter, einsum_letters
from discojax.grammar._types import Type, format_type
from discojax.semantics.circuit._errors import AnsatzError
from discojax.semantics.circuit._families import FAMILIES, family_gates
from discojax.semantics.circuit._gates import Gate, run
from discojax.semantics.tensor._ansatz import Factoring, TensorAnsatz


def _qubits(qubits: Mapping[str, int]) -> Mapping[str, int]:
    for base, q in qubits.items():
        if isinstance(q, bool) or not isinstance(q, int) or q < 0:
            raise AnsatzError(f"type {base!r} must map to a number of qubits >= 0, not {q!r}")
    return MappingProxyType(dict(qubits))


@dataclass(frozen=True)
class CircuitAnsatz:
    """Each basic type to a number of qubits; each word to a parameterised circuit.

    Args:
        qubits: the qubits of each basic type, e.g. ``{"n": 1, "s": 1}``. Zero is allowed (the
            wire disappears) except for the sentence's output type.
        family: ``"iqp"``, ``"sim14"``, ``"sim15"`` or ``"strongly_entangling"``.
        n_layers: the number of layers (at least 1).
        n_single_qubit_params: the rotations of a one-qubit word.
        ancillas: extra qubits of every word (on at least one qubit), prepared in ``|0⟩``.
        discard: discard the ancillas (mixed states) instead of post-selecting them on ``⟨0|``.
        ranges: the CX ranges of each layer of ``"strongly_entangling"``.

    Raises:
        AnsatzError: an unknown family, a negative qubit count, fewer than one layer, or
            ranges that do not match the layers.

    >>> CircuitAnsatz({"n": -1})
    Traceback (most recent call last):
    ...
    discojax.semantics.circuit._errors.AnsatzError: type 'n' must map to a number of qubits >= 0, not -1
    """

    qubits: Mapping[str, int] = field(hash=False)
    family: str = "iqp"
    n_layers: int = 1
    n_single_qubit_params: int = 3
    ancillas: int = 0
    discard: bool = False
    ranges: tuple[int, ...] | None = None
    kind: ClassVar[str] = "circuit"

    def __post_init__(self) -> None:
        object.__setattr__(self, "qubits", _qubits(self.qubits))
        if self.family not in FAMILIES:
            raise AnsatzError(
                f"unknown circuit family {self.family!r}; known: {', '.join(FAMILIES)}"
            )
        for name in ("n_layers", "n_single_qubit_params", "ancillas"):
            value = getattr(self, name)
            low = 1 if name == "n_layers" else 0
            if isinstance(value, bool) or not isinstance(value, int) or value < low:
                raise AnsatzError(f"{name} must be an integer >= {low}, not {value!r}")
        if self.ranges is not None:
            object.__setattr__(self, "ranges", tuple(self.ranges))
            if self.family != "strongly_entangling":
                raise AnsatzError("ranges apply to the strongly_entangling family only")
            if len(self.ranges) != self.n_layers or min(self.ranges) < 1:
                raise AnsatzError(
                    f"ranges {self.ranges} must give one range >= 1 per layer "
                    f"({self.n_layers} layers)"
                )

    def __hash__(self) -> int:
        return hash(
            (
                tuple(sorted(self.qubits.items())),
                self.family,
                self.n_layers,
                self.n_single_qubit_params,
                self.ancillas,
                self.discard,
                self.ranges,
            )
        )

    @property
    def output_kind(self) -> str:
        """What :meth:`readout` gives: ``"probabilities"``."""
        return "probabilities"

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready description (see :func:`~discojax.semantics.semantics_from_json`).

        >>> CircuitAnsatz({"n": 1, "s": 1}, "sim14", n_layers=2).to_json()["n_layers"]
        2
        """
        return {
            "kind": self.kind,
            "qubits": dict(self.qubits),
            "family": self.family,
            "n_layers": self.n_layers,
            "n_single_qubit_params": self.n_single_qubit_params,
            "ancillas": self.ancillas,
            "discard": self.discard,
            "ranges": None if self.ranges is None else list(self.ranges),
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> CircuitAnsatz:
        """The ansatz a :meth:`to_json` describes.

        >>> a = CircuitAnsatz({"n": 1, "s": 1}, "strongly_entangling", ranges=(1,))
        >>> CircuitAnsatz.from_json(a.to_json()) == a
        True
        """
        ranges = data.get("ranges")
        options = {k: data[k] for k in ("family", "n_layers", "n_single_qubit_params") if k in data}
        return cls(
            dict(data["qubits"]),
            **options,
            ancillas=int(data.get("ancillas", 0)),
            discard=bool(data.get("discard", False)),
            ranges=None if ranges is None else tuple(ranges),
        )

    def dim(self, base: str) -> int:
        """The dimension of a basic type's wire in the state tables: ``2^q`` (``4^q`` mixed).

        >>> CircuitAnsatz({"n": 2}).dim("n"), CircuitAnsatz({"n": 1}, ancillas=1, discard=True).dim("n")
        (4, 4)
        """
        return self.tensor_ansatz().dim(base)

    def factoring(self, ty: Type) -> Factoring:
        """A word's state is one tensor with one axis per wire.

        >>> CircuitAnsatz({"n": 1, "s": 1}).factoring((("n", 1), ("s", 0))).factors
        (((0, 1), (2, 2)),)
        """
        return self.tensor_ansatz().factoring(ty)

    def parameter_shapes(self, ty: Type) -> dict[str, tuple[int, ...]]:
        """One angle table per word type, ``n_params`` angles per word.

        >>> from discojax.grammar import parse_type
        >>> CircuitAnsatz({"n": 1, "s": 1}).parameter_shapes(parse_type("n.r s n.l"))
        {'n.r s n.l': (2,)}
        """
        return {format_type(ty): (self.n_params(ty),)}

    def init(
        self,
        key: jax.Array,
        shapes: Mapping[str, tuple[int, ...]],
        dtype: Any = jnp.float32,
        rows: Mapping[str, Sequence[str]] | None = None,
    ) -> dict[str, jax.Array]:
        """Seeded angles, uniform in ``[0, 1)`` turns (lambeq's initialisation), whatever the
        words in ``rows``.

        >>> CircuitAnsatz({"n": 1}).init(jax.random.key(0), {"n": (2, 3)})["n"].shape
        (2, 3)
        """
        keys = jax.random.split(key, len(shapes))
        return {
            name: jax.random.uniform(k, shape, dtype)
            for k, (name, shape) in zip(keys, sorted(shapes.items()))
        }

    def word_tensors(
        self, params: Mapping[str, jax.Array], names: Sequence[str]
    ) -> dict[str, jax.Array]:
        """Each word's state: the angle tables through the batched state preparation.

        >>> import jax.numpy as jnp
        >>> a = CircuitAnsatz({"n": 1, "s": 1})
        >>> a.word_tensors({"n.r s": jnp.zeros((4, 1))}, ["n.r s"])["n.r s"].shape
        (4, 2, 2)
        """
        from discojax.semantics.circuit._simulate import state_tables

        return state_tables(self, params, names)

    def readout(self, values: jax.Array, output_type: Type) -> jax.Array:
        """Born probabilities, normalised over the post-selected outcomes, one row a sentence.

        >>> import jax.numpy as jnp
        >>> CircuitAnsatz({"s": 1}).readout(jnp.array([[0.6, 0.8j]]), (("s", 0),)).round(2).tolist()
        [[0.36, 0.64]]
        """
        from discojax.semantics.circuit._simulate import born, normalise, unreverse

        weights = born(unreverse(values, output_type, self), output_type, self)
        scale = jnp.ones(values.shape[:1], weights.dtype)
        return normalise(weights, scale).probabilities.reshape(values.shape[0], -1)

    def __call__(
        self, diagram: Any, params: Mapping[str, jax.Array] | None = None, vocabulary: Any = None
    ) -> Any:
        """The DisCoPy circuit of a sentence: angles from ``params``, else sympy symbols.

        >>> CircuitAnsatz({"n": 1, "s": 1})("Alice runs").free_symbols != set()
        True
        """
        from discojax.semantics.circuit._circuit import to_circuit

        return to_circuit(diagram, self, params, vocabulary)

    @property
    def is_mixed(self) -> bool:
        """Whether words discard qubits, so sentences are density matrices.

        >>> CircuitAnsatz({"n": 1}, ancillas=1, discard=True).is_mixed
        True
        """
        return self.discard and self.ancillas > 0

    def n_qubits(self, base: str) -> int:
        """The qubits of one basic type.

        >>> CircuitAnsatz({"n": 2}).n_qubits("n")
        2
        """
        if base not in self.qubits:
            raise AnsatzError(f"the ansatz gives no number of qubits for type {base!r}")
        return self.qubits[base]

    def width(self, ty: Type) -> int:
        """The qubits of a word's wires (ancillas not counted).

        >>> from discojax.grammar import parse_type
        >>> CircuitAnsatz({"n": 2, "s": 1}).width(parse_type("n.r s"))
        3
        """
        return sum(self.n_qubits(base) for base, _ in ty)

    def circuit_qubits(self, ty: Type) -> int:
        """The qubits a word's circuit acts on: its wires' and its ancillas.

        >>> from discojax.grammar import parse_type
        >>> CircuitAnsatz({"n": 1}, ancillas=2).circuit_qubits(parse_type("n"))
        3
        """
        k = self.width(ty)
        return k + self.ancillas if k else 0

    def gates(self, n_qubits: int) -> tuple[Gate, ...]:
        """The gates of a circuit on ``n_qubits``.

        >>> [g.name for g in CircuitAnsatz({"n": 1}).gates(1)]
        ['Rx', 'Rz', 'Rx']
        """
        return family_gates(
            self.family, n_qubits, self.n_layers, self.n_single_qubit_params, self.ranges
        )[0]

    def n_params(self, ty: Type) -> int:
        """The number of angles of a word of type ``ty``.

        >>> from discojax.grammar import parse_type
        >>> CircuitAnsatz({"n": 1, "s": 1}, "sim14").n_params(parse_type("n.r s"))
        8
        """
        return family_gates(
            self.family,
            self.circuit_qubits(ty),
            self.n_layers,
            self.n_single_qubit_params,
            self.ranges,
        )[1]

    def tensor_ansatz(self) -> TensorAnsatz:
        """The tensor ansatz of the state tables: ``2^q`` per wire, or ``4^q`` if mixed.

        >>> CircuitAnsatz({"n": 2, "s": 1}).tensor_ansatz().dims["n"]
        4
        """
        base = 4 if self.is_mixed else 2
        return TensorAnsatz({b: base**q for b, q in self.qubits.items()})

    def check_output(self, ty: Type) -> None:
        """Raise if a sentence of output type ``ty`` would have no qubit to measure.

        >>> CircuitAnsatz({"n": 1, "s": 0}).check_output((("s", 0),))
        Traceback (most recent call last):
        ...
        discojax.semantics.circuit._errors.AnsatzError: output type 's' maps to 0 qubits: the sentence has nothing to measure
        """
        if self.width(ty) == 0:
            raise AnsatzError(
                f"output type {format_type(ty)!r} maps to 0 qubits: "
                "the sentence has nothing to measure"
            )

    def check_angles(self, type_string: str, ty: Type, angles: jax.Array) -> None:
        """Raise unless ``angles`` is a ``(rows, n_params)`` table for words of type ``ty``.

        >>> import jax.numpy as jnp
        >>> from discojax.grammar import parse_type
        >>> a = CircuitAnsatz({"n": 1, "s": 1})
        >>> a.check_angles("n.r s", parse_type("n.r s"), jnp.zeros((2, 3)))
        Traceback (most recent call last):
        ...
        discojax.semantics.circuit._errors.AnsatzError: table 'n.r s' has 3 angles per word, but the iqp ansatz needs 1 (shape (2, 3))
        """
        need = self.n_params(ty)
        if angles.ndim != 2 or angles.shape[1] != need:
            got = angles.shape[1] if angles.ndim == 2 else "?"
            raise AnsatzError(
                f"table {type_string!r} has {got} angles per word, but the {self.family} "
                f"ansatz needs {need} (shape {tuple(angles.shape)})"
            )

    def states(self, ty: Type, angles: jax.Array) -> jax.Array:
        """Every row's word state, as a tensor-table row: ``(rows, *dims)``.

        Pure: amplitudes, one axis of ``2^q`` per wire. Mixed: the density matrix, one axis of
        ``4^q`` per wire (ket index times ``2^q`` plus bra index).

        >>> import jax.numpy as jnp
        >>> from discojax.grammar import parse_type
        >>> a = CircuitAnsatz({"n": 1, "s": 1})
        >>> jnp.round(a.states(parse_type("n"), jnp.zeros((1, 3))), 3).tolist()
        [[(1+0j), 0j]]
        """
        rows = angles.shape[0]
        wires = [(self.n_qubits(base), z) for base, z in ty]
        n = self.circuit_qubits(ty)
        dtype = jnp.result_type(angles.dtype, jnp.complex64)
        if n == 0:
            return jnp.ones((rows,) + (1,) * len(wires), dtype=dtype)
        state = run(self.gates(n), n, angles)
        order: list[int] = []
        for q, z in wires:
            block = list(range(len(order), len(order) + q))
            order += block[::-1] if z % 2 else block
        k = len(order)
        order += list(range(k, n))
        state = jnp.transpose(state, [0] + [1 + i for i in order])
        dims = [2**q for q, _ in wires]
        if not self.is_mixed:
            if n > k:  # post-select the ancillas on <0|
                state = state[(slice(None),) * (1 + k) + (0,) * (n - k)]
            return state.reshape(rows, *dims)
        psi = state.reshape(rows, *dims, 2 ** (n - k))
        m = len(dims)
        ket = einsum_letters(m)
        bra = einsum_letters(m, start=max(m, 26))
        ancilla = einsum_letter(max(m, 26) + m)
        pairs = "".join(x + y for x, y in zip(ket, bra))
        rho = jnp.einsum(f"z{ket}{ancilla},z{bra}{ancilla}->z{pairs}", psi, jnp.conj(psi))
        return rho.reshape(rows, *(d * d for d in dims))
