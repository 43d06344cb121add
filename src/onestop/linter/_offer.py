"""What a citizen can get: services offered, bundles completable, redundant counters, cycles.

"Completable" is judged for a citizen who holds exactly the documents that no
service of the catalogue issues (a birth letter from the hospital, a land
title from the land office), and can use every counter: the services such a
citizen can finish, one after another, are the fixed point below.
"""

from __future__ import annotations

from collections.abc import Iterator

import networkx as nx

from onestop.graph import dependency_graph
from onestop.linter._finding import Finding
from onestop.model import Catalogue, Service


def offered(cat: Catalogue) -> frozenset[str]:
    """The ids of the services some counter offers."""
    return frozenset(sid for counter in cat.counters for sid in counter.services)


def completable(cat: Catalogue) -> frozenset[str]:
    """The services a citizen holding only the documents no service issues can finish."""
    produced = {doc for service in cat.services for doc in service.produces}
    held = {doc.id for doc in cat.documents} - produced
    can = offered(cat)
    done: set[str] = set()
    grew = True
    while grew:
        grew = False
        for service in cat.services:
            if service.id in can and service.id not in done and service.requires.satisfied_by(held):
                done.add(service.id)
                held.update(service.produces)
                grew = True
    return frozenset(done)


def _why_not(cat: Catalogue, service: Service, done: frozenset[str]) -> str:
    """The documents a service needs that the citizen cannot get here, and why."""
    reachable = {doc for s in cat.services if s.id in done for doc in s.produces}
    can = offered(cat)
    reasons = []
    for doc in service.requires.documents():
        producers = cat.producers(doc)
        if not producers or doc in reachable:
            continue
        if not any(p.id in can for p in producers):
            names = ", ".join(repr(p.id) for p in producers)
            reasons.append(f"{doc!r} (issued by {names}, which no counter offers)")
        else:
            reasons.append(f"{doc!r} (its issuing services cannot be finished either)")
    return "; ".join(reasons)


def bundle_findings(cat: Catalogue) -> Iterator[Finding]:
    """Errors: a bundle with a service no counter offers, or that cannot be completed."""
    can, done = offered(cat), completable(cat)
    for bundle in cat.bundles:
        path = f"bundles.{bundle.id}"
        for sid in bundle.services:
            if sid not in can:
                yield Finding(
                    "error",
                    "bundle-service-not-offered",
                    path,
                    bundle.id,
                    f"its service {sid!r} is offered by no counter, so no plan can be made "
                    "for the bundle: add a counter offering it, or take it out of the bundle",
                )
            elif sid not in done:
                why = _why_not(cat, cat.service(sid), done)
                yield Finding(
                    "error",
                    "bundle-service-unreachable",
                    path,
                    bundle.id,
                    f"its service {sid!r} cannot be completed by a citizen holding only the "
                    f"documents no service issues: it needs {why}",
                )


def service_findings(cat: Catalogue) -> Iterator[Finding]:
    """Services no counter offers, or that cannot be completed here."""
    if not cat.counters:
        yield Finding(
            "info",
            "no-counters",
            "counters",
            "",
            "the catalogue has no counters, so it serves as a base for others to extend; "
            "no service is checked for a counter",
        )
        return
    can, done = offered(cat), completable(cat)
    for service in cat.services:
        path = f"services.{service.id}"
        if service.id not in can:
            yield Finding(
                "warning",
                "service-not-offered",
                path,
                service.id,
                "no counter offers this service, so a citizen asking for it gets no plan: "
                "add it to a counter, or list it as known if it is given elsewhere",
            )
        elif service.id not in done:
            yield Finding(
                "info",
                "service-unreachable",
                path,
                service.id,
                "a citizen holding only the documents no service issues cannot complete it "
                f"here: it needs {_why_not(cat, service, done)}",
            )


def counter_findings(cat: Catalogue) -> Iterator[Finding]:
    """Counters whose every service another counter at the same venue also offers."""
    for venue in cat.venues:
        counters = cat.counters_at(venue.id)
        for i, counter in enumerate(counters):
            mine = set(counter.services)
            for j, other in enumerate(counters):
                theirs = set(other.services)
                # Of two counters offering the same services, the later one is reported.
                if i != j and mine <= theirs and (mine != theirs or j < i):
                    yield Finding(
                        "warning",
                        "counter-redundant",
                        f"counters.{counter.id}",
                        counter.id,
                        f"every service of this counter is also offered at {other.id!r} in "
                        f"the same venue {venue.id!r}: merge them, or give each its own services",
                    )
                    break


def _some(ids: list[str], at_most: int = 6) -> str:
    more = len(ids) - at_most
    return ", ".join(ids[:at_most]) + (f" and {more} more" if more > 0 else "")


def cycle_findings(cat: Catalogue) -> Iterator[Finding]:
    """One finding per group of services that depend on each other (information only)."""
    graph = dependency_graph(cat)
    groups = []
    for component in nx.strongly_connected_components(graph):
        services = sorted(i for kind, i in component if kind == "service")
        if len(component) > 1:
            documents = sorted(i for kind, i in component if kind == "document")
            groups.append((services, documents))
    for services, documents in sorted(groups):
        shown, held = _some(services), _some(documents)
        yield Finding(
            "info",
            "dependency-cycle",
            f"services.{services[0]}",
            services[0],
            f"{len(services)} services depend on each other ({shown}); a citizen breaks the "
            f"cycle by holding one of its documents ({held})",
        )
