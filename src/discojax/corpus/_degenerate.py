"""Warnings for settings that make a similarity or ranking result meaningless, with counts.

Three things make a corpus model's scores say nothing, and none of them raises:

- a meaning space of dimension 1 (Verb only on noun phrases: ``F(n) = R^1``), where every
  cosine is ±1 or 0;
- most items with two identical meanings (cosine exactly 1), as relational verbs built from a
  data set's own sentences give on GS2011: one huge tie;
- words without a vector read as zero (``missing="zero"``): every phrase they head is zero.

:func:`degenerate_settings` names each with its count; the experiments log them and keep them
in ``results.json`` (``settings.warnings``).

>>> for warning in degenerate_settings("Verb only", dim=1, identical=3, items=4,
...                                    zero_words=("gabble",)):
...     print(warning)
Verb only: its meanings have 1 dimension, so every cosine is ±1 or 0
Verb only: 3 of 4 items have two identical meanings (cosine exactly 1)
Verb only: 1 word(s) have no vector and are read as zero: 'gabble'
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

logger = logging.getLogger(__name__)

#: The share of items with identical meanings above which a result is flagged.
IDENTICAL_SHARE = 0.5


def degenerate_settings(
    model: str, *, dim: int, identical: int, items: int, zero_words: Sequence[str] = ()
) -> tuple[str, ...]:
    """The warnings for one model's run: a 1-dimensional space, mostly identical pairs (more
    than :data:`IDENTICAL_SHARE` of the items), words read as zero.

    >>> degenerate_settings("Add", dim=50, identical=0, items=199)
    ()
    """
    found = []
    if dim == 1:
        found.append(f"{model}: its meanings have 1 dimension, so every cosine is ±1 or 0")
    if items and identical > IDENTICAL_SHARE * items:
        found.append(
            f"{model}: {identical} of {items} items have two identical meanings (cosine exactly 1)"
        )
    if zero_words:
        listed = ", ".join(repr(w) for w in zero_words[:10])
        more = f" and {len(zero_words) - 10} more" if len(zero_words) > 10 else ""
        found.append(
            f"{model}: {len(zero_words)} word(s) have no vector and are read as zero: "
            f"{listed}{more}"
        )
    for message in found:
        logger.warning(message)
    return tuple(found)
