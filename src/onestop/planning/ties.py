"""The earliest of equally cheap choices: the tie-break on finish, then visits.

Among the choices that tie on (counters, venues, services), the plan is one
whose itinerary finishes earliest, and among those one with the fewest
visits (the format's planning semantics). :func:`~onestop.planning.choice.choose`
proves the key and gives one choice with it; :func:`earliest` dates that
choice and then looks for a tied choice that does better:

1. floors under the finish and the visits of every choice at all
   (:mod:`onestop.planning.finish`, every counter allowed) show at once,
   most of the time, that the dated choice cannot be beaten;
2. otherwise a :class:`TieEngine` lists the sets of counters with the key's
   (counters, venues), cutting a branch whose counters cannot make it;
3. for each, the same engine over single services lists the sets of
   services of the key's size. A set is dated only if its floors can beat
   the best dating so far, and only once for the same services at the same
   venues (which counters does not matter to a dating); a dating that its
   own first bounds show cannot do better stops there
   (:func:`~onestop.planning.itinerary.date_work` with ``beat``).

A search that meets the floors stops. The engines spend the plan's node
budget again, and the visit searches of the tied choices dated share one
itinerary's (:data:`~onestop.planning.itinerary.NODE_BUDGET`); when either
runs out, the best found is kept and the plan says it is not proven optimal.
Candidates are taken in the engines' order and only a strictly better
dating replaces the best, so the same input gives the same plan.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import attrs

from onestop.calendar import HORIZON_DAYS, WorkCalendar
from onestop.planning.choice import Choice, head_of, service_items
from onestop.planning.compiled import bits
from onestop.planning.engine import Engine
from onestop.planning.finish import NEVER, Floor, venues_offering, visits_floor
from onestop.planning.itinerary import (
    NODE_BUDGET,
    Schedule,
    beaten_by_none,
    date_work,
    not_in_time,
    work_for,
)
from onestop.planning.prepared import Prepared
from onestop.planning.reduce import Instance
from onestop.planning.request import Resolved
from onestop.planning.search import Budget, OutOfBudget, Proven
from onestop.planning.simulate import Days

__all__ = ["TieEngine", "earliest"]


def earliest(
    prep: Prepared,
    request: Resolved,
    instance: Instance,
    choice: Choice,
    calendar: WorkCalendar,
    budget: Budget,
) -> tuple[Choice, Schedule]:
    """The tied choice that finishes earliest, then with the fewest visits, and its dating.

    Raises the "planning horizon" :class:`~onestop.errors.PlanningError` when
    no tied choice can be done within the horizon. A choice that is not
    proven optimal (the budget ran out) is dated as it is: its ties are not
    known. *budget* counts the nodes of both engines' searches here.
    """
    search = _TieSearch(prep, request, instance, choice, Days(calendar, prep.venue_ids), budget)
    if choice.optimal:
        search.run()
    if search.best is None:
        raise not_in_time(request)
    return search.best


class TieEngine(Engine):
    """The engine listing every choice whose key is the *target*, instead of the best one.

    *on_leaf* sees each choice that reaches the goals (it checks the key);
    a branch is cut when its lower bound shows it cannot make the target.
    Dominance between items is not used: an item another one covers may
    still be at a venue that opens sooner.
    """

    def __init__(
        self,
        problem: Instance,
        item_offers: Sequence[int],
        item_venue: Sequence[int] | None,
        target: tuple[int, ...],
        on_leaf: Callable[[int, int], None],
        *,
        venues_first: bool = False,
        budget: Budget,
        offers_of: list[int] | None = None,
    ) -> None:
        super().__init__(problem, item_offers, item_venue, venues_first, budget, None, offers_of)
        self.target = target
        self.on_leaf = on_leaf

    def _pruned(self, chosen: int, blocks: list[int]) -> bool:
        # Each component of the bound holds on its own: beyond the target in any, cut.
        bound = self.key_bound(chosen, blocks)
        return any(b > t for b, t in zip(bound, self.target, strict=True))

    def _dominated(self, item: int, taken: list[int], chosen: int, offered: int) -> bool:
        return False

    def _leaf(self, chosen: int, offered: int) -> None:
        self.on_leaf(chosen, offered)


class _TieSearch:
    """One search among the choices tying with a proven optimal one."""

    def __init__(
        self,
        prep: Prepared,
        request: Resolved,
        instance: Instance,
        choice: Choice,
        days: Days,
        budget: Budget,
    ) -> None:
        self.prep, self.request, self.instance, self.choice = prep, request, instance, choice
        self.days = days
        self.budget = budget
        self.every_counter = (1 << len(instance.counters)) - 1
        self.venues_first = request.objective == "venues"
        head = choice.key[:2]
        self.n_venues = head[0] if self.venues_first else head[1]
        self.datings: list[Schedule] = []
        # The visit searches of every tied choice dated share one itinerary's budget.
        self.visit_budget = Budget(NODE_BUDGET)
        self.seen: set[tuple[int, tuple[tuple[int, ...], ...]]] = set()
        self.complete = True
        self.best: tuple[Choice, Schedule] | None = None
        first = self._date(choice)
        if first is not None:
            self.best = (choice, first)
        # Made when the search runs: the floors, and the floor of every tied choice.
        self.floor: Floor | None = None
        self.root = (NEVER, NEVER)

    def best_key(self) -> tuple[int, int]:
        """(finish, visits) of the best dating so far."""
        return (NEVER, NEVER) if self.best is None else self.best[1].key()

    def can_beat(self, floor: tuple[int, int]) -> bool:
        """Whether a choice with this floor on (finish, visits) could beat the best."""
        return floor[0] < NEVER and floor < self.best_key()

    def run(self) -> None:
        """Search the ties (see the module docstring); the best is left in :attr:`best`."""
        start = self.request.start.toordinal()
        self.floor = Floor(self.prep, self.instance, self.days, start, start + HORIZON_DAYS)
        self.root = self._root_floors()
        if not self.can_beat(self.root):
            return
        self._first_time(self.choice.services, venues_offering(self.instance, self.choice.counters))
        engine = TieEngine(
            self.instance,
            self.instance.counter_offers,
            self.instance.counter_venue,
            self.choice.key[:2],
            self._counters_leaf,
            venues_first=self.venues_first,
            budget=self.budget,
        )
        try:
            engine.run()
        except OutOfBudget:
            self.complete = False
        if self.best is not None:
            chosen, schedule = self.best
            proven = self.complete and beaten_by_none(self.datings, schedule)
            self.best = (attrs.evolve(chosen, optimal=proven), schedule)

    def _floors_of(self, services: int, venues: Sequence[tuple[int, ...]]) -> tuple[int, int]:
        """(finish, visits) floors of a tied choice doing *services* (at least) at *venues*."""
        assert self.floor is not None
        visits = visits_floor(self.n_venues, services, venues, self.floor.delayed_pickup)
        return self.floor.finish(services, venues), visits

    def _root_floors(self) -> tuple[int, int]:
        """The floors of every tied choice: every counter allowed, only the goals surely done."""
        assert self.floor is not None
        venues = venues_offering(self.instance, self.every_counter)
        finish = self.floor.finish((1 << self.instance.n) - 1, venues)
        goals = self.instance.goals
        return finish, visits_floor(self.n_venues, goals, venues, self.floor.delayed_pickup)

    def _counters_leaf(self, counters: int, offered: int) -> None:
        """A set of counters reaching the goals: list its sets of services if it ties."""
        if head_of(self.instance, counters, self.venues_first) != self.choice.key[:2]:
            return
        items = service_items(self.instance, offered)
        assert items is not None  # the counters reach the goals
        venues = venues_offering(self.instance, counters)
        services = TieEngine(
            self.instance,
            [1 << s for s in items.items],
            None,
            (self.choice.key[2],),
            lambda chosen, services: self._services_leaf(counters, services, venues),
            budget=self.budget,
            offers_of=items.offers_of,
        )
        services.run(items.goals, self.instance.goals)
        if self._settled():
            raise Proven  # the services engine stopped; stop the counters engine too

    def _services_leaf(
        self, counters: int, services: int, venues: Sequence[tuple[int, ...]]
    ) -> None:
        """A set of services reaching the goals: date it if it ties and could beat the best."""
        if services.bit_count() != self.choice.key[2]:
            return
        if not self._first_time(services, venues):
            return
        if not self.can_beat(self._floors_of(services, venues)):
            return
        if self.visit_budget.exhausted:
            raise OutOfBudget
        candidate = attrs.evolve(self.choice, counters=counters, services=services)
        schedule = self._date(candidate, self.visit_budget)
        if schedule is not None:
            self.datings.append(schedule)
            if schedule.key() < self.best_key():
                self.best = (candidate, schedule)
                if self._settled():
                    raise Proven

    def _first_time(self, services: int, venues: Sequence[tuple[int, ...]]) -> bool:
        """Whether these services at these venues are new: which counters does not matter."""
        same = (services, tuple(venues[s] for s in bits(services)))
        if same in self.seen:
            return False
        self.seen.add(same)
        return True

    def _settled(self) -> bool:
        """Whether the best meets the floor of every tied choice: nothing can beat it."""
        return not self.can_beat(self.root)

    def _date(self, choice: Choice, budget: Budget | None = None) -> Schedule | None:
        """Date *choice*, ``None`` if it is no better than the best (or not in time)."""
        work = work_for(self.prep, self.request, self.instance, choice)
        beat = None if self.best is None else self.best_key()
        return date_work(
            work, self.request.start, self.days, budget or Budget(NODE_BUDGET), beat=beat
        )
