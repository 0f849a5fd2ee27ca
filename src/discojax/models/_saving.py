"""Saving and loading models: one call each, safetensors and JSON, no pickle.

A saved model is a folder holding one file, ``checkpoint.safetensors``: the parameter tables
and, in its header, what rebuilds the model (its class, semantics, vocabulary, grammar and
target type), checksummed together and written atomically by
:func:`~discojax.train.save_checkpoint`. Experiment runs write the same files for every seed,
so :func:`load_model` also brings back a trained seed (its best parameters).

>>> import jax, tempfile
>>> from discojax import TensorModel, TensorAnsatz
>>> model = TensorModel.from_data(["Alice loves Bob"], TensorAnsatz({"n": 2, "s": 2}))
>>> params = model.init(jax.random.key(0))
>>> folder = tempfile.mkdtemp()
>>> save_model(folder, model, params)
>>> loaded, loaded_params = load_model(folder)
>>> loaded == model, bool((loaded.meaning(loaded_params, "Bob loves Alice")
...                        == model.meaning(params, "Bob loves Alice")).all())
(True, True)
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import jax
import jax.numpy as jnp
import numpy as np

from discojax.compile._vocabulary import Vocabulary
from discojax.errors import DataError
from discojax.grammar import Lexicon, Parser, load_lexicon
from discojax.models._model import SentenceModel
from discojax.models._quantum import QuantumModel
from discojax.models._tensor import TensorModel
from discojax.semantics._protocol import semantics_from_json
from discojax.train._checkpoint import (
    ARRAYS,
    has_checkpoint,
    read_checkpoint,
    save_checkpoint,
    shaped_like,
)

#: The model classes a saved model can name.
MODEL_CLASSES: dict[str, type[SentenceModel]] = {
    cls.__name__: cls for cls in (SentenceModel, TensorModel, QuantumModel)
}


def model_metadata(model: SentenceModel) -> dict[str, Any]:
    """What rebuilds ``model``, JSON-ready (saved under the key ``"model"``).

    >>> from discojax import TensorModel, TensorAnsatz
    >>> meta = model_metadata(TensorModel.from_data(["man runs"], TensorAnsatz({"n": 2, "s": 2})))
    >>> meta["class"], meta["semantics"], meta["grammar"]
    ('TensorModel', {'kind': 'tensor', 'dims': {'n': 2, 's': 2}}, {'name': 'english', 'source': 'english.toml'})
    """
    lexicon = model.parser.lexicon
    return {
        "class": type(model).__name__,
        "semantics": model.ansatz.to_json(),
        "vocabulary": model.vocabulary.to_json(),
        "grammar": {"name": lexicon.name, "source": lexicon.source},
        "target": model.target,
    }


def save_model(
    folder: str | Path,
    model: SentenceModel,
    params: Mapping[str, jax.Array],
    metadata: Mapping[str, Any] | None = None,
) -> None:
    """Save ``model`` and its ``params`` into ``folder`` (created if needed), atomically.

    Args:
        folder: where ``checkpoint.safetensors`` goes.
        model: a tensor or quantum model.
        params: its parameter tables.
        metadata: extra JSON to keep beside the model (a note, the data set...).

    >>> callable(save_model)  # see the module's example, which writes to a temporary folder
    True
    """
    save_checkpoint(
        folder, {"params": dict(params)}, {**(metadata or {}), "model": model_metadata(model)}
    )


def _lexicon(grammar: Mapping[str, Any]) -> Lexicon:
    source = grammar.get("source") or ""
    if Path(source).is_file():
        return load_lexicon(source)
    try:
        return load_lexicon(str(grammar.get("name", "english")))
    except Exception as err:
        raise DataError(
            f"the model's grammar {grammar.get('name')!r} ({source or 'no file'}) cannot be "
            "loaded: pass lexicon= to load_model"
        ) from err


def load_model(
    folder: str | Path, lexicon: Lexicon | None = None, which: str = "params"
) -> tuple[SentenceModel, dict[str, jax.Array]]:
    """The model saved in ``folder`` and its parameters, from one call.

    Args:
        folder: a folder written by :func:`save_model` or by an experiment run (a seed's).
        lexicon: the grammar to parse with (default: the one the model names: a bundled
            grammar by name, or its file if it is still there).
        which: the saved PyTree to return: ``"params"``, or ``"best"`` for a training run's
            best parameters.

    Raises:
        DataError: no saved model in ``folder``, a file whose checksum does not match, or a
            grammar that cannot be found.

    >>> load_model("no/such/folder")
    Traceback (most recent call last):
    ...
    discojax.errors.DataError: no/such/folder: no saved model (checkpoint.safetensors) here
    """
    if not has_checkpoint(folder):
        raise DataError("no saved model (checkpoint.safetensors) here", str(folder))
    arrays, metadata = read_checkpoint(folder)
    if "model" not in metadata:
        raise DataError("the checkpoint does not say which model it holds", str(folder))
    saved = metadata["model"]
    if saved.get("class") not in MODEL_CLASSES:
        raise DataError(f"unknown model class {saved.get('class')!r}", str(folder))
    model = MODEL_CLASSES[saved["class"]](
        semantics_from_json(saved["semantics"]),
        Vocabulary.from_json(saved["vocabulary"]),
        Parser(lexicon if lexicon is not None else _lexicon(saved.get("grammar", {}))),
        str(saved.get("target", "s")),
    )
    template = {}
    for name, shape in model.init_shapes().items():
        saved_array = arrays.get(which + jax.tree_util.keystr((jax.tree_util.DictKey(name),)))
        dtype = saved_array.dtype if saved_array is not None else jnp.float32
        template[name] = np.zeros(shape, dtype)  # a missing table is reported by shaped_like
    return model, shaped_like(arrays, {which: template}, Path(folder) / ARRAYS)[which]
