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

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Literal

import numpy as np

from discojax.corpus._sentences import (
    FUNCTION_CLASSES,
    adjective_svo,
    lemma_parse,
    lemmatised_parse,
)
from discojax.corpus._similarity import Evaluation, cosines, evaluate
from discojax.data._judgements import (
    Item,
    Judgements,
    SentencePair,
    read_gs2011,
    read_ml2008,
    read_sentences,
)
from discojax.data._pairs import read_gs2012
from discojax.errors import DataError, DiscojaxError
from discojax.grammar import Lexicon, Parse, default_parser
from discojax.grammar._dependencies import dependency_heads
from discojax.semantics.corpus._constructions import INTRANSITIVE, NOUNS, TRANSITIVE
from discojax.semantics.corpus._functor import CorpusFunctor, meanings
from discojax.semantics.corpus._verbs import Triple


@dataclass(frozen=True)
class Skipped:
    """A data-set sentence left out of a task run with ``skip=True``, and why.

    >>> Skipped("eye stray", "unknown word 'stray' at position 2").reason
    "unknown word 'stray' at position 2"
    """

    sentence: str
    reason: str


@dataclass(frozen=True, eq=False)
class SimilarityTask:
    """Items to score, each with its two parsed sentences.

    Attributes:
        judgements: the human scores (of the items kept: see ``skipped``).
        parses: each distinct data-set sentence (``"family provide home"``) to its lemmatised
            parse (see :func:`~discojax.corpus.lemmatised_parse`).
        skipped: the sentences that did not parse (with ``skip=True``), each with the error;
            every judgement of an item with a skipped sentence is left out.
    """

    judgements: Judgements
    parses: Mapping[str, Parse]
    skipped: tuple[Skipped, ...] = ()

    @classmethod
    def from_sentences(
        cls,
        judgements: Judgements,
        sentences: Mapping[str, str],
        lexicon: Lexicon | None = None,
        source: str | None = None,
        skip: bool = False,
        accept: Callable[[Parse], bool] | None = None,
    ) -> SimilarityTask:
        """Parse each item's two sentences, given as English by ``sentences``.

        Args:
            judgements: the data set.
            sentences: each data-set sentence (lemmas) to its English.
            lexicon: the grammar (the bundled English by default).
            source: where ``sentences`` came from, for errors.
            skip: leave out the items whose sentences do not parse (listed in ``skipped``)
                instead of stopping at the first.
            accept: the structure a parse must have (see
                :func:`~discojax.corpus.lemmatised_parse`).

        Raises:
            DataError: an item's sentence has no English sentence in ``sentences``, or (without
                ``skip``) does not parse to its lemmas.

        >>> from discojax.data import read_ml2008
        >>> SimilarityTask.from_sentences(read_ml2008(["a stray eye roam 7 high"]), {})
        Traceback (most recent call last):
        ...
        discojax.errors.DataError: item of line 1: no English sentence for 'eye stray'
        >>> task = SimilarityTask.from_sentences(read_ml2008(["a stray eye roam 7 high",
        ...     "a stray eye digress 2 low"]), {"eye stray": "The eye strays.",
        ...     "eye roam": "The eye roams.", "eye digress": "The eye zzzs."}, skip=True)
        >>> len(task.judgements), task.skipped[0].reason
        (1, "unknown word 'zzzs' at position 2; nearest lexicon entries: 'zizzes'")
        """

        def parse_one(original: str) -> Parse:
            if original not in sentences:
                raise DataError(f"no English sentence for {original!r}", source)
            return lemmatised_parse(sentences[original], original, lexicon, source, accept)

        return cls._parsed(judgements, parse_one, skip)

    @classmethod
    def from_pairs(
        cls, judgements: Judgements, lexicon: Lexicon | None = None, skip: bool = False
    ) -> SimilarityTask:
        """A task whose items are English sentence pairs (:func:`~discojax.data.read_pairs`).

        Each sentence is parsed with the grammar and its content words are relabelled with
        their lemmas, lower-cased (``Dogs`` is looked up as ``dog``).

        >>> from discojax.data import read_pairs
        >>> task = SimilarityTask.from_pairs(read_pairs(["Dogs bark.\\tA cat meows.\\t2"]))
        >>> task.words()
        ('bark', 'cat', 'dog', 'meow')
        """

        def parse_one(text: str) -> Parse:
            return lemma_parse(text, lexicon)

        return cls._parsed(judgements, parse_one, skip)

    @classmethod
    def _parsed(
        cls, judgements: Judgements, parse_one: Callable[[str], Parse], skip: bool
    ) -> SimilarityTask:
        parses: dict[str, Parse] = {}
        failed: dict[str, str] = {}
        for judgement in judgements.judgements:
            for original in (judgement.item.sentence, judgement.item.landmark_sentence):
                if original in parses or original in failed:
                    continue
                try:
                    parses[original] = parse_one(original)
                except DiscojaxError as error:
                    if not skip:
                        error.add_context(f"item of line {judgement.line}: ")
                        raise
                    failed[original] = str(error)
        if not failed:
            return cls(judgements, parses)
        kept = tuple(
            j
            for j in judgements.judgements
            if j.item.sentence not in failed and j.item.landmark_sentence not in failed
        )
        if not kept:
            raise DataError(f"no item left: all {len(failed)} sentence(s) failed to parse")
        used = {s for j in kept for s in (j.item.sentence, j.item.landmark_sentence)}
        return cls(
            replace(judgements, judgements=kept),
            {original: p for original, p in parses.items() if original in used},
            tuple(Skipped(sentence, reason) for sentence, reason in failed.items()),
        )

    @classmethod
    def from_files(
        cls,
        judgements: str | Path,
        sentences: str | Path,
        kind: Literal["ml2008", "gs2011", "gs2012"],
        lexicon: Lexicon | None = None,
        skip: bool = False,
    ) -> SimilarityTask:
        """Read ML2008, GS2011 or GS2012 judgements and their ``original,completed`` CSV.

        >>> SimilarityTask.from_files("no/such.txt", "no/such.csv", "ml2008")
        Traceback (most recent call last):
        ...
        discojax.errors.DataError: no/such.txt: no such data file
        """
        readers = {"ml2008": read_ml2008, "gs2011": read_gs2011, "gs2012": read_gs2012}
        if kind not in readers:
            raise ValueError(f"kind must be one of {', '.join(readers)}, not {kind!r}")
        data = readers[kind](judgements)
        accept = adjective_svo if kind == "gs2012" else None
        english = read_sentences(sentences)
        return cls.from_sentences(data, english, lexicon, str(sentences), skip, accept)

    @property
    def items(self) -> tuple[Item | SentencePair, ...]:
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

        Read from each parse's dependency arcs: every verb with the nouns it governs, the one
        before it its subject, the one after it its object (so adjectives, as in GS2012's
        "statistical table show good result", are no arguments). This is the default corpus
        of the Relational models: no other is at hand. Note what it implies for GS2011,
        whose landmark verbs occur with exactly the arguments of their target verbs: the two
        relational matrices are then equal (see docs/corpus.md).

        >>> from discojax.data import read_ml2008
        >>> SimilarityTask.from_sentences(read_ml2008(["a stray eye roam 7 high"]),
        ...     {"eye stray": "The eye strays.", "eye roam": "The eye roams."}).triples()
        (Triple(subject='eye', verb='stray', object=None, count=1.0), Triple(subject='eye', verb='roam', object=None, count=1.0))
        """
        lexicon = default_parser().lexicon
        triples = []
        for p in self.parses.values():
            heads = dependency_heads(p, lexicon)
            for v, entry in enumerate(p.entries):
                if entry.word_class not in INTRANSITIVE | TRANSITIVE:
                    continue
                nouns = [
                    i for i, e in enumerate(p.entries) if heads[i] == v and e.word_class in NOUNS
                ]
                subjects = [p.entries[i].word for i in nouns if i < v]
                objects = [p.entries[i].word for i in nouns if i > v]
                if subjects:
                    triples.append(
                        Triple(subjects[-1], entry.word, objects[0] if objects else None)
                    )
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
