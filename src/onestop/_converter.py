"""The one cattrs converter of the library: plain data to model objects and back.

Configured here, once, and never changed after. It structures only data that
:mod:`onestop._validate` has found clean.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Final

import cattrs
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override

from onestop.model import CalendarRules, Hours
from onestop.requirements import AllOf, AnyOf, Doc, Requirement, RequirementData

__all__ = ["CONVERTER"]


def _structure_requirement(value: RequirementData | None, _: object) -> Requirement:
    if value is None:
        return AllOf()
    if isinstance(value, str):
        return Doc(value)
    if isinstance(value, list):
        return AllOf(tuple(_structure_requirement(item, None) for item in value))
    ((key, items),) = value.items()
    parts = tuple(_structure_requirement(item, None) for item in items)
    return AnyOf(parts) if key == "any_of" else AllOf(parts)


def _structure_calendar(value: dict[str, Any], _: object) -> CalendarRules:
    country = value.get("holidays", "ID")
    closed = tuple(
        day if isinstance(day, dt.date) else dt.date.fromisoformat(day)
        for day in value.get("closed", ())
    )
    return CalendarRules(holidays=None if country in (None, "none") else country, closed=closed)


def _unstructure_calendar(rules: CalendarRules) -> dict[str, Any]:
    data: dict[str, Any] = {"holidays": rules.holidays if rules.holidays is not None else "none"}
    if rules.closed:
        data["closed"] = [day.isoformat() for day in rules.closed]
    return data


def _make_converter() -> cattrs.Converter:
    conv = cattrs.Converter(forbid_extra_keys=True, omit_if_default=True)
    conv.register_structure_hook(dt.time, lambda v, _: dt.time.fromisoformat(v))
    conv.register_unstructure_hook(dt.time, lambda t: t.strftime("%H:%M"))
    conv.register_structure_hook(
        dt.date, lambda v, _: v if isinstance(v, dt.date) else dt.date.fromisoformat(v)
    )
    conv.register_unstructure_hook(dt.date, lambda d: d.isoformat())
    conv.register_structure_hook_func(lambda t: t == Requirement, _structure_requirement)
    for cls in (Doc, AllOf, AnyOf):
        conv.register_unstructure_hook(cls, lambda r: r.to_data())
    conv.register_structure_hook(CalendarRules, _structure_calendar)
    conv.register_unstructure_hook(CalendarRules, _unstructure_calendar)
    # The file's key is `from`, a Python keyword: the field is `from_`.
    conv.register_structure_hook(
        Hours,
        make_dict_structure_fn(
            Hours, conv, _cattrs_forbid_extra_keys=True, from_=override(rename="from")
        ),
    )
    conv.register_unstructure_hook(
        Hours,
        make_dict_unstructure_fn(
            Hours, conv, _cattrs_omit_if_default=True, from_=override(rename="from")
        ),
    )
    return conv


CONVERTER: Final = _make_converter()
"""The one converter of the library; configured here, never changed after."""
