"""Checkpoints that lose nothing: one safetensors file, arrays and metadata, replaced atomically.

A checkpoint is one file, ``checkpoint.safetensors``: every array of the named PyTrees
(parameters, optimiser state, best parameters so far) and, in its header, the JSON metadata
(grammar, semantics, vocabulary, epoch, seed, history, configuration) with a SHA-256 of both.
It is written to a temporary file, flushed to disk and renamed into place, so a process killed
at any moment leaves either the previous epoch's checkpoint or the new one, never a mix of two
(as the two files of earlier versions could); a changed digit anywhere, in the arrays or the
metadata, fails the hash. The temporary file a killed write leaves is removed by the next write
(:mod:`discojax._atomic`, the one atomic writer). No pickle.

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
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import jax
import jax.numpy as jnp
import numpy as np
from safetensors import SafetensorError, safe_open
from safetensors.numpy import load_file, save

from discojax._atomic import write_atomically
from discojax.errors import DataError

ARRAYS = "checkpoint.safetensors"
LEGACY_METADATA = "checkpoint.json"  # the metadata file of checkpoints before one-file ones
_HEADER = "discojax"


def _flatten(name: str, tree: Any) -> dict[str, np.ndarray]:
    leaves = jax.tree_util.tree_flatten_with_path(tree)[0]
    return {name + jax.tree_util.keystr(path): np.asarray(leaf) for path, leaf in leaves}


def _digest(arrays: Mapping[str, np.ndarray], text: str) -> str:
    """SHA-256 of the metadata's text and every array (name, dtype, shape, bytes)."""
    digest = hashlib.sha256(text.encode("utf-8"))
    for name in sorted(arrays):
        array = np.ascontiguousarray(arrays[name])
        digest.update(f"\0{name}\0{array.dtype.str}\0{array.shape}\0".encode())
        digest.update(array.tobytes())
    return digest.hexdigest()


def save_checkpoint(
    folder: str | Path, trees: Mapping[str, Any], metadata: Mapping[str, Any]
) -> None:
    """Write ``trees`` (name → PyTree of arrays) and JSON ``metadata`` as one file, atomically.

    >>> import tempfile, jax.numpy as jnp
    >>> save_checkpoint(tempfile.mkdtemp(), {"p": [jnp.zeros(1)]}, {"note": "ok"})
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    arrays: dict[str, np.ndarray] = {}
    for name, tree in trees.items():
        arrays.update(_flatten(name, tree))
    text = json.dumps(dict(metadata), sort_keys=True)
    header = {_HEADER: text, "sha256": _digest(arrays, text)}
    # written by us, not by safetensors.save_file: that writes through a hidden temporary
    # file of its own (.tmpXXXXXX), which a kill would leave behind unnamed
    write_atomically(folder / ARRAYS, save(arrays, metadata=header))
    (folder / LEGACY_METADATA).unlink(missing_ok=True)  # an older format's half, now stale


def has_checkpoint(folder: str | Path) -> bool:
    """Whether ``folder`` holds a checkpoint.

    >>> has_checkpoint("/no/such/folder")
    False
    """
    return (Path(folder) / ARRAYS).is_file()


def read_checkpoint(folder: str | Path) -> tuple[dict[str, np.ndarray], dict[str, Any]]:
    """Every array of a checkpoint, by name, and its metadata, verified against the checksum.

    >>> import tempfile, jax.numpy as jnp
    >>> folder = tempfile.mkdtemp()
    >>> save_checkpoint(folder, {"params": {"n": jnp.ones(2)}}, {"epoch": 1})
    >>> arrays, meta = read_checkpoint(folder)
    >>> sorted(arrays), meta
    (["params['n']"], {'epoch': 1})
    """
    folder = Path(folder)
    path = folder / ARRAYS
    if not path.is_file():
        if (folder / LEGACY_METADATA).is_file():
            raise DataError("the checkpoint's arrays are missing (deleted?)", str(path))
        raise DataError("no checkpoint here", str(path))
    try:
        with safe_open(str(path), framework="numpy") as stream:
            header = dict(stream.metadata() or {})
        arrays = load_file(str(path))
    except (SafetensorError, OSError, ValueError) as err:
        raise DataError(f"not a readable checkpoint ({err})", str(path)) from None
    if _HEADER not in header:
        return arrays, _legacy_metadata(folder, path)
    text = header[_HEADER]
    if _digest(arrays, text) != header.get("sha256"):
        raise DataError(
            "the checkpoint does not match its checksum (changed or damaged)", str(path)
        )
    return arrays, dict(json.loads(text))


def _legacy_metadata(folder: Path, arrays: Path) -> dict[str, Any]:
    """The metadata of a checkpoint written before one-file checkpoints (two files)."""
    path = folder / LEGACY_METADATA
    if not path.is_file():
        raise DataError("the checkpoint has no metadata", str(arrays))
    try:
        metadata = dict(json.loads(path.read_text(encoding="utf-8")))
    except (json.JSONDecodeError, UnicodeDecodeError) as err:
        raise DataError(f"malformed checkpoint metadata: {err}", str(path)) from None
    if hashlib.sha256(arrays.read_bytes()).hexdigest() != metadata.get("arrays_sha256"):
        raise DataError("arrays do not match their metadata (interrupted write?)", str(arrays))
    return metadata


def read_metadata(folder: str | Path) -> dict[str, Any]:
    """The JSON metadata of a checkpoint (verified against its checksum).

    >>> read_metadata("/no/such/folder")
    Traceback (most recent call last):
    ...
    discojax.errors.DataError: /no/such/folder/checkpoint.safetensors: no checkpoint here
    """
    return read_checkpoint(folder)[1]


def load_checkpoint(
    folder: str | Path, templates: Mapping[str, Any]
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Read the trees named in ``templates`` (shaped like them) and the metadata.

    Raises:
        DataError: a missing, damaged or changed checkpoint, or a template leaf the file lacks
            or shapes differently.
    """
    arrays, metadata = read_checkpoint(folder)
    return shaped_like(arrays, templates, Path(folder) / ARRAYS), metadata


def shaped_like(
    arrays: Mapping[str, np.ndarray], templates: Mapping[str, Any], source: str | Path
) -> dict[str, Any]:
    """The trees named in ``templates``, their leaves read from ``arrays`` (a checkpoint's).

    Raises:
        DataError: a template leaf ``arrays`` lacks or shapes differently (naming ``source``).

    >>> import numpy as np
    >>> shaped_like({"p['n']": np.ones(2)}, {"p": {"n": np.zeros(2)}}, "x")["p"]["n"].tolist()
    [1.0, 1.0]
    """
    trees = {}
    for name, template in templates.items():
        leaves, treedef = jax.tree_util.tree_flatten_with_path(template)
        values = []
        for path, leaf in leaves:
            key = name + jax.tree_util.keystr(path)
            if key not in arrays or arrays[key].shape != np.shape(leaf):
                raise DataError(
                    f"checkpoint lacks array {key} of shape {np.shape(leaf)}", str(source)
                )
            values.append(jnp.asarray(arrays[key], dtype=jnp.asarray(leaf).dtype))
        trees[name] = jax.tree_util.tree_unflatten(treedef, values)
    return trees
