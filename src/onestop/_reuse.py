"""Reuse: merge a catalogue's ``extends`` bases into one self-contained catalogue.

The merge works on plain data, before the model is built:

* ``extends`` is a name or a list; a name is a built-in catalogue, a value
  ending in ``.yaml``, ``.yml``, ``.json`` or ``.toml`` a path relative to the
  extending file. Bases may extend others; a loop is an error naming the chain.
* The result holds every entry of every base (in the order listed), then the
  file's own entries. ``id``, ``name``, ``timezone``, ``calendar``,
  ``complaints``, ``source`` and ``note`` are the file's own.
* An entry whose id a base already defines is an error unless it says
  ``replaces: true``; it then replaces the base entry whole, in its place.
* Two bases defining one id differently is an error naming both; the same
  entry reached twice (two bases extending one common base) is kept once.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, Final

from onestop._suggest import did_you_mean
from onestop._validate import LISTS, check_data
from onestop.errors import Problem

FILE_SUFFIXES: Final = (".yaml", ".yml", ".json", ".toml")

# (text, format, source label, folder for relative paths) of a base, or problems
Reader = Callable[[str, Path | None], tuple[Any, str, Path | None] | list[Problem]]


class _Failed(Exception):
    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(problems)
        self.problems = problems


def _label(problem: Problem, where: str) -> Problem:
    inner = f"{problem.path}: {problem.message}" if problem.path else problem.message
    return Problem(where, inner)


def merge(
    data: Any,
    *,
    folder: Path | None,
    source: str,
    read: Reader,
    builtin_names: tuple[str, ...],
    chain: tuple[str, ...] = (),
) -> tuple[Any, list[Problem]]:
    """Return (merged plain data, problems) for a catalogue that may extend others.

    *read* loads a base's raw data given its ``extends`` value and the folder
    of the file naming it; it returns ``(data, label, folder)`` or problems.
    """
    if not isinstance(data, dict) or "extends" not in data:
        return data, check_data(data)
    names = data["extends"]
    names = [names] if isinstance(names, str) else names
    if not isinstance(names, list) or not all(isinstance(n, str) for n in names) or not names:
        return data, check_data(data)  # the checker reports the malformed value
    problems: list[Problem] = []
    bases: list[tuple[str, dict[str, Any]]] = []
    for i, name in enumerate(names):
        where = f"extends[{i}]" if isinstance(data["extends"], list) else "extends"
        if not name.lower().endswith(FILE_SUFFIXES) and name not in builtin_names:
            problems.append(
                Problem(
                    where,
                    f"no built-in catalogue {name!r}{did_you_mean(name, builtin_names)}; "
                    "a file path must end in .yaml, .yml, .json or .toml",
                )
            )
            continue
        found = read(name, folder)
        if isinstance(found, list):
            problems.extend(_label(p, where) for p in found)
            continue
        raw, label, base_folder = found
        if label in chain or label == source:
            loop = " -> ".join([*chain, source, label]) if source not in chain else label
            problems.append(Problem(where, f"extends loop: {loop}"))
            continue
        merged, base_problems = merge(
            raw,
            folder=base_folder,
            source=label,
            read=read,
            builtin_names=builtin_names,
            chain=(*chain, source),
        )
        if base_problems:
            problems.extend(_label(p, f"{where} ({label})") for p in base_problems)
            continue
        bases.append((label, merged))
    if problems:
        return data, problems
    replaced = {
        (key, entry["id"])
        for key, _ in LISTS
        if isinstance(data.get(key), list)
        for entry in data[key]
        if isinstance(entry, dict)
        and entry.get("replaces") is True
        and isinstance(entry.get("id"), str)
    }
    combined, defined_by, conflicts = _combine(bases, replaced)
    own_problems = check_data(data, defined_by)
    if conflicts or own_problems:
        return data, conflicts + own_problems
    result = {key: value for key, value in data.items() if key != "extends"}
    for key, _ in LISTS:
        entries = list(combined[key])
        index = {entry["id"]: i for i, entry in enumerate(entries)}
        for entry in data.get(key, []):
            clean = {k: v for k, v in entry.items() if k != "replaces"}
            if entry.get("replaces") is True:
                entries[index[entry["id"]]] = clean
            else:
                entries.append(clean)
        result[key] = entries
    return result, []


def _combine(
    bases: list[tuple[str, dict[str, Any]]],
    replaced: set[tuple[str, str]],
) -> tuple[dict[str, list[dict[str, Any]]], dict[str, dict[str, str]], list[Problem]]:
    combined: dict[str, list[dict[str, Any]]] = {key: [] for key, _ in LISTS}
    defined_by: dict[str, dict[str, str]] = {singular: {} for _, singular in LISTS}
    kept: dict[tuple[str, str], dict[str, Any]] = {}
    conflicts: list[Problem] = []
    for label, data in bases:
        for key, singular in LISTS:
            for entry in data.get(key, []):
                ident = entry["id"]
                previous = kept.get((key, ident))
                if previous is None:
                    kept[key, ident] = entry
                    defined_by[singular][ident] = label
                    combined[key].append(entry)
                elif previous != entry and (key, ident) not in replaced:
                    conflicts.append(
                        Problem(
                            "extends",
                            f"{singular} {ident!r} is defined differently by "
                            f"{defined_by[singular][ident]!r} and {label!r}: "
                            "replace it in this file or fix one of them",
                        )
                    )
    return combined, defined_by, conflicts
