"""Relational verbs from a dependency treebank the configuration names."""

from __future__ import annotations

import numpy as np
import pytest

from discojax.corpus import Categorical, RelationalVerbs, SimilarityTask, WordVectors
from discojax.corpus._triples import read_treebank_triples
from discojax.errors import ConfigError
from discojax.experiments import load_config, run_similarity
from discojax.semantics.corpus._verbs import Triple

TREEBANK = """\
# text = Men meet women.
1\tMen\tman\tNOUN\tNNS\t_\t2\tnsubj\t_\t_
2\tmeet\tmeet\tVERB\tVBP\t_\t0\troot\t_\t_
3\twomen\twoman\tNOUN\tNNS\t_\t2\tobj\t_\t_

# text = Dogs visit parks and men.
1\tDogs\tdog\tNOUN\tNNS\t_\t2\tnsubj\t_\t_
2\tvisit\tvisit\tVERB\tVBP\t_\t0\troot\t_\t_
3\tparks\tpark\tNOUN\tNNS\t_\t2\tobj\t_\t_
4\tand\tand\tCCONJ\tCC\t_\t5\tcc\t_\t_
5\tmen\tman\tNOUN\tNNS\t_\t3\tconj\t_\t_

# text = Men were met.
1\tMen\tman\tNOUN\tNNS\t_\t3\tnsubj:pass\t_\t_
2\twere\tbe\tAUX\tVBD\t_\t3\taux:pass\t_\t_
3\tmet\tmeet\tVERB\tVBN\t_\t0\troot\t_\t_
"""


def test_treebank_triples_read_subjects_and_objects_not_passives(tmp_path):
    (tmp_path / "a.conllu").write_text(TREEBANK, encoding="utf-8")
    assert read_treebank_triples(tmp_path / "*.conllu") == (
        Triple("man", "meet", "woman", 1.0),
        Triple("dog", "visit", "park", 1.0),
    )


def test_a_config_takes_relational_verbs_from_a_treebank(tmp_path):
    (tmp_path / "tb.conllu").write_text(TREEBANK, encoding="utf-8")
    (tmp_path / "gs.txt").write_text(
        "p1 meet man woman visit 6 HIGH\np1 meet dog park visit 2 LOW\n"
        "p2 meet man woman visit 5 HIGH\np2 meet dog park visit 3 LOW\n",
        encoding="utf-8",
    )
    rows = ["original,completed"]
    for s, o in (("man", "woman"), ("dog", "park")):
        rows += [f"{s} meet {o},The {s} meets the {o}.", f"{s} visit {o},The {s} visits the {o}."]
    (tmp_path / "gs.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    words = ["man", "woman", "dog", "park", "meet", "visit"]
    rng = np.random.default_rng(1)
    lines = [f"{w} " + " ".join(f"{x:.3f}" for x in rng.normal(size=3)) for w in words]
    (tmp_path / "v.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    config = tmp_path / "c.toml"
    config.write_text(
        '[experiment]\nname = "t"\nkind = "similarity"\n[data]\ndir = "."\nformat = "gs2011"\n'
        'judgements = "gs.txt"\nsentences = "gs.csv"\n[vectors]\ntext = "v.txt"\n'
        '[relational]\ntreebank = "tb.conllu"\n[[models]]\nmodel = "relational"\n',
        encoding="utf-8",
    )
    result = run_similarity(load_config(config), learned=False)
    task = SimilarityTask.from_files(tmp_path / "gs.txt", tmp_path / "gs.csv", "gs2011")
    vectors = WordVectors.from_array(
        [[float(x) for x in line.split()[1:]] for line in lines], words
    )
    triples = (Triple("man", "meet", "woman", 1.0), Triple("dog", "visit", "park", 1.0))
    expected = task.similarities(Categorical(vectors, verbs=RelationalVerbs(vectors, triples)))
    np.testing.assert_allclose(result.rows[0].scores, expected, rtol=1e-12)
    assert result.settings["triples observed"] == 2
    text = config.read_text().replace(
        'treebank = "tb.conllu"', 'treebank = "tb.conllu"\ntriples = "t.txt"'
    )
    config.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match="not both"):
        load_config(config)
