"""The :class:`Plan` a citizen, a portal or an analyst gets back, and its views."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

import attrs

from onestop._money import rupiah

__all__ = ["Plan", "Reason", "ScheduledService", "Step", "Visit"]


@attrs.frozen
class ScheduledService:
    """A chosen service: where and when it is applied for, and when its outputs are in hand."""

    service: str
    """Service id."""
    counter: str
    """Counter id where it is applied for."""
    venue: str
    """Venue id of that counter."""
    date: dt.date
    """Day of the application."""
    ready: dt.date
    """Day its outputs are in the citizen's hands."""

    def to_dict(self) -> dict[str, Any]:
        """Return the spec's plain-data form."""
        return {
            "service": self.service,
            "counter": self.counter,
            "venue": self.venue,
            "date": self.date.isoformat(),
            "ready": self.ready.isoformat(),
        }


@attrs.frozen
class Step:
    """One thing done on a visit: apply for a service, or pick its outputs up."""

    action: Literal["apply", "pickup"]
    """``apply`` or ``pickup``."""
    service: str
    """Service id."""
    counter: str
    """Counter id."""
    bring: tuple[str, ...] = ()
    """Documents to show (for ``apply``): those the requirement uses, sorted."""
    receive: tuple[str, ...] = ()
    """Documents handed over at this step (none when they come later or by delivery)."""

    def to_dict(self) -> dict[str, Any]:
        """Return the spec's plain-data form (with ``bring`` and ``receive`` added)."""
        return {
            "action": self.action,
            "service": self.service,
            "counter": self.counter,
            "bring": list(self.bring),
            "receive": list(self.receive),
        }


@attrs.frozen
class Visit:
    """One venue on one date, with its steps in the order to do them."""

    date: dt.date
    """The day."""
    venue: str
    """Venue id."""
    steps: tuple[Step, ...]
    """Steps in order: later steps may use what earlier ones hand over."""

    def to_dict(self) -> dict[str, Any]:
        """Return the spec's plain-data form."""
        return {
            "date": self.date.isoformat(),
            "venue": self.venue,
            "steps": [step.to_dict() for step in self.steps],
        }


@attrs.frozen
class Reason:
    """Why a service is in the plan: it is a goal, or it provides a document another needs."""

    service: str
    """The service explained."""
    goal: bool
    """Whether it was asked for."""
    document: str | None = None
    """The document it provides (when not a goal)."""
    needed_by: str | None = None
    """The service that uses that document (when not a goal)."""


@attrs.frozen
class Plan:
    """A plan: the counters to visit, the services to do there, and the dated itinerary.

    Compare plans by value; turn one into data with :meth:`to_dict`, into text
    with :meth:`explain` (also ``str(plan)``), or into HTML in a notebook.
    """

    catalogue: str
    """Catalogue id."""
    goals: tuple[str, ...]
    """Goal services (bundles expanded), in the order asked."""
    holding: tuple[str, ...]
    """Documents held at the start, sorted."""
    objective: Literal["counters", "venues"]
    """What was minimised first."""
    start: dt.date
    """The first possible day."""
    finish: dt.date
    """The day every goal's outputs are in hand (the earliest possible)."""
    counters: tuple[str, ...]
    """Counters visited, in order of first visit."""
    venues: tuple[str, ...]
    """Venues visited, in order of first visit."""
    services: tuple[ScheduledService, ...]
    """Chosen services, in an order that meets every requirement."""
    visits: tuple[Visit, ...]
    """Visits in order."""
    fee: int
    """Total fees in Rupiah."""
    minutes: int
    """Total expected minutes at counters."""
    optimal: bool
    """False when a search budget was hit: the plan is valid but not proven best."""
    lower_bound: int
    """Proven lower bound on the first objective (counters or venues)."""
    reasons: tuple[Reason, ...] = ()
    """Why each service is in the plan."""
    names: tuple[tuple[str, str, str], ...] = ()
    """(kind, id, display name) of every service, counter, venue and document named."""

    def _name(self, kind: str, ident: str) -> str:
        for k, i, name in self.names:
            if k == kind and i == ident:
                return name
        return ident

    def to_dict(self) -> dict[str, Any]:
        """Return the plan as JSON-safe data in the shape of the format's "A plan as data".

        Examples
        --------
        >>> import datetime as dt, onestop
        >>> plan = onestop.plan(onestop.builtin("probolinggo"), ["kia"],
        ...     holding=["akta-kelahiran", "kk", "ktp-el"], start=dt.date(2026, 12, 1))
        >>> plan.to_dict()["counters"]
        ['mpp-dukcapil']
        """
        return {
            "catalogue": self.catalogue,
            "goals": list(self.goals),
            "holding": list(self.holding),
            "objective": self.objective,
            "start": self.start.isoformat(),
            "finish": self.finish.isoformat(),
            "counters": list(self.counters),
            "venues": list(self.venues),
            "services": [s.to_dict() for s in self.services],
            "visits": [v.to_dict() for v in self.visits],
            "fee": self.fee,
            "minutes": self.minutes,
            "optimal": self.optimal,
            "lower_bound": self.lower_bound,
        }

    def explain(self) -> str:
        """Return the itinerary as text a citizen can follow.

        Examples
        --------
        >>> import datetime as dt, onestop
        >>> plan = onestop.plan(onestop.builtin("probolinggo"), ["kia"],
        ...     holding=["akta-kelahiran", "kk", "ktp-el"], start=dt.date(2026, 12, 1))
        >>> print(plan.explain().splitlines()[0])  # doctest: +NORMALIZE_WHITESPACE
        Plan for Penerbitan Kartu Identitas Anak: 1 counter at 1 venue, 2 visits,
        done by Wed 2 Dec 2026.
        """
        goals = ", ".join(self._name("service", g) for g in self.goals)
        n_c, n_v, n_visits = len(self.counters), len(self.venues), len(self.visits)
        lines = [
            f"Plan for {goals}: {n_c} counter{'s' * (n_c != 1)} at {n_v} "
            f"venue{'s' * (n_v != 1)}, {n_visits} visit{'s' * (n_visits != 1)}, "
            f"done by {_day(self.finish)}."
        ]
        if self.holding:
            lines.append(
                "You already hold: "
                + ", ".join(self._name("document", d) for d in self.holding)
                + "."
            )
        for number, visit in enumerate(self.visits, 1):
            lines.append("")
            lines.append(f"Visit {number}: {_day(visit.date)}, {self._name('venue', visit.venue)}")
            for step in visit.steps:
                counter = self._name("counter", step.counter)
                service = self._name("service", step.service)
                if step.action == "apply":
                    lines.append(f"  - at {counter}: apply for {service}")
                    if step.bring:
                        bring = ", ".join(self._name("document", d) for d in step.bring)
                        lines.append(f"    bring: {bring}")
                else:
                    lines.append(f"  - at {counter}: collect the outputs of {service}")
                if step.receive:
                    got = ", ".join(self._name("document", d) for d in step.receive)
                    lines.append(f"    you receive: {got}")
        later = [s for s in self.services if s.ready > s.date]
        if later:
            lines.append("")
            for s in later:
                lines.append(f"{self._name('service', s.service)} is ready on {_day(s.ready)}.")
        why = [r for r in self.reasons if not r.goal]
        if why:
            lines.append("")
            lines.append("Why each extra service is needed:")
            for r in why:
                assert r.document is not None and r.needed_by is not None
                lines.append(
                    f"  - {self._name('service', r.service)}: gives "
                    f"{self._name('document', r.document)}, needed for "
                    f"{self._name('service', r.needed_by)}"
                )
        lines.append("")
        lines.append(f"Fees: {rupiah(self.fee)}; about {self.minutes} minutes at counters.")
        if not self.optimal:
            lines.append(
                f"(Search budget reached: a valid plan, not proven the best; "
                f"at least {self.lower_bound} {self.objective} are needed.)"
            )
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.explain()

    def _repr_html_(self) -> str:
        from onestop._html import plan_html

        return plan_html(self)


def _day(day: dt.date) -> str:
    names = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
    months = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
    return f"{names[day.weekday()]} {day.day} {months[day.month - 1]} {day.year}"
