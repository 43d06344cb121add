"""For an analyst: compare the built-in cities on the same life events.

For each city and life-event bundle, plan for an adult citizen who holds a
family card, a KTP-el, a birth certificate and a land title, plus every
document that no service in that catalogue produces (birth letter, school
certificate, ...), and tabulate counters, venues, visits and days to finish.

Run: python examples/compare_cities.py
"""

import datetime as dt

import onestop

CITIES = ["probolinggo", "surabaya", "yogyakarta", "buton-tengah"]
EVENTS = [
    "kelahiran",
    "pindah-datang",
    "menikah",
    "buka-usaha-mikro",
    "melamar-kerja",
    "mendirikan-rumah",
    "sim",
]
START = dt.date(2026, 12, 1)


def starting_documents(cat: onestop.Catalogue) -> list[str]:
    produced = {doc for service in cat.services for doc in service.produces}
    brought = [doc.id for doc in cat.documents if doc.id not in produced]
    # A land title only a lost-title replacement issues is held by whoever had one.
    title = ["sertifikat-tanah"] if "sertifikat-tanah" in produced else []
    return [*brought, "kk", "ktp-el", "akta-kelahiran", *title]


def main() -> None:
    header = (
        f"{'city':<13} {'life event':<17} {'counters':>8} {'venues':>6} {'visits':>6} {'days':>5}"
    )
    print(header)
    print("-" * len(header))
    for city in CITIES:
        cat = onestop.builtin(city)
        holding = starting_documents(cat)
        bundles = {bundle.id for bundle in cat.bundles}
        for event in EVENTS:
            if event not in bundles:
                print(f"{city:<13} {event:<17} {'(not offered)':>29}")
                continue
            plan = onestop.plan(cat, [event], holding=holding, start=START)
            days = (plan.finish - plan.start).days
            print(
                f"{city:<13} {event:<17} {len(plan.counters):>8} {len(plan.venues):>6} "
                f"{len(plan.visits):>6} {days:>5}"
            )


if __name__ == "__main__":
    main()
