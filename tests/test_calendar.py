"""Working days, holidays and venue opening dates."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from typing import Any

import pytest
from dateutil.rrule import rrulestr

import onestop
from onestop import calendar

D = dt.date
WEEKDAYS = ["MO", "TU", "WE", "TH", "FR"]
ALL_DAYS = [*WEEKDAYS, "SA", "SU"]


def hours(days: list[str] | None = None, rrule: str | None = None, **extra: Any) -> dict[str, Any]:
    entry: dict[str, Any] = {"open": "08:00", "close": "15:00", **extra}
    if days is not None:
        entry["days"] = days
    if rrule is not None:
        entry["rrule"] = rrule
    return entry


VENUE_HOURS: dict[str, list[dict[str, Any]]] = {
    "mpp": [hours(WEEKDAYS)],
    "weekend": [hours(["SA", "SU"])],
    "weekend-holidays": [hours(["SA", "SU"], on_holidays=True)],
    "every-day": [hours(ALL_DAYS)],
    "every-day-holidays": [hours(ALL_DAYS, on_holidays=True)],
    "popup": [hours(rrule="DTSTART:20260906\nRRULE:FREQ=WEEKLY;INTERVAL=3;BYDAY=SU")],
    "merdeka": [hours(rrule="DTSTART:20260817\nRRULE:FREQ=YEARLY")],
    "merdeka-holidays": [hours(rrule="DTSTART:20260817\nRRULE:FREQ=YEARLY", on_holidays=True)],
    "ended": [hours(rrule="DTSTART:20260105\nRRULE:FREQ=WEEKLY;BYDAY=MO;UNTIL=20260301")],
    "counted": [hours(rrule="DTSTART:20260906T100000\nRRULE:FREQ=DAILY;COUNT=2")],
    "office-plus-festival": [
        hours(WEEKDAYS),
        hours(rrule="DTSTART:20260817\nRRULE:FREQ=YEARLY", on_holidays=True),
    ],
    "online": [],
}


def make(holidays: Any = "ID", closed: tuple[str, ...] = ("2026-12-24",)) -> onestop.Catalogue:
    venues = []
    for ident, entries in VENUE_HOURS.items():
        venue: dict[str, Any] = {"id": ident, "name": ident, "kind": "office"}
        if entries:
            venue["hours"] = entries
        venues.append(venue)
    return onestop.from_dict(
        {
            "format": "onestop/1",
            "id": "kota",
            "name": "Kota",
            "calendar": {"holidays": holidays, "closed": list(closed)},
            "agencies": [{"id": "a", "name": "A", "level": "city"}],
            "documents": [],
            "services": [{"id": "s", "name": "S", "agency": "a"}],
            "venues": venues,
            "counters": [{"id": "c", "venue": "mpp", "services": ["s"]}],
        }
    )


@pytest.fixture(scope="module")
def kota() -> onestop.Catalogue:
    return make()


@pytest.fixture(scope="module")
def no_holidays() -> onestop.Catalogue:
    return make(holidays="none")


@pytest.fixture(scope="module")
def probolinggo() -> onestop.Catalogue:
    return onestop.builtin("probolinggo")


# ------------------------------------------------------------- working days
@pytest.mark.parametrize(
    ("day", "working"),
    [
        (D(2026, 12, 1), True),  # an ordinary Tuesday
        (D(2026, 12, 5), False),  # Saturday
        (D(2026, 12, 6), False),  # Sunday
        (D(2026, 8, 17), False),  # Independence Day (python-holidays, ID)
        (D(2026, 12, 25), False),  # Christmas
        (D(2026, 1, 16), False),  # Isra' Mi'raj, a moving holiday
        (D(2026, 12, 24), False),  # a closed date of the catalogue
        (D(2026, 12, 23), True),
    ],
)
def test_is_working_day_knows_weekends_holidays_and_closed_dates(
    kota: onestop.Catalogue, day: dt.date, working: bool
) -> None:
    assert calendar.is_working_day(kota, day) is working


def test_without_public_holidays_only_weekends_and_closed_dates_are_off(
    no_holidays: onestop.Catalogue,
) -> None:
    assert calendar.is_working_day(no_holidays, D(2026, 8, 17))
    assert calendar.is_working_day(no_holidays, D(2026, 12, 25))
    assert not calendar.is_working_day(no_holidays, D(2026, 12, 24))
    assert not calendar.is_working_day(no_holidays, D(2026, 8, 15))
    assert calendar.holidays(no_holidays, 2026) == frozenset()


def test_null_holidays_means_the_same_as_none() -> None:
    assert calendar.is_working_day(make(holidays=None), D(2026, 8, 17))


def test_another_country_uses_its_own_holidays() -> None:
    malaysia = make(holidays="MY")
    assert calendar.is_working_day(malaysia, D(2026, 8, 17))
    assert not calendar.is_working_day(malaysia, D(2026, 8, 31))  # Hari Merdeka


def test_holidays_lists_public_holidays_but_not_closed_dates(kota: onestop.Catalogue) -> None:
    found = calendar.holidays(kota, 2026)
    assert D(2026, 8, 17) in found
    assert D(2026, 1, 1) in found
    assert D(2026, 12, 24) not in found
    assert all(day.year == 2026 for day in found)
    assert calendar.is_holiday(kota, D(2026, 12, 24))
    assert not calendar.is_holiday(kota, D(2026, 12, 5))  # a weekend is not a holiday


@pytest.mark.parametrize(
    ("start", "k", "expected"),
    [
        (D(2026, 12, 1), 0, D(2026, 12, 1)),
        (D(2026, 12, 5), 0, D(2026, 12, 5)),  # k=0 is the day itself, even a Saturday
        (D(2026, 12, 1), 3, D(2026, 12, 4)),
        (D(2026, 12, 4), 1, D(2026, 12, 7)),  # Friday -> Monday
        (D(2026, 12, 5), 1, D(2026, 12, 7)),  # from a Saturday
        (D(2026, 8, 14), 1, D(2026, 8, 18)),  # weekend then Independence Day
        (D(2026, 12, 23), 1, D(2026, 12, 28)),  # closed 24th, Christmas, weekend
        (D(2026, 12, 30), 2, D(2027, 1, 4)),  # New Year's Day, across the year end
        (D(2026, 12, 31), 1, D(2027, 1, 4)),
        (D(2027, 1, 1), 1, D(2027, 1, 4)),
    ],
)
def test_add_working_days_skips_weekends_holidays_and_closed_dates(
    kota: onestop.Catalogue, start: dt.date, k: int, expected: dt.date
) -> None:
    assert calendar.add_working_days(kota, start, k) == expected


def test_add_working_days_without_holidays_crosses_the_year_end_plainly(
    no_holidays: onestop.Catalogue,
) -> None:
    assert calendar.add_working_days(no_holidays, D(2026, 12, 31), 1) == D(2027, 1, 1)
    assert calendar.add_working_days(no_holidays, D(2026, 12, 23), 1) == D(2026, 12, 25)


def naive_add(catalogue: onestop.Catalogue, day: dt.date, k: int) -> dt.date:
    while k > 0:
        day += dt.timedelta(days=1)
        if calendar.is_working_day(catalogue, day):
            k -= 1
    return day


@pytest.mark.parametrize("k", [1, 2, 5, 20, 300, 600])
def test_add_working_days_agrees_with_counting_day_by_day(kota: onestop.Catalogue, k: int) -> None:
    for offset in range(0, 365, 17):
        start = D(2026, 1, 1) + dt.timedelta(days=offset)
        assert calendar.add_working_days(kota, start, k) == naive_add(kota, start, k), start


def test_add_working_days_on_the_builtin_calendar_skips_its_closed_dates(
    probolinggo: onestop.Catalogue,
) -> None:
    closed = set(probolinggo.calendar.closed)
    assert closed, "the built-in catalogue lists cuti bersama dates"
    for day in sorted(closed):
        before = day - dt.timedelta(days=1)
        result = calendar.add_working_days(probolinggo, before, 1)
        assert result > day
        assert result == naive_add(probolinggo, before, 1)
        assert not calendar.is_working_day(probolinggo, day)


# ---------------------------------------------------------------- days entries
@pytest.mark.parametrize(
    ("venue", "day", "open_"),
    [
        ("mpp", D(2026, 12, 1), True),
        ("mpp", D(2026, 12, 5), False),  # Saturday
        ("mpp", D(2026, 8, 17), False),  # holiday
        ("mpp", D(2026, 12, 24), False),  # closed date
        ("weekend", D(2026, 12, 5), True),
        ("weekend", D(2026, 12, 1), False),
        ("weekend", D(2026, 3, 21), False),  # Idul Fitri on a Saturday
        ("weekend-holidays", D(2026, 3, 21), True),
        ("every-day", D(2026, 12, 24), False),
        ("every-day-holidays", D(2026, 12, 24), True),  # on_holidays covers closed dates
        ("every-day-holidays", D(2026, 8, 17), True),
        ("office-plus-festival", D(2026, 8, 17), True),  # the on_holidays entry holds
        ("office-plus-festival", D(2026, 8, 18), True),
        ("office-plus-festival", D(2026, 12, 25), False),
    ],
)
def test_is_open_follows_days_entries_and_holidays(
    kota: onestop.Catalogue, venue: str, day: dt.date, open_: bool
) -> None:
    assert calendar.is_open(kota, venue, day) is open_


def test_next_open_for_days_entries(kota: onestop.Catalogue) -> None:
    assert calendar.next_open(kota, "mpp", D(2026, 12, 1)) == D(2026, 12, 1)
    assert calendar.next_open(kota, "mpp", D(2026, 12, 5)) == D(2026, 12, 7)
    assert calendar.next_open(kota, "mpp", D(2026, 8, 15)) == D(2026, 8, 18)
    assert calendar.next_open(kota, "mpp", D(2026, 12, 24)) == D(2026, 12, 28)
    assert calendar.next_open(kota, "weekend", D(2026, 12, 28)) == D(2027, 1, 2)


def test_is_open_and_next_open_take_a_venue_object_or_its_id(kota: onestop.Catalogue) -> None:
    venue = kota.venue("weekend")
    assert calendar.is_open(kota, venue, D(2026, 12, 5))
    assert calendar.next_open(kota, venue, D(2026, 12, 1)) == D(2026, 12, 5)


def test_an_unknown_venue_is_a_key_error_with_a_suggestion(kota: onestop.Catalogue) -> None:
    with pytest.raises(KeyError, match=r"unknown venue 'mppp' \(did you mean 'mpp'\?\)"):
        calendar.is_open(kota, "mppp", D(2026, 12, 1))
    with pytest.raises(KeyError, match="unknown venue"):
        calendar.next_open(kota, "nowhere", D(2026, 12, 1))


# -------------------------------------------------------------------- rrules
def test_a_three_weekly_sunday_rule_opens_every_third_sunday(kota: onestop.Catalogue) -> None:
    assert calendar.is_open(kota, "popup", D(2026, 9, 6))
    assert not calendar.is_open(kota, "popup", D(2026, 9, 13))
    assert not calendar.is_open(kota, "popup", D(2026, 9, 20))
    assert calendar.is_open(kota, "popup", D(2026, 9, 27))
    assert not calendar.is_open(kota, "popup", D(2026, 8, 30))  # before DTSTART
    assert calendar.next_open(kota, "popup", D(2026, 1, 1)) == D(2026, 9, 6)
    assert calendar.next_open(kota, "popup", D(2026, 9, 7)) == D(2026, 9, 27)
    assert calendar.next_open(kota, "popup", D(2026, 12, 21)) == D(2027, 1, 10)


def test_open_dates_of_a_rule_over_a_range(kota: onestop.Catalogue) -> None:
    assert calendar.open_dates(kota, "popup", D(2026, 9, 1), D(2026, 11, 30)) == (
        D(2026, 9, 6),
        D(2026, 9, 27),
        D(2026, 10, 18),
        D(2026, 11, 8),
        D(2026, 11, 29),
    )
    assert calendar.open_dates(kota, "mpp", D(2026, 12, 21), D(2027, 1, 5)) == (
        D(2026, 12, 21),
        D(2026, 12, 22),
        D(2026, 12, 23),
        D(2026, 12, 28),
        D(2026, 12, 29),
        D(2026, 12, 30),
        D(2026, 12, 31),
        D(2027, 1, 4),
    )


def test_a_rule_falling_on_a_holiday_is_closed_unless_on_holidays(
    kota: onestop.Catalogue,
) -> None:
    assert not calendar.is_open(kota, "merdeka", D(2026, 8, 17))
    assert calendar.is_open(kota, "merdeka-holidays", D(2026, 8, 17))
    assert calendar.next_open(kota, "merdeka-holidays", D(2026, 8, 18)) == D(2027, 8, 17)


def test_next_open_is_none_when_every_date_of_the_rule_is_a_holiday(
    kota: onestop.Catalogue,
) -> None:
    assert calendar.next_open(kota, "merdeka", D(2026, 1, 1)) is None


def test_next_open_is_none_once_a_rule_has_ended(kota: onestop.Catalogue) -> None:
    assert calendar.next_open(kota, "ended", D(2026, 2, 20)) == D(2026, 2, 23)
    assert calendar.next_open(kota, "ended", D(2026, 2, 24)) is None
    assert not calendar.is_open(kota, "ended", D(2026, 3, 2))


def test_a_rule_with_a_count_and_a_start_time_opens_on_its_dates(
    kota: onestop.Catalogue,
) -> None:
    assert calendar.open_dates(kota, "counted", D(2026, 9, 1), D(2026, 9, 30)) == (
        D(2026, 9, 6),
        D(2026, 9, 7),
    )
    assert calendar.next_open(kota, "counted", D(2026, 9, 8)) is None


def test_next_open_respects_the_horizon(kota: onestop.Catalogue) -> None:
    assert calendar.next_open(kota, "popup", D(2026, 9, 7), horizon=5) is None
    assert calendar.next_open(kota, "popup", D(2026, 9, 7), horizon=20) == D(2026, 9, 27)
    assert calendar.next_open(kota, "popup", D(2026, 9, 7), horizon=19) is None


def test_builtin_popup_opens_on_exactly_the_dates_of_its_rule(
    probolinggo: onestop.Catalogue,
) -> None:
    (entry,) = probolinggo.venue("twsl").hours
    assert entry.rrule is not None
    assert entry.on_holidays
    rule = rrulestr(entry.rrule)
    first, last = D(2026, 1, 1), D(2027, 12, 31)
    expected = tuple(
        when.date()
        for when in rule.between(dt.datetime(2026, 1, 1), dt.datetime(2027, 12, 31), inc=True)
    )
    assert expected, "the rotation runs through 2026-2027"
    assert calendar.open_dates(probolinggo, "twsl", first, last) == expected


def test_builtin_mpp_opens_on_fridays_but_never_on_closed_dates(
    probolinggo: onestop.Catalogue,
) -> None:
    assert calendar.is_open(probolinggo, "mpp", D(2026, 12, 4))  # Friday
    assert not any(h.on_holidays for h in probolinggo.venue("mpp").hours)
    for day in probolinggo.calendar.closed:
        assert not calendar.is_open(probolinggo, "mpp", day), day


# ---------------------------------------------------------------- no hours
@pytest.mark.parametrize(
    "day", [D(2026, 12, 5), D(2026, 12, 6), D(2026, 8, 17), D(2026, 12, 24), D(2027, 1, 1)]
)
def test_a_venue_without_hours_is_open_every_day(kota: onestop.Catalogue, day: dt.date) -> None:
    assert calendar.is_open(kota, "online", day)
    assert calendar.next_open(kota, "online", day) == day


def test_open_dates_of_a_venue_without_hours_is_every_date(kota: onestop.Catalogue) -> None:
    found = calendar.open_dates(kota, "online", D(2026, 12, 30), D(2027, 1, 2))
    assert found == (D(2026, 12, 30), D(2026, 12, 31), D(2027, 1, 1), D(2027, 1, 2))


def test_today_is_the_date_in_the_catalogue_time_zone(kota: onestop.Catalogue) -> None:
    before = dt.datetime.now(zoneinfo.ZoneInfo("Asia/Jakarta")).date()
    found = calendar.today(kota)
    after = dt.datetime.now(zoneinfo.ZoneInfo("Asia/Jakarta")).date()
    assert before <= found <= after


def test_calendar_answers_are_the_same_on_an_equal_fresh_catalogue(
    kota: onestop.Catalogue,
) -> None:
    fresh = make()
    for venue in VENUE_HOURS:
        assert calendar.open_dates(fresh, venue, D(2026, 1, 1), D(2027, 12, 31)) == (
            calendar.open_dates(kota, venue, D(2026, 1, 1), D(2027, 12, 31))
        )
