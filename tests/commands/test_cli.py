"""The ``discojax`` command: version, logging options, and what each command imports."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import discojax
from discojax.cli import main

HEAVY = ("jax", "optax", "matplotlib")


def loaded_after(*argv: str) -> dict[str, object]:
    """Run ``python -m discojax.cli ARGV`` in a fresh interpreter; its exit status, stdout and
    which of the heavy modules (and DisCoPy) it had imported when it finished."""
    code = (
        "import json, sys\n"
        "from discojax.cli import main\n"
        "try:\n"
        f"    status = main({list(argv)!r})\n"
        "except SystemExit as exit:\n"
        "    status = exit.code\n"
        f"loaded = sorted(m for m in {[*HEAVY, 'discopy']!r} if m in sys.modules)\n"
        "print(json.dumps({'status': status, 'loaded': loaded}))\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    *output, last = run.stdout.splitlines()
    return {**json.loads(last), "stdout": "\n".join(output)}


def test_version_imports_nothing_heavy() -> None:
    result = loaded_after("--version")
    assert result == {"status": 0, "loaded": [], "stdout": f"discojax {discojax.__version__}"}


def test_parse_imports_neither_jax_nor_optax() -> None:
    result = loaded_after("parse", "Alice runs")
    assert result["status"] == 0
    assert (
        result["stdout"] == "alice:n runs:n.r·s ⟶ s (1 cups)\nalice >> n @ runs >> Cup(n, n.r) @ s"
    )
    # DisCoPy (the diagrams) imports matplotlib.pyplot itself (discopy/drawing/backend.py),
    # so matplotlib cannot be avoided while `parse` prints a DisCoPy diagram.
    assert result["loaded"] == ["discopy", "matplotlib"]


def test_version_on_the_command_line() -> None:
    run = subprocess.run(
        [sys.executable, "-m", "discojax.cli", "--version"], capture_output=True, text=True
    )
    assert (run.returncode, run.stdout) == (0, f"discojax {discojax.__version__}\n")


def test_quiet_hides_progress_and_verbose_keeps_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "a.png"
    assert main(["-q", "parse", "man runs", "--draw", str(out)]) == 0
    assert capsys.readouterr().err == ""
    assert main(["-v", "parse", "man runs", "--draw", str(out)]) == 0
    assert capsys.readouterr().err == f"wrote {out}\n"


def test_unknown_command_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit:
        main(["nope"])
    assert exit.value.code == 2
    assert "invalid choice: 'nope'" in capsys.readouterr().err
