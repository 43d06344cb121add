"""Many goals at one venue: how the dating scales with the number of services in a plan.

A synthetic catalogue of 10,000 services at one MPP (one counter per ten
services), each needing a held document, one in four ready after a few
working days and picked up at the counter; plans of 1,000, 3,000 and 10,000
goals are timed (one call each, after a warm-up). The planner should scale
about linearly: the time per goal should stay about flat.

Run: python benchmarks/bench_one_venue.py [--sizes 1000,3000,10000]
"""

from __future__ import annotations

import argparse
import datetime as dt
import time
from typing import Any

import onestop

START = dt.date(2026, 12, 1)


def catalogue(n: int = 10_000) -> onestop.Catalogue:
    """*n* services at one venue: every fourth picked up after 1-3 working days."""
    services: list[dict[str, Any]] = []
    for i in range(n):
        service: dict[str, Any] = {
            "id": f"layanan-{i}",
            "name": f"Layanan {i}",
            "agency": "dinas",
            "requires": ["ktp-el"],
            "produces": [f"dok-{i}"],
        }
        if i % 4 == 0:
            service |= {"working_days": 1 + i % 3, "pickup": "counter"}
        services.append(service)
    return onestop.from_dict(
        {
            "format": "onestop/1",
            "id": "one-venue",
            "name": "One venue, many services",
            "agencies": [{"id": "dinas", "name": "Dinas", "level": "city"}],
            "documents": [{"id": "ktp-el", "name": "KTP-el"}]
            + [{"id": f"dok-{i}", "name": f"Dokumen {i}"} for i in range(n)],
            "services": services,
            "venues": [
                {
                    "id": "mpp",
                    "name": "MPP",
                    "kind": "mpp",
                    "hours": [
                        {"days": ["MO", "TU", "WE", "TH", "FR"], "open": "08:00", "close": "15:00"}
                    ],
                }
            ],
            "counters": [
                {
                    "id": f"loket-{k}",
                    "venue": "mpp",
                    "services": [f"layanan-{i}" for i in range(k * 10, k * 10 + 10)],
                }
                for k in range(n // 10)
            ],
        }
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,3000,10000")
    args = parser.parse_args(argv)
    sizes = [int(x) for x in args.sizes.split(",")]
    cat = catalogue(max(sizes))
    onestop.plan(cat, ["layanan-0"], holding=["ktp-el"], start=START)  # prepare
    print("| goals | plan() s | ms per goal | visits |")
    print("| --- | --- | --- | --- |")
    for n in sizes:
        goals = [f"layanan-{i}" for i in range(n)]
        t0 = time.perf_counter()
        p = onestop.plan(cat, goals, holding=["ktp-el"], start=START)
        seconds = time.perf_counter() - t0
        print(f"| {n:,} | {seconds:.2f} | {seconds / n * 1e3:.3f} | {len(p.visits)} |")


if __name__ == "__main__":
    main()
