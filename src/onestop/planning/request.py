"""A planning request resolved: ids to indexes, every problem of it reported at once.

This is where :func:`onestop.plan`'s arguments are checked: goals (services
or bundles), documents held, the start date, the objective and the venues
allowed. An argument of the wrong type is a ``TypeError`` naming it (the
Python convention); a wrong value is a :class:`~onestop.PlanningError`, every
one reported at once. Unknown ids get a did-you-mean suggestion; nothing is
planned until every argument is known good.

Two kinds of venue are left out unless asked for: a venue with ``status:
planned`` is allowed only when ``venues=`` names it by id, and a venue that
does not open within the calendar's horizon from the start is not allowed at
all (a plan failing for want of it names it).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import TypeAlias

import attrs

from onestop._suggest import unknown
from onestop.calendar import FIRST_DATE, HORIZON_DAYS, LAST_DATE, today, work_calendar
from onestop.errors import PlanningError, Problem
from onestop.model import KINDS, Catalogue
from onestop.planning.compiled import mask_of
from onestop.planning.prepared import Prepared

__all__ = ["Resolved", "check_types", "closed_venues", "naming_closed_venues", "resolve"]


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
    never_open: tuple[str, ...] = ()
    """Venues that would be allowed but do not open within the horizon from the start."""


def resolve(
    catalogue: Catalogue,
    prep: Prepared,
    goals: str | Iterable[str],
    holding: Iterable[str],
    start: object,
    objective: str,
    venues: Iterable[str] | None,
    budget: int = 0,
) -> Resolved:
    """Resolve a request's ids; raise :class:`PlanningError` listing every problem."""
    problems: list[Problem] = []
    if budget < 0:
        problems.append(Problem("budget", f"must not be negative, got {budget}"))
    if isinstance(start, dt.datetime):
        start = start.date()
    if start is not None and not FIRST_DATE <= start <= LAST_DATE:  # type: ignore[operator]
        problems.append(
            Problem(
                "start",
                f"{start} is outside the calendars' range: a start from "
                f"{FIRST_DATE.isoformat()} to {LAST_DATE.isoformat()} is supported",
            )
        )
    goal_ids = _goals(prep, goals, problems)
    held_docs = _holding(prep, holding, problems)
    if objective not in ("counters", "venues"):
        problems.append(
            Problem("objective", f"unknown objective {objective!r}: use 'counters' or 'venues'")
        )
    allowed_venue = _allowed(prep, venues, problems)
    if problems:
        raise PlanningError(problems)
    if start is None:
        start = today(catalogue)
    assert isinstance(start, dt.date)
    never_open = _never_open(catalogue, prep, allowed_venue, start)
    for v in never_open:
        allowed_venue[v] = False
    allowed = tuple(allowed_venue[v] for v in prep.counter_venue)
    return Resolved(
        goals=tuple(dict.fromkeys(goal_ids)),
        held=mask_of(held_docs),
        held_docs=held_docs,
        allowed=None if all(allowed) else allowed,
        start=start,
        objective=objective,
        never_open=tuple(prep.venue_ids[v] for v in never_open),
    )


def closed_venues(catalogue: Catalogue, prep: Prepared, start: dt.date) -> frozenset[int]:
    """Venues with counters that do not open within the horizon from *start*.

    This is all that resolving a request takes from its start date besides
    the date itself, so a batch may reuse a choice for every start that gives
    the same set (:class:`onestop.analysis.batch.Batch`).
    """
    calendar = work_calendar(catalogue)
    return frozenset(
        v
        for v in set(prep.counter_venue)
        if calendar.next_open(prep.venue_ids[v], start, HORIZON_DAYS) is None
    )


def _never_open(
    catalogue: Catalogue, prep: Prepared, allowed_venue: list[bool], start: dt.date
) -> list[int]:
    """Allowed venues with counters that do not open within the horizon from *start*."""
    return sorted(v for v in closed_venues(catalogue, prep, start) if allowed_venue[v])


def naming_closed_venues(error: PlanningError, request: Resolved) -> PlanningError:
    """*error*, with a problem naming each allowed venue left out for never opening."""
    if not request.never_open:
        return error
    closed = [
        Problem(
            "venues",
            f"venue {ident!r} does not open within {HORIZON_DAYS} days of "
            f"{request.start.isoformat()}: its counters were left out",
        )
        for ident in request.never_open
    ]
    return PlanningError([*error.problems, *closed])


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
    prep: Prepared, venues: str | Iterable[str] | None, problems: list[Problem]
) -> list[bool]:
    """Per venue, whether it may be used: every open one, or those named (ids or kinds).

    A planned venue is allowed only when named by its id.
    """
    if venues is None:
        return [not planned for planned in prep.venue_planned]
    allowed_venue = [False] * len(prep.venue_ids)
    for i, item in enumerate([venues] if isinstance(venues, str) else venues):
        if item in prep.venue_index:
            allowed_venue[prep.venue_index[item]] = True
        elif item in KINDS:
            for v, kind in enumerate(prep.venue_kind):
                if kind == item and not prep.venue_planned[v]:
                    allowed_venue[v] = True
        else:
            choices: Sequence[str] = (*prep.venue_ids, *KINDS)
            problems.append(Problem(f"venues[{i}]", unknown("venue or venue kind", item, choices)))
    return allowed_venue


def _ids_or_none(
    value: object, name: str, what: str, *, none_ok: bool
) -> str | tuple[str, ...] | None:
    """*value* as an id or a tuple of ids (or None when allowed); else a TypeError naming it."""
    if (value is None and none_ok) or isinstance(value, str):
        return value
    takes = f"{what} id or an iterable of {what} ids" + (", or None" if none_ok else "")
    if value is None or isinstance(value, bytes) or not isinstance(value, Iterable):
        raise TypeError(f"{name} takes a {takes}, got {type(value).__name__}")
    items = tuple(value)  # once: a generator is read here and only here
    for i, item in enumerate(items):
        if not isinstance(item, str):
            raise TypeError(f"{name}[{i}] must be a string ({what} id), got {type(item).__name__}")
    return items


Ids: TypeAlias = str | tuple[str, ...]


def check_types(
    catalogue: object,
    goals: object,
    holding: object,
    start: object,
    objective: object,
    venues: object,
    budget: object,
) -> tuple[Ids, Ids, Ids | None]:
    """Return (goals, holding, venues) read once; a TypeError names an argument of a wrong type.

    These are :func:`onestop.plan`'s arguments; a wrong *value* is left to
    :func:`resolve`, which reports it as a :class:`~onestop.PlanningError`.
    """
    if not isinstance(catalogue, Catalogue):
        raise TypeError(f"catalogue must be a Catalogue, got {type(catalogue).__name__}")
    goal_ids = _ids_or_none(goals, "goals", "service or bundle", none_ok=False)
    held_ids = _ids_or_none(holding, "holding", "document", none_ok=False)
    if start is not None and not isinstance(start, dt.date):
        raise TypeError(f"start must be a datetime.date or None, got {type(start).__name__}")
    if not isinstance(objective, str):
        raise TypeError(f"objective must be 'counters' or 'venues', got {type(objective).__name__}")
    venue_ids = _ids_or_none(venues, "venues", "venue or venue kind", none_ok=True)
    if isinstance(budget, bool) or not isinstance(budget, int):
        raise TypeError(
            f"budget must be a whole number of search nodes, got {type(budget).__name__}"
        )
    assert goal_ids is not None and held_ids is not None
    return goal_ids, held_ids, venue_ids
