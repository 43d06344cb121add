"""The day simulation: what a citizen gets done visiting some venues on a day.

A :class:`State` is the citizen's situation at the start of a day: documents
in hand, services applied for, outputs still pending, and the history of
events. :meth:`Sim.run_day` does everything that can be done at the venues
visited that day (deliveries and pickups that are ready, applications whose
requirements are in hand, outputs of same-visit services used at once) and
gives the next day's state. :meth:`Sim.asap` visits every open venue every
day until everything is done: the earliest finish, since every rule is
monotone.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

import attrs

from onestop.calendar import WorkCalendar
from onestop.planning.compiled import bits, satisfied

if TYPE_CHECKING:
    from onestop.planning.itinerary import Work

__all__ = ["Days", "Event", "Pending", "Sim", "State"]

Pending = tuple[int, int, int]
"""Outputs not in hand yet: (ready day, service, venue of the pickup or -1 when delivered)."""

# Event and State are values, never changed, but not frozen: a frozen attrs class
# sets each field through object.__setattr__ and takes 7 times as long to make
# (1.6 against 0.23 microseconds on the benchmark machine); a dating makes thousands.


@attrs.define
class Event:
    """One step: apply for a service or pick its outputs up, at a venue on a day."""

    day: int
    venue: int
    action: str
    """``"apply"`` or ``"pickup"``."""
    service: int
    docs: int
    """The documents in hand just before the step."""


@attrs.define
class State:
    """The citizen's situation at the start of a day (days are ordinals)."""

    day: int
    docs: int
    applied: int
    """Services applied for (a mask)."""
    pending: tuple[Pending, ...]
    """Sorted by ready day."""
    ready: tuple[tuple[int, int], ...]
    """(service, day its outputs came into hand), in the order they did."""
    events: tuple[Event, ...]

    def key(self) -> tuple[int, int, int, tuple[Pending, ...]]:
        """What the rest of the work depends on (not the history)."""
        return (self.day, self.docs, self.applied, self.pending)


class Days:
    """Open days of venues and working-day arithmetic, remembered (days are ordinals)."""

    def __init__(self, calendar: WorkCalendar, venue_ids: Sequence[str]) -> None:
        self.calendar = calendar
        self.venue_ids = venue_ids
        self._open: dict[tuple[int, int], bool] = {}
        self._ready: dict[tuple[int, int], int] = {}

    def is_open(self, venue: int, day: int) -> bool:
        """Whether *venue* is open on *day*."""
        key = (venue, day)
        found = self._open.get(key)
        if found is None:
            found = self._open[key] = self.calendar.is_open(
                self.venue_ids[venue], dt.date.fromordinal(day)
            )
        return found

    def ready_day(self, day: int, k: int) -> int:
        """The day outputs applied for on *day* are ready, *k* working days later."""
        key = (day, k)
        found = self._ready.get(key)
        if found is None:
            found = self._ready[key] = self.calendar.add_working_days(
                dt.date.fromordinal(day), k
            ).toordinal()
        return found

    def next_open(self, venue: int, day: int, limit: int) -> int:
        """The first day from *day* on which *venue* is open (``limit + 1`` if none by then)."""
        while day <= limit and not self.is_open(venue, day):
            day += 1
        return day

    def last_open(self, venue: int, day: int, earliest: int) -> int:
        """The last day not after *day* on which *venue* is open (at least *earliest*)."""
        while day > earliest and not self.is_open(venue, day):
            day -= 1
        return day

    def last_ready(self, k: int, by: int) -> int:
        """The last day to apply for outputs ready by day *by*, *k* working days later."""
        if k == 0:
            return by
        # ready_day is non-decreasing in the day: step back from the last candidate.
        day = by - k
        while self.ready_day(day, k) > by:
            day -= 1
        while self.ready_day(day + 1, k) <= by:
            day += 1
        return day


class Sim:
    """The day simulation of one dating: the work, its candidate venues, remembered runs."""

    def __init__(self, work: Work, days: Days) -> None:
        self.req = work.req
        self.produces = work.produces
        self.wd = work.working_days
        self.pickup = work.pickup_counter
        self.cand = work.candidates
        self.goals = work.goals
        self.days = days
        self.n = len(work.services)
        self.all = (1 << self.n) - 1
        self.venues = sorted({v for cand in work.candidates for v in cand})
        self.venue_mask = {
            v: sum(1 << s for s in range(self.n) if v in work.candidates[s]) for v in self.venues
        }
        self._asap: dict[tuple[int, int, int, tuple[Pending, ...]], tuple[State, int] | None] = {}

    def start(self, day: int, held: int) -> State:
        """The state on the first day: only the documents held."""
        return State(day, held, 0, (), (), ())

    def done(self, state: State) -> bool:
        """Whether everything is applied for and every output is in hand."""
        return state.applied == self.all and not state.pending

    def goals_in_hand(self, state: State) -> int | None:
        """The day every goal's outputs are in hand, or None if some are not yet."""
        days = dict(state.ready)
        finish = 0
        for g in bits(self.goals):
            if g not in days:
                return None
            finish = max(finish, days[g])
        return finish

    def open_venues(self, day: int) -> list[int]:
        """The candidate venues open on *day*."""
        return [v for v in self.venues if self.days.is_open(v, day)]

    def run_day(self, state: State, visit: Sequence[int]) -> tuple[State, list[int]]:
        """Do the day's work at the venues in *visit* (each open that day).

        Returns the next day's state and the venues where a step happened.
        """
        day = state.day
        docs, pending, ready = _deliver(state, self.produces)
        applied = state.applied
        events: list[Event] = []
        used: list[int] = []
        progress = bool(visit)
        produces = self.produces
        while progress:
            progress = False
            for v in visit:
                if pending and pending[0][0] <= day:
                    picked = [item for item in pending if item[2] == v and item[0] <= day]
                    if picked:
                        done = set(picked)
                        pending = [item for item in pending if item not in done]
                        if v not in used:
                            used.append(v)
                    for _, s, _ in picked:
                        events.append(Event(day, v, "pickup", s, docs))
                        progress = progress or bool(produces[s] & ~docs)
                        docs |= produces[s]
                        ready.append((s, day))
                for s in bits(self.venue_mask[v] & ~applied):
                    if not satisfied(self.req[s], docs):
                        continue
                    applied |= 1 << s
                    events.append(Event(day, v, "apply", s, docs))
                    if v not in used:
                        used.append(v)
                    if self.wd[s] == 0:
                        # Another pass when new documents may meet more.
                        progress = progress or bool(produces[s] & ~docs)
                        docs |= produces[s]
                        ready.append((s, day))
                    else:
                        when = self.days.ready_day(day, self.wd[s])
                        pending = [*pending, (when, s, v if self.pickup[s] else -1)]
        if pending is state.pending and not events:
            return State(day + 1, docs, applied, state.pending, state.ready, state.events), used
        return State(
            day + 1,
            docs,
            applied,
            state.pending if pending is state.pending else tuple(sorted(pending)),
            state.ready + tuple(ready) if ready else state.ready,
            state.events + tuple(events),
        ), used

    def useful(self, state: State) -> list[int]:
        """Venues open today at which something would be done if every open venue were visited."""
        open_today = self.open_venues(state.day)
        if not open_today:
            return []
        _, used = self.run_day(state, open_today)
        return sorted(used)

    def asap(self, state: State, limit: int) -> tuple[State, int] | None:
        """Visit every open venue every day until done; (final state, visits) or None.

        Visiting a venue with nothing to do there changes nothing and is not
        counted (only venues where a step happens count as visits). ``None``
        when the work is not done by day *limit*.
        """
        key = state.key()
        if key in self._asap:
            found = self._asap[key]
            if found is None:
                return None
            final, visits = found
            # Same work from here; the events before this state are the caller's.
            return _with_history(final, state), visits
        start = state
        visits = 0
        result: tuple[State, int] | None = None
        while not self.done(state) and state.day <= limit:
            nxt, used = self.run_day(state, self.open_venues(state.day))
            visits += len(used)
            if nxt.events is state.events and nxt.pending is state.pending:
                nxt = self.idle(nxt, limit)  # nothing happened: skip to the next day that can
            state = nxt
        if self.done(state):
            result = (state, visits)
        self._asap[key] = None if result is None else (_without_history(result[0], start), visits)
        return result

    def idle(self, state: State, limit: int) -> State:
        """Move *state* on to the first day something can happen (past *limit*: never).

        Something is a delivery, a pickup or an application at an open venue.
        Only for a state whose documents cannot change before then: the work
        done on the day before it (every open venue visited) changed nothing.
        """
        day = state.day
        first = limit + 1
        for ready_day, _, venue in state.pending:
            when = max(ready_day, day)
            first = min(first, when if venue < 0 else self.days.next_open(venue, when, first - 1))
        for s in bits(self.all & ~state.applied):
            if first <= day:
                break
            if satisfied(self.req[s], state.docs):
                for venue in self.cand[s]:
                    first = min(first, self.days.next_open(venue, day, first - 1))
        if first == day:
            return state
        return State(first, state.docs, state.applied, state.pending, state.ready, state.events)


def _deliver(
    state: State, produces: Sequence[int]
) -> tuple[int, Sequence[Pending], list[tuple[int, int]]]:
    """Deliveries due by the state's day: (documents, pending, (service, day) come in).

    The pending outputs are the state's own tuple when nothing was delivered.
    """
    docs, day = state.docs, state.day
    if not state.pending or state.pending[0][0] > day:  # pending is sorted by ready day
        return docs, state.pending, []
    delivered = [item for item in state.pending if item[2] < 0 and item[0] <= day]
    if not delivered:
        return docs, state.pending, []
    for _, s, _ in delivered:
        docs |= produces[s]
    pending = [item for item in state.pending if not (item[2] < 0 and item[0] <= day)]
    return docs, pending, [(s, ready_day) for ready_day, s, _ in delivered]


def _without_history(final: State, start: State) -> State:
    """The final state with only what happened after *start* (for reuse from equal states)."""
    ready, events = final.ready[len(start.ready) :], final.events[len(start.events) :]
    return attrs.evolve(final, ready=ready, events=events)


def _with_history(tail: State, state: State) -> State:
    """Join the history of *state* with a stored tail from an equal state."""
    return attrs.evolve(tail, ready=state.ready + tail.ready, events=state.events + tail.events)
