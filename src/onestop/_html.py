"""HTML views for Jupyter (``_repr_html_``): what a person reads, not a dump of ids.

Names rather than ids, dates as people write them, counts with the grammar
that fits them. Every value is escaped.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from onestop._money import rupiah

if TYPE_CHECKING:
    from onestop.model import Catalogue, Hours
    from onestop.planning.result import Plan

__all__ = ["catalogue_html", "comparison_html", "count", "day", "plan_html", "table"]

_STYLE = (
    "<style>.onestop td,.onestop th{text-align:left;vertical-align:top;padding:2px 8px}"
    ".onestop small{color:#666}</style>"
)
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def count(n: int, thing: str, things: str | None = None) -> str:
    """``1 venue``, ``2 venues``: a count with the noun that fits it.

    Examples
    --------
    >>> count(1, "venue"), count(3, "agency", "agencies")
    ('1 venue', '3 agencies')
    """
    return f"{n} {thing if n == 1 else things or thing + 's'}"


def day(date: dt.date) -> str:
    """A date as people write it: ``Wed 2 Dec 2026``."""
    return f"{_DAYS[date.weekday()]} {date.day} {_MONTHS[date.month - 1]} {date.year}"


def table(head: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    """An HTML table of already escaped cells."""
    header = "".join(f"<th>{h}</th>" for h in head)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    return f"<table><thead><tr>{header}</tr></thead><tbody>{body}</tbody></table>"


def _names(plan: Plan, kind: str, ids: Iterable[str]) -> str:
    return ", ".join(html.escape(plan._name(kind, i)) for i in ids) or "&ndash;"


def plan_html(plan: Plan) -> str:
    """A plan as a citizen reads it: each visit's steps, what to bring and receive, and why."""
    esc = html.escape
    goals = ", ".join(esc(plan._name("service", g)) for g in plan.goals)
    head = (
        f"<p><b>{goals}</b>: {count(len(plan.counters), 'counter')} at "
        f"{count(len(plan.venues), 'venue')}, {count(len(plan.visits), 'visit')}, done by "
        f"<b>{day(plan.finish)}</b>; fees {rupiah(plan.fee)}, "
        f"about {plan.minutes} minutes at counters"
        + ("" if plan.optimal else " (a valid plan, not proven the best)")
        + ".</p>"
    )
    if plan.holding:
        head += f"<p>You already hold: {_names(plan, 'document', plan.holding)}.</p>"
    rows = []
    for number, visit in enumerate(plan.visits, 1):
        for i, step in enumerate(visit.steps):
            what = "apply for" if step.action == "apply" else "collect"
            rows.append(
                (
                    f"{number}" if i == 0 else "",
                    day(visit.date) if i == 0 else "",
                    esc(plan._name("venue", visit.venue)) if i == 0 else "",
                    esc(plan._name("counter", step.counter)),
                    f"{what} {esc(plan._name('service', step.service))}",
                    _names(plan, "document", step.bring),
                    _names(plan, "document", step.receive),
                )
            )
    visits = table(("visit", "date", "venue", "counter", "to do", "bring", "receive"), rows)
    later = [
        f"<li>{esc(plan._name('service', s.service))}: ready {day(s.ready)}"
        + (
            " (come back to collect it)"
            if any(
                st.action == "pickup" and st.service == s.service
                for v in plan.visits
                for st in v.steps
            )
            else ""
        )
        + "</li>"
        for s in plan.services
        if s.ready > s.date
    ]
    why = [
        f"<li>{esc(plan._name('service', r.service))} gives "
        f"{esc(plan._name('document', r.document or ''))}, needed for "
        f"{esc(plan._name('service', r.needed_by or ''))}</li>"
        for r in plan.reasons
        if not r.goal
    ]
    tail = ""
    if later:
        tail += "<p>When to come back:</p><ul>" + "".join(later) + "</ul>"
    if why:
        tail += "<p>Why each extra service is there:</p><ul>" + "".join(why) + "</ul>"
    return f'{_STYLE}<div class="onestop">{head}{visits}{tail}</div>'


def _hours(hours: Sequence[Hours], weekdays: Sequence[str]) -> str:
    if not hours:
        return "every day"
    parts = []
    for h in hours:
        if not h.days:
            when = "on the dates of its rule"
        elif len(h.days) > 2 and "".join(h.days) in "".join(weekdays):  # a run: Mo-Th
            when = f"{h.days[0].title()}-{h.days[-1].title()}"
        else:
            when = ", ".join(d.title() for d in h.days)
        parts.append(f"{when} {h.open:%H:%M}-{h.close:%H:%M}")
    return html.escape("; ".join(parts))


def catalogue_html(catalogue: Catalogue, levels: Sequence[str], weekdays: Sequence[str]) -> str:
    """A catalogue at a glance: agencies by level, venues with hours and counters, bundles.

    ``levels`` and ``weekdays`` are the model's orders (passed in: this module
    imports nothing of the model, which imports it).
    """
    esc = html.escape
    head = (
        f"<p><b>{esc(catalogue.name)}</b> ({esc(catalogue.id)}): "
        f"{count(len(catalogue.agencies), 'agency', 'agencies')}, "
        f"{count(len(catalogue.services), 'service')}, {count(len(catalogue.venues), 'venue')}, "
        f"{count(len(catalogue.counters), 'counter')}, {count(len(catalogue.bundles), 'bundle')}."
        "</p>"
    )
    by_level = [
        (esc(level), ", ".join(esc(a.short_name or a.name) for a in found))
        for level in levels
        if (found := [a for a in catalogue.agencies if a.level == level])
    ]
    venues = [
        (
            esc(v.name) + ("" if v.status == "open" else " <small>(planned)</small>"),
            esc(v.kind),
            _hours(v.hours, weekdays),
            ", ".join(esc(k.label) for k in catalogue.counters_at(v.id)) or "&ndash;",
        )
        for v in catalogue.venues
    ]
    bundles = [
        (esc(b.name), ", ".join(esc(catalogue.service(s).name) for s in b.services))
        for b in catalogue.bundles
    ]
    return (
        f'{_STYLE}<div class="onestop">{head}'
        + "<p>Agencies by level</p>"
        + table(("level", "agencies"), by_level)
        + "<p>Venues</p>"
        + table(("venue", "kind", "hours", "counters"), venues)
        + ("<p>Bundles</p>" + table(("bundle", "services"), bundles) if bundles else "")
        + "</div>"
    )


def comparison_html(summary: Sequence[tuple[str, int, Sequence[tuple[float, float]]]]) -> str:
    """A before/after comparison per life event: (event, requests, (before, after) per measure).

    The measures are counters, visits and days, in that order.
    """
    rows = []
    for event, requests, measures in summary:
        cells = [html.escape(event), f"{requests:,}"]
        for before, after in measures:
            change = after - before
            sign = "&minus;" if change < 0 else "+" if change > 0 else "&plusmn;"
            cells.append(
                f"{before:.2f} &rarr; {after:.2f} <small>({sign}{abs(change):.2f})</small>"
            )
        rows.append(cells)
    head = ("life event", "requests", "counters", "visits", "days")
    return (
        f'{_STYLE}<div class="onestop"><p>Before and after, mean per request planned both '
        "times</p>" + table(head, rows) + "</div>"
    )
