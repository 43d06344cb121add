"""The onestop command: exit statuses and output of each subcommand."""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import onestop
from onestop.cli import SUBCOMMANDS, main


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


# ------------------------------------------------------- behaving in a pipe
@pytest.mark.parametrize(
    "args",
    [
        ["show", "surabaya"],
        [
            "plan",
            "surabaya",
            "kelahiran",
            "--holding",
            "surat-keterangan-lahir,kk,buku-nikah",
            "--start",
            "2026-12-01",
        ],
    ],
)
def test_a_closed_pipe_ends_the_command_quietly(args: list[str]) -> None:
    # The reader is gone before the first write (as `| head -1` is after its line),
    # so every write fails: the command must stop without a traceback.
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        result = subprocess.run(
            [sys.executable, "-m", "onestop", *args],
            stdout=write_end,
            stderr=subprocess.PIPE,
            text=True,
            check=False,
            timeout=120,
        )
    finally:
        os.close(write_end)
    assert result.stderr == ""
    assert result.returncode == 0


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["--version"])
    assert info.value.code == 0
    assert capsys.readouterr().out.strip() == f"onestop {onestop.__version__}"


def test_help_lists_the_built_ins_and_the_exit_codes(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    assert f"built-in catalogues: {', '.join(onestop.builtin_names())}" in out
    assert "0  done" in out and "1  the catalogue or the plan has problems" in out
    assert "2  a wrong command line" in out


def test_every_option_of_every_subcommand_has_help() -> None:
    sub = argparse.ArgumentParser().add_subparsers()
    for register in SUBCOMMANDS:
        register(sub)
    assert set(sub.choices) >= {"validate", "show", "graph", "plan"}
    for name, parser in sub.choices.items():
        for action in parser._actions:
            assert action.help, f"{name} {action.option_strings or action.dest}"


# ------------------------------------------------------------- --holding
PLAN = ["plan", "probolinggo", "kelahiran", "--start", "2026-12-01", "--json"]


@pytest.mark.parametrize(
    "holding",
    [
        ["--holding", "surat-keterangan-lahir,kk,buku-nikah"],
        ["--holding", "surat-keterangan-lahir", "kk", "buku-nikah"],
        ["--holding", "surat-keterangan-lahir,kk", "--holding", "buku-nikah"],
    ],
)
def test_holding_takes_commas_or_spaces(
    holding: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([*PLAN, *holding]) == 0
    data = json.loads(capsys.readouterr().out)
    assert sorted(data["holding"]) == ["buku-nikah", "kk", "surat-keterangan-lahir"]


def test_goals_after_holding_are_a_clear_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["plan", "probolinggo", "--holding", "kk", "ktp-el", "akta-kelahiran", "kia"])
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert "no goals: write the goals right after the catalogue, before the options" in err


# ------------------------------------------------------------ JSON errors
def test_plan_json_prints_a_planning_error_as_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["plan", "probolinggo", "kia2", "--start", "2026-12-01", "--json"]) == 1
    captured = capsys.readouterr()
    data = json.loads(captured.out)
    assert data["error"] == "planning"
    assert data["problems"][0]["path"] == "goals[0]"
    assert "did you mean 'kia'" in data["problems"][0]["message"]
    assert captured.err == ""


def test_plan_json_prints_a_catalogue_error_as_json(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("format: onestop/1\nid: bad\nname: Bad\nextends: /etc/passwd.json\n")
    assert main(["plan", str(path), "kia", "--json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["error"] == "catalogue"
    assert data["source"] == str(path)
    assert data["problems"] == [
        {
            "path": "extends",
            "message": "'/etc/passwd.json' is an absolute path: write it relative to the "
            "extending file",
        }
    ]


def test_root_widens_where_extends_may_read(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    (tmp_path / "shared").mkdir()
    (tmp_path / "kota").mkdir()
    onestop.dump(onestop.builtin("national"), tmp_path / "shared" / "base.yaml")
    city = tmp_path / "kota" / "city.yaml"
    city.write_text("format: onestop/1\nid: kota\nname: Kota\nextends: ../shared/base.yaml\n")
    assert main(["validate", str(city)]) == 1
    assert "outside the root folder" in capsys.readouterr().err
    assert main(["validate", str(city), "--root", str(tmp_path)]) == 0


def test_a_start_past_the_calendars_is_one_clear_error(capsys: pytest.CaptureFixture[str]) -> None:
    args = ["plan", "probolinggo", "kia", "--holding", "kk,akta-kelahiran", "--start", "9999-12-31"]
    assert main(args) == 1
    err = capsys.readouterr().err
    assert "start: 9999-12-31 is outside the calendars' range" in err
    assert "Traceback" not in err
