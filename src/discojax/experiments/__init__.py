"""Experiments: one configuration schema and one ``run`` for every kind of task.

A TOML file's ``[experiment] kind`` selects the schema: ``classification`` (the default:
train and test a model per seed) or ``similarity`` (corpus models against human similarity
judgements). :func:`load_config` validates the whole file strictly before any work starts
(every problem is a :class:`~discojax.errors.ConfigError` with file and line), and the
configuration's ``run(out)`` runs it and writes its table through the one report writer
(:func:`to_markdown`, :func:`to_latex`). ``discojax run CONFIG`` does both.

>>> config = parse_config(EXAMPLE, "example.toml", check_files=False)
>>> type(config).__name__, config.seeds.seeds
('ClassificationConfig', (0, 1, 2))

The configuration schemas load with this package (``discojax run`` checks a file before any
work); what runs an experiment (JAX, the models, the training loop, the report's statistics and
figures) is imported on first use (PEP 562), so that checking a configuration does not pay
for it:

>>> import discojax.experiments as experiments
>>> experiments.run_experiment.__module__
'discojax.experiments._run'
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from discojax.experiments._classification import ClassificationConfig as ClassificationConfig
from discojax.experiments._config import EXAMPLE as EXAMPLE
from discojax.experiments._config import KINDS as KINDS
from discojax.experiments._config import ExperimentConfig as ExperimentConfig
from discojax.experiments._config import load_config as load_config
from discojax.experiments._config import parse_config as parse_config
from discojax.experiments._config import parse_seeds as parse_seeds
from discojax.experiments._config import register_kind as register_kind
from discojax.experiments._markov import MarkovConfig as MarkovConfig
from discojax.experiments._semantics import SEMANTICS as SEMANTICS
from discojax.experiments._semantics import SemanticsTable as SemanticsTable
from discojax.experiments._semantics import build_model as build_model
from discojax.experiments._semantics import register_semantics as register_semantics
from discojax.experiments._similarity import SimilarityConfig as SimilarityConfig

if TYPE_CHECKING:
    from discojax.experiments._report import collect as collect
    from discojax.experiments._report import latex_escape as latex_escape
    from discojax.experiments._report import plot_curves as plot_curves
    from discojax.experiments._report import summary_table as summary_table
    from discojax.experiments._report import to_latex as to_latex
    from discojax.experiments._report import to_markdown as to_markdown
    from discojax.experiments._report import write_figures as write_figures
    from discojax.experiments._report import write_report as write_report
    from discojax.experiments._run import load_splits as load_splits
    from discojax.experiments._run import run_experiment as run_experiment
    from discojax.experiments._similarity_run import MODELS as MODELS
    from discojax.experiments._similarity_run import run_similarity as run_similarity
    from discojax.experiments._similarity_table import Row as Row
    from discojax.experiments._similarity_table import SimilarityResult as SimilarityResult
    from discojax.experiments._similarity_table import write_similarity as write_similarity

# Each name imported on first use and its module; keep in step with the block above.
_LAZY: dict[str, str] = {
    **dict.fromkeys(
        [
            "collect",
            "latex_escape",
            "plot_curves",
            "summary_table",
            "to_latex",
            "to_markdown",
            "write_figures",
            "write_report",
        ],
        "discojax.experiments._report",
    ),
    **dict.fromkeys(["load_splits", "run_experiment"], "discojax.experiments._run"),
    **dict.fromkeys(["MODELS", "run_similarity"], "discojax.experiments._similarity_run"),
    **dict.fromkeys(
        ["Row", "SimilarityResult", "write_similarity"], "discojax.experiments._similarity_table"
    ),
}


def __getattr__(name: str) -> Any:
    """Import a name of the package on first use.

    >>> import discojax.experiments as experiments
    >>> experiments.write_report.__name__
    'write_report'
    >>> experiments.no_such_name
    Traceback (most recent call last):
    ...
    AttributeError: module 'discojax.experiments' has no attribute 'no_such_name'
    """
    if name in _LAZY:
        value = getattr(importlib.import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    """The package's names, those imported on first use included.

    >>> import discojax.experiments as experiments
    >>> {"load_config", "run_experiment"} <= set(dir(experiments))
    True
    """
    return sorted({*globals(), *_LAZY})
