"""Visit bounds: the last day each step can happen, and visits no itinerary can do without.

In an itinerary finishing by a day, every chosen service is needed, so each
step has a window: from its day in the as-soon-as-possible run (no
itinerary does it sooner) to its deadline (:meth:`Bounds.deadlines`).
Per venue, steps whose windows do not meet need visits on different days,
and so do steps that wait on one another's working days
(:meth:`Bounds.strict_before`); :meth:`Bounds.lower_bound` counts them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from onestop.planning.compiled import bits, essential
from onestop.planning.simulate import Days, State

if TYPE_CHECKING:
    from onestop.planning.itinerary import Work

__all__ = ["Bounds", "consumers"]


class Bounds:
    """Deadlines and lower bounds for one dating (remembered per finish day)."""

    def __init__(self, work: Work, days: Days) -> None:
        self.work = work
        self.days = days
        self.n = len(work.services)
        self.consumers = consumers(work)
        # Whether every consumer comes after its producers in the list (the usual
        # case): fixed points over the needs are then reached in one pass.
        self.forward = all(c > s for s in range(self.n) for c in self.consumers[s])
        self._deadlines: dict[int, tuple[list[int], list[int]]] = {}
        self._strict: list[int] | None = None

    def deadlines(self, finish: int) -> tuple[list[int], list[int]]:
        """Per service: the last day it can be applied for, the last day its outputs come in.

        A service that is the only chosen producer of a document another
        cannot do without must have its outputs in hand (picked up, when at
        the counter, on a day its venue is open) by that consumer's
        application; the last application day follows from the working days,
        and for a service offered at one venue it is an open day there.
        """
        found = self._deadlines.get(finish)
        if found is not None:
            return found
        n, work, days = self.n, self.work, self.days
        need = [finish] * n  # outputs in hand by this day
        apply_by = [finish] * n
        # Consumers before producers: when every consumer comes later in the list,
        # one pass from the end reaches the fixed point.
        changed = True
        rounds = 0
        while changed and rounds <= n:
            changed = False
            rounds += 1
            for s in range(n - 1, -1, -1):
                by = min([need[s], *(apply_by[c] for c in self.consumers[s])])
                only = work.candidates[s][0] if len(work.candidates[s]) == 1 else -1
                if work.working_days[s] and work.pickup_counter[s]:
                    # Picked up at its one venue (see itinerary.date()): on a day it is open.
                    by = days.last_open(work.candidates[s][0], by, by - 31)
                last = days.last_ready(work.working_days[s], by)
                if only >= 0:
                    last = days.last_open(only, last, last - 31)
                if by != need[s] or last != apply_by[s]:
                    need[s], apply_by[s] = by, last
                    changed = True
            if self.forward:
                break
        found = (apply_by, need)
        self._deadlines[finish] = found
        return found

    def lower_bound(self, earliest: State, finish: int, done: int = 0) -> int:
        """Visits no itinerary finishing by *finish* can do without.

        Per venue, each event (apply or pickup) of a service offered only
        there has a window of days: from its day in the as-soon-as-possible
        run *earliest* to its deadline. Events whose windows do not meet need
        visits on different days: the least number of days meeting every
        window (found greedily, which is exact for intervals) bounds the
        visits there, and so does the longest chain of events that must be
        on different days. The first *done* events (already made, on earlier
        days) are left out.
        """
        apply_by, need = self.deadlines(finish)
        windows: dict[int, list[tuple[int, int, int]]] = {}
        for event in earliest.events[done:]:
            s = event.service
            if len(self.work.candidates[s]) != 1:
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
        seen = 0  # the events of longest, as a mask: only those before e are looked at
        for _, _, e in sorted(spans, key=lambda span: span[1]):
            earlier = before[e] & seen
            longest[e] = 1 + max((longest[p] for p in bits(earlier)), default=0)
            seen |= 1 << e
        return max(longest.values())

    @property
    def strict_before(self) -> list[int]:
        """Per event, the mask of events that must happen on an earlier day (see :meth:`_chain`)."""
        if self._strict is None:
            self._strict = self._strictly_before()
        return self._strict

    def _strictly_before(self) -> list[int]:
        work = self.work
        edges: list[tuple[int, int, bool]] = []
        for s in range(self.n):
            if work.working_days[s] and work.pickup_counter[s]:
                edges.append((2 * s, 2 * s + 1, True))
            for c in self.consumers[s]:
                if work.working_days[s] == 0:
                    edges.append((2 * s, 2 * c, False))
                elif work.pickup_counter[s]:
                    edges.append((2 * s + 1, 2 * c, False))
                else:
                    edges.append((2 * s, 2 * c, True))
        ancestors = [0] * (2 * self.n)
        strict = [0] * (2 * self.n)
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
        return strict


def consumers(work: Work) -> list[list[int]]:
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
    found: list[list[int]] = [[] for _ in range(n)]
    for c in range(n):
        # Held, or issued by a chosen service other than c.
        available = work.held | outputs & ~(produces[c] & ~multi)
        missing = (essential(work.req[c], available) or 0) & ~work.held
        for d in bits(missing):
            low = 1 << d
            sources = sources_of.get(low)
            if sources is None:
                sources = sources_of[low] = [s for s in range(n) if produces[s] & low]
            others = [s for s in sources if s != c]
            if len(others) == 1:
                found[others[0]].append(c)
    return found
