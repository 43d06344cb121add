"""A planning request resolved: ids to indexes, every problem of it reported at once.

This is where :func:`onestop.plan`'s arguments are checked: goals (services
or bundles), documents held, the start date, the objective and the venues
allowed. Unknown ids get a did-you-mean suggestion; nothing is planned
until every argument is known good.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

import attrs

from onestop._suggest import unknown
from onestop.calendar import today
from onestop.errors import PlanningError, Problem
from onestop.model import KINDS, Catalogue
from onestop.planning.compiled import mask_of
from onestop.planning.prepared import Prepared

__all__ = ["Resolved", "resolve"]


@attrs.frozen
class Resolved:
    """What a citizen asks for, as indexes into the catalogue's lists."""

    goals: tuple[int, ...]
    """Goal services, in the order asked, without repeats (bundles expanded)."""
    held: int
    """Documents held (a mask)."""
    held_docs: tuple[int, ...]
    """Documents held, sorted."""
    allowed: tuple[bool, ...] | None
    """Per counter, whether its venue is allowed; ``None`` when every venue is."""
    start: dt.date
    objective: str
    """``"counters"`` or ``"venues"``."""


def resolve(
    catalogue: Catalogue,
    prep: Prepared,
    goals: str | Iterable[str],
    holding: Iterable[str],
    start: object,
    objective: str,
    venues: Iterable[str] | None,
) -> Resolved:
    """Resolve a request's ids; raise :class:`PlanningError` listing every problem."""
    problems: list[Problem] = []
    if start is not None and not isinstance(start, dt.date):
        problems.append(Problem("start", f"expected a date, got {start!r}"))
    goal_ids = _goals(prep, goals, problems)
    held_docs = _holding(prep, holding, problems)
    if objective not in ("counters", "venues"):
        problems.append(
            Problem("objective", f"unknown objective {objective!r}: use 'counters' or 'venues'")
        )
    allowed = None if venues is None else _allowed(prep, venues, problems)
    if problems:
        raise PlanningError(problems)
    if start is None:
        start = today(catalogue)
    elif isinstance(start, dt.datetime):
        start = start.date()
    assert isinstance(start, dt.date)
    return Resolved(
        goals=tuple(dict.fromkeys(goal_ids)),
        held=mask_of(held_docs),
        held_docs=held_docs,
        allowed=allowed,
        start=start,
        objective=objective,
    )


def _goals(prep: Prepared, goals: str | Iterable[str], problems: list[Problem]) -> list[int]:
    goal_list = [goals] if isinstance(goals, str) else list(goals)
    if not goal_list:
        problems.append(Problem("goals", "no goals: name at least one service or bundle"))
    resolved: list[int] = []
    for i, goal in enumerate(goal_list):
        if goal in prep.service_index:
            resolved.append(prep.service_index[goal])
        elif goal in prep.bundle_services:
            resolved.extend(prep.bundle_services[goal])
        else:
            choices = (*prep.service_ids, *prep.bundle_services)
            problems.append(Problem(f"goals[{i}]", unknown("service or bundle", goal, choices)))
    return resolved


def _holding(prep: Prepared, holding: Iterable[str], problems: list[Problem]) -> tuple[int, ...]:
    held: set[int] = set()
    for i, doc in enumerate([holding] if isinstance(holding, str) else holding):
        if isinstance(doc, str) and doc in prep.doc_index:
            held.add(prep.doc_index[doc])
        else:
            problems.append(Problem(f"holding[{i}]", unknown("document", doc, prep.doc_ids)))
    return tuple(sorted(held))


def _allowed(
    prep: Prepared, venues: str | Iterable[str], problems: list[Problem]
) -> tuple[bool, ...]:
    allowed_venue = [False] * len(prep.venue_ids)
    for i, item in enumerate([venues] if isinstance(venues, str) else venues):
        if item in prep.venue_index:
            allowed_venue[prep.venue_index[item]] = True
        elif item in KINDS:
            for v, kind in enumerate(prep.venue_kind):
                allowed_venue[v] = allowed_venue[v] or kind == item
        else:
            choices: Sequence[str] = (*prep.venue_ids, *KINDS)
            problems.append(Problem(f"venues[{i}]", unknown("venue or venue kind", item, choices)))
    return tuple(allowed_venue[v] for v in prep.counter_venue)
