"""The schema of a classification experiment: data, grammar, semantics, training and seeds.

```toml
[experiment]
name = "mc-tensor"
kind = "classification"   # the default
[data]
dataset = "mc"            # a known data set, found by discojax.data.locate …
# dir = "path/to/mc"      # … or a folder holding the split files
train = "train.txt"
dev = "dev.txt"
test = "test.txt"
target = "s"              # parse sentences to s (or n for noun phrases)
[grammar]
lexicon = "english"       # a bundled grammar, or a path to a TOML lexicon
[semantics]
name = "tensor"           # see discojax.experiments.SEMANTICS
dims = { n = 2, s = 2 }
[training]                # the fields of discojax.train.TrainConfig
epochs = 100
learning_rate = 0.05
[seeds]
seeds = [0, 1, 2]
```

>>> from discojax.experiments import parse_config
>>> config = parse_config(EXAMPLE, "example.toml", check_files=False)
>>> config.name, config.training.epochs, config.semantics.dims
('mc-tensor', 100, {'n': 2, 's': 2})
>>> parse_config(EXAMPLE.replace("epochs = 100", "epochs = 0"), "example.toml")
Traceback (most recent call last):
...
discojax.errors.ConfigError: example.toml:17: training.epochs = 0: input should be greater than 0
"""

from __future__ import annotations

from collections.abc import Mapping
from importlib import resources
from pathlib import Path
from typing import Any, Literal

from pydantic import (
    Field,
    NonNegativeFloat,
    NonNegativeInt,
    PositiveFloat,
    PositiveInt,
    ValidationInfo,
    field_validator,
    model_validator,
)

from discojax.errors import ConfigError
from discojax.experiments._config_file import ConfigFile, DataTable
from discojax.experiments._schema import Table
from discojax.experiments._semantics import SemanticsTable

EXAMPLE = __doc__.split("```toml\n")[1].split("```")[0] if __doc__ else ""


class ClassificationData(DataTable):
    """``[data]``: a named data set or a folder, and the split files in it."""

    train: str
    dev: str | None = None
    test: str | None = None
    target: str = Field(default="s", min_length=1)


class GrammarTable(Table):
    """``[grammar]``: a bundled lexicon's name, or a TOML lexicon file."""

    lexicon: str = "english"


class SPSATable(Table):
    """``[training.spsa]``: SPSA's gains (see :class:`discojax.train.SPSASettings`)."""

    a: PositiveFloat = 0.05
    c: PositiveFloat = 0.06
    A: NonNegativeFloat = 10.0
    alpha: PositiveFloat = 0.602
    gamma: PositiveFloat = 0.101


class TrainingTable(Table):
    """``[training]``: the fields of :class:`discojax.train.TrainConfig`, checked."""

    epochs: PositiveInt = 100
    batch_size: PositiveInt | None = None
    optimizer: str = "adam"
    learning_rate: PositiveFloat = 0.05
    options: dict[str, Any] = Field(default_factory=dict)
    loss: Literal["cross_entropy", "mse"] = "cross_entropy"
    spsa: SPSATable = Field(default_factory=SPSATable)
    patience: PositiveInt | None = None
    monitor: Literal["dev_accuracy", "dev_loss"] = "dev_accuracy"
    seed: NonNegativeInt = 0
    train_metrics: bool = True
    fast_compile: bool | None = None
    shots: PositiveInt | None = Field(default=None, le=2**24)  # MAX_SHOTS of the sampler

    @field_validator("optimizer")
    @classmethod
    def _known_optimizer(cls, name: str) -> str:
        import optax

        if name != "spsa" and not callable(getattr(optax, name, None)):
            raise ValueError("not an optax optimiser (adam, sgd, adamw, …) nor spsa")
        return name

    def train_config(self, seed: int) -> Any:
        """The :class:`discojax.train.TrainConfig` of one seed: the settings given, and
        ``TrainConfig``'s defaults for the others.

        >>> TrainingTable(epochs=3).train_config(seed=7).seed
        7
        """
        from discojax.train import SPSASettings, TrainConfig

        given = self.model_dump(exclude_unset=True, exclude={"spsa"})
        if "spsa" in self.model_fields_set:
            given["spsa"] = SPSASettings(**self.spsa.model_dump(exclude_unset=True))
        return TrainConfig(**{**given, "seed": seed})


class SeedsTable(Table):
    """``[seeds]``: the seeds to run (one model each)."""

    seeds: tuple[NonNegativeInt, ...] = Field(default=(0,), min_length=1)

    @field_validator("seeds")
    @classmethod
    def _distinct(cls, seeds: tuple[int, ...]) -> tuple[int, ...]:
        if len(set(seeds)) != len(seeds):
            raise ValueError("seeds must be distinct")
        return seeds


class ClassificationConfig(ConfigFile):
    """A classification experiment: train and test one model per seed."""

    data: ClassificationData
    grammar: GrammarTable = Field(default_factory=GrammarTable)
    semantics: SemanticsTable
    training: TrainingTable = Field(default_factory=TrainingTable)
    seeds: SeedsTable = Field(default_factory=SeedsTable)

    @model_validator(mode="before")
    @classmethod
    def _seeds_default(cls, document: Any) -> Any:
        """Without ``[seeds]``, the one seed is ``[training] seed`` (0 by default)."""
        if not isinstance(document, Mapping) or "seeds" in document:
            return document
        training = document.get("training")
        if isinstance(training, Mapping) and "seed" in training:
            return {**document, "seeds": {"seeds": (training["seed"],)}}
        return document

    @field_validator("semantics", mode="before")
    @classmethod
    def _semantics_schema(cls, table: Any) -> Any:
        if not isinstance(table, Mapping):
            return table
        return SemanticsTable.schema_for(table).model_validate(table)

    @field_validator("training")
    @classmethod
    def _shots_sample_circuits(cls, training: TrainingTable, info: ValidationInfo) -> Any:
        """``[training] shots`` sample circuits: a circuit semantics only."""
        semantics = info.data.get("semantics")
        name = getattr(semantics, "name", "circuit")
        if training.shots is not None and name != "circuit":
            raise ValueError(
                f"shots = {training.shots} samples circuits: it needs [semantics] "
                f'name = "circuit", not {name!r}'
            )
        return training

    def lexicon_path(self) -> str:
        """The lexicon to load: a bundled name, or a file (relative to this file if it is
        there).

        >>> from discojax.experiments import parse_config
        >>> parse_config(EXAMPLE, check_files=False).lexicon_path()
        'english'
        """
        name = self.grammar.lexicon
        if not name.endswith(".toml"):
            if not (resources.files("discojax") / "grammars" / f"{name}.toml").is_file():
                raise ConfigError(
                    f"no bundled grammar called {name!r}",
                    self.source,
                    self.line_of("grammar", "lexicon"),
                )
            return name
        for candidate in (self.path(name), Path(name)):
            if candidate.is_file():
                return str(candidate)
        raise self.missing(self.path(name), "grammar", "lexicon")

    def resolve_files(self, data_dir: str | Path | None = None) -> dict[str, Path]:
        """The split files (``train``, and ``dev`` and ``test`` if given) and the lexicon.

        Raises:
            ConfigError: a file is missing (at the line that names it).
        """
        folder = self.data.folder(self, data_dir)
        files = {}
        for split in ("train", "dev", "test"):
            name = getattr(self.data, split)
            if name is not None:
                files[split] = folder / name
                if not files[split].is_file():
                    raise self.missing(files[split], "data", split)
        self.lexicon_path()
        return files

    def run(
        self,
        out: str | Path,
        *,
        seeds: tuple[int, ...] | None = None,
        data_dir: str | Path | None = None,
        resume: bool = False,
        overwrite: bool = False,
        learned: bool = True,
        figures: bool = True,
    ) -> str:
        """Train and test one model per seed under ``out/<name>/``, write the report of
        ``out`` (see :func:`discojax.experiments.write_report`; its figures too unless
        ``figures`` is false) and return its Markdown table.

        ``learned`` is for similarity experiments: ``False`` here is an error. In a run across
        processes, only process 0 writes the report; the others return ``""``.
        """
        from discojax.experiments._report import write_report
        from discojax.experiments._run import run_experiment
        from discojax.train import is_writer

        if not learned:
            raise ConfigError("--no-learned is for similarity experiments", self.source)
        run_experiment(self, out, seeds, data_dir, resume, overwrite)
        if not is_writer():
            return ""
        return str(write_report(out, figures=figures)["markdown"])
