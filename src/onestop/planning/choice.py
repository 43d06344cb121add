"""The exact choice of counters and services, in two passes over the engine.

The key compared is (counters, venues, services), or (venues, counters,
services) with ``objective="venues"``. The first pass finds the best
(counters, venues) with ties cut; the fewest services for that choice are
then counted (the same engine over single services). Only if that count is
more than the fewest possible with every counter allowed does a second pass
search the choices tying on (counters, venues) for fewer services. When the
budget runs out, the best choice found is kept with ``optimal=False`` and a
proven lower bound; with no choice found at all, a greedy one.
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from onestop.planning.compiled import bits
from onestop.planning.engine import Engine
from onestop.planning.reduce import Instance
from onestop.planning.search import Budget, OutOfBudget

__all__ = ["Choice", "ServiceItems", "choose", "head_of", "service_items"]


@attrs.frozen
class Choice:
    """The chosen counters and services (local indexes of the :class:`Instance`, as masks)."""

    counters: int
    """Positions in ``Instance.counters``."""
    services: int
    """Local services."""
    key: tuple[int, ...]
    """(counters, venues, services), or (venues, counters, services)."""
    optimal: bool
    lower_bound: int
    """A proven lower bound on the key's first component."""


def choose(instance: Instance, *, venues_first: bool, budget: Budget) -> Choice:
    """Choose counters and services optimally (see the module docstring).

    The instance's goals are reachable (:func:`~onestop.planning.reduce.reduce`
    makes sure), so there is always a choice.
    """
    return _Passes(instance, venues_first, budget).choose()


class _Passes:
    """The two passes of :func:`choose` and what they share: cached service counts."""

    def __init__(self, instance: Instance, venues_first: bool, budget: Budget) -> None:
        self.p = instance
        self.venues_first = venues_first
        self.budget = budget
        self.everything = self.offered_by((1 << len(instance.counter_offers)) - 1)
        self.cache: dict[int, tuple[int, int] | None] = {}
        # Sets of services shown, in the second pass, not to reach the goals with
        # fewer than the given number of services.
        self.at_least: dict[int, int] = {}
        # The fewest services with every counter allowed, once searched.
        self.fewest: tuple[int, int] | None = None
        offers, venues = instance.counter_offers, instance.counter_venue
        self.first = Engine(instance, offers, venues, venues_first, budget, self.head_leaf)
        self.second = Engine(
            instance, offers, venues, venues_first, budget, self.full_leaf, self.first.offers_of
        )

    def head_of(self, chosen: int) -> tuple[int, int]:
        """(counters, venues) of a set of counters, or (venues, counters)."""
        return head_of(self.p, chosen, self.venues_first)

    def offered_by(self, chosen: int) -> int:
        """The services a set of counters offers."""
        offered = 0
        for k in bits(chosen):
            offered |= self.p.counter_offers[k]
        return offered

    def head_leaf(self, chosen: int, offered: int) -> tuple[int, ...]:
        """The first pass's key: the head alone."""
        return self.head_of(chosen)

    def full_leaf(self, chosen: int, offered: int) -> tuple[int, ...] | None:
        """The second pass's key; ``None`` for a choice that cannot beat the best."""
        head = self.head_of(chosen)
        assert self.second.best is not None
        best_head = self.second.best[0][:2]
        if head > best_head:
            return None
        # A tie on (counters, venues) matters only with fewer services than the best.
        found = self.services_for(offered, self.second.best[0][-1] if head == best_head else None)
        return None if found is None else (*head, found[0])

    def services_for(self, offered: int, below: int | None = None) -> tuple[int, int] | None:
        """The fewest services among *offered* (count, mask).

        With *below*, a set that is not cached yet is searched only for fewer
        services than that: ``None`` if it has none.
        """
        if offered in self.cache:
            return self.cache[offered]
        if self.fewest is not None and self.fewest[1] & ~offered == 0:
            self.cache[offered] = self.fewest
        elif below is None:
            self.cache[offered] = _min_services(self.p, offered, self.budget)
        else:
            if self.at_least.get(offered, 0) >= below:
                return None
            found = _min_services(self.p, offered, self.budget, below=below)
            if found is None:
                self.at_least[offered] = below
                return None
            self.cache[offered] = found  # the fewest: fewer than *below* are searched exactly
        return self.cache[offered]

    def run(self) -> None:
        """Both passes; raises :class:`OutOfBudget` when the budget runs out."""
        self.first.run()
        assert self.first.best is not None  # the goals are reachable
        head, chosen = self.first.best
        found = self.services_for(self.offered_by(chosen))
        assert found is not None
        self.second.best = ((*head, found[0]), chosen)
        # The fewest services with every counter allowed: searched only when a
        # quick lower bound does not already show the choice's count is least.
        if found[0] > _services_floor(self.p):
            self.fewest = _min_services(self.p, self.everything, self.budget, below=found[0])
        if self.fewest is not None and found[0] > self.fewest[0]:
            self.second.tie_floor = self.fewest[0]
            self.second.run()

    def choose(self) -> Choice:
        optimal = True
        try:
            self.run()
        except OutOfBudget:
            optimal = False
        if self.second.best is None:
            if self.first.best is None:
                return self._greedy_choice()
            head, chosen = self.first.best
            self.second.best = ((*head, -1), chosen)
        key, chosen = self.second.best
        found = self.cache.get(self.offered_by(chosen))
        if found is None:
            # Out of budget before the services were counted: not the fewest, but none
            # that the goals can do without.
            services = _irredundant(self.p, self.offered_by(chosen))
            found = (services.bit_count(), services)
        lower = key[0] if optimal else _root_bound(self.first)
        return Choice(chosen, found[1], (*key[:2], found[0]), optimal, lower)

    def _greedy_choice(self) -> Choice:
        chosen, services = _greedy(self.p, self.p.counter_offers, self.everything)
        head = self.head_of(chosen)
        key = (*head, services.bit_count())
        return Choice(chosen, services, key, False, _root_bound(self.first))


@attrs.frozen(eq=False)
class ServiceItems:
    """The services a set of counters offers, as the items of an engine over single services."""

    items: tuple[int, ...]
    """Item -> local service: the services that can be done at all with what is offered."""
    offers_of: list[int]
    """Local service -> the item offering it (a mask), or 0."""
    goals: int
    """The goals, as items: every set reaching them starts from these."""

    def services(self, chosen: int) -> int:
        """The local services (a mask) of a set of items."""
        services = 0
        for i in bits(chosen):
            services |= 1 << self.items[i]
        return services


def service_items(problem: Instance, offered: int) -> ServiceItems | None:
    """The items for choosing services among *offered*; ``None`` when some goal cannot be done."""
    _, doable = problem.closure(offered)
    if problem.goals & ~doable:
        return None
    items = bits(doable)
    offers_of = [0] * problem.n
    goals = 0
    for i, s in enumerate(items):
        offers_of[s] = 1 << i
        if problem.goals >> s & 1:
            goals |= 1 << i
    return ServiceItems(tuple(items), offers_of, goals)


def head_of(instance: Instance, counters: int, venues_first: bool) -> tuple[int, int]:
    """(counters, venues) of a set of counters (positions, a mask), or (venues, counters)."""
    venues = 0
    for k in bits(counters):
        venues |= 1 << instance.counter_venue[k]
    n_counters, n_venues = counters.bit_count(), venues.bit_count()
    return (n_venues, n_counters) if venues_first else (n_counters, n_venues)


def _min_services(
    problem: Instance, offered: int, budget: Budget, below: int | None = None
) -> tuple[int, int] | None:
    """Fewest services among *offered* reaching every goal: (count, services mask).

    With *below*, only fewer than *below* services count: ``None`` if no such set.
    """
    # Fast path: the goals alone reach every goal.
    if problem.reaches_goals(problem.goals):
        count = problem.goals.bit_count()
        return None if below is not None and count >= below else (count, problem.goals)
    # Only services that can be done at all with what is offered can be in the set.
    found = service_items(problem, offered)
    if found is None:
        return None
    engine = Engine(
        problem,
        [1 << s for s in found.items],
        None,
        False,
        budget,
        lambda chosen, off: (off.bit_count(),),
        found.offers_of,
    )
    if below is not None:
        engine.best = ((below,), -1)  # an incumbent to beat, chosen by nobody
    engine.run(found.goals, problem.goals)
    if engine.best is None or engine.best[1] < 0:
        return None
    services = found.services(engine.best[1])
    return services.bit_count(), services


def _services_floor(problem: Instance) -> int:
    """A lower bound on the number of services reaching every goal, every service offered.

    The goals, plus a packing of disjoint blocking sets of services (see
    :class:`~onestop.planning.engine.Engine`).
    """
    singles = [1 << s for s in range(problem.n)]
    engine = Engine(problem, singles, None, False, Budget(0), None, singles)
    docs, done = problem.closure(problem.goals)
    blocks = engine.blocks(docs, problem.goals, done, -1) or []
    return problem.goals.bit_count() + engine.packing(blocks)


def _irredundant(problem: Instance, offered: int) -> int:
    """Services among *offered* that reach every goal, none of which can be left out.

    Every service of the result is needed: without it some goal cannot be
    reached, so its outputs are in hand before the goals' are (the itinerary
    search relies on it). Latest services are tried first, so the result is
    the same every time.
    """
    _, services = problem.closure(offered)
    for s in reversed(bits(services & ~problem.goals)):
        if not services >> s & 1:
            continue
        _, done = problem.closure(services & ~(1 << s))
        if done & problem.goals == problem.goals:
            services = done
    return services


def _root_bound(engine: Engine) -> int:
    """The lower bound on the first key component at the empty choice."""
    if engine.root_bound is not None:  # the search's first node computed it
        return engine.root_bound[0]
    docs, done = engine.p.closure(0)
    blocks = engine.blocks(docs, 0, done, -1) or []
    return engine.key_bound(0, blocks)[0]


def _greedy(problem: Instance, counter_offers: Sequence[int], everything: int) -> tuple[int, int]:
    """A feasible choice without search: add the counter that offers most, until done.

    Returns (counters, services); *everything* is what all counters offer
    together, which reaches every goal.
    """
    chosen, offered = 0, 0
    _, needed = problem.closure(everything)
    while not problem.reaches_goals(offered):
        k = max(
            (k for k in range(len(counter_offers)) if not chosen >> k & 1),
            key=lambda c: ((counter_offers[c] & needed & ~offered).bit_count(), -c),
        )
        chosen |= 1 << k
        offered |= counter_offers[k]
    return chosen, _irredundant(problem, offered)
