"""Per-catalogue preparation for the planner: indexes and bitsets, made once.

Documents are bits of a Python ``int``; a requirement expression is compiled
into nested ``(is_all, mask, subs)`` tuples evaluated with bit operations.
The result is plain data (picklable) and kept in the catalogue's cache, so a
portal or notebook planning thousands of bundles pays for it once.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeAlias

from onestop.model import Catalogue
from onestop.requirements import AllOf, Doc, Requirement

__all__ = ["Compiled", "Prepared", "bits", "fire", "prepared", "satisfied"]

Compiled: TypeAlias = "tuple[bool, int, tuple[Compiled, ...]]"
"""A compiled requirement: (all-of?, mask of its direct documents, sub-nodes)."""


def bits(mask: int) -> list[int]:
    """Return the positions of the set bits of *mask*, lowest first."""
    out = []
    while mask:
        high = mask.bit_length() - 1
        out.append(high)
        mask ^= 1 << high
    out.reverse()
    return out


def compile_requirement(req: Requirement, doc_bit: dict[str, int]) -> Compiled:
    """Compile a requirement into bit masks over the catalogue's document bits."""
    if isinstance(req, Doc):
        return (True, doc_bit[req.id], ())
    mask, subs = 0, []
    for item in req.items:
        if isinstance(item, Doc):
            mask |= doc_bit[item.id]
        else:
            subs.append(compile_requirement(item, doc_bit))
    return (isinstance(req, AllOf), mask, tuple(subs))


def satisfied(node: Compiled, held: int) -> bool:
    """Return whether a compiled requirement is met by the documents in *held*."""
    is_all, mask, subs = node
    if is_all:
        if held & mask != mask:
            return False
        return all(satisfied(sub, held) for sub in subs)
    if held & mask:
        return True
    return any(satisfied(sub, held) for sub in subs)


def fire(
    todo: Sequence[int], req: Sequence[Compiled], produces: Sequence[int], docs: int
) -> tuple[int, list[int]]:
    """Do every service of *todo* whose requirement can be met, as long as any can.

    Returns the documents then in hand and the services done, in the order done
    (an order that meets every requirement).
    """
    fired: list[int] = []
    changed = True
    while changed and todo:
        changed = False
        rest = []
        for i in todo:
            is_all, mask, subs = req[i]
            # satisfied(), without a call for the common requirement with no nesting
            if subs:
                met = satisfied(req[i], docs)
            elif is_all:
                met = docs & mask == mask
            else:
                met = docs & mask != 0
            if met:
                docs |= produces[i]
                fired.append(i)
                changed = True
            else:
                rest.append(i)
        todo = rest
    return docs, fired


def mentioned(node: Compiled) -> int:
    """Return the mask of every document a compiled requirement mentions."""
    _, mask, subs = node
    for sub in subs:
        mask |= mentioned(sub)
    return mask


class Prepared:
    """Indexes of one catalogue, by position in the catalogue's lists."""

    def __init__(self, catalogue: Catalogue) -> None:
        self.catalogue_id = catalogue.id
        self.doc_ids = tuple(doc.id for doc in catalogue.documents)
        self.doc_index = {ident: i for i, ident in enumerate(self.doc_ids)}
        # A plan's name entries for documents, ready made.
        self.doc_names = tuple(("document", doc.id, doc.name) for doc in catalogue.documents)
        self.service_names = tuple(("service", s.id, s.name) for s in catalogue.services)
        self.counter_names = tuple(("counter", c.id, c.label) for c in catalogue.counters)
        self.venue_names = tuple(("venue", v.id, v.name) for v in catalogue.venues)
        self.fee = tuple(s.fee for s in catalogue.services)
        self.minutes = tuple(s.minutes for s in catalogue.services)
        doc_bit = {ident: 1 << i for i, ident in enumerate(self.doc_ids)}
        self.service_ids = tuple(service.id for service in catalogue.services)
        self.service_index = {ident: i for i, ident in enumerate(self.service_ids)}
        self.counter_ids = tuple(counter.id for counter in catalogue.counters)
        self.venue_ids = tuple(venue.id for venue in catalogue.venues)
        self.venue_index = {ident: i for i, ident in enumerate(self.venue_ids)}
        self.venue_kind = tuple(venue.kind for venue in catalogue.venues)
        self.bundle_services = {
            bundle.id: tuple(self.service_index[s] for s in bundle.services)
            for bundle in catalogue.bundles
        }
        self.req = tuple(compile_requirement(s.requires, doc_bit) for s in catalogue.services)
        self.req_docs = tuple(mentioned(node) for node in self.req)
        self.req_doc_bits = tuple(tuple(bits(mask)) for mask in self.req_docs)
        self.produces = tuple(
            _mask(doc_bit[d] for d in service.produces) for service in catalogue.services
        )
        self.produce_bits = tuple(tuple(bits(mask)) for mask in self.produces)
        # Per service, the documents its requirement mentions and those it produces,
        # as (id, bit) pairs sorted by id: a plan lists subsets of them in id order.
        self.req_doc_order = tuple(_by_id(mask, self.doc_ids) for mask in self.req_docs)
        self.out_doc_order = tuple(_by_id(mask, self.doc_ids) for mask in self.produces)
        self.working_days = tuple(s.working_days for s in catalogue.services)
        self.pickup_counter = tuple(s.pickup == "counter" for s in catalogue.services)
        self.counter_venue = tuple(self.venue_index[c.venue] for c in catalogue.counters)
        self.all_counters = (True,) * len(self.counter_venue)
        offering: list[list[int]] = [[] for _ in catalogue.services]
        for k, counter in enumerate(catalogue.counters):
            for sid in dict.fromkeys(counter.services):
                offering[self.service_index[sid]].append(k)
        self.offering = tuple(tuple(ks) for ks in offering)
        self.offered = tuple(bool(ks) for ks in offering)  # at some counter at all
        producers: list[list[int]] = [[] for _ in catalogue.documents]
        for i, service in enumerate(catalogue.services):
            for d in dict.fromkeys(service.produces):
                producers[self.doc_index[d]].append(i)
        self.producers = tuple(tuple(ps) for ps in producers)


def _by_id(mask: int, doc_ids: tuple[str, ...]) -> tuple[tuple[str, int], ...]:
    return tuple(sorted((doc_ids[d], d) for d in bits(mask)))


def _mask(bits: object) -> int:
    result = 0
    for bit in bits:  # type: ignore[attr-defined]
        result |= bit
    return result


def prepared(catalogue: Catalogue) -> Prepared:
    """Return the catalogue's planner preparation, making it on first use."""
    return catalogue._prepared("planner", Prepared)
