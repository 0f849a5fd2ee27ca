"""Experiment configurations: one TOML file names data, grammar, semantics, training and seeds.

```toml
[experiment]
name = "mc-tensor"
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

>>> config = ExperimentConfig.from_toml_text(EXAMPLE, "example.toml")
>>> config.name, config.training.epochs, config.semantics["dims"]
('mc-tensor', 100, {'n': 2, 's': 2})
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from discojax.errors import ConfigError, line_of
from discojax.train import SPSASettings, TrainConfig

EXAMPLE = __doc__.split("```toml\n")[1].split("```")[0] if __doc__ else ""


@dataclass(frozen=True)
class ExperimentConfig:
    """A parsed experiment configuration."""

    name: str
    data: Mapping[str, Any]
    grammar: Mapping[str, Any]
    semantics: Mapping[str, Any]
    training: TrainConfig
    seeds: tuple[int, ...]
    source: str
    text: str

    @classmethod
    def from_toml_text(cls, text: str, source: str = "<config>") -> ExperimentConfig:
        """Parse a configuration's text; errors name the file and line.

        >>> ExperimentConfig.from_toml_text("[experiment]\\nname = 'x'\\n", "bad.toml")
        Traceback (most recent call last):
        ...
        discojax.errors.ConfigError: bad.toml: missing [data] table
        """
        try:
            document = tomllib.loads(text)
        except tomllib.TOMLDecodeError as err:
            raise ConfigError(f"invalid TOML: {err}", source) from None

        def where(needle: str) -> int | None:
            return line_of(text, needle)

        for table in ("experiment", "data", "semantics"):
            if not isinstance(document.get(table), dict):
                raise ConfigError(f"missing [{table}] table", source)
        training = dict(document.get("training", {}))
        known = {f.name for f in fields(TrainConfig)}
        for key in training:
            if key not in known:
                raise ConfigError(
                    f"unknown training setting {key!r} (known: {', '.join(sorted(known))})",
                    source,
                    where(key),
                )
        if "spsa" in training:
            training["spsa"] = SPSASettings(**training["spsa"])
        seeds = document.get("seeds", {}).get("seeds", [training.get("seed", 0)])
        if not isinstance(seeds, list) or not all(isinstance(s, int) for s in seeds):
            raise ConfigError("seeds must be a list of integers", source, where("seeds"))
        if "name" not in document["semantics"]:
            raise ConfigError("[semantics] needs a name", source, where("[semantics]"))
        return cls(
            name=str(document["experiment"].get("name", Path(source).stem)),
            data=document["data"],
            grammar=document.get("grammar", {"lexicon": "english"}),
            semantics=document["semantics"],
            training=TrainConfig(**training),
            seeds=tuple(seeds),
            source=source,
            text=text,
        )

    @classmethod
    def load(cls, path: str | Path) -> ExperimentConfig:
        """Read a configuration file.

        >>> ExperimentConfig.load("no/such.toml")
        Traceback (most recent call last):
        ...
        discojax.errors.ConfigError: no/such.toml: no such configuration file
        """
        path = Path(path)
        if not path.is_file():
            raise ConfigError("no such configuration file", str(path))
        return cls.from_toml_text(path.read_text(encoding="utf-8"), str(path))

    def line_of(self, needle: str) -> int | None:
        """The first line of the file that contains ``needle`` (for error messages).

        >>> ExperimentConfig.from_toml_text(EXAMPLE, "x.toml").line_of("[semantics]")
        12
        """
        return line_of(self.text, needle)


def parse_seeds(text: str) -> tuple[int, ...]:
    """Seeds from the command line: ``"0-9"``, ``"3"`` or ``"0,2,5"``.

    >>> parse_seeds("0-3"), parse_seeds("1,4"), parse_seeds("7")
    ((0, 1, 2, 3), (1, 4), (7,))
    """
    seeds: list[int] = []
    for part in text.split(","):
        if "-" in part:
            low, high = part.split("-")
            seeds.extend(range(int(low), int(high) + 1))
        else:
            seeds.append(int(part))
    return tuple(seeds)
