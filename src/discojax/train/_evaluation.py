"""Several sets measured by one compiled program: one batch of all their items, 0/1 weights.

A prepared batch's structure (its shapes and bucket sizes) is part of what a jitted function
is compiled for, so measuring train, dev and test as three batches compiles three programs of
the same model. An :class:`Evaluation` holds one batch of every item and, per set, a weight per
item (1 in the set, 0 outside): :func:`evaluate_sets` computes every output once and each set's
metrics as weighted means, with one program for every set, every epoch and every seed. It
returns the outputs too (for predictions), so nothing else compiles.

>>> import jax, jax.numpy as jnp
>>> from discojax import TensorModel, TensorAnsatz
>>> from discojax.train import TrainConfig
>>> train, dev = ["man cooks meal", "woman debugs program"], ["man prepares sauce"]
>>> model = TensorModel.from_data(train + dev, TensorAnsatz({"n": 2, "s": 2}))
>>> evaluation = Evaluation.of(model, {"train": train, "dev": dev}, {"train": [1, 0], "dev": [1]})
>>> evaluation.weights["dev"].tolist()
[0.0, 0.0, 1.0]
>>> params = model.init(jax.random.key(0))
>>> metrics, outputs = evaluate_sets(model, params, evaluation, TrainConfig())
>>> sorted(metrics["dev"]), outputs.shape
(['accuracy', 'loss'], (3, 2))
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from functools import lru_cache
from typing import Any, NamedTuple

import jax
import numpy as np
from jax.sharding import Mesh

from discojax.compile._batch import Batch
from discojax.train._config import TrainConfig
from discojax.train._losses import Metric, default_metrics
from discojax.train._sharding import replicate
from discojax.train._step import KEPT, jit


class Evaluation(NamedTuple):
    """Sets of items measured together: one batch of all items, each set's 0/1 weights.

    Attributes:
        batch: the prepared batch of every set's items, set after set.
        targets: every item's label (or regression target), in the batch's order.
        weights: set name -> one weight per item of the batch (1.0 for the set's own items).
    """

    batch: Batch
    targets: jax.Array
    weights: Mapping[str, np.ndarray]

    @classmethod
    def of(
        cls, model: Any, items: Mapping[str, Sequence[Any]], targets: Mapping[str, Any]
    ) -> Evaluation:
        """Prepare ``items`` (set name -> the set's sentences) as one batch, sets in order.

        >>> from discojax import TensorModel, TensorAnsatz
        >>> m = TensorModel.from_data(["man runs"], TensorAnsatz({"n": 2, "s": 2}))
        >>> e = Evaluation.of(m, {"a": ["man runs"], "b": ["man runs"] * 2}, {"a": [0], "b": [1, 1]})
        >>> e.batch.size, e.targets.tolist(), e.weights["b"].tolist()
        (3, [0, 1, 1], [0.0, 1.0, 1.0])
        """
        sizes = [len(set_items) for set_items in items.values()]
        ends = np.cumsum([0, *sizes])
        weights = {}
        for name, start, end in zip(items, ends[:-1], ends[1:]):
            w = np.zeros(ends[-1], np.float32)
            w[start:end] = 1.0
            weights[name] = w
        everything = [item for set_items in items.values() for item in set_items]
        labels = np.concatenate([np.asarray(targets[name]) for name in items])
        return cls(model.prepare(everything), jax.device_put(labels), weights)  # no program

    def replicated(self, mesh: Mesh) -> Evaluation:
        """The same sets, their batch and targets on every device of ``mesh``: with several
        processes (``jax.distributed``) a jitted function takes global arrays only, and each
        process holds the same items, so each one's copy is the whole array.

        >>> from discojax import TensorModel, TensorAnsatz
        >>> from discojax.train import data_mesh
        >>> m = TensorModel.from_data(["man runs"], TensorAnsatz({"n": 2, "s": 2}))
        >>> e = Evaluation.of(m, {"a": ["man runs"]}, {"a": [1]}).replicated(data_mesh())
        >>> e.targets.sharding.is_fully_replicated, e.weights["a"].tolist()
        (True, [1.0])
        """
        batch, targets = replicate((self.batch, self.targets), mesh)
        return Evaluation(batch, targets, self.weights)

    def rows(self, name: str) -> np.ndarray:
        """The batch rows of set ``name``.

        >>> Evaluation(None, None, {"a": np.array([0.0, 1.0, 1.0])}).rows("a").tolist()
        [1, 2]
        """
        return np.flatnonzero(np.asarray(self.weights[name]))


def evaluate_sets(
    model: Any,
    params: Any,
    evaluation: Evaluation,
    config: TrainConfig,
    metrics: Mapping[str, Metric] | None = None,
) -> tuple[dict[str, dict[str, float]], jax.Array]:
    """Every set's ``metrics`` (default: ``config``'s loss, and accuracy) and every output.

    One call of one jitted function: the outputs are computed once, each set's metrics are
    means weighted by its weights. See the module for an example.
    """
    if metrics is None:
        metrics = default_metrics(config.loss, getattr(model, "output_kind", "logits"))
    batch = evaluation.batch
    fast = config.fast_compile if config.fast_compile is not None else batch.shapes > 512
    names = sorted(evaluation.weights)
    weights = np.stack([evaluation.weights[name] for name in names])  # on the host: no program
    measure = _compiled_sets(model, tuple(metrics.items()), fast)
    values, outputs = measure(params, batch, evaluation.targets, weights)
    host = jax.device_get(values)
    return {
        name: {k: float(v[i]) for k, v in host.items()} for i, name in enumerate(names)
    }, outputs


@lru_cache(maxsize=KEPT)
def _compiled_sets(model: Any, metrics: tuple[tuple[str, Metric], ...], fast: bool) -> Callable:
    def measure(
        params: Any, batch: Batch, targets: jax.Array, weights: jax.Array
    ) -> tuple[dict[str, jax.Array], jax.Array]:
        outputs = model.apply(params, batch)

        def one_set(w: jax.Array) -> dict[str, jax.Array]:
            return {name: fn(outputs, targets, w) for name, fn in metrics}

        return jax.vmap(one_set)(weights), outputs

    return jit(measure, fast)
