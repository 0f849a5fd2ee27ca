"""A figure of per-seed points with intervals: one line per experiment or model.

Each row shows its per-seed results as dots (none for a similarity model, which has no
seeds) and its estimate as a diamond with the confidence interval as a bar; written as PNG
and PDF with Matplotlib's non-interactive ``Agg`` backend (nothing is shown, nothing blocks).

>>> import tempfile
>>> with tempfile.TemporaryDirectory() as folder:
...     files = plot_intervals({"mc_tensor": ([1.0, 0.967], (0.983, 0.95, 1.0))},
...                            Path(folder) / "seeds", "test accuracy")
...     [f.suffix for f in files]
['.png', '.pdf']
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from discojax._atomic import write_atomically


def plot_intervals(
    rows: Mapping[str, tuple[Sequence[float], tuple[float, float, float]]],
    path: str | Path,
    label: str,
) -> list[Path]:
    """Draw each row's points and ``(estimate, low, high)``; write ``path`` .png and .pdf.

    Args:
        rows: name to (per-seed values, (estimate, low, high)), drawn top to bottom; an
            undefined (None or NaN) estimate leaves its line empty, undefined bounds its bar.
        path: the files' path without suffix.
        label: the value axis's label.

    Returns:
        The files written.
    """
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import numpy as np

    names = list(rows)
    figure, axis = plt.subplots(figsize=(6.5, 0.9 + 0.35 * len(names)))
    rng = np.random.default_rng(0)  # the dots' vertical jitter: the same figure every time
    for y, name in enumerate(reversed(names)):
        points, (estimate, low, high) = rows[name]
        if estimate is None or np.isnan(estimate):  # undefined (a constant model): no mark
            continue
        if low is None or high is None or np.isnan(low) or np.isnan(high):
            low = high = estimate  # no interval: the estimate alone
        if len(points):
            jitter = rng.uniform(-0.15, 0.15, len(points))
            axis.plot(points, y + jitter, "o", color="tab:blue", alpha=0.5, markersize=4)
        axis.errorbar(
            [estimate],
            [y],
            xerr=[[estimate - low], [high - estimate]],
            fmt="D",
            color="black",
            capsize=3,
            markersize=5,
        )
    axis.set_yticks(range(len(names)), list(reversed(names)), fontsize="small")
    axis.set_xlabel(label)
    axis.grid(axis="x", alpha=0.3)
    figure.tight_layout()
    return save_figure(figure, path)


def save_figure(figure: Any, path: str | Path) -> list[Path]:
    """Write ``figure`` as ``path`` with the suffixes ``.png`` (150 dpi) and ``.pdf``, each
    replaced atomically (:mod:`discojax._atomic`), then close it; the files written.

    >>> import tempfile
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     [p.name for p in save_figure(plt.figure(), Path(folder) / "curves")]
    ['curves.png', 'curves.pdf']
    """
    import matplotlib.pyplot as plt

    written = []
    for suffix in (".png", ".pdf"):
        target = Path(path).with_suffix(suffix)
        image = io.BytesIO()
        figure.savefig(image, format=suffix[1:], dpi=150)
        write_atomically(target, image.getvalue())
        written.append(target)
    plt.close(figure)
    return written
