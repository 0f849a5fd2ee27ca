"""The Stoch semantics: each box a stochastic kernel, a diagram a composite kernel.

A box of type ``x.r y`` (input ``x``, output ``y``; inputs are the adjoint wires, as
:func:`~discojax.compile.network_from_diagram` and :func:`network_from_markov` type them) is a
table of logits whose softmax over the *output* axes is a kernel ``k(y | x)``: every column sums
to one, so every kernel is a morphism of Stoch. Copies are the copy spider (a hyperedge),
discards a sum over the wire; the compiler contracts the rest, and a Markov network (see
:func:`check_markov`) of kernels contracts to a distribution of its outputs
(``output_kind = "probabilities"``): NLL training is :func:`discojax.train.fit`'s ``-log p``.

Deterministic boxes are Dirac kernels: ``deterministic={"not": (1, 0)}`` fixes the word
``not`` to the function ``0 ↦ 1, 1 ↦ 0``; its logits are ``0`` at the chosen outcome and
``DIRAC_LOGIT`` elsewhere, so its kernel is exactly one-hot and stays so under training (the
gradient of the other outcomes is exactly zero).

Merges are not Markov maps. ``merges="error"`` (the default) rejects them;
``merges="renormalise"`` contracts them anyway and reads out the normalised result (a
conditioning on the merged wires agreeing); :func:`evidence` gives the normaliser.

>>> import jax, jax.numpy as jnp
>>> s = StochSemantics({"x": 2, "y": 3})
>>> k = s.word_tensors({"x.r y": jnp.zeros((1, 2, 3))}, ["x.r y"])["x.r y"][0]
>>> k.sum(axis=1).tolist()
[1.0, 1.0]
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar, Literal

import jax
import jax.numpy as jnp
import numpy as np

from discojax.errors import CompileError
from discojax.grammar._types import Type, parse_type
from discojax.semantics.tensor._ansatz import TensorAnsatz

#: The logit of an impossible outcome of a deterministic box: ``exp`` of it is exactly zero.
DIRAC_LOGIT = -1e4


def output_axes(ty: Type) -> tuple[int, ...]:
    """The axes of a box of type ``ty`` that are outputs (``z = 0``); the others are inputs.

    >>> output_axes(parse_type("n.r s n.l"))
    (1,)
    """
    return tuple(i for i, (_, z) in enumerate(ty) if z == 0)


@dataclass(frozen=True)
class StochSemantics(TensorAnsatz):
    """Each basic type to a finite outcome set; each word to a stochastic kernel.

    Args:
        dims: the number of outcomes of each basic type.
        deterministic: word name to its function, as the output outcome (flattened over the
            output axes) of each input outcome (flattened over the input axes, row-major).
        merges: ``"error"``, or ``"renormalise"`` to contract merges and normalise.

    >>> StochSemantics({"x": 2}, merges="sum")
    Traceback (most recent call last):
    ...
    discojax.errors.CompileError: merges must be 'error' or 'renormalise', not 'sum'
    """

    deterministic: Mapping[str, tuple[int, ...]] = field(default_factory=dict, hash=False)
    merges: Literal["error", "renormalise"] = "error"
    kind: ClassVar[str] = "stoch"

    def __post_init__(self) -> None:
        super().__post_init__()
        if self.merges not in ("error", "renormalise"):
            raise CompileError(f"merges must be 'error' or 'renormalise', not {self.merges!r}")
        functions = {str(k): tuple(int(i) for i in v) for k, v in self.deterministic.items()}
        object.__setattr__(self, "deterministic", functions)

    @property
    def output_kind(self) -> str:
        """``"probabilities"``: a sentence is a distribution of its outputs."""
        return "probabilities"

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready description.

        >>> StochSemantics({"x": 2}, {"not": (1, 0)}).to_json()
        {'kind': 'stoch', 'dims': {'x': 2}, 'deterministic': {'not': [1, 0]}, 'merges': 'error'}
        """
        functions = {k: list(v) for k, v in sorted(self.deterministic.items())}
        return {**super().to_json(), "deterministic": functions, "merges": self.merges}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> StochSemantics:
        """The semantics a :meth:`to_json` describes.

        >>> s = StochSemantics({"x": 2}, {"not": (1, 0)}, merges="renormalise")
        >>> StochSemantics.from_json(s.to_json()) == s
        True
        """
        functions = {k: tuple(v) for k, v in dict(data.get("deterministic", {})).items()}
        return cls(dict(data["dims"]), functions, data.get("merges", "error"))

    def init(
        self,
        key: jax.Array,
        shapes: Mapping[str, tuple[int, ...]],
        dtype: Any = jnp.float32,
        rows: Mapping[str, Sequence[str]] | None = None,
        scale: float = 1.0,
    ) -> dict[str, jax.Array]:
        """Seeded normal logits (``scale`` about their spread); deterministic words' rows are
        their Dirac logits.

        Raises:
            CompileError: a deterministic word whose function has the wrong length or an
                outcome out of range.

        >>> s = StochSemantics({"x": 2}, {"not": (1, 0)})
        >>> p = s.init(jax.random.key(0), {"x.r x": (2, 2, 2)}, rows={"x.r x": ("f", "not")})
        >>> s.word_tensors(p, ["x.r x"])["x.r x"][1].tolist()
        [[0.0, 1.0], [1.0, 0.0]]
        """
        params = super().init(key, shapes, dtype, rows, scale=scale)
        for name, words in (rows or {}).items():
            for r, word in enumerate(words):
                if word in self.deterministic:
                    row = self._dirac_logits(word, parse_type(name), shapes[name][1:])
                    params[name] = params[name].at[r].set(jnp.asarray(row, dtype))
        return params

    def _dirac_logits(self, word: str, ty: Type, shape: tuple[int, ...]) -> np.ndarray:
        outs = output_axes(ty)
        ins = tuple(i for i in range(len(ty)) if i not in outs)
        n_in = int(np.prod([shape[i] for i in ins]))
        n_out = int(np.prod([shape[i] for i in outs]))
        function = self.deterministic[word]
        if len(function) != n_in or not all(0 <= f < n_out for f in function):
            raise CompileError(
                f"deterministic word {word!r}: needs {n_in} outcomes in 0..{n_out - 1} (one per "
                f"input), got {list(function)}"
            )
        flat = np.full((n_in, n_out), DIRAC_LOGIT)
        flat[np.arange(n_in), function] = 0.0
        moved = flat.reshape([shape[i] for i in ins] + [shape[i] for i in outs])
        return np.moveaxis(moved, range(len(shape)), ins + outs)

    def word_tensors(
        self, params: Mapping[str, jax.Array], names: Sequence[str]
    ) -> dict[str, jax.Array]:
        """Each table's kernels: a softmax over the output axes of its type.

        >>> s = StochSemantics({"x": 2})
        >>> s.word_tensors({"x": jnp.array([[0.0, jnp.log(3.0)]])}, ["x"])["x"].tolist()
        [[0.25, 0.75]]
        """
        logits = super().word_tensors(params, names)
        tensors = {}
        for name in names:
            axes = tuple(1 + a for a in output_axes(parse_type(name)))
            if not axes:
                raise CompileError(f"a box of type {name!r} has no output: not a kernel")
            tensors[name] = jax.nn.softmax(logits[name], axis=axes)
        return tensors

    def readout(self, values: jax.Array, output_type: Type) -> jax.Array:
        """The outputs' distributions; normalised first under ``merges="renormalise"``.

        >>> StochSemantics({"x": 2}).readout(jnp.array([[0.2, 0.8]]), (("x", 0),)).tolist()
        [[0.2, 0.8]]
        """
        if self.merges == "renormalise":
            return values / evidence(values)[(...,) + (None,) * (values.ndim - 1)]
        return values

    def __call__(
        self, diagram: Any, params: Mapping[str, jax.Array] | None = None, vocabulary: Any = None
    ) -> Any:
        """The DisCoPy tensor diagram of a Markov or cup-free pregroup diagram, each box its
        kernel under ``params`` (see :func:`~discojax.semantics.markov.stoch_diagram`)."""
        from discojax.semantics.markov._discopy import stoch_diagram

        if params is None or vocabulary is None:
            raise CompileError("StochSemantics needs params and a vocabulary to give a diagram")
        return stoch_diagram(self, vocabulary, params, diagram)

    def __hash__(self) -> int:
        return hash((super().__hash__(), tuple(sorted(self.deterministic.items())), self.merges))


def evidence(values: jax.Array) -> jax.Array:
    """The total mass of each contracted sentence ``(batch, *outputs)``: 1 for Markov maps,
    the probability that merged wires agree otherwise.

    >>> evidence(jnp.array([[0.1, 0.2], [0.5, 0.5]])).round(6).tolist()
    [0.3, 1.0]
    """
    return values.reshape(values.shape[0], -1).sum(axis=1)
