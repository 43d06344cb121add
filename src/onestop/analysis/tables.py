"""Tables of plans: one row per request, summaries, before/after comparisons.

pandas is imported inside the functions (the ``onestop[analysis]`` extra).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

import attrs

from onestop._suggest import unknown
from onestop.analysis._pandas import require
from onestop.analysis.batch import COLUMNS, Row, Steps, check_catalogue, rows
from onestop.model import Catalogue
from onestop.request import Request

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["Assignments", "compare", "frame", "summary", "table"]

_COUNTS = ("counters", "venues", "services", "visits", "days", "fee", "minutes")
_COMPARED = ("counters", "visits", "days")


@attrs.frozen
class Assignments:
    """Which counter served each service of each row of a :func:`table`, kept in its ``attrs``.

    The table keeps it under ``attrs["steps"]`` for :func:`counter_load`; a
    row is found by its index label, so a filtered table still finds its rows.
    pandas deep-copies ``attrs`` on every operation: this value is immutable,
    so its copy is itself (a million rows would otherwise be copied each time).
    """

    distinct: tuple[Steps, ...]
    """Each distinct row's (service, counter, minutes)."""
    row: tuple[int, ...]
    """Per table row (by its original label), the index of its distinct row."""

    def __deepcopy__(self, memo: dict[int, Any]) -> Assignments:
        return self


def frame(distinct_rows: Sequence[Row], index: Sequence[int]) -> pd.DataFrame:
    """The table of rows ``distinct_rows[i]`` for each ``i`` of ``index`` (columns :data:`COLUMNS`).

    Each distinct row is converted once and the table is taken from them,
    so a million requests that repeat a few thousand answers cost a few
    thousand conversions and one vectorised take.
    """
    require()
    import pandas as pd

    columns: list[Sequence[Any]] = (
        [list(c) for c in zip(*distinct_rows, strict=True)]
        if distinct_rows
        else [[] for _ in (*COLUMNS, "steps")]
    )
    steps = columns.pop()
    data: dict[str, Any] = {}
    for name, values in zip(COLUMNS, columns, strict=True):
        if name in ("start", "finish"):
            dates = pd.Series([v if isinstance(v, dt.date) else None for v in values], dtype=object)
            data[name] = pd.to_datetime(dates).astype("datetime64[ns]")
        elif name in _COUNTS:
            data[name] = pd.array(values, dtype="Int64")
        elif name == "feasible":
            data[name] = pd.array(values, dtype=bool)
        elif name == "optimal":
            data[name] = pd.array(values, dtype="boolean")
        else:
            data[name] = pd.Series(values, dtype=object)
    taken = pd.DataFrame(data).take(list(index)).reset_index(drop=True)
    taken.attrs["steps"] = Assignments(tuple(steps), tuple(index))
    return taken


def table(
    catalogue: Catalogue,
    requests: Iterable[Request],
    *,
    progress: bool | None = None,
    workers: int = 1,
) -> pd.DataFrame:
    """A DataFrame of plans: one row per request, in order.

    Columns: ``goals`` (the ids asked, a tuple), ``start``, ``feasible``,
    ``error`` (the :class:`~onestop.PlanningError` message, or ``None``),
    ``counters``, ``venues``, ``services``, ``visits`` (counts),
    ``counter_ids``, ``venue_ids`` (tuples, in the plan's order), ``finish``,
    ``days`` (calendar days from start to finish), ``fee``, ``minutes`` and
    ``optimal``. Counts, dates and flags are missing (``<NA>``/``NaT``) on
    rows that could not be planned. Each value is what :func:`onestop.plan`
    gives for that request; each distinct request is planned once.

    Parameters
    ----------
    catalogue
        The catalogue to plan on.
    requests
        :class:`onestop.Request` values, e.g. from :func:`population`.
    progress
        A ``tqdm.auto`` bar: ``None`` (default) on a long run in a terminal or
        notebook, ``True`` always, ``False`` never.
    workers
        Processes to plan in; 1 plans here. Forked on Linux; elsewhere a
        script calling this needs an ``if __name__ == "__main__":`` guard.

    Raises
    ------
    ImportError
        Without pandas, naming the extra to install.

    Examples
    --------
    >>> import onestop
    >>> from onestop.analysis import population, table
    >>> cat = onestop.builtin("yogyakarta")
    >>> t = table(cat, population(cat, 200, year=2027))
    >>> len(t), list(t.columns[:4])
    (200, ['goals', 'start', 'feasible', 'error'])
    """
    require()
    distinct_rows, index = rows(catalogue, requests, progress=progress, workers=workers)
    return frame(distinct_rows, index)


def _group_columns(table: pd.DataFrame, by: str | Sequence[str]) -> list[str]:
    """The columns to group by, each checked to be one of the table's."""
    names = [by] if isinstance(by, str) else list(by)
    columns = [str(column) for column in table.columns]
    for name in names:
        if name not in columns:
            why = unknown("column", name, columns, " to group by")
            raise KeyError(f"{why}; columns: {', '.join(columns)}")
    return names


def summary(table: pd.DataFrame, by: str | Sequence[str] = "goals") -> pd.DataFrame:
    """Per group: requests, share feasible, mean and median counters, visits and days, mean fee.

    Given a :func:`compare` result instead, per group: requests, and the mean
    before, after and change of counters, visits and days.

    Raises
    ------
    KeyError
        When a column of ``by`` is not one of the table's; the message lists
        the table's columns and suggests the closest.

    Examples
    --------
    >>> import onestop
    >>> from onestop.analysis import population, summary, table
    >>> cat = onestop.builtin("surabaya")
    >>> s = summary(table(cat, population(cat, 300, year=2027)))
    >>> list(s.columns)  # doctest: +NORMALIZE_WHITESPACE
    ['requests', 'feasible', 'counters_mean', 'counters_median', 'visits_mean',
     'visits_median', 'days_mean', 'days_median', 'fee_mean']
    """
    require()
    groups = table.groupby(_group_columns(table, by), sort=True)
    if "counters_change" in table.columns:
        return groups.agg(
            requests=("counters_change", "size"),
            **{
                f"{what}_{when}": (f"{what}_{when}", "mean")
                for what in _COMPARED
                for when in ("before", "after", "change")
            },
        )
    return groups.agg(
        requests=("feasible", "size"),
        feasible=("feasible", "mean"),
        counters_mean=("counters", "mean"),
        counters_median=("counters", "median"),
        visits_mean=("visits", "mean"),
        visits_median=("visits", "median"),
        days_mean=("days", "mean"),
        days_median=("days", "median"),
        fee_mean=("fee", "mean"),
    )


def compare(
    before: Catalogue,
    after: Catalogue,
    requests: Iterable[Request],
    *,
    progress: bool | None = None,
    workers: int = 1,
) -> pd.DataFrame:
    """The same requests planned on two catalogues: per request, before, after and the change.

    Columns: ``goals``, ``start``, ``feasible_before``, ``feasible_after``,
    and for each of ``counters``, ``visits`` and ``days`` its ``_before``,
    ``_after`` and ``_change`` (after minus before: negative is a saving).
    ``.attrs["summary"]`` holds the mean of each of those over the requests
    feasible both times (``summary()`` gives the same per group).

    Raises
    ------
    TypeError
        When ``before`` or ``after`` is not a :class:`~onestop.Catalogue`
        (a table, say), before anything is planned.

    Examples
    --------
    >>> import onestop
    >>> from onestop.analysis import compare, population
    >>> cat = onestop.builtin("yogyakarta")
    >>> people = population(cat, 200, year=2027)
    >>> c = compare(cat, cat, people)
    >>> c.attrs["summary"]["counters_change"]
    0.0
    """
    require()
    check_catalogue("before", before)
    check_catalogue("after", after)
    requests = list(requests)
    old = table(before, requests, progress=progress, workers=workers)
    new = table(after, requests, progress=progress, workers=workers)
    from onestop.analysis._comparison import Comparison

    out = Comparison(
        {
            "goals": old["goals"],
            "start": old["start"],
            "feasible_before": old["feasible"],
            "feasible_after": new["feasible"],
        }
    )
    for what in _COMPARED:
        out[f"{what}_before"] = old[what]
        out[f"{what}_after"] = new[what]
        out[f"{what}_change"] = new[what] - old[what]
    both = out[out["feasible_before"] & out["feasible_after"]]
    out.attrs["summary"] = {
        column: float(both[column].mean()) if len(both) else float("nan")
        for column in out.columns[4:]
    }
    return out
