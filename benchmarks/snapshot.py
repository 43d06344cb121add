"""Record many plans, to check that a refactoring changes no answer, byte for byte.

Each line of the snapshot is one request and what ``plan()`` gave for it:
``Plan.to_dict()`` and ``Plan.explain()``, or the ``PlanningError``'s text.
The requests cover the built-in catalogues (every service and bundle, with
nothing held and with a typical holding, several starts, both objectives,
pop-ups only), the benchmark catalogues (city and national scale, the
adversarial set cover with a small budget) and small random catalogues with
pop-ups, pickups and several venues.

Run from the repository root, before and after a change::

    python benchmarks/snapshot.py record /tmp/before.jsonl
    python benchmarks/snapshot.py compare /tmp/before.jsonl   # exit 1 on any difference

Keep snapshots outside git (they are large and machine independent, but
their job is a comparison between two commits, not a record).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import synthetic

import onestop

STARTS = (dt.date(2026, 12, 1), dt.date(2026, 12, 24), dt.date(2027, 3, 27))
DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")

Request = tuple[onestop.Catalogue, dict[str, Any]]


def builtin_requests() -> Iterator[Request]:
    """Every service and bundle of each built-in catalogue, in a few situations."""
    for name in onestop.builtin_names():
        cat = onestop.builtin(name)
        if not cat.counters:
            continue
        produced = {d for s in cat.services for d in s.produces}
        typical = sorted({d.id for d in cat.documents if d.id not in produced} | _common(cat))
        goals = [s.id for s in cat.services] + [b.id for b in cat.bundles]
        for i, goal in enumerate(goals):
            yield cat, {"goals": [goal], "holding": [], "start": STARTS[i % 3]}
            for start in STARTS:
                yield cat, {"goals": [goal], "holding": typical, "start": start}
            yield (
                cat,
                {
                    "goals": [goal],
                    "holding": typical,
                    "start": STARTS[0],
                    "objective": "venues",
                },
            )
            if any(v.kind == "popup" for v in cat.venues):
                yield (
                    cat,
                    {
                        "goals": [goal],
                        "holding": typical,
                        "start": STARTS[i % 3],
                        "venues": ["popup"],
                    },
                )


def _common(cat: onestop.Catalogue) -> set[str]:
    return {d for d in ("kk", "ktp-el", "akta-kelahiran") if d in {x.id for x in cat.documents}}


def benchmark_requests(city: int, national: int) -> Iterator[Request]:
    """The benchmark's own requests on its synthetic catalogues."""
    cat = synthetic.make_catalogue()
    for r in synthetic.make_requests(cat, city, seed=1):
        yield cat, {"goals": list(r.goals), "holding": list(r.holding), "start": synthetic.START}
    big = synthetic.national()
    for r in synthetic.make_requests(big, national, seed=2):
        yield big, {"goals": list(r.goals), "holding": list(r.holding), "start": synthetic.START}
    cover = synthetic.set_cover_catalogue(60, 60, 8)
    goals = [s.id for s in cover.services]
    for budget in (500, 2_000):
        yield cover, {"goals": goals, "start": synthetic.START, "budget": budget}


def random_requests(n: int, seed: int = 11) -> Iterator[Request]:
    """Small random catalogues with weekly pop-ups, pickups and several venues."""
    rng = random.Random(seed)
    for _ in range(n):
        data, request = _random_case(rng)
        yield onestop.from_dict(data), request


def _random_case(rng: random.Random) -> tuple[dict[str, Any], dict[str, Any]]:
    docs = [f"d{i}" for i in range(rng.randint(3, 11))]
    services = []
    for i in range(rng.randint(3, 10)):
        service: dict[str, Any] = {
            "id": f"s{i}",
            "name": f"Service {i}",
            "agency": "a",
            "produces": rng.sample(docs, rng.randint(1, 2)),
            "requires": [
                {"any_of": rng.sample(docs, 2)} if rng.random() < 0.2 else rng.choice(docs)
                for _ in range(rng.randint(0, 3))
            ],
            "fee": rng.choice([0, 0, 10000, 50000]),
        }
        working_days = rng.choice([0, 0, 1, 2, 3])
        if working_days:
            service["working_days"] = working_days
            service["pickup"] = rng.choice(["counter", "counter", "delivered"])
        services.append(service)
    venues = [
        {"id": f"v{i}", "name": f"Venue {i}", "kind": rng.choice(["mpp", "office", "popup"])}
        | {"hours": _random_hours(rng)}
        for i in range(rng.randint(2, 4))
    ]
    ids = [s["id"] for s in services]
    counters = [
        {
            "id": f"c{i}",
            "venue": rng.choice(venues)["id"],
            "services": rng.sample(ids, rng.randint(1, min(5, len(ids)))),
        }
        for i in range(rng.randint(2, 7))
    ]
    day0 = dt.date(2026, 12, 1)
    closed = {(day0 + dt.timedelta(rng.randint(0, 60))).isoformat() for _ in range(3)}
    data = {
        "format": "onestop/1",
        "id": "random",
        "name": "Random",
        "calendar": {"holidays": rng.choice(["ID", None]), "closed": sorted(closed)},
        "agencies": [{"id": "a", "name": "Agency", "level": "city"}],
        "documents": [{"id": d, "name": f"Document {d}"} for d in docs],
        "services": services,
        "venues": venues,
        "counters": counters,
    }
    offered = sorted({s for c in counters for s in c["services"]})
    request = {
        "goals": rng.sample(offered, rng.randint(1, min(3, len(offered)))),
        "holding": rng.sample(docs, rng.randint(0, 3)),
        "start": day0 + dt.timedelta(rng.randint(0, 30)),
        "objective": rng.choice(["counters", "counters", "venues"]),
    }
    return data, request


def _random_hours(rng: random.Random) -> list[dict[str, Any]]:
    kind = rng.choice(["popup", "popup", "days", "weekdays"])
    if kind == "weekdays":
        return [{"days": list(DAYS[:5]), "open": "08:00", "close": "15:00"}]
    if kind == "days":
        days = sorted(rng.sample(DAYS, rng.randint(1, 4)), key=DAYS.index)
        return [{"days": days, "open": "08:00", "close": "15:00"}]
    first = dt.date(2026, 12, 1) + dt.timedelta(rng.randint(0, 20))
    rule = f"FREQ=WEEKLY;INTERVAL={rng.randint(1, 3)};BYDAY={rng.choice(DAYS)}"
    return [
        {
            "rrule": f"DTSTART:{first:%Y%m%d}\nRRULE:{rule}",
            "open": "08:00",
            "close": "12:00",
            "on_holidays": rng.random() < 0.5,
        }
    ]


def answer(cat: onestop.Catalogue, request: dict[str, Any]) -> dict[str, Any]:
    """What ``plan()`` gives for one request, as JSON-ready data."""
    key = {"catalogue": cat.id, **request, "start": request["start"].isoformat()}
    try:
        p = onestop.plan(cat, **request)
    except onestop.PlanningError as exc:
        return {"request": key, "error": str(exc)}
    return {"request": key, "plan": p.to_dict(), "explain": p.explain()}


def lines(quick: bool) -> Iterator[str]:
    city, national, small = (100, 10, 300) if quick else (600, 60, 1500)
    for source in (builtin_requests(), benchmark_requests(city, national), random_requests(small)):
        for cat, request in source:
            yield json.dumps(answer(cat, request), sort_keys=True, ensure_ascii=False)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=["record", "compare"])
    parser.add_argument("path", type=Path)
    parser.add_argument("--quick", action="store_true", help="fewer requests")
    args = parser.parse_args(argv)
    if args.action == "record":
        count = 0
        with args.path.open("w", encoding="utf-8") as out:
            for line in lines(args.quick):
                out.write(line + "\n")
                count += 1
        print(f"recorded {count} answers in {args.path}")
        return 0
    return compare(args.path.read_text(encoding="utf-8").splitlines(), list(lines(args.quick)))


def compare(expected: list[str], found: list[str]) -> int:
    """Compare answers request by request; 1 if any differs or is missing."""
    old = {_request_of(line): line for line in expected}
    new = {_request_of(line): line for line in found}
    differ = [key for key in old if key in new and old[key] != new[key]]
    for key in differ[:3]:
        print(f"differs:\n- {old[key][:400]}\n+ {new[key][:400]}")
    gone, added = len(old.keys() - new.keys()), len(new.keys() - old.keys())
    plans = sum('"plan"' in line for line in expected)
    print(
        f"compared {len(old.keys() & new.keys())} answers ({plans} plans recorded): "
        f"{len(differ)} differ; {gone} requests no longer asked, {added} new"
    )
    return 1 if differ or gone else 0


def _request_of(line: str) -> str:
    return json.dumps(json.loads(line)["request"], sort_keys=True)


if __name__ == "__main__":
    raise SystemExit(main())
