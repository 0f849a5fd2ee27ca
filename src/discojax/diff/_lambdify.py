"""``lambdify``: DisCoPy's ``Diagram.lambdify`` for a whole batch, compiled once per shape.

DisCoPy's ``circuit.lambdify(*symbols)`` rebuilds one diagram box by box for each call, and
``eval()`` contracts it box by box. :func:`lambdify` does the same job for every sentence of a
batch at once: the symbols' values go into their ``(table, row, column)`` (one scatter per
table, indices found once), and the compiler's program of each shape contracts every
sentence of that shape. The function is pure, so ``jax.vmap`` runs it on many settings of the
symbols (rows of a matrix) in one call, and ``jax.grad`` differentiates it.

>>> import jax.numpy as jnp
>>> from discojax import TensorAnsatz, TensorModel
>>> m = TensorModel.from_data(["man runs"], TensorAnsatz({"n": 2, "s": 2}))
>>> f = lambdify(m, ["man runs"], ["man__n_0", "runs__n.r@s_0", "runs__n.r@s_1"])
>>> f(jnp.array([2.0, 3.0, 5.0])).tolist()  # man = (2, 0), runs = [[3, 5], [0, 0]]
[[6.0, 10.0]]
>>> jax.vmap(f)(jnp.array([[2.0, 3.0, 5.0], [1.0, 1.0, 1.0]])).shape
(2, 1, 2)
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

import jax
import jax.numpy as jnp
import numpy as np
import sympy

from discojax.compile._batch import evaluate
from discojax.diff._symbols import Symbols


def lambdify(
    model: Any,
    items: Iterable[Any],
    symbols: Sequence[sympy.Symbol | str] | None = None,
    base: Mapping[str, jax.Array] | None = None,
) -> Callable[[jax.Array], jax.Array]:
    """A JAX function of the values of ``symbols`` to every sentence's values (before the
    read-out: tensors, amplitudes or density matrices), ``(size, *output)``.

    Args:
        model: a sentence model.
        items: the sentences (text, parses or networks), prepared once.
        symbols: the symbols the function takes, in order (default: all of the model's).
        base: the tables that hold the other entries (default: zeros).

    Raises:
        DifferentiationError: an unknown symbol.

    >>> from discojax.quantum import CircuitAnsatz, QuantumModel
    >>> m = QuantumModel.from_data(["Alice runs"], CircuitAnsatz({"n": 1, "s": 1}))
    >>> f = lambdify(m, ["Alice runs"])
    >>> jnp.abs(f(jnp.zeros(len(Symbols.of(m))))).round(3).tolist()  # as to_circuit's doctest
    [[1.0, 0.0]]
    """
    table_symbols = Symbols.of(model)
    chosen = list(table_symbols) if symbols is None else list(symbols)
    batch = model.prepare(items)
    shapes = model.table_shapes()
    places: dict[str, tuple[list[int], list[int]]] = {}
    for position, symbol in enumerate(chosen):
        table, row, column = table_symbols.locate(symbol)
        at, flat = places.setdefault(table, ([], []))
        at.append(position)
        flat.append(row * math.prod(shapes[table][1:]) + column)
    index = {t: (np.asarray(a), np.asarray(f)) for t, (a, f) in places.items()}
    names = batch.table_names

    @jax.jit
    def function(values: jax.Array) -> jax.Array:
        tables = {}
        for name in names:
            shape = shapes[name]
            table = jnp.zeros(shape, values.dtype) if base is None else base[name]
            if name in index:
                at, flat = index[name]
                table = table.reshape(-1).at[flat].set(values[at]).reshape(shape)
            tables[name] = table
        return evaluate(model.ansatz.word_tensors(tables, names), batch)

    return function
