"""Unit tests of plan(): one test per rule of the spec's planning semantics."""

from __future__ import annotations

import datetime as dt
import json
import os
import pickle
import subprocess
import sys
from pathlib import Path
from typing import Any

import attrs
import pytest

import onestop
from onestop.calendar import work_calendar
from onestop.planning.choice import choose
from onestop.planning.itinerary import NODE_BUDGET, best_dating, date_work, work_for
from onestop.planning.planner import DEFAULT_BUDGET
from onestop.planning.prepared import prepared
from onestop.planning.reduce import reduce
from onestop.planning.request import resolve
from onestop.planning.search import Budget
from onestop.planning.simulate import Days
from reference import check_plan_valid

MONDAY = dt.date(2026, 11, 30)
WEEKDAYS = [{"days": ["MO", "TU", "WE", "TH", "FR"], "open": "08:00", "close": "15:00"}]


def catalogue(
    services: list[dict[str, Any]],
    counters: list[dict[str, Any]],
    venues: list[dict[str, Any]] | None = None,
    documents: list[str] | None = None,
    closed: list[str] | None = None,
) -> onestop.Catalogue:
    docs = set(documents or [])
    for s in services:
        docs.update(s.get("produces", []))
        stack = [s.get("requires", [])]
        while stack:
            item = stack.pop()
            if isinstance(item, str):
                docs.add(item)
            elif isinstance(item, list):
                stack.extend(item)
            else:
                stack.extend(item.values())
    for s in services:
        s.setdefault("name", s["id"])
        s.setdefault("agency", "a")
    return onestop.from_dict(
        {
            "format": "onestop/1",
            "id": "t",
            "name": "Test",
            "calendar": {"holidays": "none", "closed": closed or []},
            "agencies": [{"id": "a", "name": "A", "level": "city"}],
            "documents": [{"id": d, "name": d.upper()} for d in sorted(docs)],
            "services": services,
            "venues": venues or [{"id": "mpp", "name": "MPP", "kind": "mpp", "hours": WEEKDAYS}],
            "counters": counters,
        }
    )


def test_a_joint_counter_beats_two_separate_counters() -> None:
    cat = catalogue(
        [{"id": "x"}, {"id": "y"}],
        [
            {"id": "cx", "venue": "mpp", "services": ["x"]},
            {"id": "cy", "venue": "mpp", "services": ["y"]},
            {"id": "joint", "venue": "mpp", "services": ["x", "y"]},
        ],
    )
    plan = onestop.plan(cat, ["x", "y"], start=MONDAY)
    assert plan.counters == ("joint",)
    assert plan.optimal and plan.lower_bound == 1


def test_counters_tie_is_broken_by_fewer_venues() -> None:
    venues = [
        {"id": "mpp", "name": "MPP", "kind": "mpp", "hours": WEEKDAYS},
        {"id": "office", "name": "Office", "kind": "office", "hours": WEEKDAYS},
    ]
    cat = catalogue(
        [{"id": "x"}, {"id": "y"}],
        [
            {"id": "a-x", "venue": "office", "services": ["x"]},
            {"id": "b-y", "venue": "mpp", "services": ["y"]},
            {"id": "c-x", "venue": "mpp", "services": ["x"]},
        ],
        venues=venues,
    )
    plan = onestop.plan(cat, ["x", "y"], start=MONDAY)
    assert sorted(plan.counters) == ["b-y", "c-x"]
    assert plan.venues == ("mpp",)


def test_then_fewer_services() -> None:
    # d can come from one service that needs e (two services), or directly (one).
    cat = catalogue(
        [
            {"id": "goal", "requires": ["d"]},
            {"id": "long", "requires": ["e"], "produces": ["d"]},
            {"id": "make-e", "produces": ["e"]},
            {"id": "short", "produces": ["d"]},
        ],
        [{"id": "all", "venue": "mpp", "services": ["goal", "long", "make-e", "short"]}],
    )
    plan = onestop.plan(cat, ["goal"], start=MONDAY)
    assert [s.service for s in plan.services] == ["short", "goal"]


def test_objective_venues_trades_counters_for_venues() -> None:
    venues = [
        {"id": "mpp", "name": "MPP", "kind": "mpp", "hours": WEEKDAYS},
        {"id": "office", "name": "Office", "kind": "office", "hours": WEEKDAYS},
    ]
    cat = catalogue(
        [{"id": "x"}, {"id": "y"}],
        [
            {"id": "mpp-x", "venue": "mpp", "services": ["x"]},
            {"id": "mpp-y", "venue": "mpp", "services": ["y"]},
            {"id": "office-xy", "venue": "office", "services": ["x", "y"]},
            {"id": "online-x", "venue": "mpp", "services": ["x"]},
        ],
        venues=venues,
    )
    by_counters = onestop.plan(cat, ["x", "y"], start=MONDAY)
    assert by_counters.counters == ("office-xy",)
    cat2 = catalogue(
        [{"id": "x"}, {"id": "y"}, {"id": "z"}],
        [
            {"id": "mpp-x", "venue": "mpp", "services": ["x"]},
            {"id": "mpp-y", "venue": "mpp", "services": ["y"]},
            {"id": "mpp-z", "venue": "mpp", "services": ["z"]},
            {"id": "office-xy", "venue": "office", "services": ["x", "y"]},
        ],
        venues=venues,
    )
    counters_first = onestop.plan(cat2, ["x", "y", "z"], start=MONDAY)
    assert len(counters_first.counters) == 2 and len(counters_first.venues) == 2
    venues_first = onestop.plan(cat2, ["x", "y", "z"], start=MONDAY, objective="venues")
    assert len(venues_first.counters) == 3 and venues_first.venues == ("mpp",)
    assert venues_first.objective == "venues"


def test_any_of_takes_the_alternative_already_held_or_cheapest() -> None:
    cat = catalogue(
        [
            {"id": "passport", "requires": [{"any_of": ["akta", "ijazah"]}]},
            {"id": "make-akta", "produces": ["akta"]},
        ],
        [
            {"id": "imigrasi", "venue": "mpp", "services": ["passport"]},
            {"id": "dukcapil", "venue": "mpp", "services": ["make-akta"]},
        ],
    )
    with_ijazah = onestop.plan(cat, ["passport"], holding=["ijazah"], start=MONDAY)
    assert with_ijazah.counters == ("imigrasi",)
    without = onestop.plan(cat, ["passport"], start=MONDAY)
    assert [s.service for s in without.services] == ["make-akta", "passport"]


def test_a_document_produced_by_several_services_uses_the_counter_already_visited() -> None:
    cat = catalogue(
        [
            {"id": "goal", "requires": ["kk"]},
            {"id": "kk-a", "produces": ["kk"]},
            {"id": "kk-b", "produces": ["kk"]},
        ],
        [
            {"id": "c1", "venue": "mpp", "services": ["kk-a"]},
            {"id": "c2", "venue": "mpp", "services": ["goal", "kk-b"]},
        ],
    )
    plan = onestop.plan(cat, ["goal"], start=MONDAY)
    assert plan.counters == ("c2",)
    assert [s.service for s in plan.services] == ["kk-b", "goal"]


def test_a_cycle_is_broken_by_a_held_document_and_otherwise_unreachable() -> None:
    cat = catalogue(
        [
            {"id": "ktp-el-baru", "requires": ["kk"], "produces": ["ktp-el"]},
            {"id": "kk-baru", "requires": ["ktp-el"], "produces": ["kk"]},
        ],
        [{"id": "dukcapil", "venue": "mpp", "services": ["ktp-el-baru", "kk-baru"]}],
    )
    plan = onestop.plan(cat, ["kk-baru"], holding=["kk"], start=MONDAY)
    assert [s.service for s in plan.services] == ["ktp-el-baru", "kk-baru"]
    with pytest.raises(onestop.PlanningError) as info:
        onestop.plan(cat, ["kk-baru"], start=MONDAY)
    (problem,) = info.value.problems
    assert problem.path == "goal 'kk-baru'"
    assert "'ktp-el'" in problem.message and "need each other" in problem.message


def test_unreachable_goal_names_goal_and_documents_that_cannot_be_had() -> None:
    cat = catalogue(
        [
            {"id": "skck", "requires": ["ktp-el", "jkn"]},
            {"id": "bpjs", "requires": ["buku-tabungan"], "produces": ["jkn"]},
            {"id": "kia"},
        ],
        [{"id": "c", "venue": "mpp", "services": ["skck", "bpjs", "kia"]}],
    )
    with pytest.raises(onestop.PlanningError) as info:
        onestop.plan(cat, ["kia", "skck"], holding=["ktp-el"], start=MONDAY)
    assert [p.path for p in info.value.problems] == ["goal 'skck'"]
    message = info.value.problems[0].message
    assert "'jkn'" in message and "'buku-tabungan'" in message
    assert isinstance(info.value, onestop.Error) and isinstance(info.value, ValueError)


def test_an_unreachable_goal_names_the_fewest_documents_to_bring_with_their_names() -> None:
    # Nothing held: KIA needs a family card and a birth certificate, and the MPP issues
    # both once the citizen brings the marriage book and the birth statement. The
    # divorce certificate or a driving test's results (other producers' inputs) are
    # not what this citizen must bring.
    cat = onestop.builtin("probolinggo")
    with pytest.raises(onestop.PlanningError) as info:
        onestop.plan(cat, "kia", start=MONDAY)
    (problem,) = info.value.problems
    assert problem.path == "goal 'kia'"
    needs, bring = problem.message.split("; to reach it here, bring ")
    assert needs.startswith("cannot be reached: it needs 'kk' (Kartu Keluarga) and")
    assert bring == (
        "'buku-nikah' (Buku nikah / kutipan akta nikah (KUA)) and "
        "'surat-keterangan-lahir' (Surat keterangan kelahiran)"
    )
    assert "akta-perceraian" not in problem.message and "rikkes" not in problem.message
    # What it names is enough, and nothing less is.
    plan = onestop.plan(cat, "kia", holding=["buku-nikah", "surat-keterangan-lahir"], start=MONDAY)
    assert plan.services
    for one in ("buku-nikah", "surat-keterangan-lahir"):
        with pytest.raises(onestop.PlanningError):
            onestop.plan(cat, "kia", holding=[one], start=MONDAY)


def test_an_unreachable_goal_lists_the_smallest_alternatives_to_bring() -> None:
    cat = catalogue(
        [
            {"id": "izin", "requires": [{"any_of": ["a", "b"]}, "c"]},
            {"id": "make-a", "requires": ["x"], "produces": ["a"]},
            {"id": "make-b", "requires": ["y"], "produces": ["b"]},
            {"id": "make-c", "requires": ["x", "y", "z"], "produces": ["c"]},
        ],
        [{"id": "k", "venue": "mpp", "services": ["izin", "make-a", "make-b", "make-c"]}],
    )
    with pytest.raises(onestop.PlanningError) as info:
        onestop.plan(cat, "izin", holding=["c"], start=MONDAY)
    assert info.value.problems[0].message.endswith(
        "to reach it here, bring either 'x' (X), or 'y' (Y)"
    )


def test_an_empty_goal_gets_no_suggestion() -> None:
    with pytest.raises(onestop.PlanningError) as info:
        onestop.plan(onestop.builtin("probolinggo"), "")
    assert str(info.value.problems[0]) == "goals[0]: unknown service or bundle ''"


def test_unknown_ids_get_suggestions_and_all_are_reported() -> None:
    cat = onestop.builtin("probolinggo")
    with pytest.raises(onestop.PlanningError) as info:
        onestop.plan(
            cat,
            ["kia2", "kelahiran", "buka-usaha"],
            holding=["ktp", "kk"],
            objective="cheapest",  # type: ignore[arg-type]
            venues=["mp"],
        )
    text = [str(p) for p in info.value.problems]
    assert text[0] == "goals[0]: unknown service or bundle 'kia2' (did you mean 'kia'?)"
    assert text[1].startswith("goals[2]: unknown service or bundle 'buka-usaha' (did you mean")
    assert text[2] == "holding[0]: unknown document 'ktp' (did you mean 'kk'?)" or text[
        2
    ].startswith("holding[0]: unknown document 'ktp'")
    assert text[3].startswith("objective: unknown objective 'cheapest'")
    assert text[4].startswith("venues[0]: unknown venue or venue kind 'mp' (did you mean")
    assert pickle.loads(pickle.dumps(info.value)).problems == info.value.problems


def test_working_days_and_counter_pickup_make_a_return_visit() -> None:
    cat = catalogue(
        [{"id": "akta", "produces": ["akta"], "working_days": 2, "pickup": "counter"}],
        [{"id": "c", "venue": "mpp", "services": ["akta"]}],
    )
    plan = onestop.plan(cat, ["akta"], start=dt.date(2026, 12, 3))  # Thursday
    assert [v.date for v in plan.visits] == [dt.date(2026, 12, 3), dt.date(2026, 12, 7)]
    assert [v.steps[0].action for v in plan.visits] == ["apply", "pickup"]
    assert plan.finish == dt.date(2026, 12, 7)  # Fri +1, Mon +2
    assert plan.services[0].ready == dt.date(2026, 12, 7)


def test_delivered_outputs_need_no_return_visit() -> None:
    cat = catalogue(
        [{"id": "paspor", "produces": ["paspor"], "working_days": 3, "pickup": "delivered"}],
        [{"id": "c", "venue": "mpp", "services": ["paspor"]}],
    )
    plan = onestop.plan(cat, ["paspor"], start=MONDAY)
    assert len(plan.visits) == 1
    assert plan.finish == dt.date(2026, 12, 3)


def test_same_visit_outputs_are_used_at_once_in_dependency_order() -> None:
    cat = catalogue(
        [
            {"id": "kia", "requires": ["akta"], "produces": ["kia"]},
            {"id": "akta", "produces": ["akta"]},
        ],
        [{"id": "c", "venue": "mpp", "services": ["kia", "akta"]}],
    )
    plan = onestop.plan(cat, ["kia"], start=MONDAY)
    (visit,) = plan.visits
    assert [step.service for step in visit.steps] == ["akta", "kia"]
    assert visit.steps[1].bring == ("akta",)
    assert visit.steps[0].receive == ("akta",)


def test_work_starts_on_the_first_open_day_skipping_weekends_holidays_and_closed_dates() -> None:
    cat = catalogue(
        [{"id": "x"}],
        [{"id": "c", "venue": "mpp", "services": ["x"]}],
        closed=["2026-12-07"],
    )
    plan = onestop.plan(cat, ["x"], start=dt.date(2026, 12, 5))  # Saturday
    assert plan.finish == dt.date(2026, 12, 8)


def test_visits_merge_when_that_does_not_delay_the_finish() -> None:
    venues = [
        {"id": "mpp", "name": "MPP", "kind": "mpp", "hours": WEEKDAYS},
        {"id": "portal", "name": "Portal", "kind": "online"},
    ]
    cat = catalogue(
        [
            {"id": "jkn", "produces": ["jkn"], "working_days": 2, "pickup": "delivered"},
            {"id": "skck", "requires": ["jkn"]},
            {"id": "npwp"},
        ],
        [
            {"id": "bpjs", "venue": "portal", "services": ["jkn"]},
            {"id": "polres", "venue": "mpp", "services": ["skck", "npwp"]},
        ],
        venues=venues,
    )
    plan = onestop.plan(cat, ["skck", "npwp"], start=MONDAY)
    # As soon as possible would visit the MPP twice (npwp on Monday, skck on Wednesday).
    assert plan.finish == dt.date(2026, 12, 2)
    assert len(plan.visits) == 2
    mpp = [v for v in plan.visits if v.venue == "mpp"]
    assert len(mpp) == 1 and {s.service for s in mpp[0].steps} == {"skck", "npwp"}


def test_popup_venue_rrule_and_venue_restriction() -> None:
    venues = [
        {"id": "mpp", "name": "MPP", "kind": "mpp", "hours": WEEKDAYS},
        {
            "id": "beach",
            "name": "Beach",
            "kind": "popup",
            "hours": [
                {
                    "rrule": "DTSTART:20260906\nRRULE:FREQ=WEEKLY;INTERVAL=3;BYDAY=SU",
                    "open": "08:00",
                    "close": "12:00",
                    "on_holidays": True,
                }
            ],
        },
    ]
    cat = catalogue(
        [{"id": "kia"}],
        [
            {"id": "mpp-dukcapil", "venue": "mpp", "services": ["kia"]},
            {"id": "beach-dukcapil", "venue": "beach", "services": ["kia"]},
        ],
        venues=venues,
    )
    anywhere = onestop.plan(cat, ["kia"], start=MONDAY)
    assert anywhere.counters == ("mpp-dukcapil",)
    popup = onestop.plan(cat, ["kia"], start=MONDAY, venues=["popup"])
    assert popup.counters == ("beach-dukcapil",)
    # 6 Sep 2026 + 3-weekly: ..., 29 Nov, 20 Dec
    assert popup.finish == dt.date(2026, 12, 20)
    by_id = onestop.plan(cat, ["kia"], start=MONDAY, venues=["beach"])
    assert by_id == popup
    with pytest.raises(onestop.PlanningError, match="no counter among the allowed venues"):
        onestop.plan(cat, ["kia"], start=MONDAY, venues=["online"])


def test_goals_may_name_bundles_and_duplicates_are_merged() -> None:
    cat = onestop.builtin("probolinggo")
    holding = ["surat-keterangan-lahir", "kk", "buku-nikah", "ktp-el"]
    by_bundle = onestop.plan(cat, ["kelahiran", "kia"], holding=holding, start=MONDAY)
    by_services = onestop.plan(cat, ["akta-kelahiran", "kia"], holding=holding, start=MONDAY)
    assert by_bundle == by_services
    assert by_bundle.goals == ("akta-kelahiran", "kia")


def test_birth_in_probolinggo_needs_one_counter_at_the_mpp() -> None:
    cat = onestop.builtin("probolinggo")
    holding = ["surat-keterangan-lahir", "kk", "buku-nikah", "ktp-el"]
    plan = onestop.plan(cat, ["kelahiran"], holding=holding, start=MONDAY)
    assert plan.counters == ("mpp-dukcapil",)
    assert plan.venues == ("mpp",)
    check_plan_valid(cat, plan, list(plan.goals), frozenset(holding), MONDAY)


def test_every_builtin_bundle_plans_for_a_citizen_holding_what_no_service_produces() -> None:
    for name in onestop.builtin_names():
        cat = onestop.builtin(name)
        produced = {d for s in cat.services for d in s.produces}
        holding = [d.id for d in cat.documents if d.id not in produced]
        for bundle in cat.bundles:
            plan = onestop.plan(cat, [bundle.id], holding=holding, start=MONDAY)
            assert plan.optimal
            check_plan_valid(cat, plan, list(plan.goals), frozenset(holding), MONDAY)


def test_plan_data_is_json_safe_and_in_the_spec_shape() -> None:
    cat = onestop.builtin("probolinggo")
    plan = onestop.plan(
        cat, ["kelahiran"], holding=["surat-keterangan-lahir", "kk", "buku-nikah"], start=MONDAY
    )
    data = json.loads(json.dumps(plan.to_dict()))
    for key in (
        "catalogue",
        "goals",
        "holding",
        "objective",
        "start",
        "finish",
        "counters",
        "venues",
        "services",
        "visits",
        "fee",
        "minutes",
    ):
        assert key in data
    assert data["services"][0].keys() >= {"service", "counter", "venue", "date", "ready"}
    assert data["visits"][0]["steps"][0].keys() >= {"action", "service", "counter"}
    assert data["start"] == "2026-11-30"


def test_explain_says_where_what_to_bring_when_to_return_and_why() -> None:
    cat = onestop.builtin("probolinggo")
    plan = onestop.plan(
        cat,
        ["skck"],
        holding=["ktp-el", "kk", "akta-kelahiran", "buku-tabungan"],
        start=MONDAY,
    )
    text = plan.explain()
    assert str(plan) == text
    assert "Visit 1:" in text
    assert "bring:" in text
    assert "Why each extra service is needed:" in text
    assert "needed for Penerbitan SKCK" in text
    html = plan._repr_html_()
    assert "<table>" in html and "Why each extra service is there" in html
    # A pickup brings the citizen back: a second visit, with what is collected.
    kia = onestop.plan(
        cat, "kia", holding=["akta-kelahiran", "kk", "ktp-el"], venues=["popup"], start=MONDAY
    )
    text = kia.explain()
    assert "Visit 1:" in text and "Visit 2:" in text and "collect the outputs of" in text


def test_fees_print_one_way_in_the_text_and_the_html() -> None:
    cat = onestop.builtin("probolinggo")
    plan = onestop.plan(cat, ["skck"], holding=["ktp-el", "kk", "akta-kelahiran", "buku-tabungan"])
    assert plan.fee >= 1000
    written = f"Rp{plan.fee:,}".replace(",", ".")
    assert f"Fees: {written};" in plan.explain()
    assert f"fees {written}," in plan._repr_html_()
    assert "," not in written


def test_plans_are_immutable_picklable_and_deterministic_across_hash_seeds() -> None:
    cat = onestop.builtin("probolinggo")
    plan = onestop.plan(
        cat,
        ["buka-usaha-mikro", "kelahiran"],
        holding=["ktp-el", "kk", "label-pangan", "surat-keterangan-lahir", "buku-nikah"],
        start=MONDAY,
    )
    assert pickle.loads(pickle.dumps(plan)) == plan
    code = (
        "import datetime, json, onestop\n"
        "cat = onestop.builtin('probolinggo')\n"
        "p = onestop.plan(cat, ['buka-usaha-mikro', 'kelahiran'], holding=['ktp-el', 'kk',"
        " 'label-pangan', 'surat-keterangan-lahir', 'buku-nikah'],"
        " start=datetime.date(2026, 11, 30))\n"
        "print(json.dumps(p.to_dict()))\n"
    )
    outputs = []
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        result = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
        )
        outputs.append(result.stdout)
    assert outputs[0] == outputs[1]
    assert json.loads(outputs[0]) == plan.to_dict()


def test_search_budget_returns_a_valid_plan_with_a_proven_lower_bound() -> None:
    # Set cover with 10 elements and many overlapping counters: hard for a tiny budget.
    services = [{"id": f"s{i}"} for i in range(10)]
    counters = []
    n = 0
    for i in range(10):
        for j in range(i + 1, 10):
            if (i * 7 + j * 3) % 4 == 0:
                counters.append({"id": f"c{n}", "venue": "mpp", "services": [f"s{i}", f"s{j}"]})
                n += 1
    for i in range(10):
        counters.append({"id": f"single{i}", "venue": "mpp", "services": [f"s{i}"]})
    cat = catalogue(services, counters)
    goals = [f"s{i}" for i in range(10)]
    exact = onestop.plan(cat, goals, start=MONDAY)
    assert exact.optimal
    for budget in (0, 3):  # 0: no search node at all, the bound computed on its own
        rushed = onestop.plan(cat, goals, start=MONDAY, budget=budget)
        assert not rushed.optimal
        assert 0 < rushed.lower_bound <= len(exact.counters) <= len(rushed.counters)
        check_plan_valid(cat, rushed, goals, frozenset(), MONDAY)
        assert "not proven the best" in rushed.explain()


def test_a_plan_out_of_budget_holds_no_service_the_goals_can_do_without() -> None:
    # Set cover again; each goal needs a document two services issue, both at
    # every counter that offers the goal. A plan cut short by the budget has
    # not counted the fewest services, but must not do both.
    services: list[dict[str, Any]] = []
    for i in range(8):
        services.append({"id": f"g{i}", "requires": [f"d{i}"]})
        for p in "ab":
            services.append(
                {"id": f"{p}{i}", "produces": [f"d{i}"], "working_days": 1, "pickup": "counter"}
            )
    pairs = [(i, j) for i in range(8) for j in range(i + 1, 8) if (i + j) % 3]
    counters = [
        {"id": f"c{n}", "venue": "mpp", "services": [f"{x}{k}" for k in (i, j) for x in "gab"]}
        for n, (i, j) in enumerate(pairs)
    ]
    cat = catalogue(services, counters)
    goals = [f"g{i}" for i in range(8)]
    for budget in (1, 3, 8, 21):
        rushed = onestop.plan(cat, goals, start=MONDAY, budget=budget)
        assert not rushed.optimal
        check_plan_valid(cat, rushed, goals, frozenset(), MONDAY)
        done = {s.service for s in rushed.services}
        assert all((f"a{i}" in done) != (f"b{i}" in done) for i in range(8))
        assert all(visit.date <= rushed.finish for visit in rushed.visits)


def test_no_plan_when_the_venue_never_opens_within_the_horizon() -> None:
    venues = [
        {
            "id": "gone",
            "name": "Ended pop-up",
            "kind": "popup",
            "hours": [
                {
                    "rrule": "DTSTART:20200105\nRRULE:FREQ=WEEKLY;COUNT=3",
                    "open": "08:00",
                    "close": "12:00",
                }
            ],
        }
    ]
    cat = catalogue([{"id": "x"}], [{"id": "c", "venue": "gone", "services": ["x"]}], venues=venues)
    with pytest.raises(onestop.PlanningError, match="venue 'gone' does not open within"):
        onestop.plan(cat, ["x"], start=MONDAY)


def test_default_start_is_today_in_the_catalogue_time_zone() -> None:
    cat = catalogue(
        [{"id": "x"}],
        [{"id": "c", "venue": "mpp", "services": ["x"]}],
        venues=[{"id": "mpp", "name": "Portal", "kind": "online"}],
    )
    plan = onestop.plan(cat, ["x"])
    assert plan.start == onestop.calendar.today(cat)
    assert plan.finish == plan.start


def test_a_far_pickup_with_work_that_can_wait_does_not_recurse_day_by_day() -> None:
    # An output is ready 700 working days later (three steps of at most 260, the
    # format's cap, delivered to the citizen); another goal could be done on any
    # day before, and is best moved to the pickup visit. The search must not go one
    # call deeper per day skipped (that once exhausted Python's recursion limit).
    venues = [
        {"id": "mpp", "name": "MPP", "kind": "mpp", "hours": WEEKDAYS},
        {"id": "portal", "name": "Portal", "kind": "online"},
    ]
    cat = catalogue(
        [
            {"id": "x", "requires": ["p"]},
            {"id": "slow-1", "produces": ["p1"], "working_days": 260, "pickup": "delivered"},
            {
                "id": "slow-2",
                "requires": ["p1"],
                "produces": ["p2"],
                "working_days": 260,
                "pickup": "delivered",
            },
            {
                "id": "slow",
                "requires": ["p2"],
                "produces": ["p"],
                "working_days": 180,
                "pickup": "counter",
            },
            {"id": "y", "requires": ["q"]},
            {"id": "make-q", "produces": ["q"], "working_days": 2, "pickup": "delivered"},
        ],
        [
            {"id": "c1", "venue": "mpp", "services": ["x", "slow", "y"]},
            {"id": "web", "venue": "portal", "services": ["make-q", "slow-1", "slow-2"]},
        ],
        venues=venues,
    )
    plan = onestop.plan(cat, ["x", "y"], start=MONDAY)
    assert plan.optimal
    assert (plan.finish - MONDAY).days > 900
    # portal now, portal for the second step, mpp for the third, mpp at the pickup (with y)
    assert [v.venue for v in plan.visits] == ["portal", "portal", "mpp", "mpp"]
    check_plan_valid(cat, plan, ["x", "y"], frozenset(), MONDAY)


def test_a_start_that_is_not_a_date_is_a_type_error_naming_it() -> None:
    cat = onestop.builtin("probolinggo")
    with pytest.raises(TypeError, match=r"start must be a datetime\.date or None, got str"):
        onestop.plan(cat, ["kia"], start="2026-12-01")  # type: ignore[arg-type]
    at_noon = onestop.plan(cat, ["npwp"], holding=["ktp-el"], start=dt.datetime(2026, 12, 1, 12, 0))
    assert at_noon.start == dt.date(2026, 12, 1)


def test_a_pickup_service_offered_at_two_venues_goes_where_the_return_visit_is_made_anyway() -> (
    None
):
    # Day 0 needs both venues (a and b0 feed t); day 2 needs vb for b2. Applying for s
    # at va would force a second visit there for the pickup; at vb it joins b2.
    cat = _two_venue_pickup_catalogue()
    plan = onestop.plan(cat, ["b2", "s"], start=MONDAY)
    assert plan.finish == MONDAY + dt.timedelta(2)
    assert len(plan.visits) == 4
    (s_service,) = [s for s in plan.services if s.service == "s"]
    assert s_service.venue == "vb"
    check_plan_valid(cat, plan, ["b2", "s"], frozenset(), MONDAY)


def _two_venue_pickup_catalogue() -> onestop.Catalogue:
    venues = [{"id": v, "name": v.upper(), "kind": "online"} for v in ("va", "vb", "vc")]
    return catalogue(
        [
            {"id": "a", "produces": ["r"]},
            {"id": "b0", "produces": ["r2"]},
            {
                "id": "t",
                "requires": ["r", "r2"],
                "produces": ["q"],
                "working_days": 2,
                "pickup": "delivered",
            },
            {"id": "b2", "requires": ["q"]},
            {"id": "s", "produces": ["p"], "working_days": 2, "pickup": "counter"},
        ],
        [
            {"id": "ca", "venue": "va", "services": ["a", "s"]},
            {"id": "cb", "venue": "vb", "services": ["b0", "b2", "s"]},
            {"id": "cc", "venue": "vc", "services": ["t"]},
        ],
        venues=venues,
    )


@pytest.mark.parametrize(("cut_bound", "optimal"), [(0, False), (4, True)])
def test_a_dating_cut_short_for_another_venue_is_not_called_optimal_if_it_could_do_better(
    cut_bound: int, optimal: bool
) -> None:
    # s can be applied for at va or vb: each assignment is dated, the best kept (vb, 4
    # visits). When the search for va is cut short and its bound allows fewer visits
    # at the same finish, the best dating must not claim the fewest visits.
    cat = _two_venue_pickup_catalogue()
    prep = prepared(cat)
    request = resolve(cat, prep, ["b2", "s"], (), MONDAY, "counters", None)
    instance = reduce(prep, request)
    choice = choose(instance, venues_first=False, budget=Budget(DEFAULT_BUDGET))
    work = work_for(prep, request, instance, choice)
    s = work.services.index(prep.service_index["s"])
    days = Days(work_calendar(cat), prep.venue_ids)
    datings = []
    for venue in work.candidates[s]:
        fixed = list(work.candidates)
        fixed[s] = (venue,)
        one = attrs.evolve(work, candidates=tuple(fixed))
        datings.append(date_work(one, MONDAY, days, Budget(NODE_BUDGET)))
    at_va, at_vb = datings
    assert at_va is not None and at_vb is not None
    assert [prep.venue_ids[v] for v in work.candidates[s]] == ["va", "vb"]
    assert at_va.key() > at_vb.key() == (at_vb.finish, 4)
    assert at_va.optimal and at_vb.optimal
    best = best_dating([at_va, at_vb])
    assert best is not None and best.key() == at_vb.key() and best.optimal
    cut = attrs.evolve(at_va, optimal=False, bound=cut_bound)
    best = best_dating([cut, at_vb])
    assert best is not None and best.key() == at_vb.key()
    assert best.optimal is optimal
    assert best_dating([at_va, at_vb], complete=False).optimal is False  # type: ignore[union-attr]


CASES = Path(__file__).parent / "cases"


def test_a_pickup_at_a_pop_up_waits_for_its_next_open_day() -> None:
    """Regression (issue 11): the pickup was dated on a day the pop-up is closed.

    ``s1`` is applied at the pop-up ``v2`` (every other Saturday) and its
    outputs are picked up there; ``s9`` at ``v0`` needs them. The pickup must
    be on a pop-up day, before ``s9``.
    """
    case = json.loads((CASES / "popup-pickup-on-closed-day.json").read_text(encoding="utf-8"))
    cat = onestop.from_dict(case["catalogue"])
    start = dt.date.fromisoformat(case["start"])
    plan = onestop.plan(cat, case["goals"], holding=case["holding"], start=start)
    check_plan_valid(cat, plan, case["goals"], frozenset(case["holding"]), start)
    pickups = [
        (v.date, v.venue) for v in plan.visits for step in v.steps if step.action == "pickup"
    ]
    assert pickups == [(dt.date(2027, 1, 16), "v2")]  # a pop-up Saturday
    assert plan.finish == dt.date(2027, 1, 19)
    assert len(plan.visits) == 3


def test_of_equally_cheap_plans_the_one_finishing_earliest_is_chosen() -> None:
    # The spec (amended 2026-12-02): among choices tying on (counters, venues, services),
    # the earliest finish. TWSL and Pantai Permata Pilang both give KIA at one counter;
    # the Pantai Permata Pilang stand opens weeks earlier.
    cat = onestop.builtin("probolinggo")
    holding = ["akta-kelahiran", "kk", "ktp-el"]
    start = dt.date(2026, 12, 1)
    earlier = onestop.plan(
        cat, "kia", holding=holding, venues=["pantai-permata-pilang"], start=start
    )
    plan = onestop.plan(cat, "kia", holding=holding, venues=["popup"], start=start)
    assert (len(plan.counters), len(plan.venues), len(plan.services)) == (1, 1, 1)
    assert plan.finish == earlier.finish == dt.date(2026, 12, 27)


def test_of_equally_cheap_plans_finishing_together_the_one_with_fewest_visits_is_chosen() -> None:
    # Found on a random catalogue: s1 needs d1, which s0 (at v0, Mon-Fri) and s2 (at v0 or
    # at v1, Fridays only) both give after a wait, collected at the counter. With s0 the
    # citizen also comes back to v0 for the pickup; s2 at v1 is applied on the Friday of
    # s3 and s4 and collected with s4's outputs. Same key, same finish: 3 visits, not 4.
    day = {"days": ["MO", "TU", "WE", "TH", "FR"], "open": "08:00", "close": "15:00"}
    friday = {**day, "days": ["FR"]}

    def service(sid: str, requires: list[str], produces: list[str], wait: int = 0) -> dict:
        found = {"id": sid, "name": sid, "agency": "a", "requires": requires, "produces": produces}
        return found | ({"working_days": wait, "pickup": "counter"} if wait else {})

    cat = onestop.from_dict(
        {
            "format": "onestop/1",
            "id": "visits",
            "name": "Visits",
            "calendar": {"holidays": "ID"},
            "agencies": [{"id": "a", "name": "Agency", "level": "city"}],
            "documents": [{"id": d, "name": d} for d in ("d0", "d1", "d2", "d3")],
            "services": [
                service("s0", [], ["d1"], 2),
                service("s1", ["d1"], ["d3", "d2"]),
                service("s2", [], ["d0", "d1"], 3),
                service("s3", [], ["d3"]),
                service("s4", [], ["d2", "d3"], 2),
            ],
            "venues": [
                {"id": "v0", "name": "Venue 0", "kind": "office", "hours": [day]},
                {"id": "v1", "name": "Venue 1", "kind": "popup", "hours": [friday]},
            ],
            "counters": [
                {"id": "c0", "venue": "v1", "services": ["s4", "s2", "s3"]},
                {"id": "c1", "venue": "v0", "services": ["s0", "s1", "s2"]},
            ],
        }
    )
    plan = onestop.plan(cat, ["s4", "s3", "s1"], start=dt.date(2026, 12, 13))
    assert plan.optimal
    assert (len(plan.counters), len(plan.venues), len(plan.services)) == (2, 2, 4)
    assert {s.service for s in plan.services} == {"s1", "s2", "s3", "s4"}
    assert plan.finish == dt.date(2027, 1, 8)  # Christmas and New Year's Day are Fridays
    assert len(plan.visits) == 3
