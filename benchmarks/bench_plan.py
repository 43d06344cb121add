"""Benchmark ``onestop.plan()``: speed, and the same optimum as CP-SAT.

Run from the repository root (``make bench`` installs the ``bench`` extra,
OR-Tools, first)::

    python benchmarks/bench_plan.py            # full run, under ~10 minutes on 2 cores
    python benchmarks/bench_plan.py --quick    # fewer requests, a minute or two

What it does (see docs/performance.md for the method and the results):

1. the city-scale synthetic catalogue (600 services, ``synthetic.make_catalogue``):
   per-catalogue preparation, then ``plan()`` on every request (bundles of
   1-10 goals, ``start=2026-12-01``), one call each, ``time.perf_counter_ns``;
2. the same requests with the generic CP-SAT model (``cpsat.py``), if
   ``ortools`` is installed: the (counters, venues, services) optimum must be
   identical on every request; a mismatch is printed, and the smallest one is
   written as a catalogue to ``/tmp/mismatch.yaml`` (goals and holding in its
   header comments);
3. the national-scale catalogue (5,000 services): preparation, ``plan()`` on
   up to 500 requests within a time cap, and the CP-SAT check on those. It
   runs in a second process, on the second core, while step 1-2 run
   (``--serial`` runs it after them instead);
4. an adversarial set-cover catalogue, where ``plan()`` with a small budget
   returns ``optimal=False`` and a lower bound.

Everything is printed as Markdown.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import datetime as dt
import gc
import json
import os
import platform
import statistics
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import synthetic

import onestop
from onestop.calendar import work_calendar
from onestop.planning import planner as planner_module
from onestop.planning.planner import DEFAULT_BUDGET
from onestop.planning.prepared import prepared

try:
    import cpsat
except ImportError:  # ortools is an optional benchmark dependency
    cpsat = None  # type: ignore[assignment]

START = synthetic.START
MISMATCH_PATH = Path("/tmp/mismatch.yaml")
NATIONAL_MISMATCH_PATH = Path("/tmp/mismatch-national.yaml")


# ------------------------------------------------------------------ helpers
def percentile(values: list[float], q: float) -> float:
    """The q-quantile (0-1), nearest rank."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    index = min(len(ordered) - 1, max(0, round(q * len(ordered) + 0.5) - 1))
    return ordered[index]


def summary(values: list[float]) -> dict[str, float]:
    return {
        "n": len(values),
        "median": statistics.median(values) if values else float("nan"),
        "p90": percentile(values, 0.90),
        "p99": percentile(values, 0.99),
        "max": max(values) if values else float("nan"),
        "mean": statistics.fmean(values) if values else float("nan"),
    }


def fmt(ms: float) -> str:
    if ms != ms:  # nan
        return "-"
    if ms < 10:
        return f"{ms:.3f}"
    if ms < 1000:
        return f"{ms:.1f}"
    return f"{ms:,.0f}"


def warm_calendar(catalogue: onestop.Catalogue) -> None:
    """Build what plan() builds lazily for dates around START: holidays and open dates."""
    cal = work_calendar(catalogue)
    for year in (START.year, START.year + 1):
        cal.holidays(year)
        cal.working_ordinals(year)
        for venue in catalogue.venues:
            cal.open_ordinals(venue.id, year)


def preparation(catalogue: onestop.Catalogue) -> dict[str, float]:
    """Time the per-catalogue preparation of a fresh catalogue, in ms."""
    t0 = time.perf_counter_ns()
    prepared(catalogue)
    t1 = time.perf_counter_ns()
    warm_calendar(catalogue)
    t2 = time.perf_counter_ns()
    return {"prepare": (t1 - t0) / 1e6, "calendar": (t2 - t1) / 1e6}


def first_call_overhead(make: Any, request: synthetic.Request) -> float:
    """First plan() on a fresh catalogue minus the best of later calls, in ms."""
    catalogue = make()
    times = []
    for _ in range(6):
        t0 = time.perf_counter_ns()
        onestop.plan(catalogue, request.goals, holding=request.holding, start=START)
        times.append((time.perf_counter_ns() - t0) / 1e6)
    return times[0] - min(times[1:])


def counts(p: onestop.Plan) -> tuple[int, int, int]:
    return (len(p.counters), len(p.venues), len(p.services))


def run_plans(
    catalogue: onestop.Catalogue,
    requests: list[synthetic.Request],
    deadline: float | None = None,
) -> list[dict[str, Any]]:
    """plan() once per request; stop early (keeping what is done) past *deadline*."""
    rows = []
    gc.collect()
    for i, request in enumerate(requests):
        if deadline is not None and time.monotonic() > deadline:
            break
        row: dict[str, Any] = {"i": i, "goals": len(request.goals)}
        t0 = time.perf_counter_ns()
        try:
            p = onestop.plan(catalogue, request.goals, holding=request.holding, start=START)
        except Exception as exc:
            row["ms"] = (time.perf_counter_ns() - t0) / 1e6
            row["error"] = f"{type(exc).__name__}: {str(exc).splitlines()[0][:120]}"
        else:
            row["ms"] = (time.perf_counter_ns() - t0) / 1e6
            row["counts"] = counts(p)
            row["optimal"] = p.optimal
            row["lower_bound"] = p.lower_bound
        rows.append(row)
    return rows


def run_cpsat(
    catalogue: onestop.Catalogue,
    requests: list[synthetic.Request],
    rows: list[dict[str, Any]],
    time_limit: float = 120.0,
) -> None:
    """Solve each request of *rows* with CP-SAT; add its counts and time to the row."""
    assert cpsat is not None
    index = cpsat.Index(catalogue)
    for row in rows:
        request = requests[row["i"]]
        try:
            found = cpsat.solve(
                catalogue, request.goals, request.holding, index=index, time_limit=time_limit
            )
        except ValueError as exc:
            row["cp_error"] = str(exc)
            continue
        row["cp_ms"] = found.seconds * 1e3
        row["cp_counts"] = (found.counters, found.venues, found.services)
        row["cp_optimal"] = found.optimal
        row["cone"] = found.cone


def breakdown(catalogue: onestop.Catalogue, requests: list[synthetic.Request]) -> dict[str, float]:
    """Share of plan() time in the choice (choice.choose) and the dating (ties.earliest).

    A separate, instrumented pass: the library's functions are wrapped here, not changed.
    """
    spent = {"solve": 0, "schedule": 0, "nodes": 0}
    steps = {"solve": "choose", "schedule": "earliest"}  # the report's names -> planner's
    originals = {name: getattr(planner_module, step) for name, step in steps.items()}

    def wrap(name: str) -> Any:
        inner = originals[name]

        def timed(*args: Any, **kwargs: Any) -> Any:
            t0 = time.perf_counter_ns()
            try:
                return inner(*args, **kwargs)
            finally:
                spent[name] += time.perf_counter_ns() - t0
                if name == "solve":
                    spent["nodes"] += kwargs["budget"].used

        return timed

    total = 0
    try:
        for name, step in steps.items():
            setattr(planner_module, step, wrap(name))
        for request in requests:
            t0 = time.perf_counter_ns()
            onestop.plan(catalogue, request.goals, holding=request.holding, start=START)
            total += time.perf_counter_ns() - t0
    finally:
        for name, fn in originals.items():
            setattr(planner_module, steps[name], fn)
    return {
        "requests": len(requests),
        "total_ms": total / 1e6,
        "solve": spent["solve"] / total,
        "schedule": spent["schedule"] / total,
        "nodes": spent["nodes"] / len(requests),
    }


def sub_catalogue(
    catalogue: onestop.Catalogue, request: synthetic.Request
) -> onestop.Catalogue | None:
    """The part of *catalogue* that matters to *request*: its cone, counters, venues."""
    assert cpsat is not None
    index = cpsat.Index(catalogue)
    keep = set(cpsat.cone(index, request.goals, set(request.holding)))
    data = onestop.to_dict(catalogue)
    data["id"] = f"{catalogue.id}-mismatch"
    data.pop("bundles", None)
    data["services"] = [s for s in data["services"] if s["id"] in keep]
    counters = []
    for counter in data["counters"]:
        offered = [s for s in counter["services"] if s in keep]
        if offered:
            counters.append({**counter, "services": offered})
    data["counters"] = counters
    used_venues = {c["venue"] for c in counters}
    data["venues"] = [v for v in data["venues"] if v["id"] in used_venues]
    agencies = {s["agency"] for s in data["services"]}
    data["agencies"] = [a for a in data["agencies"] if a["id"] in agencies]
    docs: set[str] = set()
    for s in catalogue.services:
        if s.id in keep:
            docs.update(s.requires.documents())
            docs.update(s.produces)
    data["documents"] = [d for d in data["documents"] if d["id"] in docs]
    try:
        return onestop.from_dict(data)
    except onestop.CatalogueError:
        return None


def dump_mismatch(
    catalogue: onestop.Catalogue,
    request: synthetic.Request,
    row: dict[str, Any],
    path: Path = MISMATCH_PATH,
) -> None:
    """Write the smallest catalogue that still shows the mismatch, with the request."""
    assert cpsat is not None
    small = sub_catalogue(catalogue, request)
    chosen, note = catalogue, "the whole catalogue (the cone alone does not show it)"
    if small is not None:
        known = {doc.id for doc in small.documents}
        held = [d for d in request.holding if d in known]
        try:
            p = onestop.plan(small, request.goals, holding=held, start=START)
            found = cpsat.solve(small, request.goals, held)
        except onestop.Error:
            pass
        else:
            if (
                counts(p) == row["counts"]
                and (
                    found.counters,
                    found.venues,
                    found.services,
                )
                == row["cp_counts"]
            ):
                chosen, note = small, "the request's cone of the benchmark catalogue"
    known = {doc.id for doc in chosen.documents}
    holding = [d for d in request.holding if d in known]
    header = [
        "# plan() and CP-SAT disagree on this instance (benchmarks/bench_plan.py).",
        f"# catalogue: {note}",
        f"# goals: [{', '.join(request.goals)}]",
        f"# holding: [{', '.join(holding)}]",
        f"# start: {START.isoformat()}",
        f"# plan() (counters, venues, services): {row['counts']}, optimal={row['optimal']},"
        f" lower_bound={row['lower_bound']}",
        f"# CP-SAT optimum (counters, venues, services): {row['cp_counts']}",
        "",
    ]
    path.write_text("\n".join(header) + onestop.dumps(chosen, "yaml"), encoding="utf-8")


def compare(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [r for r in rows if "cp_counts" in r and "counts" in r and r["counts"] != r["cp_counts"]]


def dump_smallest(
    catalogue: onestop.Catalogue,
    requests: list[synthetic.Request],
    rows: list[dict[str, Any]],
    path: Path,
) -> Path | None:
    """Dump the smallest mismatch, preferring one where plan() claims optimality."""
    mism = compare(rows)
    if not mism:
        return None
    row = min(mism, key=lambda r: (not r["optimal"], r.get("cone", 0), r["goals"]))
    dump_mismatch(catalogue, requests[row["i"]], row, path)
    return path


# ------------------------------------------------------------------- stages
def national_stage(n_requests: int, seconds: float, with_cpsat: bool) -> dict[str, Any]:
    """The national-scale catalogue: build, prepare, plan (time-capped), CP-SAT check."""
    t0 = time.perf_counter()
    catalogue = synthetic.national()
    build_s = time.perf_counter() - t0
    prep = preparation(catalogue)
    requests = synthetic.make_requests(catalogue, n_requests, seed=2)
    rows = run_plans(catalogue, requests, deadline=time.monotonic() + seconds)
    if with_cpsat and cpsat is not None:
        run_cpsat(catalogue, requests, rows)
    dumped = dump_smallest(catalogue, requests, rows, NATIONAL_MISMATCH_PATH)
    return {
        "services": len(catalogue.services),
        "documents": len(catalogue.documents),
        "agencies": len(catalogue.agencies),
        "counters": len(catalogue.counters),
        "venues": len(catalogue.venues),
        "build_s": build_s,
        "prep": prep,
        "requested": n_requests,
        "rows": rows,
        "dumped": dumped,
    }


def adversarial_stage(quick: bool) -> dict[str, Any]:
    catalogue = synthetic.set_cover_catalogue(60, 60, 8)
    goals = [s.id for s in catalogue.services]
    out: dict[str, Any] = {"services": len(goals), "counters": len(catalogue.counters)}
    for budget in (2_000, DEFAULT_BUDGET):
        t0 = time.perf_counter_ns()
        p = onestop.plan(catalogue, goals, start=START, budget=budget)
        ms = (time.perf_counter_ns() - t0) / 1e6
        out[budget] = {
            "ms": ms,
            "optimal": p.optimal,
            "lower_bound": p.lower_bound,
            "counters": len(p.counters),
        }
    if cpsat is not None:
        limit = 10.0 if quick else 30.0
        found = cpsat.solve(catalogue, goals, (), time_limit=limit)
        out["cpsat"] = {
            "ms": found.seconds * 1e3,
            "counters": found.counters,
            "optimal": found.optimal,
            "limit": limit,
        }
    return out


# ----------------------------------------------------------------- reporting
def by_size(rows: list[dict[str, Any]]) -> list[str]:
    lines = [
        "| goals | requests | plan() median ms | p99 ms | max ms |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for lo, hi in ((1, 1), (2, 3), (4, 6), (7, 10)):
        ms = [r["ms"] for r in rows if lo <= r["goals"] <= hi and "counts" in r]
        if ms:
            s = summary(ms)
            label = f"{lo}" if lo == hi else f"{lo}-{hi}"
            lines.append(
                f"| {label} | {s['n']} | {fmt(s['median'])} | {fmt(s['p99'])} | {fmt(s['max'])} |"
            )
    return lines


def report_rows(title: str, rows: list[dict[str, Any]], requested: int) -> list[str]:
    ok = [r for r in rows if "counts" in r]
    errors = [r for r in rows if "error" in r]
    plan_s = summary([r["ms"] for r in ok])
    lines = [
        f"### {title}",
        "",
        f"{len(rows)} of {requested} requests timed; {len(errors)} raised;"
        f" {sum(1 for r in ok if not r['optimal'])} returned optimal=False (budget reached).",
        "",
        "| solver | requests | median ms | p90 ms | p99 ms | max ms | mean ms |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
        f"| plan() | {plan_s['n']} | {fmt(plan_s['median'])} | {fmt(plan_s['p90'])} |"
        f" {fmt(plan_s['p99'])} | {fmt(plan_s['max'])} | {fmt(plan_s['mean'])} |",
    ]
    both = [r for r in ok if "cp_ms" in r]
    if both:
        cp_s = summary([r["cp_ms"] for r in both])
        lines.append(
            f"| CP-SAT | {cp_s['n']} | {fmt(cp_s['median'])} | {fmt(cp_s['p90'])} |"
            f" {fmt(cp_s['p99'])} | {fmt(cp_s['max'])} | {fmt(cp_s['mean'])} |"
        )
        ratio = cp_s["median"] / plan_s["median"]
        per = statistics.median(r["cp_ms"] / r["ms"] for r in both)
        mism = compare(rows)
        proven = sum(1 for r in both if r["cp_optimal"])
        lines += [
            "",
            f"- speed ratio CP-SAT median / plan() median: **{ratio:.2f}x**;"
            f" per-instance median of CP-SAT/plan(): **{per:.2f}x**",
            f"- CP-SAT proved optimality on {proven} of {len(both)};"
            f" median cone {statistics.median(r['cone'] for r in both):.0f} services",
            f"- same (counters, venues, services) optimum: **{len(both) - len(mism)} of"
            f" {len(both)}**; mismatches: {len(mism)}"
            f" ({sum(1 for r in mism if r['optimal'])} with plan() claiming optimal)",
        ]
        for r in mism[:10]:
            lines.append(
                f"  - request {r['i']} ({r['goals']} goals): plan() {r['counts']}"
                f" optimal={r['optimal']} lower_bound={r['lower_bound']},"
                f" CP-SAT {r['cp_counts']} (proved={r['cp_optimal']})"
            )
    for r in errors[:5]:
        lines.append(f"- request {r['i']}: {r['error']} after {fmt(r['ms'])} ms")
    lines += ["", *by_size(rows), ""]
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer requests (a minute or two)")
    parser.add_argument("--serial", action="store_true", help="national run after, not beside")
    parser.add_argument("--requests", type=int, help="requests on the city catalogue")
    parser.add_argument("--json", type=Path, help="also write every measurement to this file")
    args = parser.parse_args(argv)
    n_city = args.requests or (200 if args.quick else 2000)
    n_national, national_s = (30, 60.0) if args.quick else (500, 420.0)
    started = time.perf_counter()

    print("# onestop plan() benchmark\n")
    print(
        f"- {dt.datetime.now().isoformat(timespec='seconds')}; Python {platform.python_version()}"
        f" ({platform.python_implementation()}); {platform.machine()};"
        f" {os.cpu_count()} cores; onestop {onestop.__version__};"
        + (f" ortools {_ortools_version()}" if cpsat is not None else " ortools not installed")
    )
    if cpsat is None:
        print("- CP-SAT comparison skipped: `ortools` is not importable (`pip install ortools`).")
    print()

    pool = None
    national_future = None
    if not args.serial:
        pool = concurrent.futures.ProcessPoolExecutor(max_workers=1)
        national_future = pool.submit(national_stage, n_national, national_s, True)

    # 1. City scale.
    t0 = time.perf_counter()
    city = synthetic.make_catalogue()
    build_s = time.perf_counter() - t0
    prep = preparation(city)
    requests = synthetic.make_requests(city, n_city, seed=1)
    overhead = first_call_overhead(synthetic.make_catalogue, requests[0])
    rows = run_plans(city, requests)
    dumped = None
    if cpsat is not None:
        run_cpsat(city, requests, rows)
        dumped = dump_smallest(city, requests, rows, MISMATCH_PATH)

    print("## City scale (Surabaya-like MPP)\n")
    print(
        f"{len(city.services)} services, {len(city.documents)} documents,"
        f" {len(city.agencies)} agencies, {len(city.counters)} counters,"
        f" {len(city.venues)} venues; built and checked by from_dict in {build_s * 1e3:.0f} ms.\n"
    )
    print("| preparation (once per catalogue) | ms |")
    print("| --- | ---: |")
    print(f"| prepared(catalogue) | {fmt(prep['prepare'])} |")
    print(f"| work_calendar warm-up (2026-2027 holidays, open dates) | {fmt(prep['calendar'])} |")
    print(f"| first plan() on a fresh catalogue minus a later call | {fmt(overhead)} |")
    print()
    print("\n".join(report_rows("plan() per request", rows, n_city)))
    share = breakdown(city, requests[: min(len(requests), 200)])
    print(
        f"Where the time goes (a separate instrumented pass over {share['requests']} requests,"
        f" {fmt(share['total_ms'])} ms): choosing counters and services (select.solve)"
        f" {share['solve']:.0%}, dating the visits (itinerary.schedule)"
        f" {share['schedule']:.0%}, the rest {1 - share['solve'] - share['schedule']:.0%};"
        f" {share['nodes']:.0f} search nodes per request on average.\n"
    )
    if dumped is not None:
        print(f"Smallest mismatch written to {dumped}.\n")

    # 2. Adversarial.
    adv = adversarial_stage(args.quick)
    print("## Adversarial: set cover\n")
    print(
        f"{adv['services']} services without requirements, {adv['counters']} counters at one"
        " venue, each offering 8 random services; the goals are all services.\n"
    )
    print("| solver | budget / limit | ms | counters | optimal | lower bound |")
    print("| --- | --- | ---: | ---: | --- | ---: |")
    for budget in (2_000, DEFAULT_BUDGET):
        a = adv[budget]
        print(
            f"| plan() | {budget:,} nodes | {fmt(a['ms'])} | {a['counters']} | {a['optimal']} |"
            f" {a['lower_bound']} |"
        )
    if "cpsat" in adv:
        c = adv["cpsat"]
        print(
            f"| CP-SAT (1 worker) | {c['limit']:.0f} s | {fmt(c['ms'])} | {c['counters']} |"
            f" {c['optimal']} | - |"
        )
    print()

    # 3. National scale.
    if national_future is not None:
        national = national_future.result()
        assert pool is not None
        pool.shutdown()
    else:
        national = national_stage(n_national, national_s, True)
    print("## National scale\n")
    print(
        f"{national['services']} services, {national['documents']} documents,"
        f" {national['agencies']} agencies, {national['counters']} counters,"
        f" {national['venues']} venues; built in {national['build_s']:.1f} s;"
        f" prepared(catalogue) {fmt(national['prep']['prepare'])} ms,"
        f" calendar warm-up {fmt(national['prep']['calendar'])} ms."
        f" plan() capped at {national_s:.0f} s in all"
        + (" (run in a second process, beside the city run)." if not args.serial else ".")
        + "\n"
    )
    print("\n".join(report_rows("plan() per request", national["rows"], national["requested"])))
    if national["dumped"] is not None:
        print(f"Smallest mismatch written to {national['dumped']}.\n")
    print(f"Total benchmark time: {time.perf_counter() - started:.0f} s.")
    if args.json is not None:
        raw = {
            "city": {"preparation": prep, "first_call_overhead": overhead, "rows": rows},
            "adversarial": {str(k): v for k, v in adv.items()},
            "national": {k: v for k, v in national.items() if k != "dumped"},
        }
        args.json.write_text(json.dumps(raw, indent=1, default=str), encoding="utf-8")
    return 0


def _ortools_version() -> str:
    import ortools

    return str(ortools.__version__)


if __name__ == "__main__":
    raise SystemExit(main())
