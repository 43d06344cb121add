"""The catalogue linter: each check on a small catalogue, and the built-ins clean of errors."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

import onestop
from onestop import Finding, lint
from onestop.cli import main

TODAY = dt.date(2026, 12, 2)


def catalogue(**changes: Any) -> dict[str, Any]:
    """A small catalogue that lints clean of errors and warnings; tests break one thing."""
    data: dict[str, Any] = {
        "format": "onestop/1",
        "id": "demo",
        "name": "Demo",
        "complaints": "SP4N-LAPOR!",
        "agencies": [{"id": "dukcapil", "name": "Dukcapil", "level": "city"}],
        "documents": [
            {"id": "surat-lahir", "name": "Surat keterangan lahir"},
            {"id": "akta-kelahiran", "name": "Akta kelahiran"},
            {"id": "kia", "name": "Kartu Identitas Anak"},
        ],
        "services": [
            {
                "id": "akta",
                "name": "Akta kelahiran",
                "agency": "dukcapil",
                "requires": ["surat-lahir"],
                "produces": ["akta-kelahiran"],
                "procedure": ["Serahkan berkas"],
                "legal_basis": ["Perpres 96/2018"],
                "source": "https://example.org/akta",
            },
            {
                "id": "kia",
                "name": "KIA",
                "agency": "dukcapil",
                "requires": ["akta-kelahiran"],
                "produces": ["kia"],
                "procedure": ["Serahkan akta"],
                "legal_basis": ["Permendagri 2/2016"],
                "source": "https://example.org/kia",
            },
        ],
        "bundles": [{"id": "kelahiran", "name": "Kelahiran", "services": ["akta", "kia"]}],
        "venues": [
            {
                "id": "mpp",
                "name": "MPP",
                "kind": "mpp",
                "hours": [{"days": ["MO", "TU", "WE"], "open": "08:00", "close": "15:00"}],
            }
        ],
        "counters": [{"id": "loket", "venue": "mpp", "services": ["akta", "kia"]}],
    }
    data.update(changes)
    return data


def findings(data: dict[str, Any]) -> list[Finding]:
    return list(lint(onestop.from_dict(data), today=TODAY))


def codes(data: dict[str, Any], *severities: str) -> list[tuple[str, str, str]]:
    wanted = severities or ("error", "warning", "info")
    return [(f.severity, f.code, f.path) for f in findings(data) if f.severity in wanted]


def test_the_small_catalogue_is_clean() -> None:
    assert codes(catalogue()) == []


@pytest.mark.parametrize("name", onestop.builtin_names())
def test_every_builtin_has_no_error_and_only_known_warnings(name: str) -> None:
    found = lint(onestop.builtin(name))
    assert [str(f) for f in found if f.severity == "error"] == []
    assert [str(f) for f in found if f.severity == "warning" and not f.known] == []
    assert [str(f) for f in found if f.code == "known-stale"] == []


def test_a_bundle_with_a_service_no_counter_offers_is_an_error() -> None:
    # The issue's case: validate accepts it, and only plan() used to say so.
    data = catalogue(counters=[{"id": "loket", "venue": "mpp", "services": ["akta"]}])
    (error,) = [f for f in findings(data) if f.severity == "error"]
    assert (error.code, error.path, error.subject) == (
        "bundle-service-not-offered",
        "bundles.kelahiran",
        "kelahiran",
    )
    assert "'kia' is offered by no counter" in error.message
    assert ("warning", "service-not-offered", "services.kia") in codes(data)


def test_a_bundle_service_blocked_by_a_cycle_is_an_error_that_says_why() -> None:
    data = catalogue()
    data["services"][0]["requires"] = ["kia"]  # akta needs the KIA that needs the akta
    errors = [f for f in findings(data) if f.severity == "error"]
    assert [(f.code, f.message.split(": it needs ")[1]) for f in errors] == [
        ("bundle-service-unreachable", "'kia' (its issuing services cannot be finished either)"),
        ("bundle-service-unreachable", "'akta-kelahiran' (its issuing services cannot be "
         "finished either)"),
    ]  # fmt: skip
    assert ("info", "dependency-cycle", "services.akta") in codes(data)
    assert ("warning", "document-unused", "documents.surat-lahir") in codes(data)


def test_an_offered_service_needing_an_output_nobody_offers_is_information() -> None:
    data = catalogue(bundles=[])
    data["services"].append(
        {"id": "akta-baru", "name": "Akta", "agency": "dukcapil", "produces": ["akta-kelahiran"]}
    )
    data["services"][0]["produces"] = ["surat-lahir"]
    data["services"][0]["requires"] = []
    data["services"][1]["requires"] = ["akta-kelahiran"]
    data["counters"] = [{"id": "loket", "venue": "mpp", "services": ["akta", "kia"]}]
    found = {f.code: f for f in findings(data)}
    assert found["service-unreachable"].path == "services.kia"
    assert "'akta-kelahiran' (issued by 'akta-baru', which no counter offers)" in (
        found["service-unreachable"].message
    )


def test_a_counter_inside_another_at_the_same_venue_is_redundant() -> None:
    data = catalogue()
    data["counters"] = [
        {"id": "loket", "venue": "mpp", "services": ["akta", "kia"]},
        {"id": "loket-2", "venue": "mpp", "services": ["kia"]},
        {"id": "loket-3", "venue": "mpp", "services": ["akta", "kia"]},
    ]
    assert codes(data, "warning") == [
        ("warning", "counter-redundant", "counters.loket-2"),
        ("warning", "counter-redundant", "counters.loket-3"),  # the later of two equal ones
    ]
    data["venues"].append({"id": "popup", "name": "Pop-up", "kind": "popup"})
    data["counters"] = [
        data["counters"][0],
        {"id": "keliling", "venue": "popup", "services": ["kia"]},
    ]
    assert codes(data, "warning") == []  # another venue is not redundant


def test_documents_nobody_uses_and_government_outputs_nobody_issues() -> None:
    data = catalogue()
    data["documents"] += [
        {"id": "foto", "name": "Pas foto"},
        {"id": "sertifikat-tanah", "name": "Sertifikat hak atas tanah"},
    ]
    data["services"][1]["requires"] = ["akta-kelahiran", "sertifikat-tanah"]
    found = codes(data)
    assert ("warning", "document-unused", "documents.foto") in found
    assert ("info", "document-issued-elsewhere", "documents.sertifikat-tanah") in found
    assert ("info", "document-issued-elsewhere", "documents.surat-lahir") not in found
    message = next(f.message for f in findings(data) if f.code == "document-issued-elsewhere")
    assert "its name starts with 'sertifikat'" in message


def test_venue_hours_checks() -> None:
    data = catalogue()
    data["venues"] += [
        {"id": "kantor", "name": "Kantor", "kind": "office"},
        {"id": "baru", "name": "MPP baru", "kind": "mpp", "status": "planned"},
        {"id": "portal", "name": "Portal", "kind": "online"},
        {
            "id": "drive-thru",
            "name": "Drive-thru",
            "kind": "office",
            "hours": [
                {"days": ["SA"], "open": "08:00", "close": "12:00", "until": "2021-12-31"},
                {"days": ["MO"], "open": "08:00", "close": "12:00"},
            ],
        },
        {
            "id": "keliling",
            "name": "Pop-up",
            "kind": "popup",
            "hours": [{"rrule": "DTSTART:20250105\nRRULE:FREQ=MONTHLY;COUNT=3;BYDAY=1SU",
                       "open": "07:00", "close": "10:00"}],
        },
    ]  # fmt: skip
    assert codes(data) == [
        ("warning", "venue-without-hours", "venues.kantor"),
        ("warning", "planned-without-hours", "venues.baru"),
        ("warning", "no-date-this-year", "venues.keliling"),
        ("info", "hours-ended", "venues.drive-thru.hours[0]"),
    ]
    popup = next(f for f in findings(data) if f.code == "no-date-this-year")
    assert "pop-up rule gives no open date from 2026-12-02 to 2027-12-02" in popup.message


def test_a_venue_whose_every_hours_entry_ended_is_history_not_a_missing_rule() -> None:
    data = catalogue()
    ended = {"days": ["SA"], "open": "08:00", "close": "12:00", "until": "2021-06-30"}
    data["venues"] += [
        {"id": "drive-thru", "name": "Drive-thru", "kind": "office", "hours": [ended, ended]}
    ]
    assert codes(data) == [
        ("info", "hours-ended", "venues.drive-thru.hours[0]"),
        ("info", "hours-ended", "venues.drive-thru.hours[1]"),
    ]


def test_service_standard_components_and_sources() -> None:
    data = catalogue(complaints=None)
    del data["services"][0]["procedure"]
    del data["services"][1]["source"]
    found = {(f.code, f.path): f for f in findings(data)}
    assert found["standard-incomplete", "services.akta"].message == (
        "the service standard's procedure, complaints are not given (PermenPAN-RB 15/2014)"
    )
    assert found["standard-incomplete", "services.kia"].message.startswith(
        "the service standard's complaints is not given"
    )
    assert found["service-without-source", "services.kia"].severity == "warning"
    data["agencies"][0]["complaints"] = ["Loket pengaduan"]  # the agency's channel counts
    assert [f.code for f in findings(data) if f.path == "services.kia"] == [
        "service-without-source"
    ]


def test_assumptions_are_counted_per_catalogue() -> None:
    data = catalogue()
    data["services"][0]["note"] = "assumed: 15 minutes"
    data["counters"][0]["note"] = "Services Assumed: from the agency's remit"
    data["documents"][0]["note"] = "not an assumption"
    (count,) = [f for f in findings(data) if f.code == "assumptions"]
    assert count.message.startswith("2 of 9 entries (22%) rest on an assumption")


def test_warnings_listed_in_the_note_are_known_and_stale_entries_are_said() -> None:
    data = catalogue(
        counters=[{"id": "loket", "venue": "mpp", "services": ["akta", "kia"]}],
        note="Facts from the city. lint-known: service-not-offered kia-lama; document-unused foto",
    )
    data["documents"].append({"id": "foto", "name": "Pas foto"})
    found = findings(data)
    unused = next(f for f in found if f.code == "document-unused")
    assert unused.known and str(unused).endswith("(known)")
    stale = next(f for f in found if f.code == "known-stale")
    assert (stale.severity, stale.subject) == ("info", "kia-lama")


def test_errors_cannot_be_known() -> None:
    data = catalogue(
        counters=[{"id": "loket", "venue": "mpp", "services": ["akta"]}],
        note="lint-known: bundle-service-not-offered kelahiran",
    )
    error = next(f for f in findings(data) if f.severity == "error")
    assert not error.known


def test_a_catalogue_without_counters_is_a_base() -> None:
    found = lint(onestop.builtin("national"), today=TODAY)
    assert [f.code for f in found if f.severity != "info"] == []
    assert "no-counters" in {f.code for f in found}


def test_findings_are_sorted_by_severity_and_the_same_every_run() -> None:
    cat = onestop.builtin("surabaya")
    first = lint(cat, today=TODAY)
    rank = {"error": 0, "warning": 1, "info": 2}
    assert [rank[f.severity] for f in first] == sorted(rank[f.severity] for f in first)
    assert lint(cat, today=TODAY) == first
    assert json.loads(json.dumps([f.to_dict() for f in first]))[0]["code"] == first[0].code


def test_cli_lint_exits_1_on_an_error_and_prints_json(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["lint", "probolinggo"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("probolinggo: 0 errors, 6 warnings (6 known), ")
    path = tmp_path / "bad.json"
    data = catalogue(counters=[{"id": "loket", "venue": "mpp", "services": ["akta"]}])
    path.write_text(json.dumps(data))
    assert main(["lint", str(path), "--min-severity", "error"]) == 1
    out = capsys.readouterr().out
    assert out.splitlines()[1].startswith("  error bundle-service-not-offered bundles.kelahiran:")
    assert len(out.splitlines()) == 2
    assert main(["lint", str(path), "--json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["counts"] == {"error": 1, "warning": 1}
    assert [f["code"] for f in report["findings"]] == [
        "bundle-service-not-offered",
        "service-not-offered",
    ]


def test_every_code_is_documented_with_its_severity() -> None:
    from onestop.linter import CODES

    page = (Path(__file__).parent.parent / "docs" / "lint.md").read_text(encoding="utf-8")
    rows = [line.split("|") for line in page.splitlines() if line.startswith("| `")]
    documented = {cells[1].strip().strip("`"): cells[2].strip() for cells in rows}
    assert documented == dict(CODES)


def test_a_finding_with_an_unknown_code_or_the_wrong_severity_is_refused() -> None:
    with pytest.raises(ValueError, match="not a linter code"):
        Finding("warning", "made-up", "", "", "x")
    with pytest.raises(ValueError, match="of severity 'info'"):
        Finding("info", "service-not-offered", "", "", "x")
