"""A mall's assessment summary: what the catalogue and its surveys can show, aspect by aspect.

KemenPAN-RB's evaluation of public-service delivery judges an MPP on six
aspects (seed 001: *kebijakan pelayanan, profesionalisme SDM, sarana dan
prasarana, sistem informasi pelayanan publik, konsultasi dan pengaduan,
inovasi*). :func:`assessment` gathers, for each, the facts a catalogue (and a
satisfaction survey, when given) can show, and says plainly what only a human
assessor on site can judge. It scores nothing: the national assessment's own
indicators and weights are not in the sources.

Examples
--------
>>> import onestop
>>> summary = onestop.assessment(onestop.builtin("yogyakarta"))
>>> [aspect.key for aspect in summary.aspects]
['policy', 'staff', 'facilities', 'information', 'complaints', 'innovation']
>>> summary.aspect("innovation").shown[0]
'drive-thru venues (1): mpp-drive-thru; not open in the coming year: dindukcapil-drive-thru'
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

import attrs

from onestop.calendar import next_open
from onestop.calendar import today as today_in
from onestop.model import LEVELS, Catalogue, Venue
from onestop.survey import Ikm, ikm

__all__ = ["Aspect", "Assessment", "assessment"]

YEAR = 366
"""Days ahead within which a venue must open to count as serving."""


@attrs.frozen
class Aspect:
    """One aspect of the national assessment, and what can be said of it."""

    key: str
    """A short English key: ``policy``, ``staff``, ``facilities``, ``information``,
    ``complaints`` or ``innovation``."""
    name: str
    """The aspect as the assessment names it, e.g. ``Kebijakan pelayanan``."""
    english: str
    """The same in English, e.g. ``Service policy``."""
    shown: tuple[str, ...]
    """What the catalogue and the survey show, one fact a line."""
    for_assessor: str
    """What only a human assessor can judge."""

    def to_dict(self) -> dict[str, Any]:
        """The aspect as JSON-ready data."""
        return attrs.asdict(self)


@attrs.frozen
class Assessment:
    """A mall's assessment summary, made by :func:`assessment`."""

    catalogue: str
    """The catalogue's id."""
    name: str
    """The catalogue's name."""
    aspects: tuple[Aspect, ...]
    """The six aspects, in the assessment's order."""
    satisfaction: Ikm | None = None
    """The satisfaction index of the survey given, if any."""

    def aspect(self, key: str) -> Aspect:
        """The aspect with this key (``KeyError`` if none)."""
        for aspect in self.aspects:
            if aspect.key == key:
                return aspect
        raise KeyError(f"unknown aspect {key!r}: expected one of {[a.key for a in self.aspects]}")

    def to_dict(self) -> dict[str, Any]:
        """The summary as JSON-ready data."""
        return {
            "catalogue": self.catalogue,
            "name": self.name,
            "satisfaction": None if self.satisfaction is None else self.satisfaction.to_dict(),
            "aspects": [aspect.to_dict() for aspect in self.aspects],
        }

    def text(self) -> str:
        """The summary as text for a report."""
        lines = [f"Assessment summary: {self.name} ({self.catalogue})"]
        for aspect in self.aspects:
            lines.append("")
            lines.append(f"{aspect.name} ({aspect.english})")
            lines.extend(f"  - {fact}" for fact in aspect.shown)
            lines.append(f"  needs an assessor: {aspect.for_assessor}")
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.text()


def _ids(venues: Iterable[Venue]) -> str:
    found = [v.id for v in venues]
    return f"({len(found)}): {', '.join(found)}" if found else "(0)"


def _share(count: int, total: int) -> str:
    return f"{count} of {total}" + (f" ({round(100 * count / total)}%)" if total else "")


def _element(survey: Ikm | None, *names: str) -> list[str]:
    if survey is None:
        return ["no satisfaction survey given"]
    return [
        f"survey element {e.name}: {e.score} ({e.grade}) from {e.answers} answers"
        for e in survey.elements
        if e.name in names
    ]


def _policy(cat: Catalogue, survey: Ikm | None) -> Aspect:
    services = cat.services
    total = len(services)
    procedure = sum(1 for s in services if s.procedure)
    legal = sum(1 for s in services if s.legal_basis)
    sourced = sum(1 for s in services if s.source)
    shown = [
        f"services with a published procedure: {_share(procedure, total)}",
        f"services with a legal basis: {_share(legal, total)}",
        f"services whose facts cite a source: {_share(sourced, total)}",
    ]
    if survey is None:
        shown.append("no satisfaction survey given (PermenPAN-RB 14/2017 asks for one a year)")
    else:
        shown.append(
            f"satisfaction index (IKM): {survey.score}, {survey.grade} ({survey.label}), "
            f"{survey.respondents} respondent{'' if survey.respondents == 1 else 's'}"
        )
        shown.extend(f"survey warning: {w}" for w in survey.warnings)
    return Aspect(
        "policy",
        "Kebijakan pelayanan",
        "Service policy",
        tuple(shown),
        "whether the standards are set by decree and displayed, the service pledge "
        "(maklumat pelayanan) is signed and published, and the survey is run and acted on",
    )


def _staff(cat: Catalogue, survey: Ikm | None) -> Aspect:
    offered = {sid for counter in cat.counters for sid in counter.services}
    serving = {cat.service(sid).agency for sid in offered}
    agencies = [a for a in cat.agencies if a.id in serving]
    levels = [
        f"{level} {sum(1 for a in agencies if a.level == level)}"
        for level in LEVELS
        if any(a.level == level for a in agencies)
    ]
    shown = [
        f"{len(agencies)} agencies serve at {len(cat.counters)} counters; by level: "
        + (", ".join(levels) or "none"),
        *_element(survey, "kompetensi", "perilaku"),
    ]
    return Aspect(
        "staff",
        "Profesionalisme SDM",
        "Staff professionalism",
        tuple(shown),
        "staff numbers against the workload, their competence, conduct and code of "
        "ethics, observed at the counters; the catalogue holds none of these",
    )


def _facilities(cat: Catalogue, survey: Ikm | None) -> Aspect:
    kinds = ", ".join(
        f"{kind} {sum(1 for v in cat.venues if v.kind == kind)}"
        for kind in ("mpp", "office", "popup", "online")
    )
    planned = [v for v in cat.venues if v.status == "planned"]
    shown = [f"venues by kind: {kinds}", *_element(survey, "sarana")]
    if planned:
        shown.append(f"planned venues {_ids(planned)}")
    return Aspect(
        "facilities",
        "Sarana dan prasarana",
        "Facilities",
        tuple(shown),
        "the building, waiting room, queueing system and facilities for people with "
        "disabilities, the elderly and parents with children, seen on site",
    )


def _information(cat: Catalogue) -> Aspect:
    online = [v for v in cat.venues if v.kind == "online"]
    online_services = {sid for v in online for c in cat.counters_at(v.id) for sid in c.services}
    with_hours = sum(1 for v in cat.venues if v.hours or v.kind == "online")
    shown = [
        f"online channels {_ids(online)}",
        f"services offered online: {_share(len(online_services), len(cat.services))}",
        f"venues with published hours: {_share(with_hours, len(cat.venues))}",
    ]
    return Aspect(
        "information",
        "Sistem informasi pelayanan publik",
        "Public information system",
        tuple(shown),
        "whether the standards, fees and hours are published where citizens look "
        "(website, displays, social media) and kept up to date",
    )


def _complaints(cat: Catalogue, survey: Ikm | None) -> Aspect:
    channels = sorted({ch for s in cat.services for ch in cat.complaints_for(s.id)})
    covered = sum(1 for s in cat.services if cat.complaints_for(s.id))
    shown = [
        f"complaint channels ({len(channels)})" + (f": {'; '.join(channels)}" if channels else ""),
        f"services with a complaint channel: {_share(covered, len(cat.services))}",
        *_element(survey, "pengaduan"),
    ]
    return Aspect(
        "complaints",
        "Konsultasi dan pengaduan",
        "Consultation and complaints",
        tuple(shown),
        "whether complaints are answered and followed up in time, and a consultation "
        "desk is staffed; the catalogue lists channels, not how they work",
    )


def _serving(cat: Catalogue, venue: Venue, today: dt.date) -> bool:
    """Whether the venue opens in the coming year (not planned, not ended)."""
    return next_open(cat, venue, today, horizon=YEAR) is not None


def _innovation(cat: Catalogue, today: dt.date) -> Aspect:
    drive_thru = [v for v in cat.venues if "drive" in f"{v.id} {v.name}".lower()]
    serving = [v for v in drive_thru if _serving(cat, v, today)]
    ended = [v.id for v in drive_thru if v not in serving]
    popups = [v for v in cat.venues if v.kind == "popup" and _serving(cat, v, today)]
    popup_services = {sid for v in popups for c in cat.counters_at(v.id) for sid in c.services}
    shown = [
        f"drive-thru venues {_ids(serving)}"
        + (f"; not open in the coming year: {', '.join(ended)}" if ended else ""),
        f"pop-up venues {_ids(popups)}, offering {len(popup_services)} "
        f"service{'' if len(popup_services) == 1 else 's'}",
        f"online channels {_ids(v for v in cat.venues if v.kind == 'online')}",
    ]
    return Aspect(
        "innovation",
        "Inovasi",
        "Innovation",
        tuple(shown),
        "whether an innovation is new, works and is replicated; drive-thru venues are "
        "found by 'drive' in their id or name, which only hints at it",
    )


def assessment(
    catalogue: Catalogue, surveys: Any = None, *, today: dt.date | None = None
) -> Assessment:
    """What a catalogue (and a satisfaction survey) can show for each aspect of the assessment.

    Parameters
    ----------
    catalogue
        The mall's catalogue.
    surveys
        Optional: an :class:`~onestop.survey.Ikm` already computed, or survey
        answers as :func:`onestop.survey.ikm` takes them.
    today
        The date from which drive-thru and pop-up venues must open within a
        year to count; default today in the catalogue's time zone.

    Returns
    -------
    Assessment
        The six aspects, each with the facts shown and what needs an assessor;
        ``to_dict()`` for data, ``text()`` (or ``str()``) for a report.

    Raises
    ------
    SurveyError
        When survey answers are given and cannot be scored.
    """
    survey = surveys if isinstance(surveys, Ikm) or surveys is None else ikm(surveys)
    aspects = (
        _policy(catalogue, survey),
        _staff(catalogue, survey),
        _facilities(catalogue, survey),
        _information(catalogue),
        _complaints(catalogue, survey),
        _innovation(catalogue, today if today is not None else today_in(catalogue)),
    )
    return Assessment(catalogue.id, catalogue.name, aspects, survey)
