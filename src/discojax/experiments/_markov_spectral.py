"""The spectral study: do NLL-trained representations align with the top eigenfunctions of the
predictive-similarity operator?

For each inverse temperature ``β`` and seed, a source ``p(w | x) ∝ exp(β u_x · v_w)`` of rank
``r`` (:func:`~discojax.semantics.markov.low_rank_source`), ``samples`` pairs drawn from it,
and two models trained by NLL through :func:`discojax.train.fit`:

- ``softmax``: the paper's setting, a linear-softmax head on a learned embedding
  ``φ(x) ∈ R^r`` (a :class:`~discojax.TensorModel` of the diagram ``x >> head``: logits
  ``φ(x)·W``); its representation is ``φ``;
- ``stoch``: a :class:`~discojax.semantics.markov.MarkovLM` with ``r + 1`` hidden states and no
  backbone (a nonnegative mixture); its representation is ``p(h | x)`` (``r`` dimensions once
  centred).

Each is scored by :func:`~discojax.semantics.markov.alignment` against the top ``r``
non-constant eigenfunctions, beside the true scores ``u`` (what a perfect fit of the softmax
model spans) and random ``r``-dimensional features (the baseline). ``KL`` is each model's
``E_π KL(p ‖ q)`` against the true source.
"""

from __future__ import annotations

from pathlib import Path
from statistics import mean, stdev
from typing import Any

import jax
import jax.numpy as jnp
import numpy as np
from discopy import markov

from discojax.experiments._classification import TrainingTable
from discojax.experiments._report import to_latex, to_markdown
from discojax.models import TensorModel
from discojax.semantics import TensorAnsatz
from discojax.semantics.markov import (
    MarkovLM,
    kernel_divergence,
    kl,
    low_rank_source,
    network_from_markov,
)
from discojax.semantics.markov._spectral import alignment, predictive_similarity, random_alignment
from discojax.train import fit

COLUMNS = ("softmax", "stoch", "true u", "random")


def sample(pi: np.ndarray, p: np.ndarray, n: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """``n`` context and token ids drawn from ``π(x) p(w | x)``.

    >>> xs, ws = sample(np.array([1.0, 0.0]), np.array([[0.0, 1.0], [1.0, 0.0]]), 3, 0)
    >>> xs.tolist(), ws.tolist()
    ([0, 0, 0], [1, 1, 1])
    """
    rng = np.random.default_rng(seed)
    xs = rng.choice(len(pi), size=n, p=pi)
    ws = (rng.random(n)[:, None] < np.cumsum(p[xs], axis=1)).argmax(axis=1)
    return xs, ws


def train_softmax(
    contexts: list[str], tokens: int, rank: int, xs: np.ndarray, ws: np.ndarray, config: Any
) -> tuple[np.ndarray, np.ndarray]:
    """The linear-softmax model's embedding ``φ [x, r]`` and predictions ``q [x, w]``."""
    h, w = markov.Ty("h"), markov.Ty("w")
    nets = [network_from_markov(markov.Box(c, markov.Ty(), h) >> markov.Box("head", h, w)) for c in contexts]  # fmt: skip
    model = TensorModel.from_data(nets, TensorAnsatz({"h": rank, "w": tokens}), target="w")
    batch = model.prepare([nets[x] for x in xs])
    params = model.init(jax.random.key(config.seed))
    result = fit(model, params, batch, jnp.asarray(ws), config=config, callbacks=[])
    rows = [model.vocabulary.index(c, "h") for c in contexts]
    q = jax.nn.softmax(model.apply(result.last_params, model.prepare(nets)), axis=-1)
    return np.asarray(result.last_params["h"])[rows], np.asarray(q)


def train_stoch(
    contexts: list[str], tokens: int, rank: int, xs: np.ndarray, ws: np.ndarray, config: Any
) -> tuple[np.ndarray, np.ndarray]:
    """The Markov LM's hidden distributions ``p(h | x) [x, r + 1]`` and predictions."""
    lm = MarkovLM.for_contexts(contexts, tokens=tokens, hidden=rank + 1, layers=0)
    batch = lm.prepare([contexts[x] for x in xs])
    result = fit(lm, lm.init(jax.random.key(config.seed)), batch, jnp.asarray(ws), config=config, callbacks=[])  # fmt: skip
    representation = lm.representation(result.last_params, contexts)
    return np.asarray(representation), np.asarray(lm.next_token(result.last_params, contexts))


def one_run(table: Any, training: TrainingTable, beta: float, seed: int) -> dict[str, float]:
    """Alignments, the eigenvalue ratio and the models' KL for one ``β`` and seed."""
    pi, p = low_rank_source(seed, table.contexts, table.tokens, table.rank, beta)
    values, functions = predictive_similarity(pi, p)
    xs, ws = sample(pi, p, table.samples, seed + 1000)
    contexts = [f"x{i}" for i in range(table.contexts)]
    config = training.train_config(seed)
    phi, q_softmax = train_softmax(contexts, table.tokens, table.rank, xs, ws, config)
    hidden, q_stoch = train_stoch(contexts, table.tokens, table.rank, xs, ws, config)
    u = np.random.default_rng(seed).standard_normal((table.contexts, table.rank))
    r = table.rank

    def divergence(q: np.ndarray) -> float:
        return float(kernel_divergence(kl, jnp.asarray(p), jnp.asarray(q), jnp.asarray(pi)))

    return {
        "softmax": alignment(phi, pi, functions),
        "stoch": alignment(hidden, pi, functions),
        "true u": alignment(u / np.sqrt(r), pi, functions),
        "random": random_alignment(pi, functions, r, seed),
        "gap": float(values[r + 1] / values[r]),
        "kl softmax": divergence(q_softmax),
        "kl stoch": divergence(q_stoch),
    }


def run_spectral(
    table: Any, training: TrainingTable, seeds: tuple[int, ...], folder: Path
) -> dict[str, Any]:
    """Every ``β`` and seed; the files to write: tables, results and the figure."""
    with jax.enable_x64(True):  # the information quantities exactly (training keeps float32)
        runs = {b: [one_run(table, training, b, seed) for seed in seeds] for b in table.betas}
    rows = []
    for beta, results in runs.items():
        row: dict[str, Any] = {"β": beta}
        for key in (*COLUMNS, "gap", "kl softmax", "kl stoch"):
            values = [r[key] for r in results]
            row[key] = (mean(values), stdev(values) if len(values) > 1 else 0.0)
        rows.append(row)
    header = ["β", *COLUMNS, "gap", "kl softmax", "kl stoch"]
    caption = (
        f"Alignment (mean cos² of principal angles) of NLL-trained representations with the top "
        f"{table.rank} non-constant eigenfunctions of the predictive-similarity operator; "
        f"{table.contexts} contexts, {table.tokens} tokens, {table.samples} samples, seeds "
        f"{list(seeds)}. gap: λ_(r+1)/λ_r. kl: E_π KL(p ‖ q) of the trained models."
    )
    markdown = f"# Spectral alignment\n\n{to_markdown(rows, header)}\n\n{caption}\n"
    figure = folder / "alignment.png"
    plot_alignment(rows, figure)
    return {
        "table.md": markdown,
        "table.tex": to_latex(rows, header, caption=caption, label="tab:markov-spectral") + "\n",
        "results.json": {
            "settings": table.model_dump(mode="json"),
            "seeds": list(seeds),
            "runs": {str(beta): results for beta, results in runs.items()},
        },
    }


def plot_alignment(rows: list[dict[str, Any]], path: Path) -> None:
    """Alignment against ``β`` (log scale), one line per column, ± std shaded."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    path.parent.mkdir(parents=True, exist_ok=True)
    betas = [row["β"] for row in rows]
    fig, ax = plt.subplots(figsize=(5, 3.5))
    for column in COLUMNS:
        means = np.array([row[column][0] for row in rows])
        stds = np.array([row[column][1] for row in rows])
        ax.plot(betas, means, marker="o", label=column)
        ax.fill_between(betas, means - stds, means + stds, alpha=0.2)
    ax.set_xscale("log")
    ax.set_xlabel("inverse temperature β")
    ax.set_ylabel("alignment (mean cos²)")
    ax.set_ylim(0, 1.02)
    ax.legend()
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)
