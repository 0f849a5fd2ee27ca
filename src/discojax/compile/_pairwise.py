"""One pairwise step, laid out so that XLA's CPU dot never copies the larger operand.

XLA on CPU runs a batched ``dot_general`` fast only when the larger operand's contracted axes
are at one end of its layout *and* it sits on the matching side of the dot: leading axes on
the right, trailing axes on the left. Otherwise it first transposes that operand, which for a
ditransitive verb at ``d = 32`` (4 MiB a row) costs 15 times the contraction itself. A step
that contracts a word tensor's middle axis, or its first axis with the word on the left, is
therefore rewritten: the larger operand is only reshaped (its leading free axes join the batch
axis), and only the smaller one is transposed or broadcast. This is a CPU layout: on another
backend every step is left to ``jnp.einsum`` (the rule is in :mod:`discojax.compile._backend`).

>>> import jax.numpy as jnp
>>> verb = jnp.arange(2 * 3 * 4 * 5.0).reshape(2, 3, 4, 5)
>>> obj = jnp.ones((2, 4))
>>> bool(jnp.allclose(contract_pair("zabc,zb->zac", verb, obj),
...                   jnp.einsum("zabc,zb->zac", verb, obj)))
True
"""

from __future__ import annotations

import math
from typing import NamedTuple

import jax
import jax.numpy as jnp

from discojax.compile._backend import cpu_layouts
from discojax.compile._letters import BATCH

MIN_ENTRIES = 4096  # per row: below this, every layout is about as fast; einsum decides


def contract_pair(equation: str, x: jax.Array, y: jax.Array) -> jax.Array:
    """``jnp.einsum(equation, x, y)`` for a two-operand step batched on ``z``.

    The larger operand may lack the batch axis (a whole table). Steps whose larger operand has
    at least :data:`MIN_ENTRIES` entries a row, and whose indices are plain (every contracted
    index in both operands and not in the output, every other index in exactly one operand and
    in the output, the contracted ones adjacent in the larger operand), become one canonical
    batched matrix product on the CPU (:func:`~discojax.compile._backend.cpu_layouts`);
    anything else, and every step on another backend, is left to ``jnp.einsum``.

    >>> import jax.numpy as jnp
    >>> x = jnp.ones((3, 64, 8, 8)); y = jnp.arange(3 * 64.0).reshape(3, 64)
    >>> contract_pair("zabc,za->zbc", x, y).shape
    (3, 8, 8)
    """
    terms, output = equation.split("->")
    left, right = terms.split(",")
    big, small, big_term, small_term = (x, y, left, right)
    if y.size > x.size:
        big, small, big_term, small_term = (y, x, right, left)
    plan = _plan(big_term, small_term, output, big.shape) if cpu_layouts() else None
    if plan is None:
        return jnp.einsum(equation, x, y)
    leading, contracted, trailing, free = plan
    dims = dict(zip(big_term, big.shape)) | dict(zip(small_term, small.shape))
    size = {name: math.prod(dims[c] for c in axes) for name, axes in plan._asdict().items()}
    batched = big_term.startswith(BATCH)
    if leading and trailing and (not batched or size["free"] > size["trailing"]):
        # Contracted in the middle: a whole table has no batch axis to fold the leading
        # indices into, and broadcasting the smaller operand over them would copy more than
        # transposing the larger one.
        return jnp.einsum(equation, x, y)
    z = small.shape[0]
    if not batched:  # a whole table: one plain matrix product
        lhs = jnp.einsum(f"{small_term}->z{free}{contracted}", small)
        lhs = lhs.reshape(z * size["free"], size["contracted"])
        if leading:  # (P, K)
            rhs, axis, order = big.reshape(size["leading"], size["contracted"]), 1, free + leading
        else:  # (K, Q)
            rhs, axis = big.reshape(size["contracted"], size["trailing"]), 0
            order = free + trailing
        out = jax.lax.dot_general(lhs, rhs, (((1,), (axis,)), ((), ())))
    elif not trailing:  # big is (z, P, K): on the left
        rhs = jnp.einsum(f"{small_term}->z{contracted}{free}", small)
        out = jax.lax.dot_general(
            big.reshape(z, size["leading"], size["contracted"]),
            rhs.reshape(z, size["contracted"], size["free"]),
            (((2,), (1,)), ((0,), (0,))),
        )
        order = leading + free
    else:  # big is (z * P, K, Q): on the right, the small operand broadcast over P
        lhs = jnp.einsum(f"{small_term}->z{free}{contracted}", small)
        lhs = lhs.reshape(z, 1, size["free"], size["contracted"])
        lhs = jnp.broadcast_to(lhs, (z, size["leading"], size["free"], size["contracted"]))
        out = jax.lax.dot_general(
            lhs.reshape(z * size["leading"], size["free"], size["contracted"]),
            big.reshape(z * size["leading"], size["contracted"], size["trailing"]),
            (((2,), (1,)), ((0,), (0,))),
        )
        order = leading + free + trailing
    out = out.reshape(z, *(dims[c] for c in order))
    return jnp.einsum(f"z{order}->{output}", out)


class _Plan(NamedTuple):
    """The index strings of a rewritable step, the batch index left out."""

    leading: str  # the larger operand's free indices before the contracted ones
    contracted: str  # in the larger operand's order
    trailing: str  # the larger operand's free indices after them
    free: str  # the smaller operand's free indices


def _plan(big: str, small: str, output: str, shape: tuple[int, ...]) -> _Plan | None:
    """How to lay out a step, or ``None`` to leave it to einsum.

    >>> _plan("zabcd", "zc", "zabd", (2, 8, 8, 8, 8))
    _Plan(leading='ab', contracted='c', trailing='d', free='')
    >>> _plan("zab", "zb", "zab", (2, 64, 64)) is None  # b is kept: a spider, not a contraction
    True
    """
    batched = big[:1] == BATCH
    if not small[:1] == output[:1] == BATCH or math.prod(shape[batched:]) < MIN_ENTRIES:
        return None
    big, small, output = big[batched:], small[1:], output[1:]
    if len(set(big)) < len(big) or len(set(small)) < len(small) or BATCH in big + small:
        return None
    contracted = [c for c in big if c in small]
    if not contracted or any(c in output for c in contracted):
        return None
    if any(c not in output for c in big + small if c not in contracted):
        return None
    start = big.index(contracted[0])
    if big[start : start + len(contracted)] != "".join(contracted):
        return None
    free = "".join(c for c in small if c not in contracted)
    return _Plan(big[:start], "".join(contracted), big[start + len(contracted) :], free)
