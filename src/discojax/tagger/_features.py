"""What the supertagger sees of a word: its form, suffixes, shape and the grammar's candidates.

Each word becomes five integers and one mask:

- its lower-cased form, if training saw it at least twice (else the unknown id, 1);
- its last two and last three letters (so that *-ing*, *-ed*, *-ly* words unseen in training
  still get a distribution);
- its shape: lower case, capitalised (first word or not), all capitals, with a digit, with a
  hyphen, other;
- the word classes the lexicon offers it (``Lexicon.entries`` with guessing on), as a mask:
  the tagger's softmax ranges over these only, and the mask is also an input feature.

Id 0 pads every table.

>>> from discojax.grammar import load_lexicon
>>> english = load_lexicon("english")
>>> vocabulary = Vocabulary.build([["Dogs", "chase", "cats"]] * 2, english, least=2)
>>> vocabulary.words[:4]
('<pad>', '<unknown>', 'cats', 'chase')
>>> encoded = vocabulary.encode(["Dogs", "chase", "zebras"], english)
>>> encoded.words.tolist(), encoded.shapes.tolist()
([4, 3, 1], [2, 1, 1])
>>> [vocabulary.classes[c] for c in encoded.candidates[1].nonzero()[0]][:2]
['noun', 'intransitive_verb']
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property

import numpy as np

from discojax.grammar import Lexicon

PAD, UNKNOWN = 0, 1
SHAPES = ("<pad>", "lower", "first capital", "capital", "all capitals", "digit", "hyphen", "other")


def shape(word: str, position: int) -> int:
    """The shape id of ``word`` at ``position`` (see :data:`SHAPES`).

    >>> [SHAPES[shape(w, i)] for i, w in enumerate(["The", "USA", "pre-war", "Smith", "2nd"])]
    ['first capital', 'all capitals', 'hyphen', 'capital', 'digit']
    """
    if any(c.isdigit() for c in word):
        return SHAPES.index("digit")
    if "-" in word:
        return SHAPES.index("hyphen")
    if word.isupper() and len(word) > 1:
        return SHAPES.index("all capitals")
    if word[:1].isupper():
        return SHAPES.index("first capital" if position == 0 else "capital")
    if word.islower():
        return SHAPES.index("lower")
    return SHAPES.index("other")


@dataclass(frozen=True)
class Encoded:
    """One sentence as the tagger's inputs (arrays of one row per word)."""

    words: np.ndarray
    suffix2: np.ndarray
    suffix3: np.ndarray
    shapes: np.ndarray
    candidates: np.ndarray  # (words, classes) bool


@dataclass(frozen=True)
class Vocabulary:
    """The tables that turn words into ids, and the supertags (word classes) in order."""

    words: tuple[str, ...]
    suffix2: tuple[str, ...]
    suffix3: tuple[str, ...]
    classes: tuple[str, ...]

    @classmethod
    def build(
        cls, sentences: Iterable[Sequence[str]], lexicon: Lexicon, least: int = 2
    ) -> Vocabulary:
        """Tables of the forms and suffixes seen at least ``least`` times, sorted, and every
        class of ``lexicon``."""
        forms: Counter[str] = Counter()
        for words in sentences:
            forms.update(w.lower() for w in words)
        suffix2: Counter[str] = Counter()
        suffix3: Counter[str] = Counter()
        for form, count in forms.items():
            suffix2[form[-2:]] += count
            suffix3[form[-3:]] += count
        head = ("<pad>", "<unknown>")

        def table(counts: Counter[str]) -> tuple[str, ...]:
            return head + tuple(sorted(w for w, c in counts.items() if c >= least))

        classes = tuple(c.name for c in lexicon.classes)
        return cls(table(forms), table(suffix2), table(suffix3), classes)

    @cached_property
    def _ids(self) -> tuple[dict[str, int], dict[str, int], dict[str, int], dict[str, int]]:
        """Each table's index (built once per vocabulary)."""
        return tuple(  # type: ignore[return-value]
            {w: i for i, w in enumerate(t)}
            for t in (self.words, self.suffix2, self.suffix3, self.classes)
        )

    def encode(self, words: Sequence[str], lexicon: Lexicon) -> Encoded:
        """``words`` (as written) as arrays; the candidates from ``lexicon`` with guessing on."""
        word_ids, two, three, classes = self._ids
        lower = [w.lower() for w in words]
        candidates = np.zeros((len(words), len(self.classes)), dtype=bool)
        for i, (word, form) in enumerate(zip(words, lower, strict=True)):
            capital = i > 0 and word[:1].isupper()
            for entry in lexicon.entries(form, i, "guess", capital):
                if entry.word_class in classes:
                    candidates[i, classes[entry.word_class]] = True
        return Encoded(
            np.array([word_ids.get(w, UNKNOWN) for w in lower], dtype=np.int32),
            np.array([two.get(w[-2:], UNKNOWN) for w in lower], dtype=np.int32),
            np.array([three.get(w[-3:], UNKNOWN) for w in lower], dtype=np.int32),
            np.array([shape(w, i) for i, w in enumerate(words)], dtype=np.int32),
            candidates,
        )

    def to_json(self) -> str:
        """The tables as JSON (kept in the weights file's metadata).

        >>> v = Vocabulary(("<pad>", "<unknown>"), (), (), ("noun",))
        >>> Vocabulary.from_json(v.to_json()) == v
        True
        """
        return json.dumps(
            {
                "words": self.words,
                "suffix2": self.suffix2,
                "suffix3": self.suffix3,
                "classes": self.classes,
            }
        )

    @classmethod
    def from_json(cls, text: str) -> Vocabulary:
        """The tables from :meth:`to_json`'s text (a ``KeyError`` or ``ValueError`` when
        malformed; the weights loader names the file)."""
        data = json.loads(text)
        return cls(*(tuple(data[k]) for k in ("words", "suffix2", "suffix3", "classes")))
