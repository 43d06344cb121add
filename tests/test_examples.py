"""Every script in examples/ runs and prints what it promises."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def run(name: str, *args: str) -> str:
    result = subprocess.run(
        [sys.executable, str(EXAMPLES / name), *args],
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout


def test_demo_plans_a_birth_on_the_builtin_catalogue() -> None:
    out = run("demo.py")
    assert "Catalogue: Mal Pelayanan Publik Kota Probolinggo" in out
    assert "Visit 1: Tue 1 Dec 2026" in out
    assert "Loket Dispendukcapil" in out


def test_prerequisites_prints_the_chain_and_a_graph() -> None:
    out = run("prerequisites.py", "probolinggo", "spp-irt")
    assert "nib: Nomor Induk Berusaha (issued by nib-umk)" in out
    assert "flowchart LR" in out


def test_every_example_is_tested() -> None:
    tested = {"demo.py", "prerequisites.py"}
    assert {p.name for p in EXAMPLES.glob("*.py")} == tested
