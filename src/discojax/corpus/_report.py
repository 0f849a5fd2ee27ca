"""Result tables: each model's rho beside the published figure, as Markdown and LaTeX.

>>> rows = [Row("Kronecker", 0.193, 0.229, published_judgement=None, published_item=0.28)]
>>> print(markdown_table(rows))
| model | rho per judgement | rho per item | published per judgement | published per item | identical pairs |
|---|---|---|---|---|---|
| Kronecker | 0.193 | 0.229 | – | 0.28 | – |
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class Row:
    """One line of a results table.

    Attributes:
        model: the row's label.
        per_judgement, per_item: our Spearman's rho (NaN: undefined; None: not applicable).
        published_judgement, published_item: the published figure, if any (text, e.g.
            ``"0.16-0.17"``, or a number).
        identical: how many items got two identical sentence meanings (cosine exactly 1), a
            sign of a degenerate model; None where not counted.
        note: a short remark.

    >>> Row("Add", 0.12, 0.14).to_json()["model"]
    'Add'
    """

    model: str
    per_judgement: float | None
    per_item: float | None
    published_judgement: float | str | None = None
    published_item: float | str | None = None
    identical: int | None = None
    note: str = ""

    def to_json(self) -> dict:
        """The row as a JSON-ready dict (NaN becomes None).

        >>> Row("x", math.nan, 0.5).to_json()["per_judgement"] is None
        True
        """
        data = asdict(self)
        for key in ("per_judgement", "per_item"):
            if isinstance(data[key], float) and math.isnan(data[key]):
                data[key] = None
        return data


def _number(value: float | str | None, digits: int = 3) -> str:
    if value is None:
        return "–"
    if isinstance(value, str):
        return value
    if math.isnan(value):
        return "undefined"
    return f"{value:.{digits}f}" if digits else str(value)


def _published(value: float | str | None) -> str:
    return value if isinstance(value, str) else ("–" if value is None else f"{value:.2f}")


_HEADER = (
    "model",
    "rho per judgement",
    "rho per item",
    "published per judgement",
    "published per item",
    "identical pairs",
)


def _cells(row: Row) -> list[str]:
    return [
        row.model + (f" ({row.note})" if row.note else ""),
        _number(row.per_judgement),
        _number(row.per_item),
        _published(row.published_judgement),
        _published(row.published_item),
        "–" if row.identical is None else str(row.identical),
    ]


def markdown_table(rows: Sequence[Row]) -> str:
    """A Markdown table of ``rows``.

    >>> print(markdown_table([Row("Add", math.nan, 0.1, 0.05)]).splitlines()[-1])
    | Add | undefined | 0.100 | 0.05 | – | – |
    """
    lines = ["| " + " | ".join(_HEADER) + " |", "|" + "---|" * len(_HEADER)]
    lines += ["| " + " | ".join(_cells(row)) + " |" for row in rows]
    return "\n".join(lines)


def latex_table(rows: Sequence[Row], caption: str = "", label: str = "") -> str:
    """A LaTeX ``table`` (booktabs) of ``rows``.

    >>> print(latex_table([Row("Add", 0.12, 0.14, 0.05)]).splitlines()[6])
    Add & 0.120 & 0.140 & 0.05 & -- & -- \\\\
    """

    special = {
        "&": r"\&",
        "%": r"\%",
        "$": r"\$",
        "#": r"\#",
        "_": r"\_",
        "{": r"\{",
        "}": r"\}",
        "\\": r"\textbackslash{}",
        "–": "--",
        "⊗": r"$\otimes$",
        "⊙": r"$\odot$",
        "ᵀ": r"$^\top$",
    }

    def tex(text: str) -> str:
        return "".join(special.get(char, char) for char in text)

    lines = [
        r"\begin{table}[t]",
        r"\centering",
        r"\begin{tabular}{lrrrrr}",
        r"\toprule",
        " & ".join(tex(h) for h in _HEADER) + r" \\",
        r"\midrule",
        *(" & ".join(tex(c) for c in _cells(row)) + r" \\" for row in rows),
        r"\bottomrule",
        r"\end{tabular}",
    ]
    if caption:
        lines.append(rf"\caption{{{tex(caption)}}}")
    if label:
        lines.append(rf"\label{{{label}}}")
    lines.append(r"\end{table}")
    return "\n".join(lines)
