"""Semantics: functors from diagrams to what the compiler contracts, all through one protocol.

- :mod:`discojax.semantics.tensor`: each basic type to a dimension, each word to dense tensors
  (:class:`TensorAnsatz`, :class:`SpiderAnsatz`, :class:`MPSAnsatz`);
- :mod:`discojax.semantics.circuit`: each basic type to qubits, each word to a parameterised
  circuit (:class:`CircuitAnsatz`: IQP, Sim14, Sim15, strongly entangling; pure or mixed);
- :mod:`discojax.semantics.corpus`: words to fixed vectors, relational words to tensors built
  from them (Add, Multiply, Kronecker, Relational, Copy-Subject/Object, Frobenius);
- :class:`VectorProjection`: any of the above, with some word types' tables a learned map of
  word vectors (so unseen words get a meaning).

>>> TensorAnsatz({"n": 2, "s": 2}).dim("s")
2
>>> isinstance(CircuitAnsatz({"n": 1, "s": 1}), Semantics)
True
"""

from discojax.semantics._projection import VectorProjection as VectorProjection
from discojax.semantics._protocol import Semantics as Semantics
from discojax.semantics._protocol import register_semantics_kind as register_semantics_kind
from discojax.semantics._protocol import semantics_from_json as semantics_from_json
from discojax.semantics.circuit import CircuitAnsatz as CircuitAnsatz
from discojax.semantics.tensor import Factoring as Factoring
from discojax.semantics.tensor import MPSAnsatz as MPSAnsatz
from discojax.semantics.tensor import SpiderAnsatz as SpiderAnsatz
from discojax.semantics.tensor import TensorAnsatz as TensorAnsatz
