"""Survey answers from CSV files and DataFrames, and the ``onestop ikm`` command."""

from __future__ import annotations

import json
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest

from onestop.cli import main
from onestop.survey import ELEMENTS, SurveyError, ikm, ikm_by, read_csv

WORKED = [
    (4, 3, 3, 4, 3, 4, 4, 3, 3),
    (3, 2, 3, 4, 3, 3, 3, 3, 3),
    (3, 3, 2, 4, 3, 3, 4, 3, 2),
    (4, 4, 3, 4, 4, 4, 4, 4, 3),
]
COUNTERS = ["dukcapil", "dukcapil", "samsat", "samsat"]


def write_survey(path: Path, sep: str = ",", by: bool = True) -> Path:
    header = [*ELEMENTS, "counter"] if by else list(ELEMENTS)
    lines = [sep.join(header)]
    for row, counter in zip(WORKED, COUNTERS, strict=True):
        cells = [str(a) for a in row] + ([counter] if by else [])
        lines.append(sep.join(cells))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_read_csv_gives_numbers_for_elements_and_text_for_other_columns(tmp_path: Path) -> None:
    rows = read_csv(write_survey(tmp_path / "s.csv"))
    assert rows[0] == dict(zip(ELEMENTS, WORKED[0], strict=True)) | {"counter": "dukcapil"}
    assert ikm_by(rows, "counter")["samsat"].score == Decimal("84.72")  # (27 + 34) / 18 x 25


def test_read_csv_takes_semicolons_a_bom_blank_cells_and_blank_lines(tmp_path: Path) -> None:
    path = tmp_path / "s.csv"
    text = ";".join(ELEMENTS) + "\n" + ";".join("3" * 9) + "\n\n4;4;;4;4;4;4;4\n"
    path.write_text("\ufeff" + text, encoding="utf-8")
    rows = read_csv(path)
    assert rows[1] == {}
    assert rows[2]["waktu"] is None
    assert "sarana" not in rows[2]  # a short line leaves the last columns unanswered
    result = ikm(rows)
    assert result.respondents == 2
    assert result.mean("waktu") == 3
    assert result.mean("sarana") == 3
    assert result.warnings == ("row 2 answered no element; not counted",)


def test_read_csv_reports_a_bad_header_and_long_lines_with_their_lines(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("waktu,,waktu\n1,2,3\n1,2,3,4\n", encoding="utf-8")
    with pytest.raises(SurveyError) as info:
        read_csv(path)
    assert [str(p) for p in info.value.problems] == [
        "line 1: column 2 has no name",
        "line 1: column 3 has a repeated name",
        "line 3: 4 cells, but the header names 3",
    ]
    assert info.value.source == str(path)


def test_a_dataframe_with_gaps_scores_as_the_same_rows() -> None:
    pd = pytest.importorskip("pandas")  # the analysis extra; `make test` has it
    rows: list[dict[str, int | None]] = [dict(zip(ELEMENTS, r, strict=True)) for r in WORKED]
    rows[0]["waktu"] = None
    frame = pd.DataFrame(rows)
    assert frame["waktu"].dtype == float  # pandas turns the gap into NaN
    assert ikm(frame) == ikm(rows)
    assert ikm(frame).mean("waktu") == Fraction(8, 3)


def test_a_dataframe_names_bad_rows_by_index_label() -> None:
    pd = pytest.importorskip("pandas")  # the analysis extra; `make test` has it
    frame = pd.DataFrame(
        [dict.fromkeys(ELEMENTS, 3), dict.fromkeys(ELEMENTS, 3) | {"biaya": 7}],
        index=["r1", "r2"],
    )
    with pytest.raises(SurveyError) as info:
        ikm(frame)
    assert [str(p) for p in info.value.problems] == [
        "row r2, biaya: answer 7 is not one of 1, 2, 3, 4"
    ]


def test_ikm_by_on_a_dataframe_returns_a_dataframe_per_group() -> None:
    pd = pytest.importorskip("pandas")  # the analysis extra; `make test` has it
    frame = pd.DataFrame([dict(zip(ELEMENTS, r, strict=True)) for r in WORKED])
    frame["counter"] = COUNTERS
    table = ikm_by(frame, "counter", population={"samsat": 2})
    assert list(table.index) == ["dukcapil", "samsat"]
    assert table.index.name == "counter"
    assert table.loc["samsat", "score"] == Decimal("84.72")
    assert table.loc["samsat", "waktu"] == Decimal("2.5000")
    assert not table.loc["samsat", "below_minimum"]
    expected = ikm(frame[frame["counter"] == "dukcapil"].drop(columns="counter"))
    assert table.loc["dukcapil", "score"] == expected.score


def test_cli_ikm_prints_the_index_and_each_element(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_survey(tmp_path / "s.csv", by=False)
    assert main(["ikm", str(path), "--population", "100"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("IKM 82.64 (B, Baik) from 4 respondents; index 3.3056\n")
    assert "  sarana             4  2.7500   68.75  C" in out
    assert "warning: 4 respondents are below the Krejcie-Morgan minimum of 80" in out


def test_cli_ikm_by_counter_as_text_and_json(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_survey(tmp_path / "s.tsv", sep="\t")
    assert main(["ikm", str(path), "--by", "counter"]) == 0
    out = capsys.readouterr().out
    assert "By counter:\n  dukcapil: IKM 80.56 (B, Baik), 2 respondents\n" in out
    assert main(["ikm", str(path), "--by", "counter", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["overall"]["score"] == 82.64
    assert data["by"] == "counter"
    assert data["groups"]["samsat"]["elements"]["waktu"]["mean"] == "5/2"


def test_cli_ikm_exits_1_listing_every_problem(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(",".join(ELEMENTS) + "\n5,3,3,3,3,3,3,3,x\n", encoding="utf-8")
    assert main(["ikm", str(path)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"{path}: 2 problems in the survey answers\n")
    assert "row 1, persyaratan: answer 5 is not one of 1, 2, 3, 4" in err
    assert "row 1, sarana: answer 'x' is text" in err


def test_cli_ikm_json_prints_errors_as_json_like_plan(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(",".join(ELEMENTS) + "\n5,3,3,3,3,3,3,3,x\n", encoding="utf-8")
    assert main(["ikm", str(path), "--json"]) == 1
    captured = capsys.readouterr()
    assert captured.err == ""
    data = json.loads(captured.out)
    assert (data["error"], data["source"]) == ("survey", str(path))
    assert data["problems"][0] == {
        "path": "row 1, persyaratan",
        "message": "answer 5 is not one of 1, 2, 3, 4",
    }
    assert main(["ikm", str(write_survey(tmp_path / "s.csv")), "--by", "nope", "--json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert "row 1, nope: no value to group by 'nope'" in [
        f"{p['path']}: {p['message']}" for p in data["problems"]
    ]
    assert main(["ikm", str(tmp_path / "none.csv"), "--json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["source"] == str(tmp_path / "none.csv")
    assert "No such file" in data["problems"][0]["message"]


def test_cli_ikm_on_a_missing_file_or_bad_population(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["ikm", str(tmp_path / "none.csv")]) == 1
    assert "none.csv" in capsys.readouterr().err
    with pytest.raises(SystemExit) as info:
        main(["ikm", "s.csv", "--population", "0"])
    assert info.value.code == 2


def test_cli_ikm_by_prints_each_groups_warnings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_survey(tmp_path / "s.csv")
    with path.open("a", encoding="utf-8") as out:
        out.write("," * 9 + "samsat\n")  # a samsat respondent who answered nothing
    assert main(["ikm", str(path), "--by", "counter"]) == 0
    out = capsys.readouterr().out
    assert "  samsat: IKM 84.72 (B, Baik), 2 respondents\n" in out
    assert "    warning: row 5 answered no element; not counted\n" in out
