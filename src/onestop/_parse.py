"""Text of the three file formats (YAML, JSON, TOML) into plain data, every problem listed."""

from __future__ import annotations

import json
import tomllib
from typing import Any

from onestop._yaml import parse_yaml
from onestop.errors import Problem

__all__ = ["parse"]


def parse(text: str, format: str) -> tuple[Any, list[Problem]]:
    """Return (data, []) for clean text in *format*, or (None or data, problems)."""
    if format == "yaml":
        return parse_yaml(text)
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
