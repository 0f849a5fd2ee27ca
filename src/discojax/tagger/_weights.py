"""The supertagger's weights file: one safetensors file, arrays and their tables, checked.

The arrays are the network's parameters (:func:`~discojax.tagger._model.init_params`'s names);
the metadata, under one key (the format tag), holds the vocabulary (:class:`~discojax.tagger.Vocabulary`, JSON), the
settings and how the weights were made. Loading checks every piece against the others, and
against the grammar the tagger is used with, and raises :class:`~discojax.errors.WeightsError`
naming the file and what differs; nothing is unpickled.

>>> import tempfile, numpy as np
>>> from pathlib import Path
>>> from discojax.tagger._features import Vocabulary
>>> from discojax.tagger._model import Settings, Sizes, init_params
>>> vocabulary = Vocabulary(("<pad>", "<unknown>", "dogs"), ("<pad>", "<unknown>"),
...                         ("<pad>", "<unknown>"), ("noun", "intransitive_verb"))
>>> settings = Settings(width=8, heads=2, layers=1, hidden=16)
>>> params = init_params(sizes_of(vocabulary), settings, seed=0)
>>> path = Path(tempfile.mkdtemp()) / "tagger.safetensors"
>>> save_weights(path, params, vocabulary, settings, {"seed": "0"})
>>> loaded = load_weights(path)
>>> loaded.vocabulary == vocabulary, np.array_equal(loaded.params["out.bias"], params["out.bias"])
(True, True)
>>> _ = path.write_bytes(path.read_bytes()[:100])
>>> load_weights(path)
Traceback (most recent call last):
...
discojax.errors.WeightsError: ...tagger.safetensors: not a readable safetensors file (...)
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from discojax.errors import WeightsError
from discojax.tagger._features import SHAPES, Vocabulary
from discojax.tagger._model import Settings, Sizes, init_params

FORMAT = "discojax-supertagger-1"


def sizes_of(vocabulary: Vocabulary) -> Sizes:
    """The table sizes a vocabulary needs."""
    return Sizes(
        len(vocabulary.words),
        len(vocabulary.suffix2),
        len(vocabulary.suffix3),
        len(SHAPES),
        len(vocabulary.classes),
    )


@dataclass(frozen=True)
class Weights:
    """A loaded weights file: parameters, vocabulary, settings and its provenance."""

    params: dict[str, np.ndarray]
    vocabulary: Vocabulary
    settings: Settings
    provenance: dict[str, str]


def save_weights(
    path: str | Path,
    params: Mapping[str, np.ndarray],
    vocabulary: Vocabulary,
    settings: Settings,
    provenance: Mapping[str, str],
) -> None:
    """Write the weights to ``path`` atomically (a killed write leaves the old file)."""
    from safetensors.numpy import save

    from discojax._atomic import write_atomically

    tables = {
        "vocabulary": json.loads(vocabulary.to_json()),
        "settings": settings.to_dict(),
        "provenance": dict(provenance),
    }
    # one key: safetensors orders several metadata keys by a hash map, differently each run
    metadata = {FORMAT: json.dumps(tables, sort_keys=True)}
    arrays = {name: np.ascontiguousarray(params[name], dtype=np.float32) for name in sorted(params)}
    write_atomically(path, save(arrays, metadata=metadata))


def load_weights(path: str | Path) -> Weights:
    """Read and check a weights file.

    Raises:
        WeightsError: the file is missing, not safetensors, not a supertagger's, or its arrays
            do not have the shapes its vocabulary and settings give.
    """
    from safetensors import SafetensorError, safe_open

    where = str(path)
    try:
        with safe_open(where, framework="numpy") as handle:
            metadata = handle.metadata() or {}
            params = {name: handle.get_tensor(name) for name in handle.keys()}
    except FileNotFoundError:
        raise WeightsError("no such weights file", where) from None
    except (SafetensorError, OSError, ValueError) as err:
        raise WeightsError(f"not a readable safetensors file ({err})", where) from None
    if FORMAT not in metadata:
        raise WeightsError(
            f"not a discojax supertagger's weights (no {FORMAT!r} metadata; it has "
            f"{sorted(metadata) or 'none'})",
            where,
        )
    try:
        tables = json.loads(metadata[FORMAT])
        vocabulary = Vocabulary.from_json(json.dumps(tables["vocabulary"]))
        settings = Settings(**{"arc_width": 0} | tables["settings"])  # older: no head scorer
        provenance = {str(k): str(v) for k, v in tables.get("provenance", {}).items()}
    except (KeyError, TypeError, ValueError, AttributeError) as err:
        raise WeightsError(f"malformed metadata ({err!r})", where) from None
    expected = init_params(sizes_of(vocabulary), settings, seed=0)
    for name in sorted(set(expected) | set(params)):
        if name not in params:
            raise WeightsError(f"array {name!r} is missing", where)
        if name not in expected:
            raise WeightsError(f"array {name!r} is not one of the network's", where)
        if params[name].shape != expected[name].shape:
            raise WeightsError(
                f"array {name!r} has shape {params[name].shape}, expected "
                f"{expected[name].shape} from the vocabulary and settings",
                where,
            )
        if not np.all(np.isfinite(params[name])):
            raise WeightsError(f"array {name!r} holds NaN or infinite values", where)
    return Weights(params, vocabulary, settings, provenance)
