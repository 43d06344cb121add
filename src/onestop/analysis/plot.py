"""Charts an analyst would otherwise draw by hand (matplotlib, imported when drawing).

Each function draws on ``ax`` (a new figure's axes by default) and returns
the matplotlib ``Axes``, so charts compose into the analyst's own figures.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from onestop.analysis._pandas import require
from onestop.graph import dependency_graph, prerequisites
from onestop.model import Catalogue

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.axes import Axes

__all__ = ["counter_load", "dependencies", "per_event"]

_BEFORE, _AFTER, _SERVICE, _DOCUMENT, _HELD = "#9e9e9e", "#1f77b4", "#1f77b4", "#ff7f0e", "#2ca02c"


def _axes(ax: Axes | None) -> Axes:
    require("matplotlib")
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt

    return plt.subplots(figsize=(8, 4.5), layout="constrained")[1]


def _label(goals: object) -> str:
    return " + ".join(goals) if isinstance(goals, tuple) else str(goals)


def per_event(data: pd.DataFrame, value: str = "counters", *, ax: Axes | None = None) -> Axes:
    """The mean ``value`` (``counters``, ``visits`` or ``days``) per life event, as bars.

    ``data`` is a :func:`~onestop.analysis.table` (one bar per life event,
    over the feasible rows) or a :func:`~onestop.analysis.compare` result
    (before and after side by side, over the rows feasible both times).

    Examples
    --------
    >>> import matplotlib; matplotlib.use("Agg")
    >>> import onestop
    >>> from onestop.analysis import plot, population, table
    >>> cat = onestop.builtin("surabaya")
    >>> ax = plot.per_event(table(cat, population(cat, 300, year=2027)), "days")
    >>> ax.get_ylabel()
    'mean days'
    """
    ax = _axes(ax)
    if f"{value}_before" in data.columns:
        both = data[data["feasible_before"] & data["feasible_after"]]
        means = both.groupby("goals")[[f"{value}_before", f"{value}_after"]].mean()
        positions = range(len(means))
        ax.bar([p - 0.2 for p in positions], means.iloc[:, 0], 0.4, label="before", color=_BEFORE)
        ax.bar([p + 0.2 for p in positions], means.iloc[:, 1], 0.4, label="after", color=_AFTER)
        ax.legend()
    else:
        means = data[data["feasible"]].groupby("goals")[[value]].mean()
        positions = range(len(means))
        ax.bar(list(positions), means.iloc[:, 0], 0.6, color=_AFTER)
    ax.set_xticks(list(positions), [_label(g) for g in means.index], rotation=30, ha="right")
    ax.set_ylabel(f"mean {value}")
    ax.set_title(f"{value.capitalize()} per life event")
    return ax


def counter_load(
    load: pd.DataFrame, value: str = "requests", *, top: int = 15, ax: Axes | None = None
) -> Axes:
    """The ``top`` busiest counters (or agencies) of a :func:`~onestop.analysis.counter_load`.

    Examples
    --------
    >>> import matplotlib; matplotlib.use("Agg")
    >>> import onestop
    >>> from onestop import analysis
    >>> cat = onestop.builtin("surabaya")
    >>> load = analysis.counter_load(cat, analysis.table(cat, analysis.population(cat, 300)))
    >>> len(analysis.plot.counter_load(load, top=5).patches)
    5
    """
    ax = _axes(ax)
    shown = load.sort_values(value, ascending=False, kind="stable").head(top).iloc[::-1]
    ax.barh([str(i) for i in shown.index], shown[value], color=_AFTER)
    ax.set_xlabel(value)
    ax.set_title(f"Load per {shown.index.name or 'counter'}: {value}")
    return ax


def dependencies(
    catalogue: Catalogue,
    services: str | Iterable[str],
    *,
    holding: Iterable[str] = (),
    ax: Axes | None = None,
) -> Axes:
    """The dependency graph of a bundle (or of services): what needs what, what is held.

    Services are blue, documents orange, documents in ``holding`` green; an
    arrow goes from a document to a service that needs it, and from a service
    to a document it issues. The layout is seeded, so the same call draws the
    same picture.

    Examples
    --------
    >>> import matplotlib; matplotlib.use("Agg")
    >>> import onestop
    >>> from onestop.analysis import plot
    >>> ax = plot.dependencies(onestop.builtin("probolinggo"), "kelahiran", holding=["kk"])
    >>> ax.get_title()
    'Dependencies of kelahiran'
    """
    ax = _axes(ax)
    import networkx as nx

    names = [services] if isinstance(services, str) else list(services)
    wanted: list[str] = []
    for name in names:
        bundle = {b.id: b for b in catalogue.bundles}.get(name)
        wanted.extend(bundle.services if bundle is not None else [catalogue.service(name).id])
    nodes: set[tuple[str, str]] = set()
    for service in wanted:
        pre = prerequisites(catalogue, service)
        nodes |= {("service", service), *(("service", s) for s in pre.services)}
        nodes |= {("document", d) for d in pre.documents}
    graph = dependency_graph(catalogue).subgraph(nodes)
    held = set(holding)
    colours = [
        _SERVICE if kind == "service" else _HELD if ident in held else _DOCUMENT
        for kind, ident in graph.nodes
    ]
    layout = nx.spring_layout(graph, seed=1)
    nx.draw_networkx(
        graph,
        layout,
        ax=ax,
        node_color=colours,
        node_size=300,
        labels={node: node[1] for node in graph.nodes},
        font_size=7,
        arrowsize=10,
    )
    ax.set_title(f"Dependencies of {', '.join(names)}")
    ax.set_axis_off()
    return ax
