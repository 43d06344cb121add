"""Jupyter views: a plan, a catalogue and a comparison as a person reads them, in a real browser."""

import datetime as dt
import shutil
import subprocess

import attrs
import pytest

import onestop
from onestop import whatif
from onestop.analysis import compare, population

START = dt.date(2026, 12, 1)


@pytest.fixture(scope="module")
def views():
    cat = onestop.builtin("surabaya")
    plan = onestop.plan(cat, ["skck"], holding=["ktp-el", "kk", "akta-kelahiran"], start=START)
    merged = whatif.merge_counters(cat, ["siola-djp", "siola-dpmptsp"], into="siola-usaha")
    comparison = compare(cat, merged, population(cat, 400, year=2027))
    return cat, plan, comparison


def test_a_plan_shows_names_what_to_bring_and_receive_when_and_why(views):
    cat, plan, _ = views
    page = plan._repr_html_()
    for visit in plan.visits:
        assert cat.venue(visit.venue).name in page
        for step in visit.steps:
            for doc in (*step.bring, *step.receive):
                assert cat.document(doc).name in page
    assert "receive" in page and "Why each extra service is there" in page
    assert "Wed 2 Dec 2026" in page or "Tue 1 Dec 2026" in page
    assert "1 venues" not in page and "1 counters" not in page
    assert "ktp-el, kk" not in page  # documents by name, not a list of ids


def test_counts_take_the_grammar_that_fits_them():
    cat = onestop.builtin("probolinggo")
    plan = onestop.plan(
        cat, "kelahiran", holding=["surat-keterangan-lahir", "kk", "buku-nikah"], start=START
    )
    page = plan._repr_html_()
    assert "1 counter at 1 venue, 2 visits" in page
    assert "come back to collect it" in page


def test_a_catalogue_shows_agencies_by_level_venues_hours_counters_bundles():
    cat = onestop.builtin("buton-tengah")
    page = cat._repr_html_()
    assert "Agencies by level" in page and "<td>vertical</td>" in page
    assert "(planned)" in page and "Mo-Th 08:00-15:00" in page
    for bundle in cat.bundles:
        assert bundle.name in page
    assert all(counter.label in page for counter in cat.counters)
    assert "Fr 08:00-11:00" in page


def test_weekdays_that_are_not_a_run_are_listed():
    cat = onestop.builtin("probolinggo")
    hours = (onestop.Hours(dt.time(8), dt.time(12), ("MO", "WE", "FR")),)
    venues = tuple(attrs.evolve(v, hours=hours) if v.id == "mpp" else v for v in cat.venues)
    page = attrs.evolve(cat, venues=venues)._repr_html_()
    assert "Mo, We, Fr 08:00-12:00" in page and "Mo-Fr 08:00-12:00" not in page


def test_a_comparison_shows_the_means_per_life_event(views):
    _, _, comparison = views
    page = comparison._repr_html_()
    assert "life event" in page and "&rarr;" in page
    assert "buka-usaha-mikro" in page
    assert type(comparison[["goals"]]).__name__ == "DataFrame"  # operations give plain frames


BROWSER = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.slow
@pytest.mark.skipif(BROWSER is None, reason="no chromium installed (.ci/run installs Debian's)")
def test_the_views_render_in_a_headless_browser(views, tmp_path):
    cat, plan, comparison = views
    page = tmp_path / "views.html"
    page.write_text(
        "<html><meta charset='utf-8'><body>"
        + plan._repr_html_()
        + cat._repr_html_()
        + comparison._repr_html_()
        + "</body></html>",
        encoding="utf-8",
    )
    shot = tmp_path / "views.png"
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"]
    subprocess.run(
        [BROWSER, *flags, f"--screenshot={shot}", "--window-size=1280,2400", page.as_uri()],
        check=True,
        capture_output=True,
        timeout=120,
    )
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 20_000
    dom = subprocess.run(
        [BROWSER, *flags, "--dump-dom", page.as_uri()],
        check=True,
        capture_output=True,
        text=True,
        timeout=120,
    ).stdout
    assert (
        dom.count("<table") == 1 + 3 + 2
    )  # the plan's, the catalogue's three, the comparison's two
    assert cat.venue(plan.visits[0].venue).name in dom
