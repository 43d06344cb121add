"""Goals that cannot be reached, explained: what is missing and what nobody here issues."""

from __future__ import annotations

from onestop.errors import Problem
from onestop.planning.compiled import bits, unmet
from onestop.planning.prepared import Prepared
from onestop.planning.request import Resolved

__all__ = ["unreachable"]


def unreachable(
    prep: Prepared, request: Resolved, executed: set[int], docs: int, offered: set[int]
) -> list[Problem]:
    """One problem per goal that cannot be done, down to the documents nobody here issues.

    *executed* are the services that can be done at all (leaving *docs* in
    hand), *offered* those offered at an allowed counter.
    """
    problems = []
    for g in request.goals:
        sid = prep.service_ids[g]
        if g not in offered:
            where = (
                "no counter" if request.allowed is None else "no counter among the allowed venues"
            )
            problems.append(Problem(f"goal {sid!r}", f"{where} offers this service"))
        elif g not in executed:
            problems.append(Problem(f"goal {sid!r}", _explain(prep, g, docs, offered)))
    return problems


def _explain(prep: Prepared, goal: int, docs: int, offered: set[int]) -> str:
    def name(d: int) -> str:
        return repr(prep.doc_ids[d])

    text, missing = unmet(prep.req[goal], docs, name)
    message = f"cannot be reached: it needs {text}, which cannot be had"
    roots = _not_issued(prep, goal, missing, docs, offered)
    if roots:
        listed = ", ".join(repr(prep.doc_ids[d]) for d in sorted(roots))
        return message + (
            f"; not held and issued by no allowed counter: {listed} "
            "(hold them, or allow venues whose counters issue them)"
        )
    return message + " (its producers need each other: hold one of these documents)"


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
