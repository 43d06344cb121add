"""Exact choice of services and counters: branch and bound over bitsets.

The problem: choose counters (and the services done at them) so that every
goal can be done in some order, each service's requirement met by documents
held or produced earlier; minimise counters, then venues, then services
(venues first with ``objective="venues"``).

One engine serves two levels. At the first, the *items* are counters (each
offers a set of services); at the second, the items are the services
themselves and only their number counts (the fewest services for a set of
counters). The first level runs in two passes: the best (counters, venues),
ties cut; then, only if that choice needs more services than the fewest
possible with every counter allowed, the choices tying on (counters, venues).

The engine branches on a *blocking set*: a set of items of which every
feasible extension of the current choice must contain one. For a service
that must be done and is not offered it is the items offering it; for a
document that must be obtained it follows the producers back to the services
that could produce it first (a document being acquired cannot help acquire
itself, which is how cycles are handled). Branch i takes item i and excludes
items before it, so each set is visited once; the search is complete. Items
alone in a blocking set are taken together without branching, and an item is
skipped when an item branched on before it offers all it would add at no
extra venue (a completion with it is matched by one already searched). The
lower bound packs blocking sets that share no item (or no venue), collected
along every service and document a completion cannot do without. A node
budget stops the search, keeping the best choice found and a proven lower
bound.
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from typing import Final

from onestop.planning.prepare import Compiled, fire, satisfied
from onestop.planning.prepare import bits as _bits

__all__ = ["Budget", "Choice", "Problem", "solve"]

BLOCK_CALLS: Final = 400
"""Work allowed for one blocking-set computation before the simple, larger set is used."""


class Budget:
    """A shared count of search nodes; :meth:`spend` says when the limit is passed."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.used = 0

    def spend(self) -> bool:
        """Count one node; return whether the budget is now exceeded."""
        self.used += 1
        return self.used > self.limit


class _Proven(Exception):
    """Raised inside a search when a leaf meets the root's lower bound: it is optimal."""


class _OutOfBudget(Exception):
    pass


class Problem:
    """The reduced instance: local services 0..n-1 in a good closure order."""

    def __init__(
        self,
        held: int,
        goals: int,
        req: Sequence[Compiled],
        produces: Sequence[int],
        producers: dict[int, tuple[int, ...]],
    ) -> None:
        self.held = held
        self.goals = goals
        self.req = req
        self.produces = produces
        self.producers = producers  # document bit index -> local producing services
        self.n = len(req)

    def closure(self, offered: int, docs: int = -1, done: int = 0) -> tuple[int, int]:
        """Return (documents in hand, services done) using only the *offered* services.

        *docs* and *done* may give the closure of a subset of *offered* (a
        parent node's) to continue from, since more services only add.
        """
        if docs < 0:
            docs = self.held
        docs, fired = fire(_bits(offered & ~done), self.req, self.produces, docs)
        for i in fired:
            done |= 1 << i
        return docs, done


class _Engine:
    """Branch and bound over items; each item offers a mask of local services."""

    def __init__(
        self,
        problem: Problem,
        item_offers: Sequence[int],
        item_venue: Sequence[int] | None,
        venues_first: bool,
        budget: Budget,
        leaf_cost: object,
        offers_of: list[int] | None = None,
    ) -> None:
        self.p = problem
        self.item_offers = item_offers
        self.item_venue = item_venue
        self.venues_first = venues_first
        self.budget = budget
        self.leaf_cost = leaf_cost
        if offers_of is None:
            # local service -> mask of items offering it
            offers_of = [0] * problem.n
            for item, mask in enumerate(item_offers):
                for s in _bits(mask):
                    offers_of[s] |= 1 << item
        self.offers_of = offers_of
        self.best: tuple[tuple[int, ...], int] | None = None  # (key, chosen items)
        self._venue_masks: dict[int, int] = {}
        self.calls = 0
        # The least possible last key component: a tie on the others cannot beat it.
        self.tie_floor = problem.goals.bit_count()
        # The lower bound at the first node searched: a leaf meeting it ends the search.
        self.root_bound: tuple[int, ...] | None = None

    # ----------------------------------------------------------- blocking sets
    def _block_req(self, node: Compiled, docs: int, offered: int, done: int, visiting: int) -> int:
        self.calls += 1
        if self.calls > BLOCK_CALLS:
            raise _OutOfBudget
        is_all, mask, subs = node
        parts: list[int] = []
        for d in _bits(mask & ~docs):
            parts.append(self._block_doc(d, docs, offered, done, visiting))
        for sub in subs:
            if not satisfied(sub, docs):
                parts.append(self._block_req(sub, docs, offered, done, visiting))
        if is_all:
            return min(parts, key=lambda m: (m.bit_count(), m)) if parts else 0
        result = 0
        for part in parts:
            result |= part
        return result

    def _block_doc(self, d: int, docs: int, offered: int, done: int, visiting: int) -> int:
        bit = 1 << d
        if visiting & bit:
            return 0
        result = 0
        for s in self.p.producers.get(d, ()):
            if not offered >> s & 1:
                result |= self.offers_of[s]
            elif not done >> s & 1:
                result |= self._block_req(self.p.req[s], docs, offered, done, visiting | bit)
        return result

    def _fallback(self, offered: int) -> int:
        """The simple blocking set: items offering any service not offered yet.

        Valid because nothing new is produced until a service that is not
        offered now is done.
        """
        block = 0
        for s in range(self.p.n):
            if not offered >> s & 1:
                block |= self.offers_of[s]
        return block

    def _safe(self, node: Compiled | None, d: int, docs: int, offered: int, done: int) -> int:
        """A blocking set for a requirement node (or for document *d* when node is None)."""
        self.calls = 0
        try:
            if node is None:
                return self._block_doc(d, docs, offered, done, 0)
            return self._block_req(node, docs, offered, done, 0)
        except _OutOfBudget:
            return self._fallback(offered)

    def _blocks(self, docs: int, offered: int, done: int, allowed: int) -> list[int] | None:
        """Blocking sets (item masks) that every completion must meet; None if one is empty.

        Starting from the unfinished goals, every service that must be done
        (a goal, or the only usable producer of a document a needed service
        cannot do without) gives one blocking set if it is not offered yet,
        and one per document its requirement cannot do without.
        """
        blocks: list[int] = []
        seen_services = 0
        seen_docs = docs
        stack = _bits(self.p.goals & ~done)
        req, producers, offers_of = self.p.req, self.p.producers, self.offers_of
        while stack:
            s = stack.pop()
            if seen_services >> s & 1:
                continue
            seen_services |= 1 << s
            if not offered >> s & 1:
                block = offers_of[s] & allowed
                if not block:
                    return None
                blocks.append(block)
            is_all, mask, subs = req[s]
            if not is_all:
                if not satisfied(req[s], docs):
                    block = self._safe(req[s], 0, docs, offered, done) & allowed
                    if not block:
                        return None
                    blocks.append(block)
                continue
            for d in _bits(mask & ~seen_docs):
                seen_docs |= 1 << d
                block = self._safe(None, d, docs, offered, done) & allowed
                if not block:
                    return None
                blocks.append(block)
                usable = [
                    p for p in producers.get(d, ()) if offered >> p & 1 or offers_of[p] & allowed
                ]
                if len(usable) == 1:
                    stack.append(usable[0])
            for sub in subs:
                if not satisfied(sub, docs):
                    block = self._safe(sub, 0, docs, offered, done) & allowed
                    if not block:
                        return None
                    blocks.append(block)
        return blocks

    def _venues_of(self, items: int) -> int:
        """The venues (as a mask) of a set of items; remembered, as sets recur."""
        found = self._venue_masks.get(items)
        if found is None:
            assert self.item_venue is not None
            found = 0
            for item in _bits(items):
                found |= 1 << self.item_venue[item]
            self._venue_masks[items] = found
        return found

    def _packing(self, masks: list[int]) -> int:
        count, used = 0, 0
        for mask in sorted(masks, key=lambda m: (m.bit_count(), m)):
            if not mask & used:
                count += 1
                used |= mask
        return count

    # ----------------------------------------------------------------- search
    def run(self, chosen: int = 0, offered: int = 0) -> None:
        """Search the extensions of *chosen* (which offers *offered*)."""
        with contextlib.suppress(_Proven):
            self._dfs(chosen, offered, 0)

    def _settled(self, key: tuple[int, ...]) -> bool:
        """Whether no choice can beat *key*: it meets the root's lower bound."""
        bound = self.root_bound
        if bound is None:
            return False
        head = key[: len(bound)]
        if head != bound:
            return head < bound
        return len(key) == len(bound) or key[-1] <= self.tie_floor

    def _key_bound(self, chosen: int, blocks: list[int]) -> tuple[int, ...]:
        lb_items = chosen.bit_count() + self._packing(blocks)
        if self.item_venue is None:
            return (lb_items,)
        used = self._venues_of(chosen)
        venue_sets = [self._venues_of(b) for b in blocks]
        lb_venues = used.bit_count() + self._packing([v for v in venue_sets if not v & used])
        return (lb_venues, lb_items) if self.venues_first else (lb_items, lb_venues)

    def _dfs(self, chosen: int, offered: int, excluded: int, docs: int = -1, done: int = 0) -> None:
        if self.budget.spend():
            raise _OutOfBudget
        docs, done = self.p.closure(offered, docs, done)
        if done & self.p.goals == self.p.goals:
            self._leaf(chosen, offered)
            return
        blocks = self._blocks(docs, offered, done, ~excluded)
        if blocks is None:
            return
        bound = None
        if self.root_bound is None:
            bound = self.root_bound = self._key_bound(chosen, blocks)
            if self.best is not None and self._settled(self.best[0]):
                raise _Proven  # an incumbent given by the caller already meets the bound
        if self.best is not None:
            if bound is None:
                bound = self._key_bound(chosen, blocks)
            best_key = self.best[0]
            head = best_key[: len(bound)]
            if bound > head:
                return
            if bound == head and (len(bound) == len(best_key) or best_key[-1] <= self.tie_floor):
                return  # ties cannot improve the key
        forced = 0
        for mask in blocks:
            if mask & (mask - 1) == 0:
                forced |= mask
        if forced:
            # Items alone in a blocking set are in every completion: take them all at once.
            offered_more = offered
            for item in _bits(forced & ~chosen):
                offered_more |= self.item_offers[item]
            self._dfs(chosen | forced, offered_more, excluded, docs, done)
            return
        block = min(blocks, key=lambda m: (m.bit_count(), m))
        unfinished = self.p.goals & ~done
        order = sorted(
            _bits(block),
            key=lambda i: (
                -(self.item_offers[i] & unfinished).bit_count(),
                -(self.item_offers[i] & ~offered).bit_count(),
                i,
            ),
        )
        taken: list[int] = []
        for item in order:
            if self._dominated(item, taken, chosen, offered):
                excluded |= 1 << item
                continue
            self._dfs(chosen | 1 << item, offered | self.item_offers[item], excluded, docs, done)
            excluded |= 1 << item
            taken.append(item)

    def _dominated(self, item: int, taken: list[int], chosen: int, offered: int) -> bool:
        """Whether an item branched on before *item* offers all it would add, at no extra venue.

        Any completion with *item* (and the earlier items excluded) is then
        matched, with that item in its place, by one already searched: as
        many items, no more venues, more services offered.
        """
        if self.item_venue is None:
            return False  # the items are single services: none offers another's
        mine = self.item_offers[item] & ~offered
        for other in taken:
            if mine & ~self.item_offers[other]:
                continue
            venue = self.item_venue[other]
            if venue == self.item_venue[item] or self._venues_of(chosen) >> venue & 1:
                return True
        return False

    def _leaf(self, chosen: int, offered: int) -> None:
        key = self.leaf_cost(chosen, offered)  # type: ignore[operator]
        if key is not None and (self.best is None or key < self.best[0]):
            self.best = (key, chosen)
            if self._settled(key):
                raise _Proven


class Choice:
    """The result of :func:`solve`: chosen items (counters) and services, as local indexes."""

    def __init__(
        self,
        counters: int,
        services: int,
        key: tuple[int, ...],
        optimal: bool,
        lower_bound: int,
    ) -> None:
        self.counters = counters
        self.services = services
        self.key = key
        self.optimal = optimal
        self.lower_bound = lower_bound


def _min_services(
    problem: Problem, offered: int, budget: Budget, below: int | None = None
) -> tuple[int, int] | None:
    """Fewest services among *offered* reaching every goal: (count, services mask).

    With *below*, only fewer than *below* services count: ``None`` if no such set.
    """
    # Fast path: the goals alone reach every goal.
    _, done = problem.closure(problem.goals)
    if done & problem.goals == problem.goals:
        count = problem.goals.bit_count()
        return None if below is not None and count >= below else (count, problem.goals)
    # Only services that can be done at all with what is offered can be in the set.
    _, doable = problem.closure(offered)
    if problem.goals & ~doable:
        return None
    items = _bits(doable)
    position: dict[int, int] = {}
    offers_of = [0] * problem.n  # items are single services: each offered by its own item
    for i, s in enumerate(items):
        position[s] = i
        offers_of[s] = 1 << i
    engine = _Engine(
        problem,
        [1 << s for s in items],
        None,
        False,
        budget,
        lambda chosen, off: (off.bit_count(),),
        offers_of,
    )
    if below is not None:
        engine.best = ((below,), -1)  # an incumbent to beat, chosen by nobody
    # Goals are always taken: start from them.
    start = 0
    for g in _bits(problem.goals):
        start |= 1 << position[g]
    engine.run(start, problem.goals)
    if engine.best is None or engine.best[1] < 0:
        return None
    services = 0
    for i in _bits(engine.best[1]):
        services |= 1 << items[i]
    return services.bit_count(), services


def solve(
    problem: Problem,
    counter_offers: Sequence[int],
    counter_venue: Sequence[int],
    *,
    venues_first: bool,
    budget: Budget,
) -> Choice | None:
    """Choose counters and services optimally; ``None`` if the goals cannot be reached.

    The key compared is (counters, venues, services), or (venues, counters,
    services) when *venues_first*. It is found in two passes: the best
    (counters, venues) first, with ties cut; then, only if that choice needs
    more services than the fewest possible with every counter allowed, a
    second pass over the choices tying on (counters, venues). When the budget
    runs out the best choice found so far is returned with ``optimal=False``.
    """

    def head_of(chosen: int) -> tuple[int, int]:
        venues = 0
        for k in _bits(chosen):
            venues |= 1 << counter_venue[k]
        n_counters, n_venues = chosen.bit_count(), venues.bit_count()
        return (n_venues, n_counters) if venues_first else (n_counters, n_venues)

    def offered_by(chosen: int) -> int:
        offered = 0
        for k in _bits(chosen):
            offered |= counter_offers[k]
        return offered

    everything = offered_by((1 << len(counter_offers)) - 1)
    cache: dict[int, tuple[int, int] | None] = {}
    fewest: tuple[int, int] | None = None

    # Sets of services shown, in the second pass, not to reach the goals with
    # fewer than the given number of services.
    at_least: dict[int, int] = {}

    def services_for(offered: int, below: int | None = None) -> tuple[int, int] | None:
        """The fewest services among *offered* (count, mask).

        With *below*, a set that is not cached yet is searched only for fewer
        services than that: None if it has none.
        """
        if offered in cache:
            return cache[offered]
        if fewest is not None and fewest[1] & ~offered == 0:
            cache[offered] = fewest
        elif below is None:
            cache[offered] = _min_services(problem, offered, budget)
        else:
            if at_least.get(offered, 0) >= below:
                return None
            found = _min_services(problem, offered, budget, below=below)
            if found is None:
                at_least[offered] = below
                return None
            cache[offered] = found  # the fewest: fewer than *below* are searched exactly
        return cache[offered]

    def leaf_full(chosen: int, offered: int) -> tuple[int, ...] | None:
        head = head_of(chosen)
        assert second.best is not None
        best_head = second.best[0][:2]
        if head > best_head:
            return None
        # A tie on (counters, venues) matters only with fewer services than the best.
        found = services_for(offered, second.best[0][-1] if head == best_head else None)
        return None if found is None else (*head, found[0])

    first = _Engine(
        problem,
        counter_offers,
        counter_venue,
        venues_first,
        budget,
        lambda chosen, offered: head_of(chosen),
    )
    second = _Engine(
        problem, counter_offers, counter_venue, venues_first, budget, leaf_full, first.offers_of
    )
    optimal = True
    try:
        first.run()
        if first.best is None:
            return None
        head, chosen = first.best
        found = services_for(offered_by(chosen))
        assert found is not None
        second.best = ((*head, found[0]), chosen)
        # The fewest services with every counter allowed: searched only when a
        # quick lower bound does not already show the choice's count is least.
        if found[0] > _services_floor(problem):
            fewest = _min_services(problem, everything, budget, below=found[0])
        if fewest is not None and found[0] > fewest[0]:
            second.tie_floor = fewest[0]
            second.run()
    except _OutOfBudget:
        optimal = False
    if second.best is None:
        if first.best is None:
            greedy = _greedy(problem, counter_offers, everything)
            if greedy is None:
                return None
            chosen, services = greedy
            head = head_of(chosen)
            return Choice(
                chosen, services, (*head, services.bit_count()), False, _root_bound(first)
            )
        head, chosen = first.best
        second.best = ((*head, -1), chosen)
    key, chosen = second.best
    found = cache.get(offered_by(chosen))
    if found is None:
        # Out of budget before the services were counted: not the fewest, but none
        # that the goals can do without.
        services = _irredundant(problem, offered_by(chosen))
        found = (services.bit_count(), services)
    lower = key[0] if optimal else _root_bound(first)
    return Choice(chosen, found[1], (*key[:2], found[0]), optimal, lower)


def _services_floor(problem: Problem) -> int:
    """A lower bound on the number of services reaching every goal, every service offered.

    The goals, plus a packing of disjoint blocking sets of services (see
    :class:`_Engine`).
    """
    singles = [1 << s for s in range(problem.n)]
    engine = _Engine(problem, singles, None, False, Budget(0), None, singles)
    docs, done = problem.closure(problem.goals)
    blocks = engine._blocks(docs, problem.goals, done, -1) or []
    return problem.goals.bit_count() + engine._packing(blocks)


def _irredundant(problem: Problem, offered: int) -> int:
    """Services among *offered* that reach every goal, none of which can be left out.

    Every service of the result is needed: without it some goal cannot be
    reached, so its outputs are in hand before the goals' are (the itinerary
    search relies on it). Latest services are tried first, so the result is
    the same every time.
    """
    _, services = problem.closure(offered)
    for s in reversed(_bits(services & ~problem.goals)):
        if not services >> s & 1:
            continue
        _, done = problem.closure(services & ~(1 << s))
        if done & problem.goals == problem.goals:
            services = done
    return services


def _root_bound(engine: _Engine) -> int:
    """The lower bound on the first key component at the empty choice."""
    if engine.root_bound is not None:  # the search's first node computed it
        return engine.root_bound[0]
    docs, done = engine.p.closure(0)
    blocks = engine._blocks(docs, 0, done, -1) or []
    return engine._key_bound(0, blocks)[0]


def _greedy(
    problem: Problem, counter_offers: Sequence[int], everything: int
) -> tuple[int, int] | None:
    """A feasible choice without search: add the counter that offers most, until done.

    Returns (counters, services), or None if the goals cannot be reached;
    *everything* is what all counters offer together.
    """
    chosen, offered = 0, 0
    _, needed = problem.closure(everything)
    while True:
        _, done = problem.closure(offered)
        if done & problem.goals == problem.goals:
            break
        candidates = [k for k in range(len(counter_offers)) if not chosen >> k & 1]
        if not candidates:
            return None
        k = max(
            candidates,
            key=lambda c: ((counter_offers[c] & needed & ~offered).bit_count(), -c),
        )
        chosen |= 1 << k
        offered |= counter_offers[k]
    return chosen, _irredundant(problem, offered)
