"""The compiler: diagrams to networks, networks to jitted contraction programs, by shape.

>>> from discojax.grammar import parse
>>> from discojax.semantics import TensorAnsatz
>>> program = lower(network_from_parse(parse("man runs")), TensorAnsatz({"n": 2, "s": 2}))
>>> program.equation
'za,zab->zb'
"""

from discojax.compile._batch import Batch as Batch
from discojax.compile._batch import Bucket as Bucket
from discojax.compile._batch import evaluate as evaluate
from discojax.compile._batch import padded_size as padded_size
from discojax.compile._batch import prepare as prepare
from discojax.compile._corpus import ParsedCorpus as ParsedCorpus
from discojax.compile._network import Network as Network
from discojax.compile._network import network_from_diagram as network_from_diagram
from discojax.compile._network import network_from_parse as network_from_parse
from discojax.compile._program import Operand as Operand
from discojax.compile._program import Program as Program
from discojax.compile._program import compilations as compilations
from discojax.compile._program import contract as contract
from discojax.compile._program import contract_operands as contract_operands
from discojax.compile._program import lower as lower
from discojax.compile._vocabulary import UNK as UNK
from discojax.compile._vocabulary import Vocabulary as Vocabulary
