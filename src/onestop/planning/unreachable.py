"""Goals that cannot be reached, explained to a person: what is missing, and what to bring.

For a goal that no order of the offered services reaches, the explanation
names what its requirement misses, then the cheapest way in: the smallest
set of documents nobody here issues that, brought along, would make the
goal reachable (a few such sets when several tie), by id and by name.
"""

from __future__ import annotations

from itertools import combinations
from typing import Final

from onestop.errors import Problem
from onestop.planning.compiled import bits, fire, mask_of, unmet
from onestop.planning.prepared import Prepared
from onestop.planning.request import Resolved

__all__ = ["ALTERNATIVES", "CHECKS", "unreachable"]

CHECKS: Final = 400
"""Sets of documents tried for the smallest one to bring; past it, a set none of
whose documents can be left out is given instead."""

ALTERNATIVES: Final = 3
"""Sets of documents to bring named at most, when several are smallest."""


def unreachable(
    prep: Prepared, request: Resolved, executed: set[int], docs: int, offered: set[int]
) -> list[Problem]:
    """One problem per goal that cannot be done, with what to bring to do it.

    *executed* are the services that can be done at all (leaving *docs* in
    hand), *offered* those offered at an allowed counter.
    """
    problems = []
    for g in request.goals:
        sid = prep.service_ids[g]
        if g not in offered:
            problems.append(Problem(f"goal {sid!r}", _not_offered(prep, request, g)))
        elif g not in executed:
            problems.append(Problem(f"goal {sid!r}", _explain(prep, request, g, docs, offered)))
    return problems


def _not_offered(prep: Prepared, request: Resolved, goal: int) -> str:
    """Why no allowed counter offers *goal*, naming the planned venues left out that do.

    A planned venue named but left out for never opening is not among them: the
    error names it apart (:func:`~onestop.planning.request.naming_closed_venues`).
    """
    if request.allowed is None or not prep.offered[goal]:
        return "no counter offers this service"
    allowed = request.allowed
    left_out = {
        prep.venue_ids[prep.counter_venue[k]]
        for k in prep.offering[goal]
        if prep.venue_planned[prep.counter_venue[k]] and not allowed[k]
    }
    planned = sorted(left_out - set(request.never_open))
    message = "no counter among the allowed venues offers this service"
    if not planned:
        return message
    named = ", ".join(repr(v) for v in planned)
    if len(planned) == 1:
        hint = f"the planned venue {named} (not open yet) offers it: name it in venues="
        return f"{message}; {hint} to plan as if it were open"
    hint = f"the planned venues {named} (not open yet) offer it: name them in venues="
    return f"{message}; {hint} to plan as if they were open"


def _explain(prep: Prepared, request: Resolved, goal: int, docs: int, offered: set[int]) -> str:
    def named(d: int) -> str:
        return f"{prep.doc_ids[d]!r} ({prep.doc_names[d][2]})"

    text, missing = unmet(prep.req[goal], docs, named)
    message = f"cannot be reached: it needs {text}, which cannot be had"
    roots = sorted(_not_issued(prep, goal, missing, docs, offered), key=prep.doc_ids.__getitem__)
    ways = _Reach(prep, request.held, goal, offered).smallest(roots)
    if not ways:
        return message + " (its producers need each other: hold one of these documents)"
    sets = [" and ".join(named(d) for d in way) for way in ways]
    bring = sets[0] if len(sets) == 1 else "either " + ", or ".join(sets)
    where = "here" if request.allowed is None else "at the allowed venues"
    return f"{message}; to reach it {where}, bring {bring}"


def _not_issued(prep: Prepared, goal: int, missing: int, docs: int, offered: set[int]) -> list[int]:
    """The documents, among those missing and what their producers miss, nobody here issues."""
    roots: list[int] = []
    seen_docs: set[int] = set()
    seen_services = {goal}
    stack = bits(missing)
    while stack:
        d = stack.pop()
        if d in seen_docs:
            continue
        seen_docs.add(d)
        producers = [p for p in prep.producers[d] if p in offered]
        if not producers:
            roots.append(d)
        for p in producers:
            if p not in seen_services:
                seen_services.add(p)
                stack.extend(bits(unmet(prep.req[p], docs, str)[1]))
    return roots


class _Reach:
    """Whether the goal can be reached with some documents brought along."""

    def __init__(self, prep: Prepared, held: int, goal: int, offered: set[int]) -> None:
        self.prep, self.held, self.goal = prep, held, goal
        self.offered = sorted(offered)
        self.checks = 0

    def reached(self, brought: tuple[int, ...]) -> bool:
        self.checks += 1
        docs = self.held | mask_of(brought)
        _, done = fire(self.offered, self.prep.req, self.prep.produces, docs)
        return self.goal in done

    def smallest(self, roots: list[int]) -> list[tuple[int, ...]]:
        """The smallest sets of *roots* that reach the goal (at most :data:`ALTERNATIVES`).

        Sets of one document first, then two, and so on, until :data:`CHECKS`
        sets have been tried; then one set none of whose documents can be
        left out. Empty when even all of them do not reach it.
        """
        if not self.reached(tuple(roots)):
            return []
        for size in range(1, len(roots) + 1):
            found = []
            for way in combinations(roots, size):
                if self.checks > CHECKS:
                    return [self._irredundant(roots)]
                if self.reached(way):
                    found.append(way)
                    if len(found) == ALTERNATIVES:
                        break
            if found:
                return found
        return [tuple(roots)]  # pragma: no cover - all of them reach it (checked above)

    def _irredundant(self, roots: list[int]) -> tuple[int, ...]:
        """A set of *roots* reaching the goal from which no document can be left out."""
        kept = list(roots)
        for d in reversed(roots):
            rest = tuple(x for x in kept if x != d)
            if self.reached(rest):
                kept = list(rest)
        return tuple(kept)
