"""The built-in catalogues: sourced, reusable, and sensible to plan on."""

from __future__ import annotations

import datetime as dt
from importlib import resources

import pytest

import onestop
from onestop.cli import main
from reference import check_plan_valid

START = dt.date(2026, 12, 1)
CITIES = ("probolinggo", "surabaya", "yogyakarta", "buton-tengah")
LIFE_EVENTS = {
    "kelahiran",
    "pindah-datang",
    "menikah",
    "buka-usaha-mikro",
    "melamar-kerja",
    "mendirikan-rumah",
    "sim",
}


def adult(cat: onestop.Catalogue) -> list[str]:
    """A realistic starting set: family card, KTP-el, birth certificate, and what nobody issues.

    A land title counts as held too: the only service issuing one (Surabaya's replacement of
    a lost title) serves someone who had it.
    """
    produced = {d for s in cat.services for d in s.produces}
    return [d.id for d in cat.documents if d.id not in produced] + [
        "kk",
        "ktp-el",
        "akta-kelahiran",
        *(["sertifikat-tanah"] if "sertifikat-tanah" in produced else []),
    ]


def test_the_builtin_names() -> None:
    assert set(onestop.builtin_names()) == {"national", *CITIES}


@pytest.mark.parametrize("name", ["national", *CITIES])
def test_validate_and_show_work_for_every_builtin(
    name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["validate", name]) == 0
    assert main(["show", name]) == 0
    assert "Services:" in capsys.readouterr().out


@pytest.mark.parametrize("name", ["national", *CITIES])
def test_every_service_says_where_its_facts_come_from(name: str) -> None:
    for service in onestop.builtin(name).services:
        assert service.source, f"{name}: {service.id} has no source"


@pytest.mark.parametrize("name", CITIES)
def test_cities_extend_national_and_offer_the_life_events(name: str) -> None:
    text = (resources.files("onestop") / "catalogues" / f"{name}.yaml").read_text("utf-8")
    assert "extends: [national]" in text
    cat = onestop.builtin(name)
    national = onestop.builtin("national")
    assert {s.id for s in national.services} <= {s.id for s in cat.services}
    bundles = {b.id for b in cat.bundles}
    assert bundles & LIFE_EVENTS
    offered = {s for c in cat.counters for s in c.services}
    for bundle in cat.bundles:
        assert set(bundle.services) <= offered, f"{name}: {bundle.id} is not offered"


@pytest.mark.parametrize("name", CITIES)
def test_every_bundle_plans_sensibly_for_an_adult(name: str) -> None:
    cat = onestop.builtin(name)
    holding = adult(cat)
    for bundle in cat.bundles:
        plan = onestop.plan(cat, [bundle.id], holding=holding, start=START)
        assert plan.optimal
        check_plan_valid(cat, plan, list(plan.goals), frozenset(holding), START)
        assert (plan.finish - START).days <= 60, f"{name}: {bundle.id} takes too long"
        assert len(plan.counters) <= len(plan.services)


def test_a_birth_in_probolinggo_needs_one_counter_at_the_mpp() -> None:
    cat = onestop.builtin("probolinggo")
    plan = onestop.plan(cat, ["kelahiran"], holding=adult(cat), start=START)
    assert plan.counters == ("mpp-dukcapil",)
    assert cat.venue(plan.venues[0]).kind == "mpp"


def test_a_birth_in_yogyakarta_sends_the_family_to_the_disdukcapil_office() -> None:
    cat = onestop.builtin("yogyakarta")
    plan = onestop.plan(cat, ["kelahiran"], holding=adult(cat), start=START)
    assert [cat.venue(v).kind for v in plan.venues] == ["office"]
    assert all(cat.counter(c).venue not in {"mpp"} for c in plan.counters)


def test_yogyakarta_shows_its_four_service_modes() -> None:
    cat = onestop.builtin("yogyakarta")
    kinds = {v.kind for v in cat.venues}
    assert {"mpp", "office", "online"} <= kinds  # face-to-face, own office, contactless
    joint = [c for c in cat.counters if len({cat.service(s).agency for s in c.services}) >= 3]
    assert joint, "no joint counter run by a technical team"
    drive_thru = [v for v in cat.venues if "drive" in (v.name + v.id).lower()]
    assert drive_thru and all(v.hours for v in drive_thru)


def test_buton_tengah_needs_little_of_its_own() -> None:
    text = (resources.files("onestop") / "catalogues" / "buton-tengah.yaml").read_text("utf-8")
    assert len(text.splitlines()) < 200  # today's offices and the planned MPP (issue 13)
    cat = onestop.builtin("buton-tengah")
    assert len(cat.services) >= 30


def test_national_defines_the_real_chains() -> None:
    cat = onestop.builtin("national")
    assert "akta-kelahiran" in cat.service("kia").requires.documents()
    assert "nib" in cat.service("spp-irt").requires.documents()
    assert "nib" in cat.service("halal-self-declare").requires.documents()
    for sid in ("sim-a-baru", "sim-c-baru", "sim-a-perpanjangan", "sim-c-perpanjangan"):
        needs = set(cat.service(sid).requires.documents())
        assert {"hasil-rikkes", "hasil-psikologi"} <= needs
        assert "bukti-jkn-aktif" not in needs  # a trial only (issue 13)
    assert {"bukti-jkn-aktif", "bukti-va-jkn"} <= set(cat.service("skck").requires.documents())
    assert cat.counters == () and cat.venues == ()
