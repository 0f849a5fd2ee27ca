"""RELPRON ranking: average precision, property parses, MAP, and the ranking experiment."""

from __future__ import annotations

import json

import numpy as np
import pytest

from discojax.corpus import Additive, WordVectors
from discojax.corpus._ranking import RankingTask, average_precision, property_parse
from discojax.data import parse_relpron
from discojax.errors import ConfigError
from discojax.experiments import load_config
from discojax.grammar import parse

LINES = [
    "SBJ pilot_N: person_N that fly_V plane_N",
    "OBJ pilot_N: person_N that airline_N employ_V",
    "SBJ garage_N: building_N that house_V car_N",
    "OBJ garage_N: building_N that mechanic_N own_V",
]


def test_average_precision_by_hand():
    # relevant at ranks 1 and 3 of 4: (1/1 + 2/3) / 2
    assert average_precision([0.9, 0.8, 0.7, 0.6], [True, False, True, False]) == pytest.approx(
        5 / 6
    )
    # a tie keeps the input order: the relevant item second
    assert average_precision([0.5, 0.5], [False, True]) == 0.5
    with pytest.raises(ValueError, match="no relevant item"):
        average_precision([0.1], [False])


def test_property_parses_are_the_parsers_own_readings():
    for prop in parse_relpron(LINES):
        built = property_parse(prop)
        parsed = parse(" ".join(prop.words), "n")
        assert built.word_classes == parsed.word_classes
        assert sorted(built.cups) == sorted(parsed.cups)
        assert built.outputs == parsed.outputs


def test_map_of_add_on_hand_made_vectors():
    task = RankingTask(parse_relpron(LINES))
    words = ["pilot", "person", "fly", "plane", "airline", "employ"]
    words += ["garage", "building", "house", "car", "mechanic", "own"]
    aviation, building = [1.0, 0.0], [0.0, 1.0]
    rows = [aviation] * 6 + [building] * 6
    rows[1] = rows[7] = [0.5, 0.5]  # person, building: neutral heads
    v = WordVectors.from_array(rows, words)
    ranking = task.evaluate(Additive(v))
    assert (ranking.map, ranking.terms, ranking.properties) == (1.0, 2, 4)
    # swap the garage properties' verbs and arguments to aviation words: garage's AP drops
    swapped = [rows[i] if i < 8 else aviation for i in range(12)]
    worse = task.evaluate(Additive(WordVectors.from_array(swapped, words)))
    assert worse.map < 1.0


def test_ranking_experiment_writes_its_table(tmp_path):
    data = tmp_path / "relpron"
    data.mkdir()
    (data / "relpron.dev").write_text("\n".join(LINES[:2] + LINES[2:]) + "\n")
    rng = np.random.default_rng(0)
    words = ["pilot", "person", "fly", "plane", "airline", "employ"]
    words += ["garage", "building", "house", "car", "mechanic", "own"]
    vectors = "\n".join(f"{w} " + " ".join(f"{x:.4f}" for x in rng.normal(size=3)) for w in words)
    (tmp_path / "vectors.txt").write_text(vectors + "\n")
    config = tmp_path / "relpron.toml"
    config.write_text(
        '[experiment]\nname = "r"\nkind = "ranking"\n[data]\ndir = "relpron"\n'
        'splits = ["dev"]\n[vectors]\ntext = "vectors.txt"\n[[models]]\nmodel = "add"\n'
        '[[models]]\nmodel = "verb_only"\n'
    )
    text = load_config(config).run(tmp_path / "out")
    assert "| Add |" in text
    results = json.loads((tmp_path / "out" / "r" / "results.json").read_text())
    assert results["settings"]["properties"] == {"dev": 4}
    assert results["settings"]["warnings"] == [
        "Verb only: its meanings have 1 dimension, so every cosine is ±1 or 0"
    ]
    config.write_text(config.read_text().replace('["dev"]', '["dev", "test"]'))
    with pytest.raises(ConfigError, match=r"relpron\.test"):
        load_config(config).run(tmp_path / "out")
