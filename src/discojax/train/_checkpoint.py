"""Checkpoints that lose nothing: arrays in safetensors, everything else in JSON, atomically.

A checkpoint is two files in a folder: ``checkpoint.safetensors`` (every array of the named
PyTrees: parameters, optimiser state, best parameters so far) and ``checkpoint.json`` (the
metadata: grammar, semantics, vocabulary, epoch, seed, history, and the SHA-256 of the arrays
file). Each is written to a temporary file and renamed into place, arrays first; a reader
checks the hash, so a crash between the two renames is detected, never half-read. No pickle.

>>> import jax.numpy as jnp, tempfile
>>> folder = tempfile.mkdtemp()
>>> save_checkpoint(folder, {"params": {"n": jnp.ones((2, 3))}}, {"epoch": 4})
>>> trees, meta = load_checkpoint(folder, {"params": {"n": jnp.zeros((2, 3))}})
>>> meta["epoch"], float(trees["params"]["n"].sum())
(4, 6.0)
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import jax
import jax.numpy as jnp
import numpy as np
from safetensors.numpy import load_file, save_file

from discojax.errors import DataError

ARRAYS = "checkpoint.safetensors"
METADATA = "checkpoint.json"


def _flatten(name: str, tree: Any) -> dict[str, np.ndarray]:
    leaves = jax.tree_util.tree_flatten_with_path(tree)[0]
    return {name + jax.tree_util.keystr(path): np.asarray(leaf) for path, leaf in leaves}


def _atomic_write(path: Path, write: Any) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name + ".", suffix=".tmp")
    os.close(fd)
    try:
        write(tmp)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def save_checkpoint(
    folder: str | Path, trees: Mapping[str, Any], metadata: Mapping[str, Any]
) -> None:
    """Write ``trees`` (name → PyTree of arrays) and JSON ``metadata`` atomically.

    >>> import tempfile, jax.numpy as jnp
    >>> save_checkpoint(tempfile.mkdtemp(), {"p": [jnp.zeros(1)]}, {"note": "ok"})
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    arrays: dict[str, np.ndarray] = {}
    for name, tree in trees.items():
        arrays.update(_flatten(name, tree))
    _atomic_write(folder / ARRAYS, lambda tmp: save_file(arrays, tmp))
    digest = hashlib.sha256((folder / ARRAYS).read_bytes()).hexdigest()
    document = {**metadata, "arrays_sha256": digest}
    text = json.dumps(document, indent=2, sort_keys=True)
    _atomic_write(folder / METADATA, lambda tmp: Path(tmp).write_text(text, encoding="utf-8"))


def has_checkpoint(folder: str | Path) -> bool:
    """Whether ``folder`` holds a checkpoint.

    >>> has_checkpoint("/no/such/folder")
    False
    """
    return (Path(folder) / METADATA).is_file() and (Path(folder) / ARRAYS).is_file()


def read_metadata(folder: str | Path) -> dict[str, Any]:
    """The JSON metadata of a checkpoint.

    >>> read_metadata("/no/such/folder")
    Traceback (most recent call last):
    ...
    discojax.errors.DataError: /no/such/folder/checkpoint.json: no checkpoint here
    """
    path = Path(folder) / METADATA
    if not path.is_file():
        raise DataError("no checkpoint here", str(path))
    try:
        return dict(json.loads(path.read_text(encoding="utf-8")))
    except json.JSONDecodeError as err:
        raise DataError(
            f"malformed checkpoint metadata: {err.msg}", str(path), err.lineno
        ) from None


def load_checkpoint(
    folder: str | Path, templates: Mapping[str, Any]
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Read the trees named in ``templates`` (shaped like them) and the metadata.

    Raises:
        DataError: a missing or mismatched checkpoint: arrays whose hash differs from the
            metadata's, or a template leaf the file lacks or shapes differently.
    """
    folder = Path(folder)
    metadata = read_metadata(folder)
    digest = hashlib.sha256((folder / ARRAYS).read_bytes()).hexdigest()
    if digest != metadata.get("arrays_sha256"):
        raise DataError(
            "arrays do not match their metadata (interrupted write?)", str(folder / ARRAYS)
        )
    arrays = load_file(str(folder / ARRAYS))
    trees = {}
    for name, template in templates.items():
        leaves, treedef = jax.tree_util.tree_flatten_with_path(template)
        values = []
        for path, leaf in leaves:
            key = name + jax.tree_util.keystr(path)
            if key not in arrays or arrays[key].shape != np.shape(leaf):
                raise DataError(
                    f"checkpoint lacks array {key} of shape {np.shape(leaf)}", str(folder / ARRAYS)
                )
            values.append(jnp.asarray(arrays[key], dtype=jnp.asarray(leaf).dtype))
        trees[name] = jax.tree_util.tree_unflatten(treedef, values)
    return trees, metadata
