"""Models: a semantics, a vocabulary and a parser, with pure ``init``, ``prepare`` and ``apply``.

>>> import jax
>>> from discojax.semantics import TensorAnsatz
>>> model = TensorModel.from_data(["Alice runs"], TensorAnsatz({"n": 2, "s": 2}))
>>> model.apply(model.init(jax.random.key(0)), model.prepare(["Alice runs"])).shape
(1, 2)
"""

from discojax.models._quantum import QuantumModel as QuantumModel
from discojax.models._tensor import TensorModel as TensorModel
from discojax.models._tensor import to_network as to_network
