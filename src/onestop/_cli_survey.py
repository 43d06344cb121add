"""The ``onestop ikm`` command: the satisfaction index of a survey CSV.

Kept apart from :mod:`onestop.cli`, which registers it, so that the survey's
command reads in one place.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from onestop.errors import Problem, SurveyError
from onestop.survey import Ikm, ikm, ikm_by, read_csv

__all__ = ["add_ikm", "run_ikm"]


def _population(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"not a population of at least 1: {text!r}")
    return value


def add_ikm(sub: Any) -> None:
    """Add the ``ikm`` subcommand to the ``onestop`` parser's subparsers."""
    p = sub.add_parser("ikm", help="the satisfaction index (IKM) of a survey CSV")
    p.add_argument("survey", help="a CSV file: a header naming the elements, a respondent a line")
    p.add_argument("--by", metavar="COLUMN", help="also the index per value of this column")
    p.add_argument(
        "--population",
        type=_population,
        metavar="N",
        help="users in the survey period: warn below the Krejcie-Morgan minimum",
    )
    p.add_argument("--json", action="store_true", help="print the result as JSON")


def _group_line(key: object, result: Ikm) -> str:
    n = result.respondents
    return f"  {key}: IKM {result.score} ({result.grade}, {result.label}), {n} respondents"


def _print(overall: Ikm, by: str | None, groups: dict[Any, Ikm], as_json: bool) -> None:
    if as_json:
        data: dict[str, Any] = overall.to_dict()
        if by is not None:
            data = {"overall": data, "by": by}
            data["groups"] = {str(key): result.to_dict() for key, result in groups.items()}
        print(json.dumps(data, indent=2, ensure_ascii=False))
        return
    print(overall.explain())
    if by is not None:
        print(f"\nBy {by}:")
        for key, result in groups.items():
            print(_group_line(key, result))
            for warning in result.warnings:
                print(f"    warning: {warning}")


def run_ikm(args: argparse.Namespace) -> int:
    """Run ``onestop ikm``; return the exit status.

    Raises
    ------
    SurveyError
        When the survey cannot be scored (with ``--json``, also when the file
        cannot be read), for :func:`onestop.cli.main` to report like every
        command's errors: as text on standard error, or as JSON on standard
        output with ``--json``, and exit 1.
    """
    try:
        rows = read_csv(args.survey)
        groups: dict[Any, Ikm] = {}
        if args.by is not None:
            groups = ikm_by(rows, args.by)
            rows = tuple({k: v for k, v in row.items() if k != args.by} for row in rows)
        overall = ikm(rows, population=args.population)
    except SurveyError as exc:
        raise (exc if exc.source else SurveyError(exc.problems, source=args.survey)) from None
    except (OSError, ValueError) as exc:
        if args.json:
            raise SurveyError([Problem("", str(exc))], source=args.survey) from exc
        print(f"{args.survey}: {exc}", file=sys.stderr)
        return 1
    _print(overall, args.by, groups, args.json)
    return 0
