"""Corpus semantics: words to fixed vectors, relational words to tensors built from them.

>>> from discojax.grammar import parse
>>> vectors = WordVectors.from_array([[1.0, 2.0], [3.0, 5.0]], ["man", "runs"])
>>> meanings(Multiplicative(vectors), [parse("man runs")])
array([[ 3., 10.]])
"""

from discojax.semantics.corpus._counts import STOP_WORDS as STOP_WORDS
from discojax.semantics.corpus._counts import cooccurrences as cooccurrences
from discojax.semantics.corpus._counts import count_vectors as count_vectors
from discojax.semantics.corpus._counts import ppmi as ppmi
from discojax.semantics.corpus._counts import truncated_svd as truncated_svd
from discojax.semantics.corpus._frobenius import FrobeniusMultiplicative as FrobeniusMultiplicative
from discojax.semantics.corpus._frobenius import FrobeniusOuter as FrobeniusOuter
from discojax.semantics.corpus._functor import CorpusFunctor as CorpusFunctor
from discojax.semantics.corpus._functor import Term as Term
from discojax.semantics.corpus._functor import factor_row as factor_row
from discojax.semantics.corpus._functor import meanings as meanings
from discojax.semantics.corpus._functor import term_networks as term_networks
from discojax.semantics.corpus._models import Additive as Additive
from discojax.semantics.corpus._models import Categorical as Categorical
from discojax.semantics.corpus._models import CopyObject as CopyObject
from discojax.semantics.corpus._models import CopySubject as CopySubject
from discojax.semantics.corpus._models import FrobeniusAdditive as FrobeniusAdditive
from discojax.semantics.corpus._models import Multiplicative as Multiplicative
from discojax.semantics.corpus._models import VerbOnly as VerbOnly
from discojax.semantics.corpus._models import kronecker as kronecker
from discojax.semantics.corpus._models import relational as relational
from discojax.semantics.corpus._npy import load_npy as load_npy
from discojax.semantics.corpus._npy import save_npy as save_npy
from discojax.semantics.corpus._semantics import CorpusSemantics as CorpusSemantics
from discojax.semantics.corpus._vectors import Coverage as Coverage
from discojax.semantics.corpus._vectors import WordVectors as WordVectors
from discojax.semantics.corpus._vectors import load_glove_6b_50d as load_glove_6b_50d
from discojax.semantics.corpus._vectors import load_text as load_text
from discojax.semantics.corpus._verbs import KroneckerVerbs as KroneckerVerbs
from discojax.semantics.corpus._verbs import RelationalVerbs as RelationalVerbs
from discojax.semantics.corpus._verbs import TableVerbs as TableVerbs
from discojax.semantics.corpus._verbs import Triple as Triple
from discojax.semantics.corpus._verbs import VerbSource as VerbSource
from discojax.semantics.corpus._verbs import read_triples as read_triples
