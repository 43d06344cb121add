"""The ``onestop lint`` command: the linter's findings on a catalogue.

Kept apart from :mod:`onestop.cli`, which registers it and loads the catalogue.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from typing import Any

from onestop.linter import SEVERITIES, Finding, lint
from onestop.model import Catalogue

__all__ = ["add_lint", "run_lint"]


def add_lint(sub: Any, catalogue_help: str) -> None:
    """Add the ``lint`` subcommand to the ``onestop`` parser's subparsers."""
    p = sub.add_parser("lint", help="find what is valid but wrong or missing in a catalogue")
    p.add_argument("catalogue", help=catalogue_help)
    p.add_argument(
        "--min-severity",
        choices=SEVERITIES,
        default="warning",
        help="list findings of this severity or worse (default warning; counts cover all)",
    )
    p.add_argument("--json", action="store_true", help="print the findings as JSON")


def _summary(name: str, findings: tuple[Finding, ...]) -> str:
    count = Counter(f.severity for f in findings)
    known = sum(1 for f in findings if f.known)
    parts = [f"{count[s]} {s}{'' if count[s] == 1 else 's'}" for s in SEVERITIES]
    if known:
        parts[1] += f" ({known} known)"
    return f"{name}: {', '.join(parts)}"


def run_lint(cat: Catalogue, args: argparse.Namespace) -> int:
    """Print the findings; return 1 when there is an error, else 0."""
    findings = lint(cat)
    shown = [
        f for f in findings if SEVERITIES.index(f.severity) <= SEVERITIES.index(args.min_severity)
    ]
    if args.json:
        data = {
            "catalogue": cat.id,
            "counts": dict(Counter(f.severity for f in findings)),
            "findings": [f.to_dict() for f in shown],
        }
        print(json.dumps(data, indent=2, ensure_ascii=False))
    else:
        print(_summary(cat.id, findings))
        for finding in shown:
            print(f"  {finding}")
    return 1 if any(f.severity == "error" for f in findings) else 0
