"""The dates of an hours entry's rrule in a window, in bounded work.

python-dateutil walks a rule period by period from its ``DTSTART``, and a
rule whose filters stop matching (``FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30``)
makes it walk day by day to the year 9999 before it says so: 2.9 million
steps, seconds. Three things keep the work bounded here, each keeping the
set of dates exactly what dateutil gives:

* **Start near the window.** A rule without ``COUNT`` repeats the same way
  every ``INTERVAL`` periods, so its ``DTSTART`` is moved forward by whole
  periods to just before the window (the filters dateutil derived from the
  old start are passed explicitly). A rule with ``COUNT`` keeps its start:
  it is bounded by its count.
* **A year at a time.** A rule of interval 1 that is daily or weekly, or
  monthly without ``BYSETPOS`` or an n-th weekday, gives the days that pass
  its filters; so does the same rule with ``FREQ=YEARLY`` and the same
  filters, which dateutil walks a year per step instead of a day.
* **Ask a superset first.** The rule with interval 1, no ``COUNT``, no
  ``BYSETPOS`` and plain weekdays, read yearly, gives every date the rule
  can give and more. Its filters (months, days of the month and of the year,
  weekdays, week numbers) repeat every 400 years, as the Gregorian calendar
  does (146,097 days, a whole number of weeks); so whether it ever matches is
  asked of the last 400 years before 9999, where dateutil's walk ends within
  400 steps. A rule whose superset never matches gives no date, and is
  known as such at once.

A rule whose interval alone keeps it off its filters' days
(``FREQ=DAILY;INTERVAL=7;BYDAY=TU`` from a Monday) is still walked by dateutil
at its own pace; such a rule is a mistake no one writes twice.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Final

from dateutil.rrule import DAILY, MONTHLY, WEEKLY, YEARLY, rrule, rruleset, rrulestr, weekday

__all__ = ["RuleDates"]

_EVERY_WEEKDAY: Final = tuple(weekday(n) for n in range(7))
_CYCLE_YEARS: Final = 400
"""The Gregorian calendar repeats, weekdays included, every 400 years."""


def _filters(rule: rrule, *, plain_weekdays: bool = False) -> dict[str, Any]:
    """The rule's day filters as dateutil derived them (defaults from its start included)."""
    r: Any = rule  # dateutil keeps them in private fields
    days = [weekday(n) for n in r._byweekday or ()]
    for n, nth in r._bynweekday or ():
        days.append(weekday(n) if plain_weekdays else weekday(n, nth))
    filters: dict[str, Any] = {
        "bymonth": r._bymonth,
        "bymonthday": (*r._bymonthday, *r._bynmonthday) or None,
        "byyearday": r._byyearday,
        "byeaster": r._byeaster,
        "byweekno": r._byweekno,
        "byweekday": tuple(dict.fromkeys(days)) or None,
        "byhour": r._byhour,
        "byminute": r._byminute,
        "bysecond": r._bysecond,
    }
    if not any(filters[k] for k in ("bymonthday", "byyearday", "byeaster", "byweekno")) and (
        filters["byweekday"] is None
    ):
        filters["byweekday"] = _EVERY_WEEKDAY  # no day filter: every day (no default added)
    return filters


def _yearly_equivalent(rule: rrule) -> rrule | None:
    """The same rule read a year per step, when that gives the same dates; else ``None``."""
    r: Any = rule
    if r._freq == YEARLY:
        return rule
    if r._interval != 1 or r._bysetpos or r._freq not in (DAILY, WEEKLY, MONTHLY):
        return None
    if r._freq == MONTHLY and r._bynweekday:
        return None  # an n-th weekday of the month is not the n-th of the year
    return rrule(
        YEARLY, dtstart=r._dtstart, count=r._count, until=r._until, wkst=r._wkst, **_filters(rule)
    )


def _superset(rule: rrule, first: dt.datetime) -> rrule:
    """A yearly rule from *first* giving every date *rule* gives on or after it (and maybe more)."""
    r: Any = rule
    start = max(r._dtstart, first.replace(month=1, day=1, hour=0, minute=0, second=0))
    return rrule(
        YEARLY,
        dtstart=start,
        until=r._until,
        wkst=r._wkst,
        **_filters(rule, plain_weekdays=True),
    )


def _ever_matches(rule: rrule) -> bool:
    """Whether the rule's filters match any date at all (its start and end aside)."""
    r: Any = rule
    if r._byeaster is not None:
        return True  # Easter does not follow the 400-year cycle; every year has one
    last_cycle = dt.datetime(dt.MAXYEAR - _CYCLE_YEARS, 1, 1)
    probe = _superset(rule, last_cycle)
    probe = probe.replace(dtstart=last_cycle, until=None)
    return probe.after(last_cycle, inc=True) is not None


def _moved_near(rule: rrule, first: dt.datetime) -> rrule:
    """*rule* with its start moved forward by whole periods to at most *first* (no COUNT)."""
    r: Any = rule
    start: dt.datetime = r._dtstart
    if r._count is not None or start >= first:
        return rule
    n = r._interval
    if r._freq in (DAILY, WEEKLY):
        step = n if r._freq == DAILY else 7 * n
        moved = start + dt.timedelta(days=(first - start).days // step * step)
    elif r._freq == MONTHLY:
        months = (first.year - start.year) * 12 + first.month - start.month
        total = start.month - 1 + months // n * n
        moved = start.replace(year=start.year + total // 12, month=total % 12 + 1, day=1)
    else:
        moved = start.replace(year=start.year + (first.year - start.year) // n * n, month=1, day=1)
    return rrule(
        r._freq,
        dtstart=moved,
        interval=n,
        until=r._until,
        wkst=r._wkst,
        bysetpos=r._bysetpos,
        **_filters(rule),
    )


class RuleDates:
    r"""The dates of one rrule text, window by window (see the module's notes).

    Examples
    --------
    >>> import datetime as dt
    >>> never = RuleDates("DTSTART:19700101\nRRULE:FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30")
    >>> never.between(dt.date(2026, 1, 1), dt.date(2026, 12, 31))
    set()
    >>> popup = RuleDates("DTSTART:19700104\nRRULE:FREQ=WEEKLY;INTERVAL=3;BYDAY=SU")
    >>> sorted(popup.between(dt.date(2026, 12, 1), dt.date(2026, 12, 31)))
    [datetime.date(2026, 12, 6), datetime.date(2026, 12, 27)]
    """

    def __init__(self, text: str) -> None:
        parsed = rrulestr(text, forceset=True)
        assert isinstance(parsed, rruleset)
        self._rules: list[rrule] = list(parsed._rrule)  # type: ignore[attr-defined]
        self._exrules: list[rrule] = list(parsed._exrule)  # type: ignore[attr-defined]
        self._rdates: list[dt.datetime] = list(parsed._rdate)  # type: ignore[attr-defined]
        self._exdates: list[dt.datetime] = list(parsed._exdate)  # type: ignore[attr-defined]
        self._matching = [_ever_matches(rule) for rule in self._rules]
        self._ex_matching = [_ever_matches(rule) for rule in self._exrules]

    def between(self, first: dt.date, last: dt.date) -> set[dt.date]:
        """The dates from *first* to *last* (inclusive) that the rule gives."""
        lo = dt.datetime.combine(first, dt.time())
        hi = dt.datetime.combine(last, dt.time(23, 59, 59))
        days: set[dt.date] = set()
        for rule, matching in zip(self._rules, self._matching, strict=True):
            if matching:
                days |= _rule_between(rule, lo, hi)
        days |= {when.date() for when in self._rdates if lo <= when <= hi}
        for rule, matching in zip(self._exrules, self._ex_matching, strict=True):
            if matching:
                days -= _rule_between(rule, lo, hi)
        days -= {when.date() for when in self._exdates}
        return days


def _rule_between(rule: rrule, lo: dt.datetime, hi: dt.datetime) -> set[dt.date]:
    """The dates of a rule whose filters match some dates, from *lo* to *hi*."""
    r: Any = rule
    if r._until is not None and r._until < lo:
        return set()
    next_possible = _superset(rule, lo).after(lo, inc=True)  # within 400 yearly steps
    if next_possible is None or next_possible > hi:
        return set()
    walked = _moved_near(_yearly_equivalent(rule) or rule, lo)
    return {when.date() for when in walked.between(lo, hi, inc=True)}
