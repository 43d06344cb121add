"""Check a catalogue in plain-data form against every rule of the format.

The check walks the data once, in a fixed order, and collects every problem
with its path; it never raises for bad data. :mod:`onestop.io` structures the
data into model objects only when no problem was found.
"""

from __future__ import annotations

import datetime as dt
import re
import zoneinfo
from collections.abc import Callable, Mapping
from typing import Any, Final

import holidays
from dateutil.rrule import DAILY, rrule, rruleset, rrulestr

from onestop._suggest import unknown
from onestop.errors import Problem
from onestop.model import (
    FORMAT,
    ID_PATTERN,
    KINDS,
    LEVELS,
    MAX_MINUTES,
    MAX_WORKING_DAYS,
    PICKUPS,
    STATUSES,
    WEEKDAYS,
)

MAX_DEPTH: Final = 32
"""How deeply requirement expressions may nest."""

RRULE_YEARS: Final = (1970, 2200)
"""The years a DTSTART may fall in (keeps rule expansion cheap)."""

SUB_DAILY_PARTS: Final = ("byhour", "byminute", "bysecond")
"""Rule parts that pick times within a day: refused (the times are ``open``/``close``)."""

_TIME = re.compile(r"([01][0-9]|2[0-3]):[0-5][0-9]")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")

# kind -> (list key in the file, singular name used in messages)
LISTS: Final = (
    ("agencies", "agency"),
    ("documents", "document"),
    ("services", "service"),
    ("bundles", "bundle"),
    ("venues", "venue"),
    ("counters", "counter"),
)

Check = Callable[["_Walker", Any, str], None]


NULL_MEANS_SOMETHING: Final = frozenset({"holidays", "requires"})
"""Optional fields where null has a meaning of its own (no holidays; needs nothing)."""


def without_nulls(value: dict[Any, Any], required: tuple[str, ...] = ()) -> dict[Any, Any]:
    """Drop optional fields that are null: a null optional field is simply left out.

    (TOML has no null, so this is how every format can say the same thing.)
    """
    if not any(v is None for v in value.values()):
        return value
    return {
        k: v
        for k, v in value.items()
        if v is not None or k in required or k in NULL_MEANS_SOMETHING
    }


def describe(value: object) -> str:
    """Describe a bad value for a message: its kind and repr."""
    if isinstance(value, bool):
        return f"the boolean {value!r}"
    if isinstance(value, int | float):
        return f"the number {value!r}"
    if isinstance(value, str):
        return f"the string {value!r}"
    if value is None:
        return "null"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, dt.datetime):
        return f"the date and time {value.isoformat()}"
    if isinstance(value, dt.date):
        return f"the date {value.isoformat()}"
    return f"{type(value).__name__} {value!r}"


_BOOL_HINT = " (YAML reads unquoted yes/no/on/off/true/false as booleans: quote it)"


class _Walker:
    def __init__(self, base: Mapping[str, Mapping[str, str]] | None = None) -> None:
        self.problems: list[Problem] = []
        self.ids: dict[str, set[str]] = {singular: set() for _, singular in LISTS}
        # singular -> {id: name of the base catalogue defining it}
        self.base: Mapping[str, Mapping[str, str]] = base or {}
        for singular, table in self.base.items():
            self.ids[singular].update(table)

    def add(self, path: str, message: str) -> None:
        self.problems.append(Problem(path, message))

    # ------------------------------------------------------------ scalar checks
    def text(self, value: Any, path: str, *, empty_ok: bool = False) -> bool:
        if not isinstance(value, str):
            hint = _BOOL_HINT if isinstance(value, bool) else ""
            self.add(path, f"expected a string, got {describe(value)}{hint}")
            return False
        if not empty_ok and not value.strip():
            self.add(path, "must not be empty")
            return False
        return True

    def ident(self, value: Any, path: str) -> bool:
        if not self.text(value, path):
            return False
        if not ID_PATTERN.fullmatch(value):
            self.add(
                path,
                f"{value!r} is not a valid id: start with a-z or 0-9, then a-z, 0-9, '.', '_', '-'",
            )
            return False
        return True

    def ref(self, value: Any, path: str, kind: str) -> None:
        if self.ident(value, path) and value not in self.ids[kind]:
            self.add(path, unknown(kind, value, self.ids[kind]))

    def whole(self, value: Any, path: str, at_most: int | None = None) -> None:
        if isinstance(value, bool) or not isinstance(value, int):
            self.add(path, f"expected a whole number, got {describe(value)}")
        elif value < 0:
            self.add(path, f"must not be negative, got {value}")
        elif at_most is not None and value > at_most:
            self.add(path, f"must be at most {at_most}, got {value}")

    def flag(self, value: Any, path: str) -> None:
        if not isinstance(value, bool):
            self.add(path, f"expected true or false, got {describe(value)}")

    def choice(self, value: Any, path: str, options: tuple[str, ...], what: str) -> None:
        if not isinstance(value, str):
            self.add(path, f"expected a string, got {describe(value)}")
        elif value not in options:
            self.add(
                path,
                f"{unknown(what, value, options)}: expected one of {', '.join(options)}",
            )

    def time(self, value: Any, path: str) -> dt.time | None:
        if isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 24 * 60:
            self.add(
                path,
                f'expected a time as a string "HH:MM", got the number {value} '
                f"(YAML reads an unquoted {value // 60}:{value % 60:02d} as a base-60 number: "
                f'quote it, "{value // 60:02d}:{value % 60:02d}")',
            )
            return None
        if not isinstance(value, str):
            self.add(path, f'expected a time as a string "HH:MM", got {describe(value)}')
            return None
        if not _TIME.fullmatch(value):
            self.add(path, f'{value!r} is not a time: write 24-hour "HH:MM", e.g. "08:00"')
            return None
        return dt.time(int(value[:2]), int(value[3:]))

    def date(self, value: Any, path: str) -> dt.date | None:
        """Check a date; return it when it is one."""
        if isinstance(value, dt.datetime):
            self.add(path, f"expected a date, got {describe(value)}: leave out the time")
        elif isinstance(value, dt.date):
            return value
        elif not isinstance(value, str):
            self.add(path, f"expected a date YYYY-MM-DD, got {describe(value)}")
        elif not _DATE.fullmatch(value):
            self.add(path, f"{value!r} is not a date: write YYYY-MM-DD")
        else:
            try:
                return dt.date.fromisoformat(value)
            except ValueError:
                self.add(path, f"{value!r} is not a date of the calendar")
        return None

    def list_of(self, value: Any, path: str, item: Check, *, at_least_one: bool = False) -> None:
        if not isinstance(value, list):
            self.add(path, f"expected a list, got {describe(value)}")
            return
        if at_least_one and not value:
            self.add(path, "must list at least one item")
        seen: dict[Any, int] = {}
        for i, element in enumerate(value):
            item(self, element, f"{path}[{i}]")
            key = element.isoformat() if isinstance(element, dt.date) else element
            if isinstance(key, str):
                if key in seen:
                    self.add(f"{path}[{i}]", f"{key!r} is listed twice (first at [{seen[key]}])")
                else:
                    seen[key] = i

    # --------------------------------------------------------------- mappings
    def mapping(
        self,
        value: Any,
        path: str,
        fields: Mapping[str, Check | None],
        required: tuple[str, ...],
        what: str,
    ) -> dict[Any, Any] | None:
        """Check a mapping's keys and fields; return it without null optional fields."""
        if not isinstance(value, dict):
            self.add(path, f"expected a mapping ({what}), got {describe(value)}")
            return None
        checked: dict[Any, Any] = without_nulls(value, required)
        value = checked
        prefix = f"{path}." if path else ""
        for key in value:
            if not isinstance(key, str):
                hint = _BOOL_HINT if isinstance(key, bool) else ""
                self.add(path, f"keys must be strings, got {describe(key)}{hint}")
            elif key not in fields:
                self.add(
                    f"{prefix}{key}",
                    unknown("key", key, fields, f" in {what}"),
                )
        for key in required:
            if key not in value:
                self.add(path, f"missing required field {key!r} in {what}")
        for key, check in fields.items():
            if key in value and check is not None:
                check(self, value[key], f"{prefix}{key}")
        return checked

    # ------------------------------------------------------------ requirements
    def requirement(self, value: Any, path: str, depth: int = 0) -> None:
        if depth > MAX_DEPTH:
            self.add(path, f"requirement nested more than {MAX_DEPTH} levels deep")
        elif isinstance(value, str):
            self.ref(value, path, "document")
        elif isinstance(value, list):
            for i, item in enumerate(value):
                self.requirement(item, f"{path}[{i}]", depth + 1)
        elif isinstance(value, dict):
            keys = [k for k in value if k in ("all_of", "any_of")]
            others = [k for k in value if k not in ("all_of", "any_of")]
            use = " in a requirement: use all_of or any_of"
            for key in others:
                where = f"{path}.{key}" if isinstance(key, str) else path
                self.add(where, unknown("key", key, ("all_of", "any_of"), use))
            if len(value) != 1 or len(keys) != 1:
                if not others:
                    self.add(path, "a requirement mapping has exactly one key: all_of or any_of")
                return
            key = keys[0]
            items = value[key]
            if not isinstance(items, list):
                self.add(f"{path}.{key}", f"expected a list, got {describe(items)}")
                return
            if key == "any_of" and not items:
                self.add(f"{path}.{key}", "any_of needs at least one item")
            for i, item in enumerate(items):
                self.requirement(item, f"{path}.{key}[{i}]", depth + 1)
        elif value is None:
            return  # an empty requirement needs nothing
        else:
            self.add(
                path,
                "expected a document id, a list, or an all_of/any_of mapping, "
                f"got {describe(value)}",
            )

    # ------------------------------------------------------------------- hours
    def rrule(self, value: Any, path: str) -> None:
        if not self.text(value, path):
            return
        if "DTSTART" not in value.upper():
            self.add(
                path,
                'the rule needs a DTSTART date, e.g. "DTSTART:20260906\\nRRULE:FREQ=WEEKLY" '
                "(without one it would start on the day it is read)",
            )
            return
        try:
            rule = rrulestr(value, forceset=True)
        except Exception as exc:  # dateutil raises several types for bad rules
            self.add(path, f"not a valid RFC 5545 rule: {exc}")
            return
        assert isinstance(rule, rruleset)
        # dateutil keeps the parsed rules, their start and frequency in private fields
        rules: list[rrule] = list(rule._rrule)  # type: ignore[attr-defined]
        for sub in rules:
            start = sub._dtstart  # type: ignore[attr-defined]
            if start.tzinfo is not None:
                self.add(path, "DTSTART must be a plain date, without a time zone")
                return
            if not RRULE_YEARS[0] <= start.year <= RRULE_YEARS[1]:
                self.add(
                    path,
                    f"DTSTART year {start.year} is outside {RRULE_YEARS[0]}-{RRULE_YEARS[1]}",
                )
                return
            if sub._freq > DAILY:  # type: ignore[attr-defined]
                self.add(
                    path,
                    "the rule repeats more often than daily: a rule picks dates, "
                    "the times come from open and close",
                )
                return
            given = sub._original_rule  # type: ignore[attr-defined]
            parts = [part.upper() for part in SUB_DAILY_PARTS if given.get(part)]
            if parts:
                self.add(
                    path,
                    f"{', '.join(parts)} picks times within a day: a rule picks dates, "
                    "the times come from open and close (leave them out)",
                )
                return

    def hours(self, value: Any, path: str) -> None:
        fields: dict[str, Check] = {
            "days": lambda w, v, p: w.list_of(
                v, p, lambda w2, d, p2: w2.choice(d, p2, WEEKDAYS, "weekday"), at_least_one=True
            ),
            "rrule": _Walker.rrule,
            "open": lambda w, v, p: None,
            "close": lambda w, v, p: None,
            "on_holidays": _Walker.flag,
            "from": lambda w, v, p: None,
            "until": lambda w, v, p: None,
        }
        value = self.mapping(value, path, fields, ("open", "close"), "an hours entry")
        if value is None:
            return
        if ("days" in value) == ("rrule" in value):
            self.add(path, "an hours entry needs exactly one of 'days' and 'rrule'")
        first = self.date(value["from"], f"{path}.from") if "from" in value else None
        last = self.date(value["until"], f"{path}.until") if "until" in value else None
        if first is not None and last is not None and last < first:
            self.add(
                f"{path}.until",
                f"until {last.isoformat()} is before from {first.isoformat()}",
            )
        opens = self.time(value["open"], f"{path}.open") if "open" in value else None
        closes = self.time(value["close"], f"{path}.close") if "close" in value else None
        if opens is not None and closes is not None and not opens < closes:
            self.add(
                f"{path}.close",
                f"closes at {value['close']}, not after it opens at {value['open']}",
            )

    # ----------------------------------------------------------------- entries
    def entry(
        self,
        value: Any,
        path: str,
        singular: str,
        fields: dict[str, Check],
        required: tuple[str, ...],
        seen: dict[str, str],
    ) -> None:
        fields = {**fields, "replaces": _Walker.flag}
        article = "an" if singular[0] in "aeiou" else "a"
        value = self.mapping(value, path, fields, required, f"{article} {singular}")
        if value is None:
            return
        ident = value.get("id")
        if isinstance(ident, str) and ID_PATTERN.fullmatch(ident):
            if ident in seen:
                self.add(
                    f"{path}.id", f"duplicate {singular} id {ident!r} (first at {seen[ident]})"
                )
            else:
                seen[ident] = path
        if not isinstance(ident, str):
            return
        defined_by = self.base.get(singular, {}).get(ident)
        if value.get("replaces") is True:
            if defined_by is None:
                self.add(
                    f"{path}.replaces",
                    f"replaces: true, but no catalogue this one extends defines "
                    f"{singular} {ident!r}",
                )
        elif defined_by is not None:
            self.add(
                f"{path}.id",
                f"{singular} {ident!r} is already defined by {defined_by!r}: "
                "add replaces: true to replace it, or choose another id",
            )


def _text(w: _Walker, v: Any, p: str) -> None:
    w.text(v, p)


def _free_text(w: _Walker, v: Any, p: str) -> None:
    w.text(v, p, empty_ok=True)


def _ident(w: _Walker, v: Any, p: str) -> None:
    w.ident(v, p)


def _ref(kind: str) -> Check:
    return lambda w, v, p: w.ref(v, p, kind)


def _refs(kind: str, *, at_least_one: bool = False) -> Check:
    return lambda w, v, p: w.list_of(v, p, _ref(kind), at_least_one=at_least_one)


def _texts(w: _Walker, v: Any, p: str) -> None:
    w.list_of(v, p, _text)


def _channels(w: _Walker, v: Any, p: str) -> None:
    """Where to complain: one channel, or a list of them."""
    if isinstance(v, str):
        w.text(v, p)
    elif isinstance(v, list):
        w.list_of(v, p, _text)
    else:
        w.add(p, f"expected a complaint channel or a list of them, got {describe(v)}")


_PROVENANCE: dict[str, Check] = {"source": _free_text, "note": _free_text}

SCHEMA: Final[dict[str, tuple[dict[str, Check], tuple[str, ...]]]] = {
    "agency": (
        {
            "id": _ident,
            "name": _text,
            "level": lambda w, v, p: w.choice(v, p, LEVELS, "level"),
            "short_name": _text,
            "complaints": _channels,
            **_PROVENANCE,
        },
        ("id", "name", "level"),
    ),
    "document": (
        {"id": _ident, "name": _text, "description": _free_text, **_PROVENANCE},
        ("id", "name"),
    ),
    "service": (
        {
            "id": _ident,
            "name": _text,
            "agency": _ref("agency"),
            "requires": lambda w, v, p: w.requirement(v, p),
            "produces": _refs("document"),
            "minutes": lambda w, v, p: w.whole(v, p, MAX_MINUTES),
            "working_days": lambda w, v, p: w.whole(v, p, MAX_WORKING_DAYS),
            "pickup": lambda w, v, p: w.choice(v, p, PICKUPS, "pickup"),
            "fee": _Walker.whole,
            "procedure": _texts,
            "legal_basis": _texts,
            "complaints": _channels,
            "description": _free_text,
            **_PROVENANCE,
        },
        ("id", "name", "agency"),
    ),
    "bundle": (
        {
            "id": _ident,
            "name": _text,
            "services": _refs("service", at_least_one=True),
            "description": _free_text,
            **_PROVENANCE,
        },
        ("id", "name", "services"),
    ),
    "venue": (
        {
            "id": _ident,
            "name": _text,
            "kind": lambda w, v, p: w.choice(v, p, KINDS, "venue kind"),
            "status": lambda w, v, p: w.choice(v, p, STATUSES, "venue status"),
            "address": _free_text,
            "hours": lambda w, v, p: w.list_of(v, p, _Walker.hours),
            **_PROVENANCE,
        },
        ("id", "name", "kind"),
    ),
    "counter": (
        {
            "id": _ident,
            "venue": _ref("venue"),
            "services": _refs("service", at_least_one=True),
            "name": _text,
            **_PROVENANCE,
        },
        ("id", "venue", "services"),
    ),
}


def _format(w: _Walker, v: Any, p: str) -> None:
    if v != FORMAT:
        shown = repr(v) if isinstance(v, str) else describe(v)
        w.add(p, f"unsupported format {shown}: this library reads {FORMAT!r}")


def _timezone(w: _Walker, v: Any, p: str) -> None:
    if not w.text(v, p):
        return
    try:
        zoneinfo.ZoneInfo(v)
    except Exception:  # not found, a folder of tzdata, too long, bad characters
        w.add(p, f"unknown time zone {v!r}: use an IANA name such as 'Asia/Jakarta'")


def _country(w: _Walker, v: Any, p: str) -> None:
    if v is None or v == "none":
        return
    if not w.text(v, p):
        return
    supported = holidays.list_supported_countries()
    if v not in supported:
        w.add(
            p,
            f"{unknown('holiday country', v, supported)}: "
            "use a country code such as 'ID', or \"none\"",
        )


def _calendar(w: _Walker, v: Any, p: str) -> None:
    fields: dict[str, Check] = {
        "holidays": _country,
        "closed": lambda w2, v2, p2: w2.list_of(v2, p2, _date),
    }
    w.mapping(v, p, fields, (), "the calendar")


def _date(w: _Walker, v: Any, p: str) -> None:
    w.date(v, p)


def _extends(w: _Walker, v: Any, p: str) -> None:
    if isinstance(v, str):
        w.text(v, p)
    elif isinstance(v, list):
        if not v:
            w.add(p, "must list at least one catalogue")
        for i, item in enumerate(v):
            w.text(item, f"{p}[{i}]")
    else:
        w.add(p, f"expected a catalogue name or path, or a list of them, got {describe(v)}")


TOP: Final[dict[str, Check]] = {
    "format": _format,
    "id": _ident,
    "name": _text,
    "timezone": _timezone,
    "calendar": _calendar,
    "extends": _extends,
    "complaints": _channels,
    **_PROVENANCE,
}
TOP_REQUIRED: Final = ("format", "id", "name", *(key for key, _ in LISTS if key != "bundles"))


def check_data(data: Any, base: Mapping[str, Mapping[str, str]] | None = None) -> list[Problem]:
    """Return every problem of a catalogue in plain-data form, in a fixed order.

    *base* maps each kind (``"service"``, ...) to the ids its bases define and
    the base's name: those ids may be referred to, and redefined only with
    ``replaces: true``. With a base, the six lists are optional.

    Examples
    --------
    >>> [str(p) for p in check_data({"format": "onestop/1", "id": "x", "name": "X",
    ...     "agencies": [], "documents": [], "services": [], "venues": [],
    ...     "counters": [{"id": "c", "venue": "mpp", "services": ["kia"]}]})]
    ["counters[0].venue: unknown venue 'mpp'", "counters[0].services[0]: unknown service 'kia'"]
    """
    w = _Walker(base)
    lists: dict[str, Check | None] = {key: None for key, _ in LISTS}
    required = TOP_REQUIRED
    if isinstance(data, dict) and "extends" in data:
        required = ("format", "id", "name")
    data = w.mapping(data, "", {**TOP, **lists}, required, "a catalogue")
    if data is None:
        return w.problems
    # First pass: the ids that exist, so that references can be checked in any order.
    for key, singular in LISTS:
        entries = data.get(key)
        if isinstance(entries, list):
            for entry in entries:
                if isinstance(entry, dict):
                    ident = entry.get("id")
                    if isinstance(ident, str) and ID_PATTERN.fullmatch(ident):
                        w.ids[singular].add(ident)
    for key, singular in LISTS:
        if key not in data:
            continue
        fields, required = SCHEMA[singular]
        seen: dict[str, str] = {}
        w.list_of(
            data[key],
            key,
            lambda w2, v, p, s=singular, f=fields, r=required, sn=seen: w2.entry(  # type: ignore[misc]
                v, p, s, f, r, sn
            ),
        )
    return w.problems
