"""The exact search engine: branch and bound over bitsets, on blocking sets.

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
from collections.abc import Callable, Sequence
from typing import Final, TypeAlias

from onestop.planning.compiled import Compiled, bits, satisfied
from onestop.planning.reduce import Instance
from onestop.planning.search import Budget, OutOfBudget, Proven

__all__ = ["BLOCK_CALLS", "Engine", "LeafCost"]

BLOCK_CALLS: Final = 400
"""Work allowed for one blocking-set computation before the simple, larger set is used."""

LeafCost: TypeAlias = Callable[[int, int], "tuple[int, ...] | None"]
"""The key of a leaf (chosen items, services offered), smaller is better; ``None``: no leaf."""


class Engine:
    """Branch and bound over items; each item offers a mask of local services."""

    def __init__(
        self,
        problem: Instance,
        item_offers: Sequence[int],
        item_venue: Sequence[int] | None,
        venues_first: bool,
        budget: Budget,
        leaf_cost: LeafCost | None,
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
                for s in bits(mask):
                    offers_of[s] |= 1 << item
        self.offers_of = offers_of
        self.best: tuple[tuple[int, ...], int] | None = None  # (key, chosen items)
        self._venue_masks: dict[int, int] = {}
        self._block_calls = 0  # the work of one blocking-set computation, see BLOCK_CALLS
        # The least possible last key component: a tie on the others cannot beat it.
        self.tie_floor = problem.goals.bit_count()
        # The lower bound at the first node searched: a leaf meeting it ends the search.
        self.root_bound: tuple[int, ...] | None = None

    # ----------------------------------------------------------- blocking sets
    def _block_req(self, node: Compiled, docs: int, offered: int, done: int, visiting: int) -> int:
        self._block_calls += 1
        if self._block_calls > BLOCK_CALLS:
            raise OutOfBudget
        is_all, mask, subs = node
        parts: list[int] = []
        for d in bits(mask & ~docs):
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
        self._block_calls = 0
        try:
            if node is None:
                return self._block_doc(d, docs, offered, done, 0)
            return self._block_req(node, docs, offered, done, 0)
        except OutOfBudget:
            return self._fallback(offered)

    def blocks(self, docs: int, offered: int, done: int, allowed: int) -> list[int] | None:
        """Blocking sets (item masks) that every completion must meet; None if one is empty.

        Starting from the unfinished goals, every service that must be done
        (a goal, or the only usable producer of a document a needed service
        cannot do without) gives one blocking set if it is not offered yet,
        and one per document its requirement cannot do without.
        """
        blocks: list[int] = []
        seen_services = 0
        seen_docs = docs
        stack = bits(self.p.goals & ~done)
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
            for d in bits(mask & ~seen_docs):
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
            for item in bits(items):
                found |= 1 << self.item_venue[item]
            self._venue_masks[items] = found
        return found

    def packing(self, masks: list[int]) -> int:
        """How many of *masks* share no bit, packed greedily (smallest first): a lower bound."""
        count, used = 0, 0
        for mask in sorted(masks, key=lambda m: (m.bit_count(), m)):
            if not mask & used:
                count += 1
                used |= mask
        return count

    # ----------------------------------------------------------------- search
    def run(self, chosen: int = 0, offered: int = 0) -> None:
        """Search the extensions of *chosen* (which offers *offered*)."""
        with contextlib.suppress(Proven):
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

    def key_bound(self, chosen: int, blocks: list[int]) -> tuple[int, ...]:
        """A lower bound on the key of every completion of *chosen* (blocking sets *blocks*)."""
        lb_items = chosen.bit_count() + self.packing(blocks)
        if self.item_venue is None:
            return (lb_items,)
        used = self._venues_of(chosen)
        venue_sets = [self._venues_of(b) for b in blocks]
        lb_venues = used.bit_count() + self.packing([v for v in venue_sets if not v & used])
        return (lb_venues, lb_items) if self.venues_first else (lb_items, lb_venues)

    def _dfs(self, chosen: int, offered: int, excluded: int, docs: int = -1, done: int = 0) -> None:
        self.budget.spend()
        docs, done = self.p.closure(offered, docs, done)
        if done & self.p.goals == self.p.goals:
            self._leaf(chosen, offered)
            return
        blocks = self.blocks(docs, offered, done, ~excluded)
        if blocks is None or self._pruned(chosen, blocks):
            return
        forced = 0
        for mask in blocks:
            if mask & (mask - 1) == 0:
                forced |= mask
        if forced:
            # Items alone in a blocking set are in every completion: take them all at once.
            offered_more = offered
            for item in bits(forced & ~chosen):
                offered_more |= self.item_offers[item]
            self._dfs(chosen | forced, offered_more, excluded, docs, done)
            return
        self._branch(chosen, offered, excluded, docs, done, blocks)

    def _pruned(self, chosen: int, blocks: list[int]) -> bool:
        """Whether no extension of *chosen* can beat the best: its lower bound is no better.

        The first node searched sets the root's bound; an incumbent given by
        the caller that already meets it ends the search (:class:`Proven`).
        """
        bound = None
        if self.root_bound is None:
            bound = self.root_bound = self.key_bound(chosen, blocks)
            if self.best is not None and self._settled(self.best[0]):
                raise Proven
        if self.best is None:
            return False
        if bound is None:
            bound = self.key_bound(chosen, blocks)
        best_key = self.best[0]
        head = best_key[: len(bound)]
        if bound > head:
            return True
        # Ties cannot improve the key.
        return bound == head and (len(bound) == len(best_key) or best_key[-1] <= self.tie_floor)

    def _branch(
        self, chosen: int, offered: int, excluded: int, docs: int, done: int, blocks: list[int]
    ) -> None:
        """Branch on the smallest blocking set: item i taken, the items before it excluded."""
        block = min(blocks, key=lambda m: (m.bit_count(), m))
        unfinished = self.p.goals & ~done
        order = sorted(
            bits(block),
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
        assert self.leaf_cost is not None
        key = self.leaf_cost(chosen, offered)
        if key is not None and (self.best is None or key < self.best[0]):
            self.best = (key, chosen)
            if self._settled(key):
                raise Proven
