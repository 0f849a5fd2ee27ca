"""Semantics by name, so a configuration (and a new semantics) plugs in without code.

A *builder* takes the ``[semantics]`` table, every sentence the experiment will see, the
lexicon and the target type, and returns a model with ``prepare``, ``init`` and ``apply``.
Register a new one with :func:`register_semantics`.

>>> sorted(SEMANTICS)
['circuit', 'mps', 'spider', 'tensor']
>>> model = build_model({"name": "tensor", "dims": {"n": 2, "s": 2}}, ["man runs"], None, "s")
>>> type(model).__name__
'TensorModel'
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from discojax.errors import ConfigError
from discojax.grammar import Lexicon
from discojax.models._tensor import TensorModel
from discojax.semantics import MPSAnsatz, SpiderAnsatz, TensorAnsatz

Builder = Callable[[Mapping[str, Any], Sequence[str], Lexicon | None, str], Any]
SEMANTICS: dict[str, Builder] = {}


def register_semantics(name: str, builder: Builder) -> None:
    """Make ``builder`` available to configurations as ``[semantics] name = "NAME"``.

    >>> register_semantics("tensor", SEMANTICS["tensor"])
    """
    SEMANTICS[name] = builder


def _dims(table: Mapping[str, Any]) -> dict[str, int]:
    dims = table.get("dims")
    if not isinstance(dims, Mapping):
        raise ConfigError("[semantics] needs dims, as dims = { n = 2, s = 2 }")
    return {str(k): int(v) for k, v in dims.items()}


def _tensor_builder(make_ansatz: Callable[[Mapping[str, Any]], TensorAnsatz]) -> Builder:
    def build(
        table: Mapping[str, Any], sentences: Sequence[str], lexicon: Lexicon | None, target: str
    ) -> TensorModel:
        return TensorModel.from_data(
            sentences,
            make_ansatz(table),
            lexicon=lexicon,
            target=target,
            unknown=table.get("unknown", "error"),
        )

    return build


register_semantics("tensor", _tensor_builder(lambda t: TensorAnsatz(_dims(t))))
register_semantics("spider", _tensor_builder(lambda t: SpiderAnsatz(_dims(t))))
register_semantics(
    "mps", _tensor_builder(lambda t: MPSAnsatz(_dims(t), bond_dim=int(t.get("bond_dim", 2))))
)


def _circuit(
    table: Mapping[str, Any], sentences: Sequence[str], lexicon: Lexicon | None, target: str
) -> Any:
    from discojax.quantum import CircuitAnsatz, CircuitClassifier

    qubits = table.get("qubits")
    if not isinstance(qubits, Mapping):
        raise ConfigError("[semantics] circuit needs qubits, as qubits = { n = 1, s = 1 }")
    options = {k: table[k] for k in ("family", "n_layers", "ancillas", "discard") if k in table}
    ansatz = CircuitAnsatz({str(k): int(v) for k, v in qubits.items()}, **options)
    return CircuitClassifier.from_data(
        sentences, ansatz, lexicon=lexicon, target=target, unknown=table.get("unknown", "error")
    )


register_semantics("circuit", _circuit)


def build_model(
    table: Mapping[str, Any], sentences: Sequence[str], lexicon: Lexicon | None, target: str
) -> Any:
    """The model named by ``table["name"]``, built on ``sentences``.

    >>> build_model({"name": "tensr"}, [], None, "s")
    Traceback (most recent call last):
    ...
    discojax.errors.ConfigError: unknown semantics 'tensr' (known: circuit, mps, spider, tensor)
    """
    name = table.get("name")
    if name not in SEMANTICS:
        raise ConfigError(f"unknown semantics {name!r} (known: {', '.join(sorted(SEMANTICS))})")
    return SEMANTICS[str(name)](table, sentences, lexicon, target)
