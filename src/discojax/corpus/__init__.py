"""Corpus-based DisCoCat: word vectors, composition models as functors, similarity tasks.

The seed papers' experiments (Grefenstette & Sadrzadeh 2011; Grefenstette et al. 2011):
sentences are parsed by the grammar, a *corpus functor* sends each word to a fixed vector or a
tensor built from vectors (verb only, Add, Multiply, Kronecker, Relational, Copy-Subject,
Copy-Object, the Frobenius models), the parse's cups contract them, and the cosine of two
sentence meanings is correlated with human judgements (Spearman's rho). See ``docs/corpus.md``;
the experiments' configurations and tables are :mod:`discojax.experiments`' (``kind =
"similarity"``).

>>> from discojax.grammar import parse
>>> vectors = WordVectors.from_array([[1.0, 0.0], [1.0, 1.0], [0.0, 2.0]],
...                                  ["man", "bites", "dog"])
>>> sentence = parse("the man bites the dog")
>>> meanings(kronecker(vectors), [sentence])[0]  # (s ⊙ v) ⊗ (o ⊙ v)
array([[0., 2.],
       [0., 0.]])
"""

from discojax.corpus._learned import cross_validate as cross_validate
from discojax.corpus._learned import fold_indices as fold_indices
from discojax.corpus._learned import pair_prior as pair_prior
from discojax.corpus._learned import train_verbs as train_verbs
from discojax.corpus._learned import verb_arities as verb_arities
from discojax.corpus._sentences import lemma_parse as lemma_parse
from discojax.corpus._sentences import lemmatised_parse as lemmatised_parse
from discojax.corpus._sentences import merge_phrasal_verbs as merge_phrasal_verbs
from discojax.corpus._sentences import merge_words as merge_words
from discojax.corpus._sentences import relabel as relabel
from discojax.corpus._similarity import Evaluation as Evaluation
from discojax.corpus._similarity import agreement as agreement
from discojax.corpus._similarity import cosine as cosine
from discojax.corpus._similarity import cosines as cosines
from discojax.corpus._similarity import evaluate as evaluate
from discojax.corpus._similarity import inner as inner
from discojax.corpus._similarity import pairwise_agreement as pairwise_agreement
from discojax.corpus._similarity import spearman as spearman
from discojax.corpus._task import SimilarityTask as SimilarityTask
from discojax.corpus._task import Skipped as Skipped
from discojax.semantics.corpus._counts import count_vectors as count_vectors
from discojax.semantics.corpus._frobenius import FrobeniusMultiplicative as FrobeniusMultiplicative
from discojax.semantics.corpus._frobenius import FrobeniusOuter as FrobeniusOuter
from discojax.semantics.corpus._functor import CorpusFunctor as CorpusFunctor
from discojax.semantics.corpus._functor import Term as Term
from discojax.semantics.corpus._functor import meanings as meanings
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
