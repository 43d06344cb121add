"""Dating the chosen services: the earliest finish, then the fewest visits.

A *visit* is one venue on one date. The simulation walks forward day by day;
on each day the citizen visits a set of venues and, at them, does everything
that can be done (pickups that are ready, services whose requirements are in
hand, outputs of same-visit services used at once). Doing more on a visit
already made never delays anything, so only the choice of which venues to
visit on which days is searched:

1. visiting every useful venue on every day (as soon as possible) gives the
   earliest finish ``T``, since every rule is monotone;
2. a depth-first search then chooses the visits: from a state it lists the
   days it can skip to (while it can still finish by ``T``, checked by the
   as-soon-as-possible run from there), and tries a visit on the latest of
   them first (so visits merge), one recursion level per visit day; branches
   that cannot beat the best number of visits found are cut, and the search
   stops once it meets the lower bound. The bound counts, per venue, the
   days its steps need: each step's window runs from its as-soon-as-possible
   day to the last day it can happen (:meth:`_Sim.deadlines`), and steps
   that wait on one another's working days never share a day
   (:meth:`_Sim.strict_before`). It often proves the as-soon-as-possible
   dating best at once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from itertools import combinations, product
from typing import Final, NamedTuple

from onestop.calendar import HORIZON_DAYS, WorkCalendar
from onestop.planning.prepare import Compiled, bits, satisfied

__all__ = ["Event", "Schedule", "Work", "schedule"]

NODE_BUDGET: Final = 5_000
"""Choices (a set of venues on a day, each checked by a run to the end) the visit
search may try before it keeps the best dating found."""


class Work(NamedTuple):
    """The chosen services to date, indexed by local position."""

    services: Sequence[int]
    """Local position -> global service index."""
    req: Sequence[Compiled]
    """Each service's compiled requirement."""
    produces: Sequence[int]
    """Each service's outputs (document mask)."""
    working_days: Sequence[int]
    """Each service's working days until its outputs are ready."""
    pickup_counter: Sequence[bool]
    """Whether each service's delayed outputs are picked up at the counter."""
    goals: int
    """Mask of the local positions that are goals."""
    held: int
    """Documents held at the start (mask)."""


class Event:
    """One step: apply for a service or pick its outputs up, at a venue on a day."""

    __slots__ = ("action", "day", "service", "venue")

    def __init__(self, day: int, venue: int, action: str, service: int) -> None:
        self.day = day
        self.venue = venue
        self.action = action
        self.service = service


class Schedule:
    """The dated work: events in order, each service's apply day, venue and ready day."""

    def __init__(
        self,
        events: tuple[Event, ...],
        applied: dict[int, tuple[int, int]],
        ready: dict[int, int],
        finish: int,
        optimal: bool,
        bound: int = 0,
    ) -> None:
        self.events = events
        self.applied = applied  # service -> (day, venue)
        self.ready = ready  # service -> day its outputs are in hand
        self.finish = finish
        self.optimal = optimal
        self.bound = bound  # no itinerary finishing by *finish* has fewer visits

    def key(self) -> tuple[int, int]:
        """(finish day, number of visits): smaller is better."""
        return self.finish, len({(e.day, e.venue) for e in self.events})


class _State:
    __slots__ = ("applied", "day", "docs", "events", "pending", "ready")

    def __init__(
        self,
        day: int,
        docs: int,
        applied: int,
        pending: tuple[tuple[int, int, int], ...],
        ready: tuple[tuple[int, int], ...],
        events: tuple[Event, ...],
    ) -> None:
        self.day = day
        self.docs = docs
        self.applied = applied
        # (ready day, service, venue or -1 when delivered)
        self.pending = pending
        self.ready = ready  # (service, day in hand)
        self.events = events


class _Sim:
    def __init__(
        self,
        work: Work,
        candidates: Sequence[tuple[int, ...]],
        calendar: WorkCalendar,
        venue_ids: Sequence[str],
    ) -> None:
        self.req = work.req
        self.produces = work.produces
        self.wd = work.working_days
        self.pickup = work.pickup_counter
        self.cand = candidates
        self.goals = work.goals
        self.cal = calendar
        self.venue_ids = venue_ids
        self.n = len(work.services)
        self.all = (1 << self.n) - 1
        self.venues = sorted({v for cand in candidates for v in cand})
        self.venue_mask = {
            v: sum(1 << s for s in range(self.n) if v in candidates[s]) for v in self.venues
        }
        self._open: dict[tuple[int, int], bool] = {}
        self._ready: dict[tuple[int, int], int] = {}
        self._deadlines: dict[int, tuple[list[int], list[int]]] = {}
        self._strict: list[int] | None = None
        self.consumers = _consumers(work)
        # Whether every consumer comes after its producers in the list (the usual
        # case): fixed points over the needs are then reached in one pass.
        self.forward = all(c > s for s in range(self.n) for c in self.consumers[s])
        self._asap: dict[
            tuple[int, int, int, tuple[tuple[int, int, int], ...]], tuple[_State, int] | None
        ] = {}

    def is_open(self, venue: int, day: int) -> bool:
        key = (venue, day)
        found = self._open.get(key)
        if found is None:
            found = self._open[key] = self.cal.is_open(
                self.venue_ids[venue], dt.date.fromordinal(day)
            )
        return found

    def ready_day(self, day: int, k: int) -> int:
        key = (day, k)
        found = self._ready.get(key)
        if found is None:
            found = self._ready[key] = self.cal.add_working_days(
                dt.date.fromordinal(day), k
            ).toordinal()
        return found

    def done(self, state: _State) -> bool:
        return state.applied == self.all and not state.pending

    def goals_in_hand(self, state: _State) -> int | None:
        """The day every goal's outputs are in hand, or None if some are not yet."""
        days = dict(state.ready)
        finish = 0
        for g in range(self.n):
            if self.goals >> g & 1:
                if g not in days:
                    return None
                finish = max(finish, days[g])
        return finish

    def run_day(self, state: _State, visit: Sequence[int]) -> tuple[_State, list[int]]:
        """Do the day's work at the venues in *visit*; return the next state and venues used."""
        day = state.day
        docs, applied = state.docs, state.applied
        pending: list[tuple[int, int, int]] | tuple[tuple[int, int, int], ...] = state.pending
        ready: list[tuple[int, int]] = []
        events: list[Event] = []
        changed_pending = False
        if pending and pending[0][0] <= day:  # pending is sorted by ready day
            keep = []
            for item in pending:
                ready_day, s, venue = item
                if venue < 0 and ready_day <= day:
                    docs |= self.produces[s]
                    ready.append((s, ready_day))
                    changed_pending = True
                else:
                    keep.append(item)
            pending = keep
        used: list[int] = []
        progress = bool(visit)
        req, produces = self.req, self.produces
        while progress:
            progress = False
            for v in visit:
                if pending and pending[0][0] <= day:
                    keep = []
                    for item in pending:
                        ready_day, s, venue = item
                        if venue == v and ready_day <= day:
                            if produces[s] & ~docs:
                                progress = True
                            docs |= produces[s]
                            ready.append((s, day))
                            events.append(Event(day, v, "pickup", s))
                            changed_pending = True
                            if v not in used:
                                used.append(v)
                        else:
                            keep.append(item)
                    pending = keep
                todo = self.venue_mask[v] & ~applied
                while todo:
                    low = todo & -todo
                    todo ^= low
                    s = low.bit_length() - 1
                    is_all, mask, subs = req[s]
                    # satisfied(), without a call for a requirement with no nesting (as fire)
                    if subs:
                        if not satisfied(req[s], docs):
                            continue
                    elif is_all:
                        if docs & mask != mask:
                            continue
                    elif not docs & mask:
                        continue
                    applied |= low
                    events.append(Event(day, v, "apply", s))
                    if v not in used:
                        used.append(v)
                    k = self.wd[s]
                    if k == 0:
                        if produces[s] & ~docs:
                            progress = True  # another pass: new documents may meet more
                        docs |= produces[s]
                        ready.append((s, day))
                    else:
                        when = self.ready_day(day, k)
                        if not isinstance(pending, list):
                            pending = list(pending)
                        pending.append((when, s, v if self.pickup[s] else -1))
                        changed_pending = True
        if not changed_pending and not events:
            return _State(day + 1, docs, applied, state.pending, state.ready, state.events), used
        nxt = _State(
            day + 1,
            docs,
            applied,
            tuple(sorted(pending)) if changed_pending else state.pending,
            state.ready + tuple(ready) if ready else state.ready,
            state.events + tuple(events),
        )
        return nxt, used

    def useful(self, state: _State) -> list[int]:
        """Venues open today at which something would be done if every open venue were visited."""
        open_today = [v for v in self.venues if self.is_open(v, state.day)]
        if not open_today:
            return []
        _, used = self.run_day(state, open_today)
        return sorted(used)

    def asap(self, state: _State, limit: int) -> tuple[_State, int] | None:
        """Visit every open venue every day until done; (final state, visits) or None.

        Visiting a venue with nothing to do there changes nothing and is not
        counted (only venues where a step happens count as visits).
        """
        key = (state.day, state.docs, state.applied, state.pending)
        if key in self._asap:
            found = self._asap[key]
            if found is None:
                return None
            final, visits = found
            # Same work from here; the events before this state are the caller's.
            return _replace_history(final, state), visits
        start = state
        visits = 0
        result: tuple[_State, int] | None
        while True:
            if self.done(state):
                result = (state, visits)
                break
            if state.day > limit:
                result = None
                break
            open_today = [v for v in self.venues if self.is_open(v, state.day)]
            nxt, used = self.run_day(state, open_today)
            visits += len(used)
            if nxt.events is state.events and nxt.pending is state.pending:
                nxt = self.idle(nxt, limit)  # nothing happened: skip to the next day that can
            state = nxt
        self._asap[key] = None if result is None else (_strip_history(result[0], start), visits)
        return result

    def lazy(self, state: _State, finish: int, limit: int) -> tuple[_State, int] | None:
        """Visit a venue only on the last day something there can wait; (final state, visits).

        Each day, the venues visited are those where an application reaches its
        last possible day or a pickup its last open day (:meth:`deadlines`);
        everything that can be done there is then done. This often meets the
        lower bound at once. ``None`` if it does not finish by *finish*.
        """
        apply_by, need = self.deadlines(finish)
        visits = 0
        while not self.done(state):
            day = state.day
            if day > finish or day > limit:
                return None  # every step of a plan is done by its finish
            visit: list[int] = []
            todo = self.all & ~state.applied
            while todo:
                low = todo & -todo
                todo ^= low
                s = low.bit_length() - 1
                if apply_by[s] < day:
                    return None  # too late already
                if apply_by[s] == day:
                    venue = next((v for v in self.cand[s] if self.is_open(v, day)), -1)
                    if venue < 0:
                        return None
                    if venue not in visit:
                        visit.append(venue)
            for ready_day, s, venue in state.pending:
                if (
                    venue >= 0
                    and ready_day <= day
                    and venue not in visit
                    and self.is_open(venue, day)
                    and self._last_open(venue, need[s], day) == day
                ):
                    visit.append(venue)
            visit.sort()
            state, used = self.run_day(state, visit)
            visits += len(used)
        in_hand = self.goals_in_hand(state)
        if in_hand is None or in_hand > finish:
            return None
        return state, visits

    def _next_open(self, venue: int, day: int, limit: int) -> int:
        """The first day from *day* on which *venue* is open (``limit + 1`` if none by then)."""
        while day <= limit and not self.is_open(venue, day):
            day += 1
        return day

    def idle(self, state: _State, limit: int) -> _State:
        """Move *state* on to the first day something can happen (past *limit*: never).

        Something is a delivery, a pickup or an application at an open venue.
        Only for a state whose documents cannot change before then: the work
        done on the day before it (every open venue visited) changed nothing.
        """
        day = state.day
        first = limit + 1
        for ready_day, _, venue in state.pending:
            when = max(ready_day, day)
            first = min(first, when if venue < 0 else self._next_open(venue, when, first - 1))
        todo = self.all & ~state.applied
        while todo and first > day:
            low = todo & -todo
            todo ^= low
            s = low.bit_length() - 1
            if satisfied(self.req[s], state.docs):
                for venue in self.cand[s]:
                    first = min(first, self._next_open(venue, day, first - 1))
        if first == day:
            return state
        return _State(first, state.docs, state.applied, state.pending, state.ready, state.events)

    def _last_ready(self, s: int, by: int) -> int:
        """The last day *s* can be applied for with its outputs ready by day *by*."""
        k = self.wd[s]
        if k == 0:
            return by
        # ready_day is non-decreasing in the day: step back from the last candidate.
        day = by - k
        while self.ready_day(day, k) > by:
            day -= 1
        while self.ready_day(day + 1, k) <= by:
            day += 1
        return day

    def _last_open(self, venue: int, day: int, earliest: int) -> int:
        """The last day not after *day* on which *venue* is open (at least *earliest*)."""
        while day > earliest and not self.is_open(venue, day):
            day -= 1
        return day

    def deadlines(self, finish: int) -> tuple[list[int], list[int]]:
        """Per service: the last day it can be applied for, the last day of its pickup.

        In an itinerary finishing by *finish*, every chosen service is needed,
        so its outputs are in hand by *finish*. A service that is the only
        chosen producer of a document another cannot do without must also
        have its outputs in hand (picked up, when at the counter) by that
        consumer's application; the last application day follows from the
        working days, and for a service offered at one venue it is an open
        day there. Remembered per *finish*.
        """
        found = self._deadlines.get(finish)
        if found is not None:
            return found
        n = self.n
        need = [finish] * n  # outputs in hand by this day
        apply_by = [finish] * n
        consumers, cand = self.consumers, self.cand
        # Consumers before producers: when every consumer comes later in the list,
        # one pass from the end reaches the fixed point.
        changed = True
        rounds = 0
        while changed and rounds <= n:
            changed = False
            rounds += 1
            for s in range(n - 1, -1, -1):
                by = need[s]
                for c in consumers[s]:
                    if apply_by[c] < by:
                        by = apply_by[c]
                if self.wd[s] and self.pickup[s]:
                    # Picked up at its one venue (see schedule()): on a day it is open.
                    by = self._last_open(cand[s][0], by, by - 31)
                last = self._last_ready(s, by)
                if len(cand[s]) == 1:
                    last = self._last_open(cand[s][0], last, last - 31)
                if by != need[s] or last != apply_by[s]:
                    need[s], apply_by[s] = by, last
                    changed = True
            if self.forward:
                break
        found = (apply_by, need)
        self._deadlines[finish] = found
        return found

    def lower_bound(self, earliest: _State, finish: int, done: int = 0) -> int:
        """Visits no itinerary finishing by *finish* can do without.

        Per venue, each event (apply or pickup) of a service offered only
        there has a window of days: from its day in the as-soon-as-possible
        run *earliest* (no itinerary does it sooner) to the last day it can
        happen (:meth:`deadlines`). Events whose windows do not meet need
        visits on different days: the least number of days meeting every
        window (found greedily, which is exact for intervals) bounds the
        visits there. The first *done* events (already made, on earlier
        days) are left out.
        """
        apply_by, need = self.deadlines(finish)
        windows: dict[int, list[tuple[int, int, int]]] = {}
        for event in earliest.events[done:]:
            s = event.service
            if len(self.cand[s]) != 1:
                continue
            last = apply_by[s] if event.action == "apply" else need[s]
            e = 2 * s + (event.action != "apply")
            windows.setdefault(event.venue, []).append((last, event.day, e))
        bound = 0
        for spans in windows.values():
            point = -1
            stabs = 0
            for last, first, _ in sorted(spans):
                if first > point:  # not met by the days chosen so far: a new one, late
                    point = last
                    stabs += 1
            bound += max(stabs, self._chain(spans))
        return bound

    def _chain(self, spans: list[tuple[int, int, int]]) -> int:
        """The most events of *spans* (one venue) that must all be on different days.

        Event ``e`` is ``2 * service`` for an application, ``2 * service + 1``
        for a pickup; one must come on a later day than another when a chain
        of needs leads from it with a wait of working days on the way.
        """
        if len(spans) < 2:
            return len(spans)
        before = self.strict_before
        longest: dict[int, int] = {}
        for _, _, e in sorted(spans, key=lambda span: span[1]):
            longest[e] = 1 + max((n for p, n in longest.items() if before[e] >> p & 1), default=0)
        return max(longest.values())

    @property
    def strict_before(self) -> list[int]:
        """Per event, the mask of events that must happen on an earlier day (see :meth:`_chain`)."""
        if self._strict is None:
            n = self.n
            edges: list[tuple[int, int, bool]] = []
            for s in range(n):
                if self.wd[s] and self.pickup[s]:
                    edges.append((2 * s, 2 * s + 1, True))
                for c in self.consumers[s]:
                    if self.wd[s] == 0:
                        edges.append((2 * s, 2 * c, False))
                    elif self.pickup[s]:
                        edges.append((2 * s + 1, 2 * c, False))
                    else:
                        edges.append((2 * s, 2 * c, True))
            ancestors = [0] * (2 * n)
            strict = [0] * (2 * n)
            if self.forward:
                # Every edge goes to a later event: in order of target, one pass.
                edges.sort(key=lambda edge: edge[1])
            changed = True
            while changed:  # masks only grow: a fixed point is reached
                changed = False
                for u, w, lag in edges:
                    anc = ancestors[w] | ancestors[u] | 1 << u
                    sb = strict[w] | strict[u]
                    if lag:
                        sb |= ancestors[u] | 1 << u
                    if anc != ancestors[w] or sb != strict[w]:
                        ancestors[w], strict[w] = anc, sb
                        changed = True
                if self.forward:
                    break
            self._strict = strict
        return self._strict


def _essential(node: Compiled, available: int) -> int | None:
    """Documents a compiled requirement cannot be met without, from *available* ones.

    Options of an ``any_of`` that need a document not available cannot be
    the one used, so only the others count. ``None`` if the requirement
    cannot be met from *available* at all.
    """
    is_all, mask, subs = node
    if is_all:
        if mask & ~available:
            return None
        for sub in subs:
            found = _essential(sub, available)
            if found is None:
                return None
            mask |= found
        return mask
    options = [1 << d for d in bits(mask & available)]
    for sub in subs:
        found = _essential(sub, available)
        if found is not None:
            options.append(found)
    if not options:
        return None
    common = options[0]
    for option in options[1:]:
        common &= option
    return common


def _consumers(work: Work) -> list[list[int]]:
    """Per service, the services that need its outputs.

    A service is needed by another when it is the only source of a document the
    other cannot do without (not held, no other chosen service issues it). What
    a service cannot do without is judged from the documents it could have at
    all: those held and those the other chosen services issue.
    """
    n = len(work.services)
    produces = work.produces
    outputs = multi = 0  # documents issued by some chosen service, by two or more
    for mask in produces:
        multi |= outputs & mask
        outputs |= mask
    sources_of: dict[int, list[int]] = {}
    consumers: list[list[int]] = [[] for _ in range(n)]
    for c in range(n):
        # Held, or issued by a chosen service other than c.
        available = work.held | outputs & ~(produces[c] & ~multi)
        missing = (_essential(work.req[c], available) or 0) & ~work.held
        while missing:
            low = missing & -missing
            missing ^= low
            sources = sources_of.get(low)
            if sources is None:
                sources = sources_of[low] = [s for s in range(n) if produces[s] & low]
            others = [s for s in sources if s != c]
            if len(others) == 1:
                consumers[others[0]].append(c)
    return consumers


def _strip_history(final: _State, start: _State) -> _State:
    """The final state with only what happened after *start* (for reuse from equal states)."""
    return _State(
        final.day,
        final.docs,
        final.applied,
        final.pending,
        final.ready[len(start.ready) :],
        final.events[len(start.events) :],
    )


def _replace_history(tail: _State, state: _State) -> _State:
    """Join the history of *state* with a stored tail from an equal state."""
    return _State(
        tail.day,
        tail.docs,
        tail.applied,
        tail.pending,
        state.ready + tail.ready,
        state.events + tail.events,
    )


ASSIGNMENTS: Final = 64
"""How many venue assignments of multi-venue pickup services are tried at most."""


def schedule(
    work: Work,
    candidates: Sequence[tuple[int, ...]],
    start: dt.date,
    calendar: WorkCalendar,
    venue_ids: Sequence[str],
) -> Schedule | None:
    """Date the services; ``None`` if some cannot be done within the horizon.

    *candidates* lists, per service of *work*, the venues (indexes) where a
    chosen counter offers it.

    Where a service to be picked up at the counter could be applied for at
    several venues, the venue matters (the pickup is at the same counter), so
    each assignment of those services is dated and the best kept: the
    earliest finish, then the fewest visits. Other services go to the first
    venue visited that offers them, which is never worse.
    """
    flexible = [
        i
        for i in range(len(work.services))
        if len(candidates[i]) > 1 and work.working_days[i] and work.pickup_counter[i]
    ]
    assignments = product(*(candidates[i] for i in flexible))
    best: Schedule | None = None
    nodes = [0]  # one search budget for every assignment
    # (finish, least visits) that assignments whose search was cut short could still reach
    unproven: list[tuple[int, int]] = []
    for tried, assignment in enumerate(assignments):
        if tried == ASSIGNMENTS or (tried and nodes[0] > NODE_BUDGET):
            if best is not None:
                best.optimal = False
            break
        fixed = list(candidates)
        for i, venue in zip(flexible, assignment, strict=True):
            fixed[i] = (venue,)
        found = _schedule_fixed(work, fixed, start, calendar, venue_ids, nodes)
        if found is None:
            continue
        if not found.optimal:
            unproven.append((found.finish, found.bound))
        if best is None or found.key() < best.key():
            best = found
    if best is not None and any(reach < best.key() for reach in unproven):
        # Another assignment's search was cut short where it could still do better.
        best.optimal = False
    return best


def _schedule_fixed(
    work: Work,
    candidates: Sequence[tuple[int, ...]],
    start: dt.date,
    calendar: WorkCalendar,
    venue_ids: Sequence[str],
    nodes: list[int],
) -> Schedule | None:
    """Date the services for one set of candidate venues (see :func:`schedule`).

    *nodes* counts search nodes against :data:`NODE_BUDGET`, shared by calls.
    """
    sim = _Sim(work, candidates, calendar, venue_ids)
    first = _State(start.toordinal(), work.held, 0, (), (), ())
    limit = start.toordinal() + HORIZON_DAYS
    found = sim.asap(first, limit)
    if found is None:
        return None
    end_state, asap_visits = found
    finish = sim.goals_in_hand(end_state)
    assert finish is not None
    best: list[tuple[int, _State]] = [(asap_visits, end_state)]
    root_bound = sim.lower_bound(end_state, finish)
    if asap_visits <= root_bound:
        return _result(end_state, finish, True, root_bound)
    late = sim.lazy(first, finish, limit)
    if late is not None and late[1] < asap_visits:
        if late[1] <= root_bound:
            return _result(late[0], finish, True, root_bound)
        best[0] = (late[1], late[0])
    seen: dict[tuple[int, int, int, tuple[tuple[int, int, int], ...]], int] = {}
    optimal = True

    class _Stop(Exception):
        pass

    class _Proven(Exception):
        pass

    def improve(visits: int, state: _State) -> None:
        best[0] = (visits, state)
        if visits <= root_bound:
            raise _Proven  # no itinerary has fewer visits

    def feasible_from(state: _State) -> tuple[_State, int] | None:
        result = sim.asap(state, limit)
        if result is None:
            return None
        done_state, _ = result
        in_hand = sim.goals_in_hand(done_state)
        return result if in_hand is not None and in_hand <= finish else None

    def remaining_venues(state: _State) -> int:
        need: set[int] = set()
        for s in range(sim.n):
            if not state.applied >> s & 1 and len(sim.cand[s]) == 1:
                need.add(sim.cand[s][0])
        for _, _, venue in state.pending:
            if venue >= 0:
                need.add(venue)
        return len(need)

    def dfs(state: _State, visits: int) -> None:
        # The useful days reachable from here by skipping (each skip still able to
        # finish in time); then, latest first, a visit on one of them. Recursion
        # goes one level per visit day, however many days are skipped.
        chain: list[tuple[_State, list[int]]] = []
        current = state
        while True:
            useful: list[int] = []
            while not sim.done(current) and current.day <= limit:
                useful = sim.useful(current)
                if useful:
                    break
                # No venue is useful today: on to the next day something can happen
                # (today itself when a delivery arrives).
                later = sim.idle(current, limit)
                current = later if later.day > current.day else sim.run_day(current, ())[0]
            if sim.done(current):
                in_hand = sim.goals_in_hand(current)
                if in_hand is not None and in_hand <= finish and visits < best[0][0]:
                    improve(visits, current)
                break
            if current.day > limit:
                break
            chain.append((current, useful))
            skipped, _ = sim.run_day(current, ())
            if feasible_from(skipped) is None:
                break
            current = skipped
        for day_state, useful in reversed(chain):
            nodes[0] += 1
            if nodes[0] > NODE_BUDGET:
                raise _Stop
            must = remaining_venues(day_state)
            if visits + max(1, must) >= best[0][0]:
                continue
            key = (day_state.day, day_state.docs, day_state.applied, day_state.pending)
            if seen.get(key, 1 << 30) <= visits:
                continue
            seen[key] = visits
            for size in range(1, len(useful) + 1):
                # Visiting *size* venues today leaves at least must - size for later.
                if visits + max(size, must) >= best[0][0]:
                    break
                for option in combinations(useful, size):
                    nodes[0] += 1  # each choice costs a day and a run to the end
                    if nodes[0] > NODE_BUDGET:
                        raise _Stop
                    nxt, used = sim.run_day(day_state, option)
                    if len(used) < len(option):
                        continue  # a venue with nothing to do there: a smaller option covers it
                    check = feasible_from(nxt)
                    if check is None:
                        continue
                    done_state, more = check
                    if visits + len(used) + more < best[0][0]:
                        improve(visits + len(used) + more, done_state)
                    rest = sim.lower_bound(done_state, finish, len(nxt.events))
                    if visits + len(used) + rest < best[0][0]:
                        dfs(nxt, visits + len(used))

    try:
        dfs(first, 0)
    except _Proven:
        pass
    except _Stop:
        optimal = False
    return _result(best[0][1], finish, optimal, root_bound)


def _result(final: _State, finish: int, optimal: bool, bound: int) -> Schedule:
    applied: dict[int, tuple[int, int]] = {}
    for event in final.events:
        if event.action == "apply":
            applied[event.service] = (event.day, event.venue)
    return Schedule(final.events, applied, dict(final.ready), finish, optimal, bound)
