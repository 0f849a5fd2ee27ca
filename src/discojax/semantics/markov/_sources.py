"""Finite sources with known conditionals, for testing claims about language models exactly.

- :func:`low_rank_source`: contexts ``x`` and tokens ``w`` with ``p(w | x) ∝ exp(β u_x · v_w)``,
  a softmax of a rank-``r`` score at inverse temperature ``β``;
- :func:`second_order_source`: a token chain whose next token depends on the last two;
  :func:`future_joint` gives the exact joint of its state ``(x_{t−1}, x_t)`` and the next ``K``
  tokens, from the stationary distribution of the pairs (:func:`stationary`).

>>> pi, p = low_rank_source(0, contexts=5, tokens=4, rank=2, beta=1.0)
>>> p.shape, bool(np.allclose(p.sum(axis=1), 1.0)), float(pi.sum())
((5, 4), True, 1.0)
"""

from __future__ import annotations

import numpy as np

from discojax.errors import KernelError


def low_rank_source(
    seed: int, contexts: int, tokens: int, rank: int, beta: float
) -> tuple[np.ndarray, np.ndarray]:
    """``(π, p)``: uniform contexts and ``p[x, w] ∝ exp(β u_x · v_w)``, with ``u``, ``v``
    standard normal scaled by ``1 / √rank`` (scores of unit variance).

    >>> pi, p = low_rank_source(0, 3, 3, 1, beta=0.0)
    >>> p.tolist() == [[1 / 3] * 3] * 3
    True
    """
    rng = np.random.default_rng(seed)
    u = rng.standard_normal((contexts, rank)) / np.sqrt(rank)
    v = rng.standard_normal((tokens, rank))
    scores = beta * u @ v.T
    scores -= scores.max(axis=1, keepdims=True)
    p = np.exp(scores)
    return np.full(contexts, 1.0 / contexts), p / p.sum(axis=1, keepdims=True)


def second_order_source(seed: int, tokens: int, concentration: float = 0.3) -> np.ndarray:
    """``T[a, b, c] = p(x_{t+1} = c | x_{t−1} = a, x_t = b)``, each row a Dirichlet draw.

    >>> second_order_source(0, 3).shape
    (3, 3, 3)
    """
    rng = np.random.default_rng(seed)
    return rng.dirichlet(np.full(tokens, concentration), size=(tokens, tokens))


def stationary(transition: np.ndarray) -> np.ndarray:
    """The stationary distribution of a chain ``T[s, s']`` (the eigenvector of eigenvalue 1).

    Raises:
        KernelError: not a square stochastic matrix.

    >>> stationary(np.array([[0.5, 0.5], [0.25, 0.75]])).round(6).tolist()
    [0.333333, 0.666667]
    """
    if transition.ndim != 2 or transition.shape[0] != transition.shape[1]:
        raise KernelError(f"a chain's transition must be square, not {transition.shape}")
    if not np.allclose(transition.sum(axis=1), 1.0):
        raise KernelError("a chain's transition rows must sum to one")
    values, vectors = np.linalg.eig(transition.T)
    v = np.real(vectors[:, np.argmin(np.abs(values - 1.0))])
    return v / v.sum()


def pair_chain(source: np.ndarray) -> np.ndarray:
    """The first-order chain of pairs ``(a, b) -> (b, c)`` of a second-order source.

    >>> pair_chain(second_order_source(0, 2)).shape
    (4, 4)
    """
    n = source.shape[0]
    chain = np.zeros((n, n, n, n))
    for b in range(n):
        chain[:, b, b, :] = source[:, b, :]
    return chain.reshape(n * n, n * n)


def future_joint(source: np.ndarray, horizon: int) -> np.ndarray:
    """The exact joint ``[h, w_1, …, w_K]`` of the state ``h = (x_{t−1}, x_t)`` (flattened)
    and the next ``K = horizon`` tokens, in the stationary regime.

    >>> j = future_joint(second_order_source(0, 3), 2)
    >>> j.shape, round(float(j.sum()), 9)
    ((9, 3, 3), 1.0)
    """
    n = source.shape[0]
    joint = stationary(pair_chain(source)).reshape(n, n)  # [a, b]
    for _ in range(horizon):  # append the next token: axes [..., a, b] -> [..., a, b, c]
        joint = joint[..., None] * source[(None,) * (joint.ndim - 2) + (slice(None),) * 3]
    joint = np.moveaxis(joint, (0, 1), (-2, -1))  # [w_1, …, w_K, a, b]
    return np.moveaxis(joint.reshape(*joint.shape[:-2], n * n), -1, 0)
