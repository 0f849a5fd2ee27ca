"""discojax: compositional semantics on string diagrams, contracted in batched, jitted JAX.

>>> import jax
>>> import discojax as dj
>>> model = dj.TensorModel.from_data(["Alice loves Bob"], dj.TensorAnsatz({"n": 2, "s": 2}))
>>> model.meaning(model.init(jax.random.key(0)), "Bob loves Alice").shape
(2,)

The names below are imported on first use (PEP 562), so ``import discojax`` (and the
``discojax parse`` command, which needs only the grammar) does not pay for JAX:

>>> "TensorModel" in dir(dj) and dj.Parser is dj.grammar.Parser
True
"""

from __future__ import annotations

import importlib
import importlib.util
from importlib import metadata as _metadata
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from discojax.compile import Batch as Batch
    from discojax.compile import Vocabulary as Vocabulary
    from discojax.compile import compilations as compilations
    from discojax.errors import CompileError as CompileError
    from discojax.errors import DataError as DataError
    from discojax.errors import DiscojaxError as DiscojaxError
    from discojax.errors import GrammarError as GrammarError
    from discojax.errors import ParseError as ParseError
    from discojax.errors import TrainingError as TrainingError
    from discojax.errors import UnknownWordError as UnknownWordError
    from discojax.grammar import Lexicon as Lexicon
    from discojax.grammar import Parse as Parse
    from discojax.grammar import Parser as Parser
    from discojax.grammar import load_lexicon as load_lexicon
    from discojax.grammar import parse as parse
    from discojax.models import QuantumModel as QuantumModel
    from discojax.models import TensorModel as TensorModel
    from discojax.models import load_model as load_model
    from discojax.models import save_model as save_model
    from discojax.models import to_network as to_network
    from discojax.semantics import CircuitAnsatz as CircuitAnsatz
    from discojax.semantics import MPSAnsatz as MPSAnsatz
    from discojax.semantics import SpiderAnsatz as SpiderAnsatz
    from discojax.semantics import TensorAnsatz as TensorAnsatz

# Each re-exported name and the module it comes from; keep in step with the block above.
_EXPORTS: dict[str, str] = {
    **dict.fromkeys(["Batch", "Vocabulary", "compilations"], "discojax.compile"),
    **dict.fromkeys(
        [
            "CompileError",
            "DataError",
            "DiscojaxError",
            "GrammarError",
            "ParseError",
            "TrainingError",
            "UnknownWordError",
        ],
        "discojax.errors",
    ),
    **dict.fromkeys(["Lexicon", "Parse", "Parser", "load_lexicon", "parse"], "discojax.grammar"),
    **dict.fromkeys(
        ["QuantumModel", "TensorModel", "load_model", "save_model", "to_network"],
        "discojax.models",
    ),
    **dict.fromkeys(
        ["CircuitAnsatz", "MPSAnsatz", "SpiderAnsatz", "TensorAnsatz"], "discojax.semantics"
    ),
}

__all__ = sorted(_EXPORTS)

try:
    __version__ = _metadata.version("discojax")
except _metadata.PackageNotFoundError:  # pragma: no cover - run from a source tree
    __version__ = "0+unknown"


def __getattr__(name: str) -> Any:
    """Import a re-exported name, or a sub-package, on first use.

    >>> import discojax
    >>> discojax.TensorAnsatz.__name__
    'TensorAnsatz'
    >>> discojax.no_such_name
    Traceback (most recent call last):
    ...
    AttributeError: module 'discojax' has no attribute 'no_such_name'
    """
    if name in _EXPORTS:
        value = getattr(importlib.import_module(_EXPORTS[name]), name)
        globals()[name] = value  # the next look-up does not come here
        return value
    if not name.startswith("_") and importlib.util.find_spec(f"{__name__}.{name}") is not None:
        return importlib.import_module(f"{__name__}.{name}")  # discojax.train after import discojax
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    """The module's names, the lazily imported ones included.

    >>> import discojax
    >>> {"Parser", "TensorModel", "__version__"} <= set(dir(discojax))
    True
    """
    return sorted({*globals(), *_EXPORTS})
