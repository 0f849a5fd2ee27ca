"""The schema of a Markov-category experiment (issue 14): the spectral claim, or the surplus.

``[experiment] kind = "markov"`` and one of two studies, on finite sources with known
conditionals (no data files): ``[spectral]``, NLL-trained representations against the top
eigenfunctions of the predictive-similarity operator, over inverse temperatures ``betas``
(see :mod:`discojax.experiments._markov_spectral`); or ``[surplus]``, the information surplus
of a second-order source's hidden state and a draft head's acceptance with and without it
(:mod:`discojax.experiments._markov_surplus`). See ``experiments/markov/``:

```toml
[experiment]
name = "markov-spectral"
kind = "markov"
[spectral]
contexts = 24
tokens = 24
rank = 3
betas = [0.5, 1.0, 2.0, 4.0, 8.0]
samples = 4000
[training]                # the fields of discojax.train.TrainConfig
epochs = 300
learning_rate = 0.05
[seeds]
seeds = [0, 1, 2]
```

>>> from discojax.experiments import parse_config
>>> config = parse_config(EXAMPLE, "spectral.toml")
>>> config.spectral.betas, config.surplus, config.training.epochs
((0.5, 1.0, 2.0, 4.0, 8.0), None, 300)
>>> parse_config(EXAMPLE.replace("rank = 3", "rank = 30"), "spectral.toml")
Traceback (most recent call last):
...
discojax.errors.ConfigError: spectral.toml:4: spectral: the rank (30) must be below the number of contexts (24) and tokens (24)
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import Field, PositiveFloat, PositiveInt, model_validator

from discojax.errors import ConfigError
from discojax.experiments._classification import SeedsTable, TrainingTable
from discojax.experiments._config import register_kind
from discojax.experiments._config_file import ConfigFile
from discojax.experiments._schema import Table

EXAMPLE = __doc__.split("```toml\n")[1].split("```")[0] if __doc__ else ""


class SpectralTable(Table):
    """``[spectral]``: a low-rank softmax source per inverse temperature, and the models."""

    contexts: PositiveInt = 24
    tokens: PositiveInt = 24
    rank: PositiveInt = 3
    betas: tuple[PositiveFloat, ...] = Field(default=(0.5, 1.0, 2.0, 4.0, 8.0), min_length=1)
    samples: PositiveInt = 4000

    @model_validator(mode="after")
    def _rank_below(self) -> SpectralTable:
        if self.rank >= min(self.contexts, self.tokens):
            raise ValueError(
                f"the rank ({self.rank}) must be below the number of contexts "
                f"({self.contexts}) and tokens ({self.tokens})"
            )
        return self


class SurplusTable(Table):
    """``[surplus]``: a second-order source, the horizons, the learned hidden state's size."""

    tokens: PositiveInt = 4
    concentration: PositiveFloat = 0.3
    horizons: tuple[PositiveInt, ...] = Field(default=(2, 3), min_length=1)
    hidden: PositiveInt = 4
    samples: PositiveInt = 6000

    @model_validator(mode="after")
    def _horizons(self) -> SurplusTable:
        if min(self.horizons) < 2:
            raise ValueError("horizons must be at least 2 (the surplus at K = 1 is zero)")
        return self


class MarkovConfig(ConfigFile):
    """A Markov-category experiment: exactly one of ``[spectral]`` and ``[surplus]``."""

    spectral: SpectralTable | None = None
    surplus: SurplusTable | None = None
    training: TrainingTable = Field(default_factory=TrainingTable)
    seeds: SeedsTable = Field(default_factory=SeedsTable)

    @model_validator(mode="after")
    def _one_study(self) -> MarkovConfig:
        if (self.spectral is None) == (self.surplus is None):
            raise ValueError("give exactly one of [spectral] and [surplus]")
        return self

    def run(
        self,
        out: str | Path,
        *,
        seeds: tuple[int, ...] | None = None,
        data_dir: str | Path | None = None,
        resume: bool = False,
        overwrite: bool = False,
        learned: bool = True,
    ) -> str:
        """Run the study for each seed; write ``table.md``, ``table.tex``, ``results.json``
        and the figure to ``out/<name>/``; return the Markdown table.

        Raises:
            ConfigError: ``--resume`` or ``--no-learned`` (nothing to resume or skip here).
        """
        if resume or not learned:
            raise ConfigError("a markov experiment has no --resume or --no-learned", self.source)
        chosen = tuple(seeds) if seeds is not None else self.seeds.seeds
        folder = Path(out) / self.name
        if self.spectral is not None:
            from discojax.experiments._markov_spectral import run_spectral

            result = run_spectral(self.spectral, self.training, chosen, folder)
        else:
            from discojax.experiments._markov_surplus import run_surplus

            assert self.surplus is not None
            result = run_surplus(self.surplus, self.training, chosen, folder)
        write_files(folder, result)
        return str(result["table.md"])


def write_files(folder: Path, files: dict[str, Any]) -> None:
    """Write each ``name -> text`` (JSON for ``.json`` names) into ``folder``, atomically, by
    the one writer of results (:func:`~discojax.experiments._similarity_table.write_texts`)."""
    from discojax.experiments._similarity_table import write_texts

    texts = {
        name: json.dumps(content, indent=2) + "\n" if name.endswith(".json") else str(content)
        for name, content in files.items()
    }
    write_texts(folder, texts)


register_kind("markov", MarkovConfig)
