"""How much of a catalogue meets the service standard, and how much rests on assumptions.

The delivery components a citizen reads (PermenPAN-RB 15/2014, ``rules.md``
section 2) that the catalogue carries as optional keys: ``procedure``,
``legal_basis`` and where to complain (``complaints``, the service's or its
agency's or the catalogue's); and, as this project asks of all data, a
``source``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any, Final

from onestop.linter._finding import Finding
from onestop.model import Catalogue

ASSUMED: Final = re.compile(r"\bassumed:", re.IGNORECASE)
"""How a note marks an assumption (``note: "assumed: ..."``)."""


def missing_components(cat: Catalogue, service_id: str) -> tuple[str, ...]:
    """The delivery components of the standard a service does not publish here."""
    service = cat.service(service_id)
    missing = []
    if not service.procedure:
        missing.append("procedure")
    if not service.legal_basis:
        missing.append("legal_basis")
    if not cat.complaints_for(service_id):
        missing.append("complaints")
    return tuple(missing)


def standard_findings(cat: Catalogue) -> Iterator[Finding]:
    """Per service: no source (a warning), or standard components missing (information)."""
    for service in cat.services:
        path = f"services.{service.id}"
        if not service.source:
            yield Finding(
                "warning",
                "service-without-source",
                path,
                service.id,
                "no source says where its facts come from: add the page or regulation",
            )
        missing = missing_components(cat, service.id)
        if missing:
            yield Finding(
                "info",
                "standard-incomplete",
                path,
                service.id,
                f"the service standard's {', '.join(missing)} "
                f"{'is' if len(missing) == 1 else 'are'} not given (PermenPAN-RB 15/2014)",
            )


def entries(cat: Catalogue) -> tuple[Any, ...]:
    """Every entry of the six lists."""
    return (*cat.agencies, *cat.documents, *cat.services, *cat.bundles, *cat.venues, *cat.counters)


def assumed(cat: Catalogue) -> tuple[Any, ...]:
    """The entries whose note marks an assumption."""
    return tuple(e for e in entries(cat) if e.note and ASSUMED.search(e.note))


def assumption_findings(cat: Catalogue) -> Iterator[Finding]:
    """One count per catalogue: how many entries rest on an assumption."""
    marked, total = len(assumed(cat)), len(entries(cat))
    if marked:
        share = round(100 * marked / total)
        yield Finding(
            "info",
            "assumptions",
            "",
            "",
            f"{marked} of {total} entries ({share}%) rest on an assumption (a note "
            "with 'assumed:'): confirm them with the offices concerned",
        )
