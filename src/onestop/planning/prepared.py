"""Per-catalogue tables for the planner: indexes and bitsets, made once.

Everything is by position in the catalogue's lists (documents are bits, see
:mod:`onestop.planning.compiled`). The tables are plain data (picklable) and
kept in the catalogue's cache, so a portal or notebook planning thousands of
bundles pays for them once.
"""

from __future__ import annotations

import attrs

from onestop.io import check_once
from onestop.model import Catalogue, Venue
from onestop.planning.compiled import Compiled, bits, compile_requirement, mask_of, mentioned

__all__ = ["Prepared", "prepared"]

Name = tuple[str, str, str]
"""A plan's name entry: (kind, id, name)."""


@attrs.frozen(eq=False)
class Prepared:
    """Indexes of one catalogue, by position in the catalogue's lists."""

    catalogue_id: str
    doc_ids: tuple[str, ...]
    doc_index: dict[str, int]
    service_ids: tuple[str, ...]
    service_index: dict[str, int]
    counter_ids: tuple[str, ...]
    venue_ids: tuple[str, ...]
    venue_index: dict[str, int]
    venue_kind: tuple[str, ...]
    venue_planned: tuple[bool, ...]
    """Per venue, whether its status is ``planned`` (used only when named by id)."""
    bundle_services: dict[str, tuple[int, ...]]
    # A plan's name entries, ready made.
    doc_names: tuple[Name, ...]
    service_names: tuple[Name, ...]
    counter_names: tuple[Name, ...]
    venue_names: tuple[Name, ...]
    fee: tuple[int, ...]
    minutes: tuple[int, ...]
    working_days: tuple[int, ...]
    pickup_counter: tuple[bool, ...]
    req: tuple[Compiled, ...]
    """Each service's compiled requirement."""
    req_doc_bits: tuple[tuple[int, ...], ...]
    """Each service's documents mentioned by its requirement."""
    produces: tuple[int, ...]
    """Each service's outputs (a mask)."""
    produce_bits: tuple[tuple[int, ...], ...]
    req_doc_order: tuple[tuple[tuple[str, int], ...], ...]
    """Per service, the documents its requirement mentions as (id, bit), sorted by id."""
    out_doc_order: tuple[tuple[tuple[str, int], ...], ...]
    """Per service, the documents it produces as (id, bit), sorted by id."""
    counter_venue: tuple[int, ...]
    all_counters: tuple[bool, ...]
    offering: tuple[tuple[int, ...], ...]
    """Per service, the counters offering it."""
    offered: tuple[bool, ...]
    """Per service, whether some counter offers it at all."""
    producers: tuple[tuple[int, ...], ...]
    """Per document, the services producing it."""


def prepare(catalogue: Catalogue) -> Prepared:
    """Make the planner's tables for *catalogue* (see :func:`prepared`)."""
    doc_ids = tuple(doc.id for doc in catalogue.documents)
    doc_index = {ident: i for i, ident in enumerate(doc_ids)}
    doc_bit = {ident: 1 << i for i, ident in enumerate(doc_ids)}
    service_ids = tuple(service.id for service in catalogue.services)
    service_index = {ident: i for i, ident in enumerate(service_ids)}
    venue_ids = tuple(venue.id for venue in catalogue.venues)
    venue_index = {ident: i for i, ident in enumerate(venue_ids)}
    req = tuple(compile_requirement(s.requires, doc_bit) for s in catalogue.services)
    req_docs = tuple(mentioned(node) for node in req)
    produces = tuple(mask_of(doc_index[d] for d in s.produces) for s in catalogue.services)
    offering = _offering(catalogue, service_index)
    return Prepared(
        catalogue_id=catalogue.id,
        doc_ids=doc_ids,
        doc_index=doc_index,
        service_ids=service_ids,
        service_index=service_index,
        counter_ids=tuple(counter.id for counter in catalogue.counters),
        venue_ids=venue_ids,
        venue_index=venue_index,
        venue_kind=tuple(venue.kind for venue in catalogue.venues),
        venue_planned=tuple(venue.status == "planned" for venue in catalogue.venues),
        bundle_services={
            bundle.id: tuple(service_index[s] for s in bundle.services)
            for bundle in catalogue.bundles
        },
        doc_names=tuple(("document", doc.id, doc.name) for doc in catalogue.documents),
        service_names=tuple(("service", s.id, s.name) for s in catalogue.services),
        counter_names=tuple(("counter", c.id, c.label) for c in catalogue.counters),
        venue_names=tuple(("venue", v.id, _venue_name(v)) for v in catalogue.venues),
        fee=tuple(s.fee for s in catalogue.services),
        minutes=tuple(s.minutes for s in catalogue.services),
        working_days=tuple(s.working_days for s in catalogue.services),
        pickup_counter=tuple(s.pickup == "counter" for s in catalogue.services),
        req=req,
        req_doc_bits=tuple(tuple(bits(mask)) for mask in req_docs),
        produces=produces,
        produce_bits=tuple(tuple(bits(mask)) for mask in produces),
        req_doc_order=tuple(_by_id(mask, doc_ids) for mask in req_docs),
        out_doc_order=tuple(_by_id(mask, doc_ids) for mask in produces),
        counter_venue=tuple(venue_index[c.venue] for c in catalogue.counters),
        all_counters=(True,) * len(catalogue.counters),
        offering=offering,
        offered=tuple(bool(ks) for ks in offering),
        producers=_producers(catalogue, doc_index),
    )


def _venue_name(venue: Venue) -> str:
    """How a plan names a venue: a planned one says so."""
    return f"{venue.name} (planned, not open yet)" if venue.status == "planned" else venue.name


def _offering(catalogue: Catalogue, service_index: dict[str, int]) -> tuple[tuple[int, ...], ...]:
    """Per service, the counters offering it."""
    pairs = [(service_index[s], k) for k, c in enumerate(catalogue.counters) for s in c.services]
    return _grouped(len(catalogue.services), pairs)


def _producers(catalogue: Catalogue, doc_index: dict[str, int]) -> tuple[tuple[int, ...], ...]:
    """Per document, the services producing it."""
    pairs = [(doc_index[d], i) for i, s in enumerate(catalogue.services) for d in s.produces]
    return _grouped(len(catalogue.documents), pairs)


def _grouped(n: int, pairs: list[tuple[int, int]]) -> tuple[tuple[int, ...], ...]:
    """Per key 0..n-1, its values in the order of *pairs*, each once."""
    groups: list[dict[int, None]] = [{} for _ in range(n)]
    for key, value in pairs:
        groups[key][value] = None
    return tuple(tuple(group) for group in groups)


def _by_id(mask: int, doc_ids: tuple[str, ...]) -> tuple[tuple[str, int], ...]:
    return tuple(sorted((doc_ids[d], d) for d in bits(mask)))


def prepared(catalogue: Catalogue) -> Prepared:
    """Return the catalogue's planner tables, making them on first use.

    A catalogue built or changed in Python is checked first, once
    (:func:`onestop.check`): a broken one is a ``CatalogueError`` here, never a
    ``KeyError`` deep in the planner.
    """
    check_once(catalogue)
    return catalogue._prepared("planner", prepare)
