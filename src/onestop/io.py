"""Reading and writing catalogue files (YAML, JSON, TOML) and the built-in catalogues.

Loading is all-or-nothing: the text is parsed safely, every rule of the
format is checked and every problem is collected; only a clean catalogue is
turned into model objects. Any problem raises one :class:`~onestop.CatalogueError`
listing them all, each with its path.

Examples
--------
>>> import onestop
>>> text = '''
... format: onestop/1
... id: demo
... name: Demo
... agencies: [{id: dukcapil, name: Dukcapil, level: city}]
... documents: [{id: kk, name: Kartu Keluarga}]
... services: [{id: kk-baru, name: KK baru, agency: dukcapil, produces: [kk]}]
... venues: [{id: mpp, name: MPP, kind: mpp}]
... counters: [{id: loket-1, venue: mpp, services: [kk-baru]}]
... '''
>>> cat = onestop.loads(text, format="yaml")
>>> cat.service("kk-baru").produces
('kk',)
>>> onestop.loads(onestop.dumps(cat, format="toml"), format="toml") == cat
True
"""

from __future__ import annotations

import datetime as dt
import json
import os
import tomllib
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import Any, Final, Literal, TypeAlias

import cattrs
import tomli_w
import yaml
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override

from onestop._reuse import merge
from onestop._suggest import did_you_mean
from onestop._validate import LISTS, check_data, without_nulls
from onestop.errors import CatalogueError, Problem
from onestop.model import FORMAT, CalendarRules, Catalogue, Hours
from onestop.requirements import AllOf, AnyOf, Doc, Requirement, RequirementData

__all__ = [
    "builtin",
    "builtin_names",
    "check",
    "dump",
    "dumps",
    "from_dict",
    "load",
    "loads",
    "to_dict",
]

Format: TypeAlias = Literal["yaml", "json", "toml"]

SUFFIXES: Final[dict[str, Format]] = {
    ".yaml": "yaml",
    ".yml": "yaml",
    ".json": "json",
    ".toml": "toml",
}

_BaseLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_SafeDumper: type[yaml.SafeDumper] = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


class _SafeLoader(_BaseLoader):  # type: ignore[misc, valid-type]
    """The safe loader, reading an impossible date such as 2026-13-01 as its text.

    The checker then reports it with its path, instead of the loader failing
    without one.
    """


def _timestamp(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> Any:
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except (ValueError, OverflowError):
        return loader.construct_scalar(node)


_SafeLoader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp)


class _Dumper(_SafeDumper):  # type: ignore[misc, valid-type]
    """A safe dumper that never writes anchors or aliases (the format refuses them)."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


# ------------------------------------------------------------------ converter
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


_CONVERTER: Final = _make_converter()
"""The one converter of the library; configured here, never changed after."""

_TOP_ORDER: Final = ("format", "id", "name", "timezone", "calendar", "complaints", "source", "note")


def to_dict(catalogue: Catalogue) -> dict[str, Any]:
    """Return a catalogue in the format's plain-data form: JSON-safe, defaults left out.

    Examples
    --------
    >>> import onestop
    >>> data = onestop.to_dict(onestop.builtin("probolinggo"))
    >>> list(data)[:3]
    ['format', 'id', 'name']
    """
    raw: dict[str, Any] = _CONVERTER.unstructure(catalogue)
    data: dict[str, Any] = {"format": FORMAT}
    for key in _TOP_ORDER[1:]:
        if key in raw:
            data[key] = raw[key]
    for key, _ in LISTS:
        if raw.get(key) or key != "bundles":
            data[key] = raw.get(key, [])
    return data


def _one_channel_as_list(entry: dict[str, Any]) -> None:
    """``complaints`` may name one channel; the model always holds a tuple."""
    if isinstance(entry.get("complaints"), str):
        entry["complaints"] = [entry["complaints"]]


def from_dict(
    data: Any, *, source: str = "", folder: str | os.PathLike[str] | None = None
) -> Catalogue:
    """Check plain data against the format and return the catalogue it describes.

    A catalogue with ``extends`` is merged with its bases first: built-in
    names, or file paths relative to *folder* (default: the current folder).

    Raises
    ------
    CatalogueError
        With every problem found; nothing is built.

    Examples
    --------
    >>> import onestop
    >>> cat = onestop.builtin("probolinggo")
    >>> onestop.from_dict(cat.to_dict()) == cat
    True
    >>> onestop.from_dict({"format": "onestop/2", "id": "x", "name": "X"})
    Traceback (most recent call last):
    ...
    onestop.errors.CatalogueError: 6 problems
      missing required field 'agencies' in a catalogue
      missing required field 'documents' in a catalogue
      missing required field 'services' in a catalogue
      missing required field 'venues' in a catalogue
      missing required field 'counters' in a catalogue
      format: unsupported format 'onestop/2': this library reads 'onestop/1'
    """
    merged, problems = merge(
        data,
        folder=Path(folder) if folder is not None else None,
        source=str(Path(source).resolve()) if source and Path(source).is_file() else source,
        read=_read_base,
        builtin_names=builtin_names(),
    )
    if problems:
        raise CatalogueError(problems, source)
    clean = {
        key: value
        for key, value in without_nulls(merged).items()
        if key not in ("format", "extends")
    }
    if "calendar" in clean:
        clean["calendar"] = without_nulls(clean["calendar"])
    _one_channel_as_list(clean)
    for key, _ in LISTS:
        if key in clean:
            entries = []
            for entry in clean[key]:
                entry = {k: v for k, v in without_nulls(entry).items() if k != "replaces"}
                if entry.get("hours"):
                    entry["hours"] = [without_nulls(h) for h in entry["hours"]]
                _one_channel_as_list(entry)
                entries.append(entry)
            clean[key] = entries
    return _CONVERTER.structure(clean, Catalogue)


def check(catalogue: Catalogue) -> None:
    """Check a catalogue built or changed in Python against every rule loading applies.

    A catalogue read by :func:`load` is already checked; one made with
    ``attrs.evolve`` or by hand is not, until this is called (:func:`onestop.plan`
    calls it once per catalogue object).

    Raises
    ------
    CatalogueError
        With every problem found, each with its path, as loading reports them.
    TypeError
        If *catalogue* is not a :class:`~onestop.Catalogue`.

    Examples
    --------
    >>> import attrs, onestop
    >>> cat = onestop.builtin("probolinggo")
    >>> onestop.check(cat)
    >>> moved = attrs.evolve(cat.counters[0], venue="nowhere")
    >>> onestop.check(attrs.evolve(cat, counters=(moved, *cat.counters[1:])))
    Traceback (most recent call last):
    ...
    onestop.errors.CatalogueError: probolinggo: 1 problem
      counters[0].venue: unknown venue 'nowhere'
    """
    if not isinstance(catalogue, Catalogue):
        raise TypeError(f"check() takes a Catalogue, got {type(catalogue).__name__}")
    try:
        data = to_dict(catalogue)
    except Exception as exc:  # a field holding a value of the wrong type
        problem = Problem("", f"cannot read the catalogue: {type(exc).__name__}: {exc}")
        raise CatalogueError([problem], catalogue.id) from None
    problems = check_data(data)
    if problems:
        raise CatalogueError(problems, catalogue.id)


# -------------------------------------------------------------------- parsing
def _yaml_problems(text: str) -> list[Problem]:
    """Find anchors, aliases and duplicate keys, with line numbers, from parse events."""
    problems: list[Problem] = []
    # Each open collection: [is_mapping, expecting_key, {key: line}]
    stack: list[list[Any]] = []

    def node_done() -> None:
        if stack and stack[-1][0]:
            stack[-1][1] = not stack[-1][1]

    for event in yaml.parse(text, Loader=_SafeLoader):
        line = event.start_mark.line + 1 if event.start_mark is not None else 0
        where = f"line {line}"
        if isinstance(event, yaml.AliasEvent):
            problems.append(
                Problem(where, f"YAML alias *{event.anchor} is not allowed: write the value out")
            )
            node_done()
            continue
        anchor = getattr(event, "anchor", None)
        if anchor is not None:
            problems.append(
                Problem(where, f"YAML anchor &{anchor} is not allowed: write the value out")
            )
        if isinstance(event, yaml.ScalarEvent):
            if stack and stack[-1][0] and stack[-1][1]:
                keys = stack[-1][2]
                if event.value in keys:
                    problems.append(
                        Problem(
                            where,
                            f"duplicate key {event.value!r} (first at line {keys[event.value]})",
                        )
                    )
                else:
                    keys[event.value] = line
            node_done()
        elif isinstance(event, yaml.MappingStartEvent):
            stack.append([True, True, {}])
        elif isinstance(event, yaml.SequenceStartEvent):
            stack.append([False, False, {}])
        elif isinstance(event, yaml.MappingEndEvent | yaml.SequenceEndEvent):
            stack.pop()
            node_done()
    return problems


def _parse(text: str, format: str) -> tuple[Any, list[Problem]]:
    if format == "yaml":
        try:
            problems = _yaml_problems(text)
            if problems:
                return None, problems
            return yaml.load(text, Loader=_SafeLoader), []  # a safe loader (see _SafeLoader)
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else ""
            what = " ".join(str(x) for x in (exc.context, exc.problem) if x)
            return None, [Problem(where, f"YAML syntax error: {what}")]
        except yaml.YAMLError as exc:
            return None, [Problem("", f"YAML error: {exc}")]
        except Exception as exc:  # a constructor's own failure on a bad tagged value
            return None, [Problem("", f"YAML error: {type(exc).__name__}: {exc}")]
    if format == "json":
        duplicates: list[Problem] = []

        def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
            result: dict[str, Any] = {}
            for key, value in items:
                if key in result:
                    duplicates.append(Problem("", f"duplicate key {key!r} in a JSON object"))
                result[key] = value
            return result

        def constant(name: str) -> None:
            raise ValueError(f"{name} is not a number this format accepts")

        try:
            data = json.loads(text, object_pairs_hook=pairs, parse_constant=constant)
        except json.JSONDecodeError as exc:
            return None, [
                Problem(f"line {exc.lineno}, column {exc.colno}", f"JSON syntax error: {exc.msg}")
            ]
        except ValueError as exc:
            return None, [Problem("", f"JSON error: {exc}")]
        return data, duplicates
    if format == "toml":
        try:
            return tomllib.loads(text), []
        except tomllib.TOMLDecodeError as exc:
            return None, [Problem("", f"TOML syntax error: {exc}")]
        except ValueError as exc:  # e.g. an integer with too many digits
            return None, [Problem("", f"TOML error: {exc}")]
    raise AssertionError(format)  # pragma: no cover - callers pass a known format


def _check_format(format: str) -> Format:
    if format not in ("yaml", "json", "toml"):
        raise CatalogueError(
            [Problem("", f"unknown file format {format!r}: use 'yaml', 'json' or 'toml'")]
        )
    return format  # type: ignore[return-value]


def loads(
    text: str | bytes,
    format: str = "yaml",
    *,
    source: str = "",
    folder: str | os.PathLike[str] | None = None,
) -> Catalogue:
    r"""Read a catalogue from text in the given format (``yaml``, ``json`` or ``toml``).

    YAML is read with a safe loader (the C one when available); anchors and
    aliases are refused.

    Raises
    ------
    CatalogueError
        Listing every problem found, each with its path (or line).

    Examples
    --------
    >>> import onestop
    >>> try:
    ...     onestop.loads("format: onestop/1\nid: x\nname: [", format="yaml")
    ... except onestop.CatalogueError as err:
    ...     print(err.problems[0].path)
    line 4, column 1
    """
    fmt = _check_format(format)
    try:
        if isinstance(text, bytes):
            text = text.decode("utf-8-sig")
        data, problems = _parse(text, fmt)
        if problems:
            raise CatalogueError(problems, source)
        return from_dict(data, source=source, folder=folder)
    except UnicodeDecodeError as exc:
        raise CatalogueError([Problem("", f"the file is not UTF-8 text: {exc}")], source) from None
    except RecursionError:
        raise CatalogueError([Problem("", "the data is nested too deeply")], source) from None


def _format_of(path: Path) -> Format:
    fmt = SUFFIXES.get(path.suffix.lower())
    if fmt is None:
        raise CatalogueError(
            [
                Problem(
                    "",
                    f"cannot tell the format of {path.name!r} by its suffix: "
                    "use .yaml, .yml, .json or .toml",
                )
            ],
            str(path),
        )
    return fmt


def load(path: str | os.PathLike[str]) -> Catalogue:
    """Read a catalogue file; the format is told by the suffix (.yaml, .yml, .json, .toml).

    Raises
    ------
    CatalogueError
        If the file cannot be read or breaks the format (every problem listed).

    Examples
    --------
    >>> import onestop, tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> onestop.dump(onestop.builtin("probolinggo"), folder / "city.json")
    >>> onestop.load(folder / "city.json").id
    'probolinggo'
    """
    path = Path(path)
    fmt = _format_of(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise CatalogueError(
            [Problem("", f"cannot read the file: {exc.strerror}")], str(path)
        ) from None
    return loads(raw, fmt, source=str(path), folder=path.parent)


def dumps(catalogue: Catalogue, format: str = "yaml") -> str:
    """Write a catalogue as text in the given format; :func:`loads` reads it back equal.

    Examples
    --------
    >>> import onestop
    >>> print(onestop.dumps(onestop.builtin("probolinggo"), "json")[:40])
    {
      "format": "onestop/1",
      "id": "prob
    """
    fmt = _check_format(format)
    data = to_dict(catalogue)
    if fmt == "json":
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if fmt == "toml":
        return tomli_w.dumps(data)
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)


def dump(catalogue: Catalogue, path: str | os.PathLike[str]) -> None:
    """Write a catalogue to a file; the format is told by the suffix.

    Examples
    --------
    >>> import onestop, tempfile, pathlib
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "city.toml"
    >>> onestop.dump(onestop.builtin("probolinggo"), target)
    >>> onestop.load(target) == onestop.builtin("probolinggo")
    True
    """
    path = Path(path)
    text = dumps(catalogue, _format_of(path))
    path.write_text(text, encoding="utf-8")


def _read_base(name: str, folder: Path | None) -> tuple[Any, str, Path | None] | list[Problem]:
    """Read a base catalogue's raw data: (data, label, its folder) or problems."""
    suffix = next((s for s in SUFFIXES if name.lower().endswith(s)), None)
    if suffix is not None:
        path = (folder or Path.cwd()) / name
        try:
            text = path.read_bytes().decode("utf-8-sig")
            label = str(path.resolve())
        except OSError as exc:
            return [Problem("", f"cannot read {str(path)!r}: {exc.strerror or exc}")]
        except UnicodeDecodeError:
            return [Problem("", f"{str(path)!r} is not UTF-8 text")]
        except ValueError as exc:  # a path the system cannot name (a NUL byte)
            return [Problem("", f"cannot read {name!r}: {exc}")]
        data, problems = _parse(text, SUFFIXES[suffix])
        if problems:
            return problems
        return data, label, path.parent
    files = dict(_builtin_files())
    text = files[name].read_bytes().decode("utf-8")
    data, problems = _parse(text, "yaml")
    return problems or (data, name, None)


# ------------------------------------------------------------------ built-ins
def _builtin_files() -> Iterator[tuple[str, Any]]:
    folder = resources.files("onestop") / "catalogues"
    for entry in folder.iterdir():
        if entry.name.endswith(".yaml"):
            yield entry.name.removesuffix(".yaml"), entry


def builtin_names() -> tuple[str, ...]:
    """Return the names of the built-in catalogues, sorted.

    Examples
    --------
    >>> import onestop
    >>> "probolinggo" in onestop.builtin_names()
    True
    """
    return tuple(sorted(name for name, _ in _builtin_files()))


def builtin(name: str) -> Catalogue:
    """Return a built-in catalogue by name (see :func:`builtin_names`).

    Raises
    ------
    CatalogueError
        If there is no built-in catalogue of that name (with a suggestion).

    Examples
    --------
    >>> import onestop
    >>> onestop.builtin("probolinggo").name
    'Mal Pelayanan Publik Kota Probolinggo'
    """
    files = dict(_builtin_files())
    if name not in files:
        raise CatalogueError(
            [Problem("", f"no built-in catalogue {name!r}{did_you_mean(name, files)}")]
        )
    return loads(files[name].read_bytes(), "yaml", source=name)
