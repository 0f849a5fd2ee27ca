"""Similarity experiments from a config: tables, files, and errors that say where."""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pytest
from scipy.stats import spearmanr

from discojax.cli import main as cli_main
from discojax.corpus import Multiplicative, SimilarityTask, WordVectors, load_text
from discojax.errors import ConfigError
from discojax.experiments import load_config, run_similarity


def main(argv: list[str]) -> int:
    """``discojax run CONFIG --out DIR/results …`` for a config in DIR."""
    return cli_main(["run", *argv, "--out", str(Path(argv[0]).parent / "results")])


WORDS = {
    "man": [1.0, 0.0, 1.0],
    "woman": [0.5, 1.0, 0.0],
    "dog": [0.0, 1.0, 1.0],
    "child": [1.0, 1.0, 0.5],
    "meet": [1.0, 2.0, 0.0],
    "visit": [0.0, 1.0, 3.0],
    "satisfy": [2.0, 1.0, 0.5],
}
FORMS = {"meet": "meets", "visit": "visits", "satisfy": "satisfies"}
PAIRS = [("man", "woman"), ("dog", "child"), ("woman", "dog"), ("child", "man")]


def write_experiment(tmp_path: Path, extra: str = "", judgement_line: str = "") -> Path:
    lines = ["participant verb subject object landmark input hilo"]
    for k, (subject, obj) in enumerate(PAIRS):
        lines.append(f"p1 meet {subject} {obj} visit {1 + k} LOW")
        lines.append(f"p2 meet {subject} {obj} visit {2 + k} LOW")
        lines.append(f"p1 meet {subject} {obj} satisfy {7 - k} HIGH")
    if judgement_line:
        lines.append(judgement_line)
    (tmp_path / "gs.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    rows = ["original,completed"]
    for subject, obj in PAIRS:
        for lemma, form in FORMS.items():
            rows.append(f"{subject} {lemma} {obj},The {subject} {form} the {obj}.")
    (tmp_path / "gs.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    vectors = "\n".join(f"{w} " + " ".join(map(str, v)) for w, v in WORDS.items())
    (tmp_path / "vectors.txt").write_text(vectors + "\n", encoding="utf-8")
    config = f"""
[experiment]
name = "tiny"
kind = "similarity"
[data]
dir = "."
format = "gs2011"
judgements = "gs.txt"
sentences = "gs.csv"
[vectors]
text = "vectors.txt"
[upper_bound]
published_judgement = 0.62
[[models]]
model = "multiply"
published_judgement = 0.17
[[models]]
model = "kronecker"
published_item = 0.28
[[models]]
model = "relational"
[[models]]
model = "copy_subject"
verbs = "kronecker"
label = "Copy-Subject (Kronecker verbs)"
[learning]
folds = 2
steps = 3
[[learned]]
model = "copy_subject"
init = "kronecker"
{extra}
"""
    path = tmp_path / "config.toml"
    path.write_text(config, encoding="utf-8")
    return path


def test_run_writes_tables_with_the_models_rho(tmp_path, capsys):
    config_path = write_experiment(tmp_path)
    assert main([str(config_path)]) == 0
    printed, logged = capsys.readouterr()
    assert (
        "| Multiply |" in printed
        and f"wrote {tmp_path / 'results' / 'tiny' / 'table.md'}" in logged
    )
    result = json.loads(
        (tmp_path / "results" / "tiny" / "results.json").read_text(encoding="utf-8")
    )
    rows = {row["model"]: row for row in result["rows"]}
    assert list(rows) == [
        "Multiply",
        "Kronecker",
        "Relational",
        "Copy-Subject (Kronecker verbs)",
        "Verb-landmark pair prior",
        "Copy-Subject, learned",
        "Upper bound: leave-one-annotator-out",
        "Upper bound: mean pairwise annotator rho",
    ]
    task = SimilarityTask.from_files(tmp_path / "gs.txt", tmp_path / "gs.csv", "gs2011")
    vectors = load_text(tmp_path / "vectors.txt")
    expected = task.evaluate(Multiplicative(vectors))
    assert rows["Multiply"]["per_judgement"] == pytest.approx(expected.per_judgement)
    assert rows["Multiply"]["per_item"] == pytest.approx(expected.per_item)
    assert rows["Multiply"]["published_judgement"] == 0.17
    # the data set's own triples: every landmark has its target verb's arguments
    assert rows["Relational"]["identical"] == 8 and rows["Relational"]["per_item"] is None
    markdown = (tmp_path / "results" / "tiny" / "table.md").read_text(encoding="utf-8")
    assert "| Relational | undefined | undefined | – | – | 8 |" in markdown
    latex = (tmp_path / "results" / "tiny" / "table.tex").read_text(encoding="utf-8")
    assert r"Multiply & " in latex and r"\end{table}" in latex


def test_multiply_gives_the_rho_of_its_closed_form(tmp_path):
    """Multiply is s ⊙ v ⊙ o: its cosines, ranked against the items' mean scores by hand."""
    result = run_similarity(load_config(write_experiment(tmp_path)), learned=False)
    cosines, means = [], []
    for k, (subject, obj) in enumerate(PAIRS):
        s, o = np.array(WORDS[subject]), np.array(WORDS[obj])
        target = s * np.array(WORDS["meet"]) * o
        for landmark, scores in (("visit", [1 + k, 2 + k]), ("satisfy", [7 - k])):
            other = s * np.array(WORDS[landmark]) * o
            norms = np.linalg.norm(target) * np.linalg.norm(other)
            cosines.append(target @ other / norms if norms else 0.0)  # a zero vector: cosine 0
            means.append(np.mean(scores))
    expected = spearmanr(cosines, means).statistic
    assert result.rows[0].model == "Multiply"
    assert result.rows[0].per_item == pytest.approx(expected, abs=1e-12)
    assert result.rows[0].per_item == pytest.approx(0.49102861614023635, abs=1e-12)


def test_no_learned_and_vectors_given(tmp_path, caplog):
    config = load_config(write_experiment(tmp_path))
    vectors = WordVectors.from_array(np.ones((len(WORDS), 2)), list(WORDS))
    caplog.set_level("INFO", logger="discojax")
    result = run_similarity(config, vectors=vectors, learned=False)
    lines = [record.getMessage() for record in caplog.records]
    assert [r.model for r in result.rows][-2:] == [
        "Upper bound: leave-one-annotator-out",
        "Upper bound: mean pairwise annotator rho",
    ]
    assert len(result.rows) == 6
    assert math.isnan(result.rows[0].per_judgement)  # all-ones vectors: every cosine is 1
    assert lines[0].startswith("tiny: 8 items, 12 judgements; 7 of 7 words have vectors")


def test_malformed_judgement_line_is_reported_with_file_and_line(tmp_path, capsys):
    config = write_experiment(tmp_path, judgement_line="p3 meet man woman visit 4")
    assert main([str(config)]) == 2
    err = capsys.readouterr().err
    assert f"{tmp_path / 'gs.txt'}:14: expected 7 fields" in err


def test_missing_vector_is_named(tmp_path, capsys):
    config = write_experiment(tmp_path)
    lines = (tmp_path / "vectors.txt").read_text(encoding="utf-8").splitlines()
    (tmp_path / "vectors.txt").write_text("\n".join(lines[:-1]) + "\n", encoding="utf-8")
    assert main([str(config), "--no-learned"]) == 2
    assert "unknown word 'satisfy' (no word vector for it)" in capsys.readouterr().err


def test_user_triples_file(tmp_path):
    config_path = write_experiment(tmp_path, extra='[relational]\ntriples = "triples.txt"\n')
    (tmp_path / "triples.txt").write_text(
        "man meet woman\nman visit dog 2\nchild satisfy man\n", encoding="utf-8"
    )
    result = run_similarity(load_config(config_path), learned=False)
    relational = next(r for r in result.rows if r.model == "Relational")
    assert relational.identical == 0 and not math.isnan(relational.per_item)
    assert result.settings["triples"] == "triples.txt"


def test_bad_config(tmp_path, capsys):
    path = tmp_path / "c.toml"
    path.write_text('[experiment]\nname = "c"\nkind = "similarity"\n[data]\ndataset = "gs2011"\n')
    assert main([str(path)]) == 2
    assert f"{path}:4: [data] needs judgements (and 2 more)" in capsys.readouterr().err
    path.write_text("[data\n", encoding="utf-8")
    assert main([str(path)]) == 2
    assert "invalid TOML" in capsys.readouterr().err


def test_options_of_the_other_kind_are_errors(tmp_path):
    config = load_config(write_experiment(tmp_path))
    with pytest.raises(ConfigError, match="a similarity experiment has no --seeds"):
        config.run(tmp_path / "r", seeds=(0,))


def test_deprecated_similarity_command_runs_the_same(tmp_path, capsys):
    path = write_experiment(tmp_path)
    out = tmp_path / "old"
    assert cli_main(["similarity", str(path), "--out", str(out), "--no-learned"]) == 0
    printed, logged = capsys.readouterr()
    assert "| Multiply |" in printed and "discojax similarity is deprecated" in logged
    assert (out / "tiny" / "table.tex").is_file()
