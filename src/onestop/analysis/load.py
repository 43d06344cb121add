"""``counter_load()``: which counters (and agencies) carry a population's work."""

from __future__ import annotations

from collections import Counter as Tally
from typing import TYPE_CHECKING, Literal

from onestop.analysis._pandas import require
from onestop.analysis.batch import check_catalogue
from onestop.analysis.tables import Assignments
from onestop.model import Catalogue

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["counter_load"]


def _assignments(table: pd.DataFrame) -> list[tuple[tuple[str, str, int], ...]]:
    """Each row's (service, counter, minutes), checked against the row's ``counter_ids``."""
    import pandas as pd

    if not isinstance(table, pd.DataFrame):
        raise TypeError(
            "table must be a DataFrame made by onestop.analysis.table() (or a filter of one), "
            f"got {type(table).__name__}"
        )
    found = table.attrs.get("steps")
    if not isinstance(found, Assignments):
        raise ValueError(
            "counter_load() needs a table made by onestop.analysis.table() (or a filter of "
            "one): it reads which counter served each service from the table's attrs"
        )
    out = []
    for label, counters in zip(table.index, table["counter_ids"], strict=True):
        steps = found.distinct[found.row[label]]
        if {counter for _, counter, _ in steps} != set(counters):
            raise ValueError(
                f"row {label!r} does not match the plan it was made from: keep the table's "
                "own index (filter it, but do not reset or reorder its index)"
            )
        out.append(steps)
    return out


def counter_load(
    catalogue: Catalogue, table: pd.DataFrame, *, by: Literal["counter", "agency"] = "counter"
) -> pd.DataFrame:
    """Requests, services and minutes per counter (or per agency), busiest first.

    ``requests`` counts the rows that use a counter (or one of an agency's
    services), ``services`` the services done there and ``minutes`` their
    minutes. Counters of the catalogue that no row uses are listed with zeros.

    Parameters
    ----------
    catalogue
        The catalogue the table was planned on.
    table
        A :func:`table` (or a filter of one, index kept).
    by
        ``"counter"``: one row per counter, with its venue; ``"agency"``: one
        row per agency (a joint counter's work goes to each service's agency).

    Raises
    ------
    TypeError
        When ``catalogue`` is not a :class:`~onestop.Catalogue` or ``table``
        is not a DataFrame.
    ValueError
        When the table was not made by :func:`table`, or its index was reset.

    Examples
    --------
    >>> import onestop
    >>> from onestop.analysis import counter_load, population, table
    >>> cat = onestop.builtin("surabaya")
    >>> load = counter_load(cat, table(cat, population(cat, 500, year=2027)))
    >>> list(load.columns)
    ['name', 'venue', 'requests', 'services', 'minutes']
    >>> int(load["requests"].iloc[0]) >= int(load["requests"].iloc[-1])
    True
    """
    require()
    import pandas as pd

    check_catalogue("catalogue", catalogue)
    requests: Tally[str] = Tally()
    services: Tally[str] = Tally()
    minutes: Tally[str] = Tally()
    agency_of = {s.id: s.agency for s in catalogue.services}
    for steps in _assignments(table):
        keys = [counter if by == "counter" else agency_of[service] for service, counter, _ in steps]
        requests.update(set(keys))
        for key, (_, _, spent) in zip(keys, steps, strict=True):
            services[key] += 1
            minutes[key] += spent
    if by == "counter":
        names = {k.id: (k.label, k.venue) for k in catalogue.counters}
        columns = ["name", "venue"]
    else:
        names = {a.id: (a.name, a.level) for a in catalogue.agencies}
        columns = ["name", "level"]
    out = pd.DataFrame(
        [(key, *info, requests[key], services[key], minutes[key]) for key, info in names.items()],
        columns=[by, *columns, "requests", "services", "minutes"],
    ).set_index(by)
    return out.sort_values(["requests", "minutes"], ascending=False, kind="stable")
