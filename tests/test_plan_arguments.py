"""plan()'s arguments: types, values, hand-built catalogues, planned venues, threads, hostility."""

from __future__ import annotations

import datetime as dt
import functools
import threading
from collections.abc import Callable
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import onestop
from onestop import CatalogueError, PlanningError

START = dt.date(2026, 12, 1)
BIRTH = ["surat-keterangan-lahir", "kk", "buku-nikah", "ktp-el"]
KIA = ["kk", "akta-kelahiran"]


@pytest.fixture(scope="module")
def cat() -> onestop.Catalogue:
    return onestop.builtin("probolinggo")


# -------------------------------------------------------- hand-built catalogues
def test_a_broken_hand_built_catalogue_is_a_catalogue_error_not_a_key_error(
    cat: onestop.Catalogue,
) -> None:
    moved = attrs.evolve(cat.counters_offering("kia")[0], venue="nowhere")
    broken = attrs.evolve(
        cat, counters=tuple(moved if c.id == moved.id else c for c in cat.counters)
    )
    for _ in range(2):  # and again: a failed check is not remembered as passed
        with pytest.raises(CatalogueError, match="unknown venue 'nowhere'"):
            onestop.plan(broken, ["kia"], holding=["akta-kelahiran", "kk"], start=START)


def test_a_sound_hand_built_catalogue_plans(cat: onestop.Catalogue) -> None:
    renamed = attrs.evolve(cat, name="Renamed")
    plan = onestop.plan(renamed, "kelahiran", holding=BIRTH, start=START)
    assert plan == onestop.plan(cat, "kelahiran", holding=BIRTH, start=START)


# --------------------------------------------------------------- types, values
@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ({"catalogue": None}, "catalogue must be a Catalogue, got NoneType"),
        ({"goals": None}, "goals takes a service or bundle id or an iterable"),
        ({"goals": [["kia"]]}, r"goals\[0\] must be a string \(service or bundle id\), got list"),
        ({"goals": 3}, "goals takes a service or bundle id or an iterable .*, got int"),
        ({"holding": None}, "holding takes a document id or an iterable"),
        ({"holding": [{"kk"}]}, r"holding\[0\] must be a string \(document id\), got set"),
        ({"start": "2026-12-01"}, "start must be a datetime.date or None, got str"),
        ({"objective": None}, "objective must be 'counters' or 'venues', got NoneType"),
        ({"venues": 5}, "venues takes a venue or venue kind id or an iterable .*, or None"),
        ({"budget": "x"}, "budget must be a whole number of search nodes, got str"),
        ({"budget": 2.5}, "budget must be a whole number of search nodes, got float"),
    ],
)
def test_a_wrong_type_is_a_type_error_naming_the_parameter(
    cat: onestop.Catalogue, arguments: dict[str, Any], message: str
) -> None:
    call: dict[str, Any] = {"catalogue": cat, "goals": ["kia"], "start": START, **arguments}
    with pytest.raises(TypeError, match=message):
        onestop.plan(call.pop("catalogue"), call.pop("goals"), **call)


@pytest.mark.parametrize(
    ("arguments", "path"),
    [
        ({"objective": "fastest"}, "objective"),
        ({"budget": -1}, "budget"),
        ({"goals": []}, "goals"),
        ({"venues": ["mall"]}, "venues[0]"),
        ({"start": dt.date(9999, 12, 31)}, "start"),
        ({"start": dt.date(1, 1, 1)}, "start"),
    ],
)
def test_a_wrong_value_stays_a_planning_error(
    cat: onestop.Catalogue, arguments: dict[str, Any], path: str
) -> None:
    call: dict[str, Any] = {"goals": ["kia"], "holding": KIA, "start": START, **arguments}
    with pytest.raises(PlanningError) as info:
        onestop.plan(cat, call.pop("goals"), **call)
    assert [p.path for p in info.value.problems] == [path]


def test_a_start_outside_the_range_says_the_range(cat: onestop.Catalogue) -> None:
    with pytest.raises(PlanningError) as info:
        onestop.plan(cat, ["kia"], holding=KIA, start=dt.date(9999, 12, 31))
    assert str(info.value.problems[0]) == (
        "start: 9999-12-31 is outside the calendars' range: a start from 1970-01-01 "
        "to 2199-12-31 is supported"
    )


def test_goals_and_holding_may_be_generators(cat: onestop.Catalogue) -> None:
    plan = onestop.plan(cat, (g for g in ["kelahiran"]), holding=iter(BIRTH), start=START)
    assert plan == onestop.plan(cat, ["kelahiran"], holding=BIRTH, start=START)


# ------------------------------------------------------------ planned venues
@pytest.fixture(scope="module")
def buton() -> onestop.Catalogue:
    return onestop.builtin("buton-tengah")


def test_no_plan_sends_a_citizen_to_a_planned_venue(buton: onestop.Catalogue) -> None:
    assert buton.venue("mpp-lakudo").status == "planned"
    for venues in (None, ["mpp"], ["mpp", "office"]):
        try:
            plan = onestop.plan(buton, "kelahiran", holding=BIRTH, start=START, venues=venues)
        except PlanningError:
            continue  # only the planned MPP has mpp counters
        assert "mpp-lakudo" not in plan.venues


def test_naming_a_planned_venue_asks_what_if_it_were_open(buton: onestop.Catalogue) -> None:
    plan = onestop.plan(buton, "kelahiran", holding=BIRTH, start=START, venues=["mpp-lakudo"])
    assert plan.venues == ("mpp-lakudo",)
    assert "(planned, not open yet)" in plan.explain()
    assert "(planned, not open yet)" in plan._repr_html_()


def test_a_plan_failing_for_a_planned_venue_left_out_names_it(buton: onestop.Catalogue) -> None:
    with pytest.raises(PlanningError) as caught:
        onestop.plan(buton, "kelahiran", holding=BIRTH, start=START, venues=["mpp"])
    for problem in caught.value.problems:
        assert "no counter among the allowed venues" in problem.message
        assert "planned venue 'mpp-lakudo' (not open yet) offers it" in problem.message
    never = [
        attrs.evolve(h, from_=None, until=dt.date(2020, 1, 1))
        for h in buton.venue("mpp-lakudo").hours
    ]
    closed = attrs.evolve(buton.venue("mpp-lakudo"), hours=tuple(never))
    shut = attrs.evolve(
        buton, venues=tuple(closed if v.id == closed.id else v for v in buton.venues)
    )
    with pytest.raises(PlanningError) as caught:  # named, but it never opens: said apart
        onestop.plan(shut, "kia", holding=BIRTH, start=START, venues=["mpp-lakudo"])
    assert [p.message for p in caught.value.problems if "offers" in p.message] == [
        "no counter among the allowed venues offers this service"
    ]
    assert any("does not open within" in p.message for p in caught.value.problems)
    surabaya = onestop.builtin("surabaya")  # no planned venue: nothing more to say
    with pytest.raises(PlanningError) as caught:
        onestop.plan(surabaya, "skck", holding=["ktp-el"], start=START, venues=["online"])
    (problem,) = caught.value.problems
    assert problem.message == "no counter among the allowed venues offers this service"


def test_show_marks_a_planned_venue(capsys: pytest.CaptureFixture[str]) -> None:
    from onestop.cli import main

    assert main(["show", "buton-tengah"]) == 0
    assert "mpp-lakudo [mpp, planned: not open yet]" in capsys.readouterr().out


# ---------------------------------------------------------------- threads
def test_many_threads_on_one_shared_catalogue_give_the_plans_of_one_thread() -> None:
    fresh = onestop.builtin("surabaya")  # a new object: its caches fill while threads race
    requests = [(b.id, BIRTH) for b in fresh.bundles]
    results: dict[int, list[Any]] = {}

    def work(worker: int) -> None:
        found: list[Any] = []
        for goal, holding in requests:
            try:
                found.append(onestop.plan(fresh, goal, holding=holding, start=START).to_dict())
            except PlanningError as error:
                found.append(str(error))
        results[worker] = found

    threads = [threading.Thread(target=work, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    alone = onestop.builtin("surabaya")
    expected = []
    for goal, holding in requests:
        try:
            expected.append(onestop.plan(alone, goal, holding=holding, start=START).to_dict())
        except PlanningError as error:
            expected.append(str(error))
    assert len(results) == 8
    assert all(found == expected for found in results.values())


# ------------------------------------------------------------ hostile values
HOSTILE = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True),
    st.text(max_size=30),
    st.binary(max_size=10),
    st.dates(),
    st.datetimes(),
    st.lists(st.one_of(st.text(max_size=12), st.integers(), st.none()), max_size=4),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=2),
    st.sets(st.integers(), max_size=2),
    st.sampled_from(["kia", "kelahiran", "kk", "mpp", "popup", "counters", "venues", "", "\x00"]),
)


@functools.cache
def probolinggo() -> onestop.Catalogue:
    return onestop.builtin("probolinggo")


def escaped(call: Callable[[], object]) -> Exception | None:
    """The exception *call* raises, if any."""
    try:
        call()
    except Exception as error:  # the test is of what may escape
        return error
    return None


def acceptable(error: Exception | None) -> bool:
    if error is None or isinstance(error, onestop.Error):
        return True
    return isinstance(error, TypeError) and len(str(error)) > 10


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    goals=HOSTILE,
    holding=HOSTILE,
    start=HOSTILE,
    objective=HOSTILE,
    venues=HOSTILE,
    budget=HOSTILE,
)
def test_hostile_plan_arguments_give_only_onestop_errors_or_type_errors(
    goals: Any, holding: Any, start: Any, objective: Any, venues: Any, budget: Any
) -> None:
    cat = probolinggo()
    if isinstance(budget, int) and budget > 1000:
        budget = 1000  # a huge budget is allowed; it only takes time
    error = escaped(
        lambda: onestop.plan(
            cat,
            goals,
            holding=holding,
            start=start,
            objective=objective,
            venues=venues,
            budget=budget,
        )
    )
    assert acceptable(error), repr(error)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=HOSTILE, fmt=HOSTILE, source=HOSTILE, folder=HOSTILE, root=HOSTILE, max_bytes=HOSTILE)
def test_hostile_load_options_give_only_onestop_errors_or_type_errors(
    text: Any, fmt: Any, source: Any, folder: Any, root: Any, max_bytes: Any
) -> None:
    for call in (
        lambda: onestop.loads(
            text, fmt, source=source, folder=folder, root=root, max_bytes=max_bytes
        ),
        lambda: onestop.load(text, root=root, max_bytes=max_bytes),
        lambda: onestop.from_dict(
            text, source=source, folder=folder, root=root, max_bytes=max_bytes
        ),
    ):
        error = escaped(call)
        assert acceptable(error), repr(error)
