"""Which layouts the compiler uses: those tuned for XLA on the CPU, or XLA's own elsewhere.

Two choices of the compiler were made by measuring XLA's **CPU** backend, and only there:

- :mod:`~discojax.compile._pairwise` rewrites a large pairwise step as a canonical batched
  matrix product, because XLA's CPU dot transposes a larger operand whose contracted axes are
  not at the matching end (15 times the contraction for a ditransitive verb at ``d = 32``);
- :mod:`~discojax.compile._in_place` reads large word tensors from their table in a loop
  (``lax.map``, one row or one chunk of rows at a time) instead of gathering a copy per
  sentence (5 to 8 times faster at ``d = 32`` on the CPU).

The rule: **both are used when the platform JAX compiles for is the CPU**
(``jax.default_backend() == "cpu"``), and neither elsewhere. On a GPU or TPU every pairwise
step is ``jnp.einsum`` on gathered rows, which XLA lays out itself: a loop over rows there is
one small kernel after another, and XLA's GPU layout assignment chooses the dot's operand
layouts. (Neither layout has been measured on a GPU: see ``docs/performance.md``.) The
environment variable ``DISCOJAX_LAYOUTS`` (``cpu`` or ``generic``) overrides the rule, to test
each branch on one machine or to measure the CPU layouts on another backend. The choice is
made when a program is traced, so set it before the first evaluation.

>>> layouts({"DISCOJAX_LAYOUTS": "generic"})
'generic'
>>> layouts({}) == ("cpu" if jax.default_backend() == "cpu" else "generic")
True
"""

from __future__ import annotations

import os
from collections.abc import Mapping

import jax

from discojax.errors import CompileError

#: The layouts: tuned for XLA on the CPU, or left to XLA (any other backend).
LAYOUTS = ("cpu", "generic")


def layouts(environ: Mapping[str, str] = os.environ) -> str:
    """``"cpu"`` where JAX compiles for the CPU, else ``"generic"``; ``DISCOJAX_LAYOUTS`` first.

    Raises:
        CompileError: ``DISCOJAX_LAYOUTS`` names no layout.

    >>> layouts({"DISCOJAX_LAYOUTS": "gpu"})
    Traceback (most recent call last):
    ...
    discojax.errors.CompileError: DISCOJAX_LAYOUTS must be cpu or generic, not 'gpu'
    """
    chosen = environ.get("DISCOJAX_LAYOUTS")
    if chosen is None:
        return "cpu" if jax.default_backend() == "cpu" else "generic"
    if chosen not in LAYOUTS:
        raise CompileError(f"DISCOJAX_LAYOUTS must be {' or '.join(LAYOUTS)}, not {chosen!r}")
    return chosen


def cpu_layouts() -> bool:
    """Whether the CPU layouts apply now (see the module).

    >>> cpu_layouts() == (layouts() == "cpu")
    True
    """
    return layouts() == "cpu"
