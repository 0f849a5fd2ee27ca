"""Tensor models: each word's meaning a tensor, a sentence's the contraction of its words'.

>>> import jax
>>> from discojax.semantics import TensorAnsatz
>>> model = TensorModel.from_data(["Alice loves Bob", "Bob runs"], TensorAnsatz({"n": 2, "s": 2}))
>>> params = model.init(jax.random.key(0))
>>> sorted(params)
['n', 'n.r s', 'n.r s n.l']
>>> model.meaning(params, "Bob loves Alice").shape
(2,)
>>> batch = model.prepare(["Alice runs", "Alice loves Alice"])
>>> model.apply(params, batch).shape
(2, 2)
"""

from __future__ import annotations

from dataclasses import dataclass

from discojax.models._model import SentenceModel
from discojax.semantics.tensor._ansatz import TensorAnsatz


@dataclass(frozen=True)
class TensorModel(SentenceModel):
    """A sentence model of a tensor semantics (``TensorAnsatz``, ``SpiderAnsatz``,
    ``MPSAnsatz``): outputs are the contracted meanings (``output_kind = "logits"``).

    ``init(key, dtype, scale=0.01)``: see :meth:`TensorAnsatz.init
    <discojax.semantics.TensorAnsatz.init>`.

    >>> TensorModel.from_data(["man runs"], TensorAnsatz({"n": 2, "s": 3})).table_shapes()
    {'n': (1, 2), 'n.r s': (1, 2, 3)}
    """

    ansatz: TensorAnsatz
