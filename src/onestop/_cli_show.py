"""The ``onestop show`` text: a catalogue summarised for a person reading it.

Kept apart from :mod:`onestop.cli`, which registers the command and loads the catalogue.
"""

from __future__ import annotations

from onestop._money import rupiah
from onestop.model import LEVELS, Catalogue, Service

__all__ = ["summary"]


def _show_venues(cat: Catalogue) -> list[str]:
    lines = ["Venues:"]
    for venue in cat.venues:
        where = f", {venue.address}" if venue.address else ""
        status = ", planned: not open yet" if venue.status == "planned" else ""
        lines.append(f"  {venue.id} [{venue.kind}{status}] {venue.name}{where}")
        for hours in venue.hours:
            when = ",".join(hours.days) if hours.days else (hours.rrule or "").replace("\n", " ")
            extra = " (also on holidays)" if hours.on_holidays else ""
            if hours.from_ is not None:
                extra += f" from {hours.from_.isoformat()}"
            if hours.until is not None:
                extra += f" until {hours.until.isoformat()}"
            span = f"{hours.open.strftime('%H:%M')}-{hours.close.strftime('%H:%M')}"
            lines.append(f"      {when} {span}{extra}")
        if not venue.hours:
            lines.append("      open every day")
        for counter in cat.counters_at(venue.id):
            lines.append(f"    {counter.id}: {', '.join(counter.services)}")
    return lines


def summary(cat: Catalogue) -> str:
    """The text of ``onestop show``: agencies by level, venues and counters, services."""
    lines = [f"{cat.name} ({cat.id})"]
    lines.append(
        f"{len(cat.agencies)} agencies, {len(cat.documents)} documents, "
        f"{len(cat.services)} services, {len(cat.bundles)} bundles, "
        f"{len(cat.venues)} venues, {len(cat.counters)} counters"
    )
    lines.append("")
    lines.append("Agencies by level:")
    for level in LEVELS:
        names = [a.short_name or a.name for a in cat.agencies if a.level == level]
        if names:
            lines.append(f"  {level} ({len(names)}): {', '.join(names)}")
    lines.append("")
    lines.extend(_show_venues(cat))
    lines.append("")
    lines.append("Services:")
    for service in cat.services:
        wait = (
            f", ready after {service.working_days} working day(s)" if service.working_days else ""
        )
        fee = f", {rupiah(service.fee)}" if service.fee else ""
        lines.append(f"  {service.id}: {service.name} [{service.agency}{wait}{fee}]")
        lines.append(f"      requires: {service.requires}")
        lines.extend(_standard(cat, service))
    if cat.bundles:
        lines.append("")
        lines.append("Bundles:")
        for bundle in cat.bundles:
            lines.append(f"  {bundle.id}: {bundle.name} = {', '.join(bundle.services)}")
    return "\n".join(lines)


def _standard(cat: Catalogue, service: Service) -> list[str]:
    """The service-standard lines of ``show``: procedure, legal basis, where to complain."""
    lines = ["      procedure:"] if service.procedure else []
    lines.extend(f"        {i}. {step}" for i, step in enumerate(service.procedure, 1))
    if service.legal_basis:
        lines.append(f"      legal basis: {'; '.join(service.legal_basis)}")
    complaints = cat.complaints_for(service.id)
    if complaints:
        inherited = "" if service.complaints else " (default)"
        lines.append(f"      complaints: {'; '.join(complaints)}{inherited}")
    return lines
