"""The ``onestop`` command: a thin layer over the public API.

Commands::

    onestop validate FILE|NAME
    onestop show FILE|NAME
    onestop graph FILE|NAME [--service ID] --format mermaid|dot
    onestop plan FILE|NAME GOAL... [--holding DOC...] [--start YYYY-MM-DD]
                 [--objective counters|venues] [--venue ID|KIND...] [--json]
    onestop ikm SURVEY.csv [--by COLUMN] [--population N] [--json]
    onestop lint FILE|NAME [--min-severity error|warning|info] [--json]
    onestop assess FILE|NAME [--survey SURVEY.csv] [--json]

``ikm`` (in :mod:`onestop._cli_survey`) scores a satisfaction survey; ``lint``
(in :mod:`onestop._cli_lint`) exits 1 when the catalogue has an error finding;
``assess`` (in :mod:`onestop._cli_assess`) summarises a mall for its assessment.
``FILE|NAME`` is a catalogue file (.yaml, .yml, .json, .toml) or the name of a
built-in catalogue. Exit status: 0 on success, 1 when the catalogue or the
plan has problems (listed on standard error), 2 for a bad command line.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from onestop import graph as graphs
from onestop._cli_assess import add_assess, run_assess
from onestop._cli_lint import add_lint, run_lint
from onestop._cli_survey import add_ikm, run_ikm
from onestop._money import rupiah
from onestop.errors import Error
from onestop.io import SUFFIXES, builtin, load
from onestop.model import LEVELS, Catalogue, Service
from onestop.planning import plan

__all__ = ["main"]


def _catalogue(source: str) -> Catalogue:
    path = Path(source)
    if path.suffix.lower() in SUFFIXES or path.exists():
        return load(path)
    return builtin(source)


def _show(cat: Catalogue) -> str:
    lines = [f"{cat.name} ({cat.id})"]
    lines.append(
        f"{len(cat.agencies)} agencies, {len(cat.documents)} documents, "
        f"{len(cat.services)} services, {len(cat.bundles)} bundles, "
        f"{len(cat.venues)} venues, {len(cat.counters)} counters"
    )
    lines.append("")
    lines.append("Agencies by level:")
    for level in LEVELS:
        names = [a.short_name or a.name for a in cat.agencies if a.level == level]
        if names:
            lines.append(f"  {level} ({len(names)}): {', '.join(names)}")
    lines.append("")
    lines.append("Venues:")
    for venue in cat.venues:
        where = f", {venue.address}" if venue.address else ""
        lines.append(f"  {venue.id} [{venue.kind}] {venue.name}{where}")
        for hours in venue.hours:
            when = ",".join(hours.days) if hours.days else (hours.rrule or "").replace("\n", " ")
            extra = " (also on holidays)" if hours.on_holidays else ""
            span = f"{hours.open.strftime('%H:%M')}-{hours.close.strftime('%H:%M')}"
            lines.append(f"      {when} {span}{extra}")
        if not venue.hours:
            lines.append("      open every day")
        for counter in cat.counters_at(venue.id):
            lines.append(f"    {counter.id}: {', '.join(counter.services)}")
    lines.append("")
    lines.append("Services:")
    for service in cat.services:
        wait = (
            f", ready after {service.working_days} working day(s)" if service.working_days else ""
        )
        fee = f", {rupiah(service.fee)}" if service.fee else ""
        lines.append(f"  {service.id}: {service.name} [{service.agency}{wait}{fee}]")
        lines.append(f"      requires: {service.requires}")
        lines.extend(_standard(cat, service))
    if cat.bundles:
        lines.append("")
        lines.append("Bundles:")
        for bundle in cat.bundles:
            lines.append(f"  {bundle.id}: {bundle.name} = {', '.join(bundle.services)}")
    return "\n".join(lines)


def _standard(cat: Catalogue, service: Service) -> list[str]:
    """The service-standard lines of ``show``: procedure, legal basis, where to complain."""
    lines = ["      procedure:"] if service.procedure else []
    lines.extend(f"        {i}. {step}" for i, step in enumerate(service.procedure, 1))
    if service.legal_basis:
        lines.append(f"      legal basis: {'; '.join(service.legal_basis)}")
    complaints = cat.complaints_for(service.id)
    if complaints:
        inherited = "" if service.complaints else " (default)"
        lines.append(f"      complaints: {'; '.join(complaints)}{inherited}")
    return lines


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date YYYY-MM-DD: {text!r}") from None


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="onestop",
        description="Catalogues of one-stop public services, and the fewest counters to visit.",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    cat_help = "a catalogue file (.yaml, .yml, .json, .toml) or a built-in name"
    p = sub.add_parser("validate", help="check a catalogue; list every problem")
    p.add_argument("catalogue", help=cat_help)
    p = sub.add_parser("show", help="summarise a catalogue")
    p.add_argument("catalogue", help=cat_help)
    p = sub.add_parser("graph", help="print the dependency graph")
    p.add_argument("catalogue", help=cat_help)
    p.add_argument("--service", help="only this service's prerequisites")
    p.add_argument("--format", choices=("mermaid", "dot"), default="mermaid")
    p = sub.add_parser("plan", help="plan the fewest counters for some services or bundles")
    p.add_argument("catalogue", help=cat_help)
    p.add_argument("goals", nargs="+", metavar="GOAL", help="service or bundle ids")
    p.add_argument("--holding", nargs="*", default=[], metavar="DOC", help="documents held")
    p.add_argument("--start", type=_date, help="first possible day, YYYY-MM-DD (default today)")
    p.add_argument("--objective", choices=("counters", "venues"), default="counters")
    p.add_argument(
        "--venue", dest="venues", nargs="*", metavar="ID|KIND", help="allowed venues or kinds"
    )
    p.add_argument("--json", action="store_true", help="print the plan as JSON")
    add_ikm(sub)
    add_lint(sub, cat_help)
    add_assess(sub, cat_help)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status.

    Examples
    --------
    >>> main(["validate", "probolinggo"])
    probolinggo: valid (48 services, 26 counters)
    0
    """
    args = _parser().parse_args(argv)
    if args.command == "ikm":
        return run_ikm(args)
    try:
        cat = _catalogue(args.catalogue)
        if args.command == "validate":
            size = f"{len(cat.services)} services, {len(cat.counters)} counters"
            print(f"{args.catalogue}: valid ({size})")
        elif args.command == "show":
            print(_show(cat))
        elif args.command == "lint":
            return run_lint(cat, args)
        elif args.command == "assess":
            return run_assess(cat, args)
        elif args.command == "graph":
            export = graphs.to_mermaid if args.format == "mermaid" else graphs.to_dot
            if args.service is not None:
                cat.service(args.service)
            print(export(cat, service=args.service), end="")
        else:
            result = plan(
                cat,
                args.goals,
                holding=args.holding,
                start=args.start,
                objective=args.objective,
                venues=args.venues,
            )
            if args.json:
                print(json.dumps(result.to_dict(), indent=2, ensure_ascii=False))
            else:
                print(result.explain())
    except Error as exc:  # CatalogueError and PlanningError
        print(str(exc), file=sys.stderr)
        return 1
    except KeyError as exc:
        print(exc.args[0] if exc.args else str(exc), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
