"""``jax.jit`` whose executables are let go before the process runs out of memory maps.

``jax.jit`` keeps every executable it compiles, up to thousands per function, for as long as
the process lives. Each XLA CPU executable maps 100 to 5,000 memory regions (a 10,000-sentence
batch: 1,131, and 3,774 more for its gradient), and Linux allows 65,530 per process
(``/proc/sys/vm/max_map_count``): a process that meets ever new batch structures (a property
test, a service composing meanings sentence by sentence, a loop over many minibatches) died
inside XLA's compiler ("LLVM compilation error: Cannot allocate memory", then a segmentation
fault) once they ran out.

:func:`bounded_jit` gives each static key (the static arguments and the PyTree structure of the
others) its own jitted function, in one least-recently-used cache shared by all decorated
functions. Before a new key compiles, the oldest half of the cache is let go (and with it their
executables and their gradients') while the process maps more than :data:`MAP_SHARE` of what it
may; the cache never holds more than :data:`MAX_KEPT` keys. A key that comes back compiles
again.

>>> import jax.numpy as jnp
>>> @bounded_jit(static_argnums=0)
... def power(n, x):
...     return x**n
>>> power(3, jnp.array([1.0, 2.0])).tolist()
[1.0, 8.0]
"""

from __future__ import annotations

import functools
import gc
import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, ParamSpec, TypeVar

import jax

P = ParamSpec("P")
R = TypeVar("R")

#: The most static keys (over all decorated functions) whose jitted functions are kept.
MAX_KEPT = 256
#: Old keys are let go while the process maps more than this share of the regions it may map.
MAP_SHARE = 0.5

_kept: OrderedDict[tuple, Callable[..., Any]] = OrderedDict()
_lock = threading.Lock()


def mapped_regions() -> int | None:
    """How many memory regions this process maps (Linux), or ``None`` where that is unknown.

    >>> n = mapped_regions()
    >>> n is None or n > 0
    True
    """
    try:
        with open("/proc/self/maps", "rb") as maps:
            return maps.read().count(b"\n")
    except OSError:
        return None


@functools.cache
def map_limit() -> int | None:
    """How many memory regions one process may map (Linux), or ``None`` where unknown.

    >>> limit = map_limit()
    >>> limit is None or limit > 1000
    True
    """
    try:
        return int(Path("/proc/sys/vm/max_map_count").read_text())
    except (OSError, ValueError):
        return None


def kept_keys() -> int:
    """How many static keys keep their jitted functions now.

    >>> kept_keys() <= MAX_KEPT
    True
    """
    return len(_kept)


def _make_room() -> None:
    """Let old keys go: beyond :data:`MAX_KEPT`, and while too many regions are mapped."""
    with _lock:
        while len(_kept) >= MAX_KEPT:
            _kept.popitem(last=False)
    limit = map_limit()
    while limit is not None and _kept and (mapped_regions() or 0) > MAP_SHARE * limit:
        with _lock:
            for _ in range(max(1, len(_kept) // 2)):
                _kept.popitem(last=False)
        gc.collect()  # jax's caches hold executables through reference cycles, too


def bounded_jit(
    *, static_argnums: int | Sequence[int] = ()
) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Decorate a function as ``jax.jit(function, static_argnums=...)``, but let go of old keys.

    Arguments are positional; static ones must be hashable. The decorated function traces,
    differentiates and nests inside ``jax.jit`` as a jitted one does.

    >>> import jax
    >>> @bounded_jit(static_argnums=1)
    ... def scale(x, k):
    ...     return k * x
    >>> [float(scale(jax.numpy.ones(()), k)) for k in (1, 2, 3)]
    [1.0, 2.0, 3.0]
    >>> float(jax.grad(scale)(1.0, 4.0))
    4.0
    """
    static = (static_argnums,) if isinstance(static_argnums, int) else tuple(static_argnums)

    def decorate(function: Callable[P, R]) -> Callable[P, R]:
        def jitted(statics: tuple[Any, ...]) -> Callable[..., R]:
            def traced(*dynamic: Any) -> R:
                args = list(dynamic)
                for position, value in sorted(zip(static, statics)):
                    args.insert(position, value)
                return function(*args)  # type: ignore[call-arg]

            traced.__name__ = traced.__qualname__ = function.__name__  # in profiles and HLO
            return jax.jit(traced)

        @functools.wraps(function)
        def call(*args: P.args, **kwargs: P.kwargs) -> R:
            if kwargs:
                raise TypeError(f"{function.__name__}: pass arguments by position")
            statics = tuple(args[i] for i in static)
            dynamic = [a for i, a in enumerate(args) if i not in static]
            key = (call, statics, jax.tree_util.tree_structure(dynamic))
            with _lock:
                compiled = _kept.get(key)
                if compiled is not None:
                    _kept.move_to_end(key)
            if compiled is None:
                _make_room()
                compiled = jitted(statics)
                with _lock:
                    _kept[key] = compiled
            return compiled(*dynamic)

        return call

    return decorate
