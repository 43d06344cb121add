"""The catalogue linter: what a data team should fix before citizens meet it.

:func:`lint` runs every check on a loaded catalogue and returns its findings,
each with a severity, a stable code, the path of the entry and a message that
says what to do. A file that loads is valid (:func:`onestop.load` checks the
format); the linter looks for what is valid but wrong or missing.

Each check has a stable code (:data:`CODES`, with its severity): errors for
what makes plans fail (a bundle no counter can serve), warnings for what a
data team should fix or list as known, information for what is worth
knowing. The page "Check a catalogue" explains each.

A warning that is right for a catalogue (a national service a city does not
offer) is listed as known at the end of the catalogue's ``note``:
``lint-known: service-not-offered paspor-baru skck; document-unused girik``.
Known findings are still returned, with ``known=True``.

Examples
--------
>>> import datetime as dt, onestop
>>> findings = onestop.lint(onestop.builtin("probolinggo"), today=dt.date(2026, 12, 2))
>>> [f for f in findings if f.severity == "error"]
[]
>>> next(f for f in findings if f.code == "service-not-offered").path
'services.surat-pengantar-nikah'
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import attrs

from onestop.calendar import today as today_in
from onestop.linter._documents import GOVERNMENT_OUTPUTS, document_findings
from onestop.linter._finding import CODES, SEVERITIES, Finding, Severity, known_findings
from onestop.linter._offer import (
    bundle_findings,
    counter_findings,
    cycle_findings,
    service_findings,
)
from onestop.linter._standards import assumption_findings, standard_findings
from onestop.linter._venues import venue_findings
from onestop.model import Catalogue

__all__ = ["CODES", "GOVERNMENT_OUTPUTS", "SEVERITIES", "Finding", "Severity", "lint"]


def _mark_known(findings: Iterable[Finding], cat: Catalogue) -> list[Finding]:
    """Warnings the note lists as known, marked; and what it lists that is no longer found."""
    known = known_findings(cat.note)
    marked = [
        attrs.evolve(f, known=True)
        if f.severity == "warning" and (f.code, f.subject) in known
        else f
        for f in findings
    ]
    found = {(f.code, f.subject) for f in marked if f.known}
    for code, subject in sorted(known - found):
        marked.append(
            Finding(
                "info",
                "known-stale",
                "note",
                subject,
                f"the note lists {code} {subject} as known, but no such warning is found: "
                "take it off the lint-known list",
            )
        )
    return marked


def lint(catalogue: Catalogue, *, today: dt.date | None = None) -> tuple[Finding, ...]:
    """Every finding of every check on ``catalogue``: errors first, then warnings, then infos.

    Parameters
    ----------
    catalogue
        A loaded catalogue.
    today
        The date that decides which hours have ended and what "the coming year"
        is; default today in the catalogue's time zone.

    Returns
    -------
    tuple of Finding
        Sorted by severity, then in the order of the checks and of the
        catalogue's lists (the same on every run).
    """
    day = today if today is not None else today_in(catalogue)
    found = [
        *bundle_findings(catalogue),
        *service_findings(catalogue),
        *counter_findings(catalogue),
        *document_findings(catalogue),
        *venue_findings(catalogue, day),
        *standard_findings(catalogue),
        *cycle_findings(catalogue),
        *assumption_findings(catalogue),
    ]
    rank = {severity: i for i, severity in enumerate(SEVERITIES)}
    ordered = sorted(
        enumerate(_mark_known(found, catalogue)), key=lambda p: (rank[p[1].severity], p[0])
    )
    return tuple(finding for _, finding in ordered)
