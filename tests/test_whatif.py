"""onestop.whatif: new checked catalogues, never a changed one, ids that say what changed."""

import datetime as dt

import pytest

import onestop
from onestop import whatif
from onestop.analysis import compare, population


def frozen_copy(cat):
    return onestop.to_dict(cat)


@pytest.fixture
def yogya():
    return onestop.builtin("yogyakarta")


def test_merge_counters_makes_one_joint_counter_in_place_of_the_first(yogya):
    before = frozen_copy(yogya)
    merged = whatif.merge_counters(yogya, ["mpp-kpp", "mpp-polresta"], into="mpp-joint")
    assert frozen_copy(yogya) == before
    assert merged.id == "yogyakarta.merged-mpp-joint"
    ids = [k.id for k in merged.counters]
    assert "mpp-kpp" not in ids and "mpp-polresta" not in ids
    joint = merged.counter("mpp-joint")
    assert joint.services == ("npwp", "skck", "sktlk") and joint.venue == "mpp"
    assert ids.index("mpp-joint") == [k.id for k in yogya.counters].index("mpp-kpp")
    labels = [yogya.counter(k).label for k in ("mpp-kpp", "mpp-polresta")]
    assert joint.name == " + ".join(labels)
    onestop.check(merged)


def test_merge_counters_refuses_what_cannot_be_merged(yogya):
    with pytest.raises(onestop.CatalogueError, match="did you mean 'mpp-kpp'"):
        whatif.merge_counters(yogya, ["mpp-kp", "mpp-polresta"], into="x")
    with pytest.raises(onestop.CatalogueError, match="at least two"):
        whatif.merge_counters(yogya, ["mpp-kpp"], into="x")
    office = next(k.id for k in yogya.counters if yogya.venue(k.venue).kind == "office")
    with pytest.raises(onestop.CatalogueError, match="different venues"):
        whatif.merge_counters(yogya, ["mpp-kpp", office], into="x")
    with pytest.raises(onestop.CatalogueError, match="another counter's id"):
        whatif.merge_counters(yogya, ["mpp-kpp", "mpp-polresta"], into="tim-teknis")


def test_move_service_moves_it_and_drops_an_emptied_counter(yogya):
    moved = whatif.move_service(yogya, "npwp", "mpp-kpp", "tim-teknis")
    assert moved.id == "yogyakarta.moved-npwp-to-tim-teknis"
    assert [k.id for k in moved.counters_offering("npwp")] == ["tim-teknis"]
    assert "mpp-kpp" not in {k.id for k in moved.counters}  # npwp was its only service
    assert [k.id for k in yogya.counters_offering("npwp")] == ["mpp-kpp"]
    with pytest.raises(onestop.CatalogueError, match="does not offer 'skck'"):
        whatif.move_service(yogya, "skck", "mpp-kpp", "tim-teknis")
    with pytest.raises(onestop.CatalogueError, match="did you mean 'npwp'"):
        whatif.move_service(yogya, "npwpp", "mpp-kpp", "tim-teknis")


def test_add_counter_is_checked(yogya):
    desk = onestop.Counter("mpp-imigrasi", "mpp", ("paspor-baru",))
    more = whatif.add_counter(yogya, desk)
    assert more.id == "yogyakarta.added-mpp-imigrasi" and more.counter("mpp-imigrasi") == desk
    with pytest.raises(onestop.CatalogueError, match="did you mean 'mpp'"):
        whatif.add_counter(yogya, onestop.Counter("x", "mppp", ("npwp",)))
    with pytest.raises(TypeError, match="Counter"):
        whatif.add_counter(yogya, "x")


def test_close_venue_for_a_range_keeps_every_other_day():
    cat = onestop.builtin("probolinggo")
    shut = whatif.close_venue(cat, "mpp", dt.date(2027, 1, 4), dt.date(2027, 1, 8))
    days = [dt.date(2026, 12, 28) + dt.timedelta(d) for d in range(21)]
    for day in days:
        closed = dt.date(2027, 1, 4) <= day <= dt.date(2027, 1, 8)
        was = onestop.calendar.is_open(cat, "mpp", day)
        assert onestop.calendar.is_open(shut, "mpp", day) == (was and not closed)
    assert not onestop.calendar.is_open(
        whatif.close_venue(cat, "mpp", first=dt.date(2027, 1, 4)), "mpp", dt.date(2028, 3, 1)
    )
    with pytest.raises(onestop.CatalogueError, match="before first"):
        whatif.close_venue(cat, "mpp", dt.date(2027, 1, 8), dt.date(2027, 1, 4))


def test_close_a_venue_open_every_day_for_a_week():
    cat = onestop.builtin("probolinggo")
    shut = whatif.close_venue(cat, "online", dt.date(2027, 1, 4), dt.date(2027, 1, 10))
    assert not onestop.calendar.is_open(shut, "online", dt.date(2027, 1, 9))
    assert onestop.calendar.is_open(shut, "online", dt.date(2027, 1, 11))
    assert onestop.calendar.is_open(shut, "online", dt.date(2027, 1, 1))  # a holiday, online


def test_close_venue_for_good_removes_it_and_plans_change():
    cat = onestop.builtin("probolinggo")
    gone = whatif.close_venue(cat, "satpas-polres")
    assert gone.id == "probolinggo.closed-satpas-polres"
    assert "satpas-polres" not in {v.id for v in gone.venues}
    assert all(k.venue != "satpas-polres" for k in gone.counters)
    with pytest.raises(onestop.CatalogueError, match="did you mean 'mpp'"):
        whatif.close_venue(cat, "mppp")


def test_open_venue_opens_the_planned_mpp_and_plans_use_it():
    cat = onestop.builtin("buton-tengah")
    assert cat.venue("mpp-lakudo").status == "planned"
    day = dt.date(2027, 2, 1)
    opened = whatif.open_venue(cat, "mpp-lakudo")
    assert opened.id == "buton-tengah.opened-mpp-lakudo"
    assert opened.venue("mpp-lakudo").status == "open"
    assert cat.venue("mpp-lakudo").status == "planned"
    assert not onestop.calendar.is_open(cat, "mpp-lakudo", day)
    assert onestop.calendar.is_open(opened, "mpp-lakudo", day)
    offices = whatif.close_venue(cat, "mpp-lakudo")  # today: the offices only
    holding = ["kk", "ktp-el", "akta-kelahiran", "surat-pengantar-rt-rw"]
    today = onestop.plan(offices, "menikah", holding=holding, start=day)
    then = onestop.plan(opened, "menikah", holding=holding, start=day)
    assert "mpp-lakudo" not in today.venues and "mpp-lakudo" in then.venues
    assert len(then.venues) < len(today.venues)
    with pytest.raises(onestop.CatalogueError, match="already open"):
        whatif.open_venue(opened, "mpp-lakudo")


def test_separate_desks_cost_the_citizens_of_yogyakarta_counters(yogya):
    """The joint counter against one desk per agency: the what-if the notebook tells."""
    split = yogya
    joint = yogya.counter("tim-teknis")
    for service in joint.services[1:]:
        desk = f"desk-{service}"
        split = whatif.add_counter(split, onestop.Counter(desk, joint.venue, (service,)))
        split = whatif.move_service(split, service, "tim-teknis", desk)
    assert split.counter("tim-teknis").services == joint.services[:1]
    people = population(yogya, 1500, seed=3, year=2027)
    c = compare(split, yogya, people)
    assert c.attrs["summary"]["counters_change"] < 0
    assert (c["counters_change"].dropna() <= 0).all()
