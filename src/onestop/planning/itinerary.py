"""Dating the chosen services: the earliest finish, then the fewest visits.

A *visit* is one venue on one date. On each day the citizen visits a set of
venues and, at them, does everything that can be done
(:mod:`onestop.planning.simulate`). Doing more on a visit already made never
delays anything, so only the choice of which venues to visit on which days
is searched:

1. visiting every useful venue on every day (as soon as possible) gives the
   earliest finish ``T``, since every rule is monotone;
2. a quick *lazy* pass visits a venue only on the last day something there
   can wait (:func:`lazy`); it often meets the lower bound at once;
3. otherwise a depth-first search chooses the visits: from a state it lists
   the days it can skip to (while it can still finish by ``T``, checked by
   the as-soon-as-possible run from there), and tries a visit on the latest
   of them first (so visits merge), one recursion level per visit day;
   branches that cannot beat the best number of visits found are cut
   (:mod:`onestop.planning.bounds`), and the search stops once it meets the
   lower bound, or when its budget runs out (the best found is kept, not
   proven).

Where a service picked up at the counter could be applied for at several
venues, the venue matters (the pickup is at the same counter), so each
assignment of those services is dated and the best kept
(:func:`best_dating`). Other services go to the first venue visited that
offers them, which is never worse.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from itertools import product
from typing import Final

import attrs

from onestop.calendar import HORIZON_DAYS, WorkCalendar
from onestop.errors import PlanningError, Problem
from onestop.planning.bounds import Bounds
from onestop.planning.choice import Choice
from onestop.planning.compiled import Compiled, bits
from onestop.planning.prepared import Prepared
from onestop.planning.reduce import Instance
from onestop.planning.request import Resolved
from onestop.planning.search import Budget
from onestop.planning.simulate import Days, Event, Sim, State
from onestop.planning.visits import VisitSearch, lazy

__all__ = [
    "ASSIGNMENTS",
    "NODE_BUDGET",
    "Schedule",
    "Work",
    "beaten_by_none",
    "best_dating",
    "best_index",
    "date",
    "date_work",
    "not_in_time",
    "work_for",
]

NODE_BUDGET: Final = 5_000
"""Choices (a set of venues on a day, each checked by a run to the end) the visit
search may try, over every venue assignment, before it keeps the best dating found."""

ASSIGNMENTS: Final = 64
"""How many venue assignments of multi-venue pickup services are tried at most."""


@attrs.frozen(eq=False)
class Work:
    """The chosen services to date, by local position."""

    services: tuple[int, ...]
    """Local position -> the catalogue's service index (in catalogue order)."""
    counters: tuple[int, ...]
    """The chosen counters (catalogue indexes, sorted)."""
    req: tuple[Compiled, ...]
    produces: tuple[int, ...]
    working_days: tuple[int, ...]
    pickup_counter: tuple[bool, ...]
    """Whether each service's delayed outputs are picked up at the counter."""
    candidates: tuple[tuple[int, ...], ...]
    """Per service, the venues where a chosen counter offers it."""
    goals: int
    """The goals (a mask of local positions)."""
    held: int
    """Documents held at the start (a mask)."""


@attrs.frozen(eq=False)
class Schedule:
    """The dated work: events in order, each service's apply day and venue, ready day."""

    work: Work
    events: tuple[Event, ...]
    applied: dict[int, tuple[int, int]]
    """Service -> (day, venue) it is applied for."""
    ready: dict[int, int]
    """Service -> day its outputs are in hand, in the order they came in."""
    finish: int
    optimal: bool
    """Whether no itinerary finishing by *finish* has fewer visits (proven)."""
    bound: int = 0
    """No itinerary finishing by *finish* has fewer visits than this."""

    def key(self) -> tuple[int, int]:
        """(finish day, number of visits): smaller is better."""
        return self.finish, len({(e.day, e.venue) for e in self.events})


def date(
    prep: Prepared,
    request: Resolved,
    instance: Instance,
    choice: Choice,
    calendar: WorkCalendar,
    *,
    budget: Budget | None = None,
    use_bounds: bool = True,
) -> Schedule:
    """Date a choice; raise :class:`PlanningError` if it cannot be done within the horizon.

    *budget* (default :data:`NODE_BUDGET` nodes) bounds the visit search;
    ``use_bounds=False`` switches its lower bounds off (an exhaustive search,
    for tests).
    """
    work = work_for(prep, request, instance, choice)
    days = Days(calendar, prep.venue_ids)
    found = date_work(work, request.start, days, budget or Budget(NODE_BUDGET), use_bounds)
    if found is None:
        raise not_in_time(request)
    return found


def not_in_time(request: Resolved) -> PlanningError:
    """The error for work that cannot be done within the planning horizon."""
    return PlanningError(
        [
            Problem(
                "start",
                "the chosen venues do not open often enough to finish within "
                f"the planning horizon from {request.start.isoformat()}",
            )
        ]
    )


def work_for(prep: Prepared, request: Resolved, instance: Instance, choice: Choice) -> Work:
    """The work of a choice: its services in catalogue order, with their candidate venues."""
    chosen = sorted(instance.counters[i] for i in bits(choice.counters))
    services = tuple(instance.order[i] for i in sorted(bits(choice.services)))
    in_choice = set(chosen)
    candidates = []
    for s in services:
        venues: list[int] = []
        for k in prep.offering[s]:  # in counter order, as chosen is
            if k in in_choice and prep.counter_venue[k] not in venues:
                venues.append(prep.counter_venue[k])
        candidates.append(tuple(venues))
    goals, wanted = 0, set(request.goals)
    for i, s in enumerate(services):
        if s in wanted:
            goals |= 1 << i
    return Work(
        services=services,
        counters=tuple(chosen),
        req=tuple(prep.req[s] for s in services),
        produces=tuple(prep.produces[s] for s in services),
        working_days=tuple(prep.working_days[s] for s in services),
        pickup_counter=tuple(prep.pickup_counter[s] for s in services),
        candidates=tuple(candidates),
        goals=goals,
        held=request.held,
    )


def date_work(
    work: Work,
    start: dt.date,
    days: Days,
    budget: Budget,
    use_bounds: bool = True,
    beat: tuple[int, int] | None = None,
) -> Schedule | None:
    """Date *work* from *start*: each venue assignment, the best kept (``None``: not in time).

    With *beat* (finish, visits), an assignment whose finish and lower bound
    on visits show it cannot do better is not searched: ``None`` then also
    means "no better than *beat*".
    """
    flexible = [
        i
        for i in range(len(work.services))
        if len(work.candidates[i]) > 1 and work.working_days[i] and work.pickup_counter[i]
    ]
    datings: list[Schedule | None] = []
    complete = True
    for tried, assignment in enumerate(product(*(work.candidates[i] for i in flexible))):
        if tried == ASSIGNMENTS or (tried and budget.exhausted):
            complete = False
            break
        fixed = list(work.candidates)
        for i, venue in zip(flexible, assignment, strict=True):
            fixed[i] = (venue,)
        one = attrs.evolve(work, candidates=tuple(fixed))
        datings.append(_date_assignment(one, start, days, budget, use_bounds, beat))
    return best_dating(datings, complete)


def best_dating(datings: Sequence[Schedule | None], complete: bool = True) -> Schedule | None:
    """The best of the datings of several venue assignments (``None`` for one not in time).

    The earliest finish, then the fewest visits, the first such. It is proven
    only if every assignment was dated (*complete*) and no assignment whose
    search was cut short could still do better (see :func:`beaten_by_none`).
    """
    best = best_index(datings)
    if best is None:
        return None
    found = datings[best]
    assert found is not None
    proven = found.optimal and complete and beaten_by_none(datings, found)
    return attrs.evolve(found, optimal=proven)


def best_index(datings: Sequence[Schedule | None]) -> int | None:
    """The position of the first dating with the earliest finish, then fewest visits."""
    keys = [(d.key(), i) for i, d in enumerate(datings) if d is not None]
    return min(keys)[1] if keys else None


def beaten_by_none(datings: Iterable[Schedule | None], best: Schedule) -> bool:
    """Whether no dating whose search was cut short could still beat *best* (by its bound)."""
    return not any(
        d is not None and not d.optimal and (d.finish, d.bound) < best.key() for d in datings
    )


def _date_assignment(
    work: Work,
    start: dt.date,
    days: Days,
    budget: Budget,
    use_bounds: bool,
    beat: tuple[int, int] | None = None,
) -> Schedule | None:
    """Date the services at one venue each (where that matters); see the module docstring."""
    sim = Sim(work, days)
    first = sim.start(start.toordinal(), work.held)
    limit = start.toordinal() + HORIZON_DAYS
    found = sim.asap(first, limit)
    if found is None:
        return None
    end_state, asap_visits = found
    finish = sim.goals_in_hand(end_state)
    assert finish is not None
    bounds = Bounds(work, days)
    search = VisitSearch(sim, bounds, finish, limit, budget, use_bounds)
    search.root_bound = search.bound(end_state)
    if beat is not None:
        if (finish, search.root_bound) >= beat:
            return None
        if finish == beat[0]:
            search.cutoff = beat[1]
    search.best = (asap_visits, end_state)
    if asap_visits > search.root_bound:
        late = lazy(sim, bounds, first, finish, limit)
        if late is not None and late[1] < asap_visits:
            search.best = (late[1], late[0])
        if search.to_beat > search.root_bound:
            search.run(first)
    if search.best[0] >= search.cutoff and search.optimal:
        return None  # proven no better than *beat*
    visits_state = search.best[1]
    return _schedule(work, visits_state, finish, search.optimal, search.root_bound)


def _schedule(work: Work, final: State, finish: int, optimal: bool, bound: int) -> Schedule:
    applied: dict[int, tuple[int, int]] = {}
    for event in final.events:
        if event.action == "apply":
            applied[event.service] = (event.day, event.venue)
    return Schedule(work, final.events, applied, dict(final.ready), finish, optimal, bound)
