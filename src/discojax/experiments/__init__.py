"""Experiments: configuration files, semantics by name, runs over seeds, and reports.

>>> config = ExperimentConfig.from_toml_text(EXAMPLE, "example.toml")
>>> config.seeds
(0, 1, 2)
"""

from discojax.experiments._config import EXAMPLE as EXAMPLE
from discojax.experiments._config import ExperimentConfig as ExperimentConfig
from discojax.experiments._config import parse_seeds as parse_seeds
from discojax.experiments._report import collect as collect
from discojax.experiments._report import plot_curves as plot_curves
from discojax.experiments._report import summary_table as summary_table
from discojax.experiments._report import to_latex as to_latex
from discojax.experiments._report import to_markdown as to_markdown
from discojax.experiments._report import write_report as write_report
from discojax.experiments._run import load_splits as load_splits
from discojax.experiments._run import run_experiment as run_experiment
from discojax.experiments._semantics import SEMANTICS as SEMANTICS
from discojax.experiments._semantics import build_model as build_model
from discojax.experiments._semantics import register_semantics as register_semantics
