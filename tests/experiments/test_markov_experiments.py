"""The Markov experiments (issue 14): configs checked, small runs write their files, and the
numbers keep the laws they must (exact facts, not just shapes)."""

from __future__ import annotations

import json

import pytest

from discojax.errors import ConfigError
from discojax.experiments import parse_config

SPECTRAL = """[experiment]
name = "spectral"
kind = "markov"
[spectral]
contexts = 7
tokens = 6
rank = 2
betas = [2.0]
samples = 200
[training]
epochs = 5
learning_rate = 0.1
train_metrics = false
fast_compile = true
"""

SURPLUS = """[experiment]
name = "surplus"
kind = "markov"
[surplus]
tokens = 3
horizons = [2, 3]
hidden = 3
samples = 200
[training]
epochs = 5
learning_rate = 0.1
train_metrics = false
fast_compile = true
"""


def test_a_small_spectral_run_writes_its_table_and_figure(tmp_path):
    table = parse_config(SPECTRAL, "spectral.toml").run(tmp_path)
    folder = tmp_path / "spectral"
    assert {p.name for p in folder.iterdir()} == {
        "table.md", "table.tex", "results.json", "alignment.png"
    }  # fmt: skip
    assert "| β | softmax | stoch | true u | random |" in table
    runs = json.loads((folder / "results.json").read_text())["runs"]
    for results in runs.values():
        (run,) = results
        for key in ("softmax", "stoch", "true u", "random"):
            assert 0.0 <= run[key] <= 1.0 + 1e-12
        # a random 2-d subspace of the 6 centred functions: mean cos² about 2 / 6
        assert abs(run["random"] - 2 / 6) < 0.1
        assert run["kl softmax"] >= 0.0 and run["kl stoch"] >= 0.0


def test_a_small_surplus_run_keeps_the_information_laws(tmp_path):
    table = parse_config(SURPLUS, "surplus.toml").run(tmp_path)
    assert "## Draft heads" in table
    results = json.loads((tmp_path / "surplus" / "results.json").read_text())
    (run,) = results["runs"]
    s2, s3 = run["surplus"]["2"], run["surplus"]["3"]
    # a second-order source: W_3 depends on the state only through (W_1, W_2), so S_3 = S_2
    assert s2 > 1e-3 and abs(s3 - s2) < 1e-9
    assert abs(run["control"]["2"]) < 1e-9 and abs(run["control"]["3"]) < 1e-9
    for k in ("2", "3"):
        assert run["learned"][k] <= run["surplus"][k] + 1e-9  # data processing
        assert run["vector"][k] <= run["surplus"][k] + 1e-9
        if run["classes"] == 9:  # every state its own vector: a function of it loses nothing
            assert abs(run["vector"][k] - run["surplus"][k]) < 1e-9
        assert run["surplus"][k] <= run["bound"][k] + 1e-9
    accept = run["acceptance"]
    assert abs(accept["true state (Bayes)"] - 1.0) < 1e-9
    without = accept["without hidden state (Bayes)"]
    assert accept["bound 1 − √(S_2/2) for 'without'"] <= without + 1e-9
    assert without <= accept["learned hidden state, sampled (Bayes)"] + 1e-9


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda t: t + "[surplus]\ntokens = 3\n", "give exactly one of"),
        (
            lambda t: t.replace("rank = 2", "rank = 6"),
            r"spectral.toml:4: spectral: the rank \(6\) must be below",
        ),
        (lambda t: t.replace("samples = 200", "samples = 0"), "input should be greater than 0"),
    ],
)
def test_bad_markov_configs_are_located_errors(edit, message):
    with pytest.raises(ConfigError, match=message):
        parse_config(edit(SPECTRAL), "spectral.toml")


def test_surplus_horizons_start_at_two():
    with pytest.raises(ConfigError, match="horizons must be at least 2"):
        parse_config(SURPLUS.replace("[2, 3]", "[1, 3]"), "surplus.toml")
