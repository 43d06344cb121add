"""What-ifs on a mall's layout: each a new, checked catalogue; the original is never changed.

Merge counters into a joint counter, move a service between counters, add a
counter, close a venue for a while or for good, open a planned venue. Each
function returns a new :class:`~onestop.Catalogue` that passed
:func:`onestop.check`, whose ``id`` says what changed (so tables of
different what-ifs do not mix up), ready for :func:`onestop.analysis.compare`.
An unknown id is a :class:`~onestop.CatalogueError` with a did-you-mean.

Examples
--------
>>> import onestop
>>> from onestop import whatif
>>> cat = onestop.builtin("surabaya")
>>> merged = whatif.merge_counters(cat, ["siola-djp", "siola-dpmptsp"], into="siola-usaha")
>>> merged.id
'surabaya.merged-siola-usaha'
>>> "siola-djp" in {k.id for k in cat.counters}, "siola-djp" in {k.id for k in merged.counters}
(True, False)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

import attrs

from onestop._suggest import did_you_mean
from onestop.errors import CatalogueError, Problem
from onestop.io import check
from onestop.model import WEEKDAYS, Catalogue, Counter, Hours, Venue

__all__ = ["add_counter", "close_venue", "merge_counters", "move_service", "open_venue"]


def _refuse(catalogue: Catalogue, problems: Sequence[Problem]) -> None:
    if problems:
        raise CatalogueError(problems, catalogue.id)


def _known(kind: str, path: str, ident: str, known: Iterable[str]) -> list[Problem]:
    pool = list(known)
    if ident in pool:
        return []
    return [Problem(path, f"unknown {kind} {ident!r}{did_you_mean(str(ident), pool)}")]


def _variant(
    catalogue: Catalogue,
    change: str,
    *,
    venues: tuple[Venue, ...] | None = None,
    counters: tuple[Counter, ...] | None = None,
) -> Catalogue:
    """The catalogue with new venues or counters, named after ``change``, checked."""
    changed = attrs.evolve(
        catalogue,
        id=f"{catalogue.id}.{change}",
        name=f"{catalogue.name} (what if: {change})",
        venues=catalogue.venues if venues is None else venues,
        counters=catalogue.counters if counters is None else counters,
    )
    check(changed)
    return changed


def merge_counters(
    catalogue: Catalogue, ids: Sequence[str], into: str, name: str | None = None
) -> Catalogue:
    """Merge counters of one venue into one joint counter offering all their services.

    Parameters
    ----------
    catalogue
        The catalogue to start from (not changed).
    ids
        The counters to merge (at least two, at one venue).
    into
        The joint counter's id: one of ``ids`` or a new id. It takes the place
        of the first of ``ids`` in the list of counters.
    name
        Its name; default the name of ``into`` when it is one of ``ids``, else
        the merged counters' names joined with " + ".

    Examples
    --------
    >>> import onestop
    >>> from onestop import whatif
    >>> cat = onestop.builtin("surabaya")
    >>> whatif.merge_counters(cat, ["siola-djp", "siola-dpmtsp"], into="x")
    Traceback (most recent call last):
    ...
    onestop.errors.CatalogueError: surabaya: 1 problem
      ids[1]: unknown counter 'siola-dpmtsp' (did you mean 'siola-dpmptsp'?)
    """
    counters = {k.id: k for k in catalogue.counters}
    ids = [ids] if isinstance(ids, str) else list(ids)
    problems = [p for i, k in enumerate(ids) for p in _known("counter", f"ids[{i}]", k, counters)]
    if len(set(ids)) < 2:
        problems.append(Problem("ids", "name at least two different counters to merge"))
    _refuse(catalogue, problems)
    merged = [counters[k] for k in dict.fromkeys(ids)]
    venues = sorted({k.venue for k in merged})
    if len(venues) > 1:
        _refuse(catalogue, [Problem("ids", f"the counters are at different venues: {venues}")])
    if into in counters and into not in ids:
        _refuse(catalogue, [Problem("into", f"{into!r} is another counter's id")])
    services = tuple(dict.fromkeys(s for k in merged for s in k.services))
    label = name or (counters[into].label if into in ids else " + ".join(k.label for k in merged))
    joint = Counter(id=into, venue=venues[0], services=services, name=label)
    gone = {k.id for k in merged}
    out = []
    for counter in catalogue.counters:
        if counter is merged[0]:
            out.append(joint)
        elif counter.id not in gone:
            out.append(counter)
    return _variant(catalogue, f"merged-{into}", counters=tuple(out))


def move_service(
    catalogue: Catalogue, service: str, from_counter: str, to_counter: str
) -> Catalogue:
    """Move a service from one counter to another (a counter left with none is removed).

    Examples
    --------
    >>> import onestop
    >>> from onestop import whatif
    >>> cat = onestop.builtin("surabaya")
    >>> moved = whatif.move_service(cat, "npwp", "siola-djp", "siola-dpmptsp")
    >>> [k.id for k in moved.counters_offering("npwp")]
    ['siola-dpmptsp']
    """
    counters = {k.id: k for k in catalogue.counters}
    problems = [
        *_known("service", "service", service, (s.id for s in catalogue.services)),
        *_known("counter", "from_counter", from_counter, counters),
        *_known("counter", "to_counter", to_counter, counters),
    ]
    _refuse(catalogue, problems)
    if service not in counters[from_counter].services:
        offering = [k.id for k in catalogue.counters_offering(service)]
        _refuse(
            catalogue,
            [Problem("from_counter", f"{from_counter!r} does not offer {service!r} ({offering})")],
        )
    out = []
    for counter in catalogue.counters:
        services = counter.services
        if counter.id == from_counter:
            services = tuple(s for s in services if s != service)
        if counter.id == to_counter and service not in services:
            services = (*services, service)
        if services:
            out.append(attrs.evolve(counter, services=services))
    return _variant(catalogue, f"moved-{service}-to-{to_counter}", counters=tuple(out))


def add_counter(catalogue: Catalogue, counter: Counter) -> Catalogue:
    """Add a counter (its venue and services must exist, its id must be new).

    Examples
    --------
    >>> import onestop
    >>> from onestop import whatif
    >>> cat = onestop.builtin("buton-tengah")
    >>> desk = onestop.Counter("mpp-imigrasi", "mpp-lakudo", ("paspor-baru",))
    >>> more = whatif.add_counter(cat, desk)
    >>> [k.id for k in more.counters_offering("paspor-baru")]
    ['mpp-imigrasi']
    """
    if not isinstance(counter, Counter):
        raise TypeError(f"add_counter() takes a Counter, got {type(counter).__name__}")
    return _variant(catalogue, f"added-{counter.id}", counters=(*catalogue.counters, counter))


def _venue(catalogue: Catalogue, venue: str) -> Venue:
    _refuse(catalogue, _known("venue", "venue", venue, (v.id for v in catalogue.venues)))
    return catalogue.venue(venue)


def _outside(hours: Hours, first: dt.date | None, last: dt.date | None) -> list[Hours]:
    """The parts of an hours entry before ``first`` and after ``last``."""
    parts = []
    if first is not None:
        until = first - dt.timedelta(days=1)
        if hours.until is not None:
            until = min(until, hours.until)
        if hours.from_ is None or hours.from_ <= until:
            parts.append(attrs.evolve(hours, until=until))
    if last is not None:
        start = last + dt.timedelta(days=1)
        if hours.from_ is not None:
            start = max(start, hours.from_)
        if hours.until is None or start <= hours.until:
            parts.append(attrs.evolve(hours, from_=start))
    return parts


def close_venue(
    catalogue: Catalogue,
    venue: str,
    first: dt.date | None = None,
    last: dt.date | None = None,
) -> Catalogue:
    """Close a venue from ``first`` to ``last`` (inclusive), or for good with neither.

    With only ``first`` it is closed from that day on; with only ``last``,
    until that day. Closed for good, the venue and its counters are removed.

    Examples
    --------
    >>> import datetime as dt, onestop
    >>> from onestop import whatif
    >>> cat = onestop.builtin("probolinggo")
    >>> shut = whatif.close_venue(cat, "mpp", dt.date(2027, 1, 4), dt.date(2027, 1, 8))
    >>> shut.id
    'probolinggo.closed-mpp-2027-01-04-2027-01-08'
    >>> onestop.calendar.is_open(shut, "mpp", dt.date(2027, 1, 5))
    False
    >>> "mpp" in {v.id for v in whatif.close_venue(cat, "mpp").venues}
    False
    """
    place = _venue(catalogue, venue)
    if first is None and last is None:
        return _variant(
            catalogue,
            f"closed-{venue}",
            venues=tuple(v for v in catalogue.venues if v.id != venue),
            counters=tuple(k for k in catalogue.counters if k.venue != venue),
        )
    if first is not None and last is not None and last < first:
        _refuse(catalogue, [Problem("last", f"{last} is before first {first}")])
    entries = place.hours or (Hours(dt.time(0), dt.time(23, 59), WEEKDAYS, on_holidays=True),)
    hours = tuple(part for entry in entries for part in _outside(entry, first, last))
    if not hours:  # closed on every date the venue had: nothing is left of it
        return close_venue(catalogue, venue)
    span = "-".join(d.isoformat() for d in (first, last) if d is not None)
    changed = attrs.evolve(place, hours=hours)
    return _variant(
        catalogue,
        f"closed-{venue}-{'from-' if last is None else 'until-' if first is None else ''}{span}",
        venues=tuple(changed if v.id == venue else v for v in catalogue.venues),
    )


def open_venue(catalogue: Catalogue, venue: str) -> Catalogue:
    """Open a planned venue: plans then use it as any open venue, on its ``hours``.

    Examples
    --------
    >>> import onestop
    >>> from onestop import whatif
    >>> whatif.open_venue(onestop.builtin("surabaya"), "siola")
    Traceback (most recent call last):
    ...
    onestop.errors.CatalogueError: surabaya: 1 problem
      venue: 'siola' is already open
    """
    place = _venue(catalogue, venue)
    if place.status != "planned":
        _refuse(catalogue, [Problem("venue", f"{venue!r} is already open")])
    opened = attrs.evolve(place, status="open")
    return _variant(
        catalogue,
        f"opened-{venue}",
        venues=tuple(opened if v.id == venue else v for v in catalogue.venues),
    )
