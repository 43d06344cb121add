"""The format's field lists exist once: the validator's tables match the model's attrs fields.

The model (attrs classes) is the source of truth for what an entry holds;
the validator (``onestop._validate``) checks files against its own tables.
These tests fail when a field is added to one and not the other.
"""

from __future__ import annotations

from typing import Any

import attrs
import pytest

from onestop import model
from onestop._validate import LISTS, SCHEMA, TOP, TOP_REQUIRED, _Walker

# The file's key for a field whose Python name differs (a keyword).
FILE_KEY = {"from_": "from"}


def file_keys(cls: type) -> tuple[set[str], set[str]]:
    """(every key, the required keys) of an attrs class, as the format spells them."""
    fields = [f for f in attrs.fields(cls) if f.init]
    keys = {FILE_KEY.get(f.name, f.name) for f in fields}
    required = {FILE_KEY.get(f.name, f.name) for f in fields if f.default is attrs.NOTHING}
    return keys, required


ENTRIES = {
    "agency": model.Agency,
    "document": model.Document,
    "service": model.Service,
    "bundle": model.Bundle,
    "venue": model.Venue,
    "counter": model.Counter,
}


@pytest.mark.parametrize("kind", sorted(ENTRIES))
def test_each_entry_table_has_exactly_the_model_fields(kind: str) -> None:
    keys, required = file_keys(ENTRIES[kind])
    table, table_required = SCHEMA[kind]
    assert set(table) == keys
    assert set(table_required) == required


def test_the_six_lists_are_the_catalogue_lists_and_schema_kinds() -> None:
    assert {singular for _, singular in LISTS} == set(SCHEMA) == set(ENTRIES)
    keys, _ = file_keys(model.Catalogue)
    assert {key for key, _ in LISTS} <= keys


def test_the_top_level_table_has_the_catalogue_fields() -> None:
    keys, required = file_keys(model.Catalogue)
    lists = {key for key, _ in LISTS}
    # `format` and `extends` are file-only: the model holds the merged catalogue.
    assert set(TOP) | lists == keys | {"format", "extends"}
    assert set(TOP_REQUIRED) == (required | {"format"}) - {"bundles"} | (lists - {"bundles"})


def checked_keys(check: Any, value: dict[str, Any]) -> set[str]:
    """The keys a validator method accepts: those it does not call unknown."""
    walker = _Walker()
    check(walker, value, "x")
    unknown = {p.path.split(".")[-1] for p in walker.problems if "unknown key" in p.message}
    return set(value) - unknown


def test_the_hours_table_has_the_hours_fields() -> None:
    keys, _ = file_keys(model.Hours)
    probe = dict.fromkeys(keys | {"not-a-field"}, 0)
    assert checked_keys(_Walker.hours, probe) == keys


def test_the_calendar_table_has_the_calendar_fields() -> None:
    from onestop._validate import _calendar

    keys, _ = file_keys(model.CalendarRules)
    probe = dict.fromkeys(keys | {"not-a-field"}, 0)
    assert checked_keys(_calendar, probe) == keys
