"""Data sets: readers that take a path and say file:line on a malformed line.

>>> read_sentences(["original,completed", "thought stray,The thought strays."])
{'thought stray': 'The thought strays.'}
"""

from discojax.data._conllu import TreebankSentence as TreebankSentence
from discojax.data._conllu import TreebankToken as TreebankToken
from discojax.data._conllu import iter_conllu as iter_conllu
from discojax.data._conllu import parse_conllu as parse_conllu
from discojax.data._conllu import read_conllu as read_conllu
from discojax.data._datasets import DATASETS as DATASETS
from discojax.data._datasets import download as download
from discojax.data._datasets import locate as locate
from discojax.data._judgements import Item as Item
from discojax.data._judgements import Judgement as Judgement
from discojax.data._judgements import Judgements as Judgements
from discojax.data._judgements import SentencePair as SentencePair
from discojax.data._judgements import read_gs2011 as read_gs2011
from discojax.data._judgements import read_ml2008 as read_ml2008
from discojax.data._judgements import read_sentences as read_sentences
from discojax.data._labelled import LabelledData as LabelledData
from discojax.data._labelled import parse_labelled as parse_labelled
from discojax.data._labelled import read_labelled as read_labelled
from discojax.data._pairs import read_gs2012 as read_gs2012
from discojax.data._pairs import read_pairs as read_pairs
from discojax.data._phrases import RelpronProperty as RelpronProperty
from discojax.data._phrases import parse_relpron as parse_relpron
from discojax.data._phrases import read_gs2012_sentences as read_gs2012_sentences
from discojax.data._phrases import read_relpron as read_relpron
from discojax.data._text_corpus import TextCorpus as TextCorpus
from discojax.data._text_corpus import tokenize as tokenize
