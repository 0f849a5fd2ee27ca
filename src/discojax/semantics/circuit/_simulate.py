"""Exact simulation: word circuits as state tables, sentences through the tensor compiler.

Angle tables (one row of angles per word) become state tables (one state per word) by a
batched state preparation; the compiler's :func:`~discojax.compile.evaluate` then contracts
each bucket of same-shape sentences with one jitted einsum, cups acting as Bell effects
(``⟨00| + ⟨11|``, DisCoPy's ``CX >> H @ sqrt(2) >> Bra(0, 0)``). A sentence's Born
probabilities are normalised over the post-selected outcomes.

*Post-selection success.* On hardware a cup is a Bell measurement whose wanted outcome has
amplitude ``1/√2`` relative to the index contraction, and so does every other contracted
wire (a fused spider). A sentence whose contracted wires carry ``Q`` qubits in all succeeds
with probability ``Σₒ P(o) / 2^Q``, where ``P(o)`` is the unnormalised Born weight; this is the
rate of the circuit of the sentence's network (snakes yanked, spiders fused), which is what
:func:`~discojax.quantum.to_circuit` builds for parsed sentences.

*Zero success.* A sentence post-selected with probability (numerically) zero has no
distribution: :func:`simulate` returns the uniform distribution for it, with ``success`` 0
and finite gradients (never NaN); :meth:`QuantumModel.meaning
<discojax.quantum.QuantumModel.meaning>` raises :class:`PostSelectionError`.

>>> import jax, jax.numpy as jnp
>>> from discojax.compile import Vocabulary, network_from_parse
>>> from discojax.grammar import parse
>>> nets = [network_from_parse(parse(t)) for t in ["Alice runs", "Bob runs"]]
>>> ansatz = CircuitAnsatz({"n": 1, "s": 1})
>>> batch = prepare_circuits(nets, Vocabulary.from_networks(nets), ansatz)
>>> params = {"n": jnp.zeros((2, 3)), "n.r s": jnp.zeros((1, 1))}
>>> out = simulate(ansatz, params, batch)
>>> out.probabilities.tolist(), out.success.tolist()
([[1.0, 0.0], [1.0, 0.0]], [0.5, 0.5])
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import jax
import jax.numpy as jnp
import numpy as np

from discojax._jit import bounded_jit
from discojax.compile._batch import Batch, evaluate, prepare
from discojax.compile._letters import einsum_letters
from discojax.compile._network import Network
from discojax.compile._vocabulary import Vocabulary
from discojax.errors import CompileError
from discojax.grammar._types import Type, parse_type
from discojax.semantics.circuit._ansatz import CircuitAnsatz

#: Below this total Born weight a sentence counts as never post-selected (float32 noise).
ZERO_SUCCESS = 1e-12


@jax.tree_util.register_dataclass
@dataclass(frozen=True)
class CircuitBatch:
    """Sentences bucketed by shape, with what the Born rule needs.

    Attributes:
        batch: the tensor compiler's batch (state tables go in, amplitudes come out).
        scale: ``(size,)`` each sentence's ``2^-Q`` (see the module's notes on success).
        output_type: the sentences' output type (static).
    """

    batch: Batch
    scale: jax.Array
    output_type: Type = field(metadata={"static": True})

    @property
    def size(self) -> int:
        """The number of sentences.

        >>> CircuitBatch(Batch((), 0, ()), jnp.zeros(0), (("s", 0),)).size
        0
        """
        return self.batch.size


@jax.tree_util.register_dataclass
@dataclass(frozen=True)
class Outcome:
    """What a sentence's circuit gives: its distribution and its post-selection rate.

    Attributes:
        probabilities: ``(size, *outcomes)`` Born probabilities normalised over the
            post-selected outcomes (uniform where success is zero).
        weights: the unnormalised Born weights ``P(o)`` (index contraction, cups as
            ``⟨00| + ⟨11|``).
        success: ``(size,)`` the probability that a run of the circuit is post-selected.
    """

    probabilities: jax.Array
    weights: jax.Array
    success: jax.Array


def contracted_qubits(network: Network, ansatz: CircuitAnsatz) -> int:
    """The qubits of the wires a sentence contracts (cups and spiders), not of its output.

    >>> from discojax.compile import network_from_parse
    >>> from discojax.grammar import parse
    >>> net = network_from_parse(parse("Alice loves Bob"))
    >>> contracted_qubits(net, CircuitAnsatz({"n": 2, "s": 1}))
    4
    """
    output = set(network.output)
    return sum(
        ansatz.n_qubits(base)
        for label, base in enumerate(network.label_types)
        if label not in output
    )


def prepare_circuits(
    networks: Sequence[Network], vocabulary: Vocabulary, ansatz: CircuitAnsatz, pad: bool = True
) -> CircuitBatch:
    """Bucket sentences by shape for circuit simulation, once (see :func:`~discojax.compile.prepare`).

    Raises:
        AnsatzError: the output type maps to no qubit.
        UnknownWordError: a word the vocabulary lacks.

    >>> from discojax.compile import network_from_parse
    >>> from discojax.grammar import parse
    >>> nets = [network_from_parse(parse("Alice runs"))]
    >>> b = prepare_circuits(nets, Vocabulary.from_networks(nets), CircuitAnsatz({"n": 1, "s": 1}))
    >>> b.scale.tolist(), b.batch.output_shape
    ([0.5], (2,))
    """
    batch = prepare(networks, vocabulary, ansatz.tensor_ansatz(), pad=pad)
    output_type: Type = networks[0].output_type if networks else (("s", 0),)
    ansatz.check_output(output_type)
    scale = np.array([2.0 ** -contracted_qubits(n, ansatz) for n in networks], dtype=np.float32)
    return CircuitBatch(batch, jnp.asarray(scale), output_type)


def state_tables(
    ansatz: CircuitAnsatz, params: Mapping[str, jax.Array], names: Sequence[str] | None = None
) -> dict[str, jax.Array]:
    """Each word's state, by table: the angle tables through the batched state preparation.

    Raises:
        AnsatzError: a table whose number of angles does not match the ansatz.
        CompileError: a table the batch needs but ``params`` lacks.

    >>> import jax.numpy as jnp
    >>> tables = state_tables(CircuitAnsatz({"n": 1, "s": 1}), {"n.r s": jnp.zeros((4, 1))})
    >>> tables["n.r s"].shape
    (4, 2, 2)
    """
    names = list(params) if names is None else list(names)
    tables = {}
    for name in names:
        if name not in params:
            raise CompileError(f"no angle table for words of type {name!r}")
        ty = parse_type(name)
        angles = jnp.asarray(params[name])
        ansatz.check_angles(name, ty, angles)
        tables[name] = ansatz.states(ty, angles)
    return tables


def unreverse(values: jax.Array, output_type: Type, ansatz: CircuitAnsatz) -> jax.Array:
    """Put the qubits of odd-adjoint output wires back in circuit order."""
    size = values.shape[0]
    shape: list[int] = []
    perm: list[int] = []
    copies = 2 if ansatz.is_mixed else 1
    for base, z in output_type:
        q = ansatz.n_qubits(base)
        for _ in range(copies):
            axes = list(range(len(shape), len(shape) + q))
            perm += axes[::-1] if z % 2 else axes
            shape += [2] * q
    if perm == sorted(perm):
        return values
    out = values.reshape(size, *shape).transpose([0] + [1 + p for p in perm])
    return out.reshape(values.shape)


def _output(ansatz: CircuitAnsatz, params: Mapping[str, jax.Array], batch: CircuitBatch):
    tables = state_tables(ansatz, params, batch.batch.table_names)
    return unreverse(evaluate(tables, batch.batch), batch.output_type, ansatz)


def born(values: jax.Array, output_type: Type, ansatz: CircuitAnsatz) -> jax.Array:
    """Unnormalised Born weights of amplitudes (pure) or of density matrices (mixed).

    >>> import jax.numpy as jnp
    >>> born(jnp.array([[0.6, 0.8j]]), (("s", 0),), CircuitAnsatz({"s": 1})).round(2).tolist()
    [[0.36, 0.64]]
    """
    if not ansatz.is_mixed:
        return jnp.abs(values) ** 2
    dims = [2 ** ansatz.n_qubits(base) for base, _ in output_type]
    letters = einsum_letters(len(dims))
    doubled = values.reshape(values.shape[0], *(d for d in dims for _ in (0, 1)))
    diagonal = jnp.einsum("z" + "".join(c + c for c in letters) + "->z" + letters, doubled)
    return diagonal.real


def normalise(weights: jax.Array, scale: jax.Array) -> Outcome:
    """Normalise Born weights over the outcomes; uniform (and success 0) where they vanish.

    >>> import jax.numpy as jnp
    >>> out = normalise(jnp.array([[0.2, 0.2], [0.0, 0.0]]), jnp.array([0.5, 0.5]))
    >>> out.probabilities.tolist(), out.success.tolist()
    ([[0.5, 0.5], [0.5, 0.5]], [0.20000000298023224, 0.0])
    """
    axes = tuple(range(1, weights.ndim))
    total = weights.sum(axis=axes)
    ok = total > ZERO_SUCCESS
    safe = jnp.where(ok, total, 1.0)
    expand = (slice(None),) + (None,) * len(axes)
    n_outcomes = int(np.prod(weights.shape[1:]))
    probabilities = jnp.where(ok[expand], weights / safe[expand], 1.0 / n_outcomes)
    success = jnp.where(ok, total * scale, 0.0)
    return Outcome(probabilities, weights, success)


@bounded_jit(static_argnums=0)
def simulate(
    ansatz: CircuitAnsatz, params: Mapping[str, jax.Array], batch: CircuitBatch
) -> Outcome:
    """Every sentence's distribution and post-selection rate: pure in ``(params, batch)``.

    Jitted once per (ansatz, shapes, padded sizes); differentiable in ``params``.

    >>> import jax.numpy as jnp
    >>> from discojax.compile import network_from_parse
    >>> from discojax.grammar import parse
    >>> nets = [network_from_parse(parse("Alice runs"))]
    >>> a = CircuitAnsatz({"n": 1, "s": 1})
    >>> b = prepare_circuits(nets, Vocabulary.from_networks(nets), a)
    >>> simulate(a, {"n": jnp.zeros((1, 3)), "n.r s": jnp.ones((1, 1))}, b).probabilities.shape
    (1, 2)
    """
    weights = born(_output(ansatz, params, batch), batch.output_type, ansatz)
    return normalise(weights, batch.scale)


@bounded_jit(static_argnums=0)
def amplitudes(
    ansatz: CircuitAnsatz, params: Mapping[str, jax.Array], batch: CircuitBatch
) -> jax.Array:
    """The post-selected output of every sentence's circuit, as DisCoPy's ``Circuit.eval()``.

    Pure: amplitudes ``(size, 2^q, …)`` per output wire. Mixed: density matrices, one axis of
    ``4^q`` (ket index times ``2^q`` plus bra index) per output wire.

    >>> import jax.numpy as jnp
    >>> from discojax.compile import network_from_parse
    >>> from discojax.grammar import parse
    >>> nets = [network_from_parse(parse("Alice runs"))]
    >>> a = CircuitAnsatz({"n": 1, "s": 1})
    >>> b = prepare_circuits(nets, Vocabulary.from_networks(nets), a)
    >>> jnp.abs(amplitudes(a, {"n": jnp.zeros((1, 3)), "n.r s": jnp.zeros((1, 1))}, b)).round(3).tolist()
    [[1.0, 0.0]]
    """
    return _output(ansatz, params, batch)
