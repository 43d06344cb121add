"""A snapshot of the public surface, so nothing leaks or vanishes by accident."""

import onestop

PUBLIC = {
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
}


def test_public_names_are_exactly_the_snapshot() -> None:
    assert set(onestop.__all__) == PUBLIC
    for name in PUBLIC:
        assert hasattr(onestop, name)


def test_exceptions_form_one_tree() -> None:
    assert issubclass(onestop.CatalogueError, onestop.Error)
    assert issubclass(onestop.PlanningError, onestop.Error)
    assert issubclass(onestop.CatalogueError, ValueError)
    assert issubclass(onestop.PlanningError, ValueError)
    assert issubclass(onestop.SurveyError, onestop.Error)
    assert issubclass(onestop.SurveyError, ValueError)


def test_the_package_is_typed() -> None:
    from importlib import resources

    assert (resources.files("onestop") / "py.typed").is_file()
