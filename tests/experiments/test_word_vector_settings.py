"""``[semantics] word_vectors``: checked with the configuration, built into a VectorProjection."""

from __future__ import annotations

from pathlib import Path

import pytest

from discojax.errors import CompileError, ConfigError
from discojax.experiments import build_model, load_config, parse_config
from discojax.semantics import TensorAnsatz, VectorProjection

ROOT = Path(__file__).parents[2]

CONFIG = """\
[experiment]
name = "toy"
[data]
dir = "data"
train = "train.txt"
[semantics]
name = "tensor"
dims = { n = 2, s = 2 }
word_vectors = "glove-6b-50d"
vector_types = ["n", "n.r s n.l"]
freeze = false
"""


def test_settings_build_a_projection_of_the_named_types():
    config = parse_config(CONFIG, "toy.toml", check_files=False)
    model = build_model(config.semantics, ["man prepares meal"], None, "s")
    assert model.ansatz == VectorProjection(
        TensorAnsatz({"n": 2, "s": 2}), "glove-6b-50d", 50, ("n", "n.r s n.l"), freeze=False
    )


def test_without_word_vectors_the_semantics_is_the_plain_ansatz():
    config = load_config(ROOT / "experiments/mc/tensor.toml", check_files=False)
    assert config.semantics.word_vectors is None
    model = build_model(config.semantics, ["man prepares meal"], None, "s")
    assert type(model.ansatz) is TensorAnsatz and model.frozen == frozenset()


def test_the_rp_config_projects_nouns_and_verbs_frozen():
    semantics = load_config(ROOT / "experiments/rp/vectors.toml", check_files=False).semantics
    assert (semantics.word_vectors, semantics.vector_types, semantics.freeze) == (
        "glove-6b-50d",
        ("n", "n.r s n.l"),
        True,
    )


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            ('word_vectors = "glove-6b-50d"\n', ""),
            'toy.toml:9: semantics.vector_types: needs word_vectors (e.g. word_vectors = "glove',
        ),
        (
            ('"glove-6b-50d"', '"glove-6b-300d"'),
            "toy.toml:9: semantics.word_vectors = 'glove-6b-300d': input should be 'glove-6b-50d'",
        ),
        (
            ('"n.r s n.l"', '"n.q"'),
            "toy.toml:10: semantics.vector_types: 'n.q' is not a word type",
        ),
        (("freeze = false", 'freeze = "no"'), "toy.toml:11: semantics.freeze"),
    ],
)
def test_bad_settings_are_config_errors_at_their_line(change, message):
    with pytest.raises(ConfigError) as caught:
        parse_config(CONFIG.replace(*change), "toy.toml", check_files=False)
    assert str(caught.value).startswith(message)


def test_a_type_missing_from_the_data_is_an_error_before_training():
    config = parse_config(CONFIG, "toy.toml", check_files=False)
    with pytest.raises(CompileError, match=r"no word of the data has type 'n.r s n.l'"):
        build_model(config.semantics, ["man runs"], None, "s")


def test_circuit_settings_build_a_quantum_model_of_a_projection():
    config = load_config(ROOT / "experiments/rp/iqp_vectors.toml", check_files=False)
    model = build_model(config.semantics, ["organization that church establish"], None, "n")
    assert type(model).__name__ == "QuantumModel"
    assert model.ansatz.types == ("n", "n.r s n.l") and model.circuit.family == "iqp"
    assert model.frozen == frozenset({"n:vectors", "n.r s n.l:vectors"})
