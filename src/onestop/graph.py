"""The dependency graph of a catalogue, its cycles, and exports to Mermaid and DOT.

The graph has a node per document and per service: an edge
``document -> service`` when the service requires the document (``any_of``
edges carry ``any_of=True``), and ``service -> document`` when the service
produces it. Nodes are ``(kind, id)`` pairs, ``kind`` being ``"document"`` or
``"service"``, since a document and a service may share an id.

Examples
--------
>>> import onestop
>>> cat = onestop.builtin("probolinggo")
>>> pre = prerequisites(cat, "kia")
>>> "akta-kelahiran" in pre.services, "surat-keterangan-lahir" in pre.documents
(True, True)
>>> print(to_mermaid(cat, service="kia").splitlines()[0])
flowchart LR
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal, TypeAlias

import attrs
import networkx as nx

from onestop.model import Catalogue
from onestop.requirements import AnyOf, Doc, Requirement

__all__ = [
    "Cycle",
    "Node",
    "Prerequisites",
    "cycles",
    "dependency_graph",
    "prerequisites",
    "to_dot",
    "to_mermaid",
]

Node: TypeAlias = tuple[Literal["document", "service"], str]
"""A graph node: ``("document", id)`` or ``("service", id)``."""

Cycle: TypeAlias = tuple[Node, ...]
"""A cycle as its nodes in order, starting at its smallest service node."""


@attrs.frozen
class Prerequisites:
    """Everything a service might need, directly or through the services producing it."""

    service: str
    """The service asked about."""
    documents: tuple[str, ...]
    """Every document that may be needed, sorted."""
    services: tuple[str, ...]
    """Every service that may be needed to produce them, sorted (the service itself excluded)."""


def _edges(requirement: Requirement, any_of: bool = False) -> Iterable[tuple[str, bool]]:
    """Yield (document id, whether it is reached through an any_of)."""
    if isinstance(requirement, Doc):
        yield requirement.id, any_of
    else:
        inner = any_of or isinstance(requirement, AnyOf)
        for item in requirement.items:
            yield from _edges(item, inner)


def dependency_graph(catalogue: Catalogue) -> nx.DiGraph:
    """Return the catalogue's dependency graph (a new networkx ``DiGraph``).

    Examples
    --------
    >>> import onestop
    >>> g = dependency_graph(onestop.builtin("probolinggo"))
    >>> g.has_edge(("document", "akta-kelahiran"), ("service", "kia"))
    True
    """
    graph = nx.DiGraph()
    for doc in catalogue.documents:
        graph.add_node(("document", doc.id), kind="document", label=doc.name)
    for service in catalogue.services:
        node = ("service", service.id)
        graph.add_node(node, kind="service", label=service.name)
        for doc_id, any_of in _edges(service.requires):
            edge = (("document", doc_id), node)
            if graph.has_edge(*edge):
                # needed outright anywhere means needed outright
                any_of = any_of and graph.edges[edge]["any_of"]
            graph.add_edge(*edge, any_of=any_of)
        for doc_id in service.produces:
            graph.add_edge(node, ("document", doc_id))
    return graph


def _ancestors(catalogue: Catalogue, service_id: str) -> set[Node]:
    catalogue.service(service_id)
    graph = dependency_graph(catalogue)
    return set(nx.ancestors(graph, ("service", service_id)))


def prerequisites(catalogue: Catalogue, service_id: str) -> Prerequisites:
    """Return every document and service a service might need, transitively.

    "Might": alternatives of ``any_of`` and every producer of a document are
    all included; the planner chooses among them.

    Examples
    --------
    >>> import onestop
    >>> pre = prerequisites(onestop.builtin("probolinggo"), "spp-irt")
    >>> "nib-umk" in pre.services
    True
    """
    nodes = _ancestors(catalogue, service_id)
    return Prerequisites(
        service=service_id,
        documents=tuple(sorted(i for kind, i in nodes if kind == "document")),
        services=tuple(sorted(i for kind, i in nodes if kind == "service" and i != service_id)),
    )


def cycles(catalogue: Catalogue) -> tuple[Cycle, ...]:
    """Return every elementary dependency cycle, each starting at its smallest service.

    A cycle such as KTP-el needs a KK and a KK change needs the KTP-el is
    allowed (a held document breaks it); this lists them for review. Sorted,
    so the result is the same on every run.

    Examples
    --------
    >>> import onestop
    >>> cyc = cycles(onestop.builtin("probolinggo"))
    >>> any(("service", "ktp-el-baru") in c for c in cyc)
    True
    """
    graph = dependency_graph(catalogue)
    found: list[Cycle] = []
    for cycle in nx.simple_cycles(graph):
        services = [i for i, node in enumerate(cycle) if node[0] == "service"]
        start = min(services, key=lambda i: cycle[i][1])
        found.append(tuple(cycle[start:] + cycle[:start]))
    return tuple(sorted(found, key=lambda c: (len(c), c)))


def _subgraph(catalogue: Catalogue, service: str | None) -> nx.DiGraph:
    graph = dependency_graph(catalogue)
    if service is None:
        return graph
    keep = _ancestors(catalogue, service) | {("service", service)}
    return graph.subgraph(keep)


def _mermaid_id(node: Node) -> str:
    """A Mermaid node id: letters and digits kept, every other character escaped."""
    kind, ident = node
    return ("d_" if kind == "document" else "s_") + "".join(
        ch if ch.isascii() and ch.isalnum() else f"_{ord(ch):x}_" for ch in ident
    )


def to_mermaid(catalogue: Catalogue, service: str | None = None) -> str:
    """Return the graph (or one service's prerequisites) as a Mermaid flowchart.

    Documents are rounded boxes, services rectangles; ``any_of`` edges are dotted.

    Examples
    --------
    >>> import onestop
    >>> text = to_mermaid(onestop.builtin("probolinggo"), service="kia")
    >>> "s_kia[" in text
    True
    """
    graph = _subgraph(catalogue, service)
    lines = ["flowchart LR"]
    for node in sorted(graph.nodes):
        label = graph.nodes[node]["label"].replace('"', "'")
        shape = '("{}")' if node[0] == "document" else '["{}"]'
        lines.append(f"    {_mermaid_id(node)}{shape.format(label)}")
    for a, b in sorted(graph.edges):
        arrow = "-.->" if graph.edges[a, b].get("any_of") else "-->"
        lines.append(f"    {_mermaid_id(a)} {arrow} {_mermaid_id(b)}")
    return "\n".join(lines) + "\n"


def _dot_quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def to_dot(catalogue: Catalogue, service: str | None = None) -> str:
    """Return the graph (or one service's prerequisites) in Graphviz DOT.

    Examples
    --------
    >>> import onestop
    >>> print(to_dot(onestop.builtin("probolinggo"), service="kia").splitlines()[0])
    digraph "probolinggo" {
    """
    graph = _subgraph(catalogue, service)
    lines = [f"digraph {_dot_quote(catalogue.id)} {{", "    rankdir=LR;"]
    for node in sorted(graph.nodes):
        shape = "ellipse" if node[0] == "document" else "box"
        label = graph.nodes[node]["label"]
        lines.append(
            f"    {_dot_quote(':'.join(node))} [shape={shape}, label={_dot_quote(label)}];"
        )
    for a, b in sorted(graph.edges):
        style = " [style=dashed]" if graph.edges[a, b].get("any_of") else ""
        lines.append(f"    {_dot_quote(':'.join(a))} -> {_dot_quote(':'.join(b))}{style};")
    lines.append("}")
    return "\n".join(lines) + "\n"
