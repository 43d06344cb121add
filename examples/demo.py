"""`make demo`: a real plan on the built-in Probolinggo catalogue.

A family in Kota Probolinggo has a newborn. They hold the hospital's birth
letter, their family card (KK), their marriage book and KTP-el. Which
counters must they visit, when, and with which documents?

Run: python examples/demo.py
"""

import datetime as dt

import onestop

catalogue = onestop.builtin("probolinggo")
print(f"Catalogue: {catalogue.name}")
print(
    f"  {len(catalogue.agencies)} agencies, {len(catalogue.services)} services, "
    f"{len(catalogue.venues)} venues, {len(catalogue.counters)} counters\n"
)

holding = ["surat-keterangan-lahir", "kk", "buku-nikah", "ktp-el"]
plan = onestop.plan(catalogue, ["kelahiran"], holding=holding, start=dt.date(2026, 12, 1))
print(plan.explain())

print("\nThe same family also opens a home food business (NIB, SPP-IRT, halal):\n")
business = onestop.plan(
    catalogue,
    ["kelahiran", "buka-usaha-mikro"],
    holding=[*holding, "label-pangan"],
    start=dt.date(2026, 12, 1),
)
print(business.explain())
