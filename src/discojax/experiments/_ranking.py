"""Ranking experiments (``kind = "ranking"``): RELPRON's terms and properties, MAP per split.

The corpus models of a similarity experiment (``[vectors]``, ``[[models]]`` with ``verbs``,
see :mod:`discojax.experiments._similarity`) rank each split's properties for every term; the
table gives MAP per split, and on the last split per SBJ and OBJ property, beside the published
figure. Relational verbs are built from the split's own properties (subject, verb, object): no
corpus is at hand. See ``experiments/relpron/config.toml``:

```toml
[experiment]
name = "relpron"
kind = "ranking"
[data]
dataset = "relpron"
splits = ["dev", "test"]           # relpron.dev, relpron.test
[vectors]
source = "glove-6b-50d"
missing = "zero"
[[models]]
model = "add"
published_test = 0.496
```

>>> from discojax.experiments import parse_config
>>> config = parse_config(EXAMPLE, "relpron.toml", check_files=False)
>>> config.data.splits, config.models[0].published_test
(('dev', 'test'), 0.496)
"""

from __future__ import annotations

import json
import logging
import time
from pathlib import Path
from typing import Literal

from pydantic import Field

from discojax.errors import ConfigError
from discojax.experiments._config_file import ConfigFile, DataTable
from discojax.experiments._report import to_latex, to_markdown
from discojax.experiments._schema import Table
from discojax.experiments._similarity import ModelName, VectorsTable, VerbsName

logger = logging.getLogger(__name__)

EXAMPLE = __doc__.split("```toml\n")[1].split("```")[0] if __doc__ else ""
Split = Literal["dev", "test"]


class RankingData(DataTable):
    """``[data]``: the RELPRON folder and the splits to rank (``relpron.<split>`` files)."""

    splits: tuple[Split, ...] = Field(default=("dev", "test"), min_length=1)


class RankingRow(Table):
    """``[[models]]``: one corpus model, its verb source, label and published test MAP."""

    model: ModelName
    verbs: VerbsName | None = None
    label: str | None = None
    note: str = ""
    published_test: float | None = None


class RankingConfig(ConfigFile):
    """A ranking experiment: every model's MAP on each RELPRON split."""

    data: RankingData
    vectors: VectorsTable
    models: tuple[RankingRow, ...] = Field(min_length=1)

    def resolve_files(self, data_dir: str | Path | None = None) -> dict[str, Path]:
        """Each split's file.

        Raises:
            ConfigError: a split's file is missing.
        """
        folder = self.data.folder(self, data_dir)
        files: dict[str, Path] = {s: folder / f"relpron.{s}" for s in self.data.splits}
        for path in files.values():
            if not path.is_file():
                raise self.missing(path, "data", "splits")
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
    ) -> str:
        """Rank every split with every model; write ``table.md``, ``table.tex`` and
        ``results.json`` to ``out/<name>/``; return the Markdown table."""
        if seeds is not None:
            raise ConfigError(
                "a ranking experiment has no --seeds (nothing is random)", self.source
            )
        rows, settings = run_ranking(self, data_dir)
        last = self.data.splits[-1]
        columns = ["model", *(f"MAP {s}" for s in self.data.splits)]
        columns += [f"SBJ {last}", f"OBJ {last}", "published test", "note"]
        markdown = to_markdown(rows, columns)
        caption = f"{self.name}: mean average precision; {settings['coverage']}."
        from discojax.experiments._similarity_table import write_texts

        write_texts(
            Path(out) / self.name,
            {
                "table.md": f"# {self.name}\n\n{markdown}\n\n{settings['coverage']}.\n",
                "table.tex": to_latex(rows, columns, caption=caption, label=f"tab:{self.name}")
                + "\n",
                "results.json": json.dumps({"rows": rows, "settings": settings}, indent=2) + "\n",
            },
        )
        return f"{markdown}\n\nWord vectors: {settings['coverage']}."


def run_ranking(
    config: RankingConfig, data_dir: str | Path | None = None
) -> tuple[list[dict], dict]:
    """Every model's MAP on every split: the table's rows and the settings used."""
    from discojax.corpus._degenerate import degenerate_settings
    from discojax.corpus._ranking import RankingTask
    from discojax.data import read_relpron
    from discojax.experiments._similarity_run import _model, load_vectors
    from discojax.semantics.corpus._verbs import Triple

    files = config.resolve_files(data_dir)
    tasks = {split: RankingTask(read_relpron(path)) for split, path in files.items()}
    words = sorted({w for task in tasks.values() for w in task.words()})
    vectors = load_vectors(config, words)  # type: ignore[arg-type]
    coverage = vectors.coverage(words)
    zero_words = coverage.missing if config.vectors.missing == "zero" else ()
    rows: list[dict] = []
    warnings: list[str] = []
    for spec in config.models:
        row: dict = {}
        for split, task in tasks.items():
            triples = [Triple(p.subject, p.verb, p.object) for p in task.properties]
            model, label, _ = _model(spec.model, spec.verbs, spec.label, vectors, triples)
            started = time.perf_counter()
            ranking = task.evaluate(model)
            if split == config.data.splits[0]:
                warnings += degenerate_settings(
                    label, dim=ranking.dim, identical=0, items=0, zero_words=zero_words
                )
            logger.info("  %s, %s: %.1fs", label, split, time.perf_counter() - started)
            row.update({"model": label, f"MAP {split}": f"{ranking.map:.3f}"})
            row[f"SBJ {split}"] = f"{ranking.map_sbj:.3f}"
            row[f"OBJ {split}"] = f"{ranking.map_obj:.3f}"
        row["published test"] = "–" if spec.published_test is None else spec.published_test
        row["note"] = spec.note
        rows.append(row)
    settings = {
        "splits": {split: str(path) for split, path in files.items()},
        "terms": {split: len(task.terms) for split, task in tasks.items()},
        "properties": {split: len(task.properties) for split, task in tasks.items()},
        "vectors": config.vectors.model_dump(exclude_none=True),
        "coverage": str(coverage),
        "missing words": list(coverage.missing),
        "warnings": warnings,
    }
    return rows, settings
