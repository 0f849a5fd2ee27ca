"""A similarity experiment on count vectors built from a corpus the configuration names."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from discojax.corpus import Multiplicative, SimilarityTask, count_vectors
from discojax.data import TextCorpus
from discojax.experiments import load_config, run_similarity

CORPUS = """\
the man meet the woman at the station . the dog meet the child in the park .
a woman visit the dog , a child visit the man in the station . the man satisfy the woman .
the child meet the man again ; the dog visit the park . a woman satisfy the child .
the dog satisfy the man . the child visit the woman at the park .
"""  # lemmatised text, as a lemmatiser would write it


def write_counts_experiment(tmp_path: Path) -> Path:
    pairs = [("man", "woman"), ("dog", "child"), ("woman", "dog"), ("child", "man")]
    lines = ["participant verb subject object landmark input hilo"]
    rows = ["original,completed"]
    for k, (subject, obj) in enumerate(pairs):
        lines += [f"p1 meet {subject} {obj} visit {1 + k} LOW"]
        lines += [f"p1 meet {subject} {obj} satisfy {7 - k} HIGH"]
        for lemma, form in (("meet", "meets"), ("visit", "visits"), ("satisfy", "satisfies")):
            rows.append(f"{subject} {lemma} {obj},The {subject} {form} the {obj}.")
    (tmp_path / "gs.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (tmp_path / "gs.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "a.txt").write_text(CORPUS, encoding="utf-8")
    config = """
[experiment]
name = "counts"
kind = "similarity"
[data]
dir = "."
format = "gs2011"
judgements = "gs.txt"
sentences = "gs.csv"
[vectors]
corpus = "corpus"
missing = "zero"
window = 3
contexts = 6
[[models]]
model = "multiply"
"""
    (tmp_path / "config.toml").write_text(config, encoding="utf-8")
    return tmp_path / "config.toml"


def test_count_vectors_from_the_configured_corpus(tmp_path) -> None:
    result = run_similarity(load_config(write_counts_experiment(tmp_path)), learned=False)
    task = SimilarityTask.from_files(tmp_path / "gs.txt", tmp_path / "gs.csv", "gs2011")
    corpus = TextCorpus.from_files(tmp_path / "corpus" / "a.txt")
    vectors = count_vectors(corpus, window=3, contexts=6, missing="zero")
    assert result.coverage.fraction == 1.0
    assert np.all(vectors.array >= 0) and vectors.dim == 6
    expected = task.evaluate(Multiplicative(vectors))
    assert result.rows[0].model == "Multiply"
    assert np.isfinite(expected.per_judgement)
    assert result.rows[0].per_judgement == pytest.approx(expected.per_judgement, abs=1e-12)
    assert result.settings["vectors"]["corpus"] == "corpus"
    assert result.settings["vectors"]["window"] == 3
