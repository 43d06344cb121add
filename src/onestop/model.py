"""The catalogue model: immutable data classes, and the :class:`Catalogue`.

Agencies, documents, services, bundles, venues (with opening hours) and
counters; the catalogue holds them with lookup indexes.

Objects are frozen attrs classes: hashable, picklable, compared by value. Build
them from files with :func:`onestop.load`; cross-references are checked there.

Examples
--------
>>> import onestop
>>> cat = onestop.builtin("probolinggo")
>>> cat.service("kia").agency
'dukcapil'
>>> [s.id for s in cat.producers("kk")][:2]
['kk-baru', 'kk-perubahan']
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from functools import cached_property
from typing import Any, Final, Literal, TypeAlias, TypeVar

import attrs

from onestop._suggest import unknown
from onestop.requirements import NOTHING, Requirement

__all__ = [
    "FORMAT",
    "KINDS",
    "LEVELS",
    "PICKUPS",
    "STATUSES",
    "WEEKDAYS",
    "Agency",
    "Bundle",
    "CalendarRules",
    "Catalogue",
    "Counter",
    "Document",
    "Hours",
    "Service",
    "Venue",
]

FORMAT: Final = "onestop/1"
"""The format version this library reads and writes."""

ID_PATTERN: Final = re.compile(r"[a-z0-9][a-z0-9._-]*")
"""What an id looks like (the whole id must match)."""

Level: TypeAlias = Literal[
    "national", "vertical", "province", "regency", "city", "bumn", "bumd", "private"
]
Kind: TypeAlias = Literal["mpp", "office", "popup", "online"]
Pickup: TypeAlias = Literal["counter", "delivered"]
Status: TypeAlias = Literal["open", "planned"]
Weekday: TypeAlias = Literal["MO", "TU", "WE", "TH", "FR", "SA", "SU"]

LEVELS: Final[tuple[Level, ...]] = (
    "national",
    "vertical",
    "province",
    "regency",
    "city",
    "bumn",
    "bumd",
    "private",
)
"""Agency levels, from national bodies to private firms."""
KINDS: Final[tuple[Kind, ...]] = ("mpp", "office", "popup", "online")
"""Venue kinds."""
PICKUPS: Final[tuple[Pickup, ...]] = ("counter", "delivered")
"""How a delayed output reaches the citizen."""
STATUSES: Final[tuple[Status, ...]] = ("open", "planned")
"""Venue statuses: serving now, or announced but not known to be open."""
WEEKDAYS: Final[tuple[Weekday, ...]] = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
"""Weekday codes, Monday first (``date.weekday()`` order)."""

MAX_WORKING_DAYS: Final = 260
"""The most working days a service may take (about a year); more is a typo."""
MAX_MINUTES: Final = 24 * 60
"""The most minutes a service may take at the counter (a day)."""


def _check_id(_: object, attribute: attrs.Attribute[str], value: str) -> None:
    if not ID_PATTERN.fullmatch(value):
        raise ValueError(f"{attribute.name} {value!r} is not an id: use a-z, 0-9, '.', '_', '-'")


_nonneg = attrs.validators.ge(0)
_texts = attrs.validators.deep_iterable(
    attrs.validators.instance_of(str), attrs.validators.instance_of(tuple)
)


@attrs.frozen
class Agency:
    """A government office, national body or company that gives services."""

    id: str = attrs.field(validator=_check_id)
    """Unique among agencies."""
    name: str
    """Full name, e.g. ``Dinas Kependudukan dan Pencatatan Sipil``."""
    level: Level = attrs.field(validator=attrs.validators.in_(LEVELS))
    """``national``, ``vertical``, ``province``, ``regency``, ``city``, ``bumn``, ``bumd``
    or ``private``."""
    short_name: str | None = None
    """Short name, e.g. ``Dispendukcapil``."""
    complaints: tuple[str, ...] = attrs.field(default=(), validator=_texts)
    """Where to complain about its services, unless a service says otherwise (a
    project addition: PermenPAN-RB 15/2014's complaints component)."""
    source: str | None = None
    """Where the facts come from."""
    note: str | None = None
    """Free text for people; where assumptions are marked."""


@attrs.frozen
class Document:
    """A document a citizen can hold: issued by a service or brought from elsewhere."""

    id: str = attrs.field(validator=_check_id)
    """Unique among documents (may equal a service id)."""
    name: str
    """Name, e.g. ``Kartu Keluarga``."""
    description: str | None = None
    """Longer explanation."""
    source: str | None = None
    """Where the facts come from."""
    note: str | None = None
    """Free text for people."""


@attrs.frozen
class Service:
    """A service: what it requires, what it produces, how long and how much."""

    id: str = attrs.field(validator=_check_id)
    """Unique among services."""
    name: str
    """Name, e.g. ``Penerbitan Akta Kelahiran``."""
    agency: str
    """Id of the agency that gives it."""
    requires: Requirement = NOTHING
    """The documents needed (a requirement expression)."""
    produces: tuple[str, ...] = ()
    """Ids of the documents it issues."""
    minutes: int = attrs.field(default=15, validator=[_nonneg, attrs.validators.le(MAX_MINUTES)])
    """Expected time at the counter."""
    working_days: int = attrs.field(
        default=0, validator=[_nonneg, attrs.validators.le(MAX_WORKING_DAYS)]
    )
    """Working days until the outputs are ready; 0 means the same visit."""
    pickup: Pickup = attrs.field(default="counter", validator=attrs.validators.in_(PICKUPS))
    """``counter``: come back for the outputs; ``delivered``: they arrive."""
    fee: int = attrs.field(default=0, validator=_nonneg)
    """Fee in whole Rupiah."""
    procedure: tuple[str, ...] = attrs.field(default=(), validator=_texts)
    """The steps of the service as its standard publishes them (a project addition:
    PermenPAN-RB 15/2014's "sistem, mekanisme, dan prosedur")."""
    legal_basis: tuple[str, ...] = attrs.field(default=(), validator=_texts)
    """The regulations the service rests on (a project addition: "dasar hukum")."""
    complaints: tuple[str, ...] = attrs.field(default=(), validator=_texts)
    """Where to complain about it; empty: the agency's, else the catalogue's (a
    project addition: "penanganan pengaduan, saran, dan masukan")."""
    description: str | None = None
    """Longer explanation."""
    source: str | None = None
    """Where the facts come from."""
    note: str | None = None
    """Free text for people; where assumptions are marked."""


@attrs.frozen
class Bundle:
    """A named group of services, e.g. a life event such as a birth."""

    id: str = attrs.field(validator=_check_id)
    """Unique among bundles."""
    name: str
    """Name, e.g. ``Kelahiran anak``."""
    services: tuple[str, ...]
    """Ids of its services (at least one)."""
    description: str | None = None
    """Longer explanation."""
    source: str | None = None
    """Where the facts come from."""
    note: str | None = None
    """Free text for people."""


@attrs.frozen
class Hours:
    """One opening-hours entry of a venue: which dates, and from when to when."""

    open: dt.time
    """Opening time (catalogue time zone)."""
    close: dt.time
    """Closing time; after ``open``."""
    days: tuple[Weekday, ...] | None = None
    """Weekdays open every week (exactly one of ``days`` and ``rrule`` is set)."""
    rrule: str | None = None
    """An RFC 5545 rule with a ``DTSTART`` date, read by dateutil's ``rrulestr``."""
    on_holidays: bool = False
    """Whether this entry holds on public holidays and closed dates too."""
    from_: dt.date | None = None
    """First date the entry holds (inclusive); ``from`` in files. ``None``: no start."""
    until: dt.date | None = None
    """Last date the entry holds (inclusive). ``None``: no end."""

    def holds_on(self, day: dt.date) -> bool:
        """Whether *day* is within the entry's ``from``/``until`` (its weekdays aside).

        Examples
        --------
        >>> import datetime as dt
        >>> drive_thru = Hours(open=dt.time(8), close=dt.time(12), days=("SA",),
        ...                    from_=dt.date(2020, 6, 1), until=dt.date(2021, 12, 31))
        >>> drive_thru.holds_on(dt.date(2021, 12, 31)), drive_thru.holds_on(dt.date(2022, 1, 1))
        (True, False)
        """
        return (self.from_ is None or self.from_ <= day) and (
            self.until is None or day <= self.until
        )


@attrs.frozen
class Venue:
    """A place where services are given: an MPP, an office, a pop-up stand, a portal."""

    id: str = attrs.field(validator=_check_id)
    """Unique among venues."""
    name: str
    """Name."""
    kind: Kind = attrs.field(validator=attrs.validators.in_(KINDS))
    """``mpp``, ``office``, ``popup`` or ``online``."""
    status: Status = attrs.field(default="open", validator=attrs.validators.in_(STATUSES))
    """``open`` (the default) or ``planned``: announced, not known to be serving yet.

    :func:`onestop.plan` sends a citizen to a planned venue only when ``venues=``
    names it by id."""
    address: str | None = None
    """Street address."""
    hours: tuple[Hours, ...] = ()
    """Opening hours; none means open every day (online portals)."""
    source: str | None = None
    """Where the facts come from."""
    note: str | None = None
    """Free text for people; where assumptions are marked."""


@attrs.frozen
class Counter:
    """A counter (loket) at a venue, offering some services."""

    id: str = attrs.field(validator=_check_id)
    """Unique among counters."""
    venue: str
    """Id of its venue."""
    services: tuple[str, ...]
    """Ids of the services it offers (at least one)."""
    name: str | None = None
    """Name shown to citizens; defaults to the id (see :attr:`label`)."""
    source: str | None = None
    """Where the facts come from."""
    note: str | None = None
    """Free text for people."""

    @property
    def label(self) -> str:
        """The name, or the id when the counter has no name."""
        return self.name if self.name is not None else self.id


@attrs.frozen
class CalendarRules:
    """Which dates are not working days: a country's public holidays, plus closed dates."""

    holidays: str | None = "ID"
    """Country code whose public holidays apply (python-holidays), or ``None``."""
    closed: tuple[dt.date, ...] = ()
    """Extra closed dates: cuti bersama, local closures."""


_T = TypeVar("_T", Agency, Document, Service, Bundle, Venue, Counter)
_P = TypeVar("_P")


def _index(entries: tuple[_T, ...]) -> dict[str, _T]:
    return {entry.id: entry for entry in entries}


@attrs.frozen
class Catalogue:
    """A service network: agencies, documents, services, bundles, venues and counters.

    Lists keep file order; lookups by id and the reverse indexes are computed
    on first use and kept with the object (they are not part of equality).
    """

    id: str = attrs.field(validator=_check_id)
    """The catalogue's id, e.g. ``probolinggo``."""
    name: str
    """Its name."""
    agencies: tuple[Agency, ...] = ()
    """Agencies, in file order."""
    documents: tuple[Document, ...] = ()
    """Documents, in file order."""
    services: tuple[Service, ...] = ()
    """Services, in file order."""
    venues: tuple[Venue, ...] = ()
    """Venues, in file order."""
    counters: tuple[Counter, ...] = ()
    """Counters, in file order."""
    bundles: tuple[Bundle, ...] = ()
    """Bundles, in file order."""
    timezone: str = "Asia/Jakarta"
    """IANA time zone of times and of "today"."""
    calendar: CalendarRules = CalendarRules()
    """Holidays and closed dates."""
    complaints: tuple[str, ...] = attrs.field(default=(), validator=_texts)
    """Where to complain, for services and agencies that do not say (a project addition)."""
    source: str | None = None
    """Where the facts come from."""
    note: str | None = None
    """Free text for people."""

    @cached_property
    def _cache(self) -> dict[str, Any]:
        """Per-object work kept for reuse (prepared calendar, planner); not pickled."""
        return {}

    def _prepared(self, key: str, make: Callable[[Catalogue], _P]) -> _P:
        """Return the work kept under *key*, making it with ``make(self)`` on first use."""
        found = self._cache.get(key)
        if found is None:
            found = self._cache.setdefault(key, make(self))
        return found  # type: ignore[no-any-return]

    # ----------------------------------------------------------------- lookups
    @cached_property
    def _by_id(self) -> Mapping[str, Mapping[str, Any]]:
        return {
            "agency": _index(self.agencies),
            "document": _index(self.documents),
            "service": _index(self.services),
            "bundle": _index(self.bundles),
            "venue": _index(self.venues),
            "counter": _index(self.counters),
        }

    def _get(self, kind: str, id: str) -> Any:
        table = self._by_id[kind]
        try:
            return table[id]
        except KeyError:
            raise KeyError(unknown(kind, id, table)) from None

    def agency(self, id: str) -> Agency:
        """Return the agency with this id; ``KeyError`` (with a suggestion) if none."""
        return self._get("agency", id)  # type: ignore[no-any-return]

    def document(self, id: str) -> Document:
        """Return the document with this id; ``KeyError`` (with a suggestion) if none."""
        return self._get("document", id)  # type: ignore[no-any-return]

    def service(self, id: str) -> Service:
        """Return the service with this id; ``KeyError`` (with a suggestion) if none.

        Examples
        --------
        >>> import onestop
        >>> onestop.builtin("probolinggo").service("kia").produces
        ('kia',)
        """
        return self._get("service", id)  # type: ignore[no-any-return]

    def bundle(self, id: str) -> Bundle:
        """Return the bundle with this id; ``KeyError`` (with a suggestion) if none."""
        return self._get("bundle", id)  # type: ignore[no-any-return]

    def venue(self, id: str) -> Venue:
        """Return the venue with this id; ``KeyError`` (with a suggestion) if none."""
        return self._get("venue", id)  # type: ignore[no-any-return]

    def counter(self, id: str) -> Counter:
        """Return the counter with this id; ``KeyError`` (with a suggestion) if none."""
        return self._get("counter", id)  # type: ignore[no-any-return]

    # ---------------------------------------------------------- reverse indexes
    @cached_property
    def _reverse(self) -> Mapping[str, Mapping[str, tuple[Any, ...]]]:
        producers: dict[str, list[Service]] = {}
        by_agency: dict[str, list[Service]] = {}
        for service in self.services:
            for doc in dict.fromkeys(service.produces):
                producers.setdefault(doc, []).append(service)
            by_agency.setdefault(service.agency, []).append(service)
        offering: dict[str, list[Counter]] = {}
        at_venue: dict[str, list[Counter]] = {}
        for counter in self.counters:
            for sid in dict.fromkeys(counter.services):
                offering.setdefault(sid, []).append(counter)
            at_venue.setdefault(counter.venue, []).append(counter)
        return {
            name: {key: tuple(value) for key, value in table.items()}
            for name, table in (
                ("producers", producers),
                ("by_agency", by_agency),
                ("offering", offering),
                ("at_venue", at_venue),
            )
        }

    def producers(self, document_id: str) -> tuple[Service, ...]:
        """Return the services that produce a document, in catalogue order.

        Examples
        --------
        >>> import onestop
        >>> [s.id for s in onestop.builtin("probolinggo").producers("nib")]
        ['nib-umk']
        """
        self.document(document_id)
        return self._reverse["producers"].get(document_id, ())

    def counters_offering(self, service_id: str) -> tuple[Counter, ...]:
        """Return the counters that offer a service, in catalogue order.

        Examples
        --------
        >>> import onestop
        >>> [c.id for c in onestop.builtin("probolinggo").counters_offering("nib-umk")][:1]
        ['mpp-dpmptsp']
        """
        self.service(service_id)
        return self._reverse["offering"].get(service_id, ())

    def counters_at(self, venue_id: str) -> tuple[Counter, ...]:
        """Return a venue's counters, in catalogue order."""
        self.venue(venue_id)
        return self._reverse["at_venue"].get(venue_id, ())

    def services_of(self, agency_id: str) -> tuple[Service, ...]:
        """Return an agency's services, in catalogue order."""
        self.agency(agency_id)
        return self._reverse["by_agency"].get(agency_id, ())

    def complaints_for(self, service_id: str) -> tuple[str, ...]:
        """Return where to complain about a service: its own, its agency's, or the catalogue's.

        The first of the three that names a channel decides; empty when none does.

        Examples
        --------
        >>> import onestop
        >>> for channel in onestop.builtin("probolinggo").complaints_for("kia"):
        ...     print(channel)
        Aplikasi VIEW Probolinggo (Pemerintah Kota Probolinggo)
        SP4N-LAPOR! https://www.lapor.go.id
        """
        service = self.service(service_id)
        return service.complaints or self.agency(service.agency).complaints or self.complaints

    def bundle_services(self, bundle_id: str) -> tuple[Service, ...]:
        """Return a bundle's services, in the bundle's order.

        Examples
        --------
        >>> import onestop
        >>> [s.id for s in onestop.builtin("probolinggo").bundle_services("kelahiran")]
        ['akta-kelahiran']
        """
        return tuple(self.service(sid) for sid in self.bundle(bundle_id).services)

    def _repr_html_(self) -> str:
        from onestop._html import catalogue_html

        return catalogue_html(self, LEVELS, WEEKDAYS)
