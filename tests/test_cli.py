"""The onestop command: exit statuses and output of each subcommand."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import onestop
from onestop.cli import main


def test_validate_a_builtin_name_and_a_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    assert main(["validate", "probolinggo"]) == 0
    assert "probolinggo: valid" in capsys.readouterr().out
    path = tmp_path / "city.json"
    onestop.dump(onestop.builtin("probolinggo"), path)
    assert main(["validate", str(path)]) == 0


def test_validate_a_bad_file_exits_1_and_lists_every_problem(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(
        "format: onestop/1\nid: bad\nname: Bad\nagencies: []\ndocuments: []\n"
        "services: [{id: x, name: X, agency: nobody}]\nvenues: []\n"
        "counters: [{id: c, venue: nowhere, services: [x]}]\n"
    )
    assert main(["validate", str(path)]) == 1
    err = capsys.readouterr().err
    assert "2 problems" in err
    assert "services[0].agency: unknown agency 'nobody'" in err
    assert "counters[0].venue: unknown venue 'nowhere'" in err


def test_unknown_builtin_name_suggests(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", "probolingo"]) == 1
    assert "did you mean 'probolinggo'" in capsys.readouterr().err


def test_show_summarises_agencies_by_level_venues_counters_services(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["show", "probolinggo"]) == 0
    out = capsys.readouterr().out
    assert "Agencies by level:" in out
    assert "  city (" in out
    assert "mpp [mpp]" in out
    assert "mpp-dukcapil:" in out
    assert "kia: " in out


def test_graph_mermaid_and_dot_for_one_service(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["graph", "probolinggo", "--service", "kia", "--format", "mermaid"]) == 0
    assert capsys.readouterr().out.startswith("flowchart LR")
    assert main(["graph", "probolinggo", "--format", "dot"]) == 0
    assert capsys.readouterr().out.startswith('digraph "probolinggo"')
    assert main(["graph", "probolinggo", "--service", "kai"]) == 1
    assert "did you mean 'kia'" in capsys.readouterr().err


def test_plan_text_and_json(capsys: pytest.CaptureFixture[str]) -> None:
    args = [
        "plan",
        "probolinggo",
        "kelahiran",
        "--holding",
        "surat-keterangan-lahir",
        "kk",
        "buku-nikah",
        "--start",
        "2026-12-01",
    ]
    assert main(args) == 0
    assert "Visit 1: Tue 1 Dec 2026" in capsys.readouterr().out
    assert main([*args, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["counters"] == ["mpp-dukcapil"]
    assert data["start"] == "2026-12-01"


def test_plan_with_venue_kind_and_objective(capsys: pytest.CaptureFixture[str]) -> None:
    args = [
        "plan",
        "probolinggo",
        "kia",
        "--holding",
        "akta-kelahiran",
        "kk",
        "ktp-el",
        "--start",
        "2026-12-01",
        "--venue",
        "popup",
        "--objective",
        "venues",
        "--json",
    ]
    assert main(args) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["venues"][0] in {"twsl", "pantai-permata-pilang", "museum-rasulullah"}
    assert data["objective"] == "venues"


def test_plan_errors_exit_1(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["plan", "probolinggo", "kia2", "--start", "2026-12-01"]) == 1
    assert "did you mean 'kia'" in capsys.readouterr().err


def test_bad_command_line_exits_2() -> None:
    with pytest.raises(SystemExit) as info:
        main(["plan", "probolinggo", "kia", "--start", "tomorrow"])
    assert info.value.code == 2


def test_console_script_runs_as_a_module() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "onestop", "validate", "probolinggo"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0
    assert "valid" in result.stdout
