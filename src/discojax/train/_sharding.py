"""Distribution with JAX's own sharding: data parallelism and vocabulary-sharded word tables.

- **Data parallelism.** :func:`data_mesh` makes a one-axis ``Mesh`` over the devices; passing it
  to :func:`~discojax.train.fit` replicates the parameters, pads every minibatch's rows to a
  multiple of the device count and constrains them to be split along the ``data`` axis, so each
  device contracts its share of every shape bucket; XLA inserts the gradient all-reduce. On CPU,
  test it with ``XLA_FLAGS=--xla_force_host_platform_device_count=4``.
- **Model parallelism for large tables.** :func:`shard_tables` splits the vocabulary axis of the
  word tables over a mesh axis (padding rows to a multiple of its size; padded rows are never
  read), for tables that no longer fit one device; gathers by word id then cross devices.

Multi-host use is the same code after ``jax.distributed.initialize()`` (see ``docs/scale.md``).

>>> mesh = data_mesh()
>>> mesh.axis_names
('data',)
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import jax
import jax.numpy as jnp
import numpy as np
from jax.sharding import Mesh, NamedSharding
from jax.sharding import PartitionSpec as P


def data_mesh(devices: Sequence[jax.Device] | None = None, axis: str = "data") -> Mesh:
    """A one-axis mesh over ``devices`` (all local devices by default).

    >>> data_mesh(jax.devices()[:1]).devices.shape
    (1,)
    """
    return Mesh(np.asarray(devices if devices is not None else jax.devices()), (axis,))


def replicate(tree: Any, mesh: Mesh) -> Any:
    """Put every array of ``tree`` on every device of ``mesh``.

    >>> replicate({"n": jnp.ones(2)}, data_mesh())["n"].sharding.is_fully_replicated
    True
    """
    return jax.device_put(tree, NamedSharding(mesh, P()))


def split_rows(x: jax.Array, mesh: Mesh | None, axis: str = "data") -> jax.Array:
    """Constrain ``x``'s first axis to be split over ``mesh`` (inside ``jit``); no-op without one.

    >>> split_rows(jnp.ones(4), None).shape
    (4,)
    """
    if mesh is None:
        return x
    spec = P(axis, *([None] * (x.ndim - 1)))
    return jax.lax.with_sharding_constraint(x, NamedSharding(mesh, spec))


def shard_tables(
    params: Mapping[str, jax.Array],
    mesh: Mesh,
    axis: str = "data",
    names: Sequence[str] | None = None,
) -> dict[str, jax.Array]:
    """Split the vocabulary axis (axis 0) of the tables ``names`` (default: all) over ``axis``.

    Rows are padded with zeros to a multiple of the axis size; word ids never point at them.

    >>> tables = shard_tables({"n": jnp.ones((3, 2))}, data_mesh())
    >>> tables["n"].shape[0] % len(jax.devices()) == 0
    True
    """
    size = mesh.shape[axis]
    out = {}
    for name, table in params.items():
        if names is not None and name not in names:
            out[name] = jax.device_put(table, NamedSharding(mesh, P()))
            continue
        rows = -(-table.shape[0] // size) * size
        padded = jnp.pad(table, [(0, rows - table.shape[0])] + [(0, 0)] * (table.ndim - 1))
        spec = P(axis, *([None] * (table.ndim - 1)))
        out[name] = jax.device_put(padded, NamedSharding(mesh, spec))
    return out
