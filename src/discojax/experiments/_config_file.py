"""The parts every configuration has: an ``[experiment]`` table, a ``[data]`` source, and the
file it was read from (for relative paths and error lines).

>>> config = ConfigFile(experiment=ExperimentTable(name="x"))
>>> config.attach("experiments/x/c.toml", "[experiment]\\nname = 'x'\\n")
>>> config.name, config.path("data.txt").as_posix(), config.line_of("experiment", "name")
('x', 'experiments/x/data.txt', 2)
"""

from __future__ import annotations

from pathlib import Path

from pydantic import Field, PrivateAttr, field_validator, model_validator

from discojax.errors import ConfigError, DataError, line_of
from discojax.experiments._schema import Table, key_line


class ExperimentTable(Table):
    """``[experiment]``: the experiment's name (its results folder) and kind."""

    name: str = Field(min_length=1)
    kind: str = "classification"

    @field_validator("name")
    @classmethod
    def _a_folder_name(cls, name: str) -> str:
        """The name is one folder under ``--out``: results never land outside it."""
        if name in (".", "..") or any(c in name for c in "/\\\0") or name.startswith("~"):
            raise ValueError("must be one folder name under --out (no slashes, '..' or '~')")
        return name


class DataTable(Table):
    """``[data]``: a named data set (see :func:`discojax.data.locate`) or a folder.

    >>> DataTable(dataset="imdb")
    Traceback (most recent call last):
    ...
    pydantic_core._pydantic_core.ValidationError: 1 validation error for DataTable
    ...
    """

    dataset: str | None = None
    dir: str | None = None

    @field_validator("dataset")
    @classmethod
    def _known(cls, name: str | None) -> str | None:
        from discojax.data import DATASETS

        if name is not None and name not in DATASETS:
            raise ValueError(f"not a known data set (known: {', '.join(sorted(DATASETS))})")
        return name

    @model_validator(mode="after")
    def _one_source(self) -> DataTable:
        if (self.dataset is None) == (self.dir is None):
            raise ValueError("give either dataset = NAME or dir = FOLDER")
        return self

    def folder(self, config: ConfigFile, data_dir: str | Path | None = None) -> Path:
        """The data folder: ``dir`` (relative to the configuration) or the data set's.

        Raises:
            ConfigError: the folder or the named data set is not there.
        """
        from discojax.data import locate

        if self.dir is not None:
            folder = config.path(self.dir)
            if not folder.is_dir():
                raise ConfigError(
                    f"no such folder: {folder}", config.source, config.line_of("data", "dir")
                )
            return folder
        try:
            return locate(str(self.dataset), data_dir)
        except DataError as err:
            where = config.line_of("data", "dataset")
            raise ConfigError(err.message, config.source, where) from None


class ConfigFile(Table):
    """A whole configuration: its ``[experiment]`` table, and the file it was read from.

    Subclasses (one per kind of experiment) add their tables, check the files they name in
    :meth:`resolve_files`, and run in ``run``.
    """

    experiment: ExperimentTable
    _source: str = PrivateAttr("<config>")
    _text: str = PrivateAttr("")

    def attach(self, source: str, text: str) -> None:
        """Remember the file (and its text) this configuration was read from."""
        self._source, self._text = source, text

    @property
    def name(self) -> str:
        """The experiment's name."""
        return self.experiment.name

    @property
    def source(self) -> str:
        """The file this configuration was read from."""
        return self._source

    @property
    def text(self) -> str:
        """The configuration's text, as read."""
        return self._text

    def line_of(self, *loc: str | int) -> int | None:
        """The line of the key at ``loc`` (or of a line containing it, given one string)."""
        found = key_line(self._text, loc)
        if found is None and len(loc) == 1:
            return line_of(self._text, str(loc[0]))
        return found

    def path(self, value: str | Path) -> Path:
        """``value``, relative to the configuration's folder unless absolute."""
        path = Path(value)
        return path if path.is_absolute() else Path(self._source).parent / path

    def missing(self, path: Path, *loc: str | int) -> ConfigError:
        """The error for a file the configuration names at ``loc`` that does not exist."""
        return ConfigError(f"no such file: {path}", self._source, self.line_of(*loc))

    def resolve_files(self, data_dir: str | Path | None = None) -> dict[str, Path]:
        """The files the configuration names, by role.

        Raises:
            ConfigError: a file does not exist (at the line that names it).
        """
        return {}
