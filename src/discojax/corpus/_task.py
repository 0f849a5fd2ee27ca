"""A similarity task: judgements plus the parsed sentence pair of every item.

>>> from discojax.data import read_ml2008
>>> from discojax.corpus import Multiplicative, WordVectors
>>> data = read_ml2008(["a stray thought roam 7 high", "a stray thought digress 1 low"])
>>> task = SimilarityTask.from_sentences(data, {
...     "thought stray": "The thought strays.", "thought roam": "The thought roams.",
...     "thought digress": "The thought digresses."})
>>> task.words()
('digress', 'roam', 'stray', 'thought')
>>> vectors = WordVectors.from_array([[1.0, 1.0], [1.0, 0.0], [1.0, 0.1], [1.0, 1.0]],
...                                  ["stray", "roam", "digress", "thought"])
>>> task.similarities(Multiplicative(vectors))
array([0.70710678, 0.7739573 ])
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import numpy as np

from discojax.corpus._sentences import FUNCTION_CLASSES, lemmatised_parse
from discojax.corpus._similarity import Evaluation, cosines, evaluate
from discojax.data._judgements import Item, Judgements, read_gs2011, read_ml2008, read_sentences
from discojax.errors import DataError
from discojax.grammar import Lexicon, Parse
from discojax.semantics.corpus._functor import CorpusFunctor, meanings
from discojax.semantics.corpus._verbs import Triple


@dataclass(frozen=True, eq=False)
class SimilarityTask:
    """Items to score, each with its two parsed sentences.

    Attributes:
        judgements: the human scores.
        parses: each distinct data-set sentence (``"family provide home"``) to its lemmatised
            parse (see :func:`~discojax.corpus.lemmatised_parse`).
    """

    judgements: Judgements
    parses: Mapping[str, Parse]

    @classmethod
    def from_sentences(
        cls,
        judgements: Judgements,
        sentences: Mapping[str, str],
        lexicon: Lexicon | None = None,
        source: str | None = None,
    ) -> SimilarityTask:
        """Parse each item's two sentences, given as English by ``sentences``.

        Raises:
            DataError: an item's sentence has no English sentence in ``sentences``.

        >>> from discojax.data import read_ml2008
        >>> SimilarityTask.from_sentences(read_ml2008(["a stray eye roam 7 high"]), {})
        Traceback (most recent call last):
        ...
        discojax.errors.DataError: no English sentence for 'eye stray' (item of line 1)
        """
        parses: dict[str, Parse] = {}
        for judgement in judgements.judgements:
            for original in (judgement.item.sentence, judgement.item.landmark_sentence):
                if original in parses:
                    continue
                if original not in sentences:
                    raise DataError(
                        f"no English sentence for {original!r} (item of line {judgement.line})",
                        source,
                    )
                parses[original] = lemmatised_parse(sentences[original], original, lexicon, source)
        return cls(judgements, parses)

    @classmethod
    def from_files(
        cls,
        judgements: str | Path,
        sentences: str | Path,
        kind: Literal["ml2008", "gs2011"],
        lexicon: Lexicon | None = None,
    ) -> SimilarityTask:
        """Read ML2008 or GS2011 judgements and their ``original,completed`` sentences CSV.

        >>> SimilarityTask.from_files("no/such.txt", "no/such.csv", "ml2008")
        Traceback (most recent call last):
        ...
        discojax.errors.DataError: no/such.txt: no such data file
        """
        readers = {"ml2008": read_ml2008, "gs2011": read_gs2011}
        if kind not in readers:
            raise ValueError(f"kind must be 'ml2008' or 'gs2011', not {kind!r}")
        data = readers[kind](judgements)
        return cls.from_sentences(data, read_sentences(sentences), lexicon, str(sentences))

    @property
    def items(self) -> tuple[Item, ...]:
        """The items, in the order of the judgements' first mention.

        >>> from discojax.data import read_ml2008
        >>> t = SimilarityTask.from_sentences(read_ml2008(["a stray eye roam 7 high"]),
        ...     {"eye stray": "The eye strays.", "eye roam": "The eye roams."})
        >>> t.items[0].landmark
        'roam'
        """
        return self.judgements.items()

    def words(self) -> tuple[str, ...]:
        """Every content word (lemma) of the task's sentences, sorted.

        >>> from discojax.data import read_ml2008
        >>> SimilarityTask.from_sentences(read_ml2008(["a stray eye roam 7 high"]),
        ...     {"eye stray": "The eye strays.", "eye roam": "The eye roams."}).words()
        ('eye', 'roam', 'stray')
        """
        return tuple(
            sorted(
                {
                    e.word
                    for p in self.parses.values()
                    for e in p.entries
                    if e.word_class not in FUNCTION_CLASSES
                }
            )
        )

    def triples(self) -> tuple[Triple, ...]:
        """The task's own sentences as (subject, verb, object) observations, each once.

        This is the default corpus of the Relational models: no other is at hand. Note what
        it implies for GS2011, whose landmark verbs occur with exactly the arguments of their
        target verbs: the two relational matrices are then equal (see docs/corpus.md).

        >>> from discojax.data import read_ml2008
        >>> SimilarityTask.from_sentences(read_ml2008(["a stray eye roam 7 high"]),
        ...     {"eye stray": "The eye strays.", "eye roam": "The eye roams."}).triples()
        (Triple(subject='eye', verb='stray', object=None, count=1.0), Triple(subject='eye', verb='roam', object=None, count=1.0))
        """
        triples = []
        for original in self.parses:
            words = original.split()
            triples.append(Triple(words[0], words[1], words[2] if len(words) > 2 else None))
        return tuple(triples)

    def sentence_pairs(self) -> tuple[list[Parse], list[Parse]]:
        """The parses of every item's sentence and of its landmark sentence.

        >>> from discojax.data import read_ml2008
        >>> t = SimilarityTask.from_sentences(read_ml2008(["a stray eye roam 7 high"]),
        ...     {"eye stray": "The eye strays.", "eye roam": "The eye roams."})
        >>> [p.words for p in t.sentence_pairs()[1]]
        [('the', 'eye', 'roam')]
        """
        firsts = [self.parses[item.sentence] for item in self.items]
        seconds = [self.parses[item.landmark_sentence] for item in self.items]
        return firsts, seconds

    def meanings(self, model: CorpusFunctor, xp: Any = np) -> tuple[Any, Any]:
        """The meanings of every item's two sentences, ``(items, …)`` each.

        >>> from discojax.data import read_ml2008
        >>> from discojax.corpus import VerbOnly, WordVectors
        >>> t = SimilarityTask.from_sentences(read_ml2008(["a stray eye roam 7 high"]),
        ...     {"eye stray": "The eye strays.", "eye roam": "The eye roams."})
        >>> v = WordVectors.from_array([[1.0], [2.0], [3.0]], ["eye", "stray", "roam"])
        >>> t.meanings(VerbOnly(v))
        (array([[2.]]), array([[3.]]))
        """
        originals = list(self.parses)
        everything = meanings(model, [self.parses[o] for o in originals], xp)
        row = {o: i for i, o in enumerate(originals)}
        first = np.array([row[item.sentence] for item in self.items], dtype=np.int64)
        second = np.array([row[item.landmark_sentence] for item in self.items], dtype=np.int64)
        return everything[first], everything[second]

    def similarities(self, model: CorpusFunctor) -> np.ndarray:
        """The cosine of every item's two sentence meanings.

        >>> from discojax.data import read_ml2008
        >>> from discojax.corpus import VerbOnly, WordVectors
        >>> t = SimilarityTask.from_sentences(read_ml2008(["a stray eye roam 7 high"]),
        ...     {"eye stray": "The eye strays.", "eye roam": "The eye roams."})
        >>> v = WordVectors.from_array([[1.0], [2.0], [-3.0]], ["eye", "stray", "roam"])
        >>> t.similarities(VerbOnly(v))
        array([-1.])
        """
        first, second = self.meanings(model)
        return cosines(first, second)

    def evaluate(self, model: CorpusFunctor) -> Evaluation:
        """Spearman's rho of the model's similarities, per judgement and per item.

        >>> from discojax.data import read_ml2008
        >>> from discojax.corpus import VerbOnly, WordVectors
        >>> t = SimilarityTask.from_sentences(
        ...     read_ml2008(["a stray eye roam 7 high", "a stray eye digress 2 low"]),
        ...     {"eye stray": "The eye strays.", "eye roam": "The eye roams.",
        ...      "eye digress": "The eye digresses."})
        >>> v = WordVectors.from_array([[1.0, 0.0], [1.0, 1.0], [1.0, 0.9], [-1.0, 1.0]],
        ...                            ["eye", "stray", "roam", "digress"])
        >>> t.evaluate(VerbOnly(v)).per_item
        1.0
        """
        return evaluate(self.similarities(model), self.judgements, model.name)
