"""``population()``: realistic requests for a catalogue, drawn from life events.

A population is what a mall serves in a year: births, moves, marriages,
business start-ups, job applications, ... each by a kind of citizen who
holds the documents such a citizen typically holds, on a working day of the
year. The weights are how often each life event happens, per 1,000
residents a year; each says where it comes from or that it is assumed.
"""

from __future__ import annotations

import datetime as dt
import random

import attrs

from onestop.calendar import today, work_calendar
from onestop.model import Catalogue
from onestop.request import Request

__all__ = ["LIFE_EVENTS", "OTHER_BUNDLE", "Citizen", "LifeEvent", "population"]

ADULT = ("ktp-el", "kk")
"""What an adult resident holds: an e-KTP and the family card."""


@attrs.frozen
class Citizen:
    """A kind of citizen: a name and the documents such a citizen typically holds."""

    name: str
    holding: tuple[str, ...]
    share: float
    """The share of this life event's citizens who fit this profile."""
    note: str
    """Where the profile comes from, or ``"assumed: ..."``."""


@attrs.frozen
class LifeEvent:
    """A life event, the bundle that serves it and how often it happens."""

    bundle: str
    """The bundle id the built-in catalogues use for it."""
    per_1000: float
    """Occurrences per 1,000 residents a year."""
    source: str
    """Where the rate comes from, or ``"assumed: ..."``."""
    citizens: tuple[Citizen, ...]


def _citizen(name: str, holding: tuple[str, ...], share: float, note: str) -> Citizen:
    return Citizen(name, holding, share, note)


LIFE_EVENTS: tuple[LifeEvent, ...] = (
    LifeEvent(
        "kelahiran",
        16.0,
        "assumed: a crude birth rate of about 16 per 1,000 (about 4.4 million births "
        "for 280 million people)",
        (
            _citizen(
                "parents of a newborn, with JKN",
                (*ADULT, "buku-nikah", "surat-keterangan-lahir", "bukti-jkn-aktif"),
                0.8,
                "assumed: most parents are JKN members",
            ),
            _citizen(
                "parents of a newborn, without JKN",
                (*ADULT, "buku-nikah", "surat-keterangan-lahir"),
                0.2,
                "assumed",
            ),
        ),
    ),
    LifeEvent(
        "menikah",
        5.6,
        "BPS, Statistik Indonesia 2024: 1,577,255 marriages in 2023, for about 281 million people "
        "(https://theeditor.id/laporan-bps-ungkap-angka-pernikahan-di-indonesia-terus-menurun/)",
        (
            _citizen(
                "an engaged adult",
                (*ADULT, "akta-kelahiran", "surat-pengantar-rt-rw", "surat-pemberkatan"),
                1.0,
                "assumed: holds the letters the marriage services ask for",
            ),
        ),
    ),
    LifeEvent(
        "kematian",
        6.5,
        "assumed: a crude death rate of about 6.5 per 1,000",
        (
            _citizen(
                "a bereaved family",
                (*ADULT, "surat-keterangan-kematian", "ktp-saksi"),
                1.0,
                "assumed",
            ),
        ),
    ),
    LifeEvent(
        "pindah-datang",
        10.0,
        "assumed: about 1 resident in 100 moves in from another regency each year",
        (_citizen("a family moving in", (*ADULT, "skpwni"), 1.0, "assumed"),),
    ),
    LifeEvent(
        "buka-usaha-mikro",
        5.0,
        "assumed: about 5 new micro businesses per 1,000 residents a year",
        (
            _citizen(
                "a first-time food business owner",
                (*ADULT, "label-pangan", "sppt-pbb"),
                1.0,
                "assumed",
            ),
        ),
    ),
    LifeEvent(
        "melamar-kerja",
        10.0,
        "assumed: about 10 job seekers per 1,000 residents a year",
        (
            _citizen(
                "a school leaver with JKN",
                (*ADULT, "akta-kelahiran", "ijazah", "bukti-jkn-aktif"),
                0.7,
                "assumed",
            ),
            _citizen(
                "a school leaver without JKN",
                (*ADULT, "akta-kelahiran", "ijazah"),
                0.3,
                "assumed",
            ),
        ),
    ),
    LifeEvent(
        "mendirikan-rumah",
        1.0,
        "assumed: about 1 house-building permit per 1,000 residents a year",
        (
            _citizen(
                "a landowner with plans",
                (*ADULT, "sertifikat-tanah", "sppt-pbb", "gambar-teknis"),
                1.0,
                "assumed",
            ),
        ),
    ),
    LifeEvent(
        "sim",
        8.0,
        "assumed: about 8 new driving licences per 1,000 residents a year",
        (
            _citizen(
                "a first-time driver with test results",
                (*ADULT, "hasil-rikkes", "hasil-psikologi", "bukti-jkn-aktif"),
                1.0,
                "assumed",
            ),
        ),
    ),
    LifeEvent(
        "perpanjangan-sim",
        12.0,
        "assumed: licences last 5 years, so about a fifth of 60 per 1,000 holders renew each year",
        (
            _citizen(
                "a driver renewing",
                (*ADULT, "sim-a", "sim-c", "hasil-rikkes", "hasil-psikologi", "bukti-jkn-aktif"),
                1.0,
                "assumed",
            ),
        ),
    ),
)
"""The life events :func:`population` draws from, with their rates and profiles."""

OTHER_BUNDLE = LifeEvent(
    "",
    1.0,
    "assumed: a bundle of a catalogue's own, about 1 per 1,000 residents a year",
    (_citizen("an adult resident", ADULT, 1.0, "assumed"),),
)
"""How a bundle that no life event above names is weighted and who asks for it."""


def _templates(catalogue: Catalogue) -> tuple[list[tuple[str, tuple[str, ...]]], list[float]]:
    """Each (bundle, holding) the catalogue can be asked for, with its weight."""
    known = {event.bundle: event for event in LIFE_EVENTS}
    documents = {d.id for d in catalogue.documents}
    templates: list[tuple[str, tuple[str, ...]]] = []
    weights: list[float] = []
    for bundle in catalogue.bundles:
        event = known.get(bundle.id, OTHER_BUNDLE)
        for citizen in event.citizens:
            templates.append((bundle.id, tuple(d for d in citizen.holding if d in documents)))
            weights.append(event.per_1000 * citizen.share)
    return templates, weights


def population(
    catalogue: Catalogue, n: int, *, seed: int = 0, year: int | None = None
) -> list[Request]:
    """``n`` realistic requests: life-event bundles by how often they happen.

    Each request is one of the catalogue's bundles, drawn with the weight of
    its life event in :data:`LIFE_EVENTS` (a bundle none names gets
    :data:`OTHER_BUNDLE`'s), asked by one of that event's profiles (holding
    the profile's documents that the catalogue knows), starting on a working
    day of ``year`` drawn uniformly. Identical requests are the same object.

    Parameters
    ----------
    catalogue
        The catalogue whose bundles are drawn.
    n
        How many requests.
    seed
        The same seed (and year) gives the same requests.
    year
        The year of the start dates; default the current year in the
        catalogue's time zone.

    Returns
    -------
    list of Request

    Raises
    ------
    TypeError
        When ``n`` is not a whole number.
    ValueError
        When ``n`` is negative or the catalogue has no bundles.

    Examples
    --------
    >>> import onestop
    >>> from onestop.analysis import population
    >>> cat = onestop.builtin("surabaya")
    >>> people = population(cat, 1000, seed=1, year=2027)
    >>> len(people), people == population(cat, 1000, seed=1, year=2027)
    (1000, True)
    >>> sorted({r.goals[0] for r in people})[:3]
    ['buka-usaha-mikro', 'kelahiran', 'melamar-kerja']
    """
    if isinstance(n, bool) or not isinstance(n, int):
        raise TypeError(f"n must be a whole number of requests, got {type(n).__name__}")
    if n < 0:
        raise ValueError(f"n must not be negative, got {n}")
    templates, weights = _templates(catalogue)
    if not templates:
        raise ValueError(f"catalogue {catalogue.id!r} has no bundles to draw life events from")
    if year is None:
        year = today(catalogue).year
    days = [dt.date.fromordinal(d) for d in work_calendar(catalogue).working_ordinals(year)]
    pool = [
        Request(goals=(bundle,), holding=holding, start=day)
        for bundle, holding in templates
        for day in days
    ]
    rng = random.Random(seed)
    which = rng.choices(range(len(templates)), weights=weights, k=n)
    when = [rng.randrange(len(days)) for _ in range(n)]
    return [pool[t * len(days) + d] for t, d in zip(which, when, strict=True)]
