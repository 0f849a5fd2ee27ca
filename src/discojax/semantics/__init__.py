"""Semantics: functors from diagrams to tensors (and, later, circuits).

>>> TensorAnsatz({"n": 2, "s": 2}).dim("s")
2
"""

from discojax.semantics._ansatz import Factoring as Factoring
from discojax.semantics._ansatz import MPSAnsatz as MPSAnsatz
from discojax.semantics._ansatz import SpiderAnsatz as SpiderAnsatz
from discojax.semantics._ansatz import TensorAnsatz as TensorAnsatz
