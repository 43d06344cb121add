"""Every script in examples/ runs and prints what it promises."""

from __future__ import annotations

import json
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


def test_portal_answers_a_good_request_and_a_typo() -> None:
    out = run("portal.py")
    first, rest = out.split("\n", 1)
    assert first == "200"
    body, second = rest.split("\n422\n")
    assert json.loads(body)["finish"] == "2026-12-17"
    problems = json.loads(second)["problems"]
    assert "did you mean 'buka-usaha-mikro'" in problems[0]["message"]


def test_compare_cities_tabulates_every_city_and_life_event() -> None:
    lines = run("compare_cities.py").splitlines()
    rows = [line.split() for line in lines[2:]]
    assert {row[0] for row in rows} == {"probolinggo", "surabaya", "yogyakarta", "buton-tengah"}
    assert len(rows) == 4 * 7
    birth = {row[0]: row for row in rows if row[1] == "kelahiran"}
    assert birth["probolinggo"][2:4] == ["1", "1"]  # one counter, one venue


def test_new_city_extends_national_validates_and_plans(tmp_path: Path) -> None:
    out = run("new_city.py", str(tmp_path))
    assert "kota-contoh.yaml: valid (38 services, 2 counters)" in out
    assert "Plan for" in out and "1 counter at 1 venue" in out
    assert (tmp_path / "kota-contoh.yaml").read_text().count("\n") < 40


def test_every_example_is_tested() -> None:
    tested = {"demo.py", "prerequisites.py", "portal.py", "compare_cities.py", "new_city.py"}
    assert {p.name for p in EXAMPLES.glob("*.py")} == tested
