"""``onestop.check``: a catalogue built or changed in Python meets the same rules as a file."""

from __future__ import annotations

import datetime as dt

import attrs
import pytest

import onestop
from onestop import CatalogueError


@pytest.fixture(scope="module")
def cat() -> onestop.Catalogue:
    return onestop.builtin("probolinggo")


def test_a_loaded_catalogue_passes(cat: onestop.Catalogue) -> None:
    onestop.check(cat)


def test_every_problem_of_a_changed_catalogue_is_reported_with_its_path(
    cat: onestop.Catalogue,
) -> None:
    moved = attrs.evolve(cat.counters[0], venue="nowhere")
    wrong_agency = attrs.evolve(cat.services[0], agency="dukcapl")
    changed = attrs.evolve(
        cat, counters=(moved, *cat.counters[1:]), services=(wrong_agency, *cat.services[1:])
    )
    with pytest.raises(CatalogueError) as info:
        onestop.check(changed)
    assert [str(p) for p in info.value.problems] == [
        "services[0].agency: unknown agency 'dukcapl' (did you mean 'dukcapil'?)",
        "counters[0].venue: unknown venue 'nowhere'",
    ]
    assert info.value.source == "probolinggo"


def test_a_duplicate_id_made_in_python_is_reported(cat: onestop.Catalogue) -> None:
    changed = attrs.evolve(cat, venues=(*cat.venues, cat.venues[0]))
    with pytest.raises(CatalogueError, match=r"duplicate venue id 'mpp'"):
        onestop.check(changed)


def test_hours_the_model_accepts_but_the_format_refuses_are_reported(
    cat: onestop.Catalogue,
) -> None:
    hours = onestop.Hours(
        open=dt.time(8),
        close=dt.time(9),
        rrule="DTSTART:19700101\nRRULE:FREQ=DAILY;BYHOUR=1",
        from_=dt.date(2027, 1, 1),
        until=dt.date(2026, 1, 1),
    )
    venue = attrs.evolve(cat.venues[0], hours=(hours,))
    with pytest.raises(CatalogueError) as info:
        onestop.check(attrs.evolve(cat, venues=(venue, *cat.venues[1:])))
    assert [p.path for p in info.value.problems] == [
        "venues[0].hours[0].rrule",
        "venues[0].hours[0].until",
    ]


def test_a_field_of_the_wrong_type_is_a_catalogue_error(cat: onestop.Catalogue) -> None:
    hours = attrs.evolve(cat.venues[0].hours[0], open="08:00")
    venue = attrs.evolve(cat.venues[0], hours=(hours,))
    with pytest.raises(CatalogueError, match="cannot read the catalogue"):
        onestop.check(attrs.evolve(cat, venues=(venue, *cat.venues[1:])))


def test_check_takes_a_catalogue() -> None:
    with pytest.raises(TypeError, match="takes a Catalogue, got dict"):
        onestop.check({"id": "x"})  # type: ignore[arg-type]
