"""The amended format: hours entries bounded by ``from``/``until``, and planned venues."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

import onestop
from onestop import CatalogueError, calendar

D = dt.date
FORMATS = ("yaml", "json", "toml")


def catalogue(venue: dict[str, Any]) -> dict[str, Any]:
    return {
        "format": "onestop/1",
        "id": "kota",
        "name": "Kota",
        "calendar": {"holidays": "none"},
        "agencies": [{"id": "a", "name": "A", "level": "city"}],
        "documents": [],
        "services": [{"id": "s", "name": "S", "agency": "a"}],
        "venues": [venue],
        "counters": [{"id": "c", "venue": venue["id"], "services": ["s"]}],
    }


DRIVE_THRU = {
    "id": "drive-thru",
    "name": "Drive-thru",
    "kind": "popup",
    "hours": [
        {
            "days": ["SA"],
            "open": "08:00",
            "close": "12:00",
            "from": "2020-06-06",
            "until": D(2021, 12, 25),
        }
    ],
}
POPUP_YEAR = {
    "id": "keliling",
    "name": "Pelayanan keliling",
    "kind": "popup",
    "hours": [
        {
            "rrule": "DTSTART:20260103\nRRULE:FREQ=WEEKLY;BYDAY=SA",
            "open": "08:00",
            "close": "12:00",
            "from": "2026-03-01",
            "until": "2026-03-31",
        }
    ],
}
NEW_MPP = {
    "id": "mpp-baru",
    "name": "MPP baru",
    "kind": "mpp",
    "status": "planned",
    "hours": [
        {
            "days": ["MO", "TU", "WE", "TH", "FR"],
            "open": "08:00",
            "close": "15:00",
            "from": "2027-01-04",
        }
    ],
}


def problems(data: dict[str, Any]) -> list[str]:
    with pytest.raises(CatalogueError) as info:
        onestop.from_dict(data)
    return [str(p) for p in info.value.problems]


# ------------------------------------------------------------ from / until
def test_from_and_until_are_read_as_dates_whether_text_or_native() -> None:
    hours = onestop.from_dict(catalogue(DRIVE_THRU)).venue("drive-thru").hours[0]
    assert hours.from_ == D(2020, 6, 6)
    assert hours.until == D(2021, 12, 25)


def test_an_entry_holds_only_from_until_inclusive() -> None:
    cat = onestop.from_dict(catalogue(DRIVE_THRU))
    assert not calendar.is_open(cat, "drive-thru", D(2020, 5, 30))
    assert calendar.is_open(cat, "drive-thru", D(2020, 6, 6))  # the from date itself
    assert calendar.is_open(cat, "drive-thru", D(2021, 12, 25))  # the until date itself
    assert not calendar.is_open(cat, "drive-thru", D(2022, 1, 1))
    assert calendar.next_open(cat, "drive-thru", D(2020, 1, 1)) == D(2020, 6, 6)
    assert calendar.next_open(cat, "drive-thru", D(2021, 12, 26)) is None


def test_from_and_until_cut_an_rrule_to_its_programme() -> None:
    cat = onestop.from_dict(catalogue(POPUP_YEAR))
    saturdays = calendar.open_dates(cat, "keliling", D(2026, 1, 1), D(2026, 12, 31))
    assert saturdays == (D(2026, 3, 7), D(2026, 3, 14), D(2026, 3, 21), D(2026, 3, 28))


def test_an_entry_with_only_from_holds_from_then_on() -> None:
    cat = onestop.from_dict(catalogue({**NEW_MPP, "status": "open"}))
    assert calendar.next_open(cat, "mpp-baru", D(2026, 12, 1)) == D(2027, 1, 4)
    assert calendar.is_open(cat, "mpp-baru", D(2030, 1, 7))


def test_until_before_from_is_reported_with_its_path() -> None:
    venue = {**DRIVE_THRU, "hours": [{**DRIVE_THRU["hours"][0], "until": "2020-01-01"}]}
    assert problems(catalogue(venue)) == [
        "venues[0].hours[0].until: until 2020-01-01 is before from 2020-06-06"
    ]


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("from", "2026-02-30", "'2026-02-30' is not a date of the calendar"),
        ("until", "soon", "'soon' is not a date: write YYYY-MM-DD"),
        ("from", 20260101, "expected a date YYYY-MM-DD, got the number 20260101"),
        ("until", dt.datetime(2026, 1, 1, 8), "expected a date, got the date and time"),
    ],
)
def test_bad_from_and_until_values_are_reported_with_their_path(
    key: str, value: Any, message: str
) -> None:
    venue = {**DRIVE_THRU, "hours": [{**DRIVE_THRU["hours"][0], key: value}]}
    (found,) = problems(catalogue(venue))
    assert found.startswith(f"venues[0].hours[0].{key}: {message}")


# ------------------------------------------------------------------ status
def test_status_defaults_to_open() -> None:
    assert onestop.from_dict(catalogue(DRIVE_THRU)).venue("drive-thru").status == "open"


def test_an_unknown_status_is_reported_with_a_suggestion() -> None:
    assert problems(catalogue({**NEW_MPP, "status": "plan"})) == [
        "venues[0].status: unknown venue status 'plan' (did you mean 'planned'?): "
        "expected one of open, planned"
    ]


def test_a_planned_venue_is_not_open_unless_asked_what_if() -> None:
    cat = onestop.from_dict(catalogue(NEW_MPP))
    monday = D(2027, 1, 4)
    assert not calendar.is_open(cat, "mpp-baru", monday)
    assert calendar.next_open(cat, "mpp-baru", monday) is None
    assert calendar.open_dates(cat, "mpp-baru", monday, D(2027, 1, 10)) == ()
    assert calendar.is_open(cat, "mpp-baru", monday, include_planned=True)
    assert calendar.next_open(cat, "mpp-baru", D(2026, 12, 1), include_planned=True) == monday
    week = calendar.open_dates(cat, "mpp-baru", monday, D(2027, 1, 10), include_planned=True)
    assert len(week) == 5


# -------------------------------------------------------------- round trips
@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("venue", [DRIVE_THRU, POPUP_YEAR, NEW_MPP])
def test_from_until_and_status_survive_every_format(fmt: str, venue: dict[str, Any]) -> None:
    cat = onestop.from_dict(catalogue(venue))
    text = onestop.dumps(cat, fmt)
    assert onestop.loads(text, fmt) == cat


def test_the_file_keys_are_from_until_and_status() -> None:
    data = onestop.to_dict(onestop.from_dict(catalogue(NEW_MPP)))
    venue = data["venues"][0]
    assert venue["status"] == "planned"
    assert venue["hours"][0]["from"] == "2027-01-04"
    assert "until" not in venue["hours"][0]
    assert "status" not in onestop.to_dict(onestop.from_dict(catalogue(DRIVE_THRU)))["venues"][0]


# ------------------------------------------------------- sub-daily rule parts
@pytest.mark.parametrize(
    ("parts", "named"),
    [
        ("BYHOUR=8", "BYHOUR"),
        ("BYMINUTE=0,30", "BYMINUTE"),
        ("BYHOUR=8;BYSECOND=1", "BYHOUR, BYSECOND"),
    ],
)
def test_sub_daily_rule_parts_are_refused_with_their_path(parts: str, named: str) -> None:
    rule = f"DTSTART:19700101\nRRULE:FREQ=DAILY;{parts}"
    venue = {**POPUP_YEAR, "hours": [{"rrule": rule, "open": "08:00", "close": "12:00"}]}
    (found,) = problems(catalogue(venue))
    assert found.startswith(f"venues[0].hours[0].rrule: {named} picks times within a day")
