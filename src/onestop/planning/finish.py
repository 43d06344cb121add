"""Floors under a dating: the earliest finish any itinerary could have, and its fewest visits.

Each document is taken to come into hand on the earliest day any allowed
service could give it: the service is applied for at whichever of its
venues opens first once its requirement can be met, its outputs are ready
its working days later, and picked up on the venue's next open day when
collected at the counter. Every real itinerary does each of its services
at one of those venues, no sooner, so it finishes no earlier than this
floor (:meth:`Floor.finish`). The floor needs no choice of visits: it is a
fixed point over documents, settled in one pass over the services in the
instance's order (which meets every requirement) and another only after an
output reaches a service listed before it (a cycle, or alternatives).

Visits have a floor too (:func:`visits_floor`): each venue of a choice is
visited, and visited again on a later day when a service only it offers is
picked up at the counter.

The search among equally cheap choices (:mod:`onestop.planning.ties`) uses
both to date a choice only when it could still come first.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final, TypeAlias

from onestop.planning.compiled import Compiled, bits, mentioned
from onestop.planning.prepared import Prepared
from onestop.planning.reduce import Instance
from onestop.planning.simulate import Days

__all__ = ["NEVER", "Floor", "venues_offering", "visits_floor"]

NEVER: Final = 1 << 40
"""A day later than any in the calendars' range: a document that cannot be had."""

Need: TypeAlias = "tuple[bool, tuple[int, ...], tuple[Need, ...]]"
"""A requirement as (all of?, document bits, sub-requirements): a :data:`Compiled` unpacked."""


def venues_offering(instance: Instance, counters: int) -> list[tuple[int, ...]]:
    """Per local service, the venues (sorted) of the *counters* (positions, a mask) offering it."""
    found: list[set[int]] = [set() for _ in range(instance.n)]
    for k in bits(counters):
        venue = instance.counter_venue[k]
        for s in bits(instance.counter_offers[k]):
            found[s].add(venue)
    return [tuple(sorted(venues)) for venues in found]


def visits_floor(
    n_venues: int, services: int, venues: Sequence[tuple[int, ...]], delayed_pickup: int
) -> int:
    """Visits no itinerary of a choice with *n_venues* venues can do without.

    *delayed_pickup* marks the services collected at the counter some
    working days after they are applied for: one offered at a single venue
    brings the citizen back there on a later day.
    """
    again = {venues[s][0] for s in bits(services & delayed_pickup) if len(venues[s]) == 1}
    return n_venues + len(again)


class Floor:
    """The finish floor of one request: its tables, made once."""

    def __init__(
        self, prep: Prepared, instance: Instance, days: Days, start: int, limit: int
    ) -> None:
        self.instance = instance
        self.days = days
        self.start = start
        self.limit = limit
        order = instance.order
        self.working_days = [prep.working_days[s] for s in order]
        self.pickup_counter = [prep.pickup_counter[s] for s in order]
        self.needs = [_unpacked(node) for node in instance.req]
        self.outputs = [bits(mask) for mask in instance.produces]
        self.feeds_back = _feeds_back(instance)
        self.delayed_pickup = sum(
            1 << s for s in range(instance.n) if self.working_days[s] and self.pickup_counter[s]
        )

    def finish(self, services: int, venues: Sequence[tuple[int, ...]]) -> int:
        """No itinerary doing *services* at *venues* has every goal in hand sooner.

        *services* is a mask of local services, *venues* the candidate venues
        of each. :data:`NEVER` when a goal cannot be in hand within the
        horizon this way.
        """
        in_hand = self._in_hand_days(services, venues)
        goals = bits(self.instance.goals)
        finish = max([in_hand[g] for g in goals], default=self.start)
        return NEVER if finish > self.limit else finish

    def _in_hand_days(self, services: int, venues: Sequence[tuple[int, ...]]) -> list[int]:
        """Per local service, the earliest day its outputs can be in hand (:data:`NEVER`: none)."""
        doc_day = dict.fromkeys(bits(self.instance.held), self.start)
        in_hand = [NEVER] * self.instance.n
        todo = bits(services)
        again = True
        while again:
            again = False
            for s in todo:
                needed_by = _met_on(self.needs[s], doc_day)
                if needed_by >= NEVER:
                    continue
                day = self._outputs_day(s, max(needed_by, self.start), venues[s])
                if day >= in_hand[s]:
                    continue
                in_hand[s] = day
                again = again or self.feeds_back[s]
                for d in self.outputs[s]:
                    if day < doc_day.get(d, NEVER):
                        doc_day[d] = day
        return in_hand

    def _outputs_day(self, s: int, earliest: int, venues: tuple[int, ...]) -> int:
        """The first day service *s*, applied for no sooner than *earliest*, gives its outputs."""
        working_days = self.working_days[s]
        best = NEVER
        for venue in venues:
            day = self._first_open(venue, earliest)
            if working_days:
                day = self.days.ready_day(day, working_days) if day <= self.limit else day
                if self.pickup_counter[s]:
                    day = self._first_open(venue, day)
            best = min(best, day)
        return best

    def _first_open(self, venue: int, day: int) -> int:
        """The first day from *day* on which *venue* is open (after the horizon: beyond it)."""
        return self.days.next_open(venue, day, self.limit)


def _unpacked(node: Compiled) -> Need:
    is_all, mask, subs = node
    return is_all, tuple(bits(mask)), tuple(_unpacked(sub) for sub in subs)


def _met_on(need: Need, doc_day: dict[int, int]) -> int:
    """The first day a requirement can be met, each document coming in on its day."""
    is_all, docs, subs = need
    days = [doc_day.get(d, NEVER) for d in docs]
    if subs:
        days.extend(_met_on(sub, doc_day) for sub in subs)
    if is_all:
        return max(days, default=0)
    return min(days, default=NEVER)


def _feeds_back(instance: Instance) -> list[bool]:
    """Per local service, whether a service listed at or before it mentions one of its outputs."""
    seen = 0  # documents mentioned by the services so far
    found = []
    for s in range(instance.n):
        seen |= mentioned(instance.req[s])
        found.append(bool(instance.produces[s] & seen))
    return found
