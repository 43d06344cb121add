"""onestop.analysis.plot: the charts draw what the tables say (Agg backend, no display)."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import pytest

import onestop
from onestop import whatif
from onestop.analysis import compare, counter_load, plot, population, table


@pytest.fixture(scope="module")
def surabaya():
    cat = onestop.builtin("surabaya")
    people = population(cat, 1500, seed=4, year=2027)
    return cat, people, table(cat, people, progress=False)


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def heights(ax):
    return [round(p.get_height(), 9) for p in ax.patches]


def test_per_event_draws_the_mean_of_each_life_event(surabaya, tmp_path):
    _, _, t = surabaya
    ax = plot.per_event(t, "days")
    feasible = t[t["feasible"]]
    expected = feasible.groupby("goals")["days"].mean()
    assert heights(ax) == [round(v, 9) for v in expected]
    assert [x.get_text() for x in ax.get_xticklabels()] == [" + ".join(g) for g in expected.index]
    ax.figure.savefig(tmp_path / "days.png")
    assert (tmp_path / "days.png").stat().st_size > 1000


def test_per_event_of_a_comparison_draws_before_and_after_side_by_side(surabaya):
    cat, people, _ = surabaya
    merged = whatif.merge_counters(cat, ["siola-djp", "siola-dpmptsp"], into="siola-usaha")
    c = compare(cat, merged, people[:600])
    _, ax = plt.subplots()
    assert plot.per_event(c, "counters", ax=ax) is ax
    events = c["goals"].nunique()
    assert len(ax.patches) == 2 * events
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["before", "after"]


def test_counter_load_draws_the_busiest_first_from_the_top(surabaya):
    cat, _, t = surabaya
    load = counter_load(cat, t)
    ax = plot.counter_load(load, "minutes", top=4)
    widths = [p.get_width() for p in ax.patches]
    assert widths == sorted(load["minutes"].nlargest(4))  # the longest bar at the top
    assert ax.get_yticklabels()[-1].get_text() == load.sort_values("minutes").index[-1]


def test_dependencies_draws_a_bundles_services_and_documents():
    cat = onestop.builtin("probolinggo")
    ax = plot.dependencies(cat, "kelahiran", holding=["kk", "buku-nikah"])
    labels = {t.get_text() for t in ax.texts}
    assert {"akta-kelahiran", "kk", "surat-keterangan-lahir"} <= labels
    again = plot.dependencies(cat, "kelahiran", holding=["kk", "buku-nikah"])
    assert [t.get_position() for t in ax.texts] == [t.get_position() for t in again.texts]
    with pytest.raises(KeyError):
        plot.dependencies(cat, "kelahiran2")
