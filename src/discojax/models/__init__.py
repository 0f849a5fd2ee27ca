"""Models: a semantics, a vocabulary and a parser, with pure ``init``, ``prepare`` and ``apply``.

One protocol (:class:`Model`) serves the training loop, the experiments and saving; tensor,
circuit and corpus models are all :class:`SentenceModel` s of their semantics; tensor and
circuit models come back from :func:`load_model` in one call.

>>> import jax
>>> from discojax.semantics import TensorAnsatz
>>> model = TensorModel.from_data(["Alice runs"], TensorAnsatz({"n": 2, "s": 2}))
>>> model.apply(model.init(jax.random.key(0)), model.prepare(["Alice runs"])).shape
(1, 2)
"""

from discojax.models._corpus import CorpusModel as CorpusModel
from discojax.models._model import Model as Model
from discojax.models._model import SentenceModel as SentenceModel
from discojax.models._model import contract as contract
from discojax.models._quantum import QuantumModel as QuantumModel
from discojax.models._saving import load_model as load_model
from discojax.models._saving import model_metadata as model_metadata
from discojax.models._saving import save_model as save_model
from discojax.models._sentences import Sentence as Sentence
from discojax.models._sentences import to_network as to_network
from discojax.models._tensor import TensorModel as TensorModel
