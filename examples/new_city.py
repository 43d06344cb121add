"""For a new city: write a catalogue by extending `national`, validate it, plan.

A city with no MPP yet writes one short file: its venue, its counters and
what they offer. Every national service (KTP-el, KK, birth certificate, NIB,
SKCK, ...) comes from the built-in `national` catalogue.

Run: python examples/new_city.py [FOLDER]   (default: a temporary folder)
"""

import datetime as dt
import sys
import tempfile
from pathlib import Path

import onestop
from onestop.cli import main as onestop_command

CITY = """\
format: onestop/1
id: kota-contoh
name: Mal Pelayanan Publik Kota Contoh
extends: [national]

agencies:
  - id: dukcapil
    replaces: true
    name: Dinas Kependudukan dan Pencatatan Sipil Kota Contoh
    short_name: Disdukcapil
    level: city

venues:
  - id: mpp
    name: Mal Pelayanan Publik Kota Contoh
    kind: mpp
    hours:
      - {days: [MO, TU, WE, TH], open: "08:00", close: "15:00"}
      - {days: [FR], open: "08:00", close: "11:00"}

counters:
  - id: mpp-dukcapil
    name: Loket Disdukcapil
    venue: mpp
    services: [akta-kelahiran, kia, kk-perubahan, ktp-el-baru]
  - id: mpp-perizinan
    name: Loket DPMPTSP
    venue: mpp
    services: [nib-umk, spp-irt]

bundles:
  - id: kelahiran
    name: Kelahiran anak
    services: [akta-kelahiran, kia]
"""


def run(folder: Path) -> None:
    path = folder / "kota-contoh.yaml"
    path.write_text(CITY, encoding="utf-8")
    print(f"wrote {path} ({len(CITY.splitlines())} lines)")
    status = onestop_command(["validate", str(path)])  # same as: onestop validate FILE
    if status != 0:
        raise SystemExit(status)
    cat = onestop.load(path)
    print(f"{len(cat.services)} services after merging national, {len(cat.counters)} counters\n")
    plan = onestop.plan(
        cat,
        ["kelahiran"],
        holding=["surat-keterangan-lahir", "kk", "buku-nikah", "ktp-el"],
        start=dt.date(2026, 12, 1),
    )
    print(plan.explain())


if __name__ == "__main__":
    if len(sys.argv) > 1:
        run(Path(sys.argv[1]))
    else:
        with tempfile.TemporaryDirectory() as tmp:
            run(Path(tmp))
