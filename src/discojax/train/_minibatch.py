"""Minibatches that mix shapes, with fixed array sizes: one compilation for every step.

An epoch's minibatches are *stratified*: each takes the same number of rows ``m_b`` from every
bucket ``b`` (its share of the batch size), so each step's arrays have the same shapes and the
jitted step compiles once. :func:`epoch_rows` draws one epoch's row indices with a seeded
permutation (NumPy, no per-sentence Python); :func:`take` gathers a minibatch inside ``jit``.

>>> from discojax import TensorModel, TensorAnsatz
>>> texts = ["man runs", "woman runs", "dog runs", "man prepares sauce"]
>>> model = TensorModel.from_data(texts, TensorAnsatz({"n": 2, "s": 2}))
>>> batch = model.prepare(texts)
>>> plan = MinibatchPlan.for_batch(batch, batch_size=2)
>>> plan.steps, plan.rows_per_bucket
(2, (2, 1))
>>> rows, mask = epoch_rows(batch, plan, seed=0, epoch=0)
>>> [r.shape for r in rows[0]], mask[0][1].tolist()
([(2,), (1,)], [True])
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import jax
import jax.numpy as jnp
import numpy as np
from jax.sharding import Mesh

from discojax.compile._batch import Batch, Bucket
from discojax.train._sharding import split_rows


@dataclass(frozen=True)
class MinibatchPlan:
    """How many steps an epoch has, and how many rows each bucket gives each step.

    ``taken_per_bucket`` sentences are drawn from each bucket per step; ``rows_per_bucket`` pads
    that up to a multiple of the device count (masked rows), so the draw never depends on it.
    """

    steps: int
    rows_per_bucket: tuple[int, ...]
    bucket_sizes: tuple[int, ...]
    taken_per_bucket: tuple[int, ...]

    @classmethod
    def for_batch(cls, batch: Batch, batch_size: int | None, multiple: int = 1) -> MinibatchPlan:
        """Plan minibatches of about ``batch_size`` sentences (``None``: the whole set).

        ``multiple`` rounds every bucket's rows up (to the device count, for data parallelism);
        the extra rows are masked out.

        >>> from discojax.compile import Batch
        >>> MinibatchPlan.for_batch(Batch((), 0, ()), None).steps
        1
        """
        sizes = tuple(int(np.sum(np.asarray(b.index) < batch.size)) for b in batch.buckets)
        total = sum(sizes)
        steps = 1 if not batch_size or batch_size >= total else math.ceil(total / batch_size)
        taken = tuple(math.ceil(n / steps) for n in sizes)
        rows = tuple(-(-m // multiple) * multiple for m in taken)
        return cls(steps, rows, sizes, taken)


def epoch_rows(
    batch: Batch, plan: MinibatchPlan, seed: int, epoch: int
) -> tuple[list[tuple[np.ndarray, ...]], list[tuple[np.ndarray, ...]]]:
    """Each step's row indices and validity masks, per bucket, for one epoch.

    The permutation depends only on ``(seed, epoch)``, so a resumed run draws the same rows.
    """
    rng = np.random.default_rng([seed, epoch])
    perms = [rng.permutation(n) for n in plan.bucket_sizes]
    rows, masks = [], []
    for step in range(plan.steps):
        step_rows, step_masks = [], []
        for perm, m, t in zip(perms, plan.rows_per_bucket, plan.taken_per_bucket):
            chunk = perm[step * t : (step + 1) * t]
            valid = np.zeros(m, dtype=bool)
            valid[: len(chunk)] = True
            padded = np.zeros(m, dtype=np.int32)
            padded[: len(chunk)] = chunk
            step_rows.append(padded)
            step_masks.append(valid)
        rows.append(tuple(step_rows))
        masks.append(tuple(step_masks))
    return rows, masks


def take(
    batch: Batch,
    targets: jax.Array,
    rows: tuple[jax.Array, ...],
    masks: tuple[jax.Array, ...],
    mesh: Mesh | None = None,
) -> tuple[Batch, jax.Array, jax.Array]:
    """Gather a minibatch (inside ``jit``): its batch, targets and weights, bucket by bucket.

    With a ``mesh``, each bucket's rows are split over its ``data`` axis (data parallelism).

    >>> import jax.numpy as jnp
    >>> from discojax import TensorModel, TensorAnsatz
    >>> m = TensorModel.from_data(["man runs", "dog runs"], TensorAnsatz({"n": 2, "s": 2}))
    >>> b = m.prepare(["man runs", "dog runs"])
    >>> sub, y, w = take(b, jnp.array([0, 1]), (jnp.array([1]),), (jnp.array([True]),))
    >>> sub.size, y.tolist(), w.tolist()
    (1, [1], [1.0])
    """
    buckets, ys, ws = [], [], []
    offset = 0
    for bucket, r, m in zip(batch.buckets, rows, masks):
        positions = bucket.index[r]
        ids = split_rows(bucket.ids[r], mesh)
        buckets.append(Bucket(bucket.program, ids, offset + jnp.arange(r.shape[0])))
        ys.append(split_rows(targets[jnp.clip(positions, 0, batch.size - 1)], mesh))
        ws.append(split_rows(m.astype(jnp.float32), mesh))
        offset += r.shape[0]
    sub = Batch(tuple(buckets), offset, batch.output_shape)
    return sub, jnp.concatenate(ys), jnp.concatenate(ws)
