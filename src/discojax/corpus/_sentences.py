"""Data-set sentences as parses whose content words are the data set's lemmas.

The data sets give each sentence twice: as lemmas (``family provide home``) and as English
(``The family provides the home.``). The English is parsed with the bundled grammar, then two
rewrites of the :class:`~discojax.grammar.Parse` prepare it for a corpus functor:

- :func:`merge_words` composes two neighbouring words along the cup between them; a phrasal
  verb (an intransitive verb and a verb preposition, ``runs in`` of ``The road runs in
  parallel.``) becomes one transitive verb: ``n.r s`` then ``s.r s n.l`` is ``n.r s n.l``.
  The preposition's meaning is dropped, as the data set's own triple (``road run parallel``)
  does.
- :func:`relabel` renames the content words (all but determiners) to the lemmas, so word
  vectors are looked up as the data sets' papers did (``provide``, not ``provides``). This
  also mends the typo ``expresss`` of ``GS2011_sentences.csv``: its lemma is ``express``.

>>> p = lemmatised_parse("The road runs in parallel.", "road run parallel")
>>> p.words, p.word_classes
(('the', 'road', 'run', 'parallel'), ('determiner', 'noun', 'transitive_verb', 'noun'))
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from discojax.errors import DataError
from discojax.grammar import Lexicon, Parse, default_parser
from discojax.grammar._classes import LexicalEntry
from discojax.grammar._parser import Parser
from discojax.grammar._types import format_type
from discojax.semantics.corpus._constructions import COPULAS, FUNCTION_WORDS, NEGATIONS

#: Word classes whose words are not the data sets' lemmas: function words, copulas, negation.
FUNCTION_CLASSES = tuple(sorted(FUNCTION_WORDS | COPULAS | NEGATIONS))
#: Determiners that data sets list as content words (``few word``): read as adjectives there.
QUANTIFIERS = frozenset({"few", "many", "several", "enough", "much", "more", "most", "less"})
#: How many of the cheapest parses :func:`lemmatised_parse` tries for one that fits the lemmas.
PARSES_TRIED = 20


def merge_words(p: Parse, i: int, word: str, word_class: str) -> Parse:
    """Compose words ``i`` and ``i + 1`` along the cup joining them into one word.

    Raises:
        ValueError: the last simple type of word ``i`` is not cupped to the first of ``i + 1``.

    >>> from discojax.grammar import parse
    >>> merged = merge_words(parse("Alice runs in Paris"), 1, "runs in", "transitive_verb")
    >>> str(merged)
    'alice:n runs in:n.r·s·n.l paris:n ⟶ s (2 cups)'
    """
    entries = list(p.entries)
    start = sum(len(e.type) for e in entries[:i])
    left, right = start + len(entries[i].type) - 1, start + len(entries[i].type)
    if i + 1 >= len(entries) or (left, right) not in p.cups:
        raise ValueError(f"words {i} and {i + 1} of {p.words} are not joined by a cup")
    joined = LexicalEntry(word, word_class, entries[i].type[:-1] + entries[i + 1].type[1:])
    entries[i : i + 2] = [joined]

    def shift(x: int) -> int:
        return x - 2 if x > right else x

    return Parse(
        entries=tuple(entries),
        cups=tuple((shift(a), shift(b)) for a, b in p.cups if (a, b) != (left, right)),
        outputs=tuple(shift(x) for x in p.outputs),
    )


def merge_phrasal_verbs(p: Parse) -> Parse:
    """Merge each intransitive verb followed by a verb preposition into a transitive verb.

    >>> from discojax.grammar import parse
    >>> merge_phrasal_verbs(parse("the sweat runs down the face")).word_classes
    ('determiner', 'noun', 'transitive_verb', 'determiner', 'noun')
    """
    i = 0
    while i + 1 < len(p.entries):
        first, second = p.entries[i], p.entries[i + 1]
        if (first.word_class, second.word_class) == ("intransitive_verb", "verb_preposition"):
            merged = merge_words(p, i, f"{first.word} {second.word}", "transitive_verb")
            if format_type(merged.entries[i].type) == "n.r s n.l":
                p = merged
        i += 1
    return p


def relabel(p: Parse, words: Sequence[str], skip: Sequence[str] = FUNCTION_CLASSES) -> Parse:
    """Rename the words not of a class in ``skip``, in order, to ``words``.

    Raises:
        ValueError: the number of words does not match.

    >>> from discojax.grammar import parse
    >>> relabel(parse("the man runs"), ["man", "run"]).words
    ('the', 'man', 'run')
    """
    content = [k for k, e in enumerate(p.entries) if e.word_class not in skip]
    if len(content) != len(words):
        raise ValueError(f"{len(words)} words {tuple(words)} for content words of {p.words}")
    entries = list(p.entries)
    for k, word in zip(content, words):
        entries[k] = LexicalEntry(word, entries[k].word_class, entries[k].type)
    return Parse(tuple(entries), p.cups, p.outputs)


def _content(p: Parse) -> tuple[str, ...]:
    return tuple(e.word for e in p.entries if e.word_class not in FUNCTION_CLASSES)


def _quantifiers_as_adjectives(p: Parse, lemmas: Sequence[str]) -> Parse:
    """Read a quantifier determiner that the lemmas list (``few``) as the adjective it is."""
    wanted = set(lemmas)
    entries = tuple(
        replace(e, word_class="adjective")
        if e.word_class == "determiner" and e.word.lower() in QUANTIFIERS & wanted
        else e
        for e in p.entries
    )
    return Parse(entries, p.cups, p.outputs)


def lemmatised_parse(
    completed: str,
    original: str,
    lexicon: Lexicon | None = None,
    source: str | None = None,
    accept: Callable[[Parse], bool] | None = None,
) -> Parse:
    """Parse a data set's English sentence; merge phrasal verbs; relabel it with its lemmas.

    Of the :data:`PARSES_TRIED` cheapest parses, the first whose content words match the
    lemmas in number is taken; a quantifier the lemmas list (``The speaker says the few
    words.``, lemmas ``speaker say few word``) is read as an adjective, so it is composed, not
    dropped. Lemmas are lower-cased, as word vectors are.

    Args:
        completed: the English sentence (``The family provides the home.``).
        original: the lemmas (``family provide home``).
        lexicon: the grammar (the bundled English by default).
        source: where the sentence came from, for the error message.
        accept: a further test of a parse, where the data set fixes its structure (GS2012's
            ``adjective noun verb adjective noun``: :func:`adjective_svo`).

    Raises:
        DataError: the lemmas do not match the content words of any of those parses.
        UnknownWordError, ParseError: the sentence does not parse.

    >>> lemmatised_parse("The family provides the home.", "family provide home").words
    ('the', 'family', 'provide', 'the', 'home')
    >>> lemmatised_parse("The speaker says the few words.", "speaker say few word").word_classes
    ('determiner', 'noun', 'transitive_verb', 'determiner', 'adjective', 'noun')
    >>> lemmatised_parse("The family provides the home.", "family provide")
    Traceback (most recent call last):
    ...
    discojax.errors.DataError: 'family provide' has 2 lemmas; the parse of 'The family provides the home.' has 3 content words ('family', 'provides', 'home')
    """
    parser = default_parser() if lexicon is None else Parser(lexicon)
    lemmas = original.lower().split()
    parses = parser.parse_all(completed, "s", limit=PARSES_TRIED)
    for candidate in parses:
        p = _quantifiers_as_adjectives(merge_phrasal_verbs(candidate), lemmas)
        if len(_content(p)) == len(lemmas) and (accept is None or accept(p)):
            return relabel(p, lemmas, FUNCTION_CLASSES)
    content = _content(merge_phrasal_verbs(parses[0]))
    if accept is not None and len(content) == len(lemmas):
        raise DataError(f"no parse of {completed!r} has the structure its data set gives", source)
    raise DataError(
        f"{original!r} has {len(lemmas)} lemmas; the parse of {completed!r} has "
        f"{len(content)} content words {content}",
        source,
    )


def adjective_svo(p: Parse) -> bool:
    """Whether the content words are ``modifier noun verb modifier noun`` (GS2012's items).

    >>> adjective_svo(lemmatised_parse("The old man reads the new book.", "old man read new book"))
    True
    """
    classes = tuple(e.word_class for e in p.entries if e.word_class not in FUNCTION_CLASSES)
    modifier = {"adjective", "noun_modifier"}
    return (
        len(classes) == 5
        and classes[0] in modifier
        and classes[3] in modifier
        and classes[1] == classes[4] == "noun"
        and classes[2] == "transitive_verb"
    )


def lemma_parse(text: str, lexicon: Lexicon | None = None) -> Parse:
    """Parse English text and relabel its content words with their lemmas, lower-cased.

    >>> lemma_parse("Dogs chased the cats").words
    ('dog', 'chase', 'the', 'cat')
    """
    parser = default_parser() if lexicon is None else Parser(lexicon)
    p = parser.parse(text, "s|q" if "q" in parser.lexicon.basic_types else "s")
    content = [e.lemma.lower() for e in p.entries if e.word_class not in FUNCTION_CLASSES]
    return relabel(p, content, FUNCTION_CLASSES)
