"""From the dated work to the :class:`~onestop.planning.result.Plan`: ids, names, visits, reasons.

Everything is taken from the simulation's record: each event carries the
documents in hand just before it (what to bring is the part of them the
requirement uses), and the order in which outputs came into hand says which
service first gave each document (why an extra service is needed).
"""

from __future__ import annotations

import datetime as dt

from onestop.planning.choice import Choice
from onestop.planning.compiled import bits, used
from onestop.planning.itinerary import Schedule
from onestop.planning.prepared import Prepared
from onestop.planning.request import Resolved
from onestop.planning.result import Plan, Reason, ScheduledService, Step, Visit
from onestop.planning.simulate import Event

__all__ = ["build"]


def build(prep: Prepared, request: Resolved, choice: Choice, schedule: Schedule) -> Plan:
    """Make the :class:`Plan` of a dated choice."""
    work = schedule.work
    services = work.services
    counter_at = _counter_at(prep, schedule)
    visits, mentioned, reasons = _visits(prep, request, schedule, counter_at)
    scheduled, counters, venues = _scheduled(prep, schedule, counter_at)
    goals = set(request.goals)
    for i, s in enumerate(services):
        if s in goals:
            reasons[i] = Reason(prep.service_ids[s], True)
    names = [prep.service_names[s] for s in services]
    names.extend([prep.counter_names[k] for k in counters])
    names.extend([prep.venue_names[v] for v in venues])
    docs = sorted(request.held_docs + tuple(bits(mentioned & ~request.held)))
    names.extend([prep.doc_names[d] for d in docs])
    return Plan(
        catalogue=prep.catalogue_id,
        goals=tuple(prep.service_ids[g] for g in request.goals),
        holding=tuple(sorted([prep.doc_ids[d] for d in request.held_docs])),
        objective="venues" if request.objective == "venues" else "counters",
        start=request.start,
        finish=dt.date.fromordinal(schedule.finish),
        counters=tuple([prep.counter_ids[k] for k in counters]),
        venues=tuple([prep.venue_ids[v] for v in venues]),
        services=tuple(scheduled),
        visits=tuple(
            Visit(dt.date.fromordinal(day), prep.venue_ids[venue], tuple(steps))
            for day, venue, steps in visits
        ),
        fee=sum([prep.fee[s] for s in services]),
        minutes=sum([prep.minutes[s] for s in services]),
        optimal=choice.optimal and schedule.optimal,
        lower_bound=choice.lower_bound,
        reasons=tuple(reasons[i] for i in range(len(services)) if i in reasons),
        names=tuple(names),
    )


def _counter_at(prep: Prepared, schedule: Schedule) -> dict[int, int]:
    """Per local service, the first chosen counter at the venue it is applied for at."""
    work = schedule.work
    chosen = set(work.counters)
    found = {}
    for i, s in enumerate(work.services):
        venue = schedule.applied[i][1]
        found[i] = next(
            k for k in prep.offering[s] if k in chosen and prep.counter_venue[k] == venue
        )
    return found


def _providers(prep: Prepared, schedule: Schedule) -> dict[int, int]:
    """Per document not held, the local service that first put it in hand."""
    work = schedule.work
    docs = work.held
    provider: dict[int, int] = {}
    for i in schedule.ready:
        for d in bits(work.produces[i] & ~docs):
            provider[d] = i
        docs |= work.produces[i]
    return provider


def _visits(
    prep: Prepared, request: Resolved, schedule: Schedule, counter_at: dict[int, int]
) -> tuple[list[tuple[int, int, list[Step]]], int, dict[int, Reason]]:
    """The visits with their steps, the documents mentioned, and why extra services are needed."""
    provider = _providers(prep, schedule)
    services = schedule.work.services
    reasons: dict[int, Reason] = {}
    visits: list[tuple[int, int, list[Step]]] = []
    mentioned = request.held
    for event in schedule.events:
        s = services[event.service]
        bring, receive = _bring_receive(prep, s, event)
        for d in bits(bring & ~request.held):
            p = provider.get(d)
            if p is not None and p not in reasons:
                needed_by = prep.service_ids[s]
                reasons[p] = Reason(
                    prep.service_ids[services[p]], False, prep.doc_ids[d], needed_by
                )
        mentioned |= bring | receive
        step = Step(
            "apply" if event.action == "apply" else "pickup",
            prep.service_ids[s],
            prep.counter_ids[counter_at[event.service]],
            tuple([ident for ident, d in prep.req_doc_order[s] if bring >> d & 1]),
            tuple([ident for ident, d in prep.out_doc_order[s] if receive >> d & 1]),
        )
        match = next((v for v in visits if v[0] == event.day and v[1] == event.venue), None)
        if match is None:
            visits.append((event.day, event.venue, [step]))
        else:
            match[2].append(step)
    return visits, mentioned, reasons


def _bring_receive(prep: Prepared, s: int, event: Event) -> tuple[int, int]:
    """The documents shown at a step and those handed over there (masks)."""
    if event.action != "apply":
        return 0, prep.produces[s]
    bring = used(prep.req[s], event.docs)
    return bring, prep.produces[s] if prep.working_days[s] == 0 else 0


def _scheduled(
    prep: Prepared, schedule: Schedule, counter_at: dict[int, int]
) -> tuple[list[ScheduledService], list[int], list[int]]:
    """The services in the order applied for, and the counters and venues in order of use."""
    scheduled = []
    counters: list[int] = []
    venues: list[int] = []
    for event in schedule.events:
        if event.action != "apply":
            continue
        day, venue = schedule.applied[event.service]
        counter = counter_at[event.service]
        scheduled.append(
            ScheduledService(
                prep.service_ids[schedule.work.services[event.service]],
                prep.counter_ids[counter],
                prep.venue_ids[venue],
                dt.date.fromordinal(day),
                dt.date.fromordinal(schedule.ready[event.service]),
            )
        )
        if counter not in counters:
            counters.append(counter)
        if venue not in venues:
            venues.append(venue)
    return scheduled, counters, venues
