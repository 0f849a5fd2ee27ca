"""``jax.jit`` that keeps the executables of its last few static keys only.

``jax.jit`` keeps every executable it compiles, up to thousands, for as long as the process
lives. XLA's CPU executables map a hundred or more memory regions each, and Linux allows
65,530 per process: a process that meets ever new batch structures (a property test, a server
composing meanings one sentence at a time, a training loop given a new loss function at each
step) fails, with a segmentation fault inside XLA, once they run out. :func:`bounded_jit` gives
each static key (the static arguments and the structure of the others) its own jitted function
and keeps the last :data:`KEPT` of them: an older key's executables, with its gradient's, are
freed, and compiled again if it comes back.

>>> import jax.numpy as jnp
>>> @bounded_jit(static_argnums=0)
... def power(n, x):
...     return x**n
>>> power(3, jnp.array([1.0, 2.0])).tolist()
[1.0, 8.0]
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Hashable, Sequence
from typing import Any, ParamSpec, TypeVar

import jax

P = ParamSpec("P")
R = TypeVar("R")

#: How many static keys of one function keep their executables.
KEPT = 16


def bounded_jit(
    *, static_argnums: int | Sequence[int] = (), kept: int = KEPT
) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Decorate a function as ``jax.jit(function, static_argnums=...)`` with bounded memory.

    Arguments are positional. Each key, the static arguments (hashable) with the PyTree
    structure of the others, is jitted on its own; only the last ``kept`` keys' jitted
    functions, and so their executables, stay alive.

    >>> import jax
    >>> @bounded_jit(static_argnums=1, kept=2)
    ... def scale(x, k):
    ...     return k * x
    >>> [float(scale(jax.numpy.ones(()), k)) for k in (1, 2, 3, 1)]
    [1.0, 2.0, 3.0, 1.0]
    >>> scale.cache_info().currsize  # keys 3 and 1 (1 was compiled again)
    2
    """
    static = (static_argnums,) if isinstance(static_argnums, int) else tuple(static_argnums)

    def decorate(function: Callable[P, R]) -> Callable[P, R]:
        @functools.lru_cache(maxsize=kept)
        def compiled(statics: tuple[Hashable, ...], structure: Any) -> Callable[..., R]:
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
            return compiled(statics, jax.tree_util.tree_structure(dynamic))(*dynamic)

        call.cache_info = compiled.cache_info  # type: ignore[attr-defined]
        call.cache_clear = compiled.cache_clear  # type: ignore[attr-defined]
        return call

    return decorate
