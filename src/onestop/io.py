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

import functools
import json
import os
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import Any, Final, Literal, TypeAlias

import tomli_w
import yaml

from onestop._converter import CONVERTER
from onestop._files import DEFAULT_MAX_BYTES, FileRefused, Root, read_limited
from onestop._parse import parse
from onestop._reuse import merge
from onestop._suggest import did_you_mean
from onestop._validate import LISTS, check_data, without_nulls
from onestop.errors import CatalogueError, Problem
from onestop.model import FORMAT, Catalogue

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

_SafeDumper: type[yaml.SafeDumper] = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


class _Dumper(_SafeDumper):  # type: ignore[misc, valid-type]
    """A safe dumper that never writes anchors or aliases (the format refuses them)."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


_TOP_ORDER: Final = ("format", "id", "name", "timezone", "calendar", "complaints", "source", "note")


PathLike: TypeAlias = str | os.PathLike[str]


def _text_option(value: object, name: str) -> None:
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a string, got {type(value).__name__}")


def _path_option(value: object, name: str) -> Path | None:
    """A folder option as a resolved path (``None`` stays ``None``)."""
    if value is None:
        return None
    if not isinstance(value, str | os.PathLike) or isinstance(value, bytes):
        raise TypeError(f"{name} must be a path (str or os.PathLike), got {type(value).__name__}")
    try:
        return Path(value).resolve()
    except (OSError, ValueError, RuntimeError) as exc:
        raise CatalogueError([Problem("", f"{name}: not a usable folder: {exc}")]) from None


def _guard(folder: object, root: object, max_bytes: object) -> tuple[Path | None, Root]:
    """(the folder relative paths start from, the root and limit every file is read under)."""
    if isinstance(max_bytes, bool) or not isinstance(max_bytes, int):
        raise TypeError(f"max_bytes must be a whole number, got {type(max_bytes).__name__}")
    if max_bytes < 1:
        raise CatalogueError([Problem("", f"max_bytes must be at least 1, got {max_bytes}")])
    start = _path_option(folder, "folder")
    inside = _path_option(root, "root")
    return start or inside, Root(inside or start, max_bytes)


def to_dict(catalogue: Catalogue) -> dict[str, Any]:
    """Return a catalogue in the format's plain-data form: JSON-safe, defaults left out.

    Examples
    --------
    >>> import onestop
    >>> data = onestop.to_dict(onestop.builtin("probolinggo"))
    >>> list(data)[:3]
    ['format', 'id', 'name']
    """
    raw: dict[str, Any] = CONVERTER.unstructure(catalogue)
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
    data: Any,
    *,
    source: str = "",
    folder: PathLike | None = None,
    root: PathLike | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Catalogue:
    """Check plain data against the format and return the catalogue it describes.

    A catalogue with ``extends`` is merged with its bases first. Without
    *folder* it may extend built-in catalogues only; with it, also files whose
    paths are relative to *folder* and resolve (links followed) inside *root*
    (default: *folder*), each a regular file of at most *max_bytes*.

    Raises
    ------
    CatalogueError
        With every problem found; nothing is built.
    TypeError
        If an option has the wrong type.

    Examples
    --------
    >>> import onestop
    >>> cat = onestop.builtin("probolinggo")
    >>> onestop.from_dict(onestop.to_dict(cat)) == cat
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
    _text_option(source, "source")
    where, guard = _guard(folder, root, max_bytes)
    return _build(data, source=source, label=source, folder=where, guard=guard)


def _build(data: Any, *, source: str, label: str, folder: Path | None, guard: Root) -> Catalogue:
    """Merge, check and structure plain data (see :func:`from_dict`)."""
    merged, problems = merge(
        data,
        folder=folder,
        source=label,
        read=functools.partial(_read_base, guard=guard),
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
    catalogue = CONVERTER.structure(clean, Catalogue)
    catalogue._cache[_CHECKED] = True  # built from checked data: check_once() has nothing to do
    return catalogue


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


_CHECKED: Final = "checked"


def _checked(catalogue: Catalogue) -> bool:
    check(catalogue)
    return True


def check_once(catalogue: Catalogue) -> None:
    """Run :func:`check` on a catalogue object the first time only (a loaded one never).

    The outcome is kept with the object's other prepared work; a catalogue
    that fails is checked again next time (and fails again).
    """
    catalogue._prepared(_CHECKED, _checked)


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
    folder: PathLike | None = None,
    root: PathLike | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Catalogue:
    r"""Read a catalogue from text in the given format (``yaml``, ``json`` or ``toml``).

    YAML is read once, with libyaml's safe loader when PyYAML has it; anchors,
    aliases and duplicate keys are refused. Text longer than *max_bytes*
    (16 MiB by default) is refused before it is parsed. The text may extend
    built-in catalogues; it may extend files only when *folder* names where
    their relative paths start (see :func:`from_dict` for *root*).

    Raises
    ------
    CatalogueError
        Listing every problem found, each with its path (or line).
    TypeError
        If *text* or an option has the wrong type.

    Examples
    --------
    >>> import onestop
    >>> try:
    ...     onestop.loads("format: onestop/1\nid: x\nname: [", format="yaml")
    ... except onestop.CatalogueError as err:
    ...     print(err.problems[0].path)
    line 4, column 1
    >>> try:
    ...     onestop.loads("format: onestop/1\nid: x\nname: X\nextends: /etc/app.json")
    ... except onestop.CatalogueError as err:
    ...     print(err.problems[0].message)
    cannot read '/etc/app.json': text may extend built-ins only (pass folder= to read files)
    """
    if not isinstance(text, str | bytes):
        raise TypeError(f"text must be str or bytes, got {type(text).__name__}")
    if not isinstance(format, str):
        raise TypeError(f"format must be a string, got {type(format).__name__}")
    _text_option(source, "source")
    where, guard = _guard(folder, root, max_bytes)
    fmt = _check_format(format)
    size = len(text) if isinstance(text, bytes) else _utf8_size(text, max_bytes)
    if size > max_bytes:
        message = (
            f"the text is larger than the limit of {max_bytes:,} bytes ({size:,}): "
            "pass a larger max_bytes= to read it"
        )
        raise CatalogueError([Problem("", message)], source)
    data = _parse_text(text, fmt, source)
    return _build(data, source=source, label=source, folder=where, guard=guard)


def _utf8_size(text: str, max_bytes: int) -> int:
    """The UTF-8 size of *text*, or its length when that alone is past *max_bytes*."""
    if len(text) > max_bytes or 4 * len(text) <= max_bytes:
        return len(text)  # a character is one to four bytes
    return len(text.encode("utf-8", "surrogatepass"))


def _parse_text(text: str | bytes, fmt: Format, source: str) -> Any:
    """The plain data of a file's text; :class:`CatalogueError` with every parse problem."""
    try:
        if isinstance(text, bytes):
            text = text.decode("utf-8-sig")
        data, problems = parse(text, fmt)
    except UnicodeDecodeError as exc:
        raise CatalogueError([Problem("", f"the file is not UTF-8 text: {exc}")], source) from None
    except RecursionError:
        raise CatalogueError([Problem("", "the data is nested too deeply")], source) from None
    if problems:
        raise CatalogueError(problems, source)
    return data


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


def load(
    path: PathLike, *, root: PathLike | None = None, max_bytes: int = DEFAULT_MAX_BYTES
) -> Catalogue:
    r"""Read a catalogue file; the format is told by the suffix (.yaml, .yml, .json, .toml).

    Only a regular file of at most *max_bytes* (16 MiB by default) is read. Its
    ``extends`` may name files by paths relative to it that resolve, links
    followed, inside *root*: by default the file's own folder. Name a wider
    root to let a city file extend a shared base in a parent folder.

    Raises
    ------
    CatalogueError
        If the file cannot be read or breaks the format (every problem listed).
    TypeError
        If *path* or an option has the wrong type.

    Examples
    --------
    >>> import onestop, tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> onestop.dump(onestop.builtin("probolinggo"), folder / "city.json")
    >>> onestop.load(folder / "city.json").id
    'probolinggo'
    >>> _ = (folder / "shared").mkdir(), (folder / "kota").mkdir()
    >>> onestop.dump(onestop.builtin("national"), folder / "shared" / "base.yaml")
    >>> _ = (folder / "kota" / "city.yaml").write_text(
    ...     "format: onestop/1\nid: kota\nname: Kota\nextends: ../shared/base.yaml\n")
    >>> try:
    ...     onestop.load(folder / "kota" / "city.yaml")
    ... except onestop.CatalogueError as err:
    ...     print(err.problems[0].message)
    '../shared/base.yaml' is outside the root folder (a caller may pass a wider root=)
    >>> len(onestop.load(folder / "kota" / "city.yaml", root=folder).services) > 30
    True
    """
    if isinstance(path, bytes) or not isinstance(path, str | os.PathLike):
        raise TypeError(f"path must be a path (str or os.PathLike), got {type(path).__name__}")
    path = Path(path)
    shown = str(path)
    fmt = _format_of(path)
    _, guard = _guard(None, root, max_bytes)
    try:
        resolved = path.resolve()
    except (OSError, ValueError, RuntimeError) as exc:
        raise CatalogueError([Problem("", f"cannot read the file: {exc}")], shown) from None
    inside = guard.folder or resolved.parent
    if not resolved.is_relative_to(inside):
        message = "the file is outside root=: name a root folder that holds it"
        raise CatalogueError([Problem("", message)], shown)
    try:
        raw = read_limited(resolved, guard.max_bytes, "the file")
    except FileRefused as exc:
        raise CatalogueError([exc.problem], shown) from None
    data = _parse_text(raw, fmt, shown)
    label = resolved.relative_to(inside).as_posix()
    guard = Root(inside, guard.max_bytes)
    return _build(data, source=shown, label=label, folder=resolved.parent, guard=guard)


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


def _read_base(
    name: str, folder: Path | None, *, guard: Root
) -> tuple[Any, str, Path | None] | list[Problem]:
    """Read a base catalogue's raw data: (data, label, its folder) or problems.

    A file's label is its path relative to the root, so no message shows where
    the root is on the machine.
    """
    suffix = next((s for s in SUFFIXES if name.lower().endswith(s)), None)
    if suffix is not None:
        try:
            raw, path = guard.read(name, folder)
        except FileRefused as exc:
            return [exc.problem]
        try:
            data, problems = parse(raw.decode("utf-8-sig"), SUFFIXES[suffix])
        except UnicodeDecodeError:
            return [Problem("", f"{name!r} is not UTF-8 text")]
        if problems:
            return problems
        assert guard.folder is not None  # Root.read refuses every file without one
        return data, path.relative_to(guard.folder).as_posix(), path.parent
    files = dict(_builtin_files())
    data, problems = parse(files[name].read_bytes().decode("utf-8"), "yaml")
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
