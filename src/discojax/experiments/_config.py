"""Experiment configurations: one TOML file, one kind of task, validated before any work.

A configuration's ``[experiment]`` table names it and says its kind: ``classification`` (the
default; see :class:`~discojax.experiments.ClassificationConfig`) or ``similarity`` (see
:class:`~discojax.experiments.SimilarityConfig`). Each kind is a schema registered in
``KINDS``; a new kind (Markov-category experiments, say) registers its own with
:func:`register_kind`, whose ``run(out, ...)`` method `discojax run` calls.

Everything is checked when the file is read: unknown tables and keys at any level, wrong types
(no conversions: ``epochs = 3.0`` is an error), NaN and infinities, counts below one, unknown
semantics, models and optimisers, and missing files. Each problem is a
:class:`~discojax.errors.ConfigError` naming the file and line.

>>> config = parse_config(EXAMPLE, "example.toml", check_files=False)
>>> config.experiment.kind, config.training.epochs, config.seeds.seeds
('classification', 100, (0, 1, 2))
>>> parse_config(EXAMPLE.replace("[training]", "[trainig]"), "example.toml")
Traceback (most recent call last):
...
discojax.errors.ConfigError: example.toml:16: unknown table [trainig]; did you mean [training]?
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import Field

from discojax._text import read_text
from discojax.errors import ConfigError
from discojax.experiments._classification import EXAMPLE as EXAMPLE
from discojax.experiments._classification import ClassificationConfig
from discojax.experiments._config_file import ConfigFile
from discojax.experiments._ranking import RankingConfig
from discojax.experiments._schema import Table, key_line, parse_toml, validate
from discojax.experiments._similarity import SimilarityConfig

KINDS: dict[str, type[ConfigFile]] = {
    "classification": ClassificationConfig,
    "similarity": SimilarityConfig,
    "ranking": RankingConfig,
}
"""Each kind of experiment and the schema of its configuration."""

ExperimentConfig = ClassificationConfig | SimilarityConfig | RankingConfig


class _Kind(Table, extra="ignore"):
    kind: str = "classification"


class _KindOnly(Table, extra="ignore"):
    experiment: _Kind = Field(default_factory=_Kind)


def register_kind(kind: str, schema: type[ConfigFile]) -> None:
    """Make ``[experiment] kind = "KIND"`` select ``schema``.

    The schema's ``run(out, ...)`` method runs an experiment of that kind.

    >>> register_kind("similarity", KINDS["similarity"])
    """
    KINDS[kind] = schema


def parse_config(
    text: str,
    source: str = "<config>",
    data_dir: str | Path | None = None,
    check_files: bool = True,
) -> Any:
    """Validate a configuration's text; paths in it are relative to ``source``'s folder.

    Args:
        text: the TOML text.
        source: the file it came from (for messages, and the base of relative paths).
        data_dir: where to look for named data sets (see :func:`discojax.data.locate`).
        check_files: also check that every file the configuration names exists.

    Returns:
        The configuration: an instance of the schema its kind selects.

    Raises:
        ConfigError: the first problem, with file and line.

    >>> parse_config('[experiment]\\nkind = "markow"\\n', "m.toml")
    Traceback (most recent call last):
    ...
    discojax.errors.ConfigError: m.toml:2: unknown experiment kind 'markow' (known: classification, markov, ranking, similarity)
    """
    document = parse_toml(text, source)
    kind = validate(_KindOnly, text, source, document).experiment.kind
    if kind not in KINDS:
        known = ", ".join(sorted(KINDS))
        where = key_line(text, ("experiment", "kind"))
        raise ConfigError(f"unknown experiment kind {kind!r} (known: {known})", source, where)
    document.setdefault("experiment", {}).setdefault("name", Path(source).stem)
    config = validate(KINDS[kind], text, source, document)
    config.attach(source, text)
    if check_files:
        config.resolve_files(data_dir)
    return config


def load_config(
    path: str | Path, data_dir: str | Path | None = None, check_files: bool = True
) -> Any:
    """Read and validate a configuration file (see :func:`parse_config`).

    >>> load_config("no/such.toml")
    Traceback (most recent call last):
    ...
    discojax.errors.ConfigError: no/such.toml: no such configuration file
    """
    path = Path(path)
    if not path.is_file():
        raise ConfigError("no such configuration file", str(path))
    return parse_config(read_text(path, ConfigError), str(path), data_dir, check_files)


def parse_seeds(text: str) -> tuple[int, ...]:
    """Seeds from the command line: ``"0-9"``, ``"3"`` or ``"0,2,5"``.

    >>> parse_seeds("0-3"), parse_seeds("1,4"), parse_seeds("7")
    ((0, 1, 2, 3), (1, 4), (7,))
    >>> parse_seeds("x")
    Traceback (most recent call last):
    ...
    discojax.errors.ConfigError: --seeds 'x': expected 0-9, 3 or 0,2,5
    >>> parse_seeds("5-1")
    Traceback (most recent call last):
    ...
    discojax.errors.ConfigError: --seeds '5-1': no seeds (a range low-high needs low <= high)
    """
    seeds: list[int] = []
    try:
        for part in text.split(","):
            if "-" in part:
                low, high = part.split("-")
                seeds.extend(range(int(low), int(high) + 1))
            else:
                seeds.append(int(part))
    except ValueError:
        raise ConfigError(f"--seeds {text!r}: expected 0-9, 3 or 0,2,5") from None
    if not seeds:
        raise ConfigError(f"--seeds {text!r}: no seeds (a range low-high needs low <= high)")
    twice = sorted({seed for seed in seeds if seeds.count(seed) > 1})
    if twice:
        raise ConfigError(f"--seeds {text!r}: seed {twice[0]} is listed twice")
    return tuple(seeds)
