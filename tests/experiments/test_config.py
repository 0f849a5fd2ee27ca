"""One configuration schema: every mistake is a ConfigError at its file and line, before work."""

from __future__ import annotations

import dataclasses
import glob
from pathlib import Path

import pytest

from discojax.errors import ConfigError
from discojax.experiments import (
    KINDS,
    ClassificationConfig,
    SimilarityConfig,
    load_config,
    parse_config,
    parse_seeds,
)
from discojax.experiments._classification import TrainingTable
from discojax.experiments._semantics import CircuitSemantics
from discojax.experiments._similarity import ModelName
from discojax.experiments._similarity_run import MODELS
from discojax.semantics.circuit._families import FAMILIES
from discojax.train import SPSASettings, TrainConfig

ROOT = Path(__file__).parents[2]

CLASSIFICATION = """\
[experiment]
name = "toy"
[data]
dir = "data"
train = "train.txt"
test = "test.txt"
[semantics]
name = "tensor"
dims = { n = 2, s = 2 }
[training]
epochs = 3
learning_rate = 0.05
monitor = "dev_accuracy"
spsa = { a = 0.1 }
[seeds]
seeds = [0, 1]
"""

SIMILARITY = """\
[experiment]
name = "tiny"
kind = "similarity"
[data]
dir = "data"
format = "gs2011"
judgements = "gs.txt"
sentences = "gs.csv"
[vectors]
text = "vectors.txt"
[[models]]
model = "multiply"
[[models]]
model = "kronecker"
published_item = 0.28
[learning]
folds = 2
[[learned]]
model = "copy_subject"
"""


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "data").mkdir()
    for name in ("train.txt", "test.txt", "gs.txt", "gs.csv"):
        (tmp_path / "data" / name).write_text("", encoding="utf-8")
    (tmp_path / "vectors.txt").write_text("", encoding="utf-8")
    return tmp_path


def check(folder: Path, text: str, message: str) -> None:
    path = folder / "bad.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert str(caught.value) == f"{path}:{message}"


def test_good_configurations_parse_to_typed_tables(folder: Path) -> None:
    path = folder / "c.toml"
    path.write_text(CLASSIFICATION, encoding="utf-8")
    config = load_config(path)
    assert isinstance(config, ClassificationConfig)
    assert config.seeds.seeds == (0, 1) and config.semantics.dims == {"n": 2, "s": 2}
    training = config.training.train_config(seed=1)
    assert (training.epochs, training.seed, training.spsa) == (3, 1, SPSASettings(a=0.1))
    assert config.resolve_files() == {
        "train": folder / "data" / "train.txt",
        "test": folder / "data" / "test.txt",
    }
    path.write_text(SIMILARITY, encoding="utf-8")
    config = load_config(path)
    assert isinstance(config, SimilarityConfig)
    assert [m.model for m in config.models] == ["multiply", "kronecker"]
    assert config.models[1].published_item == 0.28 and config.learned[0].init == "kronecker"


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("[training]", "[trainig]", "10: unknown table [trainig]; did you mean [training]?"),
        (
            'monitor = "dev_accuracy"',
            'monitor = "dev_acuracy"',
            "13: training.monitor = 'dev_acuracy': input should be 'dev_accuracy' or 'dev_loss'",
        ),
        (
            "epochs = 3",
            "epochs_ = 3",
            "11: unknown setting 'epochs_' in [training]; did you mean 'epochs'?",
        ),
        (
            "epochs = 3",
            "epochs = 3.0",
            "11: training.epochs = 3.0: input should be a valid integer",
        ),
        (
            "epochs = 3",
            'epochs = "3"',
            "11: training.epochs = '3': input should be a valid integer",
        ),
        ("epochs = 3", "epochs = -1", "11: training.epochs = -1: input should be greater than 0"),
        (
            "learning_rate = 0.05",
            "learning_rate = nan",
            "12: training.learning_rate = nan: input should be a finite number",
        ),
        (
            "learning_rate = 0.05",
            "learning_rate = inf",
            "12: training.learning_rate = inf: input should be a finite number",
        ),
        (
            "learning_rate = 0.05",
            'optimizer = "adamm"',
            "12: training.optimizer = 'adamm': not an optax optimiser (adam, sgd, adamw, …) nor spsa",
        ),
        (
            "spsa = { a = 0.1 }",
            "spsa = { a = 0.1, b = 2 }",
            "14: unknown setting 'b' in [training.spsa] (known: a, c, A, alpha, gamma)",
        ),
        ("seeds = [0, 1]", "seeds = [0, 0]", "16: seeds.seeds: seeds must be distinct"),
        (
            "seeds = [0, 1]",
            "seeds = []",
            "16: seeds.seeds: tuple should have at least 1 item after validation, not 0",
        ),
        (
            'name = "tensor"',
            'name = "tensr"',
            "8: semantics.name = 'tensr': not a known semantics (known: circuit, mps, spider, tensor)",
        ),
        (
            "dims = { n = 2, s = 2 }",
            "dims = { n = 0, s = 2 }",
            "9: semantics.dims.n = 0: input should be greater than 0",
        ),
        (
            "dims = { n = 2, s = 2 }",
            "bond_dim = 2",
            "7: [semantics] needs dims (and 1 more)",
        ),
        ('train = "train.txt"', "", "3: [data] needs train"),
        (
            'dir = "data"',
            'dataset = "imdb"',
            "4: data.dataset = 'imdb': not a known data set (known: gs2011, gs2012, mc, ml2008, relpron, rp)",
        ),
        ('dir = "data"', 'dir = "nowhere"', "4: no such folder: {folder}/nowhere"),
        ('train = "train.txt"', 'train = "trian.txt"', "5: no such file: {folder}/data/trian.txt"),
        (
            "[experiment]",
            "[experiment]\nkind = 'chess'",
            "2: unknown experiment kind 'chess' (known: classification, markov, ranking, similarity)",
        ),
        (
            'name = "toy"',
            'name = "toy"\ndata = 1',
            "3: unknown setting 'data' in [experiment] (known: name, kind)",
        ),
        *(  # issue 19, item 7: results never written outside --out
            (
                'name = "toy"',
                f"name = {bad!r}",
                f"2: experiment.name = {bad!r}: must be one folder name under --out (no "
                "slashes, '..' or '~')",
            )
            for bad in ("../../escaped", "/tmp/abs", "..", "~x")
        ),
    ],
)
def test_classification_mistakes(folder: Path, old: str, new: str, message: str) -> None:
    assert old in CLASSIFICATION
    check(folder, CLASSIFICATION.replace(old, new, 1), message.format(folder=folder))


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            'model = "kronecker"',
            'model = "kronecker_"',
            "14: models.1.model = 'kronecker_': input should be 'verb_only', 'add', 'multiply', "
            "'kronecker', 'relational', 'categorical', 'copy_subject', 'copy_object', "
            "'frobenius_additive', 'frobenius_multiplicative' or 'frobenius_outer'",
        ),
        (
            "folds = 2",
            "folds = 1",
            "17: learning.folds = 1: input should be greater than or equal to 2",
        ),
        (
            "folds = 2",
            "fold = 2",
            "17: unknown setting 'fold' in [learning]; did you mean 'folds'?",
        ),
        (
            'model = "multiply"',
            'model = "multiply"\nverbs = "kronecker"',
            "11: models.0: model 'multiply' has no verb tensors: drop verbs",
        ),
        (
            'model = "copy_subject"',
            'model = "add"',
            "18: learned.0: model 'add' has no verb tensors to learn",
        ),
        (
            'text = "vectors.txt"',
            'text = "vectors.txt"\nsource = "glove-6b-50d"',
            '9: vectors: give one of source = "glove-6b-50d", text = "FILE" or corpus = "FILE OR '
            'FOLDER"',
        ),
        (
            'text = "vectors.txt"',
            'text = "vectors.txt"\nwindow = 2',
            "9: vectors: window needs corpus = ...",
        ),
        (
            'text = "vectors.txt"',
            'corpus = "."\ncontexts = 50\ndims = 50',
            "9: vectors: dims (50) must be below contexts (50)",
        ),
        ('text = "vectors.txt"', 'corpus = "corpus"', "10: no such file: {folder}/corpus"),
        ('text = "vectors.txt"', 'text = "vector.txt"', "10: no such file: {folder}/vector.txt"),
        ('format = "gs2011"\n', "", '4: data: give format = "ml2008", "gs2011" or "gs2012"'),
        (
            'judgements = "gs.txt"',
            'judgements = "gs2.txt"',
            "7: no such file: {folder}/data/gs2.txt",
        ),
        ("[learning]", "[lerning]", "16: unknown table [lerning]; did you mean [learning]?"),
    ],
)
def test_similarity_mistakes(folder: Path, old: str, new: str, message: str) -> None:
    assert old in SIMILARITY
    check(folder, SIMILARITY.replace(old, new, 1), message.format(folder=folder))


def test_toml_syntax_errors_and_missing_files() -> None:
    with pytest.raises(ConfigError, match=r"^c.toml:2: invalid TOML"):
        parse_config('[data]\ntrain = "a\n', "c.toml")
    with pytest.raises(ConfigError, match=r"no/such\.toml: no such configuration file"):
        load_config("no/such.toml")
    with pytest.raises(ConfigError, match="--seeds '1-x'"):
        parse_seeds("1-x")


def test_every_bundled_configuration_is_valid() -> None:
    paths = sorted(glob.glob(str(ROOT / "experiments" / "*" / "*.toml")))
    kinds = {
        Path(p).parent.name: type(parse_config(Path(p).read_text(), p, check_files=False))
        for p in paths
    }
    assert kinds["gs2011"] is kinds["ml2008"] is kinds["gs2012"] is SimilarityConfig
    assert kinds["mc"] is kinds["rp"] is ClassificationConfig
    assert kinds["relpron"] is KINDS["ranking"]
    assert {"classification", "similarity", "ranking"} <= set(KINDS)


def test_the_schema_agrees_with_the_library() -> None:
    """The tables' settings and defaults are those of the classes they configure."""
    defaults = {f.name: f.default for f in dataclasses.fields(TrainConfig)}
    assert set(TrainingTable.model_fields) == set(defaults)  # a new TrainConfig field: add it
    for name, field in TrainingTable.model_fields.items():
        if name not in ("options", "spsa"):
            assert field.default == defaults[name], name
    assert TrainingTable().train_config(0) == TrainConfig()
    assert CircuitSemantics.model_fields["family"].annotation.__args__ == FAMILIES
    assert ModelName.__args__ == tuple(MODELS)
