"""Property tests: plan() against the brute-force reference on small random catalogues.

The catalogues are generated in the spec's plain-data format, with cycles,
any_of, several producers per document, services at several counters and
venues, pop-up rrules, closed dates and pickups.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import event, given
from hypothesis import strategies as st

import onestop
from onestop.calendar import work_calendar
from onestop.planning.choice import Choice
from onestop.planning.itinerary import date
from onestop.planning.prepared import Prepared, prepared
from onestop.planning.reduce import Instance, reduce
from onestop.planning.request import resolve
from onestop.planning.search import Budget
from reference import best_itinerary, best_key, check_plan_valid, choices, never_open

START = dt.date(2026, 11, 30)  # a Monday


@st.composite
def requirement(draw: st.DrawFn, docs: list[str]) -> Any:
    items: list[Any] = []
    for _ in range(draw(st.integers(0, 2))):
        if draw(st.integers(0, 3)) == 0:
            alternatives = draw(
                st.lists(st.sampled_from(docs), min_size=2, max_size=3, unique=True)
            )
            items.append({"any_of": alternatives})
        else:
            items.append(draw(st.sampled_from(docs)))
    return items


@st.composite
def hours(draw: st.DrawFn) -> list[dict[str, Any]]:
    kind = draw(st.sampled_from(["weekdays", "every-day", "rrule", "days", "popup", "popup"]))
    if kind == "every-day":
        return []
    if kind == "weekdays":
        return [{"days": ["MO", "TU", "WE", "TH", "FR"], "open": "08:00", "close": "14:00"}]
    if kind == "days":
        days = draw(
            st.lists(
                st.sampled_from(["MO", "TU", "WE", "TH", "FR", "SA", "SU"]),
                min_size=1,
                max_size=4,
                unique=True,
            )
        )
        return [{"days": days, "open": "08:00", "close": "12:00"}]
    if kind == "popup":
        # A pop-up stand: one weekday, every week or every other week or third week.
        weekday = draw(st.sampled_from(["MO", "TU", "WE", "TH", "FR", "SA", "SU"]))
        first = START + dt.timedelta(draw(st.integers(-7, 7)))
        return [
            {
                "rrule": f"DTSTART:{first:%Y%m%d}\nRRULE:FREQ=WEEKLY;"
                f"INTERVAL={draw(st.integers(1, 3))};BYDAY={weekday}",
                "open": "08:00",
                "close": "12:00",
                "on_holidays": draw(st.booleans()),
            }
        ]
    interval = draw(st.integers(1, 2))
    first = START + dt.timedelta(draw(st.integers(-3, 3)))
    return [
        {
            "rrule": f"DTSTART:{first:%Y%m%d}\nRRULE:FREQ=DAILY;INTERVAL={interval}",
            "open": "08:00",
            "close": "12:00",
            "on_holidays": draw(st.booleans()),
        }
    ]


def _label_pop_up_pickups(data: dict[str, Any], plan: onestop.Plan) -> None:
    """Count the plans the pop-up pickup bug was about (shown with --hypothesis-show-statistics)."""
    hours = {v["id"]: v["hours"] for v in data["venues"]}
    weekly = {v for v, h in hours.items() if any("WEEKLY" in e.get("rrule", "") for e in h)}
    pickups = [v.venue for v in plan.visits for step in v.steps if step.action == "pickup"]
    if set(pickups) & weekly and len(plan.venues) > 1:
        event("a pickup at a weekly pop-up, several venues")


@st.composite
def instance(
    draw: st.DrawFn, max_docs: int = 5, max_services: int = 5, max_counters: int = 4
) -> tuple[dict[str, Any], list[str], list[str], str]:
    docs = [f"d{i}" for i in range(draw(st.integers(2, max_docs)))]
    n_services = draw(st.integers(2, max_services))
    services = []
    for i in range(n_services):
        produces = draw(st.lists(st.sampled_from(docs), max_size=2, unique=True))
        service: dict[str, Any] = {
            "id": f"s{i}",
            "name": f"Service {i}",
            "agency": "a",
            "requires": draw(requirement(docs)),
            "produces": produces,
        }
        wd = draw(st.sampled_from([0, 0, 1, 2, 3]))
        if wd:
            service["working_days"] = wd
            service["pickup"] = draw(st.sampled_from(["counter", "delivered"]))
        service["fee"] = draw(st.sampled_from([0, 0, 1000]))
        services.append(service)
    venue_kinds = ["mpp", "office", "popup", "online"]
    venues = [
        {
            "id": f"v{i}",
            "name": f"Venue {i}",
            "kind": draw(st.sampled_from(venue_kinds)),
            "hours": draw(hours()),
        }
        for i in range(draw(st.sampled_from([1, 2, 2, 3, 3])))
    ]
    # Counters spread over the venues (round robin from a drawn one), so that plans
    # often need several venues.
    first_venue = draw(st.integers(0, len(venues) - 1))
    counters = []
    for i in range(draw(st.integers(1, max_counters))):
        offered = draw(
            st.lists(
                st.sampled_from([s["id"] for s in services]), min_size=1, max_size=2, unique=True
            )
        )
        counters.append(
            {
                "id": f"c{i}",
                "venue": venues[(first_venue + i) % len(venues)]["id"],
                "services": offered,
            }
        )
    closed = draw(
        st.lists(
            st.integers(0, 6).map(lambda n: (START + dt.timedelta(n)).isoformat()),
            max_size=2,
            unique=True,
        )
    )
    data = {
        "format": "onestop/1",
        "id": "random",
        "name": "Random",
        "calendar": {"holidays": draw(st.sampled_from(["ID", "none"])), "closed": closed},
        "agencies": [{"id": "a", "name": "Agency", "level": "city"}],
        "documents": [{"id": d, "name": d.upper()} for d in docs],
        "services": services,
        "venues": venues,
        "counters": counters,
    }
    offered_ids = sorted({s for c in counters for s in c["services"]})
    goals = draw(st.lists(st.sampled_from(offered_ids), min_size=1, max_size=3, unique=True))
    holding = draw(st.lists(st.sampled_from(docs), max_size=3, unique=True))
    objective = draw(st.sampled_from(["counters", "counters", "venues"]))
    return data, goals, holding, objective


@st.composite
def tied_instance(draw: st.DrawFn) -> tuple[dict[str, Any], list[str], list[str], str]:
    """An instance whose every counter has a twin at the next venue: choices tie often."""
    data, goals, holding, objective = draw(instance(max_services=4, max_counters=2))
    venues = [v["id"] for v in data["venues"]]
    if len(venues) == 1:
        data["venues"].append(
            {"id": "v9", "name": "Venue 9", "kind": "popup", "hours": draw(hours())}
        )
        venues.append("v9")
    twins = [
        {
            **c,
            "id": f"{c['id']}-twin",
            "venue": venues[(venues.index(c["venue"]) + 1) % len(venues)],
        }
        for c in data["counters"]
    ]
    data["counters"] = data["counters"] + twins
    return data, goals, holding, objective


@given(instance())
def test_plan_is_valid_and_optimal_against_brute_force(
    case: tuple[dict[str, Any], list[str], list[str], str],
) -> None:
    check_against_brute_force(case)


@given(tied_instance())
def test_of_tied_choices_the_plan_finishes_earliest_then_visits_least(
    case: tuple[dict[str, Any], list[str], list[str], str],
) -> None:
    """Every counter with a twin at another venue: the tie-break decides most plans."""
    check_against_brute_force(case)


def check_against_brute_force(case: tuple[dict[str, Any], list[str], list[str], str]) -> None:
    """plan() against the reference: the key, a valid plan, the tie-break on (finish, visits)."""
    data, goals, holding, objective = case
    cat = onestop.from_dict(data)
    held = frozenset(holding)
    expected = best_key(cat, goals, held, objective)
    if expected is None:
        event("infeasible")
        with pytest.raises(onestop.PlanningError) as info:
            onestop.plan(cat, goals, holding=holding, start=START, objective=objective)
        assert info.value.problems
        return
    try:
        plan = onestop.plan(cat, goals, holding=holding, start=START, objective=objective)
    except onestop.PlanningError as exc:
        # Feasible in principle: only a choice that cannot be dated may fail, when every
        # optimal choice needs a service whose chosen counters' venues never open.
        (problem,) = exc.problems
        assert problem.path == "start" and "planning horizon" in problem.message
        optimal = [c for c in choices(cat, goals, held, objective) if c[0] == expected]
        assert all(
            any(
                all(never_open(cat, c.venue, START) for c in subset if sid in c.services)
                for sid in chosen
            )
            for _, chosen, subset in optimal
        )
        event("never open")
        return
    assert plan.optimal
    first, second = (
        (len(plan.venues), len(plan.counters))
        if objective == "venues"
        else (len(plan.counters), len(plan.venues))
    )
    assert (first, second, len(plan.services)) == expected
    assert plan.lower_bound == expected[0]
    check_plan_valid(cat, plan, goals, held, START)
    _label_pop_up_pickups(data, plan)
    # The tie-break: of the choices with the same key, the earliest finish, then the fewest
    # visits; every tied choice is dated by brute force within [START, plan.finish] (a tied
    # choice finishing sooner would show there).
    every = choices(cat, goals, held, objective)
    tied = [(chosen, subset) for key, chosen, subset in every if key == expected]
    window = (plan.finish - START).days
    if window > 8 or any(_events(cat, chosen) > 4 for chosen, _ in tied):
        event("itinerary too large for brute force")
        return
    event("tied choices dated by brute force")
    if len(tied) > 1:
        event("several tied choices")
    found = []
    for chosen, subset in tied:
        candidates = {sid: sorted({c.venue for c in subset if sid in c.services}) for sid in chosen}
        dated = best_itinerary(cat, goals, held, candidates, START, plan.finish)
        if dated is not None:
            found.append(dated)
    assert min(found) == (plan.finish, len(plan.visits))


def _events(cat: onestop.Catalogue, services: list[str]) -> int:
    """Applications and pickups at the counter of a set of services (the dating's size)."""
    pickups = [
        s for s in services if cat.service(s).working_days and cat.service(s).pickup == "counter"
    ]
    return len(services) + len(pickups)


def _choice_of(plan: onestop.Plan, prep: Prepared, instance: Instance) -> Choice:
    """The :class:`Choice` a plan was dated from, rebuilt from its counters and services."""
    counters = services = 0
    for cid in plan.counters:
        counters |= 1 << instance.counters.index(prep.counter_ids.index(cid))
    for s in plan.services:
        services |= 1 << instance.order.index(prep.service_index[s.service])
    return Choice(counters, services, (0, 0, 0), True, 0)


@given(instance(max_docs=7, max_services=8, max_counters=6))
def test_itinerary_bounds_never_change_the_dating(
    case: tuple[dict[str, Any], list[str], list[str], str],
) -> None:
    """The visit search's lower bounds only prune: without them, the same finish and visits.

    Larger catalogues than the brute force can date; the reference here is
    the same search with every bound switched off (an exhaustive search).
    """
    data, goals, holding, objective = case
    cat = onestop.from_dict(data)
    try:
        plan = onestop.plan(cat, goals, holding=holding, start=START, objective=objective)
    except onestop.PlanningError:
        event("cannot be planned")
        return
    check_plan_valid(cat, plan, goals, frozenset(holding), START)
    _label_pop_up_pickups(data, plan)
    # The plan's own choice, dated again with the visit search's bounds off.
    prep = prepared(cat)
    request = resolve(cat, prep, goals, holding, START, objective, None)
    instance = reduce(prep, request)
    choice = _choice_of(plan, prep, instance)
    exhaustive = date(
        prep, request, instance, choice, work_calendar(cat), budget=Budget(10**7), use_bounds=False
    )
    if not exhaustive.optimal:
        event("too many venue assignments for the exhaustive search")
        return
    if not plan.optimal:
        event("budget reached")
        assert exhaustive.key() <= (plan.finish.toordinal(), len(plan.visits))
        return
    assert exhaustive.key() == (plan.finish.toordinal(), len(plan.visits))
