"""A mall's assessment summary: the facts per aspect, with and without a survey."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import onestop
from onestop.cli import main
from onestop.survey import ELEMENTS, SurveyError, ikm


def small() -> onestop.Catalogue:
    return onestop.from_dict(
        {
            "format": "onestop/1",
            "id": "demo",
            "name": "MPP Demo",
            "agencies": [
                {"id": "dukcapil", "name": "Dukcapil", "level": "city",
                 "complaints": "Loket pengaduan"},
                {"id": "polres", "name": "Polres", "level": "vertical"},
                {"id": "bpn", "name": "BPN", "level": "vertical"},
            ],
            "documents": [{"id": "kk", "name": "KK"}, {"id": "sim", "name": "SIM"}],
            "services": [
                {"id": "kk", "name": "KK", "agency": "dukcapil", "produces": ["kk"],
                 "procedure": ["Antre", "Serahkan berkas"], "legal_basis": ["UU 24/2013"],
                 "source": "https://example.org"},
                {"id": "sim", "name": "SIM", "agency": "polres", "produces": ["sim"]},
                {"id": "sertifikat", "name": "Sertifikat", "agency": "bpn"},
            ],
            "venues": [
                {"id": "mpp", "name": "MPP", "kind": "mpp",
                 "hours": [{"days": ["MO"], "open": "08:00", "close": "12:00"}]},
                {"id": "sim-drive-thru", "name": "SIM keliling", "kind": "popup"},
                {"id": "portal", "name": "Portal", "kind": "online"},
            ],
            "counters": [
                {"id": "loket-kk", "venue": "mpp", "services": ["kk"]},
                {"id": "loket-sim", "venue": "sim-drive-thru", "services": ["sim"]},
                {"id": "daring", "venue": "portal", "services": ["kk"]},
            ],
        }
    )  # fmt: skip


def facts(summary: onestop.Assessment, key: str) -> tuple[str, ...]:
    return summary.aspect(key).shown


def test_the_six_aspects_in_the_assessments_order_each_saying_what_needs_an_assessor() -> None:
    summary = onestop.assessment(small())
    assert [(a.key, a.name) for a in summary.aspects] == [
        ("policy", "Kebijakan pelayanan"),
        ("staff", "Profesionalisme SDM"),
        ("facilities", "Sarana dan prasarana"),
        ("information", "Sistem informasi pelayanan publik"),
        ("complaints", "Konsultasi dan pengaduan"),
        ("innovation", "Inovasi"),
    ]
    assert all(a.for_assessor for a in summary.aspects)
    with pytest.raises(KeyError, match="unknown aspect 'budget'"):
        summary.aspect("budget")


def test_the_facts_the_catalogue_shows() -> None:
    summary = onestop.assessment(small())
    assert facts(summary, "policy")[:3] == (
        "services with a published procedure: 1 of 3 (33%)",
        "services with a legal basis: 1 of 3 (33%)",
        "services whose facts cite a source: 1 of 3 (33%)",
    )
    assert facts(summary, "staff")[0] == (
        "2 agencies serve at 3 counters; by level: vertical 1, city 1"
    )
    assert facts(summary, "facilities")[0] == "venues by kind: mpp 1, office 0, popup 1, online 1"
    assert facts(summary, "information") == (
        "online channels (1): portal",
        "services offered online: 1 of 3 (33%)",
        "venues with published hours: 2 of 3 (67%)",
    )
    assert facts(summary, "complaints") == (
        "complaint channels (1): Loket pengaduan",
        "services with a complaint channel: 1 of 3 (33%)",
        "no satisfaction survey given",
    )
    assert facts(summary, "innovation") == (
        "drive-thru venues (1): sim-drive-thru",
        "pop-up venues (1): sim-drive-thru, offering 1 service",
        "online channels (1): portal",
    )
    assert summary.satisfaction is None


def test_a_survey_adds_the_index_and_its_elements() -> None:
    rows: list[dict[str, Any]] = [dict.fromkeys(ELEMENTS, 4), dict.fromkeys(ELEMENTS, 3)]
    rows[1]["pengaduan"] = 1
    summary = onestop.assessment(small(), rows)
    assert summary.satisfaction == ikm(rows)
    assert "satisfaction index (IKM): 84.72, B (Baik), 2 respondents" in facts(summary, "policy")
    assert facts(summary, "staff")[1:] == (
        "survey element kompetensi: 87.50 (B) from 2 answers",
        "survey element perilaku: 87.50 (B) from 2 answers",
    )
    assert facts(summary, "complaints")[-1] == "survey element pengaduan: 62.50 (D) from 2 answers"
    assert onestop.assessment(small(), ikm(rows, population=100)).satisfaction == ikm(
        rows, population=100
    )
    with_warning = onestop.assessment(small(), ikm(rows, population=100))
    assert facts(with_warning, "policy")[-1].startswith("survey warning: 2 respondents are below")


def test_bad_survey_answers_raise() -> None:
    with pytest.raises(SurveyError):
        onestop.assessment(small(), [{"waktu": 7}])


def test_the_summary_as_data_and_as_text() -> None:
    summary = onestop.assessment(small(), [dict.fromkeys(ELEMENTS, 4)])
    data = json.loads(json.dumps(summary.to_dict()))
    assert data["satisfaction"]["score"] == 100.0
    assert data["aspects"][5]["shown"][0] == "drive-thru venues (1): sim-drive-thru"
    text = str(summary)
    assert text.startswith("Assessment summary: MPP Demo (demo)\n\nKebijakan pelayanan (Service")
    assert "  needs an assessor: whether complaints are answered" in text


@pytest.mark.parametrize("name", onestop.builtin_names())
def test_every_builtin_catalogue_can_be_summarised(name: str) -> None:
    summary = onestop.assessment(onestop.builtin(name))
    assert len(summary.aspects) == 6 and all(a.shown for a in summary.aspects)


def test_cli_assess_with_a_survey_as_text_and_json(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "survey.csv"
    path.write_text(",".join(ELEMENTS) + "\n" + ",".join("3" * 9) + "\n", encoding="utf-8")
    assert main(["assess", "yogyakarta", "--survey", str(path)]) == 0
    out = capsys.readouterr().out
    assert "  - satisfaction index (IKM): 75.00, C (Kurang baik), 1 respondent\n" in out
    assert (
        "  - drive-thru venues (1): mpp-drive-thru; "
        "not open in the coming year: dindukcapil-drive-thru\n" in out
    )
    assert main(["assess", "probolinggo", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["aspects"][0]["key"] == "policy"
    path.write_text("waktu\n9\n", encoding="utf-8")
    assert main(["assess", "probolinggo", "--survey", str(path)]) == 1
    assert "row 1, waktu: answer 9 is not one of 1, 2, 3, 4" in capsys.readouterr().err
    assert main(["assess", "probolinggo", "--survey", str(tmp_path / "none.csv")]) == 1
