"""Reading and writing catalogues: formats, suffixes, plain-data shape, built-ins."""

from __future__ import annotations

import copy
import datetime as dt
import json
import tomllib
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
import yaml

import onestop
from onestop import CatalogueError

FORMATS = ("yaml", "json", "toml")


def small() -> dict[str, Any]:
    return {
        "format": "onestop/1",
        "id": "demo",
        "name": "Démo – Kota",
        "agencies": [{"id": "dukcapil", "name": "Dukcapil", "level": "city"}],
        "documents": [{"id": "kk", "name": "Kartu Keluarga"}, {"id": "akta", "name": "Akta"}],
        "services": [
            {
                "id": "kk-baru",
                "name": "KK baru",
                "agency": "dukcapil",
                "requires": [{"any_of": ["akta", ["kk"]]}],
                "produces": ["kk"],
                "minutes": 20,
            }
        ],
        "venues": [
            {
                "id": "mpp",
                "name": "MPP",
                "kind": "mpp",
                "hours": [{"days": ["MO"], "open": "08:00", "close": "15:00"}],
            }
        ],
        "counters": [{"id": "loket", "venue": "mpp", "services": ["kk-baru"]}],
    }


@pytest.fixture(scope="module")
def probolinggo() -> onestop.Catalogue:
    return onestop.builtin("probolinggo")


# ------------------------------------------------------------ text formats
@pytest.mark.parametrize("fmt", FORMATS)
def test_dumps_and_loads_agree_in_each_format(probolinggo: onestop.Catalogue, fmt: str) -> None:
    assert onestop.loads(onestop.dumps(probolinggo, fmt), fmt) == probolinggo


def test_the_three_formats_hold_the_same_plain_data(probolinggo: onestop.Catalogue) -> None:
    as_yaml = yaml.safe_load(onestop.dumps(probolinggo, "yaml"))
    as_json = json.loads(onestop.dumps(probolinggo, "json"))
    as_toml = tomllib.loads(onestop.dumps(probolinggo, "toml"))
    assert as_yaml == as_json == as_toml == onestop.to_dict(probolinggo)


def test_loads_defaults_to_yaml() -> None:
    text = onestop.dumps(onestop.from_dict(small()), "yaml")
    assert onestop.loads(text) == onestop.from_dict(small())


def test_loads_accepts_utf8_bytes_with_or_without_a_bom() -> None:
    text = onestop.dumps(onestop.from_dict(small()), "json")
    for raw in (text.encode("utf-8"), b"\xef\xbb\xbf" + text.encode("utf-8")):
        assert onestop.loads(raw, "json").name == "Démo – Kota"


def test_loads_reports_bytes_that_are_not_utf8() -> None:
    raw = onestop.dumps(onestop.from_dict(small()), "yaml").replace("–", "-").encode("latin-1")
    assert b"\xe9" in raw  # é in Latin-1, not valid UTF-8
    with pytest.raises(CatalogueError) as info:
        onestop.loads(raw, "yaml")
    (problem,) = info.value.problems
    assert problem.message.startswith("the file is not UTF-8 text")


@pytest.mark.parametrize("fmt", ["yml", "YAML", "xml", ""])
def test_loads_refuses_an_unknown_format_name(fmt: str) -> None:
    with pytest.raises(CatalogueError) as info:
        onestop.loads("{}", fmt)
    assert [p.message for p in info.value.problems] == [
        f"unknown file format {fmt!r}: use 'yaml', 'json' or 'toml'"
    ]


def test_dumps_refuses_an_unknown_format_name() -> None:
    with pytest.raises(CatalogueError, match="unknown file format 'xml'"):
        onestop.dumps(onestop.from_dict(small()), "xml")


def test_loads_passes_its_source_to_the_error() -> None:
    with pytest.raises(CatalogueError) as info:
        onestop.loads("format: onestop/1", "yaml", source="kota.yaml")
    assert info.value.source == "kota.yaml"
    assert str(info.value).startswith("kota.yaml: ")


def test_dumped_yaml_has_no_anchors_even_when_values_are_shared() -> None:
    hours = (onestop.Hours(open=dt.time(8), close=dt.time(15), days=("MO", "TU")),)
    catalogue = onestop.from_dict(small())
    venues = tuple(
        onestop.Venue(id=ident, name="Same hours", kind="office", hours=hours)
        for ident in ("a", "b")
    )
    shared = onestop.Catalogue(
        id=catalogue.id,
        name=catalogue.name,
        agencies=catalogue.agencies,
        documents=catalogue.documents,
        services=catalogue.services,
        venues=venues,
        counters=(onestop.Counter(id="c", venue="a", services=("kk-baru",)),),
    )
    text = onestop.dumps(shared, "yaml")
    assert "&id" not in text
    assert "*id" not in text
    assert onestop.loads(text, "yaml") == shared


def test_dumped_yaml_keeps_non_ascii_text_readable() -> None:
    text = onestop.dumps(onestop.from_dict(small()), "yaml")
    assert "Démo – Kota" in text


# -------------------------------------------------------------------- files
@pytest.mark.parametrize(
    ("suffix", "parse"),
    [
        (".yaml", yaml.safe_load),
        (".yml", yaml.safe_load),
        (".json", json.loads),
        (".toml", tomllib.loads),
        (".YAML", yaml.safe_load),
        (".Json", json.loads),
    ],
)
def test_dump_and_load_tell_the_format_by_the_suffix(
    tmp_path: Path, suffix: str, parse: Any
) -> None:
    catalogue = onestop.from_dict(small())
    path = tmp_path / f"kota{suffix}"
    onestop.dump(catalogue, path)
    assert parse(path.read_text(encoding="utf-8")) == onestop.to_dict(catalogue)
    assert onestop.load(path) == catalogue
    assert onestop.load(str(path)) == catalogue


@pytest.mark.parametrize("name", ["kota.txt", "kota", "kota.yaml.bak", "kota.tml"])
def test_load_refuses_an_unknown_suffix(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_text(onestop.dumps(onestop.from_dict(small()), "yaml"), encoding="utf-8")
    with pytest.raises(CatalogueError) as info:
        onestop.load(path)
    (problem,) = info.value.problems
    assert problem.message.startswith(f"cannot tell the format of {name!r} by its suffix")
    assert info.value.source == str(path)


def test_dump_refuses_an_unknown_suffix_and_writes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "kota.xml"
    with pytest.raises(CatalogueError, match="cannot tell the format"):
        onestop.dump(onestop.from_dict(small()), path)
    assert not path.exists()


def test_load_of_a_missing_file_is_a_catalogue_error(tmp_path: Path) -> None:
    path = tmp_path / "missing.yaml"
    with pytest.raises(CatalogueError) as info:
        onestop.load(path)
    (problem,) = info.value.problems
    assert problem.message.startswith("cannot read the file")
    assert info.value.source == str(path)


def test_load_of_a_folder_is_a_catalogue_error(tmp_path: Path) -> None:
    folder = tmp_path / "folder.yaml"
    folder.mkdir()
    with pytest.raises(CatalogueError, match="the file is a folder: only regular files are read"):
        onestop.load(folder)


def test_dump_writes_utf8(tmp_path: Path) -> None:
    path = tmp_path / "kota.toml"
    onestop.dump(onestop.from_dict(small()), path)
    assert "Démo – Kota".encode() in path.read_bytes()


# ------------------------------------------------------------------ to_dict
def test_to_dict_starts_with_format_id_name_then_the_lists() -> None:
    data = onestop.to_dict(onestop.from_dict(small()))
    assert list(data) == [
        "format",
        "id",
        "name",
        "agencies",
        "documents",
        "services",
        "venues",
        "counters",
    ]
    assert data["format"] == "onestop/1"


def test_to_dict_leaves_out_defaults_but_keeps_set_values() -> None:
    data = onestop.to_dict(onestop.from_dict(small()))
    service = data["services"][0]
    assert service == {
        "id": "kk-baru",
        "name": "KK baru",
        "agency": "dukcapil",
        "requires": [{"any_of": ["akta", ["kk"]]}],
        "produces": ["kk"],
        "minutes": 20,
    }
    assert data["counters"] == [{"id": "loket", "venue": "mpp", "services": ["kk-baru"]}]
    assert data["venues"][0]["hours"] == [{"open": "08:00", "close": "15:00", "days": ["MO"]}]


def test_to_dict_keeps_non_default_timezone_calendar_and_provenance() -> None:
    source = small()
    source.update(
        timezone="Asia/Makassar",
        calendar={"holidays": None, "closed": [dt.date(2026, 12, 24)]},
        source="SK 1/2026",
        note="assumed: test",
        bundles=[{"id": "b", "name": "B", "services": ["kk-baru"]}],
    )
    data = onestop.to_dict(onestop.from_dict(source))
    assert list(data)[:7] == ["format", "id", "name", "timezone", "calendar", "source", "note"]
    assert data["timezone"] == "Asia/Makassar"
    assert data["calendar"] == {"holidays": "none", "closed": ["2026-12-24"]}
    assert data["bundles"] == [{"id": "b", "name": "B", "services": ["kk-baru"]}]
    assert list(data)[-3:] == ["bundles", "venues", "counters"]


def test_to_dict_is_json_safe_and_a_fresh_copy(probolinggo: onestop.Catalogue) -> None:
    data = onestop.to_dict(probolinggo)
    assert json.loads(json.dumps(data)) == data
    data["services"].clear()
    assert onestop.to_dict(probolinggo)["services"]


def _runtime_imports(module_name: str) -> set[str]:
    """The onestop modules a module imports when it runs (not those under TYPE_CHECKING)."""
    import ast
    import importlib
    import inspect

    tree = ast.parse(inspect.getsource(importlib.import_module(module_name)))
    typing_only = {
        id(inner)
        for node in ast.walk(tree)
        if isinstance(node, ast.If) and ast.unparse(node.test) == "TYPE_CHECKING"
        for inner in ast.walk(node)
    }
    found: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in typing_only:
            continue
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
    return {name for name in found if name.startswith("onestop")}


def test_the_model_imports_nothing_above_it() -> None:
    # The model is data: files (io), views (graph), calendars and planning import
    # it, never the other way. Its own leaf helpers (the did-you-mean builder, the
    # HTML view of Jupyter, the rupiah format) may be imported, and they in turn
    # import nothing above the model.
    seen: set[str] = set()
    todo = ["onestop.model"]
    while todo:
        name = todo.pop()
        if name not in seen:
            seen.add(name)
            todo.extend(_runtime_imports(name))
    assert seen == {
        "onestop.model",
        "onestop._suggest",
        "onestop.requirements",
        "onestop._html",
        "onestop._money",
    }
    from onestop import model

    assert not hasattr(model.Catalogue, "to_dict")


def test_from_dict_does_not_change_its_input() -> None:
    data = small()
    data["services"][0]["replaces"] = False
    data["calendar"] = {"closed": [dt.date(2026, 1, 2), "2026-01-05"]}
    before = copy.deepcopy(data)
    onestop.from_dict(data)
    assert data == before


def test_from_dict_reads_dates_written_as_text_or_as_dates_alike() -> None:
    as_text = small()
    as_text["calendar"] = {"closed": ["2026-12-24"]}
    as_date = small()
    as_date["calendar"] = {"closed": [dt.date(2026, 12, 24)]}
    assert onestop.from_dict(as_text) == onestop.from_dict(as_date)


@pytest.mark.parametrize(
    ("fmt", "text"),
    [
        ("toml", 'holidays = "none"'),
        ("yaml", "holidays: none"),
        ("yaml", "holidays: null"),
        ("yaml", "holidays: ~"),
        ("json", '"holidays": null'),
    ],
)
def test_no_public_holidays_can_be_written_in_each_format(fmt: str, text: str) -> None:
    dumped = onestop.dumps(onestop.from_dict(small()), fmt)
    if fmt == "toml":
        dumped = f"calendar = {{ {text} }}\n" + dumped
    elif fmt == "yaml":
        dumped = f"calendar:\n  {text}\n" + dumped
    else:
        dumped = dumped.replace("{", f'{{"calendar": {{{text}}},', 1)
    loaded = onestop.loads(dumped, fmt)
    assert loaded.calendar.holidays is None


# ---------------------------------------------------------------- built-ins
def test_builtin_names_are_sorted_and_include_probolinggo() -> None:
    names = onestop.builtin_names()
    assert isinstance(names, tuple)
    assert "probolinggo" in names
    assert list(names) == sorted(names)


def test_every_builtin_catalogue_loads() -> None:
    for name in onestop.builtin_names():
        assert onestop.builtin(name).id == name


def test_builtin_equals_loading_the_packaged_file(tmp_path: Path) -> None:
    packaged = resources.files("onestop") / "catalogues" / "probolinggo.yaml"
    path = tmp_path / "probolinggo.yaml"
    path.write_bytes(packaged.read_bytes())
    assert onestop.builtin("probolinggo") == onestop.load(path)


def test_builtin_returns_equal_catalogues_on_every_call() -> None:
    assert onestop.builtin("probolinggo") == onestop.builtin("probolinggo")


def test_builtin_probolinggo_has_its_known_content(probolinggo: onestop.Catalogue) -> None:
    assert probolinggo.name == "Mal Pelayanan Publik Kota Probolinggo"
    assert probolinggo.timezone == "Asia/Jakarta"
    assert probolinggo.calendar.holidays == "ID"
    assert dt.date(2026, 12, 24) in probolinggo.calendar.closed
    assert probolinggo.service("kia").produces == ("kia",)
    assert "INTERVAL=3;BYDAY=SU" in (probolinggo.venue("twsl").hours[0].rrule or "")


@pytest.mark.parametrize(
    ("name", "suggestion"),
    [("probolingo", " (did you mean 'probolinggo'?)"), ("probo", " (did you mean 'probolinggo'?)")],
)
def test_an_unknown_builtin_name_gives_a_suggestion(name: str, suggestion: str) -> None:
    with pytest.raises(CatalogueError) as info:
        onestop.builtin(name)
    assert [p.message for p in info.value.problems] == [
        f"no built-in catalogue {name!r}{suggestion}"
    ]


def test_an_unrelated_builtin_name_gives_no_suggestion() -> None:
    with pytest.raises(CatalogueError) as info:
        onestop.builtin("jakarta-selatan")
    assert [p.message for p in info.value.problems] == ["no built-in catalogue 'jakarta-selatan'"]
