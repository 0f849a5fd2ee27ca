"""A budget on the numbers a model may hold: parameter tables and contraction intermediates.

Sizes are known before anything is allocated: a table's shape follows from the dimensions of
the semantics and the vocabulary, an intermediate's from the contraction path (opt_einsum
reports its largest). Past :data:`MAX_ENTRIES` either is a
:class:`~discojax.errors.LimitError`, raised before allocation, instead of a process that
aborts when the memory runs out (``dims = {n = 100000, s = 2}`` makes a transitive verb's row
2·10¹⁰ numbers, 80 GB).

>>> check_entries(1000, "the parameter tables")
>>> check_entries(2 * 10**10, "the parameter tables", "the largest: 'n.r s n.l'")
Traceback (most recent call last):
...
discojax.errors.LimitError: the parameter tables need 20,000,000,000 numbers (80.0 GB as ...
"""

from __future__ import annotations

from discojax.errors import LimitError

#: The most numbers allowed in a model's parameter tables together, and in any one
#: intermediate of one sentence's contraction: 2²⁸, 1 GiB as float32. Raise it (set
#: ``discojax.compile._budget.MAX_ENTRIES``) on a machine with the memory for more.
MAX_ENTRIES = 2**28


def check_entries(entries: int, what: str, detail: str = "") -> None:
    """Refuse ``entries`` numbers for ``what`` above :data:`MAX_ENTRIES`.

    Args:
        entries: how many numbers would be allocated.
        what: what they are, for the message ("the parameter tables").
        detail: where the most of them are, for the message.

    Raises:
        LimitError: ``entries`` is above the budget.
    """
    if entries > MAX_ENTRIES:
        where = f"; {detail}" if detail else ""
        raise LimitError(
            f"{what} need {entries:,} numbers ({entries * 4 / 1e9:.1f} GB as float32), more than "
            f"the budget of {MAX_ENTRIES:,} (discojax.compile._budget.MAX_ENTRIES); lower the "
            f"dimensions{where}"
        )
