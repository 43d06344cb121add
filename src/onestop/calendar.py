"""Working days and venue opening dates: the one calendar truth of the library.

*Working days* are Monday to Friday, less the public holidays of the
catalogue's ``calendar.holidays`` country (from the python-holidays library)
and the dates in ``calendar.closed``. A *venue is open* on a date when one of
its hours entries falls on that date (``days``: those weekdays; ``rrule``: the
dates of that rule) and the date is not a holiday or closed date, unless the
entry has ``on_holidays: true``. A venue with no hours is open every day.

Every function takes the catalogue first, because the holidays and closed
dates are the catalogue's. The work behind them (holiday tables, expanded
rules, sorted open dates per year) is done once per catalogue and year and
kept with the catalogue object.

Examples
--------
>>> import datetime as dt, onestop
>>> from onestop import calendar
>>> cat = onestop.builtin("probolinggo")
>>> calendar.is_working_day(cat, dt.date(2026, 8, 17))  # Independence Day
False
>>> calendar.add_working_days(cat, dt.date(2026, 8, 14), 1)  # Friday + 1 working day
datetime.date(2026, 8, 18)
>>> calendar.next_open(cat, "mpp", dt.date(2026, 8, 15))  # a Saturday
datetime.date(2026, 8, 18)
"""

from __future__ import annotations

import bisect
import datetime as dt
import zoneinfo
from collections.abc import Iterable
from typing import Final

import holidays as holidays_lib

from onestop._rrules import RuleDates
from onestop.errors import PlanningError, Problem
from onestop.model import WEEKDAYS, Catalogue, Hours, Venue

__all__ = [
    "FIRST_DATE",
    "HORIZON_DAYS",
    "LAST_DATE",
    "add_working_days",
    "holidays",
    "is_holiday",
    "is_open",
    "is_working_day",
    "next_open",
    "open_dates",
    "today",
]

HORIZON_DAYS: Final = 3 * 366
"""How far ahead :func:`next_open` looks before it says a venue never opens."""

FIRST_DATE: Final = dt.date(1970, 1, 1)
"""The first date the calendars cover (rules start in 1970 at the earliest)."""
LAST_DATE: Final = dt.date(2199, 12, 31)
"""The last date the calendars cover; work that would run past it cannot be dated."""


def _covered(year: int) -> int:
    """*year*, if the calendars cover it; else a PlanningError saying the range."""
    if not FIRST_DATE.year <= year <= LAST_DATE.year:
        raise PlanningError(
            [
                Problem(
                    "date",
                    f"the year {year} is outside the calendars' range: dates from "
                    f"{FIRST_DATE.isoformat()} to {LAST_DATE.isoformat()} are supported",
                )
            ]
        )
    return year


class WorkCalendar:
    """The prepared calendar of one catalogue (kept in the catalogue's cache)."""

    def __init__(self, catalogue: Catalogue) -> None:
        self.country = catalogue.calendar.holidays
        self.closed = frozenset(catalogue.calendar.closed)
        self.venues = {venue.id: venue for venue in catalogue.venues}
        self._rules: dict[tuple[str, int], RuleDates] = {}
        self._holidays: dict[int, frozenset[dt.date]] = {}
        self._working: dict[int, list[int]] = {}
        self._open: dict[tuple[str, int], list[int]] = {}

    # ---------------------------------------------------------------- holidays
    def holidays(self, year: int) -> frozenset[dt.date]:
        found = self._holidays.get(year)
        if found is None:
            _covered(year)
            if self.country is None:
                found = frozenset()
            else:
                table = holidays_lib.country_holidays(self.country, years=year)
                found = frozenset(day for day in table if day.year == year)
            self._holidays[year] = found
        return found

    def is_holiday(self, day: dt.date) -> bool:
        return day in self.closed or day in self.holidays(day.year)

    def is_working_day(self, day: dt.date) -> bool:
        return day.weekday() < 5 and not self.is_holiday(day)

    def working_ordinals(self, year: int) -> list[int]:
        found = self._working.get(year)
        if found is None:
            _covered(year)
            found = [day.toordinal() for day in _days_of(year) if self.is_working_day(day)]
            self._working[year] = found
        return found

    def add_working_days(self, day: dt.date, k: int) -> dt.date:
        if k <= 0:
            return day
        ordinal, year = day.toordinal(), day.year
        while True:
            days = self.working_ordinals(year)
            i = bisect.bisect_right(days, ordinal)
            if i + k - 1 < len(days):
                return dt.date.fromordinal(days[i + k - 1])
            k -= len(days) - i
            year += 1

    # ------------------------------------------------------------------ venues
    def _rule(self, venue: Venue, index: int, hours: Hours) -> RuleDates:
        key = (venue.id, index)
        rule = self._rules.get(key)
        if rule is None:
            assert hours.rrule is not None
            rule = self._rules[key] = RuleDates(hours.rrule)
        return rule

    def _entry_dates(self, venue: Venue, index: int, hours: Hours, year: int) -> set[dt.date]:
        first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
        if hours.from_ is not None:
            first = max(first, hours.from_)
        if hours.until is not None:
            last = min(last, hours.until)
        if first > last:
            return set()
        if hours.days is not None:
            weekdays = {WEEKDAYS.index(code) for code in hours.days}
            return {day for day in _days_between(first, last) if day.weekday() in weekdays}
        return self._rule(venue, index, hours).between(first, last)

    def open_ordinals(self, venue_id: str, year: int) -> list[int]:
        key = (venue_id, year)
        found = self._open.get(key)
        if found is None:
            _covered(year)
            venue = self.venues[venue_id]
            if not venue.hours:
                found = [day.toordinal() for day in _days_of(year)]
            else:
                days: set[dt.date] = set()
                for index, hours in enumerate(venue.hours):
                    for day in self._entry_dates(venue, index, hours, year):
                        if hours.on_holidays or not self.is_holiday(day):
                            days.add(day)
                found = sorted(day.toordinal() for day in days)
            self._open[key] = found
        return found

    def is_open(self, venue_id: str, day: dt.date) -> bool:
        days = self.open_ordinals(venue_id, day.year)
        ordinal = day.toordinal()
        i = bisect.bisect_left(days, ordinal)
        return i < len(days) and days[i] == ordinal

    def next_open(self, venue_id: str, day: dt.date, horizon: int = HORIZON_DAYS) -> dt.date | None:
        ordinal, limit = day.toordinal(), day.toordinal() + horizon
        year = day.year
        while dt.date(year, 1, 1).toordinal() <= limit:
            days = self.open_ordinals(venue_id, year)
            i = bisect.bisect_left(days, ordinal)
            if i < len(days):
                return dt.date.fromordinal(days[i]) if days[i] <= limit else None
            year += 1
        return None


def _days_of(year: int) -> Iterable[dt.date]:
    return _days_between(dt.date(year, 1, 1), dt.date(year, 12, 31))


def _days_between(first: dt.date, last: dt.date) -> Iterable[dt.date]:
    return (dt.date.fromordinal(n) for n in range(first.toordinal(), last.toordinal() + 1))


def work_calendar(catalogue: Catalogue) -> WorkCalendar:
    """Return the catalogue's prepared calendar, making it on first use."""
    return catalogue._prepared("calendar", WorkCalendar)


def _venue_id(catalogue: Catalogue, venue: Venue | str, include_planned: bool) -> str | None:
    """The venue's id, or ``None`` for a planned venue that is not to be counted as open."""
    found = catalogue.venue(venue if isinstance(venue, str) else venue.id)
    if found.status == "planned" and not include_planned:
        return None
    return found.id


def holidays(catalogue: Catalogue, year: int) -> frozenset[dt.date]:
    """Return the public holidays of a year under the catalogue's ``calendar.holidays``.

    Examples
    --------
    >>> import datetime as dt, onestop
    >>> dt.date(2026, 12, 25) in holidays(onestop.builtin("probolinggo"), 2026)
    True
    """
    return work_calendar(catalogue).holidays(year)


def is_holiday(catalogue: Catalogue, day: dt.date) -> bool:
    """Return whether a date is a public holiday or a closed date of the catalogue."""
    return work_calendar(catalogue).is_holiday(day)


def is_working_day(catalogue: Catalogue, day: dt.date) -> bool:
    """Return whether a date is a working day: Monday to Friday, not a holiday or closed.

    Examples
    --------
    >>> import datetime as dt, onestop
    >>> is_working_day(onestop.builtin("probolinggo"), dt.date(2026, 12, 1))
    True
    """
    return work_calendar(catalogue).is_working_day(day)


def add_working_days(catalogue: Catalogue, day: dt.date, k: int) -> dt.date:
    """Return the *k*-th working day after *day* (*day* itself when *k* is 0).

    Examples
    --------
    >>> import datetime as dt, onestop
    >>> add_working_days(onestop.builtin("probolinggo"), dt.date(2026, 12, 1), 3)
    datetime.date(2026, 12, 4)
    """
    return work_calendar(catalogue).add_working_days(day, k)


def is_open(
    catalogue: Catalogue, venue: Venue | str, day: dt.date, *, include_planned: bool = False
) -> bool:
    """Return whether a venue (object or id) is open on a date.

    A venue with ``status: planned`` is not open on any date, unless
    *include_planned* asks for the dates its hours say it would be open. An
    hours entry with ``from``/``until`` holds only on the dates between them.

    Examples
    --------
    >>> import datetime as dt, onestop
    >>> is_open(onestop.builtin("probolinggo"), "mpp", dt.date(2026, 12, 5))  # Saturday
    False
    """
    vid = _venue_id(catalogue, venue, include_planned)
    return vid is not None and work_calendar(catalogue).is_open(vid, day)


def next_open(
    catalogue: Catalogue,
    venue: Venue | str,
    day: dt.date,
    *,
    horizon: int = HORIZON_DAYS,
    include_planned: bool = False,
) -> dt.date | None:
    """Return the first date on or after *day* when the venue is open.

    Returns ``None`` when the venue does not open within *horizon* days
    (a pop-up whose rule has ended, say), and for a planned venue unless
    *include_planned* is true (see :func:`is_open`).

    Examples
    --------
    >>> import datetime as dt, onestop
    >>> next_open(onestop.builtin("probolinggo"), "mpp", dt.date(2026, 12, 5))
    datetime.date(2026, 12, 7)
    """
    vid = _venue_id(catalogue, venue, include_planned)
    return None if vid is None else work_calendar(catalogue).next_open(vid, day, horizon)


def open_dates(
    catalogue: Catalogue,
    venue: Venue | str,
    first: dt.date,
    last: dt.date,
    *,
    include_planned: bool = False,
) -> tuple[dt.date, ...]:
    """Return the dates from *first* to *last* (inclusive) when the venue is open.

    None for a planned venue unless *include_planned* is true (see :func:`is_open`).

    Examples
    --------
    >>> import datetime as dt, onestop
    >>> cat = onestop.builtin("probolinggo")
    >>> len(open_dates(cat, "mpp", dt.date(2026, 12, 7), dt.date(2026, 12, 13)))
    5
    """
    cal = work_calendar(catalogue)
    vid = _venue_id(catalogue, venue, include_planned)
    if vid is None:
        return ()
    found: list[dt.date] = []
    for year in range(first.year, last.year + 1):
        lo, hi = first.toordinal(), last.toordinal()
        found.extend(dt.date.fromordinal(n) for n in cal.open_ordinals(vid, year) if lo <= n <= hi)
    return tuple(found)


def today(catalogue: Catalogue) -> dt.date:
    """Return today's date in the catalogue's time zone."""
    return dt.datetime.now(zoneinfo.ZoneInfo(catalogue.timezone)).date()
