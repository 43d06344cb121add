"""The ``onestop assess`` command: a mall's assessment summary.

Kept apart from :mod:`onestop.cli`, which registers it and loads the catalogue.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from onestop.assess import assessment
from onestop.errors import SurveyError
from onestop.model import Catalogue
from onestop.survey import read_csv

__all__ = ["add_assess", "run_assess"]


def add_assess(sub: Any, catalogue_help: str) -> None:
    """Add the ``assess`` subcommand to the ``onestop`` parser's subparsers."""
    p = sub.add_parser("assess", help="what the catalogue shows for each aspect of the assessment")
    p.add_argument("catalogue", help=catalogue_help)
    p.add_argument("--survey", metavar="CSV", help="satisfaction survey answers (see onestop ikm)")
    p.add_argument("--json", action="store_true", help="print the summary as JSON")


def run_assess(cat: Catalogue, args: argparse.Namespace) -> int:
    """Print the summary; return 1 when the survey cannot be scored."""
    try:
        survey = None if args.survey is None else read_csv(args.survey)
        summary = assessment(cat, survey)
    except SurveyError as exc:
        print(str(SurveyError(exc.problems, source=args.survey)), file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"{args.survey}: {exc}", file=sys.stderr)
        return 1
    if args.json:
        print(json.dumps(summary.to_dict(), indent=2, ensure_ascii=False))
    else:
        print(summary.text())
    return 0
