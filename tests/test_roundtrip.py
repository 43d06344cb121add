"""Round trips: every valid catalogue survives dump and load in every format."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import onestop
from onestop.model import KINDS, LEVELS, PICKUPS, STATUSES, WEEKDAYS

FORMATS = ("yaml", "json", "toml")
SUFFIXES = {"yaml": ".yaml", "json": ".json", "toml": ".toml"}

# ---------------------------------------------------------------- strategies
IDS = st.from_regex(r"[a-z0-9][a-z0-9._-]{0,10}", fullmatch=True)
# Any character a UTF-8 file can hold (lone surrogates cannot be written to a file).
CHARS = st.characters(exclude_categories=("Cs",))
NAMES = st.text(CHARS, min_size=1, max_size=24).filter(lambda s: s.strip() != "")
FREE_TEXT = st.text(CHARS, max_size=40)
WHOLE = st.integers(min_value=0, max_value=2**63 - 1)
DATES = st.dates(min_value=dt.date(1980, 1, 1), max_value=dt.date(2150, 12, 31))
TIMEZONES = st.sampled_from(["Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura", "UTC"])
COUNTRIES = st.sampled_from(["ID", "none", None, "MY", "SG"])
# Where to complain: one channel, or a list of them (a project addition to the format).
CHANNELS = NAMES | st.lists(NAMES, max_size=3, unique=True)


def requirement(doc_ids: list[str]) -> st.SearchStrategy[Any]:
    """Requirement expressions in plain-data form, nested any_of / all_of / lists."""
    return st.recursive(
        st.sampled_from(doc_ids),
        lambda inner: st.one_of(
            st.lists(inner, max_size=3),
            st.lists(inner, min_size=1, max_size=3).map(lambda xs: {"any_of": xs}),
            st.lists(inner, max_size=3).map(lambda xs: {"all_of": xs}),
        ),
        max_leaves=8,
    )


def hhmm(minute: int) -> str:
    return f"{minute // 60:02d}:{minute % 60:02d}"


@st.composite
def rrules(draw: st.DrawFn) -> str:
    start = draw(st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2100, 12, 31)))
    freq = draw(st.sampled_from(["DAILY", "WEEKLY", "MONTHLY", "YEARLY"]))
    parts = [f"FREQ={freq}", f"INTERVAL={draw(st.integers(1, 5))}"]
    if freq in ("WEEKLY", "MONTHLY") and draw(st.booleans()):
        days = draw(st.lists(st.sampled_from(WEEKDAYS), min_size=1, max_size=3, unique=True))
        parts.append("BYDAY=" + ",".join(days))
    ending = draw(st.sampled_from(["none", "count", "until"]))
    if ending == "count":
        parts.append(f"COUNT={draw(st.integers(1, 50))}")
    elif ending == "until":
        until = start + dt.timedelta(days=draw(st.integers(0, 2000)))
        parts.append(f"UNTIL={until:%Y%m%d}")
    return f"DTSTART:{start:%Y%m%d}\nRRULE:{';'.join(parts)}"


@st.composite
def hours_entries(draw: st.DrawFn) -> dict[str, Any]:
    opens = draw(st.integers(0, 24 * 60 - 2))
    closes = draw(st.integers(opens + 1, 24 * 60 - 1))
    entry: dict[str, Any] = {}
    if draw(st.booleans()):
        entry["days"] = draw(st.lists(st.sampled_from(WEEKDAYS), min_size=1, unique=True))
    else:
        entry["rrule"] = draw(rrules())
    entry["open"] = hhmm(opens)
    entry["close"] = hhmm(closes)
    if draw(st.booleans()):
        entry["on_holidays"] = draw(st.booleans())
    first = draw(st.none() | DATES)
    if first is not None:
        entry["from"] = first if draw(st.booleans()) else first.isoformat()
    if draw(st.booleans()):
        last = (first or dt.date(1980, 1, 1)) + dt.timedelta(days=draw(st.integers(0, 3000)))
        entry["until"] = last if draw(st.booleans()) else last.isoformat()
    return entry


def maybe(draw: st.DrawFn, entry: dict[str, Any], key: str, values: st.SearchStrategy[Any]) -> None:
    if draw(st.booleans()):
        entry[key] = draw(values)


def provenance(draw: st.DrawFn, entry: dict[str, Any]) -> dict[str, Any]:
    maybe(draw, entry, "source", FREE_TEXT)
    maybe(draw, entry, "note", FREE_TEXT)
    return entry


@st.composite
def catalogue_data(draw: st.DrawFn) -> dict[str, Any]:
    """A valid catalogue in plain-data form (what a file holds)."""
    agency_ids = draw(st.lists(IDS, min_size=1, max_size=3, unique=True))
    doc_ids = draw(st.lists(IDS, min_size=1, max_size=5, unique=True))
    service_ids = draw(st.lists(IDS, min_size=1, max_size=4, unique=True))
    bundle_ids = draw(st.lists(IDS, max_size=2, unique=True))
    venue_ids = draw(st.lists(IDS, min_size=1, max_size=3, unique=True))
    counter_ids = draw(st.lists(IDS, min_size=1, max_size=3, unique=True))

    data: dict[str, Any] = {"format": onestop.FORMAT, "id": draw(IDS), "name": draw(NAMES)}
    maybe(draw, data, "timezone", TIMEZONES)
    if draw(st.booleans()):
        calendar: dict[str, Any] = {}
        maybe(draw, calendar, "holidays", COUNTRIES)
        if draw(st.booleans()):
            days = draw(st.lists(DATES, max_size=4, unique=True))
            calendar["closed"] = [d if draw(st.booleans()) else d.isoformat() for d in days]
        data["calendar"] = calendar
    maybe(draw, data, "complaints", CHANNELS)
    provenance(draw, data)

    agencies = []
    for ident in agency_ids:
        agency = {"id": ident, "name": draw(NAMES), "level": draw(st.sampled_from(LEVELS))}
        maybe(draw, agency, "short_name", NAMES)
        maybe(draw, agency, "complaints", CHANNELS)
        agencies.append(provenance(draw, agency))
    documents = []
    for ident in doc_ids:
        document = {"id": ident, "name": draw(NAMES)}
        maybe(draw, document, "description", FREE_TEXT)
        documents.append(provenance(draw, document))
    services = []
    for ident in service_ids:
        service: dict[str, Any] = {
            "id": ident,
            "name": draw(NAMES),
            "agency": draw(st.sampled_from(agency_ids)),
        }
        maybe(draw, service, "requires", st.none() | requirement(doc_ids))
        maybe(draw, service, "produces", st.lists(st.sampled_from(doc_ids), unique=True))
        maybe(draw, service, "minutes", st.integers(0, 1440))
        maybe(draw, service, "working_days", st.integers(0, 260))
        maybe(draw, service, "fee", WHOLE)
        maybe(draw, service, "pickup", st.sampled_from(PICKUPS))
        maybe(draw, service, "procedure", st.lists(NAMES, max_size=3, unique=True))
        maybe(draw, service, "legal_basis", st.lists(NAMES, max_size=2, unique=True))
        maybe(draw, service, "complaints", CHANNELS)
        maybe(draw, service, "description", FREE_TEXT)
        services.append(provenance(draw, service))
    bundles = []
    for ident in bundle_ids:
        bundle = {
            "id": ident,
            "name": draw(NAMES),
            "services": draw(st.lists(st.sampled_from(service_ids), min_size=1, unique=True)),
        }
        maybe(draw, bundle, "description", FREE_TEXT)
        bundles.append(provenance(draw, bundle))
    venues = []
    for ident in venue_ids:
        venue = {"id": ident, "name": draw(NAMES), "kind": draw(st.sampled_from(KINDS))}
        maybe(draw, venue, "status", st.sampled_from(STATUSES))
        maybe(draw, venue, "address", FREE_TEXT)
        maybe(draw, venue, "hours", st.lists(hours_entries(), max_size=3))
        venues.append(provenance(draw, venue))
    counters = []
    for ident in counter_ids:
        counter = {
            "id": ident,
            "venue": draw(st.sampled_from(venue_ids)),
            "services": draw(st.lists(st.sampled_from(service_ids), min_size=1, unique=True)),
        }
        maybe(draw, counter, "name", NAMES)
        counters.append(provenance(draw, counter))

    data.update(agencies=agencies, documents=documents, services=services, venues=venues)
    data["counters"] = counters
    if bundles or draw(st.booleans()):
        data["bundles"] = bundles
    return data


# --------------------------------------------------------------------- tests
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(catalogue_data())
def test_generated_catalogue_is_valid_and_survives_every_format(data: dict[str, Any]) -> None:
    catalogue = onestop.from_dict(data)
    for fmt in FORMATS:
        text = onestop.dumps(catalogue, fmt)
        assert onestop.loads(text, fmt) == catalogue, fmt


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(catalogue_data())
def test_to_dict_then_from_dict_gives_an_equal_catalogue(data: dict[str, Any]) -> None:
    catalogue = onestop.from_dict(data)
    again = onestop.from_dict(onestop.to_dict(catalogue))
    assert again == catalogue
    assert onestop.to_dict(again) == onestop.to_dict(catalogue)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(catalogue_data())
def test_generated_catalogue_survives_dump_and_load_on_files(data: dict[str, Any]) -> None:
    catalogue = onestop.from_dict(data)
    with tempfile.TemporaryDirectory() as folder:
        for fmt, suffix in SUFFIXES.items():
            path = Path(folder) / f"catalogue{suffix}"
            onestop.dump(catalogue, path)
            assert onestop.load(path) == catalogue, fmt


@pytest.mark.parametrize("suffix", [".yaml", ".yml", ".json", ".toml"])
def test_builtin_catalogue_survives_dump_and_load_on_files(tmp_path: Path, suffix: str) -> None:
    catalogue = onestop.builtin("probolinggo")
    path = tmp_path / f"probolinggo{suffix}"
    onestop.dump(catalogue, path)
    loaded = onestop.load(path)
    assert loaded == catalogue
    assert onestop.dumps(loaded, "json") == onestop.dumps(catalogue, "json")


@pytest.mark.parametrize("fmt", FORMATS)
def test_dump_of_a_loaded_dump_is_a_fixed_point(fmt: str) -> None:
    catalogue = onestop.builtin("probolinggo")
    text = onestop.dumps(catalogue, fmt)
    assert onestop.dumps(onestop.loads(text, fmt), fmt) == text


@pytest.mark.parametrize("fmt", FORMATS)
def test_no_public_holidays_survives_every_format(fmt: str) -> None:
    data = catalogue_example()
    data["calendar"] = {"holidays": None, "closed": [dt.date(2026, 12, 24)]}
    catalogue = onestop.from_dict(data)
    assert catalogue.calendar.holidays is None
    again = onestop.loads(onestop.dumps(catalogue, fmt), fmt)
    assert again.calendar.holidays is None
    assert again.calendar.closed == (dt.date(2026, 12, 24),)
    assert again == catalogue


@pytest.mark.parametrize("fmt", FORMATS)
def test_unusual_strings_survive_every_format(fmt: str) -> None:
    data = catalogue_example()
    awkward = ["no", "15:00", "2026-12-24", "null", "~", "- x", "#x", " pad ", "a: b", "1e5"]
    data["documents"] = [
        {"id": f"d{i}", "name": name, "note": name} for i, name in enumerate(awkward)
    ]
    data["services"][0]["produces"] = ["d0"]
    data["services"][0]["description"] = "line one\nline two\n\ttabbed “quoted” – Rp 10.000"
    catalogue = onestop.from_dict(data)
    again = onestop.loads(onestop.dumps(catalogue, fmt), fmt)
    assert again == catalogue
    assert [d.name for d in again.documents] == awkward


def catalogue_example() -> dict[str, Any]:
    return {
        "format": "onestop/1",
        "id": "demo",
        "name": "Demo",
        "agencies": [{"id": "dukcapil", "name": "Dukcapil", "level": "city"}],
        "documents": [{"id": "kk", "name": "Kartu Keluarga"}],
        "services": [{"id": "kk-baru", "name": "KK baru", "agency": "dukcapil"}],
        "venues": [{"id": "mpp", "name": "MPP", "kind": "mpp"}],
        "counters": [{"id": "loket", "venue": "mpp", "services": ["kk-baru"]}],
    }
