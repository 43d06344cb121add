"""A finding of the linter: severity, stable code, where, and what to do."""

from __future__ import annotations

import re
from types import MappingProxyType
from typing import Any, Final, Literal, TypeAlias

import attrs

Severity: TypeAlias = Literal["error", "warning", "info"]

SEVERITIES: Final[tuple[Severity, ...]] = ("error", "warning", "info")
"""Severities, most serious first."""

CODES: Final = MappingProxyType(
    {
        "bundle-service-not-offered": "error",
        "bundle-service-unreachable": "error",
        "service-not-offered": "warning",
        "counter-redundant": "warning",
        "document-unused": "warning",
        "venue-without-hours": "warning",
        "planned-without-hours": "warning",
        "no-date-this-year": "warning",
        "service-without-source": "warning",
        "service-unreachable": "info",
        "document-issued-elsewhere": "info",
        "hours-ended": "info",
        "dependency-cycle": "info",
        "standard-incomplete": "info",
        "assumptions": "info",
        "no-counters": "info",
        "known-stale": "info",
    }
)
"""Every code the linter reports, with its severity (documented in "Check a catalogue")."""

KNOWN_MARK: Final = re.compile(r"lint-known:\s*(?P<items>.*)$", re.IGNORECASE | re.DOTALL)
"""How a catalogue's note lists known findings: ``lint-known: CODE ID ID; CODE ID``."""


@attrs.frozen
class Finding:
    """One thing the linter found in a catalogue.

    Examples
    --------
    >>> f = Finding("warning", "service-not-offered", "services.paspor-baru", "paspor-baru",
    ...             "no counter offers this service")
    >>> print(f)
    warning service-not-offered services.paspor-baru: no counter offers this service
    """

    severity: Severity
    """``error`` (plans will fail or mislead), ``warning`` (fix it or list it as
    known), or ``info`` (worth knowing)."""
    code: str = attrs.field()
    """A stable name for the check, one of :data:`CODES`, e.g. ``service-not-offered``."""
    path: str
    """Where: ``services.kia``, ``venues.mpp.hours[0]``, or ``""`` for the catalogue."""
    subject: str
    """The id of the entry concerned (``""`` for the catalogue): what a known list names."""
    message: str
    """What is wrong, and what a data team can do about it."""
    known: bool = False
    """Whether the catalogue's note lists this finding as known (``lint-known:``)."""

    @code.validator
    def _check_code(self, _: attrs.Attribute[str], code: str) -> None:
        if CODES.get(code) != self.severity:
            raise ValueError(f"{code!r} is not a linter code of severity {self.severity!r}")

    def __str__(self) -> str:
        where = f" {self.path}" if self.path else ""
        mark = " (known)" if self.known else ""
        return f"{self.severity} {self.code}{where}: {self.message}{mark}"

    def to_dict(self) -> dict[str, Any]:
        """The finding as JSON-ready data."""
        return attrs.asdict(self)


def known_findings(note: str | None) -> frozenset[tuple[str, str]]:
    """The (code, id) pairs a catalogue note lists as known.

    The note ends with ``lint-known:`` and items separated by ``;``, each a
    code and the ids it is known for.

    Examples
    --------
    >>> sorted(known_findings("Facts... lint-known: service-not-offered a b; document-unused c"))
    [('document-unused', 'c'), ('service-not-offered', 'a'), ('service-not-offered', 'b')]
    """
    match = KNOWN_MARK.search(note or "")
    if match is None:
        return frozenset()
    pairs: set[tuple[str, str]] = set()
    for item in match["items"].split(";"):
        words = item.split()
        if words:
            pairs.update((words[0], ident) for ident in words[1:])
    return frozenset(pairs)
