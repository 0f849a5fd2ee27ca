"""The supertagger: gold supertags from trees, one network in NumPy and JAX, training that
learns and repeats itself, checked weights files, and the parser scoring by it."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import jax.numpy as jnp
import numpy as np
import pytest

from discojax.data import parse_conllu
from discojax.errors import ParseError, UnknownWordError, WeightsError
from discojax.grammar import Parser, dependency_heads, load_lexicon
from discojax.grammar import _parser as parser_module
from discojax.tagger import (
    GoldSupertags,
    Settings,
    Supertagger,
    Weights,
    bundled_tagger,
    conversion_report,
    gold_supertags,
    load_weights,
    save_weights,
    train_tagger,
)
from discojax.tagger._model import NEVER, init_params, logits
from discojax.tagger._tagger import BUNDLED
from discojax.tagger._train import pad
from discojax.tagger._weights import sizes_of

ENGLISH = load_lexicon("english")
TINY = Settings(
    width=16, heads=2, layers=1, hidden=32, epochs=25, patience=25, batch_size=4, arc_width=16
)


def _tree(rows: list[str]):
    [sentence] = parse_conllu(row.replace(" ", "\t") for row in rows)
    return sentence


SAW = _tree(
    [
        "1 the the DET DT _ 3 det _ _",
        "2 old old ADJ JJ _ 3 amod _ _",
        "3 man man NOUN NN _ 4 nsubj _ _",
        "4 saw see VERB VBD _ 0 root _ _",
        "5 a a DET DT _ 6 det _ _",
        "6 dog dog NOUN NN _ 4 obj _ _",
        "7 . . PUNCT . _ 4 punct _ _",
    ]
)


def test_gold_supertags_reduce_and_reproduce_the_gold_arcs() -> None:
    costs = Parser(ENGLISH, unknown_words="guess", scoring="costs")
    gold = gold_supertags(SAW, costs)
    assert gold is not None and gold.complete
    assert gold.classes == (
        "determiner",
        "adjective",
        "noun",
        "transitive_verb",
        "determiner",
        "noun",
    )
    # the classes reduce to a sentence with the parser, and its cups give the gold heads
    parse = costs.parse(list(gold.words))
    assert parse.word_classes == gold.classes
    assert dependency_heads(parse, ENGLISH) == (2, 2, 3, -1, 5, 3)


def test_a_tree_the_grammar_reads_otherwise_names_the_missed_relations() -> None:
    # gold makes the determiner the head of its noun: no parse of the grammar does that
    inverted = _tree(["1 the the DET DT _ 0 root _ _", "2 man man NOUN NN _ 1 det _ _"])
    gold = gold_supertags(inverted, Parser(ENGLISH, unknown_words="guess", scoring="costs"))
    assert gold == GoldSupertags(
        ("the", "man"), ("determiner", "noun"), ("root", "det"), (False, False)
    )
    assert gold.missed == ("root", "det") and not gold.complete
    report = conversion_report([gold, None])
    assert (report["sentences"], report["parsed"], report["complete"]) == (2, 1, 0)
    assert report["agreement"] == 0.0 and report["missed"] == {"root": 1, "det": 1}


def test_numpy_and_jax_give_the_same_scores() -> None:
    vocabulary = bundled_tagger(ENGLISH).weights.vocabulary
    params = init_params(sizes_of(vocabulary), TINY, seed=3)
    encoded = [vocabulary.encode(w, ENGLISH) for w in (["Dogs", "bark"], ["She", "runs", "fast"])]
    batch = pad(encoded, 8)
    with_numpy = logits(params, batch, np, TINY.heads)
    with_jax = np.asarray(logits({k: jnp.asarray(v) for k, v in params.items()}, batch, jnp, 2))
    np.testing.assert_allclose(with_numpy, with_jax, rtol=1e-4, atol=1e-4)
    # classes the lexicon does not offer a word never win
    assert np.all(with_numpy[~batch["candidates"]] == NEVER)


DATA = [
    (("dogs", "chase", "cats"), ("noun", "transitive_verb", "noun"), (1, -1, 1)),
    (("cats", "sleep"), ("noun", "intransitive_verb"), (1, -1)),
    (("she", "books", "flights"), ("pronoun", "transitive_verb", "noun"), (-2, -2, -2)),
] * 6


@pytest.fixture(scope="module")
def trained() -> tuple[Weights, list[dict[str, float]]]:
    """A tiny tagger trained with seed 1 (each training compiles its step: most of its time)."""
    return train_tagger(DATA, DATA[:3], ENGLISH, TINY, seed=1)


def test_training_learns_and_repeats_itself_bit_for_bit(trained) -> None:
    first, history = trained
    again, _ = train_tagger(DATA, DATA[:3], ENGLISH, TINY, seed=1)
    assert history[-1]["dev_accuracy"] == 1.0
    assert all(np.array_equal(first.params[k], again.params[k]) for k in first.params)
    other, _ = train_tagger(DATA, DATA[:3], ENGLISH, TINY, seed=2)
    assert not np.array_equal(first.params["out.weight"], other.params["out.weight"])
    p = Supertagger(first, ENGLISH).probabilities(["cats", "chase", "dogs"])
    assert max(p[1], key=p[1].get) == "transitive_verb"


def test_the_kept_weights_are_the_moving_average_of_the_steps() -> None:
    # one step (every sentence in one batch), one epoch: the average after step 1 is
    # w * initial + (1 - w) * stepped, w = min(averaging, 2 / 11)
    one_step = replace(TINY, epochs=1, batch_size=32)
    stepped, _ = train_tagger(DATA, DATA[:3], ENGLISH, replace(one_step, averaging=0.0), seed=3)
    averaged, _ = train_tagger(DATA, DATA[:3], ENGLISH, replace(one_step, averaging=0.5), seed=3)
    initial = init_params(sizes_of(stepped.vocabulary), one_step, seed=3)
    assert not np.allclose(stepped.params["out.weight"], initial["out.weight"])  # it stepped
    w = 2 / 11
    for name, value in averaged.params.items():
        np.testing.assert_allclose(
            value, w * initial[name] + (1 - w) * stepped.params[name], rtol=1e-5, atol=1e-6
        )


@pytest.fixture(scope="module")
def saved(trained, tmp_path_factory: pytest.TempPathFactory) -> Path:
    weights, _ = trained
    path = tmp_path_factory.mktemp("tagger") / "tagger.safetensors"
    save_weights(path, weights.params, weights.vocabulary, weights.settings, {"seed": "1"})
    return path


def test_weights_round_trip(saved: Path) -> None:
    loaded = load_weights(saved)
    assert loaded.provenance == {"seed": "1"} and loaded.settings == TINY
    assert loaded.vocabulary.classes == tuple(c.name for c in ENGLISH.classes)


def test_corrupted_or_mismatched_weights_are_named_errors(saved: Path, tmp_path: Path) -> None:
    from safetensors.numpy import save

    truncated = tmp_path / "truncated.safetensors"
    truncated.write_bytes(saved.read_bytes()[:200])
    with pytest.raises(WeightsError, match=r"truncated\.safetensors: not a readable"):
        load_weights(truncated)
    with pytest.raises(WeightsError, match="no such weights file"):
        load_weights(tmp_path / "absent.safetensors")
    loaded = load_weights(saved)
    tables = {
        "vocabulary": json.loads(loaded.vocabulary.to_json()),
        "settings": {"width": 16, "heads": 2, "layers": 1, "hidden": 32, "arc_width": 16},
    }
    metadata = {"discojax-supertagger-1": json.dumps(tables)}
    shrunk = dict(loaded.params, **{"out.bias": np.zeros(3, np.float32)})
    mismatched = tmp_path / "mismatched.safetensors"
    mismatched.write_bytes(save(shrunk, metadata=metadata))
    with pytest.raises(WeightsError, match=r"mismatched.safetensors: array 'out.bias' has shape"):
        load_weights(mismatched)
    foreign = tmp_path / "foreign.safetensors"
    foreign.write_bytes(save(dict(loaded.params), metadata={"format": "something-else"}))
    with pytest.raises(WeightsError, match="not a discojax supertagger's weights"):
        load_weights(foreign)
    larger = ENGLISH.with_class("extra_class", "n", ["zzz"])
    assert Supertagger(loaded, larger).lexicon is larger  # more classes than it scores: fine

    fewer = replace(ENGLISH, classes=ENGLISH.classes[:3], _cache={})
    with pytest.raises(WeightsError, match="classes that lexicon 'english' lacks"):
        Supertagger(loaded, fewer)


def test_the_parser_scores_by_the_bundled_tagger() -> None:
    parser = Parser(ENGLISH)
    assert parser.scoring == "tagger" and parser.tagger is not None
    assert parser.tagger.weights is bundled_tagger(ENGLISH).weights  # read once
    assert Parser(load_lexicon(Path(BUNDLED).parent / "english.toml")).scoring == "tagger"
    assert Parser(ENGLISH, scoring="costs").tagger is None
    with pytest.raises(ValueError, match="scoring must be"):
        Parser(ENGLISH, scoring="best")  # type: ignore[arg-type]
    tagged = parser.parse("She books a flight")
    assert tagged.word_classes == ("pronoun", "transitive_verb", "determiner", "noun")
    # the cost of a parse is the tagger's -log p, times the weight, plus the cups and target
    p = parser.tagger.probabilities(["She", "books", "a", "flight"])  # type: ignore[union-attr]
    chosen = sum(-np.log(q[c]) for q, c in zip(p, tagged.word_classes, strict=True))
    cups = sum(
        b - a for a, b in ((tagged_word(tagged, x), tagged_word(tagged, y)) for x, y in tagged.cups)
    )
    target = ENGLISH.target_costs.get((("s", 0),), 0.0)
    expected = parser.tagger_weight * chosen + ENGLISH.cup_cost * cups + target
    assert tagged.cost == pytest.approx(expected, abs=0.01)


def tagged_word(parse, simple: int) -> int:
    """The word position of the parse's ``simple``-th simple type."""
    return [i for i, e in enumerate(parse.entries) for _ in e.type][simple]


def test_the_wide_tier_parses_what_the_beam_cannot() -> None:
    class Stubborn(Supertagger):
        """Puts all mass on the noun reading: 'runs' as a noun leaves no parse to s."""

        def probabilities(self, words):  # type: ignore[no-untyped-def]
            found = super().probabilities(words)
            return [{c: (1.0 if c == "noun" else 1e-9) for c in p} for p in found]

    stubborn = Stubborn(bundled_tagger(ENGLISH).weights, ENGLISH)
    parse = Parser(ENGLISH, tagger=stubborn).parse("Alice runs")
    assert parse.word_classes == ("noun", "intransitive_verb")


def test_the_beams_find_the_cheapest_parse_of_every_reading(monkeypatch) -> None:
    """parse (the beam's tiers, then what could still beat their parse) gives the cheapest
    parse of every reading, as parse_all (which searches every reading at once) does; random
    probabilities make the tiers' first parse often beatable from outside them."""

    class Random(Supertagger):
        def probabilities(self, words):  # type: ignore[no-untyped-def]
            rng = np.random.default_rng(len(words) * 7919 + len(words[0]))
            return [
                {c: float(q) for c, q in zip(p, rng.dirichlet([0.3] * len(p)), strict=True)}
                for p in super().probabilities(words)
            ]

    researched = []
    original = parser_module.affordable
    monkeypatch.setattr(
        parser_module,
        "affordable",
        lambda *args: researched.append(1) or original(*args),  # type: ignore[func-returns-value]
    )
    parser = Parser(ENGLISH, tagger=Random(bundled_tagger(ENGLISH).weights, ENGLISH))
    sentences = [
        "the old man saw a dog in the park",
        "she says that he left early because it rained",
        "can you send me the data you used",
        "we hope you do",
        "please call me when you get back to the office",
        "the charts are now in the most recent version of the report",
        "a place to order from",
        "I love what you did",
    ]
    for text in sentences:
        best = parser.parse(text, "s|q|n|n.r s|s s")
        [every] = parser.parse_all(text, "s|q|n|n.r s|s s", limit=1)
        assert (best.cost, best.word_classes, best.cups) == (
            every.cost,
            every.word_classes,
            every.cups,
        )
    assert len(researched) >= len(sentences) // 2  # the tiers' first parse was checked


def test_bad_input_behaves_as_without_a_tagger() -> None:
    parser = Parser(ENGLISH)
    with pytest.raises(ParseError, match="no words"):
        parser.parse("")
    with pytest.raises(ParseError, match="1000 words is more than"):
        parser.parse(["dog"] * 1000)
    with pytest.raises(UnknownWordError, match="'zorblex' at position 0"):
        parser.parse("zorblex flimbs")
    guessing = Parser(ENGLISH, unknown_words="guess")
    assert guessing.parse("Zorblex flimbs quaxes").target == (("s", 0),)
    p = guessing.tagger.probabilities(["zorblex", "flimbs", "quaxes"])  # type: ignore[union-attr]
    assert all(abs(sum(q.values()) - 1) < 1e-9 for q in p)
    with pytest.raises(ParseError, match="no words"):
        bundled_tagger(ENGLISH).probabilities([])


def test_batched_tagging_equals_one_by_one() -> None:
    tagger = bundled_tagger(ENGLISH)
    sentences = [["Dogs", "bark"], ["The", "old", "man", "saw", "a", "dog"], ["Hi"], ["word"] * 30]
    batched = tagger.probabilities_batch(sentences)
    for words, got in zip(sentences, batched, strict=True):
        one = tagger.probabilities(words)
        for a, b in zip(one, got, strict=True):
            assert a.keys() == b.keys()
            assert max(abs(a[k] - b[k]) for k in a) < 1e-4


def test_gold_supertags_record_types() -> None:
    gold = GoldSupertags(("hi",), ("interjection",), ("root",), (True,))
    assert gold.complete and gold.agreement == 1 and gold.missed == ()


def test_parse_many_tags_in_one_batch_and_equals_parse() -> None:
    parser = Parser(ENGLISH, unknown_words="guess")
    texts = ["The books are on the table", "She books a flight", "Dogs bark", "I saw her duck"]
    many = parser.parse_many(texts, "s|q")
    assert many == [parser.parse(text, "s|q") for text in texts]
    assert parser._tagged == {}  # the batch's taggings are not kept
    with pytest.raises(ParseError, match=r"^text 1: no parse of 'man the'"):
        parser.parse_many(["Dogs bark", "man the"], "s")
    with pytest.raises(UnknownWordError, match="text 0: unknown word 'zorblex'"):
        Parser(ENGLISH).parse_many(["zorblex flimbs"])


def test_parse_many_can_return_each_error_in_its_place() -> None:
    parser = Parser(ENGLISH)
    found = parser.parse_many(
        ["Dogs bark", "", "man the", "zorblex runs", "Cats sleep"], "s", "return"
    )
    assert [type(p).__name__ for p in found] == [
        "Parse",
        "ParseError",
        "ParseError",
        "UnknownWordError",
        "Parse",
    ]
    assert str(found[1]).startswith("text 1: nothing to parse")
    assert str(found[3]).startswith("text 3: unknown word 'zorblex'")
    assert found[4] == parser.parse("Cats sleep")
    with pytest.raises(ValueError, match="errors must be"):
        parser.parse_many(["Dogs bark"], "s", "skip")  # type: ignore[call-overload]
