"""Time onestop.analysis.table on a Surabaya population, against a plain loop of plan().

In one run, so that the ratios compare like with like on a shared machine:

1. ``table(surabaya, population(surabaya, N))`` for N = 1,000,000 (``--n``),
   with 1 and 2 worker processes (``--workers``);
2. on the same first 100,000 requests (``--plain``): a plain loop of
   ``plan()`` building the same rows, then ``table()``; the two tables must be
   equal (the run fails otherwise), and the ratio is printed;
3. with ``--dask``, ``onestop.analysis.dask.table`` on a local cluster of 2
   worker processes, against ``table(..., workers=2)``.

Run: python benchmarks/bench_analysis.py [--n 1000000] [--plain 100000] [--dask]
The output is Markdown on standard output.
"""

import argparse
import os
import time
from collections.abc import Callable
from typing import Any

import pandas as pd

import onestop
from onestop.analysis import population, table
from onestop.analysis.batch import row_of
from onestop.analysis.tables import frame

YEAR = 2027


def timed(what: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    result = what()
    return time.perf_counter() - start, result


def plain_table(cat: onestop.Catalogue, requests: list[onestop.Request]) -> pd.DataFrame:
    """What an analyst writes without onestop.analysis: plan each request, flatten the rows."""
    rows = []
    for request in requests:
        try:
            result: onestop.Plan | onestop.PlanningError = onestop.plan(cat, request)
        except onestop.PlanningError as error:
            result = error
        rows.append(row_of(cat, request, result))
    return frame(rows, range(len(rows)))


def dask_table(cat: onestop.Catalogue, requests: list[onestop.Request]) -> tuple[float, float]:
    """(seconds on a 2-process local cluster, of which starting the cluster)."""
    import dask.bag as db
    from distributed import Client, LocalCluster

    from onestop.analysis import dask as onestop_dask

    start = time.perf_counter()
    with (
        LocalCluster(n_workers=2, threads_per_worker=1, processes=True) as cluster,
        Client(cluster),
    ):
        ready = time.perf_counter()
        bag = db.from_sequence(requests, npartitions=8)
        onestop_dask.table(cat, bag).compute()
        done = time.perf_counter()
    return done - start, ready - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1_000_000)
    parser.add_argument("--plain", type=int, default=100_000)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--dask", action="store_true")
    args = parser.parse_args()
    cat = onestop.builtin("surabaya")
    onestop.plan(cat, onestop.Request("kia", holding=["kk", "akta-kelahiran"]))  # prepare once

    made, people = timed(lambda: population(cat, args.n, seed=0, year=YEAR))
    distinct = len(set(people))
    print(f"# onestop.analysis on Surabaya ({os.cpu_count()} cores, shared machine)\n")
    print(f"population(surabaya, {args.n:,}): {made:.2f} s; {distinct:,} distinct requests\n")
    print("| run | requests | seconds | requests/s |")
    print("| --- | ---: | ---: | ---: |")
    for workers in args.workers:
        seconds, big = timed(lambda w=workers: table(cat, people, workers=w, progress=False))
        assert len(big) == args.n
        print(
            f"| table, workers={workers} | {args.n:,} | {seconds:.2f} | {args.n / seconds:,.0f} |"
        )

    some = people[: args.plain]
    loop_s, loop = timed(lambda: plain_table(cat, some))
    fast_s, fast = timed(lambda: table(cat, some, progress=False))
    pd.testing.assert_frame_equal(loop, fast)  # the same rows, or the run fails
    rate = len(some) / loop_s
    print(f"| plain loop of plan() + rows | {len(some):,} | {loop_s:.2f} | {rate:,.0f} |")
    print(f"| table, workers=1 | {len(some):,} | {fast_s:.2f} | {len(some) / fast_s:,.0f} |")
    print(f"\ntable() is {loop_s / fast_s:.1f}x the plain loop on the same {len(some):,} requests")
    print("(the two tables are equal).")

    if args.dask:
        two_s, _ = timed(lambda: table(cat, people, workers=2, progress=False))
        dask_s, startup_s = dask_table(cat, people)
        print(
            f"\nDask, local cluster of 2 processes, {args.n:,} requests: {dask_s:.2f} s "
            f"(of which {startup_s:.2f} s starting the cluster); table(workers=2): {two_s:.2f} s; "
            f"overhead {dask_s / two_s:.2f}x"
        )


if __name__ == "__main__":
    main()
