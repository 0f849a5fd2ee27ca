"""discojax: compositional semantics on string diagrams, contracted in batched, jitted JAX.

>>> import jax
>>> import discojax as dj
>>> model = dj.TensorModel.from_data(["Alice loves Bob"], dj.TensorAnsatz({"n": 2, "s": 2}))
>>> model.meaning(model.init(jax.random.key(0)), "Bob loves Alice").shape
(2,)
"""

from discojax._model import TensorModel as TensorModel
from discojax._model import to_network as to_network
from discojax.compile import Batch as Batch
from discojax.compile import Vocabulary as Vocabulary
from discojax.compile import compilations as compilations
from discojax.errors import CompileError as CompileError
from discojax.errors import DataError as DataError
from discojax.errors import DiscojaxError as DiscojaxError
from discojax.errors import GrammarError as GrammarError
from discojax.errors import ParseError as ParseError
from discojax.errors import TrainingError as TrainingError
from discojax.errors import UnknownWordError as UnknownWordError
from discojax.grammar import Lexicon as Lexicon
from discojax.grammar import Parse as Parse
from discojax.grammar import Parser as Parser
from discojax.grammar import load_lexicon as load_lexicon
from discojax.grammar import parse as parse
from discojax.semantics import MPSAnsatz as MPSAnsatz
from discojax.semantics import SpiderAnsatz as SpiderAnsatz
from discojax.semantics import TensorAnsatz as TensorAnsatz

__version__ = "0.1.0"
