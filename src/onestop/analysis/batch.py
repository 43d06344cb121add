"""Planning many requests: each distinct one once, each choice once, in one process or several.

A population repeats itself (the same life event for the same kind of
citizen on the same day), and :func:`onestop.plan` is deterministic, so the
answer to a request is the answer to every identical one: :func:`plan_many`
and :func:`rows` plan each distinct request once and hand the same
(immutable) answer to each copy. And the same life event for the same kind
of citizen on another day has the same choice of counters and services, only
dated differently: a :class:`Batch` chooses once and dates per start date.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import sys
import threading
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from multiprocessing.context import BaseContext
from typing import Any, TypeGuard, TypeVar, cast

import attrs

from onestop.analysis._progress import progress_bar
from onestop.calendar import FIRST_DATE, LAST_DATE, today
from onestop.errors import PlanningError
from onestop.model import Catalogue
from onestop.planning import Plan, plan
from onestop.planning.planner import Chosen, choose_plan
from onestop.planning.prepared import prepared
from onestop.planning.request import closed_venues
from onestop.request import Request

__all__ = [
    "COLUMNS",
    "Batch",
    "Row",
    "Steps",
    "check_catalogue",
    "distinct",
    "plan_many",
    "row_of",
    "rows",
]

Result = Plan | PlanningError
Row = tuple[Any, ...]
"""One request's row: the values of :data:`COLUMNS`, in that order, then its :data:`Steps`."""
Steps = tuple[tuple[str, str, int], ...]
"""Each service of a plan as (service id, counter id, minutes): what load is counted from."""

COLUMNS = (
    "goals",
    "start",
    "feasible",
    "error",
    "counters",
    "venues",
    "services",
    "visits",
    "counter_ids",
    "venue_ids",
    "finish",
    "days",
    "fee",
    "minutes",
    "optimal",
)
"""The columns of :func:`onestop.analysis.table`."""

T = TypeVar("T")

_CHUNKS_PER_WORKER = 8  # small enough to balance the load, large enough to ship rarely


def check_catalogue(name: str, value: object) -> None:
    """Raise ``TypeError`` naming the parameter ``name`` unless ``value`` is a Catalogue."""
    if not isinstance(value, Catalogue):
        raise TypeError(f"{name} must be a Catalogue, got {type(value).__name__}")


def distinct(catalogue: Catalogue, requests: Iterable[Request]) -> tuple[list[Request], list[int]]:
    """The distinct requests (start resolved to a date) and, per request, its index among them.

    A request without a start starts today in the catalogue's time zone, as
    :func:`onestop.plan` would have it (read once, so a run over midnight
    stays one day).
    """
    check_catalogue("catalogue", catalogue)
    default: dt.date | None = None
    position: dict[Request, int] = {}
    index: list[int] = []
    for request in requests:
        if not isinstance(request, Request):
            raise TypeError(f"expected onestop.Request values, got {request!r}")
        if request.start is None:
            default = default or today(catalogue)
            request = attrs.evolve(request, start=default)
        index.append(position.setdefault(request, len(position)))
    return list(position), index


class Batch:
    """Plans for one catalogue, choosing once per request and dating per start date.

    :func:`onestop.plan` resolves, reduces and chooses (which depends on the
    start date only through the venues that never open within the horizon
    from it), then dates the choice. A batch keeps each choice
    (:class:`~onestop.planning.planner.Chosen`), or the error that stops it,
    under the request without its start and those venues, and dates it for
    each start asked: the same steps as ``plan()``, so the same plans. It lives for one
    call (or one worker process), never shared between threads.
    """

    def __init__(self, catalogue: Catalogue) -> None:
        self.catalogue = catalogue
        self._chosen: dict[tuple[Request, frozenset[int]], Chosen | PlanningError] = {}
        self._closed: dict[dt.date, frozenset[int]] = {}

    def plan(self, request: Request) -> Result:
        """What :func:`onestop.plan` gives for ``request`` (the error rather than raised)."""
        start = request.start
        if not _plain_date_in_range(start):  # a bad start is plan()'s to report
            return self._plain(request)
        # The choice depends on the start only through the venues that never
        # open within the horizon from it: the same set, the same choice.
        key = (attrs.evolve(request, start=None), self._closed_from(start))
        chosen = self._chosen.get(key)
        if chosen is None:
            chosen = self._chosen[key] = self._choose(request)
        if isinstance(chosen, PlanningError):
            # An error naming a venue left out says from which start: not reused.
            return self._plain(request) if key[1] else chosen
        try:
            return chosen.dated(start)
        except PlanningError as error:
            return error

    def _closed_from(self, start: dt.date) -> frozenset[int]:
        closed = self._closed.get(start)
        if closed is None:
            prep = prepared(self.catalogue)
            closed = self._closed[start] = closed_venues(self.catalogue, prep, start)
        return closed

    def _choose(self, request: Request) -> Chosen | PlanningError:
        try:
            return choose_plan(self.catalogue, **request.arguments())
        except PlanningError as error:
            return error

    def _plain(self, request: Request) -> Result:
        try:
            return plan(self.catalogue, request)
        except PlanningError as error:
            return error


def _plain_date_in_range(start: object) -> TypeGuard[dt.date]:
    """Whether *start* is a date (not a datetime) the calendars cover."""
    return (
        isinstance(start, dt.date)
        and not isinstance(start, dt.datetime)
        and FIRST_DATE <= start <= LAST_DATE
    )


def _plan_one(batch: Batch, request: Request) -> Result:
    return batch.plan(request)


def row_of(catalogue: Catalogue, request: Request, result: Result) -> Row:
    """The table row of a request and what :func:`onestop.plan` gave for it."""
    if isinstance(result, PlanningError):
        return (
            request.goals,
            request.start,
            False,
            str(result),
            *[None] * 4,
            (),
            (),
            *[None] * 5,
            (),
        )
    steps: Steps = tuple(
        (s.service, s.counter, catalogue.service(s.service).minutes) for s in result.services
    )
    return (
        request.goals,
        result.start,
        True,
        None,
        len(result.counters),
        len(result.venues),
        len(result.services),
        len(result.visits),
        result.counters,
        result.venues,
        result.finish,
        (result.finish - result.start).days,
        result.fee,
        result.minutes,
        result.optimal,
        steps,
    )


def _row_one(batch: Batch, request: Request) -> Row:
    return row_of(batch.catalogue, request, batch.plan(request))


_worker_batch: list[Batch] = []
"""In a worker process only: its batch, made once by the pool's initializer."""


def _init_worker(catalogue: Catalogue) -> None:
    _worker_batch.append(Batch(catalogue))


def _in_worker(work: Callable[[Batch, Request], T], chunk: Sequence[Request]) -> list[T]:
    batch = _worker_batch[0]
    return [work(batch, request) for request in chunk]


def _by_choice(keys: Sequence[Request]) -> list[int]:
    """An order of ``keys`` keeping requests that share a choice together (for chunking)."""
    first: dict[Request, int] = {}
    for i, key in enumerate(keys):
        first.setdefault(attrs.evolve(key, start=None), i)
    return sorted(range(len(keys)), key=lambda i: (first[attrs.evolve(keys[i], start=None)], i))


def _map(
    work: Callable[[Batch, Request], T],
    catalogue: Catalogue,
    keys: Sequence[Request],
    progress: bool | None,
    workers: int,
) -> list[T]:
    """``work`` on each key, in order, in this process or in ``workers`` processes."""
    if isinstance(workers, bool) or not isinstance(workers, int):
        raise TypeError(f"workers must be a whole number, got {type(workers).__name__}")
    if workers < 1:
        raise ValueError(f"workers must be at least 1, got {workers}")
    if workers > 1 and len(keys) > 1:
        return _map_in_processes(work, catalogue, keys, progress, workers)
    batch = Batch(catalogue)
    out = []
    with progress_bar(len(keys), progress) as bar:
        for key in keys:
            out.append(work(batch, key))
            bar.update()
    return out


def _process_context() -> BaseContext:
    """How worker processes start: ``fork`` where that is safe, ``spawn`` elsewhere.

    A forked worker does not run the caller's script again, so a script
    without an ``if __name__ == "__main__":`` guard works (with ``spawn`` each
    worker re-runs it, and the pool then hangs). Fork only on Linux and only
    while this process has one thread (forking a threaded process can
    deadlock); elsewhere the guard is needed, as for any multiprocessing.
    """
    if sys.platform == "linux" and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


def _map_in_processes(
    work: Callable[[Batch, Request], T],
    catalogue: Catalogue,
    keys: Sequence[Request],
    progress: bool | None,
    workers: int,
) -> list[T]:
    order = _by_choice(keys)
    size = max(1, -(-len(keys) // (workers * _CHUNKS_PER_WORKER)))
    chunks = [[keys[i] for i in order[j : j + size]] for j in range(0, len(order), size)]
    done_in_order: list[T] = []
    with ProcessPoolExecutor(
        workers,
        mp_context=_process_context(),
        initializer=_init_worker,
        initargs=(catalogue,),
    ) as pool:
        # map() submits every chunk, so the workers start here, before the
        # progress bar starts a thread of its own.
        answers = pool.map(_in_worker, [work] * len(chunks), chunks)
        with progress_bar(len(keys), progress) as bar:
            for done in answers:
                done_in_order.extend(done)
                bar.update(len(done))
    results: list[T | None] = [None] * len(keys)
    for i, result in zip(order, done_in_order, strict=True):
        results[i] = result
    return cast(list[T], results)


def plan_many(
    catalogue: Catalogue,
    requests: Iterable[Request],
    *,
    progress: bool | None = None,
    workers: int = 1,
) -> list[Plan | PlanningError]:
    """Plan every request: for each, in order, the :class:`Plan` or the :class:`PlanningError`.

    Exactly what :func:`onestop.plan` gives for each request one by one (the
    error instead of raising it), with each distinct request planned once.

    Parameters
    ----------
    catalogue
        The catalogue to plan on.
    requests
        :class:`onestop.Request` values.
    progress
        A ``tqdm.auto`` bar: ``None`` (default) shows it on a long run in a
        terminal or notebook, ``True`` always, ``False`` never.
    workers
        Processes to plan in (each receives the catalogue once); 1 plans here.

    Returns
    -------
    list of Plan or PlanningError

    Examples
    --------
    >>> import datetime as dt, onestop
    >>> from onestop.analysis import plan_many
    >>> cat = onestop.builtin("probolinggo")
    >>> asks = [onestop.Request("kelahiran", holding=["surat-keterangan-lahir", "kk",
    ...     "buku-nikah"], start=dt.date(2026, 12, 1)), onestop.Request("kia2")]
    >>> [type(r).__name__ for r in plan_many(cat, asks)]
    ['Plan', 'PlanningError']
    """
    keys, index = distinct(catalogue, requests)
    results = _map(_plan_one, catalogue, keys, progress, workers)
    return [results[i] for i in index]


def rows(
    catalogue: Catalogue,
    requests: Iterable[Request],
    *,
    progress: bool | None = None,
    workers: int = 1,
) -> tuple[list[Row], list[int]]:
    """The row of each distinct request and, per request, the index of its row."""
    keys, index = distinct(catalogue, requests)
    return _map(_row_one, catalogue, keys, progress, workers), index
