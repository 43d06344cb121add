"""The reduced instance: only the services and counters a request can use.

From the goals, the *cone* follows producers back through every document not
held, keeping services offered at an allowed counter. Doing everything in it
as soon as possible shows what can be had at all (a goal that cannot be
done is explained, see :mod:`onestop.planning.unreachable`) and gives an
order that meets every requirement; the instance numbers its services in
that order. Counters are reduced to what they offer of it, and a counter
that another at the same venue dominates is dropped.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import attrs

from onestop.errors import PlanningError
from onestop.planning.compiled import Compiled, bits, fire
from onestop.planning.prepared import Prepared
from onestop.planning.request import Resolved
from onestop.planning.unreachable import unreachable

__all__ = ["Instance", "reduce"]


@attrs.frozen(eq=False)
class Instance:
    """The reduced instance: local services 0..n-1 in an order that meets every requirement."""

    order: tuple[int, ...]
    """Local service -> the catalogue's service index."""
    held: int
    """Documents held (a mask)."""
    goals: int
    """The goals (a mask of local services)."""
    req: tuple[Compiled, ...]
    produces: tuple[int, ...]
    producers: dict[int, tuple[int, ...]]
    """Document bit -> local services producing it."""
    counters: tuple[int, ...]
    """The counters kept (catalogue indexes, sorted)."""
    counter_offers: tuple[int, ...]
    """Per kept counter, the local services it offers (a mask)."""
    counter_venue: tuple[int, ...]
    """Per kept counter, its venue (catalogue index)."""

    @property
    def n(self) -> int:
        """The number of local services."""
        return len(self.order)

    def closure(self, offered: int, docs: int = -1, done: int = 0) -> tuple[int, int]:
        """Return (documents in hand, services done) using only the *offered* services.

        *docs* and *done* may give the closure of a subset of *offered* (a
        parent node's) to continue from, since more services only add.
        """
        if docs < 0:
            docs = self.held
        docs, fired = fire(bits(offered & ~done), self.req, self.produces, docs)
        for i in fired:
            done |= 1 << i
        return docs, done

    def reaches_goals(self, services: int) -> bool:
        """Whether doing *services* (in some order) reaches every goal."""
        _, done = self.closure(services)
        return done & self.goals == self.goals


def reduce(prep: Prepared, request: Resolved) -> Instance:
    """Reduce the catalogue to the request; :class:`PlanningError` if a goal is out of reach."""
    allowed = prep.all_counters if request.allowed is None else request.allowed
    offered_here = _offered_here(prep, allowed, request.allowed is None)
    offered = [s for s in _cone(prep, request, offered_here) if offered_here(s)]
    docs, order = fire(sorted(offered), prep.req, prep.produces, request.held)
    problems = unreachable(prep, request, set(order), docs, set(offered))
    if problems:
        raise PlanningError(problems)
    local = {s: i for i, s in enumerate(order)}
    producers: dict[int, list[int]] = {}
    for i, s in enumerate(order):
        for d in prep.produce_bits[s]:
            producers.setdefault(d, []).append(i)
    counters, offers = _counters(prep, order, allowed)
    goals = 0
    for g in request.goals:
        goals |= 1 << local[g]
    return Instance(
        order=tuple(order),
        held=request.held,
        goals=goals,
        req=tuple(prep.req[s] for s in order),
        produces=tuple(prep.produces[s] for s in order),
        producers={d: tuple(ps) for d, ps in producers.items()},
        counters=tuple(counters),
        counter_offers=tuple(offers),
        counter_venue=tuple(prep.counter_venue[k] for k in counters),
    )


def _offered_here(
    prep: Prepared, allowed: Sequence[bool], every_venue: bool
) -> Callable[[int], bool]:
    """Whether a service is offered at an allowed counter."""
    if every_venue:
        return prep.offered.__getitem__
    return lambda s: any(allowed[k] for k in prep.offering[s])


def _cone(prep: Prepared, request: Resolved, offered_here: Callable[[int], bool]) -> list[int]:
    """The goals and every offered producer of a document they might need, transitively."""
    cone = list(request.goals)
    in_cone = set(cone)
    held = set(request.held_docs)
    for s in cone:
        for d in prep.req_doc_bits[s]:
            if d in held:
                continue
            for p in prep.producers[d]:
                if p not in in_cone and offered_here(p):
                    in_cone.add(p)
                    cone.append(p)
    return cone


def _counters(
    prep: Prepared, order: Sequence[int], allowed: Sequence[bool]
) -> tuple[list[int], list[int]]:
    """The allowed counters that offer something here and are not dominated, with their offers.

    A counter is dominated when another at the same venue offers all it
    offers (and more, or the same and comes first in the catalogue).
    """
    offers: dict[int, int] = {}
    for i, s in enumerate(order):
        for k in prep.offering[s]:
            if allowed[k]:
                offers[k] = offers.get(k, 0) | 1 << i
    by_venue: dict[int, list[tuple[int, int]]] = {}
    for k, mask in offers.items():
        by_venue.setdefault(prep.counter_venue[k], []).append((k, mask))
    kept = []
    for group in by_venue.values():
        # Larger offers first (then catalogue order): a counter's dominators come before it.
        group.sort(key=lambda item: (-item[1].bit_count(), item[0]))
        # The survivors offering each service: a dominator offers the lowest one too.
        survivors: dict[int, list[int]] = {}
        for k, mask in group:
            low = mask & -mask
            if all(mask & ~other for other in survivors.get(low, ())):
                for s in bits(mask):
                    survivors.setdefault(1 << s, []).append(mask)
                kept.append(k)
    kept.sort()
    return kept, [offers[k] for k in kept]
