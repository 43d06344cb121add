"""``plan()``: the five steps a request goes through, one module each.

1. :func:`~onestop.planning.request.resolve`: ids to indexes, every problem reported;
2. :func:`~onestop.planning.reduce.reduce`: the goals' cone, unreachable goals explained;
3. :func:`~onestop.planning.choice.choose`: the exact choice of counters and services;
4. :func:`~onestop.planning.ties.earliest`: the dating, and among equally cheap choices
   the earliest finish, then the fewest visits;
5. :func:`~onestop.planning.build.build`: the :class:`~onestop.planning.result.Plan`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Final, Literal

import attrs

from onestop.calendar import work_calendar
from onestop.errors import PlanningError
from onestop.model import Catalogue
from onestop.planning.build import build
from onestop.planning.choice import Choice, choose
from onestop.planning.prepared import Prepared, prepared
from onestop.planning.reduce import Instance, reduce
from onestop.planning.request import Resolved, check_types, naming_closed_venues, resolve
from onestop.planning.result import Plan
from onestop.planning.search import Budget
from onestop.planning.ties import earliest
from onestop.request import Request, unpack

__all__ = ["DEFAULT_BUDGET", "Chosen", "choose_plan", "plan"]

DEFAULT_BUDGET: Final = 200_000
"""Search nodes allowed for choosing counters and services (see :func:`plan`)."""


def plan(
    catalogue: Catalogue,
    goals: str | Iterable[str] | Request,
    *,
    holding: Iterable[str] = (),
    start: dt.date | None = None,
    objective: Literal["counters", "venues"] = "counters",
    venues: Iterable[str] | None = None,
    budget: int = DEFAULT_BUDGET,
) -> Plan:
    """Plan the fewest counters a citizen must visit for some services, with dates.

    Parameters
    ----------
    catalogue
        The catalogue to plan on.
    goals
        Service ids or bundle ids (a bundle stands for its services), or a
        :class:`~onestop.Request` carrying every argument but ``budget``.
    holding
        Document ids the citizen already holds.
    start
        The first possible day; default today in the catalogue's time zone.
    objective
        ``"counters"``: fewest counters, then venues, then services;
        ``"venues"``: fewest venues, then counters, then services.
    venues
        Restrict planning to these venue ids or kinds (``mpp``, ``office``,
        ``popup``, ``online``); default all. A venue with ``status: planned``
        is used only when named here by its id ("what if it were open").
    budget
        Search nodes allowed for the choice. When the budget is reached the
        best plan found is returned with ``optimal=False`` and the proven
        ``lower_bound``.

    Returns
    -------
    Plan
        An optimal plan (see the format's "Planning semantics"), dated so that
        it finishes as early as possible with the fewest visits.

    Raises
    ------
    PlanningError
        For unknown ids (with suggestions), a start outside the calendars'
        range, or goals that cannot be reached (naming the documents that
        cannot be had, and any venue left out for not opening). Never a
        partial plan.
    CatalogueError
        If the catalogue was built or changed in Python and breaks the format
        (it is checked once per catalogue object, see :func:`onestop.check`).
    TypeError
        If an argument has the wrong type (the message names it).

    Examples
    --------
    >>> import datetime as dt, onestop
    >>> cat = onestop.builtin("probolinggo")
    >>> p = plan(cat, "kelahiran", holding=["surat-keterangan-lahir", "kk", "buku-nikah",
    ...     "ktp-el"], start=dt.date(2026, 12, 1))
    >>> p.counters, p.finish
    (('mpp-dukcapil',), datetime.date(2026, 12, 2))
    >>> plan(cat, ["kia2"])
    Traceback (most recent call last):
    ...
    onestop.errors.PlanningError: cannot plan:
      goals[0]: unknown service or bundle 'kia2' (did you mean 'kia'?)
    """
    arguments = unpack(goals, holding, start, objective, venues)
    if arguments is not None:
        return plan(catalogue, **arguments, budget=budget)
    assert not isinstance(goals, Request)
    chosen = choose_plan(
        catalogue,
        goals,
        holding=holding,
        start=start,
        objective=objective,
        venues=venues,
        budget=budget,
    )
    return chosen.dated()


@attrs.frozen(eq=False)
class Chosen:
    """A request resolved, reduced and chosen: all of :func:`plan` but the dates.

    The cheapest (counters, venues, services) depends on the start date only
    through the venues that never open within the horizon from it, so a
    batch (:func:`onestop.analysis.plan_many`) chooses once per distinct
    request and such venues, and dates for each start: ``chosen.dated(day)``
    breaks the ties among equally cheap choices for that day (the earliest
    finish, then the fewest visits) and is ``plan(..., start=day)`` for a
    day that leaves out the same venues as the start it was chosen from.
    """

    catalogue: Catalogue
    prep: Prepared
    request: Resolved
    instance: Instance
    choice: Choice
    budget: int
    """Search nodes allowed for the search among equally cheap choices."""

    def dated(self, start: dt.date | None = None) -> Plan:
        """The plan from ``start`` (default the start the request was resolved with)."""
        request = self.request if start is None else attrs.evolve(self.request, start=start)
        calendar = work_calendar(self.catalogue)
        try:
            choice, schedule = earliest(
                self.prep, request, self.instance, self.choice, calendar, Budget(self.budget)
            )
        except PlanningError as error:
            raise naming_closed_venues(error, request) from None
        return build(self.prep, request, choice, schedule)


def choose_plan(
    catalogue: Catalogue,
    goals: str | Iterable[str],
    *,
    holding: Iterable[str] = (),
    start: dt.date | None = None,
    objective: Literal["counters", "venues"] = "counters",
    venues: Iterable[str] | None = None,
    budget: int = DEFAULT_BUDGET,
) -> Chosen:
    """The first three steps of :func:`plan` (same arguments): resolve, reduce, choose.

    Raises the :class:`PlanningError` :func:`plan` raises for a request that
    cannot be planned on any day (unknown ids, unreachable goals).
    """
    goals, holding, venues = check_types(
        catalogue, goals, holding, start, objective, venues, budget
    )
    prep = prepared(catalogue)
    request = resolve(catalogue, prep, goals, holding, start, objective, venues, budget)
    try:
        instance = reduce(prep, request)
        choice = choose(instance, venues_first=objective == "venues", budget=Budget(budget))
    except PlanningError as error:
        raise naming_closed_venues(error, request) from None
    return Chosen(catalogue, prep, request, instance, choice, budget)
