"""onestop.analysis: populations, many plans, tables, summaries, comparisons, profiles."""

import datetime as dt
import pickle
import subprocess
import sys

import attrs
import pandas as pd
import pytest

import onestop
from onestop.analysis import (
    COLUMNS,
    LIFE_EVENTS,
    compare,
    counter_load,
    plan_many,
    population,
    profile,
    summary,
    table,
)
from onestop.analysis.population import OTHER_BUNDLE

CITIES = [name for name in onestop.builtin_names() if onestop.builtin(name).bundles]


def one_by_one(cat, requests):
    out = []
    for r in requests:
        try:
            out.append(onestop.plan(cat, r))
        except onestop.PlanningError as error:
            out.append(error)
    return out


def same(a, b):
    if isinstance(a, onestop.PlanningError):
        return isinstance(b, onestop.PlanningError) and a.problems == b.problems
    return a == b


# Request ---------------------------------------------------------------------------------


def test_a_request_is_a_frozen_hashable_picklable_value():
    r = onestop.Request("kelahiran", holding=["kk"], start=dt.date(2027, 1, 4), venues="mpp")
    assert r.goals == ("kelahiran",) and r.holding == ("kk",) and r.venues == ("mpp",)
    assert pickle.loads(pickle.dumps(r)) == r
    assert hash(r) == hash(
        onestop.Request(("kelahiran",), ("kk",), dt.date(2027, 1, 4), venues=["mpp"])
    )
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        r.goals = ("sim",)  # type: ignore[misc]


def test_plan_accepts_a_request_and_gives_what_the_arguments_give():
    cat = onestop.builtin("surabaya")
    args = {"holding": ["kk", "ktp-el", "skpwni"], "start": dt.date(2027, 3, 1)}
    r = onestop.Request("pindah-datang", **args)
    assert onestop.plan(cat, r) == onestop.plan(cat, "pindah-datang", **args)
    with pytest.raises(onestop.PlanningError, match="did you mean 'kia'"):
        onestop.plan(cat, onestop.Request("kia2"))


def test_plan_refuses_a_request_with_arguments_beside_it():
    cat = onestop.builtin("surabaya")
    with pytest.raises(TypeError, match="holding, start"):
        onestop.plan(cat, onestop.Request("kia"), holding=["kk"], start=dt.date(2027, 1, 4))


# population ------------------------------------------------------------------------------


@pytest.mark.parametrize("name", CITIES)
def test_population_is_deterministic_and_draws_what_the_catalogue_has(name):
    cat = onestop.builtin(name)
    people = population(cat, 2000, seed=3, year=2027)
    assert people == population(cat, 2000, seed=3, year=2027)
    assert people != population(cat, 2000, seed=4, year=2027)
    bundles = {b.id for b in cat.bundles}
    documents = {d.id for d in cat.documents}
    calendar = onestop.calendar.work_calendar(cat)
    for r in people:
        assert r.goals[0] in bundles and set(r.holding) <= documents
        assert r.start.year == 2027 and calendar.is_working_day(r.start)
    assert {r.goals[0] for r in people} == bundles


def test_population_follows_the_weights():
    cat = onestop.builtin("surabaya")
    people = population(cat, 20_000, seed=0, year=2027)
    share = sum(r.goals == ("kelahiran",) for r in people) / len(people)
    rates = {e.bundle: e.per_1000 for e in LIFE_EVENTS}
    expected = rates["kelahiran"] / sum(rates.get(b.id, OTHER_BUNDLE.per_1000) for b in cat.bundles)
    assert abs(share - expected) < 0.02


def test_every_weight_and_profile_says_where_it_comes_from():
    for event in (*LIFE_EVENTS, OTHER_BUNDLE):
        assert event.source.startswith("assumed:") or "http" in event.source
        assert abs(sum(c.share for c in event.citizens) - 1) < 1e-9
        for citizen in event.citizens:
            assert citizen.note.startswith("assumed")


def test_population_refuses_what_it_cannot_draw():
    with pytest.raises(ValueError, match="no bundles"):
        population(onestop.builtin("national"), 10)
    with pytest.raises(ValueError, match="negative"):
        population(onestop.builtin("surabaya"), -1)


# plan_many and table ---------------------------------------------------------------------


def awkward(cat):
    """Requests population() would not make: unknown ids, no start, venues, objectives."""
    return [
        onestop.Request("kia2"),
        onestop.Request(["kelahiran"], holding=["kk", "kk2"], start=dt.date(2027, 1, 4)),
        onestop.Request(cat.bundles[0].id, holding=["ktp-el", "kk"]),
        onestop.Request(
            cat.bundles[-1].id,
            holding=["ktp-el", "kk"],
            objective="venues",
            start=dt.date(2027, 2, 1),
        ),
        onestop.Request(cat.bundles[0].id, venues=["mpp"], start=dt.date(2027, 2, 1)),
    ]


@pytest.mark.parametrize("name", CITIES)
def test_plan_many_is_plan_one_by_one_on_thousands_of_requests(name):
    cat = onestop.builtin(name)
    requests = [*population(cat, 3000, seed=7, year=2027), *awkward(cat)]
    got = plan_many(cat, requests, progress=False)
    assert len(got) == len(requests)
    assert all(same(a, b) for a, b in zip(got, one_by_one(cat, requests), strict=True))


@pytest.mark.parametrize("name", CITIES)
def test_table_rows_are_the_plans_one_by_one(name):
    cat = onestop.builtin(name)
    requests = [*population(cat, 1500, seed=11, year=2027), *awkward(cat)]
    t = table(cat, requests, progress=False)
    assert tuple(t.columns) == COLUMNS and len(t) == len(requests)
    for (_, row), request, result in zip(
        t.iterrows(), requests, one_by_one(cat, requests), strict=True
    ):
        assert row["goals"] == request.goals
        if isinstance(result, onestop.PlanningError):
            assert not row["feasible"] and row["error"] == str(result)
            assert pd.isna(row["counters"]) and row["counter_ids"] == ()
            continue
        assert row["feasible"] and row["error"] is None
        assert row["start"].date() == result.start and row["finish"].date() == result.finish
        assert (row["counters"], row["venues"], row["services"], row["visits"]) == (
            len(result.counters),
            len(result.venues),
            len(result.services),
            len(result.visits),
        )
        assert row["counter_ids"] == result.counters and row["venue_ids"] == result.venues
        assert row["days"] == (result.finish - result.start).days
        assert (row["fee"], row["minutes"], row["optimal"]) == (
            result.fee,
            result.minutes,
            result.optimal,
        )


def test_an_empty_table_has_the_columns():
    t = table(onestop.builtin("surabaya"), [])
    assert tuple(t.columns) == COLUMNS and len(t) == 0


def test_plan_many_refuses_what_is_not_a_request():
    with pytest.raises(TypeError, match=r"onestop\.Request"):
        plan_many(onestop.builtin("surabaya"), ["kelahiran"])
    with pytest.raises(ValueError, match="workers"):
        plan_many(onestop.builtin("surabaya"), [onestop.Request("kia")], workers=0)


def test_workers_give_the_same_table():
    cat = onestop.builtin("yogyakarta")
    requests = [*population(cat, 800, seed=5, year=2027), *awkward(cat)]
    pd.testing.assert_frame_equal(
        table(cat, requests, workers=2, progress=False), table(cat, requests, progress=False)
    )
    assert all(
        same(a, b)
        for a, b in zip(plan_many(cat, requests, workers=2), plan_many(cat, requests), strict=True)
    )


@pytest.mark.skipif(sys.platform != "linux", reason="elsewhere workers spawn: a guard is needed")
def test_workers_in_a_script_without_a_main_guard_finish(tmp_path):
    # Spawned workers re-run the caller's script, and the pool then hangs for ever.
    script = tmp_path / "noguard.py"
    script.write_text(
        "import onestop, onestop.analysis as A\n"
        "cat = onestop.builtin('probolinggo')\n"
        "print(A.table(cat, A.population(cat, 50, year=2027), workers=2, progress=False).shape)\n"
    )
    done = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, check=False, timeout=120
    )
    assert (done.returncode, done.stdout) == (0, "(50, 15)\n"), done.stderr


def test_workers_must_be_a_whole_number():
    cat = onestop.builtin("probolinggo")
    with pytest.raises(TypeError, match="workers must be a whole number, got str"):
        plan_many(cat, population(cat, 5, year=2027), workers="2")


def test_progress_true_draws_a_bar_and_false_draws_none(capsys):
    cat = onestop.builtin("probolinggo")
    requests = population(cat, 50, year=2027)
    plan_many(cat, requests, progress=False)
    assert capsys.readouterr().err == ""
    plan_many(cat, requests, progress=True)
    assert "plans" in capsys.readouterr().err


def run_python(code):
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)


def test_plain_import_imports_no_optional_dependency():
    done = run_python(
        "import sys, onestop, onestop.analysis\n"
        "onestop.analysis.population(onestop.builtin('surabaya'), 10)\n"
        "heavy = {'pandas', 'matplotlib', 'tqdm', 'dask', 'distributed'} & set(sys.modules)\n"
        "print(sorted(heavy))"
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def test_table_without_pandas_names_the_extra():
    done = run_python(
        "import sys; sys.modules['pandas'] = None\n"
        "import onestop\n"
        "from onestop.analysis import population, table\n"
        "cat = onestop.builtin('surabaya')\n"
        "table(cat, population(cat, 3))"
    )
    assert done.returncode != 0
    assert "ImportError: this needs pandas" in done.stderr and "onestop[analysis]" in done.stderr


# summary, compare, counter_load, profile -------------------------------------------------


@pytest.fixture(scope="module")
def surabaya_table():
    cat = onestop.builtin("surabaya")
    requests = [*population(cat, 3000, seed=2, year=2027), *awkward(cat)]
    return cat, requests, table(cat, requests, progress=False)


def test_summary_counts_and_averages_per_life_event(surabaya_table):
    _, _, t = surabaya_table
    s = summary(t)
    births = t[t["goals"] == ("kelahiran",)]
    row = s.loc[[("kelahiran",)]].iloc[0]
    assert row["requests"] == len(births)
    assert row["feasible"] == pytest.approx(births["feasible"].mean())
    assert row["counters_mean"] == pytest.approx(births["counters"].dropna().mean())
    assert row["days_median"] == pytest.approx(births["days"].dropna().median())
    assert s["requests"].sum() == len(t)


def test_compare_of_a_catalogue_with_itself_changes_nothing(surabaya_table):
    cat, requests, _ = surabaya_table
    c = compare(cat, cat, requests[:500])
    assert (c["counters_change"].dropna() == 0).all()
    assert c.attrs["summary"]["visits_change"] == 0
    per_event = summary(c)
    assert (per_event["days_change"] == 0).all()


def test_counter_load_adds_up_to_the_plans(surabaya_table):
    cat, _, t = surabaya_table
    load = counter_load(cat, t)
    assert load["services"].sum() == t["services"].sum()
    assert load["minutes"].sum() == t["minutes"].sum()
    busiest = load.index[0]
    assert load.loc[busiest, "requests"] == sum(busiest in ids for ids in t["counter_ids"])
    assert set(load.index) == {k.id for k in cat.counters}
    agencies = counter_load(cat, t, by="agency")
    assert agencies["services"].sum() == t["services"].sum()


def test_counter_load_reads_a_filtered_table_and_refuses_a_reindexed_one(surabaya_table):
    cat, _, t = surabaya_table
    births = t[t["goals"] == ("kelahiran",)]
    assert counter_load(cat, births)["services"].sum() == births["services"].sum()
    with pytest.raises(ValueError, match="index"):
        counter_load(cat, births.reset_index(drop=True))
    with pytest.raises(ValueError, match=r"made by onestop\.analysis\.table"):
        counter_load(cat, pd.DataFrame(t.to_dict()))


def test_summary_by_an_unknown_column_names_it_and_the_columns(surabaya_table):
    _, _, t = surabaya_table
    with pytest.raises(
        KeyError, match=r"unknown column 'nope' to group by; columns: goals, "
    ) as info:
        summary(t, by="nope")
    assert "feasible, error" in str(info.value)
    with pytest.raises(
        KeyError, match=r"unknown column 'goal' to group by \(did you mean 'goals'\?\)"
    ):
        summary(t, by=["start", "goal"])


def test_counter_load_and_compare_refuse_the_wrong_kind_of_argument(surabaya_table):
    cat, requests, t = surabaya_table
    with pytest.raises(
        TypeError, match=r"table must be a DataFrame made by .*table\(\) .*, got NoneType"
    ):
        counter_load(cat, None)
    with pytest.raises(TypeError, match=r"catalogue must be a Catalogue, got DataFrame"):
        counter_load(t, t)
    with pytest.raises(TypeError, match=r"before must be a Catalogue, got DataFrame"):
        compare(t, cat, requests[:5])
    with pytest.raises(TypeError, match=r"after must be a Catalogue, got DataFrame"):
        compare(cat, t, requests[:5])


def test_profile_counts_agencies_by_level_and_services_left_out():
    cat = onestop.builtin("surabaya")
    p = profile(cat)
    siola = p.agencies[p.agencies["venue"] == "siola"]
    assert p.levels.loc["siola"].sum() == len(siola)
    assert p.levels.loc["siola", "vertical"] == (siola["level"] == "vertical").sum() > 0
    for service in p.outside_mall:
        assert all(cat.venue(k.venue).kind != "mpp" for k in cat.counters_offering(service))
    for service in p.offered_nowhere:
        assert cat.counters_offering(service) == ()
    assert set(p.online_only) <= set(p.outside_mall)


def test_one_choice_dated_for_each_start_is_plan_for_that_start():
    from onestop.planning.planner import choose_plan

    cat = onestop.builtin("probolinggo")
    args = {"holding": ["kk", "ktp-el", "label-pangan"], "objective": "counters"}
    chosen = choose_plan(cat, "buka-usaha-mikro", start=dt.date(2027, 1, 4), **args)
    for offset in range(0, 120, 3):  # weekdays, weekends, holidays, pop-up days
        day = dt.date(2027, 1, 4) + dt.timedelta(offset)
        assert chosen.dated(day) == onestop.plan(cat, "buka-usaha-mikro", start=day, **args)


def test_a_choice_is_reused_only_for_starts_that_leave_out_the_same_venues():
    """A venue that stops opening changes the choice; a start out of range is its own error."""
    from onestop import whatif

    cat = whatif.close_venue(onestop.builtin("probolinggo"), "mpp", dt.date(2027, 3, 1))
    holding = ["surat-keterangan-lahir", "kk", "buku-nikah", "ktp-el"]
    requests = [
        onestop.Request("kelahiran", holding=holding, start=dt.date(1960, 1, 4)),
        onestop.Request("kelahiran", holding=holding, start=dt.date(2027, 1, 4)),
        onestop.Request("kelahiran", holding=holding, start=dt.date(2027, 4, 5)),
        onestop.Request("kelahiran", holding=holding, start=dt.date(2027, 1, 5)),
    ]
    expected = one_by_one(cat, requests)
    assert isinstance(expected[0], onestop.PlanningError)
    assert "mpp" in expected[1].venues
    assert not isinstance(expected[2], onestop.Plan) or "mpp" not in expected[2].venues
    got = plan_many(cat, requests, progress=False)
    assert all(same(a, b) for a, b in zip(got, expected, strict=True))


def test_arguments_of_the_wrong_type_are_type_errors_naming_them():
    cat = onestop.builtin("probolinggo")
    cases = [
        (lambda: onestop.Request(None), "goals must be an id or an iterable of ids"),
        (lambda: onestop.Request("kia", holding=3), "holding must be an id or an iterable"),
        (lambda: onestop.Request("kia", venues=3), "venues must be an id or an iterable"),
        (lambda: population(cat, "x"), "n must be a whole number"),
        (lambda: plan_many("probolinggo", [onestop.Request("kia")]), "catalogue must be a"),
        (lambda: table(None, [onestop.Request("kia")]), "catalogue must be a Catalogue"),
    ]
    for call, message in cases:
        with pytest.raises(TypeError, match=message):
            call()
