"""A trained supertagger for the bundled English grammar, shipped in the package.

Hand-set costs pick the wrong parse of many real sentences. A *supertagger* scores each word's
word class (its pregroup type) in context, and the chart prefers likely ones
(:class:`discojax.grammar.Parser` with ``scoring="tagger"``, the default for the bundled
grammar). Gold supertags come from the Universal Dependencies English Web Treebank: each
sentence's best-agreeing parse (:func:`gold_supertags`); the network
(:mod:`discojax.tagger._model`) is trained on them (:func:`train_tagger`, or
``discojax train-tagger``) and its weights ship as ``grammars/english_tagger.safetensors``.

>>> from discojax.grammar import parse
>>> parse("She books a flight").word_classes
('pronoun', 'transitive_verb', 'determiner', 'noun')
"""

from discojax.tagger._features import Vocabulary as Vocabulary
from discojax.tagger._gold import GoldSupertags as GoldSupertags
from discojax.tagger._gold import content_words as content_words
from discojax.tagger._gold import conversion_report as conversion_report
from discojax.tagger._gold import gold_supertags as gold_supertags
from discojax.tagger._model import Settings as Settings
from discojax.tagger._tagger import Supertagger as Supertagger
from discojax.tagger._tagger import bundled_tagger as bundled_tagger
from discojax.tagger._train import train_tagger as train_tagger
from discojax.tagger._weights import Weights as Weights
from discojax.tagger._weights import load_weights as load_weights
from discojax.tagger._weights import save_weights as save_weights
