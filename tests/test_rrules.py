"""Rule dates in bounded work: the same dates as dateutil, without its long walks."""

from __future__ import annotations

import datetime as dt
import time

import pytest
from dateutil.rrule import rrulestr
from hypothesis import given, settings
from hypothesis import strategies as st

from onestop._rrules import RuleDates

WEEKDAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]


@st.composite
def rules(draw: st.DrawFn) -> str:
    """Rules that keep occurring (dateutil itself, the reference, walks a dead rule to 9999)."""
    start = draw(st.dates(min_value=dt.date(1970, 1, 1), max_value=dt.date(2030, 12, 31)))
    freq = draw(st.sampled_from(["DAILY", "WEEKLY", "MONTHLY", "YEARLY"]))
    parts = [f"FREQ={freq}"]
    if draw(st.booleans()):
        parts.append(f"INTERVAL={draw(st.integers(1, 5))}")
    nth = False
    if draw(st.booleans()):
        days = draw(st.lists(st.sampled_from(WEEKDAYS), min_size=1, max_size=3, unique=True))
        if freq in ("MONTHLY", "YEARLY") and draw(st.booleans()):
            nth = True
            days = [f"{draw(st.sampled_from([1, 2, -1]))}{d}" for d in days]
        parts.append("BYDAY=" + ",".join(days))
    if draw(st.booleans()):
        parts.append(f"BYWEEKNO={draw(st.sampled_from([1, 20, 52, -1]))}")
    else:
        if draw(st.booleans()):
            months = draw(st.lists(st.integers(1, 12), min_size=1, max_size=3, unique=True))
            parts.append("BYMONTH=" + ",".join(map(str, months)))
        if not nth and draw(st.booleans()):
            monthdays = st.integers(1, 28) | st.integers(-3, -1)
            chosen = draw(st.lists(monthdays, min_size=1, max_size=3, unique=True))
            parts.append("BYMONTHDAY=" + ",".join(map(str, chosen)))
    if draw(st.booleans()):
        parts.append(f"BYSETPOS={draw(st.sampled_from([1, -1]))}")
    ending = draw(st.sampled_from(["none", "count", "until"]))
    if ending == "count":
        parts.append(f"COUNT={draw(st.integers(1, 300))}")
    elif ending == "until":
        until = start + dt.timedelta(days=draw(st.integers(0, 30_000)))
        parts.append(f"UNTIL={until:%Y%m%d}")
    return f"DTSTART:{start:%Y%m%d}\nRRULE:{';'.join(parts)}"


@settings(max_examples=150, deadline=None)
@given(
    rules(),
    st.dates(min_value=dt.date(1970, 1, 1), max_value=dt.date(2060, 1, 1)),
    st.integers(0, 800),
)
def test_the_dates_are_dateutils_own(text: str, first: dt.date, span: int) -> None:
    last = first + dt.timedelta(days=span)
    expected = {
        when.date()
        for when in rrulestr(text, forceset=True).between(
            dt.datetime.combine(first, dt.time()),
            dt.datetime.combine(last, dt.time(23, 59, 59)),
            inc=True,
        )
    }
    assert RuleDates(text).between(first, last) == expected


def test_exdates_and_rdates_are_kept() -> None:
    text = "DTSTART:20260101\nRRULE:FREQ=WEEKLY;BYDAY=SA\nEXDATE:20260110\nRDATE:20260112"
    found = RuleDates(text).between(dt.date(2026, 1, 1), dt.date(2026, 1, 18))
    assert sorted(found) == [dt.date(2026, 1, 3), dt.date(2026, 1, 12), dt.date(2026, 1, 17)]


@pytest.mark.parametrize(
    "rule",
    [
        "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30",
        "FREQ=DAILY;INTERVAL=2;BYMONTH=4;BYMONTHDAY=31",
        "FREQ=WEEKLY;BYMONTH=2;BYMONTHDAY=30",
        "FREQ=MONTHLY;BYMONTH=11;BYMONTHDAY=31",
        "FREQ=DAILY;UNTIL=19700110",
    ],
)
def test_a_rule_that_never_occurs_again_is_known_quickly(rule: str) -> None:
    dates = RuleDates(f"DTSTART:19700101\nRRULE:{rule}")
    started = time.perf_counter()
    for year in range(2026, 2030):
        assert dates.between(dt.date(year, 1, 1), dt.date(year, 12, 31)) == set()
    assert time.perf_counter() - started < 1.5  # dateutil alone: 5 s and more for the first


def test_an_old_start_is_not_walked_from() -> None:
    dates = RuleDates("DTSTART:19700101\nRRULE:FREQ=DAILY")
    started = time.perf_counter()
    for _ in range(20):
        assert len(dates.between(dt.date(2199, 1, 1), dt.date(2199, 1, 31))) == 31
    assert time.perf_counter() - started < 0.5  # from 1970, each call walks 84,000 days
