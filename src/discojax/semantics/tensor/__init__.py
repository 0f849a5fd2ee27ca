"""Tensor semantics: each basic type to a dimension, each word to one or more dense tensors.

>>> from discojax.grammar import parse_type
>>> TensorAnsatz({"n": 2, "s": 3}).shape(parse_type("n.r s"))
(2, 3)
"""

from discojax.semantics.tensor._ansatz import Factoring as Factoring
from discojax.semantics.tensor._ansatz import MPSAnsatz as MPSAnsatz
from discojax.semantics.tensor._ansatz import SpiderAnsatz as SpiderAnsatz
from discojax.semantics.tensor._ansatz import TensorAnsatz as TensorAnsatz
