"""Every derivative of a batch of sentences, evaluated as one compiled program.

:func:`prepare_derivatives` builds, once, the formal sum ``∂ sentence / ∂ symbol`` of every
sentence and every symbol of its words (:func:`~discojax.diff._terms.terms_of`) and hands all
terms to the compiler's :func:`~discojax.compile.prepare`, the sentences themselves first:
a term is its sentence's network with one word read from a *derived row*, and the rows of
one derivative are summed by ``owners`` (a formal sum of diagrams). Terms keep their
sentence's shape, so the program is the sentences' own (one per shape), run on more rows.

The derived rows are made from the tables inside the jitted function: for a circuit word,
its angles shifted by each rule's shift (:func:`~discojax.diff.lambdify_rows`, once per word
type, all rows at once), prepared as states and scaled by the rule's coefficient; for a
tensor word, the unit tensor of the entry (the other factors of a split word unchanged).

:func:`jacobian` gives ``∂ values / ∂ params`` of the compiled values (tensors, amplitudes or
density matrices, before the read-out), laid out as ``jax.jacfwd`` lays them out;
:func:`loss_grad` closes the chain rule through the read-out and the loss, the *bubble*
around the sentences: its gradient at the values (by ``jax.grad``), paired with every
derivative diagram's value.

>>> import jax, jax.numpy as jnp
>>> from discojax import TensorAnsatz, TensorModel
>>> texts = ["man runs", "woman runs"]
>>> m = TensorModel.from_data(texts, TensorAnsatz({"n": 2, "s": 2}))
>>> d = prepare_derivatives(m, texts)
>>> d.n_terms  # two sentences, each 2 (noun) + 4 (verb) symbols, one term each
12
>>> p, batch = m.init(jax.random.key(0)), m.prepare(texts)
>>> auto = jax.jit(jax.jacfwd(m.apply))(p, batch)
>>> all(bool(jnp.allclose(auto[t], jacobian(m, p, d)[t])) for t in p)
True
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import jax
import jax.numpy as jnp
import numpy as np
import sympy

from discojax._jit import bounded_jit
from discojax.compile._batch import Batch, evaluate, prepare
from discojax.compile._vocabulary import Vocabulary
from discojax.diff._rules import rules
from discojax.diff._symbols import lambdify_rows, variables
from discojax.diff._terms import terms_of
from discojax.grammar._types import Type, format_type, parse_type
from discojax.semantics.circuit._ansatz import CircuitAnsatz

#: ``(table, column, shift, coefficient)`` of each derived row of a word, in order.
Combos = tuple[tuple[str, int, float | None, float], ...]


@jax.tree_util.register_dataclass
@dataclass(frozen=True)
class Derivatives:
    """The sentences of a batch and every term of their derivatives, bucketed by shape.

    Attributes:
        batch: the compiler's batch: items ``0 … size - 1`` are the sentences, the others
            one derivative each (the sum of its terms).
        sentence, row, column: per table, ``(k,)`` the sentence, table row and column of
            each derivative of that table's symbols; ``item`` the derivative's item.
        size: the number of sentences (static).
        combos: per word type, its derived rows (static).
        output_type: the sentences' type (static).
    """

    batch: Batch
    sentence: dict[str, jax.Array]
    row: dict[str, jax.Array]
    column: dict[str, jax.Array]
    item: dict[str, jax.Array]
    size: int = field(metadata={"static": True})
    combos: tuple[tuple[str, Combos], ...] = field(metadata={"static": True})
    output_type: Type = field(metadata={"static": True})
    n_terms: int = field(metadata={"static": True})


def _combos(ansatz: Any, type_string: str, born: bool = False) -> Combos:
    return tuple(
        (table, column, shift, coefficient)
        for table, columns in rules(ansatz, type_string, born).items()
        for column, rule in enumerate(columns)
        for shift, coefficient in rule
    )


def derived_word(word: str, combo: int) -> str:
    """The vocabulary name of a word's derived row (``∂`` never starts a parsed word).

    >>> derived_word("loves", 3)
    '∂3:loves'
    """
    return f"∂{combo}:{word}"


def prepare_derivatives(model: Any, items: Iterable[Any]) -> Derivatives:
    """Every sentence of ``items`` and its derivative in every symbol of its words, once.

    Raises:
        DifferentiationError: a semantics without derivative rules.
        UnknownWordError: a word the model's vocabulary lacks.

    >>> from discojax.quantum import CircuitAnsatz, QuantumModel
    >>> m = QuantumModel.from_data(["Alice runs"], CircuitAnsatz({"n": 1, "s": 1}))
    >>> prepare_derivatives(m, ["Alice runs"]).n_terms  # 3 rotations, 1 CRz (2 terms)
    5
    """
    networks = model.networks(items)
    vocabulary = model.vocabulary
    combos = {t: _combos(model.ansatz, t) for t in vocabulary.type_strings()}
    index = {t: {c: i for i, c in enumerate(cs)} for t, cs in combos.items()}
    rows = {t: vocabulary.rows(t) for t in combos}
    derived = {t: tuple(derived_word(w, i) for w in rows[t] for i in range(len(combos[t])))
               for t in combos}  # fmt: skip
    extended = Vocabulary({t: rows[t] + derived[t] for t in combos}, vocabulary.unknown)
    terms, owners = list(networks), list(range(len(networks)))
    found: dict[str, list[tuple[int, int, int, int]]] = {}
    item = len(networks)
    for i, network in enumerate(networks):
        seen = set()
        for k, (word, ty) in enumerate(zip(network.words, network.types)):
            type_string = format_type(ty)
            row = vocabulary.index(word, type_string, k)
            if (type_string, row) in seen:
                continue
            seen.add((type_string, row))
            for table, columns in rules(model.ansatz, type_string).items():
                for column in range(len(columns)):
                    for term in terms_of(model, network, table, row, column):
                        combo = index[type_string][(table, column, term.shift, term.coefficient)]
                        words = list(network.words)
                        words[term.slot] = derived_word(rows[type_string][row], combo)
                        terms.append(dataclasses.replace(network, words=tuple(words)))
                        owners.append(item)
                    found.setdefault(table, []).append((i, row, column, item))
                    item += 1
    batch = prepare(terms, extended, model.ansatz, owners=owners)
    arrays = {t: np.array(v, dtype=np.int32).reshape(-1, 4) for t, v in found.items()}
    output_type = networks[0].output_type if networks else parse_type(model.target)
    by = [{t: jnp.asarray(a[:, j]) for t, a in arrays.items()} for j in range(4)]
    return Derivatives(
        batch,
        by[0],
        by[1],
        by[2],
        by[3],
        size=len(networks),
        combos=tuple(sorted(combos.items())),
        output_type=output_type,
        n_terms=len(terms) - len(networks),
    )


def shifted_angles(angles: jax.Array, combos: Combos) -> jax.Array:
    """The derived rows of an angle table: row ``r * len(combos) + k`` is row ``r`` with the
    shift of combo ``k`` on its column (one sympy expression per entry, lambdified once).

    >>> shifted_angles(jnp.zeros((2, 2)), (("t", 1, 0.25, 1.0), ("t", 1, -0.25, -1.0))).tolist()
    [[0.0, 0.25], [0.0, -0.25], [0.0, 0.25], [0.0, -0.25]]
    """
    rows, n = angles.shape
    x = variables(n)
    moved = [
        x[j] + sympy.nsimplify(s) if j == c else x[j] for _, c, s, _ in combos for j in range(n)
    ]
    return lambdify_rows(moved, n)(angles).reshape(rows * len(combos), n)


def _extend(ansatz: Any, params: Mapping[str, jax.Array], d: Derivatives) -> dict[str, jax.Array]:
    """The word tensors of the tables with every derived row appended (see the module)."""
    names = set(d.batch.table_names)
    extended: dict[str, jax.Array] = dict(params)
    scales: dict[str, jax.Array] = {}
    for _, combos in d.combos:
        tables = sorted({table for table, *_ in combos})
        if not combos or not names & set(tables):
            continue
        if isinstance(ansatz, CircuitAnsatz):
            (table,) = tables
            angles = params[table]
            rows = angles.shape[0]
            extended[table] = jnp.concatenate([angles, shifted_angles(angles, combos)])
            coefficients = jnp.asarray([c for *_, c in combos], angles.dtype)
            scales[table] = jnp.concatenate(
                [jnp.ones(rows, angles.dtype), jnp.tile(coefficients, rows)]
            )
            continue
        for table in tables:
            base = params[table]
            rows, shape = base.shape[0], base.shape[1:]
            parts = []  # the Jacobian's rows: rows x entries^2 numbers for one-factor words
            for combo_table, column, _, _ in combos:
                if combo_table == table:
                    unit = jnp.zeros(math.prod(shape), base.dtype).at[column].set(1)
                    parts.append(jnp.broadcast_to(unit.reshape(shape), base.shape))
                else:
                    parts.append(base)
            derived = jnp.stack(parts, axis=1).reshape(rows * len(combos), *shape)
            extended[table] = jnp.concatenate([base, derived])
    tensors = ansatz.word_tensors(extended, sorted(names))
    for table, scale in scales.items():
        if table in tensors:
            t = tensors[table]
            tensors[table] = t * scale.astype(t.dtype).reshape(-1, *(1,) * (t.ndim - 1))
    return tensors


@bounded_jit(static_argnums=0)
def evaluate_derivatives(ansatz: Any, params: Mapping[str, jax.Array], d: Derivatives) -> jax.Array:
    """The values of the sentences, then of every derivative: ``(size + k, *output)``.

    >>> from discojax import TensorAnsatz, TensorModel
    >>> m = TensorModel.from_data(["man runs"], TensorAnsatz({"n": 2, "s": 2}))
    >>> evaluate_derivatives(m.ansatz, m.init(jax.random.key(0)), prepare_derivatives(m, ["man runs"])).shape
    (7, 2)
    """
    return evaluate(_extend(ansatz, params, d), d.batch)


def jacobian(model: Any, params: Mapping[str, jax.Array], d: Derivatives) -> dict[str, jax.Array]:
    """``∂ values / ∂ params``: per table ``(size, *output, rows, *entry)``, as ``jax.jacfwd``
    of ``evaluate(word_tensors(params), batch)`` (zero where a word is not in a sentence).

    >>> from discojax import TensorAnsatz, TensorModel
    >>> m = TensorModel.from_data(["man runs"], TensorAnsatz({"n": 2, "s": 2}))
    >>> p = m.init(jax.random.key(0))
    >>> jacobian(m, p, prepare_derivatives(m, ["man runs"]))["n"][0, :, 0].tolist() == p["n.r s"][0].T.tolist()
    True
    """
    out = evaluate_derivatives(model.ansatz, params, d)
    values, derivatives = out[: d.size], out[d.size :]
    result = {}
    for table, array in params.items():
        rows, shape = array.shape[0], array.shape[1:]
        full = jnp.zeros((d.size, rows, math.prod(shape), *values.shape[1:]), out.dtype)
        if table in d.item:
            full = full.at[d.sentence[table], d.row[table], d.column[table]].set(
                derivatives[d.item[table] - d.size]
            )
        full = full.reshape(d.size, rows, *shape, *values.shape[1:])
        k, m = len(shape) + 1, values.ndim - 1
        order = [0, *range(1 + k, 1 + k + m), *range(1, 1 + k)]
        result[table] = jnp.transpose(full, order)
    return result


@bounded_jit(static_argnums=(0, 1, 2))
def _chain(
    ansatz: Any,
    loss: Callable[[jax.Array], jax.Array],
    output_type: Type,
    params: Mapping[str, jax.Array],
    out: jax.Array,
    d: Derivatives,
) -> dict[str, jax.Array]:
    """The chain rule through the bubble: its gradient at the values, paired with each
    derivative's value and added into its symbol's entry."""
    values, derivatives = out[: d.size], out[d.size :]
    upstream = jax.grad(lambda v: loss(ansatz.readout(v, output_type)))(values)
    grads = {}
    for table, array in params.items():
        width = math.prod(array.shape[1:])
        flat = jnp.zeros(array.shape[0] * width, array.dtype)
        if table in d.item:
            pair = upstream[d.sentence[table]] * derivatives[d.item[table] - d.size]
            each = jnp.real(pair.reshape(pair.shape[0], -1).sum(axis=1)).astype(array.dtype)
            flat = flat.at[d.row[table] * width + d.column[table]].add(each)
        grads[table] = flat.reshape(array.shape)
    return grads


def loss_grad(
    model: Any,
    loss: Callable[[jax.Array], jax.Array],
    params: Mapping[str, jax.Array],
    d: Derivatives,
) -> dict[str, jax.Array]:
    """The gradient of ``loss(model.apply(params, batch))`` from the derivative diagrams.

    The read-out and the loss are a bubble around the sentences: by the chain rule, a
    symbol's gradient is the bubble's gradient at the values, paired with the values of the
    symbol's derivative diagrams (the real part, for amplitudes).

    Args:
        model: the model.
        loss: a function of the read-out ``(size, *outcomes)`` to a scalar (static: hashable).
        params: the tables.
        d: :func:`prepare_derivatives` of the sentences.

    >>> from discojax import TensorAnsatz, TensorModel
    >>> m = TensorModel.from_data(["man runs"], TensorAnsatz({"n": 2, "s": 2}))
    >>> p = {"n": jnp.array([[1.0, 2.0]]), "n.r s": jnp.array([[[1.0, 0.0], [0.0, 3.0]]])}
    >>> g = loss_grad(m, jnp.sum, p, prepare_derivatives(m, ["man runs"]))  # sum of man @ runs
    >>> g["n"].tolist(), g["n.r s"].tolist()
    ([[1.0, 3.0]], [[[1.0, 1.0], [2.0, 2.0]]])
    """
    out = evaluate_derivatives(model.ansatz, params, d)
    return _chain(model.ansatz, loss, d.output_type, params, out, d)
