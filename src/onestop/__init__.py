"""onestop: catalogues of integrated one-stop public services, and an exact planner.

Load a catalogue (a file, or a built-in one), ask it questions, and plan the
fewest counters a citizen must visit for a bundle of requests.

Examples
--------
>>> import onestop
>>> cat = onestop.builtin("probolinggo")
>>> cat.name
'Mal Pelayanan Publik Kota Probolinggo'
"""

from onestop import survey
from onestop.assess import Aspect, Assessment, assessment
from onestop.errors import CatalogueError, Error, PlanningError, Problem, SurveyError
from onestop.io import builtin, builtin_names, check, dump, dumps, from_dict, load, loads, to_dict
from onestop.linter import Finding, lint
from onestop.model import (
    FORMAT,
    Agency,
    Bundle,
    CalendarRules,
    Catalogue,
    Counter,
    Document,
    Hours,
    Service,
    Venue,
)
from onestop.planning import Plan, Reason, ScheduledService, Step, Visit, plan
from onestop.request import Request
from onestop.requirements import AllOf, AnyOf, Doc, Requirement

__version__ = "0.1.0.dev0"

_SUBPACKAGES = ("analysis", "whatif")


def __getattr__(name: str) -> object:
    """Import :mod:`onestop.analysis` and :mod:`onestop.whatif` on first use.

    They stay out of a plain ``import onestop`` (with pandas, matplotlib and
    tqdm, which they import only inside the functions that need them).
    """
    if name in _SUBPACKAGES:
        import importlib

        return importlib.import_module(f"onestop.{name}")
    raise AttributeError(f"module 'onestop' has no attribute {name!r}")


__all__ = [
    "FORMAT",
    "Agency",
    "AllOf",
    "AnyOf",
    "Aspect",
    "Assessment",
    "Bundle",
    "CalendarRules",
    "Catalogue",
    "CatalogueError",
    "Counter",
    "Doc",
    "Document",
    "Error",
    "Finding",
    "Hours",
    "Plan",
    "PlanningError",
    "Problem",
    "Reason",
    "Request",
    "Requirement",
    "ScheduledService",
    "Service",
    "Step",
    "SurveyError",
    "Venue",
    "Visit",
    "__version__",
    "assessment",
    "builtin",
    "builtin_names",
    "check",
    "dump",
    "dumps",
    "from_dict",
    "lint",
    "load",
    "loads",
    "plan",
    "survey",
    "to_dict",
]
