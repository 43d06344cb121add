"""A brute-force reference planner for small catalogues, written from the spec alone.

It enumerates every choice of services and counters, and every dating of the
chosen work, so it is exponential and only fit for tiny instances. The tests
compare :func:`onestop.plan` with it.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable

import onestop
from onestop import calendar
from onestop.requirements import Requirement


def executable(cat: onestop.Catalogue, services: Iterable[str], held: frozenset[str]) -> bool:
    """Whether all *services* can be done in some order from *held*."""
    todo = set(services)
    docs = set(held)
    progress = True
    while todo and progress:
        progress = False
        for sid in sorted(todo):
            service = cat.service(sid)
            if service.requires.satisfied_by(docs):
                docs.update(service.produces)
                todo.discard(sid)
                progress = True
    return not todo


def allowed_counters(cat: onestop.Catalogue, venues: list[str] | None) -> list[onestop.Counter]:
    if venues is None:
        return list(cat.counters)
    ok = {v.id for v in cat.venues if v.id in venues or v.kind in venues}
    return [c for c in cat.counters if c.venue in ok]


def choices(
    cat: onestop.Catalogue,
    goals: list[str],
    held: frozenset[str],
    objective: str = "counters",
    venues: list[str] | None = None,
) -> list[tuple[tuple[int, int, int], list[str], tuple[onestop.Counter, ...]]]:
    """Every valid choice: (key, services, counters), key (first, second, services)."""
    counters = allowed_counters(cat, venues)
    offered = {s for c in counters for s in c.services}
    others = [s.id for s in cat.services if s.id not in goals and s.id in offered]
    if any(g not in offered for g in goals):
        return []
    found = []
    for r in range(len(others) + 1):
        for extra in itertools.combinations(others, r):
            chosen = [*goals, *extra]
            if not executable(cat, chosen, held):
                continue
            for n in range(1, len(counters) + 1):
                for subset in itertools.combinations(counters, n):
                    covered = {s for c in subset for s in c.services}
                    if not set(chosen) <= covered:
                        continue
                    venues_used = len({c.venue for c in subset})
                    key = (
                        (venues_used, n, len(chosen))
                        if objective == "venues"
                        else (n, venues_used, len(chosen))
                    )
                    found.append((key, chosen, subset))
    return found


def best_key(
    cat: onestop.Catalogue,
    goals: list[str],
    held: frozenset[str],
    objective: str = "counters",
    venues: list[str] | None = None,
) -> tuple[int, int, int] | None:
    """The optimal (first, second, services) key over every choice; None if infeasible."""
    return min((key for key, _, _ in choices(cat, goals, held, objective, venues)), default=None)


def never_open(cat: onestop.Catalogue, venue: str, start: dt.date) -> bool:
    """Whether *venue* does not open within the planning horizon from *start*."""
    return calendar.next_open(cat, venue, start) is None


def _in_hand_replay(
    cat: onestop.Catalogue,
    held: frozenset[str],
    events: list[tuple[dt.date, str, str, str]],
) -> dict[str, dt.date] | None:
    """Check dated events (date, venue, action, service); return each service's in-hand date.

    Within a date the events may run in any order (the visits of a day
    interleave freely), so a fixpoint decides which can run.
    """
    docs = set(held)
    applied: dict[str, dt.date] = {}
    in_hand: dict[str, dt.date] = {}
    deliveries: list[tuple[dt.date, str]] = []
    pickups_ready: dict[str, dt.date] = {}
    by_date: dict[dt.date, list[tuple[str, str, str]]] = {}
    for day, venue, action, sid in events:
        by_date.setdefault(day, []).append((venue, action, sid))
    for day in sorted(by_date):
        for when, sid in sorted(deliveries):
            if when <= day and sid not in in_hand:
                docs.update(cat.service(sid).produces)
                in_hand[sid] = when
        todo = list(by_date[day])
        progress = True
        while todo and progress:
            progress = False
            for item in list(todo):
                venue, action, sid = item
                service = cat.service(sid)
                if action == "apply":
                    if not service.requires.satisfied_by(docs):
                        continue
                    applied[sid] = day
                    if service.working_days == 0:
                        docs.update(service.produces)
                        in_hand[sid] = day
                    else:
                        ready = calendar.add_working_days(cat, day, service.working_days)
                        if service.pickup == "delivered":
                            deliveries.append((ready, sid))
                        else:
                            pickups_ready[sid] = ready
                else:
                    if sid not in pickups_ready or pickups_ready[sid] > day:
                        continue
                    docs.update(service.produces)
                    in_hand[sid] = day
                todo.remove(item)
                progress = True
        if todo:
            return None
    for when, sid in deliveries:
        in_hand.setdefault(sid, when)
    return in_hand


def best_itinerary(
    cat: onestop.Catalogue,
    goals: list[str],
    held: frozenset[str],
    services: dict[str, list[str]],
    start: dt.date,
    last: dt.date,
) -> tuple[dt.date, int] | None:
    """Earliest finish, then fewest visits, over every dating within [start, last].

    *services* maps each chosen service to its candidate venues.
    """
    days = [start + dt.timedelta(n) for n in range((last - start).days + 1)]
    options: list[list[tuple[str, dt.date, dt.date | None]]] = []
    for sid, venues in services.items():
        service = cat.service(sid)
        choices = []
        for venue in venues:
            for day in days:
                if not calendar.is_open(cat, venue, day, include_planned=True):
                    continue
                if service.working_days and service.pickup == "counter":
                    ready = calendar.add_working_days(cat, day, service.working_days)
                    for later in days:
                        if later >= ready and calendar.is_open(
                            cat, venue, later, include_planned=True
                        ):
                            choices.append((venue, day, later))
                else:
                    choices.append((venue, day, None))
        options.append(choices)
    best: tuple[dt.date, int] | None = None
    names = list(services)
    for combo in itertools.product(*options):
        events = []
        for sid, (venue, day, pickup) in zip(names, combo, strict=True):
            events.append((day, venue, "apply", sid))
            if pickup is not None:
                events.append((pickup, venue, "pickup", sid))
        in_hand = _in_hand_replay(cat, held, events)
        if in_hand is None or any(g not in in_hand for g in goals):
            continue
        finish = max(in_hand[g] for g in goals)
        visits = len({(day, venue) for day, venue, _, _ in events})
        key = (finish, visits)
        if best is None or key < best:
            best = key
    return best


def check_plan_valid(
    cat: onestop.Catalogue,
    plan: onestop.Plan,
    goals: list[str],
    held: frozenset[str],
    start: dt.date,
) -> None:
    """Assert every rule of a valid plan and itinerary (raises AssertionError)."""
    chosen = [s.service for s in plan.services]
    assert set(goals) <= set(chosen)
    assert len(chosen) == len(set(chosen))
    # services listed in an order that meets every requirement
    docs = set(held)
    for s in plan.services:
        service = cat.service(s.service)
        assert service.requires.satisfied_by(docs), f"{s.service} listed before its documents"
        docs.update(service.produces)
        counter = cat.counter(s.counter)
        assert s.service in counter.services and counter.venue == s.venue
        assert s.date >= start
        assert calendar.is_open(cat, s.venue, s.date, include_planned=True)
    assert set(plan.counters) == {s.counter for s in plan.services}
    assert set(plan.venues) == {s.venue for s in plan.services}
    # the visits replay to the same dates
    events = []
    seen_visits = set()
    for visit in plan.visits:
        assert (visit.date, visit.venue) not in seen_visits
        seen_visits.add((visit.date, visit.venue))
        assert calendar.is_open(cat, visit.venue, visit.date, include_planned=True)
        for step in visit.steps:
            assert cat.counter(step.counter).venue == visit.venue
            events.append((visit.date, visit.venue, step.action, step.service))
    in_hand = _in_hand_replay(cat, held, events)
    assert in_hand is not None, "the visits cannot be carried out in order"
    for s in plan.services:
        assert in_hand[s.service] == s.ready
    assert plan.finish == max(in_hand[g] for g in goals)
    assert plan.fee == sum(cat.service(s).fee for s in chosen)
    assert plan.minutes == sum(cat.service(s).minutes for s in chosen)


def requirement_docs(req: Requirement) -> tuple[str, ...]:
    return req.documents()
