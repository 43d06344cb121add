"""Reuse with extends: merging bases, replaces, merge errors with paths, loops."""

from __future__ import annotations

from pathlib import Path

import pytest

import onestop

BASE = """
format: onestop/1
id: base
name: Base
agencies: [{id: dukcapil, name: Dukcapil, level: city}]
documents: [{id: kk, name: KK}, {id: ktp-el, name: KTP-el}]
services:
  - {id: ktp-el-baru, name: KTP-el baru, agency: dukcapil, requires: [kk], produces: [ktp-el]}
  - {id: kk-baru, name: KK baru, agency: dukcapil, produces: [kk]}
venues: []
counters: []
"""

CITY = """
format: onestop/1
id: city
name: City
extends: base.yaml
agencies:
  - {id: dukcapil, name: Dispendukcapil Kota, level: city, replaces: true}
venues: [{id: mpp, name: MPP, kind: mpp}]
counters: [{id: loket, venue: mpp, services: [ktp-el-baru, kk-baru]}]
"""


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def problems_of(path: Path) -> list[str]:
    with pytest.raises(onestop.CatalogueError) as info:
        onestop.load(path)
    return [str(p) for p in info.value.problems]


def test_a_city_extends_a_base_file_and_gets_a_self_contained_catalogue(tmp_path: Path) -> None:
    write(tmp_path, "base.yaml", BASE)
    city = onestop.load(write(tmp_path, "city.yaml", CITY))
    assert city.id == "city"
    assert [s.id for s in city.services] == ["ktp-el-baru", "kk-baru"]
    assert city.agency("dukcapil").name == "Dispendukcapil Kota"  # replaced whole, in place
    assert [a.id for a in city.agencies] == ["dukcapil"]
    for fmt in ("yaml", "json", "toml"):
        text = onestop.dumps(city, fmt)
        assert "extends" not in text
        assert "replaces" not in text
        assert onestop.loads(text, fmt) == city


def test_paths_are_relative_to_the_extending_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "shared").mkdir()
    write(tmp_path / "shared", "base.yaml", BASE)
    city = write(tmp_path, "city.yaml", CITY.replace("base.yaml", "shared/base.yaml"))
    monkeypatch.chdir(tmp_path / "shared")
    assert onestop.load(city).id == "city"


def test_bases_may_extend_others_and_a_shared_base_counts_once(tmp_path: Path) -> None:
    write(tmp_path, "base.yaml", BASE)
    write(tmp_path, "left.yaml", "format: onestop/1\nid: left\nname: L\nextends: base.yaml\n")
    write(tmp_path, "right.yaml", "format: onestop/1\nid: right\nname: R\nextends: base.yaml\n")
    city = onestop.load(
        write(
            tmp_path,
            "city.yaml",
            CITY.replace("extends: base.yaml", "extends: [left.yaml, right.yaml]"),
        )
    )
    assert [s.id for s in city.services] == ["ktp-el-baru", "kk-baru"]


def test_redefining_a_base_id_without_replaces_is_an_error_with_its_path(tmp_path: Path) -> None:
    write(tmp_path, "base.yaml", BASE)
    city = write(tmp_path, "city.yaml", CITY.replace(", replaces: true", ""))
    (problem,) = problems_of(city)
    assert problem.startswith("agencies[0].id: agency 'dukcapil' is already defined by")
    assert "add replaces: true" in problem


def test_replaces_without_a_base_entry_is_an_error(tmp_path: Path) -> None:
    write(tmp_path, "base.yaml", BASE)
    city = write(
        tmp_path,
        "city.yaml",
        CITY.replace("id: dukcapil, name: Dispendukcapil", "id: disdik, name: Disdik"),
    )
    assert problems_of(city) == [
        "agencies[0].replaces: replaces: true, "
        "but no catalogue this one extends defines agency 'disdik'"
    ]


def test_two_bases_disagreeing_is_an_error_naming_both(tmp_path: Path) -> None:
    write(tmp_path, "base.yaml", BASE)
    write(tmp_path, "other.yaml", BASE.replace("id: base", "id: other").replace("KK baru", "KK"))
    city = write(
        tmp_path,
        "city.yaml",
        CITY.replace("extends: base.yaml", "extends: [base.yaml, other.yaml]"),
    )
    (problem,) = problems_of(city)
    assert problem.startswith("extends: service 'kk-baru' is defined differently by")
    assert "base.yaml" in problem and "other.yaml" in problem
    # ... unless this file replaces the entry.
    fixed = CITY.replace("extends: base.yaml", "extends: [base.yaml, other.yaml]") + (
        "services:\n  - {id: kk-baru, name: KK baru, agency: dukcapil, produces: [kk],"
        " replaces: true}\n"
    )
    assert onestop.load(write(tmp_path, "fixed.yaml", fixed)).service("kk-baru").name == "KK baru"


def test_a_loop_of_extends_is_an_error_naming_the_chain(tmp_path: Path) -> None:
    write(tmp_path, "a.yaml", "format: onestop/1\nid: a\nname: A\nextends: b.yaml\n")
    write(tmp_path, "b.yaml", "format: onestop/1\nid: b\nname: B\nextends: [a.yaml]\n")
    (problem,) = problems_of(tmp_path / "a.yaml")
    assert "extends loop:" in problem
    assert "a.yaml -> " in problem and "b.yaml -> " in problem


def test_problems_in_a_base_are_reported_with_the_base_named(tmp_path: Path) -> None:
    write(tmp_path, "base.yaml", BASE.replace("level: city", "level: citi"))
    (problem,) = problems_of(write(tmp_path, "city.yaml", CITY))
    assert problem.startswith("extends (")
    assert "agencies[0].level: unknown level 'citi'" in problem


def test_unknown_builtin_and_missing_file(tmp_path: Path) -> None:
    city = write(
        tmp_path, "city.yaml", CITY.replace("extends: base.yaml", "extends: [nasional, gone.yaml]")
    )
    found = problems_of(city)
    assert found[0].startswith("extends[0]: no built-in catalogue 'nasional'")
    assert found[1].startswith("extends[1]: cannot read")


def test_references_are_checked_on_the_merged_result(tmp_path: Path) -> None:
    write(tmp_path, "base.yaml", BASE)
    city = write(
        tmp_path,
        "city.yaml",
        CITY.replace("services: [ktp-el-baru, kk-baru]", "services: [ktp-el-bar]"),
    )
    assert problems_of(city) == [
        "counters[0].services[0]: unknown service 'ktp-el-bar' (did you mean 'ktp-el-baru'?)"
    ]


def test_a_file_with_extends_may_leave_out_every_list(tmp_path: Path) -> None:
    write(tmp_path, "base.yaml", BASE)
    only = onestop.load(
        write(tmp_path, "only.yaml", "format: onestop/1\nid: x\nname: X\nextends: base.yaml\n")
    )
    assert only.counters == ()
    assert len(only.services) == 2


def test_every_builtin_catalogue_is_self_contained_when_dumped() -> None:
    for name in onestop.builtin_names():
        cat = onestop.builtin(name)
        data = onestop.to_dict(cat)
        assert "extends" not in data
        assert onestop.from_dict(data) == cat
