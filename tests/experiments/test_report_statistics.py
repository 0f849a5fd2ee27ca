"""Reports with intervals and tests: classification summaries and similarity results."""

from __future__ import annotations

import json

import numpy as np
import pytest

from discojax.cli import main
from discojax.errors import StatisticsError
from discojax.experiments import write_report
from discojax.stats import holm, paired_permutation_test, rho_difference_test, rho_intervals

LABELS = [1, 0, 1, 0, 1, 0, 1, 0, 1, 0]
WRONG = {
    "good": [[], [3], []],
    "bad": [[0, 1, 2, 6], [1, 2, 5, 6], [0, 2, 7, 8, 9]],
    "same": [[], [4], []],
}


def write_summaries(root, with_predictions=True):
    for name, errors in WRONG.items():
        for seed, wrong in enumerate(errors):
            predicted = [1 - y if i in wrong else y for i, y in enumerate(LABELS)]
            summary = {"experiment": name, "seed": seed, "test_accuracy": 1 - len(wrong) / 10}
            if with_predictions:
                probabilities = [[1.0 - p, float(p)] for p in predicted]
                summary["predictions"] = {
                    "test": {
                        "labels": LABELS,
                        "predicted": predicted,
                        "probabilities": probabilities,
                    }
                }
            folder = root / name / f"seed-{seed}"
            folder.mkdir(parents=True)
            (folder / "summary.json").write_text(json.dumps(summary))


def correct(name):
    return np.array([[i not in wrong for i in range(10)] for wrong in WRONG[name]], float)


def test_classification_report_with_intervals_and_tests(tmp_path):
    write_summaries(tmp_path)
    report = write_report(tmp_path, ["test_accuracy"], compare="good", resamples=1024)
    lines = report["markdown"].splitlines()
    assert lines[0] == (
        "| experiment | seeds | test_accuracy | test_accuracy 95% CI | Δ vs good | p (Holm) |"
    )
    numbers = json.loads((tmp_path / "report.json").read_text())
    bad = numbers["experiments"]["bad"]
    assert bad["per_seed"] == pytest.approx([0.6, 0.6, 0.5])
    assert bad["pooled"]["estimate"] == pytest.approx(17 / 30)
    p = {
        e: paired_permutation_test(correct(e), correct("good"), resamples=1024).pvalue
        for e in ("bad", "same")
    }
    comparisons = numbers["compare"]["comparisons"]
    assert [comparisons[e]["test"]["pvalue"] for e in ("bad", "same")] == [p["bad"], p["same"]]
    assert [comparisons[e]["pvalue_holm"] for e in ("bad", "same")] == holm([p["bad"], p["same"]])
    assert p["bad"] == 24 / 1024  # all 2**10 swaps enumerated: 24 as extreme
    assert comparisons["bad"]["significant"] and not comparisons["same"]["significant"]
    assert "| bad | 3 | 0.567 ± 0.058 |" in report["markdown"]
    assert "| -0.400 | 0.047† |" in report["markdown"] and "| same | 3 |" in report["markdown"]
    assert "† significant at 0.05 after correction" in report["markdown"]
    latex = (tmp_path / "report.tex").read_text()
    assert "0.047$^\\dagger$" in latex and "$\\Delta$ vs good" in latex
    assert (tmp_path / "seeds.png").stat().st_size > 0


def test_old_summaries_without_predictions_still_report(tmp_path):
    write_summaries(tmp_path, with_predictions=False)
    report = write_report(tmp_path, ["test_accuracy"], resamples=99)
    assert "| good | 3 | 0.967 ± 0.058 | – |" in report["markdown"]
    with pytest.raises(StatisticsError, match="--compare good: no experiment of that name"):
        write_report(tmp_path, ["test_accuracy"], compare="good", resamples=99)


ITEMS = np.repeat(np.arange(12), 3)
HUMAN = np.round(4 + 3 * np.sin(ITEMS) + np.tile([-0.5, 0.0, 0.5], 12))
SCORES = {"Verb only": np.cos(np.arange(12.0)), "Good": np.sin(np.arange(12.0)) + 0.01}


def write_similarity_results(folder, scores=SCORES):
    rows = [
        {
            "model": m,
            "per_judgement": 0.1,
            "per_item": 0.2,
            "published_judgement": None,
            "published_item": None,
            "identical": 0,
            "note": "",
            "scores": list(s),
        }
        for m, s in scores.items()
    ]
    rows.append({"model": "Upper bound", "per_judgement": 0.7, "per_item": None})
    data = {
        "name": "toy",
        "rows": rows,
        "judgements": {"items": ITEMS.tolist(), "scores": HUMAN.tolist()},
    }
    folder.mkdir(parents=True)
    (folder / "results.json").write_text(json.dumps(data))


def test_similarity_report_with_intervals_and_tests(tmp_path, capsys):
    write_similarity_results(tmp_path / "toy")
    args = ["report", str(tmp_path), "--compare", "Verb only", "--resamples", "99"]
    assert main(args) == 0
    markdown = capsys.readouterr().out
    expected = rho_intervals(SCORES["Good"], ITEMS, HUMAN, resamples=99)
    assert f"| Good | {expected['per_judgement']} | {expected['per_item']} |" in markdown
    assert "| Upper bound | 0.700 | – |" in markdown
    numbers = json.loads((tmp_path / "toy" / "report.json").read_text())
    test = numbers["rows"][1]["compare"]["permutation"]
    direct = rho_difference_test(SCORES["Good"], SCORES["Verb only"], ITEMS, HUMAN, resamples=99)
    assert test["pvalue"] == direct.pvalue and test["difference"] == direct.difference
    assert test["pvalue_holm"] == direct.pvalue  # one comparison: Holm changes nothing
    assert numbers["rows"][1]["compare"]["williams"]["details"]["n"] == 12
    assert (tmp_path / "toy" / "intervals.pdf").stat().st_size > 0
    with pytest.raises(StatisticsError, match="no row of that model with scores"):
        write_report(tmp_path, compare="Upper bound", resamples=9)


def test_kept_predictions_are_the_models_and_give_its_accuracy():
    import jax
    import jax.numpy as jnp

    from discojax import TensorAnsatz, TensorModel
    from discojax.experiments._predictions import model_predictions
    from discojax.train import TrainConfig, evaluate_metrics

    texts = ["man cooks meal", "woman debugs program", "man runs", "woman sleeps"]
    labels = jnp.array([1, 0, 1, 0])
    model = TensorModel.from_data(texts, TensorAnsatz({"n": 2, "s": 2}))
    params, batch = model.init(jax.random.key(3)), model.prepare(texts)
    kept = model_predictions(model, params, batch, labels)
    probabilities = np.array(kept["probabilities"])
    expected = np.asarray(jax.nn.softmax(model.apply(params, batch), axis=-1))
    np.testing.assert_allclose(probabilities, expected, atol=1e-6)
    assert kept["predicted"] == expected.argmax(-1).tolist() and kept["labels"] == [1, 0, 1, 0]
    accuracy = evaluate_metrics(model, params, batch, labels, TrainConfig(), "test")
    assert np.mean(np.array(kept["predicted"]) == kept["labels"]) == accuracy["test_accuracy"]


def test_a_constant_model_is_undefined_not_an_error(tmp_path):
    write_similarity_results(tmp_path / "toy", {**SCORES, "Flat": np.ones(12)})
    report = write_report(tmp_path, compare="Verb only", resamples=49)
    assert "| Flat | undefined | undefined | – | – | 0 | – | – | – |" in report["markdown"]
    assert "| Good | " in report["markdown"]
