"""A similarity experiment's result: one row per model, as Markdown, LaTeX and JSON.

The rows are written by the report writer every experiment uses
(:func:`discojax.experiments.to_markdown`, :func:`discojax.experiments.to_latex`).

>>> result = SimilarityResult("demo", (Row("Kronecker", 0.193, 0.229, None, 0.28),), Coverage((), ()))
>>> print(result.markdown())
| model | rho per judgement | rho per item | published per judgement | published per item | identical pairs |
|---|---|---|---|---|---|
| Kronecker | 0.193 | 0.229 | – | 0.28 | – |
"""

from __future__ import annotations

import json
import logging
import math
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from discojax._atomic import write_atomically
from discojax.experiments._report import to_latex, to_markdown
from discojax.semantics.corpus import Coverage

logger = logging.getLogger(__name__)

HEADER = (
    "model",
    "rho per judgement",
    "rho per item",
    "published per judgement",
    "published per item",
    "identical pairs",
)


def _number(value: float | str | None) -> str:
    if value is None:
        return "–"
    if isinstance(value, str):
        return value
    return "undefined" if math.isnan(value) else f"{value:.3f}"


def _published(value: float | str | None) -> str:
    return value if isinstance(value, str) else ("–" if value is None else f"{value:.2f}")


@dataclass(frozen=True)
class Row:
    """One line of a similarity table.

    Attributes:
        model: the row's label.
        per_judgement, per_item: our Spearman's rho (NaN: undefined; None: not applicable).
        published_judgement, published_item: the published figure, if any (text, e.g.
            ``"0.16-0.17"``, or a number).
        identical: how many items got two identical sentence meanings (cosine exactly 1), a
            sign of a degenerate model; None where not counted.
        note: a short remark.
        scores: the model's score of each item (in the order of the judgements' items), kept
            so that intervals and paired tests can be computed from ``results.json``; None for
            rows without model scores (the upper bounds) and in older results.

    >>> Row("Add", math.nan, 0.1, 0.05).cells()
    {'model': 'Add', 'rho per judgement': 'undefined', 'rho per item': '0.100', 'published per judgement': '0.05', 'published per item': '–', 'identical pairs': '–'}
    """

    model: str
    per_judgement: float | None
    per_item: float | None
    published_judgement: float | str | None = None
    published_item: float | str | None = None
    identical: int | None = None
    note: str = ""
    scores: tuple[float, ...] | None = None

    def cells(self) -> dict[str, str]:
        """The row as the table's text cells, by column."""
        values = (
            self.model + (f" ({self.note})" if self.note else ""),
            _number(self.per_judgement),
            _number(self.per_item),
            _published(self.published_judgement),
            _published(self.published_item),
            "–" if self.identical is None else str(self.identical),
        )
        return dict(zip(HEADER, values))

    def to_json(self) -> dict:
        """The row as a JSON-ready dict (NaN becomes None).

        >>> Row("x", math.nan, 0.5).to_json()["per_judgement"] is None
        True
        """
        data = asdict(self)
        if data["scores"] is not None:
            data["scores"] = [None if math.isnan(x) else x for x in data["scores"]]
        for key in ("per_judgement", "per_item"):
            if isinstance(data[key], float) and math.isnan(data[key]):
                data[key] = None
        return data


@dataclass(frozen=True)
class SimilarityResult:
    """A run's rows, the vectors' coverage of the data set, and the settings used.

    ``judgements`` (optional) holds ``items`` (each judgement's item, an index into a row's
    ``scores``) and ``scores`` (each judgement's human score): with the rows' scores, every
    correlation can be recomputed, resampled and tested (see :mod:`discojax.stats`).

    >>> r = SimilarityResult("demo", (Row("Add", 0.1, 0.2),), Coverage(("a",), ()))
    >>> r.markdown().splitlines()[2]
    '| Add | 0.100 | 0.200 | – | – | – |'
    >>> print(r.latex().splitlines()[-3])
    \\caption{demo: Spearman's rho with human judgements; 1 of 1 words have vectors (100.0\\%).}
    """

    name: str
    rows: tuple[Row, ...]
    coverage: Coverage
    settings: Mapping[str, Any] = field(default_factory=dict)
    judgements: Mapping[str, Any] = field(default_factory=dict)

    def markdown(self) -> str:
        """The table in Markdown."""
        return to_markdown([row.cells() for row in self.rows], HEADER)

    def latex(self) -> str:
        """The table in LaTeX, with a caption."""
        caption = f"{self.name}: Spearman's rho with human judgements; {self.coverage}."
        table = [row.cells() for row in self.rows]
        return to_latex(table, HEADER, caption=caption, label=f"tab:{self.name}")

    def to_json(self) -> dict:
        """Everything, JSON-ready."""
        return {
            "name": self.name,
            "rows": [row.to_json() for row in self.rows],
            "coverage": {
                "found": list(self.coverage.found),
                "missing": list(self.coverage.missing),
            },
            "settings": dict(self.settings),
            "judgements": {key: list(value) for key, value in self.judgements.items()},
        }


def write_similarity(result: SimilarityResult, folder: str | Path) -> list[Path]:
    """Write ``table.md``, ``table.tex`` and ``results.json`` into ``folder`` (each file
    replaced atomically); each file written is logged.

    >>> import tempfile
    >>> result = SimilarityResult("demo", (Row("Add", 0.1, 0.2),), Coverage(("a",), ()))
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     [path.name for path in write_similarity(result, folder)]
    ['table.md', 'table.tex', 'results.json']
    """
    files = {
        "table.md": f"# {result.name}\n\n{result.markdown()}\n\nWord vectors: {result.coverage}.\n",
        "table.tex": result.latex() + "\n",
        "results.json": json.dumps(result.to_json(), indent=2, ensure_ascii=False) + "\n",
    }
    return write_texts(folder, files)


def write_texts(folder: str | Path, files: Mapping[str, str]) -> list[Path]:
    """Write each named text into ``folder``, each file replaced atomically, and log it.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     [path.name for path in write_texts(folder, {"table.md": "| a |"})]
    ['table.md']
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in files.items():
        path = folder / name
        write_atomically(path, text.encode("utf-8"))
        logger.info("wrote %s", path)
        written.append(path)
    return written
