"""The catalogue model: lookups, reverse indexes, immutability, hashing, pickling."""

from __future__ import annotations

import copy
import datetime as dt
import pickle
from typing import Any

import attrs
import pytest

import onestop
from onestop import calendar


def catalogue_data() -> dict[str, Any]:
    return {
        "format": "onestop/1",
        "id": "kota",
        "name": "Kota",
        "agencies": [
            {"id": "dukcapil", "name": "Dukcapil", "level": "city"},
            {"id": "polres", "name": "Polres", "level": "vertical"},
            {"id": "idle", "name": "Gives nothing", "level": "private"},
        ],
        "documents": [
            {"id": "kk", "name": "KK"},
            {"id": "ktp-el", "name": "KTP-el"},
            {"id": "skck", "name": "SKCK"},
            {"id": "brought", "name": "Brought from home"},
        ],
        "services": [
            {"id": "skck", "name": "SKCK", "agency": "polres", "requires": ["ktp-el"],
             "produces": ["skck"]},
            {"id": "kk-baru", "name": "KK baru", "agency": "dukcapil", "produces": ["kk"]},
            {"id": "ktp", "name": "KTP", "agency": "dukcapil", "requires": ["kk"],
             "produces": ["ktp-el"]},
            {"id": "kk-ganti", "name": "KK ganti", "agency": "dukcapil",
             "requires": ["ktp-el"], "produces": ["kk"]},
            {"id": "lonely", "name": "Offered nowhere", "agency": "polres"},
        ],
        "bundles": [{"id": "kerja", "name": "Kerja", "services": ["skck", "ktp"]}],
        "venues": [
            {"id": "mpp", "name": "MPP", "kind": "mpp"},
            {"id": "polsek", "name": "Polsek", "kind": "office"},
            {"id": "empty", "name": "No counters", "kind": "popup"},
        ],
        "counters": [
            {"id": "mpp-1", "venue": "mpp", "services": ["kk-baru", "ktp", "skck"]},
            {"id": "polsek-1", "venue": "polsek", "services": ["skck"], "name": "Loket SKCK"},
            {"id": "mpp-2", "venue": "mpp", "services": ["kk-ganti", "ktp"]},
        ],
    }  # fmt: skip


@pytest.fixture(scope="module")
def kota() -> onestop.Catalogue:
    return onestop.from_dict(catalogue_data())


@pytest.fixture(scope="module")
def probolinggo() -> onestop.Catalogue:
    return onestop.builtin("probolinggo")


def ids(entries: tuple[Any, ...]) -> list[str]:
    return [entry.id for entry in entries]


# ----------------------------------------------------------------- lookups
@pytest.mark.parametrize(
    ("method", "ident", "field", "value"),
    [
        ("agency", "polres", "level", "vertical"),
        ("document", "ktp-el", "name", "KTP-el"),
        ("service", "ktp", "requires", onestop.AllOf((onestop.Doc("kk"),))),
        ("bundle", "kerja", "services", ("skck", "ktp")),
        ("venue", "polsek", "kind", "office"),
        ("counter", "polsek-1", "name", "Loket SKCK"),
    ],
)
def test_lookups_by_id_return_the_entry(
    kota: onestop.Catalogue, method: str, ident: str, field: str, value: Any
) -> None:
    entry = getattr(kota, method)(ident)
    assert entry.id == ident
    assert getattr(entry, field) == value


@pytest.mark.parametrize(
    ("method", "ident", "message"),
    [
        ("agency", "dukcapl", "unknown agency 'dukcapl' (did you mean 'dukcapil'?)"),
        ("document", "ktp", "unknown document 'ktp' (did you mean 'ktp-el'?)"),
        ("service", "kk-bar", "unknown service 'kk-bar' (did you mean 'kk-baru'?)"),
        ("bundle", "kerj", "unknown bundle 'kerj' (did you mean 'kerja'?)"),
        ("venue", "polsk", "unknown venue 'polsk' (did you mean 'polsek'?)"),
        ("counter", "polsek-2", "unknown counter 'polsek-2' (did you mean 'polsek-1'?)"),
        ("service", "zzzz", "unknown service 'zzzz'"),
    ],
)
def test_unknown_ids_raise_key_error_with_a_suggestion(
    kota: onestop.Catalogue, method: str, ident: str, message: str
) -> None:
    with pytest.raises(KeyError) as info:
        getattr(kota, method)(ident)
    assert info.value.args == (message,)


def test_a_document_id_is_not_a_service_id(kota: onestop.Catalogue) -> None:
    with pytest.raises(KeyError, match="unknown service 'brought'"):
        kota.service("brought")
    assert kota.service("skck").agency == "polres"
    assert kota.document("skck").name == "SKCK"


def test_counter_label_is_the_name_or_the_id(kota: onestop.Catalogue) -> None:
    assert kota.counter("polsek-1").label == "Loket SKCK"
    assert kota.counter("mpp-1").label == "mpp-1"


# ------------------------------------------------------------------ queries
def test_producers_in_catalogue_order(kota: onestop.Catalogue) -> None:
    assert ids(kota.producers("kk")) == ["kk-baru", "kk-ganti"]
    assert ids(kota.producers("ktp-el")) == ["ktp"]
    assert kota.producers("brought") == ()


def test_counters_offering_in_catalogue_order(kota: onestop.Catalogue) -> None:
    assert ids(kota.counters_offering("skck")) == ["mpp-1", "polsek-1"]
    assert ids(kota.counters_offering("ktp")) == ["mpp-1", "mpp-2"]
    assert kota.counters_offering("lonely") == ()


def test_counters_at_a_venue(kota: onestop.Catalogue) -> None:
    assert ids(kota.counters_at("mpp")) == ["mpp-1", "mpp-2"]
    assert ids(kota.counters_at("polsek")) == ["polsek-1"]
    assert kota.counters_at("empty") == ()


def test_services_of_an_agency(kota: onestop.Catalogue) -> None:
    assert ids(kota.services_of("dukcapil")) == ["kk-baru", "ktp", "kk-ganti"]
    assert ids(kota.services_of("polres")) == ["skck", "lonely"]
    assert kota.services_of("idle") == ()


def test_bundle_services_in_the_bundle_order(kota: onestop.Catalogue) -> None:
    assert kota.bundle_services("kerja") == (kota.service("skck"), kota.service("ktp"))


@pytest.mark.parametrize(
    ("method", "ident", "kind"),
    [
        ("producers", "kia", "document"),
        ("counters_offering", "kia", "service"),
        ("counters_at", "mall", "venue"),
        ("services_of", "bpn", "agency"),
        ("bundle_services", "lahir", "bundle"),
    ],
)
def test_queries_about_unknown_ids_raise_key_error(
    kota: onestop.Catalogue, method: str, ident: str, kind: str
) -> None:
    with pytest.raises(KeyError, match=f"unknown {kind} '{ident}'"):
        getattr(kota, method)(ident)


def test_queries_agree_with_a_scan_of_the_builtin(probolinggo: onestop.Catalogue) -> None:
    for document in probolinggo.documents:
        expected = [s.id for s in probolinggo.services if document.id in s.produces]
        assert ids(probolinggo.producers(document.id)) == expected
    for service in probolinggo.services:
        expected = [c.id for c in probolinggo.counters if service.id in c.services]
        assert ids(probolinggo.counters_offering(service.id)) == expected
    for venue in probolinggo.venues:
        expected = [c.id for c in probolinggo.counters if c.venue == venue.id]
        assert ids(probolinggo.counters_at(venue.id)) == expected
    for agency in probolinggo.agencies:
        expected = [s.id for s in probolinggo.services if s.agency == agency.id]
        assert ids(probolinggo.services_of(agency.id)) == expected


def test_builtin_known_answers(probolinggo: onestop.Catalogue) -> None:
    assert {"kk-baru", "kk-perubahan", "akta-kelahiran"} <= set(ids(probolinggo.producers("kk")))
    assert "mpp-dukcapil" in ids(probolinggo.counters_offering("kia"))
    assert "akta-kelahiran" in ids(probolinggo.bundle_services("kelahiran"))
    for bundle in probolinggo.bundles:
        assert ids(probolinggo.bundle_services(bundle.id)) == list(bundle.services)


# ------------------------------------------------------------ immutability
def test_catalogue_and_entries_are_frozen(kota: onestop.Catalogue) -> None:
    targets: list[tuple[Any, str, Any]] = [
        (kota, "id", "other"),
        (kota, "services", ()),
        (kota.service("ktp"), "minutes", 1),
        (kota.agency("polres"), "level", "city"),
        (kota.document("kk"), "name", "x"),
        (kota.bundle("kerja"), "services", ()),
        (kota.venue("mpp"), "hours", ()),
        (kota.counter("mpp-1"), "venue", "polsek"),
        (kota.calendar, "holidays", None),
    ]
    for obj, field, value in targets:
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            setattr(obj, field, value)
    hours = onestop.Hours(open=dt.time(8), close=dt.time(15), days=("MO",))
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        hours.open = dt.time(9)  # type: ignore[misc]


def test_lists_are_tuples_so_they_cannot_be_changed(kota: onestop.Catalogue) -> None:
    assert isinstance(kota.services, tuple)
    assert isinstance(kota.service("skck").produces, tuple)
    assert isinstance(kota.counter("mpp-1").services, tuple)
    assert isinstance(kota.calendar.closed, tuple)


@pytest.mark.parametrize(
    "build",
    [
        lambda: onestop.Agency(id="Bad Id", name="x", level="city"),
        lambda: onestop.Agency(id="ok", name="x", level="kabupaten"),  # type: ignore[arg-type]
        lambda: onestop.Service(id="s", name="S", agency="a", minutes=-1),
        lambda: onestop.Service(id="s", name="S", agency="a", pickup="post"),  # type: ignore[arg-type]
        lambda: onestop.Venue(id="v", name="V", kind="kiosk"),  # type: ignore[arg-type]
        lambda: onestop.Catalogue(id="", name="x"),
    ],
)
def test_model_validators_refuse_what_a_single_field_can_know(build: Any) -> None:
    with pytest.raises(ValueError):  # noqa: PT011 - attrs validators raise plain ValueError
        build()


def test_a_catalogue_built_from_objects_equals_the_loaded_one(kota: onestop.Catalogue) -> None:
    rebuilt = onestop.Catalogue(
        id=kota.id,
        name=kota.name,
        agencies=tuple(attrs.evolve(a) for a in kota.agencies),
        documents=kota.documents,
        services=kota.services,
        venues=kota.venues,
        counters=kota.counters,
        bundles=kota.bundles,
    )
    assert rebuilt == kota
    assert attrs.evolve(kota, name="Other") != kota


# ------------------------------------------------------- hashing, pickling
def test_equal_catalogues_hash_equal(kota: onestop.Catalogue) -> None:
    again = onestop.loads(onestop.dumps(kota, "toml"), "toml")
    assert again == kota
    assert again is not kota
    assert hash(again) == hash(kota)
    assert len({kota, again, onestop.from_dict(catalogue_data())}) == 1
    changed = catalogue_data()
    changed["services"][0]["fee"] = 30000
    assert onestop.from_dict(changed) != kota


def test_hash_and_equality_ignore_the_lookup_caches() -> None:
    used = onestop.from_dict(catalogue_data())
    fresh = onestop.from_dict(catalogue_data())
    used.producers("kk")
    used.service("ktp")
    assert used == fresh
    assert hash(used) == hash(fresh)


def test_builtin_catalogue_is_hashable(probolinggo: onestop.Catalogue) -> None:
    assert {probolinggo: "ok"}[onestop.builtin("probolinggo")] == "ok"


@pytest.mark.parametrize("protocol", range(2, pickle.HIGHEST_PROTOCOL + 1))
def test_catalogue_is_equal_after_pickling(probolinggo: onestop.Catalogue, protocol: int) -> None:
    again = pickle.loads(pickle.dumps(probolinggo, protocol=protocol))
    assert again == probolinggo
    assert hash(again) == hash(probolinggo)


def test_a_used_catalogue_pickles_without_its_caches_and_still_answers() -> None:
    used = onestop.builtin("probolinggo")
    fresh = onestop.builtin("probolinggo")
    used.producers("kk")
    assert calendar.is_open(used, "twsl", dt.date(2021, 9, 5))
    assert len(pickle.dumps(used)) == len(pickle.dumps(fresh))
    again = pickle.loads(pickle.dumps(used))
    assert again == used
    assert ids(again.producers("nib")) == ["nib-umk"]
    assert calendar.next_open(again, "mpp", dt.date(2026, 12, 5)) == dt.date(2026, 12, 7)


def test_copies_are_equal(kota: onestop.Catalogue) -> None:
    assert copy.copy(kota) == kota
    assert copy.deepcopy(kota) == kota
