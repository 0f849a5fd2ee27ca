"""Einsum letters: the one place that names the axes of an einsum equation.

Every equation the library writes (the compiler's programs, gates, the Born rule, mixed states,
the DisCoPy comparison) takes its letters from here, so none can meet the batch letter.

>>> einsum_letters(3), BATCH
('abc', 'z')
"""

from __future__ import annotations

import opt_einsum

BATCH = "z"  # the batch axis of every operand and output in a program's equation


def einsum_letter(k: int) -> str:
    """The ``k``-th einsum letter: ``a``…``y``, ``A``…``Z``, then other symbols; never the batch
    letter :data:`BATCH`. The one place that names einsum axes.

    >>> einsum_letter(0), einsum_letter(24), einsum_letter(26), einsum_letter(25) != BATCH
    ('a', 'y', 'A', True)
    """
    letter = opt_einsum.get_symbol(k)
    return opt_einsum.get_symbol(k + 1001) if letter == BATCH else letter


def einsum_letters(count: int, start: int = 0) -> str:
    """``count`` distinct einsum letters from the ``start``-th (see :func:`einsum_letter`).

    >>> einsum_letters(3), einsum_letters(2, start=26)
    ('abc', 'AB')
    """
    return "".join(einsum_letter(k) for k in range(start, start + count))
