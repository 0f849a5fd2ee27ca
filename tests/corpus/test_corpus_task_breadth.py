"""Similarity tasks beyond ML2008/GS2011: GS2012 structure, sentence pairs, skipping."""

from __future__ import annotations

import numpy as np
import pytest

from discojax.corpus import Multiplicative, SimilarityTask, Skipped, WordVectors, meanings
from discojax.corpus._sentences import lemmatised_parse
from discojax.data import read_gs2012, read_pairs
from discojax.errors import UnknownWordError
from discojax.semantics.corpus._verbs import Triple

GS2012 = [
    "1 1 statistical table show express good result 6",
    "2 1 native speaker say state few word 3",
]
ENGLISH = {
    "statistical table show good result": "The statistical table shows the good result.",
    "statistical table express good result": "The statistical table expresses the good result.",
    "native speaker say few word": "The native speaker says the few words.",
    "native speaker state few word": "The native speaker states the few words.",
}


def test_gs2012_triples_are_read_from_the_parse_not_the_word_positions():
    task = SimilarityTask.from_sentences(read_gs2012(GS2012), ENGLISH)
    assert task.triples()[:2] == (
        Triple("table", "show", "result"),
        Triple("table", "express", "result"),
    )


def test_a_quantifier_the_lemmas_list_is_composed_not_dropped():
    words = ["native", "speaker", "say", "few", "word"]
    rng = np.random.default_rng(0)
    vectors = WordVectors.from_array(rng.uniform(0.5, 2.0, size=(5, 3)), words)
    parse = lemmatised_parse("The native speaker says the few words.", " ".join(words))
    got = meanings(Multiplicative(vectors), [parse])[0]
    np.testing.assert_allclose(got, np.prod([vectors[w] for w in words], axis=0), rtol=1e-12)


def test_skip_reports_each_unparseable_sentence_and_drops_its_items():
    lines = [*GS2012, "3 1 big dog zzzz bite red cat 5"]
    english = {
        **ENGLISH,
        "big dog zzzz red cat": "The big dog zzzzs the red cat.",
        "big dog bite red cat": "The big dog bites the red cat.",
    }
    with pytest.raises(UnknownWordError, match=r"item of line 3: unknown word .zzzzs."):
        SimilarityTask.from_sentences(read_gs2012(lines), english)
    task = SimilarityTask.from_sentences(read_gs2012(lines), english, skip=True)
    assert len(task.judgements) == 2
    assert [s.sentence for s in task.skipped] == ["big dog zzzz red cat"]
    assert isinstance(task.skipped[0], Skipped) and "zzzzs" in task.skipped[0].reason
    assert "big dog bite red cat" not in task.parses


def test_pairs_are_parsed_and_looked_up_by_lower_case_lemma():
    data = read_pairs(["Alice loves Bob.\tBob hates Alice.\t2", "Dogs bark.\tA dog barks.\t7"])
    task = SimilarityTask.from_pairs(data)
    assert task.words() == ("alice", "bark", "bob", "dog", "hate", "love")
    vectors = WordVectors.from_array(np.eye(6) + 1.0, list(task.words()))
    similarities = task.similarities(Multiplicative(vectors))
    assert similarities[1] == pytest.approx(1.0)  # the same lemmas: the same meaning
