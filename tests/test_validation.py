"""Every rule of the catalogue format is enforced, with every problem reported at once."""

from __future__ import annotations

import copy
import datetime as dt
import json
import os
import pickle
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest

import onestop
from onestop import CatalogueError, Problem

VALID_YAML = """\
format: onestop/1
id: demo
name: Demo
agencies:
  - {id: dukcapil, name: Dukcapil, level: city}
documents:
  - {id: kk, name: Kartu Keluarga}
  - {id: ktp-el, name: KTP-el}
  - {id: akta, name: Akta kelahiran}
services:
  - {id: kk-baru, name: KK baru, agency: dukcapil, requires: [ktp-el], produces: [kk]}
venues:
  - id: mpp
    name: MPP
    kind: mpp
    hours:
      - days: [MO, TU]
        open: "08:00"
        close: "15:00"
counters:
  - {id: loket, venue: mpp, services: [kk-baru]}
"""


def base() -> dict[str, Any]:
    """A small valid catalogue in plain-data form; tests break one thing at a time."""
    return {
        "format": "onestop/1",
        "id": "demo",
        "name": "Demo",
        "agencies": [{"id": "dukcapil", "name": "Dukcapil", "level": "city"}],
        "documents": [
            {"id": "kk", "name": "Kartu Keluarga"},
            {"id": "ktp-el", "name": "KTP-el"},
            {"id": "akta", "name": "Akta kelahiran"},
        ],
        "services": [
            {
                "id": "kk-baru",
                "name": "KK baru",
                "agency": "dukcapil",
                "requires": ["ktp-el"],
                "produces": ["kk"],
            }
        ],
        "bundles": [{"id": "keluarga", "name": "Keluarga", "services": ["kk-baru"]}],
        "venues": [
            {
                "id": "mpp",
                "name": "MPP",
                "kind": "mpp",
                "hours": [{"days": ["MO", "TU"], "open": "08:00", "close": "15:00"}],
            }
        ],
        "counters": [{"id": "loket", "venue": "mpp", "services": ["kk-baru"]}],
    }


def problems(data: Any) -> list[str]:
    """The problems from_dict reports, as 'path: message' lines."""
    with pytest.raises(CatalogueError) as info:
        onestop.from_dict(data)
    return [str(p) for p in info.value.problems]


def yaml_problems(text: str) -> list[str]:
    with pytest.raises(CatalogueError) as info:
        onestop.loads(text, "yaml")
    return [str(p) for p in info.value.problems]


def only(found: list[str]) -> str:
    assert len(found) == 1, found
    return found[0]


def with_change(path: str, value: Any) -> dict[str, Any]:
    """base() with the value at a dotted path (list indexes as numbers) set."""
    data = base()
    *parents, last = path.split(".")
    node: Any = data
    for part in parents:
        node = node[int(part)] if part.isdigit() else node[part]
    node[int(last) if last.isdigit() else last] = value
    return data


def without(path: str) -> dict[str, Any]:
    data = base()
    *parents, last = path.split(".")
    node: Any = data
    for part in parents:
        node = node[int(part)] if part.isdigit() else node[part]
    del node[last]
    return data


def test_the_base_catalogues_are_valid() -> None:
    assert onestop.from_dict(base()).id == "demo"
    assert onestop.loads(VALID_YAML, "yaml").id == "demo"


# -------------------------------------------------------------- unknown keys
def test_misspelt_requires_is_reported_with_a_suggestion() -> None:
    data = base()
    data["services"][0]["requries"] = data["services"][0].pop("requires")
    assert only(problems(data)) == (
        "services[0].requries: unknown key 'requries' in a service (did you mean 'requires'?)"
    )


@pytest.mark.parametrize(
    ("where", "expected_path"),
    [
        ("", "colour"),
        ("agencies.0", "agencies[0].colour"),
        ("documents.1", "documents[1].colour"),
        ("services.0", "services[0].colour"),
        ("bundles.0", "bundles[0].colour"),
        ("venues.0", "venues[0].colour"),
        ("venues.0.hours.0", "venues[0].hours[0].colour"),
        ("counters.0", "counters[0].colour"),
    ],
)
def test_unknown_keys_are_errors_at_every_level(where: str, expected_path: str) -> None:
    data = base()
    node: Any = data
    for part in where.split(".") if where else []:
        node = node[int(part)] if part.isdigit() else node[part]
    node["colour"] = "red"
    message = only(problems(data))
    assert message.startswith(f"{expected_path}: unknown key 'colour'")


def test_unknown_key_in_the_calendar_is_reported() -> None:
    data = base()
    data["calendar"] = {"holiday": "ID"}
    assert only(problems(data)) == (
        "calendar.holiday: unknown key 'holiday' in the calendar (did you mean 'holidays'?)"
    )


def test_unknown_key_in_a_requirement_suggests_any_of() -> None:
    data = with_change("services.0.requires", [{"anyof": ["kk"]}])
    assert only(problems(data)).startswith(
        "services[0].requires[0].anyof: unknown key 'anyof' in a requirement"
    )
    assert "(did you mean 'any_of'?)" in only(problems(data))


# ------------------------------------------------------------ missing fields
@pytest.mark.parametrize(
    ("path", "where", "field", "what"),
    [
        ("format", "", "format", "a catalogue"),
        ("id", "", "id", "a catalogue"),
        ("name", "", "name", "a catalogue"),
        ("agencies", "", "agencies", "a catalogue"),
        ("documents", "", "documents", "a catalogue"),
        ("services", "", "services", "a catalogue"),
        ("venues", "", "venues", "a catalogue"),
        ("counters", "", "counters", "a catalogue"),
        ("agencies.0.level", "agencies[0]", "level", "an agency"),
        ("documents.2.name", "documents[2]", "name", "a document"),
        ("services.0.agency", "services[0]", "agency", "a service"),
        ("bundles.0.services", "bundles[0]", "services", "a bundle"),
        ("venues.0.kind", "venues[0]", "kind", "a venue"),
        ("venues.0.hours.0.close", "venues[0].hours[0]", "close", "an hours entry"),
        ("counters.0.venue", "counters[0]", "venue", "a counter"),
    ],
)
def test_missing_required_fields_are_reported_where_they_belong(
    path: str, where: str, field: str, what: str
) -> None:
    found = problems(without(path))
    assert f"{where + ': ' if where else ''}missing required field {field!r} in {what}" in found


def test_missing_lists_are_reported_without_complaining_about_references_into_them() -> None:
    data = without("documents")
    found = problems(data)
    assert "missing required field 'documents' in a catalogue" in found
    # The references to documents are dangling too, and are reported as such.
    assert "services[0].produces[0]: unknown document 'kk'" in found


def test_optional_fields_may_be_left_out() -> None:
    data = base()
    del data["bundles"]
    del data["venues"][0]["hours"]
    del data["services"][0]["requires"]
    del data["services"][0]["produces"]
    catalogue = onestop.from_dict(data)
    service = catalogue.service("kk-baru")
    assert (service.minutes, service.working_days, service.pickup, service.fee) == (
        15,
        0,
        "counter",
        0,
    )
    assert service.produces == ()
    assert service.requires == onestop.AllOf()
    assert catalogue.bundles == ()
    assert catalogue.venue("mpp").hours == ()
    assert catalogue.counter("loket").label == "loket"
    assert catalogue.timezone == "Asia/Jakarta"
    assert catalogue.calendar == onestop.CalendarRules(holidays="ID", closed=())


def test_an_entry_that_is_not_a_mapping_is_reported() -> None:
    data = with_change("agencies.0", "dukcapil")
    data["services"][0]["agency"] = "dukcapil"
    assert problems(data) == [
        "agencies[0]: expected a mapping (an agency), got the string 'dukcapil'",
        "services[0].agency: unknown agency 'dukcapil'",
    ]


@pytest.mark.parametrize("value", [[], "catalogue", 3, None])
def test_a_catalogue_that_is_not_a_mapping_is_one_problem(value: Any) -> None:
    assert only(problems(value)).startswith("expected a mapping (a catalogue)")


@pytest.mark.parametrize("text", ["", "# only a comment\n", "---\n"])
def test_an_empty_yaml_file_is_reported(text: str) -> None:
    assert only(yaml_problems(text)) == "expected a mapping (a catalogue), got null"


# -------------------------------------------------------------------- ids
@pytest.mark.parametrize(
    ("key", "singular", "entry"),
    [
        ("agencies", "agency", {"id": "dukcapil", "name": "Lagi", "level": "city"}),
        ("documents", "document", {"id": "kk", "name": "Lagi"}),
        ("services", "service", {"id": "kk-baru", "name": "Lagi", "agency": "dukcapil"}),
        ("bundles", "bundle", {"id": "keluarga", "name": "Lagi", "services": ["kk-baru"]}),
        ("venues", "venue", {"id": "mpp", "name": "Lagi", "kind": "office"}),
        ("counters", "counter", {"id": "loket", "venue": "mpp", "services": ["kk-baru"]}),
    ],
)
def test_duplicate_ids_are_reported_for_each_kind(
    key: str, singular: str, entry: dict[str, Any]
) -> None:
    data = base()
    data[key].append(entry)
    index = len(data[key]) - 1
    assert only(problems(data)) == (
        f"{key}[{index}].id: duplicate {singular} id {entry['id']!r} (first at {key}[0])"
    )


def test_a_service_and_a_document_may_share_an_id() -> None:
    data = base()
    data["documents"].append({"id": "kk-baru", "name": "Same id as the service"})
    catalogue = onestop.from_dict(data)
    assert catalogue.document("kk-baru").name == "Same id as the service"
    assert catalogue.service("kk-baru").name == "KK baru"


def test_the_same_id_in_different_kinds_is_not_a_duplicate() -> None:
    data = base()
    data["venues"][0]["id"] = "dukcapil"
    data["counters"][0]["venue"] = "dukcapil"
    data["bundles"][0]["id"] = "dukcapil"
    assert onestop.from_dict(data).venue("dukcapil").name == "MPP"


@pytest.mark.parametrize("bad", ["KK", "-kk", "kk baru", "kk/1", "_kk", "kk!", "ktp\u00e9l"])
def test_malformed_ids_are_reported(bad: str) -> None:
    data = with_change("documents.2.id", bad)
    assert only(problems(data)).startswith(f"documents[2].id: {bad!r} is not a valid id")


@pytest.mark.parametrize("good", ["a", "0", "kk.2", "ktp_el", "a-b.c_d", "9lives"])
def test_ids_of_the_allowed_characters_are_accepted(good: str) -> None:
    assert onestop.from_dict(with_change("documents.2.id", good)).document(good).id == good


def test_an_empty_id_is_reported() -> None:
    assert only(problems(with_change("id", ""))) == "id: must not be empty"


# ------------------------------------------------------------- references
@pytest.mark.parametrize(
    ("path", "value", "expected"),
    [
        (
            "services.0.agency",
            "dukcapl",
            "services[0].agency: unknown agency 'dukcapl' (did you mean 'dukcapil'?)",
        ),
        (
            "services.0.requires",
            ["ktp"],
            "services[0].requires[0]: unknown document 'ktp' (did you mean 'ktp-el'?)",
        ),
        (
            "services.0.requires",
            "paspor",
            "services[0].requires: unknown document 'paspor'",
        ),
        (
            "services.0.requires",
            ["kk", {"any_of": ["akta", ["kk", "sktlk"]]}],
            "services[0].requires[1].any_of[1][1]: unknown document 'sktlk'",
        ),
        (
            "services.0.requires",
            {"all_of": [{"any_of": ["akte"]}]},
            "services[0].requires.all_of[0].any_of[0]: unknown document 'akte'"
            " (did you mean 'akta'?)",
        ),
        (
            "services.0.produces",
            ["kk", "kia"],
            "services[0].produces[1]: unknown document 'kia'",
        ),
        (
            "bundles.0.services",
            ["kk-baru", "kk-bar"],
            "bundles[0].services[1]: unknown service 'kk-bar' (did you mean 'kk-baru'?)",
        ),
        ("counters.0.venue", "mall", "counters[0].venue: unknown venue 'mall'"),
        (
            "counters.0.services",
            ["akta"],
            "counters[0].services[0]: unknown service 'akta'",
        ),
    ],
)
def test_dangling_references_are_reported_with_their_path(
    path: str, value: Any, expected: str
) -> None:
    assert only(problems(with_change(path, value))) == expected


def test_a_reference_to_an_entry_of_the_wrong_kind_is_dangling() -> None:
    # 'kk-baru' is a service, not a document; 'kk' is a document, not a service.
    data = with_change("services.0.produces", ["kk-baru"])
    data["counters"][0]["services"] = ["kk-baru", "kk"]
    assert problems(data) == [
        "services[0].produces[0]: unknown document 'kk-baru' (did you mean 'kk'?)",
        "counters[0].services[1]: unknown service 'kk' (did you mean 'kk-baru'?)",
    ]


def test_the_message_for_a_misspelt_document_is_exactly_as_specified() -> None:
    data = base()
    for n in range(1, 4):
        data["services"].append({"id": f"svc-{n}", "name": f"Service {n}", "agency": "dukcapil"})
    data["services"][3]["requires"] = ["ktp-el", "kk2"]
    assert only(problems(data)) == (
        "services[3].requires[1]: unknown document 'kk2' (did you mean 'kk'?)"
    )


def test_references_may_point_forward_and_backward_in_the_file() -> None:
    data = base()
    # Counters before venues, services before agencies: order in the file does not matter.
    reordered = {key: data[key] for key in reversed(list(data))}
    assert onestop.from_dict(reordered) == onestop.from_dict(data)


# ----------------------------------------------------------- requirements
@pytest.mark.parametrize(
    ("requires", "expected"),
    [
        (
            {"any_of": []},
            "services[0].requires.any_of: any_of needs at least one item",
        ),
        (
            {"any_of": ["kk"], "all_of": ["akta"]},
            "services[0].requires: a requirement mapping has exactly one key: all_of or any_of",
        ),
        ({}, "services[0].requires: a requirement mapping has exactly one key: all_of or any_of"),
        ({"any_of": "kk"}, "services[0].requires.any_of: expected a list, got the string 'kk'"),
        (
            [3],
            "services[0].requires[0]: expected a document id, a list, or an all_of/any_of "
            "mapping, got the number 3",
        ),
    ],
)
def test_malformed_requirements_are_reported(requires: Any, expected: str) -> None:
    assert only(problems(with_change("services.0.requires", requires))) == expected


@pytest.mark.parametrize("requires", [None, [], {"all_of": []}, [[]], ["kk", "kk"]])
def test_empty_and_repeated_requirements_are_accepted(requires: Any) -> None:
    service = onestop.from_dict(with_change("services.0.requires", requires)).service("kk-baru")
    assert service.requires.satisfied_by({"kk"})


def test_requirements_nested_beyond_the_limit_are_reported_not_crashed() -> None:
    requires: Any = "kk"
    for _ in range(200):
        requires = {"any_of": [requires]}
    found = problems(with_change("services.0.requires", requires))
    assert len(found) == 1
    assert "nested more than" in found[0]


# ---------------------------------------------------------------- times
def test_an_unquoted_yaml_time_is_reported_as_a_number_with_a_hint_to_quote_it() -> None:
    text = VALID_YAML.replace('close: "15:00"', "close: 15:00")
    message = only(yaml_problems(text))
    assert message.startswith("venues[0].hours[0].close: ")
    assert "the number 900" in message
    assert 'quote it, "15:00"' in message


def test_an_unquoted_single_digit_hour_gets_the_zero_padded_hint() -> None:
    text = VALID_YAML.replace('open: "08:00"', "open: 8:30")
    message = only(yaml_problems(text))
    assert "the number 510" in message
    assert '"08:30"' in message


@pytest.mark.parametrize("value", ["8:00", "24:00", "12:60", "0800", "08:00:00", "8am", " 08:00"])
def test_malformed_times_are_reported(value: str) -> None:
    message = only(problems(with_change("venues.0.hours.0.open", value)))
    assert message.startswith(f"venues[0].hours[0].open: {value!r} is not a time")


@pytest.mark.parametrize("value", [None, True, 8.5, ["08:00"], dt.time(8, 0)])
def test_times_of_the_wrong_type_are_reported(value: Any) -> None:
    message = only(problems(with_change("venues.0.hours.0.open", value)))
    assert message.startswith('venues[0].hours[0].open: expected a time as a string "HH:MM"')


@pytest.mark.parametrize(("opens", "closes"), [("15:00", "15:00"), ("16:00", "08:00")])
def test_closing_not_after_opening_is_reported(opens: str, closes: str) -> None:
    data = with_change("venues.0.hours.0.open", opens)
    data["venues"][0]["hours"][0]["close"] = closes
    assert only(problems(data)) == (
        f"venues[0].hours[0].close: closes at {closes}, not after it opens at {opens}"
    )


def test_the_earliest_and_latest_times_are_accepted() -> None:
    data = with_change("venues.0.hours.0.open", "00:00")
    data["venues"][0]["hours"][0]["close"] = "23:59"
    hours = onestop.from_dict(data).venue("mpp").hours[0]
    assert (hours.open, hours.close) == (dt.time(0, 0), dt.time(23, 59))


# ------------------------------------------------------------ hours entries
def test_an_hours_entry_with_both_days_and_rrule_is_reported() -> None:
    data = with_change("venues.0.hours.0.rrule", "DTSTART:20260906\nRRULE:FREQ=WEEKLY")
    assert only(problems(data)) == (
        "venues[0].hours[0]: an hours entry needs exactly one of 'days' and 'rrule'"
    )


def test_an_hours_entry_with_neither_days_nor_rrule_is_reported() -> None:
    assert only(problems(without("venues.0.hours.0.days"))) == (
        "venues[0].hours[0]: an hours entry needs exactly one of 'days' and 'rrule'"
    )


def test_unknown_weekday_is_reported_with_a_suggestion() -> None:
    message = only(problems(with_change("venues.0.hours.0.days", ["MO", "TUE"])))
    assert message == (
        "venues[0].hours[0].days[1]: unknown weekday 'TUE' (did you mean 'TU'?): "
        "expected one of MO, TU, WE, TH, FR, SA, SU"
    )


@pytest.mark.parametrize("flag", ["yes", 1])
def test_on_holidays_must_be_a_boolean(flag: Any) -> None:
    message = only(problems(with_change("venues.0.hours.0.on_holidays", flag)))
    assert message.startswith("venues[0].hours[0].on_holidays: expected true or false")


# ----------------------------------------------------------------- rrules
@pytest.mark.parametrize(
    ("rule", "fragment"),
    [
        ("RRULE:FREQ=WEEKLY;BYDAY=SU", "needs a DTSTART date"),
        ("DTSTART:20260906\nRRULE:FREQ=FORTNIGHTLY", "not a valid RFC 5545 rule"),
        ("DTSTART:20261306\nRRULE:FREQ=WEEKLY", "not a valid RFC 5545 rule"),
        ("this is not a rule DTSTART", "not a valid RFC 5545 rule"),
        ("DTSTART:20260906\nRRULE:FREQ=HOURLY", "repeats more often than daily"),
        ("DTSTART:20260906\nRRULE:FREQ=MINUTELY;INTERVAL=30", "repeats more often than daily"),
        ("DTSTART:20260906\nRRULE:FREQ=SECONDLY", "repeats more often than daily"),
        (
            "DTSTART;TZID=Asia/Jakarta:20260906T080000\nRRULE:FREQ=WEEKLY",
            "DTSTART must be a plain date, without a time zone",
        ),
        (
            "DTSTART:20260906T080000Z\nRRULE:FREQ=WEEKLY",
            "DTSTART must be a plain date, without a time zone",
        ),
        ("", "must not be empty"),
    ],
)
def test_bad_rrules_are_reported(rule: str, fragment: str) -> None:
    data = without("venues.0.hours.0.days")
    data["venues"][0]["hours"][0]["rrule"] = rule
    message = only(problems(data))
    assert message.startswith("venues[0].hours[0].rrule: ")
    assert fragment in message


@pytest.mark.parametrize(
    "rule",
    [
        "DTSTART:20260906\nRRULE:FREQ=WEEKLY;INTERVAL=3;BYDAY=SU",
        "DTSTART:20260101\nRRULE:FREQ=MONTHLY;BYDAY=1SA",
        "DTSTART:20260817\nRRULE:FREQ=YEARLY",
        "DTSTART:20260101\nRRULE:FREQ=DAILY;UNTIL=20260201",
    ],
)
def test_good_rrules_are_accepted(rule: str) -> None:
    data = without("venues.0.hours.0.days")
    data["venues"][0]["hours"][0]["rrule"] = rule
    assert onestop.from_dict(data).venue("mpp").hours[0].rrule == rule


# ---------------------------------------------------------------- numbers
@pytest.mark.parametrize("field", ["minutes", "working_days", "fee"])
@pytest.mark.parametrize(
    ("value", "fragment"),
    [
        (-1, "must not be negative, got -1"),
        ("3", "expected a whole number, got the string '3'"),
        (3.9, "expected a whole number, got the number 3.9"),
        (3.0, "expected a whole number, got the number 3.0"),
        (True, "expected a whole number, got the boolean True"),
    ],
)
def test_numbers_must_be_whole_and_not_negative(field: str, value: Any, fragment: str) -> None:
    assert only(problems(with_change(f"services.0.{field}", value))) == (
        f"services[0].{field}: {fragment}"
    )


@pytest.mark.parametrize(
    ("field", "largest"), [("minutes", 1440), ("working_days", 260), ("fee", 25_000_000)]
)
def test_zero_and_the_largest_whole_numbers_are_accepted(field: str, largest: int) -> None:
    for value in (0, largest):
        service = onestop.from_dict(with_change(f"services.0.{field}", value)).service("kk-baru")
        assert getattr(service, field) == value


@pytest.mark.parametrize(
    ("field", "value", "limit"),
    [("minutes", 1441, 1440), ("working_days", 261, 260), ("working_days", 100_000_000, 260)],
)
def test_minutes_and_working_days_past_their_cap_are_reported(
    field: str, value: int, limit: int
) -> None:
    assert only(problems(with_change(f"services.0.{field}", value))) == (
        f"services[0].{field}: must be at most {limit}, got {value}"
    )


# ---------------------------------------------------------------- choices
@pytest.mark.parametrize(
    ("path", "value", "expected"),
    [
        (
            "agencies.0.level",
            "cty",
            "agencies[0].level: unknown level 'cty' (did you mean 'city'?): expected one of "
            "national, vertical, province, regency, city, bumn, bumd, private",
        ),
        (
            "venues.0.kind",
            "pop-up",
            "venues[0].kind: unknown venue kind 'pop-up' (did you mean 'popup'?): expected one of "
            "mpp, office, popup, online",
        ),
        (
            "services.0.pickup",
            "deliver",
            "services[0].pickup: unknown pickup 'deliver' (did you mean 'delivered'?): expected "
            "one of counter, delivered",
        ),
    ],
)
def test_unknown_choices_are_reported_with_the_options(
    path: str, value: str, expected: str
) -> None:
    assert only(problems(with_change(path, value))) == expected


# ------------------------------------------------------------ YAML booleans
YAML_NO_HINT = "YAML reads unquoted yes/no/on/off/true/false as booleans: quote it"


@pytest.mark.parametrize(
    ("old", "new", "path"),
    [
        ("name: Demo", "name: no", "name"),
        ("{id: kk, name: Kartu Keluarga}", "{id: kk, name: yes}", "documents[0].name"),
        ("{id: akta, name: Akta kelahiran}", "{id: off, name: Akta}", "documents[2].id"),
        ("produces: [kk]", "produces: [no]", "services[0].produces[0]"),
    ],
)
def test_yaml_no_where_a_string_belongs_is_reported_with_a_hint(
    old: str, new: str, path: str
) -> None:
    text = VALID_YAML.replace(old, new)
    assert text != VALID_YAML
    found = yaml_problems(text)
    assert any(p.startswith(f"{path}: expected a string, got the boolean") for p in found), found
    assert all(YAML_NO_HINT in p for p in found if p.startswith(f"{path}:"))


def test_yaml_norway_is_a_boolean_and_reported_as_such() -> None:
    text = VALID_YAML.replace("agencies:", "calendar: {holidays: NO}\nagencies:")
    assert only(yaml_problems(text)) == (
        f"calendar.holidays: expected a string, got the boolean False ({YAML_NO_HINT})"
    )


def test_a_boolean_key_is_reported_with_the_hint() -> None:
    text = VALID_YAML.replace("name: Demo", "name: Demo\nno: 1")
    assert only(yaml_problems(text)) == (
        f"keys must be strings, got the boolean False ({YAML_NO_HINT})"
    )


# ----------------------------------------------------------------- YAML syntax
def test_yaml_syntax_errors_give_line_and_column() -> None:
    text = VALID_YAML.replace("  - {id: kk, name: Kartu Keluarga}", "  - {id: kk, name: [Kartu")
    message = only(yaml_problems(text))
    assert message.startswith("line ")
    assert "YAML syntax error" in message


def test_a_yaml_indentation_error_points_at_its_line() -> None:
    text = "format: onestop/1\nid: demo\n  name: Demo\n"
    assert only(yaml_problems(text)).startswith("line 3, column ")


def test_yaml_anchors_and_aliases_are_refused_with_line_numbers() -> None:
    text = VALID_YAML.replace(
        "  - {id: dukcapil, name: Dukcapil, level: city}",
        "  - &a {id: dukcapil, name: Dukcapil, level: city}\n  - *a",
    )
    assert yaml_problems(text) == [
        "line 5: YAML anchor &a is not allowed: write the value out",
        "line 6: YAML alias *a is not allowed: write the value out",
    ]


def test_a_billion_laughs_file_is_refused_quickly() -> None:
    lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for i in range(1, 10):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]")
    found = yaml_problems("\n".join(lines))
    assert all("anchor" in p or "alias" in p for p in found)
    assert len(found) == 10 + 9 * 9


def test_duplicate_yaml_keys_are_reported_with_both_lines() -> None:
    text = VALID_YAML.replace("name: Demo", "name: Demo\nname: Again")
    assert only(yaml_problems(text)) == "line 4: duplicate key 'name' (first at line 3)"


def test_duplicate_keys_inside_a_flow_mapping_are_reported() -> None:
    text = VALID_YAML.replace("{id: kk, name: Kartu Keluarga}", "{id: kk, name: A, name: B}")
    assert only(yaml_problems(text)) == "line 7: duplicate key 'name' (first at line 7)"


def test_the_same_key_in_sibling_mappings_is_not_a_duplicate() -> None:
    assert onestop.loads(VALID_YAML, "yaml").documents[1].name == "KTP-el"


def test_duplicate_json_keys_are_reported() -> None:
    text = json.dumps(base()).replace('"id": "demo"', '"id": "demo", "id": "again"')
    with pytest.raises(CatalogueError) as info:
        onestop.loads(text, "json")
    assert [p.message for p in info.value.problems] == ["duplicate key 'id' in a JSON object"]


def test_json_syntax_errors_give_line_and_column() -> None:
    with pytest.raises(CatalogueError) as info:
        onestop.loads('{\n  "id": "x",\n  oops\n}', "json")
    (problem,) = info.value.problems
    assert problem.path == "line 3, column 3"
    assert problem.message.startswith("JSON syntax error")


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
def test_json_non_numbers_are_refused(constant: str) -> None:
    text = '{"fee": ' + constant + "}"
    with pytest.raises(CatalogueError) as info:
        onestop.loads(text, "json")
    assert "is not a number this format accepts" in only([str(p) for p in info.value.problems])


def test_toml_syntax_errors_are_reported() -> None:
    with pytest.raises(CatalogueError) as info:
        onestop.loads('format = "onestop/1"\nid = \n', "toml")
    assert only([str(p) for p in info.value.problems]).startswith("TOML syntax error")


# ------------------------------------------------------------------- dates
@pytest.mark.parametrize(
    ("entry", "fragment"),
    [
        ("2026-13-01", "'2026-13-01' is not a date of the calendar"),
        ("2026-02-30", "'2026-02-30' is not a date of the calendar"),
        ("2026-1-5", "'2026-1-5' is not a date: write YYYY-MM-DD"),
        ("24/12/2026", "'24/12/2026' is not a date: write YYYY-MM-DD"),
        ("20261224", "'20261224' is not a date: write YYYY-MM-DD"),
        (20261224, "expected a date YYYY-MM-DD, got the number 20261224"),
        (
            dt.datetime(2026, 12, 24, 10, 0),
            "expected a date, got the date and time 2026-12-24T10:00:00: leave out the time",
        ),
    ],
)
def test_bad_closed_dates_are_reported(entry: Any, fragment: str) -> None:
    data = base()
    data["calendar"] = {"closed": ["2026-12-25", entry]}
    assert only(problems(data)) == f"calendar.closed[1]: {fragment}"


@pytest.mark.parametrize(
    ("line", "fragment"),
    [
        ("closed: [2026-13-01]", "'2026-13-01' is not a date of the calendar"),
        ("closed: [2026-12-24 10:00:00]", "leave out the time"),
        ("closed: [2026-12-24T10:00:00+07:00]", "leave out the time"),
    ],
)
def test_bad_unquoted_yaml_dates_are_reported(line: str, fragment: str) -> None:
    text = VALID_YAML.replace("agencies:", f"calendar:\n  {line}\nagencies:")
    message = only(yaml_problems(text))
    assert message.startswith("calendar.closed[0]: ")
    assert fragment in message


def test_a_toml_datetime_where_a_date_belongs_is_reported() -> None:
    text = onestop.dumps(onestop.from_dict(base()), "toml").replace(
        "[[services]]", "[calendar]\nclosed = [2026-12-24T10:00:00]\n\n[[services]]", 1
    )
    assert "[calendar]" in text
    with pytest.raises(CatalogueError) as info:
        onestop.loads(text, "toml")
    assert "leave out the time" in only([str(p) for p in info.value.problems])


def test_a_date_as_text_and_as_a_yaml_date_mean_the_same() -> None:
    quoted = VALID_YAML.replace("agencies:", 'calendar: {closed: ["2026-12-24"]}\nagencies:')
    native = VALID_YAML.replace("agencies:", "calendar: {closed: [2026-12-24]}\nagencies:")
    assert onestop.loads(quoted, "yaml") == onestop.loads(native, "yaml")
    assert onestop.loads(native, "yaml").calendar.closed == (dt.date(2026, 12, 24),)


def test_a_repeated_closed_date_is_judged_the_same_as_text_and_as_a_date() -> None:
    def outcome(closed: list[Any]) -> str:
        data = base()
        data["calendar"] = {"closed": closed}
        try:
            onestop.from_dict(data)
        except CatalogueError:
            return "refused"
        return "accepted"

    day = dt.date(2026, 12, 24)
    assert outcome([day.isoformat(), day.isoformat()]) == outcome([day, day])


# ------------------------------------------------------- format and calendar
@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("onestop/2", "format: unsupported format 'onestop/2': this library reads 'onestop/1'"),
        ("onestop/1.0", "format: unsupported format 'onestop/1.0': this library reads 'onestop/1'"),
        (1, "format: unsupported format the number 1: this library reads 'onestop/1'"),
    ],
)
def test_a_wrong_format_is_reported(value: Any, expected: str) -> None:
    assert only(problems(with_change("format", value))) == expected


@pytest.mark.parametrize("value", ["none", None])
def test_holidays_none_or_null_means_no_public_holidays(value: Any) -> None:
    data = base()
    data["calendar"] = {"holidays": value}
    assert onestop.from_dict(data).calendar.holidays is None


@pytest.mark.parametrize("code", ["ID", "MY", "SG", "NL"])
def test_holiday_country_codes_are_accepted(code: str) -> None:
    data = base()
    data["calendar"] = {"holidays": code}
    assert onestop.from_dict(data).calendar.holidays == code


@pytest.mark.parametrize("code", ["XX", "Indonesia", "", 62])
def test_unknown_holiday_countries_are_reported(code: Any) -> None:
    data = base()
    data["calendar"] = {"holidays": code}
    assert only(problems(data)).startswith("calendar.holidays: ")


def test_an_unknown_holiday_country_suggests_how_to_write_one() -> None:
    data = base()
    data["calendar"] = {"holidays": "XX"}
    assert only(problems(data)) == (
        "calendar.holidays: unknown holiday country 'XX': use a country code such as 'ID', "
        'or "none"'
    )


@pytest.mark.parametrize("calendar", [[], "ID"])
def test_a_calendar_that_is_not_a_mapping_is_reported(calendar: Any) -> None:
    data = base()
    data["calendar"] = calendar
    assert only(problems(data)).startswith("calendar: expected a mapping (the calendar)")


@pytest.mark.parametrize("zone", ["Asia/Jakata", "WIB", "Asia/Jakarta ", "../etc/passwd", "x\x00"])
def test_unknown_timezones_are_reported(zone: str) -> None:
    assert only(problems(with_change("timezone", zone))) == (
        f"timezone: unknown time zone {zone!r}: use an IANA name such as 'Asia/Jakarta'"
    )


@pytest.mark.parametrize("zone", ["Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura", "UTC"])
def test_iana_timezones_are_accepted(zone: str) -> None:
    assert onestop.from_dict(with_change("timezone", zone)).timezone == zone


@pytest.mark.parametrize("zone", ["Asia", "America", "US", "a" * 300])
def test_timezones_that_are_tzdata_folders_or_too_long_are_reported(zone: str) -> None:
    found = problems(with_change("timezone", zone))
    assert only(found).startswith("timezone: unknown time zone")


# ------------------------------------------------------------------- reuse
# Merging bases is tested with the reuse feature; here, only that a bad `extends`
# or a stray `replaces` is reported like any other problem, never ignored.
@pytest.mark.parametrize(
    ("extends", "path"),
    [
        ("no-such-catalogue", "extends"),
        (["no-such-catalogue"], "extends[0]"),
        ("no-such-base.yaml", "extends"),
    ],
)
def test_an_extends_that_names_nothing_is_reported(extends: Any, path: str) -> None:
    message = only(problems(with_change("extends", extends)))
    assert message.startswith(f"{path}: ")
    assert "no-such" in message


@pytest.mark.parametrize("extends", [3, {"name": "x"}, [], [""]])
def test_an_extends_of_the_wrong_shape_is_reported(extends: Any) -> None:
    assert only(problems(with_change("extends", extends))).startswith("extends")


@pytest.mark.parametrize(
    ("key", "singular", "ident"),
    [
        ("agencies", "agency", "dukcapil"),
        ("documents", "document", "kk"),
        ("services", "service", "kk-baru"),
        ("bundles", "bundle", "keluarga"),
        ("venues", "venue", "mpp"),
        ("counters", "counter", "loket"),
    ],
)
def test_replaces_true_without_a_base_is_reported(key: str, singular: str, ident: str) -> None:
    data = base()
    data[key][0]["replaces"] = True
    message = only(problems(data))
    assert message.startswith(f"{key}[0].replaces: replaces: true, but ")
    assert message.endswith(f"{singular} {ident!r}")


def test_replaces_false_is_accepted_and_not_kept() -> None:
    data = base()
    data["services"][0]["replaces"] = False
    catalogue = onestop.from_dict(data)
    assert catalogue == onestop.from_dict(base())
    assert "replaces" not in onestop.to_dict(catalogue)["services"][0]


def test_replaces_must_be_a_boolean() -> None:
    data = base()
    data["services"][0]["replaces"] = "yes"
    assert only(problems(data)) == (
        "services[0].replaces: expected true or false, got the string 'yes'"
    )


# --------------------------------------------------------------- strings
@pytest.mark.parametrize(
    ("path", "shown"), [("name", "name"), ("agencies.0.name", "agencies[0].name")]
)
@pytest.mark.parametrize("value", ["", "   ", "\t\n"])
def test_names_must_not_be_empty(path: str, shown: str, value: str) -> None:
    assert only(problems(with_change(path, value))) == f"{shown}: must not be empty"


@pytest.mark.parametrize("field", ["source", "note"])
def test_provenance_may_be_empty_text_but_must_be_text(field: str) -> None:
    document = onestop.from_dict(with_change(f"documents.0.{field}", "")).documents[0]
    assert getattr(document, field) == ""
    message = only(problems(with_change(f"documents.0.{field}", 7)))
    assert message == f"documents[0].{field}: expected a string, got the number 7"


@pytest.mark.parametrize(
    "path",
    [
        "documents.0.note",
        "documents.0.description",
        "agencies.0.short_name",
        "venues.0.address",
        "counters.0.name",
        "source",
    ],
)
def test_a_null_optional_text_field_means_it_is_left_out(path: str) -> None:
    assert onestop.from_dict(with_change(path, None)) == onestop.from_dict(base())


@pytest.mark.parametrize(
    ("path", "value", "expected"),
    [
        ("bundles.0.services", [], "bundles[0].services: must list at least one item"),
        ("counters.0.services", [], "counters[0].services: must list at least one item"),
        ("venues.0.hours.0.days", [], "venues[0].hours[0].days: must list at least one item"),
        ("bundles", {}, "bundles: expected a list, got a mapping"),
        ("venues.0.hours", "08:00-15:00", "venues[0].hours: expected a list, got the string "
         "'08:00-15:00'"),
    ],
)  # fmt: skip
def test_lists_that_must_hold_items_are_checked(path: str, value: Any, expected: str) -> None:
    assert only(problems(with_change(path, value))) == expected


# ------------------------------------------------- many problems at once
TEN_PROBLEMS = """\
format: onestop/2
id: demo
name: Demo
timezone: Asia/Jakata
agencies:
  - {id: dukcapil, name: Dukcapil, level: cty}
documents:
  - {id: kk, name: Kartu Keluarga}
  - {id: kk, name: Kartu Keluarga lagi}
services:
  - id: kk-baru
    name: KK baru
    agency: dukcapil
    requries: [kk]
    produces: [kk2]
    minutes: "3"
bundles:
  - {id: keluarga, services: [kk-baru]}
venues:
  - id: mpp
    name: MPP
    kind: mpp
    hours:
      - {days: [MO], open: "08:00", close: 15:00}
counters:
  - {id: loket, venue: mp, services: [kk-baru]}
"""


def test_ten_distinct_problems_are_all_reported_in_a_fixed_order() -> None:
    found = yaml_problems(TEN_PROBLEMS)
    assert len(found) == 10, found
    assert [p.split(": ", 1)[0] for p in found] == [
        "format",
        "timezone",
        "agencies[0].level",
        "documents[1].id",
        "services[0].requries",
        "services[0].produces[0]",
        "services[0].minutes",
        "bundles[0]",
        "venues[0].hours[0].close",
        "counters[0].venue",
    ]
    assert "counters[0].venue: unknown venue 'mp' (did you mean 'mpp'?)" in found
    assert "documents[1].id: duplicate document id 'kk' (first at documents[0])" in found
    assert "bundles[0]: missing required field 'name' in a bundle" in found


def test_problems_are_reported_in_the_same_order_every_time() -> None:
    first = yaml_problems(TEN_PROBLEMS)
    for _ in range(3):
        assert yaml_problems(TEN_PROBLEMS) == first


def test_nothing_is_built_when_there_is_a_single_problem_among_many_good_entries() -> None:
    catalogue = onestop.builtin("probolinggo")
    data = copy.deepcopy(onestop.to_dict(catalogue))
    data["counters"][-1]["services"].append("kia2")
    with pytest.raises(CatalogueError) as info:
        onestop.from_dict(data, source="edited")
    assert info.value.source == "edited"
    (problem,) = info.value.problems
    last = len(data["counters"]) - 1
    assert problem.path == f"counters[{last}].services[{len(data['counters'][-1]['services']) - 1}]"
    assert problem.message == "unknown service 'kia2' (did you mean 'kia'?)"


# ------------------------------------------------------------------ errors
def test_catalogue_error_is_an_onestop_error_and_a_value_error() -> None:
    assert issubclass(CatalogueError, onestop.Error)
    assert issubclass(CatalogueError, ValueError)
    assert issubclass(onestop.Error, Exception)
    with pytest.raises(ValueError, match="unknown venue"):
        onestop.from_dict(with_change("counters.0.venue", "mall"))


def test_catalogue_error_lists_every_problem_in_its_message() -> None:
    error = CatalogueError(
        [Problem("id", "missing"), Problem("", "whole file")], source="city.yaml"
    )
    assert str(error) == "city.yaml: 2 problems\n  id: missing\n  whole file"
    assert str(CatalogueError([Problem("a", "b")])) == "1 problem\n  a: b"


def test_catalogue_error_pickles_with_its_problems() -> None:
    with pytest.raises(CatalogueError) as info:
        onestop.loads(TEN_PROBLEMS, "yaml", source="ten.yaml")
    error = info.value
    again = pickle.loads(pickle.dumps(error))
    assert type(again) is CatalogueError
    assert again.problems == error.problems
    assert again.source == "ten.yaml"
    assert str(again) == str(error)


def test_load_names_the_file_in_the_error(tmp_path: Path) -> None:
    path = tmp_path / "city.yaml"
    path.write_text(TEN_PROBLEMS, encoding="utf-8")
    with pytest.raises(CatalogueError) as info:
        onestop.load(path)
    assert info.value.source == str(path)
    assert str(info.value).startswith(f"{path}: 10 problems\n")


HASH_SEED_SCRIPT = textwrap.dedent(
    """
    import sys
    import onestop
    from onestop import graph

    try:
        onestop.loads(sys.stdin.read(), "yaml")
    except onestop.CatalogueError as exc:
        print(exc)
    catalogue = onestop.builtin("probolinggo")
    print(onestop.dumps(catalogue, "json"))
    print(graph.cycles(catalogue))
    """
)


def test_problems_and_dumps_do_not_depend_on_the_hash_seed() -> None:
    source_root = str(Path(onestop.__file__).parents[1])
    outputs = []
    for seed in ("1", "2"):
        result = subprocess.run(
            [sys.executable, "-c", HASH_SEED_SCRIPT],
            input=TEN_PROBLEMS,
            capture_output=True,
            text=True,
            env={**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": source_root},
            check=True,
            timeout=120,
        )
        outputs.append(result.stdout)
    assert outputs[0].startswith("10 problems\n")
    assert outputs[0] == outputs[1]


@pytest.mark.parametrize(
    ("path", "attribute", "default"),
    [
        ("services.0.minutes", "minutes", 15),
        ("services.0.working_days", "working_days", 0),
        ("services.0.fee", "fee", 0),
        ("services.0.pickup", "pickup", "counter"),
    ],
)
def test_a_null_optional_field_means_its_default(path: str, attribute: str, default: Any) -> None:
    cat = onestop.from_dict(with_change(path, None))
    assert getattr(cat.services[0], attribute) == default


def test_null_calendar_extends_and_on_holidays_mean_left_out() -> None:
    assert onestop.from_dict(with_change("calendar", None)).calendar == onestop.CalendarRules()
    hours = onestop.from_dict(with_change("venues.0.hours.0.on_holidays", None)).venues[0].hours
    assert hours[0].on_holidays is False
    assert onestop.from_dict(with_change("extends", None)).id == base()["id"]
