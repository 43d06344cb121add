"""The table of plans on Dask: the same rows as :func:`onestop.analysis.table`, past one machine.

Needs the ``onestop[dask]`` extra (dask and distributed). Each partition is
planned with :func:`~onestop.analysis.table` (each distinct request once,
each choice once) on a worker; the catalogue is one object of the graph, so
it travels to each worker once and is prepared there once.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from onestop.analysis._pandas import require
from onestop.analysis.tables import table as _table
from onestop.model import Catalogue
from onestop.request import Request

if TYPE_CHECKING:
    import dask.bag
    import dask.dataframe
    import pandas as pd

__all__ = ["table"]

_OPTIONAL = ("objective", "venues")


def _ids(value: Any) -> tuple[str, ...]:
    """A cell of ids (a tuple, a list, an array or one id) as a tuple."""
    if value is None:
        return ()
    if isinstance(value, str) and value.startswith(("(", "[")):
        raise TypeError(
            f"ids written as text {value!r}: Dask turned a column of tuples into "
            "strings; build the DataFrame inside "
            "dask.config.set({'dataframe.convert-string': False})"
        )
    return (value,) if isinstance(value, str) else tuple(value)


def _start(value: Any) -> dt.date | None:
    import pandas as pd

    if value is None or value is pd.NaT or (isinstance(value, float) and value != value):
        return None
    if isinstance(value, pd.Timestamp | dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    raise TypeError(f"start must be a date, a pandas Timestamp or missing, got {value!r}")


def _requests_of(part: pd.DataFrame) -> list[Request]:
    """The requests of a partition with columns ``goals``, ``holding``, ``start`` (and more)."""
    extra = [c for c in _OPTIONAL if c in part.columns]
    out = []
    for record in part[["goals", "holding", "start", *extra]].itertuples(index=False):
        fields: dict[str, Any] = dict(zip(extra, record[3:], strict=True))
        if "venues" in fields and fields["venues"] is not None:
            fields["venues"] = _ids(fields["venues"])
        out.append(Request(_ids(record[0]), _ids(record[1]), _start(record[2]), **fields))
    return out


def _plan_partition(catalogue: Catalogue, requests: list[Request]) -> pd.DataFrame:
    return _table(catalogue, requests, progress=False)


def _plan_frame_partition(part: pd.DataFrame, catalogue: Catalogue) -> pd.DataFrame:
    return _table(catalogue, _requests_of(part), progress=False)


def table(
    catalogue: Catalogue, requests: dask.bag.Bag | dask.dataframe.DataFrame
) -> dask.dataframe.DataFrame:
    """A Dask DataFrame of plans: one row per request, the columns of ``table()``.

    Parameters
    ----------
    catalogue
        The catalogue to plan on (sent to each worker once).
    requests
        A ``dask.bag.Bag`` of :class:`onestop.Request`, or a Dask DataFrame
        with columns ``goals`` and ``holding`` (tuples or lists of ids) and
        ``start`` (dates; missing: today), and optionally ``objective`` and
        ``venues``. Make it with ``dask.config.set({"dataframe.convert-string":
        False})``, or Dask turns the tuples into their text.

    Returns
    -------
    dask.dataframe.DataFrame
        Lazily planned; ``.compute()`` gives the rows of
        :func:`onestop.analysis.table` in order (each partition's index starts
        at 0: ``.compute().reset_index(drop=True)`` is ``table()``).

    Examples
    --------
    >>> import dask, dask.bag as db, onestop
    >>> from onestop.analysis import population
    >>> from onestop.analysis import dask as on_dask
    >>> cat = onestop.builtin("yogyakarta")
    >>> people = db.from_sequence(population(cat, 100, year=2027), npartitions=2)
    >>> with dask.config.set(scheduler="synchronous"):
    ...     len(on_dask.table(cat, people).compute())
    100
    """
    require("dask.dataframe")
    import dask
    import dask.bag
    import dask.dataframe as dd
    from dask.delayed import delayed

    meta = _table(catalogue, [], progress=False)
    shipped = delayed(catalogue, pure=False)  # hashing a whole catalogue took 5 s
    if isinstance(requests, dask.bag.Bag):
        parts = [
            delayed(_plan_partition, pure=True)(shipped, part)
            for part in requests.to_delayed(optimize_graph=False)
        ]
        # Ids stay tuples: Dask would turn object columns into strings otherwise.
        with dask.config.set({"dataframe.convert-string": False}):
            return dd.from_delayed(parts, meta=meta, verify_meta=False)
    if isinstance(requests, dd.DataFrame):
        missing = {"goals", "holding", "start"} - set(requests.columns)
        if missing:
            raise ValueError(
                f"requests needs the columns goals, holding, start; missing {sorted(missing)}"
            )
        with dask.config.set({"dataframe.convert-string": False}):
            return requests.map_partitions(_plan_frame_partition, shipped, meta=meta)
    raise TypeError(
        "requests must be a dask.bag.Bag of onestop.Request or a dask DataFrame, "
        f"got {type(requests).__name__}"
    )
