"""Bounded work on any file that validates: rules, caps and the calendars' range."""

from __future__ import annotations

import datetime as dt
import time
from typing import Any

import pytest

import onestop
from onestop import PlanningError, calendar


def one_venue(hours: list[dict[str, Any]], working_days: int = 0) -> onestop.Catalogue:
    return onestop.from_dict(
        {
            "format": "onestop/1",
            "id": "t",
            "name": "T",
            "agencies": [{"id": "a", "name": "A", "level": "city"}],
            "documents": [{"id": "d", "name": "D"}],
            "services": [
                {
                    "id": "s",
                    "name": "S",
                    "agency": "a",
                    "produces": ["d"],
                    "working_days": working_days,
                }
            ],
            "venues": [{"id": "stand", "name": "Stand", "kind": "popup", "hours": hours}],
            "counters": [{"id": "c", "venue": "stand", "services": ["s"]}],
        }
    )


def rule(text: str) -> list[dict[str, Any]]:
    return [{"rrule": text, "open": "08:00", "close": "12:00"}]


def test_a_rule_that_never_occurs_fails_its_plan_quickly() -> None:
    cat = one_venue(rule("DTSTART:19700101\nRRULE:FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30"))
    started = time.perf_counter()
    with pytest.raises(PlanningError, match="venue 'stand' does not open within 1098 days"):
        onestop.plan(cat, ["s"], start=dt.date(2026, 12, 1))
    assert time.perf_counter() - started < 1.0  # 18 s before


def test_a_daily_rule_from_1970_plans_as_fast_as_one_from_this_year() -> None:
    cat = one_venue(rule("DTSTART:19700101\nRRULE:FREQ=DAILY;INTERVAL=3"))
    started = time.perf_counter()
    plan = onestop.plan(cat, ["s"], start=dt.date(2150, 6, 1))
    assert time.perf_counter() - started < 1.0
    assert (plan.finish - dt.date(1970, 1, 1)).days % 3 == 0


@pytest.mark.parametrize("day", [dt.date(1969, 12, 31), dt.date(2200, 1, 1), dt.date(9999, 12, 31)])
def test_the_calendars_say_their_range_for_a_date_outside_it(day: dt.date) -> None:
    cat = onestop.builtin("probolinggo")
    with pytest.raises(PlanningError, match="dates from 1970-01-01 to 2199-12-31 are supported"):
        calendar.is_open(cat, "mpp", day)
    with pytest.raises(PlanningError, match="outside the calendars' range"):
        calendar.add_working_days(cat, day, 1)


def test_work_that_would_run_past_the_range_is_a_planning_error_saying_it() -> None:
    cat = one_venue([{"days": ["MO"], "open": "08:00", "close": "12:00"}], working_days=260)
    with pytest.raises(PlanningError, match="2199-12-31 are supported"):
        onestop.plan(cat, ["s"], start=dt.date(2199, 6, 1))
