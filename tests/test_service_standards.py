"""Service standards in the format: procedure, legal basis and where to complain.

A project addition (PermenPAN-RB 15/2014's delivery components, rules.md 2):
optional keys that round-trip in every format and are listed by ``show``.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

import onestop
from onestop import CatalogueError
from onestop.cli import main


def standard_catalogue() -> dict[str, Any]:
    return {
        "format": "onestop/1",
        "id": "demo",
        "name": "Demo",
        "complaints": "SP4N-LAPOR! https://www.lapor.go.id",
        "agencies": [
            {"id": "dukcapil", "name": "Dukcapil", "level": "city",
             "complaints": ["WhatsApp 0811-000-000", "pengaduan@dukcapil.example"]},
            {"id": "dpmptsp", "name": "DPMPTSP", "level": "city"},
        ],
        "documents": [{"id": "kk", "name": "Kartu Keluarga"}, {"id": "nib", "name": "NIB"}],
        "services": [
            {
                "id": "kk-baru",
                "name": "KK baru",
                "agency": "dukcapil",
                "produces": ["kk"],
                "procedure": ["Ambil nomor antrean", "Serahkan berkas", "Terima KK"],
                "legal_basis": ["UU 24/2013", "Perpres 96/2018"],
                "complaints": "Loket pengaduan MPP",
            },
            {"id": "kk-ubah", "name": "KK perubahan", "agency": "dukcapil", "produces": ["kk"]},
            {"id": "nib", "name": "NIB", "agency": "dpmptsp", "produces": ["nib"]},
        ],
        "venues": [{"id": "mpp", "name": "MPP", "kind": "mpp"}],
        "counters": [{"id": "loket", "venue": "mpp", "services": ["kk-baru", "kk-ubah", "nib"]}],
    }  # fmt: skip


def problems(data: Any) -> list[str]:
    with pytest.raises(CatalogueError) as info:
        onestop.from_dict(data)
    return [str(p) for p in info.value.problems]


def test_the_standard_keys_are_read_into_the_model() -> None:
    cat = onestop.from_dict(standard_catalogue())
    kk = cat.service("kk-baru")
    assert kk.procedure == ("Ambil nomor antrean", "Serahkan berkas", "Terima KK")
    assert kk.legal_basis == ("UU 24/2013", "Perpres 96/2018")
    assert kk.complaints == ("Loket pengaduan MPP",)  # one channel is a list of one
    assert cat.agency("dukcapil").complaints == (
        "WhatsApp 0811-000-000",
        "pengaduan@dukcapil.example",
    )
    assert cat.complaints == ("SP4N-LAPOR! https://www.lapor.go.id",)


def test_complaints_fall_back_from_service_to_agency_to_catalogue() -> None:
    cat = onestop.from_dict(standard_catalogue())
    assert cat.complaints_for("kk-baru") == ("Loket pengaduan MPP",)
    assert cat.complaints_for("kk-ubah") == cat.agency("dukcapil").complaints
    assert cat.complaints_for("nib") == cat.complaints
    with pytest.raises(KeyError, match="did you mean 'nib'"):
        cat.complaints_for("nib2")


@pytest.mark.parametrize("fmt", ["yaml", "json", "toml"])
def test_the_standard_keys_round_trip_in_every_format(fmt: str) -> None:
    cat = onestop.from_dict(standard_catalogue())
    assert onestop.loads(onestop.dumps(cat, fmt), fmt) == cat
    data = onestop.to_dict(cat)
    assert list(data)[:5] == ["format", "id", "name", "complaints", "agencies"]
    assert data["services"][0]["complaints"] == ["Loket pengaduan MPP"]
    assert "procedure" not in data["services"][1]  # defaults are left out


def test_catalogues_without_the_keys_are_unchanged() -> None:
    cat = onestop.builtin("probolinggo")
    assert all(s.procedure == () and s.legal_basis == () for s in cat.services)


@pytest.mark.parametrize(
    ("path", "value", "expected"),
    [
        (("services", 0, "procedure"), "Ambil antrean", "services[0].procedure: expected a list, "
         "got the string 'Ambil antrean'"),
        (("services", 0, "procedure"), ["a", " "], "services[0].procedure[1]: must not be empty"),
        (("services", 0, "procedure"), ["a", "a"],
         "services[0].procedure[1]: 'a' is listed twice (first at [0])"),
        (("services", 0, "legal_basis"), [2013], "services[0].legal_basis[0]: expected a string, "
         "got the number 2013"),
        (("services", 0, "complaints"), 7, "services[0].complaints: expected a complaint channel "
         "or a list of them, got the number 7"),
        (("agencies", 0, "complaints"), [""], "agencies[0].complaints[0]: must not be empty"),
        (("complaints",), {"lapor": "x"}, "complaints: expected a complaint channel or a list of "
         "them, got a mapping"),
    ],
)  # fmt: skip
def test_bad_standard_values_are_reported_with_their_path(
    path: tuple[Any, ...], value: Any, expected: str
) -> None:
    data = standard_catalogue()
    node: Any = data
    for part in path[:-1]:
        node = node[part]
    node[path[-1]] = value
    assert problems(data) == [expected]


def test_a_misspelt_standard_key_suggests_the_right_one() -> None:
    data = standard_catalogue()
    data["services"][0]["legal_bases"] = data["services"][0].pop("legal_basis")
    assert problems(data) == [
        "services[0].legal_bases: unknown key 'legal_bases' in a service "
        "(did you mean 'legal_basis'?)"
    ]


def test_the_model_refuses_a_list_or_a_bare_string_where_a_tuple_belongs() -> None:
    with pytest.raises(TypeError):
        onestop.Service(id="s", name="S", agency="a", procedure=["step"])  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        onestop.Agency(id="a", name="A", level="city", complaints="LAPOR!")  # type: ignore[arg-type]


def test_show_lists_procedure_legal_basis_and_where_to_complain(
    tmp_path: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "demo.json"
    onestop.dump(onestop.from_dict(standard_catalogue()), path)
    assert main(["show", str(path)]) == 0
    out = capsys.readouterr().out
    assert (
        "  kk-baru: KK baru [dukcapil]\n"
        "      requires: nothing\n"
        "      procedure:\n"
        "        1. Ambil nomor antrean\n"
        "        2. Serahkan berkas\n"
        "        3. Terima KK\n"
        "      legal basis: UU 24/2013; Perpres 96/2018\n"
        "      complaints: Loket pengaduan MPP\n"
    ) in out
    assert "      complaints: WhatsApp 0811-000-000; pengaduan@dukcapil.example (default)\n" in out
    assert "      complaints: SP4N-LAPOR! https://www.lapor.go.id (default)\n" in out


def test_with_extends_agency_channels_carry_over_but_the_catalogue_default_does_not(
    tmp_path: Any,
) -> None:
    base = standard_catalogue()
    (tmp_path / "base.json").write_text(json.dumps(base), encoding="utf-8")
    city = {
        "format": "onestop/1",
        "id": "city",
        "name": "City",
        "extends": "base.json",
        "agencies": [],
        "documents": [],
        "services": [],
        "venues": [],
        "counters": [],
    }
    (tmp_path / "city.json").write_text(json.dumps(city), encoding="utf-8")
    cat = onestop.load(tmp_path / "city.json")
    assert cat.complaints == ()
    assert cat.complaints_for("kk-ubah") == ("WhatsApp 0811-000-000", "pengaduan@dukcapil.example")
    assert cat.complaints_for("nib") == ()


@pytest.mark.parametrize("name", onestop.builtin_names())
def test_every_builtin_names_the_national_channel_for_every_service(name: str) -> None:
    # Each file's own catalogue-wide value (it is not inherited through extends).
    cat = onestop.builtin(name)
    assert cat.complaints[-1] == "SP4N-LAPOR! https://www.lapor.go.id"
    assert "Perpres 76/2013" in (cat.note or "")
    assert [s.id for s in cat.services if not cat.complaints_for(s.id)] == []
