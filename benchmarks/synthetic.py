"""Deterministic synthetic catalogues and requests for the planner benchmarks.

``make_catalogue()`` builds a catalogue in the format's plain-data form and
returns it through :func:`onestop.from_dict`, so it is checked like any file.
The defaults are the scale of Surabaya's MPP (600 services, 600 documents, 40
agencies, 150 counters, 3 venues); :func:`national` gives the national scale
(5,000 services). The shape follows real catalogues:

* a handful of identity documents (``kk``, ``ktp-el``, ``akta-kelahiran``,
  ``npwp``, ...) that most services ask for, issued by a core of civil
  registry, tax and religious-affairs services, with the KTP-el / KK cycle
  (a new KTP-el needs the KK, a KK update needs the KTP-el);
* supporting documents that no service issues (``pas-foto``, letters from the
  neighbourhood head, ...), which a citizen brings;
* every other service issues one document (some two); a service at level
  ``L`` (0-3) needs a document issued at level ``L - 1``, so requirement
  chains are 1-4 services deep; about 20% of services have an ``any_of``
  (sometimes with a nested ``all_of``); some documents are issued by 2-3
  services (a second route, often of another agency); a few extra cycles
  (a service needing a document whose only issuer needs the first one's);
* each service is offered at 1-3 counters; counters mostly belong to one
  agency, a few joint counters offer services of many agencies;
* venues: ``mpp`` (Monday-Friday 08:00-15:00), ``office``, ``online`` (no
  hours: open every day), and for the national scale more MPPs, offices and a
  pop-up with an ``rrule``;
* ``working_days`` mostly 0, some 1-5, with pickup at the counter or delivery.

``make_requests()`` draws bundles of 1-10 goal services (goals of one request
lean towards the same agencies, like a life event) with the typical holding
of a citizen, and keeps only those that can be planned.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any, NamedTuple

import onestop

__all__ = [
    "START",
    "Request",
    "make_catalogue",
    "make_requests",
    "national",
    "reachable",
    "set_cover_catalogue",
    "typical_holding",
]

START = dt.date(2026, 12, 1)
"""The start date used by every benchmark request."""

# Agencies of a large city MPP (short id, name, level); more are numbered copies.
_AGENCIES: list[tuple[str, str, str]] = [
    ("dispendukcapil", "Dinas Kependudukan dan Pencatatan Sipil", "city"),
    ("dpmptsp", "Dinas Penanaman Modal dan PTSP", "city"),
    ("imigrasi", "Kantor Imigrasi", "vertical"),
    ("polrestabes", "Kepolisian Resor Kota Besar", "vertical"),
    ("kpp-pratama", "Kantor Pelayanan Pajak Pratama", "vertical"),
    ("bpn", "Kantor Pertanahan", "vertical"),
    ("kemenag", "Kantor Kementerian Agama", "vertical"),
    ("bpjs-kesehatan", "BPJS Kesehatan", "national"),
    ("bpjs-tk", "BPJS Ketenagakerjaan", "national"),
    ("samsat", "Samsat", "province"),
    ("bapenda", "Badan Pendapatan Daerah", "city"),
    ("disnaker", "Dinas Tenaga Kerja", "city"),
    ("dinkes", "Dinas Kesehatan", "city"),
    ("dinsos", "Dinas Sosial", "city"),
    ("dishub", "Dinas Perhubungan", "city"),
    ("dlh", "Dinas Lingkungan Hidup", "city"),
    ("dprkpp", "Dinas Perumahan Rakyat dan Kawasan Permukiman", "city"),
    ("dkpp", "Dinas Ketahanan Pangan dan Pertanian", "city"),
    ("dinkopum", "Dinas Koperasi dan Usaha Mikro", "city"),
    ("disperdag", "Dinas Perdagangan", "city"),
    ("dispora", "Dinas Kepemudaan dan Olahraga", "city"),
    ("disbudpar", "Dinas Kebudayaan dan Pariwisata", "city"),
    ("dispendik", "Dinas Pendidikan", "city"),
    ("pn", "Pengadilan Negeri", "vertical"),
    ("pa", "Pengadilan Agama", "vertical"),
    ("kejari", "Kejaksaan Negeri", "vertical"),
    ("bnn", "Badan Narkotika Nasional Kota", "vertical"),
    ("bpom", "Balai Besar POM", "vertical"),
    ("kanwil-kumham", "Kantor Wilayah Kementerian Hukum", "vertical"),
    ("pdam", "Perusahaan Daerah Air Minum", "bumd"),
    ("bank-jatim", "Bank Pembangunan Daerah", "bumd"),
    ("pln", "PT PLN (Persero)", "bumn"),
    ("pos", "PT Pos Indonesia", "bumn"),
    ("pegadaian", "PT Pegadaian", "bumn"),
    ("taspen", "PT Taspen", "bumn"),
    ("bri", "PT Bank Rakyat Indonesia", "bumn"),
    ("telkom", "PT Telkom Indonesia", "bumn"),
    ("dinas-pu", "Dinas Sumber Daya Air dan Bina Marga", "city"),
    ("satpol-pp", "Satuan Polisi Pamong Praja", "city"),
    ("bakesbangpol", "Badan Kesatuan Bangsa dan Politik", "city"),
    ("kecamatan", "Kantor Kecamatan", "city"),
    ("disperkim", "Dinas Permukiman", "regency"),
    ("dinas-kominfo", "Dinas Komunikasi dan Informatika", "city"),
    ("bkpsdm", "Badan Kepegawaian dan PSDM", "city"),
    ("notaris", "Ikatan Notaris (layanan mitra)", "private"),
]

# Documents nobody in the catalogue issues: the citizen brings them.
_BROUGHT = [
    ("pas-foto", "Pas foto"),
    ("surat-pengantar-rt-rw", "Surat pengantar RT/RW"),
    ("surat-keterangan-lahir", "Surat keterangan lahir (bidan/rumah sakit)"),
    ("surat-pemberkatan", "Surat pemberkatan perkawinan"),
    ("surat-keterangan-hilang-polisi", "Surat keterangan kehilangan"),
    ("ijazah", "Ijazah"),
    ("surat-keterangan-sehat", "Surat keterangan sehat"),
    ("denah-lokasi", "Denah lokasi"),
    ("bukti-kepemilikan", "Bukti kepemilikan"),
    ("surat-kuasa", "Surat kuasa"),
    ("materai", "Meterai"),
    ("rekening-listrik", "Rekening listrik"),
]

# The identity core: (service id, name, agency, requires, produces, working_days, pickup).
_CORE: list[tuple[str, str, str, Any, list[str], int, str]] = [
    (
        "kk-baru",
        "Penerbitan KK baru",
        "dispendukcapil",
        ["surat-pengantar-rt-rw", {"any_of": ["buku-nikah", "akta-perkawinan"]}],
        ["kk"],
        0,
        "counter",
    ),
    ("kk-perubahan", "Perubahan KK", "dispendukcapil", ["ktp-el"], ["kk"], 0, "counter"),
    (
        "ktp-el-baru",
        "Perekaman dan penerbitan KTP-el",
        "dispendukcapil",
        ["kk", "pas-foto"],
        ["ktp-el"],
        0,
        "counter",
    ),
    (
        "ktp-el-hilang",
        "Penggantian KTP-el hilang",
        "dispendukcapil",
        ["kk", "surat-keterangan-hilang-polisi"],
        ["ktp-el"],
        0,
        "counter",
    ),
    (
        "akta-kelahiran",
        "Penerbitan akta kelahiran",
        "dispendukcapil",
        ["surat-keterangan-lahir", "kk", {"any_of": ["buku-nikah", "akta-perkawinan"]}],
        ["akta-kelahiran", "kk"],
        0,
        "counter",
    ),
    (
        "kia",
        "Kartu Identitas Anak",
        "dispendukcapil",
        ["akta-kelahiran", "kk"],
        ["kia"],
        0,
        "counter",
    ),
    (
        "pencatatan-nikah",
        "Pencatatan nikah",
        "kemenag",
        ["ktp-el", "kk", "akta-kelahiran", "surat-pengantar-rt-rw"],
        ["buku-nikah"],
        3,
        "counter",
    ),
    (
        "akta-perkawinan",
        "Penerbitan akta perkawinan",
        "dispendukcapil",
        ["ktp-el", "kk", "surat-pemberkatan"],
        ["akta-perkawinan", "kk"],
        1,
        "delivered",
    ),
    ("npwp", "Pendaftaran NPWP", "kpp-pratama", ["ktp-el"], ["npwp"], 0, "counter"),
    ("nib", "Nomor Induk Berusaha (OSS)", "dpmptsp", ["ktp-el", "npwp"], ["nib"], 0, "counter"),
    (
        "skck",
        "Surat Keterangan Catatan Kepolisian",
        "polrestabes",
        ["ktp-el", "kk", "akta-kelahiran", "pas-foto"],
        ["skck"],
        0,
        "counter",
    ),
    (
        "bpjs-kesehatan-daftar",
        "Pendaftaran peserta BPJS Kesehatan",
        "bpjs-kesehatan",
        ["ktp-el", "kk"],
        ["kartu-jkn"],
        0,
        "counter",
    ),
]
_IDENTITY = [
    ("kk", "Kartu Keluarga"),
    ("ktp-el", "KTP elektronik"),
    ("akta-kelahiran", "Akta kelahiran"),
    ("kia", "Kartu Identitas Anak"),
    ("buku-nikah", "Buku nikah"),
    ("akta-perkawinan", "Akta perkawinan"),
    ("npwp", "Nomor Pokok Wajib Pajak"),
    ("nib", "Nomor Induk Berusaha"),
    ("skck", "SKCK"),
    ("kartu-jkn", "Kartu JKN-KIS"),
]
# How often a generated service asks for each identity document.
_IDENTITY_NEED = [
    ("ktp-el", 0.8),
    ("kk", 0.6),
    ("akta-kelahiran", 0.1),
    ("npwp", 0.1),
    ("nib", 0.04),
    ("kartu-jkn", 0.03),
    ("skck", 0.02),
]
_KINDS = [
    "izin",
    "surat-keterangan",
    "rekomendasi",
    "sertifikat",
    "pendaftaran",
    "legalisir",
    "tanda-daftar",
    "persetujuan",
    "kartu",
    "surat-izin",
]
_WEEKDAYS = ["MO", "TU", "WE", "TH", "FR"]


class Request(NamedTuple):
    """One planning request: goal service ids and the documents held."""

    goals: tuple[str, ...]
    holding: tuple[str, ...]


def _venues(n_venues: int) -> list[dict[str, Any]]:
    weekdays = {"days": _WEEKDAYS, "open": "08:00", "close": "15:00"}
    venues: list[dict[str, Any]] = [
        {"id": "mpp", "name": "Mal Pelayanan Publik", "kind": "mpp", "hours": [weekdays]},
        {
            "id": "office",
            "name": "Kantor dinas",
            "kind": "office",
            "hours": [{"days": _WEEKDAYS, "open": "07:30", "close": "16:00"}],
        },
        {"id": "online", "name": "Portal layanan daring", "kind": "online"},
    ]
    extra = 0
    while len(venues) < n_venues:
        extra += 1
        kind = ("mpp", "office", "popup", "mpp", "online")[(extra - 1) % 5]
        venue: dict[str, Any] = {"id": f"{kind}-{extra + 1}", "name": f"{kind} {extra + 1}"}
        venue["kind"] = kind
        if kind == "mpp":
            venue["hours"] = [
                weekdays,
                {"days": ["SA"], "open": "08:00", "close": "12:00"},
            ]
        elif kind == "office":
            venue["hours"] = [{"days": _WEEKDAYS, "open": "08:00", "close": "14:00"}]
        elif kind == "popup":
            venue["hours"] = [
                {
                    "rrule": "DTSTART:20260906\nRRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=SU",
                    "open": "07:00",
                    "close": "11:00",
                    "on_holidays": True,
                }
            ]
        venues.append(venue)
    return venues[:n_venues]


def _agencies(n_agencies: int) -> list[dict[str, Any]]:
    out = []
    for i in range(n_agencies):
        short, name, level = _AGENCIES[i % len(_AGENCIES)]
        copy = i // len(_AGENCIES)
        if copy:
            short, name = f"{short}-{copy + 1}", f"{name} ({copy + 1})"
        out.append({"id": short, "name": name, "level": level})
    return out


def make_catalogue(
    n_services: int = 600,
    n_documents: int = 600,
    n_agencies: int = 40,
    n_counters: int = 150,
    n_venues: int = 3,
    seed: int = 0,
    *,
    catalogue_id: str = "synthetic",
) -> onestop.Catalogue:
    """Return a synthetic catalogue (see the module docstring for its shape)."""
    return onestop.from_dict(
        catalogue_data(
            n_services, n_documents, n_agencies, n_counters, n_venues, seed, catalogue_id
        )
    )


def national(seed: int = 0) -> onestop.Catalogue:
    """Return the national-scale synthetic catalogue (5,000 services)."""
    return make_catalogue(5000, 5000, 300, 1200, 10, seed, catalogue_id="synthetic-national")


def catalogue_data(
    n_services: int = 600,
    n_documents: int = 600,
    n_agencies: int = 40,
    n_counters: int = 150,
    n_venues: int = 3,
    seed: int = 0,
    catalogue_id: str = "synthetic",
) -> dict[str, Any]:
    """Return the plain data of :func:`make_catalogue`."""
    rng = random.Random(seed)
    if n_venues < 3:
        raise ValueError("at least 3 venues (mpp, office, online)")
    agencies = _agencies(max(n_agencies, 6))
    agency_ids = [a["id"] for a in agencies]
    # Agency sizes: a few large ones (civil registry, licensing), a long tail.
    weights = [1.0 / (1 + i) ** 0.8 for i in range(len(agency_ids))]
    weights[0] *= 2.5  # dispendukcapil
    weights[1] *= 2.0  # dpmptsp

    # ---------------------------------------------------------------- documents
    n_brought = max(len(_BROUGHT), n_documents * 15 // 100)
    brought = list(_BROUGHT) + [
        (f"dokumen-pendukung-{i}", f"Dokumen pendukung {i}")
        for i in range(1, n_brought - len(_BROUGHT) + 1)
    ]
    brought_ids = [d for d, _ in brought]
    n_made = max(10, n_documents - len(_IDENTITY) - len(brought))
    n_generated = n_services - len(_CORE)
    if n_generated < 10:
        raise ValueError("too few services")

    # ----------------------------------------------------------------- services
    level_of = rng.choices([0, 1, 2, 3], weights=[40, 30, 20, 10], k=n_generated)
    level_of.sort()  # lower levels first, so their documents exist
    agency_of = rng.choices(agency_ids, weights=weights, k=n_generated)
    services: list[dict[str, Any]] = []
    documents: list[dict[str, Any]] = [{"id": d, "name": n} for d, n in _IDENTITY]
    documents += [{"id": d, "name": n} for d, n in brought]
    made_by_level: list[list[str]] = [[], [], [], []]
    made_by_agency_level: dict[tuple[str, int], list[str]] = {}
    producers: dict[str, list[int]] = {}
    made_count = 0
    # The first n_made services issue a new document each; the rest issue one that
    # already exists (a second or third route), preferring their agency's.
    new_doc = [True] * min(n_made, n_generated) + [False] * max(0, n_generated - n_made)
    rng.shuffle(new_doc)
    for level in range(4):  # the first service of each level issues a new document
        if level in level_of:
            first = level_of.index(level)
            if not new_doc[first]:
                new_doc[first] = True
                new_doc[new_doc.index(True, first + 1)] = False
    for j in range(n_generated):
        level, agency = level_of[j], agency_of[j]
        kind = rng.choice(_KINDS)
        sid = f"{agency}-{kind}-{j}"
        if new_doc[j] or not made_by_level[level]:
            made_count += 1
            doc = f"{kind}-{agency}-{made_count}"
            documents.append({"id": doc, "name": f"{kind.replace('-', ' ').title()} {made_count}"})
            made_by_level[level].append(doc)
            made_by_agency_level.setdefault((agency, level), []).append(doc)
        else:
            same = [
                d
                for d in made_by_agency_level.get((agency, level), [])
                if len(producers.get(d, [])) < 3
            ]
            pool = same or [d for d in made_by_level[level] if len(producers.get(d, [])) < 3]
            doc = rng.choice(pool) if pool else rng.choice(made_by_level[level])
        produces = [doc]
        # Some services also update a document of a lower level (as akta-kelahiran updates the KK).
        if level and rng.random() < 0.08:
            extra = rng.choice(made_by_level[rng.randrange(level)])
            if extra != doc:
                produces.append(extra)
        # Requirements: identity documents, brought documents, prerequisites.
        items: list[Any] = [d for d, p in _IDENTITY_NEED if rng.random() < p]
        items += rng.sample(brought_ids, rng.choice([0, 1, 1, 2, 2, 3]))
        prereqs: list[Any] = []
        if level:
            own = [d for d in made_by_agency_level.get((agency, level - 1), []) if d != doc]
            pool = own if own and rng.random() < 0.6 else made_by_level[level - 1]
            prereqs.append(rng.choice(pool))
            if rng.random() < 0.3:
                prereqs.append(rng.choice(made_by_level[rng.randrange(level)]))
        prereqs = [d for d in dict.fromkeys(prereqs) if d not in produces]
        if rng.random() < 0.2:
            # An any_of: alternatives to a prerequisite (or to a brought document).
            lower = [d for lv in range(level) for d in made_by_level[lv]] if level else []
            if prereqs:
                first = prereqs.pop(0)
                alts: list[Any] = [first]
                for _ in range(rng.choice([1, 1, 2])):
                    if rng.random() < 0.25 and len(lower) > 1:
                        alts.append({"all_of": rng.sample(lower, 2)})
                    elif lower:
                        alts.append(rng.choice(lower))
            else:
                alts = rng.sample(brought_ids, 2)
                if rng.random() < 0.5:
                    alts.append(rng.choice(["akta-kelahiran", "npwp", "skck", "kartu-jkn"]))
            alts = [a for a in alts if a not in produces]
            if len(alts) >= 2:
                items.append({"any_of": alts})
            elif alts:
                items.append(alts[0])
        items += prereqs
        items = [i for i in items if not isinstance(i, str) or i not in produces]
        slow = rng.random() < 0.25
        service: dict[str, Any] = {
            "id": sid,
            "name": f"{kind.replace('-', ' ').title()} ({agency}) {j}",
            "agency": agency,
            "requires": items,
            "produces": produces,
            "minutes": rng.choice([5, 10, 15, 15, 20, 30, 45]),
        }
        if slow:
            service["working_days"] = rng.randint(1, 5)
            service["pickup"] = rng.choice(["counter", "delivered"])
        if rng.random() < 0.3:
            service["fee"] = rng.choice([10_000, 25_000, 50_000, 100_000, 350_000])
        services.append(service)
        for d in produces:
            producers.setdefault(d, []).append(j)

    # A few cycles beyond KTP-el/KK: a service needs a document whose issuer
    # (only, or one of its issuers) needs the first service's document.
    n_cycles = max(2, n_services // 100)
    for _ in range(n_cycles):
        a, b = rng.sample(range(n_generated), 2)
        sa, sb = services[a], services[b]
        da, db = sa["produces"][0], sb["produces"][0]
        if da == db or db in sa["produces"] or da in sb["produces"]:
            continue
        sa["requires"].append(db)
        if rng.random() < 0.5:
            sb["requires"].append(da)  # a hard cycle: broken by another issuer or a holding
        else:
            sb["requires"].append({"any_of": [da, rng.choice(brought_ids)]})

    core_agencies = set(agency_ids)
    for sid, name, agency, requires, produces, days, pickup in _CORE:
        if agency not in core_agencies:
            agency = agency_ids[0]
        entry: dict[str, Any] = {
            "id": sid,
            "name": name,
            "agency": agency,
            "requires": requires,
            "produces": produces,
        }
        if days:
            entry["working_days"] = days
            entry["pickup"] = pickup
        services.insert(0, entry) if sid == "kk-baru" else services.append(entry)

    # ----------------------------------------------------------------- counters
    venues = _venues(n_venues)
    venue_ids = [v["id"] for v in venues]
    mpps = [v["id"] for v in venues if v["kind"] == "mpp"]
    others = [v for v in venue_ids if v not in mpps]
    by_agency: dict[str, list[str]] = {}
    for s in services:
        by_agency.setdefault(s["agency"], []).append(s["id"])
    n_joint = max(2, n_counters // 30)
    own_total = n_counters - n_joint
    active = [a for a in agency_ids if a in by_agency]
    if own_total < len(active):
        raise ValueError("too few counters for the agencies")
    total_services = sum(len(by_agency[a]) for a in active)
    quota = dict.fromkeys(active, 1)
    spare = own_total - len(active)
    # Hand out the remaining counters by largest remainder of the service share.
    share = {a: spare * len(by_agency[a]) / total_services for a in active}
    for a in active:
        quota[a] += int(share[a])
    left = own_total - sum(quota.values())
    for a in sorted(active, key=lambda a: -(share[a] - int(share[a])))[:left]:
        quota[a] += 1
    counters: list[dict[str, Any]] = []
    offered_at: dict[str, list[int]] = {}
    for a in active:
        home_mpp = rng.choice(mpps)
        at_mpp = rng.random() < 0.85
        agency_counters = []
        for c in range(quota[a]):
            if c == 0:
                venue = home_mpp if at_mpp else rng.choice(others)
            else:
                venue = rng.choices(
                    [home_mpp, rng.choice(mpps), rng.choice(others)], weights=[5, 1, 3]
                )[0]
            counters.append({"id": f"loket-{a}-{c + 1}", "venue": venue, "services": []})
            agency_counters.append(len(counters) - 1)
        for sid in by_agency[a]:
            k = min(len(agency_counters), rng.choices([1, 2, 3], weights=[50, 35, 15])[0])
            for c in rng.sample(agency_counters, k):
                counters[c]["services"].append(sid)
                offered_at.setdefault(sid, []).append(c)
        for c in agency_counters:
            if not counters[c]["services"]:
                sid = rng.choice(by_agency[a])
                counters[c]["services"].append(sid)
                offered_at[sid].append(c)
    # Joint counters: many agencies' services at one MPP counter.
    all_ids = [s["id"] for s in services]
    for j in range(n_joint):
        venue = mpps[j % len(mpps)]
        size = rng.randint(10, 30)
        pool = rng.sample(all_ids, min(len(all_ids), 4 * size))
        chosen = [s for s in pool if len(offered_at[s]) < 3][:size] or pool[:1]
        counters.append({"id": f"loket-terpadu-{j + 1}", "venue": venue, "services": chosen})
        for sid in chosen:
            offered_at[sid].append(len(counters) - 1)

    return {
        "format": "onestop/1",
        "id": catalogue_id,
        "name": f"Synthetic catalogue ({n_services} services, seed {seed})",
        "calendar": {"holidays": "ID", "closed": ["2026-12-24"]},
        "agencies": agencies,
        "documents": documents,
        "services": services,
        "venues": venues,
        "counters": counters,
    }


def typical_holding(catalogue: onestop.Catalogue) -> tuple[str, ...]:
    """The documents no service issues, plus ``kk`` and ``ktp-el``."""
    produced = {d for s in catalogue.services for d in s.produces}
    held = [d.id for d in catalogue.documents if d.id not in produced]
    doc_ids = {d.id for d in catalogue.documents}
    held += [d for d in ("kk", "ktp-el") if d not in held and d in doc_ids]
    return tuple(sorted(held))


def reachable(catalogue: onestop.Catalogue, holding: tuple[str, ...]) -> set[str]:
    """Services that can be done at all from *holding* (offered, requirements obtainable)."""
    offered = {sid for counter in catalogue.counters for sid in counter.services}
    docs = set(holding)
    done: set[str] = set()
    todo = [s for s in catalogue.services if s.id in offered]
    changed = True
    while changed:
        changed = False
        rest = []
        for s in todo:
            if s.requires.satisfied_by(docs):
                done.add(s.id)
                docs.update(s.produces)
                changed = True
            else:
                rest.append(s)
        todo = rest
    return done


def make_requests(
    catalogue: onestop.Catalogue, n: int, seed: int = 1, *, verify: bool = False
) -> list[Request]:
    """Return *n* feasible requests of 1-10 goals each, with the typical holding.

    A request's goals lean towards the agencies of its first goal (as a life
    event does). Goals are drawn among the services that can be done at all
    from the holding, which is exactly when :func:`onestop.plan` does not
    raise :class:`onestop.PlanningError` for an unreachable goal (the venues
    here open often enough for any itinerary). With *verify*, each request is
    also planned once and kept only when that raises no ``PlanningError``.
    """
    rng = random.Random(seed)
    holding = typical_holding(catalogue)
    can = reachable(catalogue, holding)
    ids = [s.id for s in catalogue.services if s.id in can]
    by_agency: dict[str, list[str]] = {}
    for s in catalogue.services:
        if s.id in can:
            by_agency.setdefault(s.agency, []).append(s.id)
    agency_of = {s.id: s.agency for s in catalogue.services}
    requests: list[Request] = []
    while len(requests) < n:
        k = min(rng.randint(1, 10), len(ids))
        goals = [rng.choice(ids)]
        while len(goals) < k:
            if rng.random() < 0.5:
                goal = rng.choice(by_agency[agency_of[rng.choice(goals)]])
            else:
                goal = rng.choice(ids)
            if goal not in goals:
                goals.append(goal)
        if verify:
            try:
                onestop.plan(catalogue, goals, holding=holding, start=START)
            except onestop.PlanningError:
                continue
        requests.append(Request(tuple(goals), holding))
    return requests


def set_cover_catalogue(
    n_elements: int = 60, n_sets: int = 60, set_size: int = 8, seed: int = 7
) -> onestop.Catalogue:
    """An adversarial catalogue: plain set cover.

    ``n_elements`` services without requirements, each offered by some of
    ``n_sets`` counters at one venue (every counter offers ``set_size``
    random services). Planning all of them is minimum set cover, NP-hard;
    the planner's lower bound (disjoint blocking sets) is weak on it.
    """
    rng = random.Random(seed)
    services = [
        {"id": f"layanan-{i}", "name": f"Layanan {i}", "agency": "dinas"} for i in range(n_elements)
    ]
    counters = []
    covered: set[int] = set()
    for k in range(n_sets):
        members = rng.sample(range(n_elements), set_size)
        covered.update(members)
        counters.append(
            {"id": f"loket-{k}", "venue": "mpp", "services": [f"layanan-{i}" for i in members]}
        )
    for i in sorted(set(range(n_elements)) - covered):
        counters[rng.randrange(n_sets)]["services"].append(f"layanan-{i}")
    return onestop.from_dict(
        {
            "format": "onestop/1",
            "id": "set-cover",
            "name": "Adversarial set-cover catalogue",
            "agencies": [{"id": "dinas", "name": "Dinas", "level": "city"}],
            "documents": [{"id": "ktp-el", "name": "KTP-el"}],
            "services": services,
            "venues": [{"id": "mpp", "name": "MPP", "kind": "mpp"}],
            "counters": counters,
        }
    )
