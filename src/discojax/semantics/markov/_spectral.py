"""The predictive-similarity operator and how well a representation aligns with its spectrum.

Two contexts are predictively similar when they predict the same tokens:
``K(x, x') = Σ_w p(w | x) p(w | x') / p(w)``, ``p(w) = Σ_x π(x) p(w | x)`` (the normalised
co-occurrence kernel of spectral contrastive learning, the next token playing the shared
view). As an operator on ``L²(π)``, ``(T f)(x) = Σ_x' K(x, x') π(x') f(x')``, it is
self-adjoint with eigenvalues in ``[0, 1]``; the constant function has eigenvalue 1.
:func:`predictive_similarity` gives its eigenvalues and eigenfunctions, largest first.

:func:`alignment` measures a representation ``f: X -> R^d`` against them: the mean squared
cosine of the principal angles, in ``L²(π)``, between the span of the centred features and the
top non-constant eigenfunctions, as many as that span's dimension: 1 when the spans agree,
about ``k / (|X| − 1)`` for a random ``k``-dimensional subspace (:func:`random_alignment`).

>>> import numpy as np
>>> pi, p = np.full(3, 1 / 3), np.array([[1.0, 0.0], [1.0, 0.0], [0.0, 1.0]])
>>> values, functions = predictive_similarity(pi, p)
>>> values.round(6).tolist()
[1.0, 1.0, 0.0]
>>> round(alignment(np.array([[1.0], [1.0], [0.0]]), pi, functions), 6)
1.0
"""

from __future__ import annotations

import numpy as np

from discojax.errors import KernelError


def predictive_similarity(pi: np.ndarray, p: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Eigenvalues (descending) and eigenfunctions ``[x, i]`` (orthonormal in ``L²(π)``) of the
    predictive-similarity operator of the source ``π(x) p(w | x)``.

    Raises:
        KernelError: ``π`` and ``p`` of mismatched shapes, or ``π`` with a zero.

    >>> pi, p = np.full(2, 0.5), np.array([[0.5, 0.5], [0.5, 0.5]])
    >>> predictive_similarity(pi, p)[0].round(6).tolist()
    [1.0, 0.0]
    """
    if p.ndim != 2 or pi.shape != p.shape[:1] or np.any(pi <= 0):
        raise KernelError(f"need π > 0 of shape ({p.shape[0]},) for p of shape {p.shape}")
    marginal = pi @ p
    kernel = (p / np.where(marginal > 0, marginal, 1.0)) @ p.T
    root = np.sqrt(pi)
    # √π is an eigenvector of eigenvalue 1 (the constant function): diagonalise on its
    # orthogonal complement, so that no degenerate eigenvalue mixes the constant in.
    complement = np.linalg.qr(np.column_stack([root, np.eye(len(pi))]))[0][:, 1 : len(pi)]
    restricted = complement.T @ (root[:, None] * kernel * root[None, :]) @ complement
    values, vectors = np.linalg.eigh(0.5 * (restricted + restricted.T))
    order = np.argsort(values)[::-1]
    values = np.concatenate([[1.0], values[order]])
    vectors = np.column_stack([root, complement @ vectors[:, order]])
    return values, vectors / root[:, None]


def _basis(features: np.ndarray, pi: np.ndarray, tol: float = 1e-8) -> np.ndarray:
    """An orthonormal basis (in ``L²(π)``, as rows weighted by ``√π``) of the centred span."""
    centred = features - pi @ features
    u, s, _ = np.linalg.svd(np.sqrt(pi)[:, None] * centred, full_matrices=False)
    return u[:, s > tol * max(1.0, float(s.max(initial=0.0)))]


def alignment(features: np.ndarray, pi: np.ndarray, functions: np.ndarray) -> float:
    """Mean squared cosine of the principal angles between the centred span of ``features``
    ``[x, d]`` and the top non-constant eigenfunctions (``functions[:, 1 : k + 1]``).

    >>> pi = np.full(4, 0.25)
    >>> p = np.random.default_rng(0).dirichlet(np.ones(5), size=4)
    >>> functions = predictive_similarity(pi, p)[1]
    >>> round(alignment(functions[:, 1:3], pi, functions), 6)
    1.0
    """
    basis = _basis(features, pi)
    k = basis.shape[1]
    if k == 0:
        return 0.0
    top = np.sqrt(pi)[:, None] * functions[:, 1 : k + 1]
    top, _ = np.linalg.qr(top)
    cosines = np.linalg.svd(basis.T @ top, compute_uv=False)
    return float(np.mean(np.clip(cosines, 0.0, 1.0) ** 2))


def random_alignment(
    pi: np.ndarray, functions: np.ndarray, dimension: int, seed: int, draws: int = 64
) -> float:
    """The mean :func:`alignment` of ``draws`` random Gaussian ``dimension``-d features: the
    baseline a learned representation must beat.

    >>> pi = np.full(11, 1 / 11)
    >>> functions = predictive_similarity(pi, np.eye(11))[1]
    >>> abs(random_alignment(pi, functions, 2, seed=0, draws=400) - 0.2) < 0.03
    True
    """
    rng = np.random.default_rng(seed)
    scores = [
        alignment(rng.standard_normal((len(pi), dimension)), pi, functions) for _ in range(draws)
    ]
    return float(np.mean(scores))
