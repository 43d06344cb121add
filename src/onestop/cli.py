"""The ``onestop`` command: a thin layer over the public API.

Commands::

    onestop validate FILE|NAME [--root FOLDER]
    onestop show FILE|NAME [--root FOLDER]
    onestop graph FILE|NAME [--service ID] [--format mermaid|dot] [--root FOLDER]
    onestop plan FILE|NAME GOAL... [--holding DOC,DOC...] [--start YYYY-MM-DD]
                 [--objective counters|venues] [--venue ID|KIND,...] [--json] [--root FOLDER]
    onestop ikm SURVEY.csv [--by COLUMN] [--population N] [--json]
    onestop lint FILE|NAME [--min-severity error|warning|info] [--json] [--root FOLDER]
    onestop assess FILE|NAME [--survey SURVEY.csv] [--json] [--root FOLDER]

``ikm`` (in :mod:`onestop._cli_survey`) scores a satisfaction survey; ``lint``
(in :mod:`onestop._cli_lint`) exits 1 when the catalogue has an error finding;
``assess`` (in :mod:`onestop._cli_assess`) summarises a mall for its assessment.

``FILE|NAME`` is a catalogue file (.yaml, .yml, .json, .toml) or the name of a
built-in catalogue. The goals come right after the catalogue, before the
options. Exit status: 0 done, 1 when the catalogue or the plan has problems
(listed on standard error, or as JSON on standard output with ``plan
--json`` or ``ikm --json``), 2 for a wrong command line. A closed output pipe (``| head``)
ends the command quietly.

Each subcommand is one ``_register_*`` function (its arguments, its help)
and one ``_run_*`` function (what it does); :data:`SUBCOMMANDS` lists the
registrations, in the order ``--help`` shows them.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import onestop
from onestop import graph as graphs
from onestop._cli_assess import add_assess, run_assess
from onestop._cli_lint import add_lint, run_lint
from onestop._cli_show import summary
from onestop._cli_survey import add_ikm, run_ikm
from onestop.errors import CatalogueError, Error, SurveyError
from onestop.io import SUFFIXES, builtin, builtin_names, load
from onestop.model import Catalogue
from onestop.planning import plan

__all__ = ["SUBCOMMANDS", "main"]

EXIT_CODES = """exit status:
  0  done
  1  the catalogue or the plan has problems (each listed with its path)
  2  a wrong command line"""

_CATALOGUE_HELP = "a catalogue file (.yaml, .yml, .json, .toml) or a built-in name"


# ----------------------------------------------------------------- arguments
def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date YYYY-MM-DD: {text!r}") from None


def _ids(values: Sequence[str] | None) -> list[str]:
    """Ids given as ``a,b`` or ``a b`` (or both), in order, empty pieces dropped."""
    return [part.strip() for value in values or () for part in value.split(",") if part.strip()]


def _add_catalogue(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("catalogue", metavar="FILE|NAME", help=_CATALOGUE_HELP)
    _add_root(parser)


def _add_root(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--root",
        metavar="FOLDER",
        help="the folder that files named in extends must be inside "
        "(default: the catalogue file's folder)",
    )


def _catalogue(args: argparse.Namespace) -> Catalogue:
    path = Path(args.catalogue)
    if path.suffix.lower() in SUFFIXES or path.exists():
        return load(path, root=args.root)
    return builtin(args.catalogue)


def _subparser(sub: Any, name: str, summary: str, epilog: str = "") -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = sub.add_parser(
        name,
        help=summary,
        description=summary,
        epilog="\n\n".join(part for part in (epilog, EXIT_CODES) if part),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    return parser


# ----------------------------------------------------------------- validate
def _register_validate(sub: Any) -> None:
    parser = _subparser(sub, "validate", "check a catalogue; list every problem")
    _add_catalogue(parser)
    parser.set_defaults(run=_run_validate)


def _run_validate(args: argparse.Namespace) -> int:
    cat = _catalogue(args)
    print(f"{args.catalogue}: valid ({len(cat.services)} services, {len(cat.counters)} counters)")
    return 0


# --------------------------------------------------------------------- show
def _register_show(sub: Any) -> None:
    parser = _subparser(sub, "show", "summarise a catalogue: agencies, venues, counters, services")
    _add_catalogue(parser)
    parser.set_defaults(run=_run_show)


def _run_show(args: argparse.Namespace) -> int:
    print(summary(_catalogue(args)))
    return 0


# -------------------------------------------------------------------- graph
def _register_graph(sub: Any) -> None:
    parser = _subparser(sub, "graph", "print the dependency graph of documents and services")
    _add_catalogue(parser)
    parser.add_argument("--service", metavar="ID", help="only this service's prerequisites")
    parser.add_argument(
        "--format",
        choices=("mermaid", "dot"),
        default="mermaid",
        help="mermaid (a Mermaid flowchart, the default) or dot (Graphviz)",
    )
    parser.set_defaults(run=_run_graph)


def _run_graph(args: argparse.Namespace) -> int:
    cat = _catalogue(args)
    export = graphs.to_mermaid if args.format == "mermaid" else graphs.to_dot
    if args.service is not None:
        cat.service(args.service)
    print(export(cat, service=args.service), end="")
    return 0


# --------------------------------------------------------------------- plan
_PLAN_EPILOG = """The goals come right after the catalogue, before the options. Lists of ids
take commas (or spaces):

  onestop plan probolinggo kelahiran --holding surat-keterangan-lahir,kk,buku-nikah
  onestop plan probolinggo kia --holding akta-kelahiran,kk,ktp-el --venue popup --json

A venue with status planned is used only when --venue names it by id."""


def _register_plan(sub: Any) -> None:
    parser = _subparser(
        sub, "plan", "plan the fewest counters for some services or bundles", _PLAN_EPILOG
    )
    _add_catalogue(parser)
    parser.add_argument("goals", nargs="*", metavar="GOAL", help="service or bundle ids")
    parser.add_argument(
        "--holding",
        nargs="+",
        action="extend",
        metavar="DOC",
        help="documents the citizen already holds: kk,ktp-el (commas or spaces)",
    )
    parser.add_argument(
        "--start",
        type=_date,
        metavar="YYYY-MM-DD",
        help="first possible day (default: today in the catalogue's time zone)",
    )
    parser.add_argument(
        "--objective",
        choices=("counters", "venues"),
        default="counters",
        help="fewest counters first (the default), or fewest venues first",
    )
    parser.add_argument(
        "--venue",
        dest="venues",
        nargs="+",
        action="extend",
        metavar="ID|KIND",
        help="only these venues (ids) or kinds (mpp, office, popup, online), with commas "
        "or spaces; a planned venue only by its id",
    )
    parser.add_argument(
        "--json", action="store_true", help="print the plan, or the problems, as JSON"
    )
    parser.set_defaults(run=_run_plan, usage_error=parser.error)


def _run_plan(args: argparse.Namespace) -> int:
    if not args.goals:  # e.g. `plan CAT --holding kk kia`: kia was read as a document
        args.usage_error(
            "no goals: write the goals right after the catalogue, before the options "
            "(onestop plan FILE|NAME GOAL... --holding DOC,DOC)"
        )
    result = plan(
        _catalogue(args),
        args.goals,
        holding=_ids(args.holding),
        start=args.start,
        objective=args.objective,
        venues=_ids(args.venues) if args.venues is not None else None,
    )
    if args.json:
        print(json.dumps(result.to_dict(), indent=2, ensure_ascii=False))
    else:
        print(result.explain())
    return 0


# ------------------------------------------------------ ikm, lint, assess
def _register_ikm(sub: Any) -> None:
    add_ikm(sub)
    sub.choices["ikm"].set_defaults(run=run_ikm)


def _register_lint(sub: Any) -> None:
    add_lint(sub, _CATALOGUE_HELP)
    parser = sub.choices["lint"]
    _add_root(parser)
    parser.set_defaults(run=lambda args: run_lint(_catalogue(args), args))


def _register_assess(sub: Any) -> None:
    add_assess(sub, _CATALOGUE_HELP)
    parser = sub.choices["assess"]
    _add_root(parser)
    parser.set_defaults(run=lambda args: run_assess(_catalogue(args), args))


# --------------------------------------------------------------------- main
SUBCOMMANDS: tuple[Callable[[Any], None], ...] = (
    _register_validate,
    _register_show,
    _register_graph,
    _register_plan,
    _register_ikm,
    _register_lint,
    _register_assess,
)
"""Each registers one subcommand on the ``add_subparsers`` object it is given."""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="onestop",
        description="Catalogues of one-stop public services, and the fewest counters to visit.",
        epilog=f"built-in catalogues: {', '.join(builtin_names())}\n\n{EXIT_CODES}",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {onestop.__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for register in SUBCOMMANDS:
        register(sub)
    return parser


def _error_kind(exc: Exception) -> str:
    """The ``"error"`` of a JSON error: ``catalogue``, ``survey`` or ``planning``."""
    if isinstance(exc, CatalogueError):
        return "catalogue"
    return "survey" if isinstance(exc, SurveyError) else "planning"


def _report(exc: Exception, as_json: bool) -> None:
    """Print an error: its problems on standard error, or as JSON on standard output."""
    if not as_json:
        print(exc.args[0] if isinstance(exc, KeyError) and exc.args else str(exc), file=sys.stderr)
        return
    problems = getattr(exc, "problems", None)
    data = {
        "error": _error_kind(exc),
        "source": getattr(exc, "source", ""),
        "problems": [{"path": p.path, "message": p.message} for p in problems]
        if problems is not None
        else [{"path": "", "message": exc.args[0] if exc.args else str(exc)}],
    }
    print(json.dumps(data, indent=2, ensure_ascii=False))


def _quiet_stdout() -> None:
    """Point standard output at the null device, so the exit flush cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):  # no real file behind sys.stdout
        pass


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status (0 done, 1 problems, 2 wrong usage).

    Examples
    --------
    >>> main(["validate", "probolinggo"])
    probolinggo: valid (48 services, 44 counters)
    0
    """
    args = _parser().parse_args(argv)
    try:
        status: int = args.run(args)
        sys.stdout.flush()
    except BrokenPipeError:  # the reader closed the pipe (| head): stop, quietly
        _quiet_stdout()
        return 0
    except (Error, KeyError) as exc:  # Catalogue-, Planning-, SurveyError, an unknown --service
        try:
            _report(exc, as_json=getattr(args, "json", False))
        except BrokenPipeError:
            _quiet_stdout()
        return 1
    return status


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
