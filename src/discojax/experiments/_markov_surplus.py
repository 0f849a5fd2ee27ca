"""The surplus study: what a second-order source's hidden state tells beyond the next token,
and what a draft head gains by reading it.

For each seed, a second-order source over ``tokens`` tokens
(:func:`~discojax.semantics.markov.second_order_source`) whose state is the pair
``(x_{t−1}, x_t)``, and, as a control, a first-order one:

- the exact surplus ``S_K = I(H; W_2 … W_K | W_1)`` of the true state at each horizon ``K``,
  against its bound ``H(W_2 … W_K | W_1)`` (and ``S_K`` grows with ``K``);
- the surplus of a *learned* hidden state: a :class:`~discojax.semantics.markov.MarkovLM`
  with ``hidden`` states trained by NLL (through :func:`discojax.train.fit`) on the pair
  contexts of a sampled sequence, read two ways: as a Stoch hidden state (a sample of
  ``p(h | state)``), and as a deterministic representation (the vector ``p(· | state)``, as a
  transformer's hidden state is a vector: states with equal vectors, to 3 decimals, are one);
  by the data-processing inequality both are at most the true state's;
- draft heads for ``W_2`` given ``W_1``: the target is the source's ``p(w_2 | state, w_1)``;
  the Bayes draft without the hidden state is ``p(w_2 | w_1)``, with it exact (acceptance 1),
  with the learned hidden state in between; trained drafts (Markov LMs on the sampled
  contexts ``w_1`` and ``(state, w_1)``) beside them; and the bound
  ``acceptance without ≥ 1 − √(S_2 / 2)`` (Pinsker and Jensen).
"""

from __future__ import annotations

from pathlib import Path
from statistics import mean, stdev
from typing import Any

import jax
import jax.numpy as jnp
import numpy as np

from discojax.experiments._classification import TrainingTable
from discojax.experiments._report import to_latex, to_markdown
from discojax.semantics.markov import (
    MarkovLM,
    entropy,
    future_joint,
    information_surplus,
    second_order_source,
    stationary,
)
from discojax.semantics.markov._sources import pair_chain
from discojax.train import fit


def simulate(source: np.ndarray, steps: int, seed: int) -> np.ndarray:
    """A token sequence of ``steps + 2`` tokens from the source's stationary regime.

    >>> simulate(np.ones((2, 2, 2)) / 2, 5, 0).shape
    (7,)
    """
    n = source.shape[0]
    rng = np.random.default_rng(seed)
    start = rng.choice(n * n, p=stationary(pair_chain(source)))
    tokens = [start // n, start % n]
    uniforms = rng.random(steps)
    for u in uniforms:
        row = np.cumsum(source[tokens[-2], tokens[-1]])
        tokens.append(min(int(np.searchsorted(row, u * row[-1], side="right")), n - 1))
    return np.asarray(tokens)


def trained_draft(contexts: list[str], targets: np.ndarray, tokens: int, config: Any) -> dict[str, np.ndarray]:  # fmt: skip
    """A draft head (a Markov LM, one hidden state per token) trained on ``contexts``: its
    ``q(w | context)`` for each distinct context."""
    names = sorted(set(contexts))
    lm = MarkovLM.for_contexts(names, tokens=tokens, hidden=tokens, layers=0)
    params = lm.init(jax.random.key(config.seed))
    result = fit(lm, params, lm.prepare(contexts), jnp.asarray(targets), config=config, callbacks=[])  # fmt: skip
    q = np.asarray(lm.next_token(result.last_params, names))
    return dict(zip(names, q))


def representation_classes(hidden: np.ndarray, decimals: int = 3) -> np.ndarray:
    """The deterministic kernel ``[state, class]`` sending each state to the class of states
    with the same representation vector (rounded to ``decimals``).

    >>> representation_classes(np.array([[0.5, 0.5], [0.5, 0.5], [1.0, 0.0]])).tolist()
    [[1.0, 0.0], [1.0, 0.0], [0.0, 1.0]]
    """
    keys = [tuple(np.round(row, decimals)) for row in hidden]
    classes = {key: i for i, key in enumerate(dict.fromkeys(keys))}
    return np.eye(len(classes))[[classes[key] for key in keys]]


def acceptance(weights: np.ndarray, target: np.ndarray, draft: np.ndarray) -> float:
    """``Σ weights · Σ_w min(target, draft)`` over the leading axes.

    >>> acceptance(np.array([1.0]), np.array([[0.5, 0.5]]), np.array([[1.0, 0.0]]))
    0.5
    """
    return float(np.sum(weights * np.minimum(target, draft).sum(axis=-1)))


def one_run(table: Any, training: TrainingTable, seed: int) -> dict[str, Any]:
    """Surpluses and acceptance rates of one seed."""
    n = table.tokens
    source = second_order_source(seed, n, table.concentration)
    first = np.random.default_rng(seed + 500).dirichlet(np.full(n, table.concentration), size=n)
    control = np.broadcast_to(first[None], (n, n, n))
    config = training.train_config(seed)
    sequence = simulate(source, table.samples + 1, seed + 1000)
    a, b, c, d = sequence[:-3], sequence[1:-2], sequence[2:-1], sequence[3:]
    pairs = [f"{i},{j}" for i in range(n) for j in range(n)]
    lm = MarkovLM.for_contexts(pairs, tokens=n, hidden=table.hidden, layers=1)
    contexts = [f"{i},{j}" for i, j in zip(a, b)]
    result = fit(lm, lm.init(jax.random.key(seed)), lm.prepare(contexts), jnp.asarray(c), config=config, callbacks=[])  # fmt: skip
    hidden = np.asarray(lm.representation(result.last_params, pairs))  # [state, h]
    vectors = representation_classes(hidden)  # [state, class]: a deterministic kernel
    run: dict[str, Any] = {
        "surplus": {}, "learned": {}, "vector": {}, "bound": {}, "control": {},
        "classes": int(vectors.shape[1]),
    }  # fmt: skip
    for k in table.horizons:
        joint = future_joint(source, k)
        learned = np.tensordot(hidden, joint, axes=([0], [0]))  # [h, w_1, …, w_K]
        as_vector = np.tensordot(vectors, joint, axes=([0], [0]))
        tokens = list(range(1, k + 1))
        run["surplus"][k] = float(information_surplus(jnp.asarray(joint)))
        run["learned"][k] = float(information_surplus(jnp.asarray(learned)))
        run["vector"][k] = float(information_surplus(jnp.asarray(as_vector)))
        run["bound"][k] = float(entropy(jnp.asarray(joint), tokens) - entropy(jnp.asarray(joint), [1]))  # fmt: skip
        run["control"][k] = float(information_surplus(jnp.asarray(future_joint(control, k))))
    joint = future_joint(source, 2)  # [state, w_1, w_2]
    weights = joint.sum(axis=2)
    target = np.stack([source[s % n] for s in range(n * n)])  # p(w_2 | state, w_1)
    without = joint.sum(axis=0) / joint.sum(axis=(0, 2))[:, None]  # p(w_2 | w_1)
    by_hidden = np.tensordot(hidden, joint, axes=([0], [0]))
    by_hidden = by_hidden / by_hidden.sum(axis=2, keepdims=True)  # p(w_2 | h, w_1)
    hidden_weights = hidden[:, :, None] * weights[:, None, :]  # [state, h, w_1]
    by_vector = np.tensordot(vectors, joint, axes=([0], [0]))
    by_vector = by_vector / by_vector.sum(axis=2, keepdims=True)  # p(w_2 | class, w_1)
    vector_weights = vectors[:, :, None] * weights[:, None, :]
    drafts_without = trained_draft([str(i) for i in c], d, n, config)
    drafts_with = trained_draft([f"{i},{j}|{k}" for i, j, k in zip(a, b, c)], d, n, config)
    trained_without = np.stack([drafts_without[str(w)] for w in range(n)])
    trained_with = np.stack([
        [drafts_with.get(f"{s // n},{s % n}|{w}", np.full(n, 1 / n)) for w in range(n)]
        for s in range(n * n)
    ])  # fmt: skip
    run["acceptance"] = {
        "without hidden state (Bayes)": acceptance(weights, target, without[None]),
        "without hidden state (trained)": acceptance(weights, target, trained_without[None]),
        "learned hidden state, sampled (Bayes)": acceptance(
            hidden_weights, target[:, None], by_hidden[None]
        ),
        "learned representation as a vector (Bayes)": acceptance(
            vector_weights, target[:, None], by_vector[None]
        ),
        "true state (trained)": acceptance(weights, target, trained_with),
        "true state (Bayes)": acceptance(weights, target, target),
        "bound 1 − √(S_2/2) for 'without'": 1.0 - float(np.sqrt(run["surplus"][2] / 2)),
    }
    return run


def _cell(values: list[float]) -> tuple[float, float]:
    return mean(values), stdev(values) if len(values) > 1 else 0.0


def run_surplus(
    table: Any, training: TrainingTable, seeds: tuple[int, ...], folder: Path
) -> dict[str, Any]:
    """Every seed; the files to write: tables, results and the figure."""
    if 2 not in table.horizons:
        table = table.model_copy(update={"horizons": (2, *table.horizons)})
    with jax.enable_x64(True):  # the information quantities exactly (training keeps float32)
        runs = [one_run(table, training, seed) for seed in seeds]
    surplus_rows = [
        {
            "K": k,
            "S_K true state": _cell([r["surplus"][k] for r in runs]),
            "S_K learned hidden (sampled)": _cell([r["learned"][k] for r in runs]),
            "S_K learned representation (vector)": _cell([r["vector"][k] for r in runs]),
            "bound H(W_2..W_K given W_1)": _cell([r["bound"][k] for r in runs]),
            "S_K first-order control": _cell([r["control"][k] for r in runs]),
        }
        for k in table.horizons
    ]
    draft_rows = [
        {"draft of W_2": name, "acceptance": _cell([r["acceptance"][name] for r in runs])}
        for name in runs[0]["acceptance"]
    ]
    caption = (
        f"Second-order source over {table.tokens} tokens (Dirichlet {table.concentration}); "
        f"learned hidden state: {table.hidden} states; {table.samples} samples; seeds "
        f"{list(seeds)}. Surplus in nats."
    )
    markdown = (
        f"# Information surplus\n\n{to_markdown(surplus_rows)}\n\n"
        f"## Draft heads\n\n{to_markdown(draft_rows)}\n\n{caption}\n"
    )
    latex = (
        to_latex(surplus_rows, caption=caption, label="tab:markov-surplus")
        + "\n"
        + to_latex(draft_rows, caption="Acceptance of drafts of W_2.", label="tab:markov-drafts")
        + "\n"
    )
    plot_surplus(surplus_rows, draft_rows, folder / "surplus.png")
    results = {"settings": table.model_dump(mode="json"), "seeds": list(seeds), "runs": runs}
    return {"table.md": markdown, "table.tex": latex, "results.json": results}


def plot_surplus(surplus_rows: list[dict], draft_rows: list[dict], path: Path) -> None:
    """Surplus against ``K`` (left) and the drafts' acceptance (right)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    path.parent.mkdir(parents=True, exist_ok=True)
    fig, (left, right) = plt.subplots(1, 2, figsize=(9, 3.5))
    ks = [row["K"] for row in surplus_rows]
    for column in list(surplus_rows[0])[1:]:
        left.errorbar(ks, [r[column][0] for r in surplus_rows], [r[column][1] for r in surplus_rows], marker="o", label=column)  # fmt: skip
    left.set_xlabel("horizon K")
    left.set_ylabel("nats")
    left.set_xticks(ks)
    left.legend(fontsize=7)
    names = [row["draft of W_2"] for row in draft_rows]
    right.barh(range(len(names)), [r["acceptance"][0] for r in draft_rows], xerr=[r["acceptance"][1] for r in draft_rows])  # fmt: skip
    right.set_yticks(range(len(names)), names, fontsize=7)
    right.set_xlabel("acceptance rate")
    right.set_xlim(0, 1)
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)
