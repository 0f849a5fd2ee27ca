"""Similarity and its evaluation: cosine, inner product, Spearman's rho, human agreement.

A model's score for an item is the cosine of its two sentences' meanings (flattened: the
inner product of ``N ⊗ N`` is that of the flattened matrices). Two correlations are reported:

- *per judgement* (Grefenstette & Sadrzadeh 2011, Mitchell & Lapata 2008): Spearman's rho
  between every single human score and the model's score of that judgement's item;
- *per item* (later papers, e.g. Milajevs et al. 2014): rho between each item's mean human
  score and the model's score.

The upper bound is the human agreement: the mean, over annotators, of Spearman's rho between
one annotator's scores and the mean score of the other annotators on the same items.

A zero vector has cosine 0.0 with anything (itself included): no NaN. Spearman's rho of a
constant sequence is undefined and returned as NaN (without SciPy's warning).

>>> cosine([1.0, 0.0], [1.0, 1.0])
0.7071067811865475
>>> cosine([0.0, 0.0], [1.0, 1.0])
0.0
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass
from typing import Any

import numpy as np
from scipy import stats

from discojax.data._judgements import Judgements


def inner(a: Any, b: Any) -> float:
    """The inner product of two meanings (of any shape: ``N ⊗ N`` is flattened).

    >>> inner([[1.0, 2.0], [0.0, 1.0]], [[1.0, 0.0], [0.0, 3.0]])
    4.0
    """
    return float(np.dot(np.ravel(a), np.ravel(b)))


def cosine(a: Any, b: Any) -> float:
    """The cosine of two meanings; 0.0 if either is zero. Equal vectors give exactly 1.0.

    >>> cosine([[1.0, 2.0]], [[2.0, 4.0]])
    1.0
    """
    a, b = np.ravel(np.asarray(a, dtype=np.float64)), np.ravel(np.asarray(b, dtype=np.float64))
    norms = float(np.dot(a, a)) * float(np.dot(b, b))
    if norms == 0.0:
        return 0.0
    return float(np.clip(np.dot(a, b) / math.sqrt(norms), -1.0, 1.0))


def cosines(a: Any, b: Any) -> np.ndarray:
    """Row-wise :func:`cosine` of two stacks of meanings, ``(n, …)`` each.

    >>> cosines(np.array([[1.0, 0.0], [0.0, 0.0]]), np.array([[1.0, 1.0], [1.0, 0.0]]))
    array([0.70710678, 0.        ])
    """
    a, b = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    return np.array([cosine(x, y) for x, y in zip(a, b)], dtype=np.float64)


def spearman(x: Any, y: Any) -> float:
    """Spearman's rho (SciPy, ties ranked by their mean); NaN if either side is constant.

    >>> spearman([1, 2, 3, 4], [10, 20, 40, 30])
    0.8
    >>> spearman([1, 1, 1], [1, 2, 3])
    nan
    """
    x, y = np.asarray(x, dtype=np.float64), np.asarray(y, dtype=np.float64)
    if x.shape != y.shape:
        raise ValueError(f"cannot correlate sequences of shapes {x.shape} and {y.shape}")
    if len(x) < 2 or np.ptp(x) == 0 or np.ptp(y) == 0:
        return math.nan
    return float(stats.spearmanr(x, y).statistic)


@dataclass(frozen=True)
class Evaluation:
    """A model's correlations with human judgements.

    Attributes:
        model: the model's name.
        per_judgement: rho over all single judgements.
        per_item: rho over the items' mean scores.
        judgements: how many judgements; items: how many items.

    >>> print(Evaluation("Add", 0.05, 0.1, 2500, 199))
    Add: rho 0.050 per judgement (2500), 0.100 per item (199)
    """

    model: str
    per_judgement: float
    per_item: float
    judgements: int
    items: int

    def __str__(self) -> str:
        return (
            f"{self.model}: rho {self.per_judgement:.3f} per judgement ({self.judgements}), "
            f"{self.per_item:.3f} per item ({self.items})"
        )


def evaluate(similarities: Any, judgements: Judgements, model: str = "model") -> Evaluation:
    """Correlate item similarities (in the order of ``judgements.items()``) with the humans.

    Args:
        similarities: one score per item.
        judgements: the data set.
        model: a name for the result.

    >>> from discojax.data import read_ml2008
    >>> data = read_ml2008(["a stray eye roam 7 high", "a stray eye digress 1 low",
    ...                     "b stray eye roam 6 high", "b stray eye digress 3 low"])
    >>> evaluate([0.9, 0.2], data).per_judgement
    0.8944271909999159
    """
    sims = np.asarray(similarities, dtype=np.float64)
    items = judgements.items()
    if sims.shape != (len(items),):
        raise ValueError(f"expected {len(items)} item similarities, got shape {sims.shape}")
    return Evaluation(
        model,
        spearman(sims[judgements.item_indices()], judgements.scores()),
        spearman(sims, judgements.mean_scores()),
        len(judgements),
        len(items),
    )


def agreement(judgements: Judgements) -> float:
    """Human agreement: mean leave-one-annotator-out Spearman's rho (the upper bound).

    Each annotator's scores are correlated with the other annotators' mean scores of the same
    items (items nobody else scored are left out); annotators with fewer than two such items,
    or constant scores, are left out of the mean.

    >>> from discojax.data import read_ml2008
    >>> data = read_ml2008(["a v x l1 7 high", "a v y l1 1 low", "a v z l1 4 low",
    ...                     "b v x l1 6 high", "b v y l1 2 low", "b v z l1 3 low"])
    >>> agreement(data)
    1.0
    """
    items = judgements.item_indices()
    scores = judgements.scores()
    people = np.array([j.participant for j in judgements.judgements])
    n = len(judgements.items())
    total_sum = np.bincount(items, scores, n)
    total_count = np.bincount(items, minlength=n)
    rhos = []
    for person in judgements.participants():
        mine = people == person
        own_sum = np.bincount(items[mine], scores[mine], n)
        own_count = np.bincount(items[mine], minlength=n)
        others = total_count - own_count
        rated = (own_count > 0) & (others > 0)
        if rated.sum() < 2:
            continue
        own_mean = own_sum[rated] / own_count[rated]
        others_mean = (total_sum - own_sum)[rated] / others[rated]
        rho = spearman(own_mean, others_mean)
        if not math.isnan(rho):
            rhos.append(rho)
    return float(np.mean(rhos)) if rhos else math.nan


def pairwise_agreement(judgements: Judgements) -> float:
    """Mean Spearman's rho over pairs of annotators, on the items both scored.

    Pairs with fewer than three shared items, or a constant side, are left out.

    >>> from discojax.data import read_ml2008
    >>> data = read_ml2008(["a v x l1 7 high", "a v y l1 1 low", "a v z l1 4 low",
    ...                     "b v x l1 6 high", "b v y l1 2 low", "b v z l1 7 low"])
    >>> pairwise_agreement(data)
    0.5
    """
    scores: dict[str, dict] = {}
    for j in judgements.judgements:
        scores.setdefault(j.participant, {}).setdefault(j.item, []).append(j.score)
    means = {p: {i: float(np.mean(s)) for i, s in items.items()} for p, items in scores.items()}
    rhos = []
    for a, b in itertools.combinations(means, 2):
        shared = [i for i in means[a] if i in means[b]]
        if len(shared) < 3:
            continue
        rho = spearman([means[a][i] for i in shared], [means[b][i] for i in shared])
        if not math.isnan(rho):
            rhos.append(rho)
    return float(np.mean(rhos)) if rhos else math.nan
