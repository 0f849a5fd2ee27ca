"""Semantics: functors from diagrams to tensors, circuits and corpus meanings.

>>> TensorAnsatz({"n": 2, "s": 2}).dim("s")
2
"""

from discojax.semantics.circuit import CircuitAnsatz as CircuitAnsatz
from discojax.semantics.tensor import Factoring as Factoring
from discojax.semantics.tensor import MPSAnsatz as MPSAnsatz
from discojax.semantics.tensor import SpiderAnsatz as SpiderAnsatz
from discojax.semantics.tensor import TensorAnsatz as TensorAnsatz
