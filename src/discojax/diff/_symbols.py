"""Symbolic parameters: every number of a model's tables as a sympy symbol, and back.

A model's parameters are tables, one row per word; :class:`Symbols` names each entry as
lambeq names it, ``word__type_j`` (the type's spaces written ``@``; a factor table of a split
word keeps its ``[f]``), and maps each symbol to its ``(table, row, column)``, the column
counting the word's entries in row-major order. The names are those of
:func:`~discojax.quantum.to_circuit`, so its symbolic circuits substitute from a model's
tables.

:func:`lambdify_rows` turns sympy expressions of one word's entries into a JAX function of a
whole table: compiled once per word type, applied to every row at once (sympy's ``lambdify``
on the columns), where DisCoPy lambdifies box by box and sentence by sentence.

>>> import jax
>>> from discojax.quantum import CircuitAnsatz, QuantumModel, to_circuit
>>> model = QuantumModel.from_data(["Alice runs"], CircuitAnsatz({"n": 1, "s": 1}))
>>> symbols = Symbols.of(model)
>>> [str(s) for s in symbols]
['alice__n_0', 'alice__n_1', 'alice__n_2', 'runs__n.r@s_0']
>>> symbols.locate(symbols[3])
('n.r s', 0, 0)
>>> set(to_circuit("Alice runs", model.ansatz).free_symbols) == set(symbols)
True
"""

from __future__ import annotations

import difflib
import math
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

import jax
import jax.numpy as jnp
import numpy as np
import sympy

from discojax.errors import DifferentiationError


def symbol_name(word: str, table: str, column: int) -> str:
    """lambeq's name of a word's parameter: ``word__type_column``, spaces as ``@``.

    >>> symbol_name("loves", "n.r s n.l", 1)
    'loves__n.r@s@n.l_1'
    """
    return f"{word}__{table.replace(' ', '@')}_{column}"


def variables(n: int) -> tuple[sympy.Symbol, ...]:
    """The generic symbols ``x_0 … x_{n-1}`` of one word's entries (a word type's shape).

    >>> variables(2)
    (x_0, x_1)
    """
    return tuple(sympy.Symbol(f"x_{j}") for j in range(n))


def lambdify_rows(expressions: Sequence[sympy.Expr], n: int) -> Callable[[jax.Array], jax.Array]:
    """A JAX function of a ``(rows, n)`` table: each expression of :func:`variables` ``(n)``
    evaluated on every row at once, ``(rows, len(expressions))``.

    Args:
        expressions: sympy expressions in ``x_0 … x_{n-1}``.
        n: the number of entries of one word.

    Raises:
        DifferentiationError: an expression with a symbol other than ``x_0 … x_{n-1}``.

    >>> import jax.numpy as jnp
    >>> x = variables(2)
    >>> f = lambdify_rows([x[0] + sympy.Rational(1, 4), 2 * x[1]], 2)
    >>> f(jnp.array([[0.0, 1.0], [1.0, 2.0]])).tolist()
    [[0.25, 2.0], [1.25, 4.0]]
    """
    known = set(variables(n))
    for expression in expressions:
        stray = sympy.sympify(expression).free_symbols - known
        if stray:
            raise DifferentiationError(
                f"expression {expression} has symbols {sorted(map(str, stray))} "
                f"besides a word's x_0 … x_{n - 1}"
            )
    function = sympy.lambdify([variables(n)], list(expressions), modules="jax")

    def rows(table: jax.Array) -> jax.Array:
        columns = [jnp.broadcast_to(c, table.shape[:1]) for c in function(table.T)]
        return jnp.stack(columns, axis=1).astype(table.dtype)

    return rows


@dataclass(frozen=True)
class Symbols:
    """Every entry of a model's parameter tables as a sympy symbol.

    Attributes:
        entries: ``(symbol, table, row, column)`` of every entry, tables sorted, rows and
            columns in order.
    """

    entries: tuple[tuple[sympy.Symbol, str, int, int], ...]
    _where: Mapping[sympy.Symbol, tuple[str, int, int]] = field(
        init=False, repr=False, compare=False
    )

    def __post_init__(self) -> None:
        where = {s: (t, r, c) for s, t, r, c in self.entries}
        object.__setattr__(self, "_where", MappingProxyType(where))

    @classmethod
    def of(cls, model: Any) -> Symbols:
        """The symbols of a sentence model's tables (its ``table_rows`` and ``table_shapes``).

        >>> from discojax import TensorAnsatz, TensorModel
        >>> m = TensorModel.from_data(["man runs"], TensorAnsatz({"n": 2, "s": 2}))
        >>> [str(s) for s in Symbols.of(m)][:3]
        ['man__n_0', 'man__n_1', 'runs__n.r@s_0']
        """
        shapes = model.table_shapes()
        entries = []
        for table, words in sorted(model.table_rows().items()):
            size = math.prod(shapes[table][1:])
            for row, word in enumerate(words):
                for column in range(size):
                    name = symbol_name(word, table, column)
                    entries.append((sympy.Symbol(name), table, row, column))
        return cls(tuple(entries))

    def __len__(self) -> int:
        return len(self.entries)

    def __iter__(self) -> Iterator[sympy.Symbol]:
        return (s for s, *_ in self.entries)

    def __getitem__(self, i: int) -> sympy.Symbol:
        return self.entries[i][0]

    def locate(self, symbol: sympy.Symbol | str) -> tuple[str, int, int]:
        """The ``(table, row, column)`` of ``symbol``.

        Raises:
            DifferentiationError: a symbol of no table, with the nearest names.

        >>> from discojax import TensorAnsatz, TensorModel
        >>> m = TensorModel.from_data(["man runs"], TensorAnsatz({"n": 2, "s": 2}))
        >>> Symbols.of(m).locate("runs__n.r@s_3")
        ('n.r s', 0, 3)
        >>> Symbols.of(m).locate("run__n.r@s_3")
        Traceback (most recent call last):
        ...
        discojax.errors.DifferentiationError: unknown symbol 'run__n.r@s_3'; nearest: 'runs__n.r@s_3'
        """
        key = sympy.Symbol(symbol) if isinstance(symbol, str) else symbol
        if key not in self._where:
            names = [str(s) for s in self]
            near = difflib.get_close_matches(str(key), names, n=1)
            hint = "; nearest: " + ", ".join(repr(n) for n in near) if near else ""
            raise DifferentiationError(f"unknown symbol {str(key)!r}{hint}")
        return self._where[key]

    def values(self, params: Mapping[str, jax.Array]) -> dict[sympy.Symbol, float]:
        """Each symbol's value in ``params``: a substitution for symbolic DisCoPy diagrams.

        >>> from discojax import TensorAnsatz, TensorModel
        >>> m = TensorModel.from_data(["man runs"], TensorAnsatz({"n": 2, "s": 2}))
        >>> Symbols.of(m).values({"n": jnp.array([[1.0, 2.0]]), "n.r s": jnp.eye(2)[None]})
        {man__n_0: 1.0, man__n_1: 2.0, runs__n.r@s_0: 1.0, runs__n.r@s_1: 0.0, runs__n.r@s_2: 0.0, runs__n.r@s_3: 1.0}
        """
        flat = {t: np.asarray(a).reshape(a.shape[0], -1) for t, a in params.items()}
        return {s: float(flat[t][r, c]) for s, t, r, c in self.entries}
