"""Count how well the built-in catalogues are sourced (issue 13).

Run ``python benchmarks/data_audit.py`` from the repository root. It prints, per
built-in catalogue file, the number of ``assumed:`` notes (in any ``note``
value, each entry counted once) and, for Surabaya, how many of the services the
file defines cite a Surabaya government source: a page on a ``surabaya.go.id``
site, the city's pages on the national SIPPN portal, or a decree of the city
(a Perwali or Perda of Kota Surabaya, a decision of one of its offices, whose
numbers carry the city's code 436). A court's or prosecutor's site whose
host merely contains "surabaya" (pn-surabaya.go.id) is not the city's.

A service can cite the city for its name or its office while its requirement
list comes from elsewhere, and its note then says so ("only the service's
name is sourced", "requirement list was not found", ...). The second count
leaves those out: the services whose requirement list itself is the city's.

Counts are taken from the YAML files as written (not from the merged
catalogue), so they say what each file itself asserts.
"""

from __future__ import annotations

import re
import sys
from importlib import resources
from typing import Any

import yaml

SURABAYA_SOURCE = re.compile(
    r"(?<![\w-])(?:[\w-]+\.)*surabaya\.go\.id"
    r"|sippn\.menpan\.go\.id/pelayanan-publik/\d+/pemerintah-kota-surabaya"
    r"|perwali[-_ ](kota[-_ ])?surabaya|perwali-\d+-surabaya"
    r"|peraturan wali ?kota surabaya|perda[-_ ](kota[-_ ])?surabaya"
    r"|kota[-_ ]surabaya.*(nomor|no\.?)\s*\d|[-_ ]kota[-_ ]surabaya\b(?=\S*scribd)"
    r"|SK-PELAYANAN-DLH-Kota-Surabaya|\b\d{3}(\.\d+)*/\d+/436\.",
    re.IGNORECASE,
)
LIST_FROM_ELSEWHERE = re.compile(
    r"only the service's name"
    r"|requirement list was not (found|visible)"
    r"|requirements were not visible"
    r"|full list[^.;]*not found"
    r"|document list[^.;]*is not in the stored copy",
    re.IGNORECASE,
)
FILES = ("national", "surabaya", "probolinggo", "yogyakarta", "buton-tengah")


def load(name: str) -> dict[str, Any]:
    """The YAML mapping of one built-in catalogue file."""
    text = (resources.files("onestop") / "catalogues" / f"{name}.yaml").read_text("utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    return data


def entries(data: dict[str, Any]) -> list[dict[str, Any]]:
    """The catalogue itself and every entry of every list section."""
    found: list[dict[str, Any]] = [data]
    for value in data.values():
        if isinstance(value, list):
            found.extend(item for item in value if isinstance(item, dict))
    for venue in data.get("venues", []):
        found.extend(h for h in venue.get("hours", []) if isinstance(h, dict))
    return found


def assumed_notes(data: dict[str, Any]) -> int:
    """How many entries carry a note with an ``assumed:`` part."""
    return sum(1 for e in entries(data) if "assumed:" in str(e.get("note", "")))


def cites_surabaya(service: dict[str, Any]) -> bool:
    """Whether a service's source names a Surabaya government page or decree."""
    return bool(SURABAYA_SOURCE.search(str(service.get("source", ""))))


def list_from_surabaya(service: dict[str, Any]) -> bool:
    """Whether a service cites the city and its note does not say the list is from elsewhere."""
    note = " ".join(str(service.get("note", "")).split())
    return cites_surabaya(service) and not LIST_FROM_ELSEWHERE.search(note)


def main() -> int:
    for name in FILES:
        data = load(name)
        print(f"{name:13} assumed notes: {assumed_notes(data):4}  entries: {len(entries(data))}")
    services = load("surabaya")["services"]
    cited = [s["id"] for s in services if cites_surabaya(s)]
    listed = [s["id"] for s in services if list_from_surabaya(s)]
    print(f"surabaya services citing a Surabaya government source: {len(cited)} of {len(services)}")
    print(f"  of which for their requirement list: {len(listed)}")
    if "-v" in sys.argv:
        print("\n".join(sorted(cited)))
        print("cited for the name or office only:", ", ".join(sorted(set(cited) - set(listed))))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
