"""A snapshot of the public surface, so nothing leaks or vanishes by accident."""

import onestop

PUBLIC = {
    "FORMAT",
    "Agency",
    "AllOf",
    "AnyOf",
    "Bundle",
    "CalendarRules",
    "Catalogue",
    "CatalogueError",
    "Counter",
    "Doc",
    "Document",
    "Error",
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
    "Venue",
    "Visit",
    "__version__",
    "builtin",
    "builtin_names",
    "check",
    "dump",
    "dumps",
    "from_dict",
    "load",
    "loads",
    "plan",
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


def test_the_package_is_typed() -> None:
    from importlib import resources

    assert (resources.files("onestop") / "py.typed").is_file()
