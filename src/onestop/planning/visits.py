"""The search for the fewest visits that still finish by the earliest day.

:func:`lazy` is the quick try: visit a venue only on the last day something
there can wait. :class:`VisitSearch` is the exact one, a depth-first search
over which venues to visit on which days (see
:mod:`onestop.planning.itinerary` for the method), cut by the lower bounds
of :mod:`onestop.planning.bounds` and by a node budget.
"""

from __future__ import annotations

from itertools import combinations

from onestop.planning.bounds import Bounds
from onestop.planning.compiled import bits
from onestop.planning.search import Budget, OutOfBudget, Proven
from onestop.planning.simulate import Pending, Sim, State

__all__ = ["VisitSearch", "lazy"]


def lazy(
    sim: Sim, bounds: Bounds, state: State, finish: int, limit: int
) -> tuple[State, int] | None:
    """Visit a venue only on the last day something there can wait; (final state, visits).

    Each day, the venues visited are those where an application reaches its
    last possible day or a pickup its last open day (see
    :meth:`~onestop.planning.bounds.Bounds.deadlines`); everything that can
    be done there is then done. ``None`` if it does not finish by *finish*.
    """
    apply_by, need = bounds.deadlines(finish)
    is_open = sim.days.is_open
    visits = 0
    while not sim.done(state):
        day = state.day
        if day > finish or day > limit:
            return None  # every step of a plan is done by its finish
        visit: list[int] = []
        for s in bits(sim.all & ~state.applied):
            if apply_by[s] < day:
                return None  # too late already
            if apply_by[s] == day:
                venue = next((v for v in sim.cand[s] if is_open(v, day)), -1)
                if venue < 0:
                    return None
                if venue not in visit:
                    visit.append(venue)
        for ready_day, s, venue in state.pending:
            if (
                venue >= 0
                and ready_day <= day
                and venue not in visit
                and is_open(venue, day)
                and sim.days.last_open(venue, need[s], day) == day
            ):
                visit.append(venue)
        visit.sort()
        state, used = sim.run_day(state, visit)
        visits += len(used)
    in_hand = sim.goals_in_hand(state)
    if in_hand is None or in_hand > finish:
        return None
    return state, visits


class VisitSearch:
    """The depth-first search for the fewest visits finishing by a given day."""

    def __init__(
        self, sim: Sim, bounds: Bounds, finish: int, limit: int, budget: Budget, use_bounds: bool
    ) -> None:
        self.sim = sim
        self.bounds = bounds
        self.finish = finish
        self.limit = limit
        self.budget = budget
        self.use_bounds = use_bounds
        self.root_bound = 0
        self.best: tuple[int, State] = (1 << 30, sim.start(0, 0))
        """(visits, final state) of the best itinerary found."""
        self.cutoff = 1 << 30
        """Only itineraries with fewer visits than this are wanted (one found elsewhere)."""
        self.optimal = True
        self.seen: dict[tuple[int, int, int, tuple[Pending, ...]], int] = {}

    def bound(self, earliest: State, done: int = 0) -> int:
        """The visits still needed from the events after the first *done* of *earliest*."""
        return self.bounds.lower_bound(earliest, self.finish, done) if self.use_bounds else 0

    def run(self, first: State) -> None:
        """Search from *first*; the best stays in :attr:`best`, proven or not (:attr:`optimal`)."""
        try:
            self.dfs(first, 0)
        except Proven:
            pass
        except OutOfBudget:
            self.optimal = False

    @property
    def to_beat(self) -> int:
        """The visits an itinerary must have fewer of to be worth finding."""
        return min(self.best[0], self.cutoff)

    def improve(self, visits: int, state: State) -> None:
        """Keep a better itinerary; stop the search if it meets the root's bound."""
        self.best = (visits, state)
        if visits <= self.root_bound:
            raise Proven  # no itinerary has fewer visits

    def feasible_from(self, state: State) -> tuple[State, int] | None:
        """The as-soon-as-possible run from *state*, if it still finishes in time."""
        result = self.sim.asap(state, self.limit)
        if result is None:
            return None
        in_hand = self.sim.goals_in_hand(result[0])
        return result if in_hand is not None and in_hand <= self.finish else None

    def remaining_venues(self, state: State) -> int:
        """Venues some step still needs (services offered at one venue, pickups)."""
        need: set[int] = set()
        for s in range(self.sim.n):
            if not state.applied >> s & 1 and len(self.sim.cand[s]) == 1:
                need.add(self.sim.cand[s][0])
        for _, _, venue in state.pending:
            if venue >= 0:
                need.add(venue)
        return len(need)

    def dfs(self, state: State, visits: int) -> None:
        """The days reachable by skipping, then, latest first, a visit on one of them."""
        for day_state, useful in reversed(self._skips(state, visits)):
            self._visit_one_day(day_state, useful, visits)

    def _skips(self, state: State, visits: int) -> list[tuple[State, list[int]]]:
        """The useful days reachable from *state* by skipping, each skip still in time.

        Recursion goes one level per visit day, however many days are skipped.
        A state reached with everything done is offered as a solution.
        """
        sim = self.sim
        chain: list[tuple[State, list[int]]] = []
        current = state
        while True:
            useful: list[int] = []
            while not sim.done(current) and current.day <= self.limit:
                useful = sim.useful(current)
                if useful:
                    break
                # No venue is useful today: on to the next day something can happen
                # (today itself when a delivery arrives).
                later = sim.idle(current, self.limit)
                current = later if later.day > current.day else sim.run_day(current, ())[0]
            if sim.done(current):
                in_hand = sim.goals_in_hand(current)
                if in_hand is not None and in_hand <= self.finish and visits < self.to_beat:
                    self.improve(visits, current)
                return chain
            if current.day > self.limit:
                return chain
            chain.append((current, useful))
            skipped, _ = sim.run_day(current, ())
            if self.feasible_from(skipped) is None:
                return chain
            current = skipped

    def _visit_one_day(self, day_state: State, useful: list[int], visits: int) -> None:
        """Try each set of useful venues on this day, fewest first, and search on from each."""
        self.budget.spend()
        must = self.remaining_venues(day_state)
        if visits + max(1, must) >= self.to_beat:
            return
        key = day_state.key()
        if self.seen.get(key, 1 << 30) <= visits:
            return
        self.seen[key] = visits
        for size in range(1, len(useful) + 1):
            # Visiting *size* venues today leaves at least must - size for later.
            if visits + max(size, must) >= self.to_beat:
                break
            for option in combinations(useful, size):
                self.budget.spend()  # each choice costs a day and a run to the end
                nxt, used = self.sim.run_day(day_state, option)
                if len(used) < len(option):
                    continue  # a venue with nothing to do there: a smaller option covers it
                check = self.feasible_from(nxt)
                if check is None:
                    continue
                done_state, more = check
                if visits + len(used) + more < self.to_beat:
                    self.improve(visits + len(used) + more, done_state)
                rest = self.bound(done_state, len(nxt.events))
                if visits + len(used) + rest < self.to_beat:
                    self.dfs(nxt, visits + len(used))
