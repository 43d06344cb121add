"""Time plan() on the built-in cities' real life-event bundles.

For each built-in city catalogue and each of its bundles, plan 50 times for
an adult holding a family card, a KTP-el, a birth certificate and every
document no service of the catalogue issues; print median, p90, p99, max.

Run: python benchmarks/bench_life_events.py
"""

import datetime as dt
import time

import onestop

CITIES = ["probolinggo", "surabaya", "yogyakarta", "buton-tengah"]
REPEAT = 50


def main() -> None:
    times: list[float] = []
    for name in CITIES:
        cat = onestop.builtin(name)
        produced = {d for s in cat.services for d in s.produces}
        holding = [d.id for d in cat.documents if d.id not in produced]
        holding += ["kk", "ktp-el", "akta-kelahiran"]
        bundles = [b.id for b in cat.bundles]
        onestop.plan(cat, bundles[:1], holding=holding, start=dt.date(2026, 12, 1))  # prepare
        for bundle in bundles:
            for _ in range(REPEAT):
                start = time.perf_counter_ns()
                onestop.plan(cat, [bundle], holding=holding, start=dt.date(2026, 12, 1))
                times.append((time.perf_counter_ns() - start) / 1e6)
    times.sort()
    n = len(times)
    print(
        f"{n} plan() calls on {len(CITIES)} cities' life events: "
        f"median {times[n // 2]:.3f} ms, p90 {times[int(0.9 * (n - 1))]:.3f} ms, "
        f"p99 {times[int(0.99 * (n - 1))]:.3f} ms, max {times[-1]:.3f} ms"
    )


if __name__ == "__main__":
    main()
