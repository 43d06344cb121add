"""Facts of the built-in data that an audit corrected (issue 13), pinned by plans."""

from __future__ import annotations

import datetime as dt

import pytest

import onestop
from onestop import calendar
from test_builtin_catalogues import CITIES, START, adult


def services_of(plan: onestop.Plan) -> set[str]:
    return {s.service for s in plan.services}


@pytest.mark.parametrize("name", CITIES)
def test_a_first_sim_needs_no_jkn_but_both_tests(name: str) -> None:
    cat = onestop.builtin(name)
    holding = [d for d in adult(cat) if d != "bukti-jkn-aktif"]
    plan = onestop.plan(cat, ["sim-c-baru"], holding=holding, start=START)
    assert services_of(plan) == {"sim-c-baru", "tes-kesehatan-sim", "tes-psikologi-sim"}
    tests = cat.service("tes-kesehatan-sim").fee + cat.service("tes-psikologi-sim").fee
    assert plan.fee == cat.service("sim-c-baru").fee + tests
    assert tests >= 135_000
    assert plan.finish == plan.start or (plan.finish - START).days < 7


@pytest.mark.parametrize("name", CITIES)
def test_a_sim_renewal_retakes_the_tests_and_needs_no_jkn(name: str) -> None:
    cat = onestop.builtin(name)
    holding = [d for d in adult(cat) if d != "bukti-jkn-aktif"] + ["sim-a"]
    plan = onestop.plan(cat, ["sim-a-perpanjangan"], holding=holding, start=START)
    assert services_of(plan) == {"sim-a-perpanjangan", "tes-kesehatan-sim", "tes-psikologi-sim"}


def test_surabaya_gives_the_sim_tests_apart_from_the_satpas_at_its_own_prices() -> None:
    cat = onestop.builtin("surabaya")
    assert cat.service("tes-kesehatan-sim").fee == 50_000  # from January 2024
    assert cat.service("tes-psikologi-sim").fee == 100_000
    plan = onestop.plan(cat, ["sim-c-baru"], holding=adult(cat), start=START)
    assert set(plan.venues) == {"satpas-colombo", "rikkes-colombo", "psikotes-perak-timur"}
    assert "bukti-jkn-aktif" not in cat.service("sim-b1-baru").requires.documents()


@pytest.mark.parametrize("name", ["probolinggo", "yogyakarta", "buton-tengah"])
def test_an_skck_is_issued_on_a_new_jkn_registration(name: str) -> None:
    cat = onestop.builtin(name)
    holding = [d for d in adult(cat) if d != "bukti-jkn-aktif"] + ["bukti-va-jkn"]
    plan = onestop.plan(cat, ["skck"], holding=holding, start=START)
    assert services_of(plan) == {"skck"}
    assert plan.finish == START


@pytest.mark.parametrize("name", ["probolinggo", "yogyakarta", "buton-tengah"])
def test_an_skck_takes_a_new_jkn_registration_without_the_14_day_wait(name: str) -> None:
    cat = onestop.builtin(name)
    holding = [d for d in adult(cat) if d not in {"bukti-jkn-aktif", "bukti-va-jkn"}]
    plan = onestop.plan(cat, ["skck"], holding=holding, start=START)
    assert "bpjs-kesehatan-va-pendaftaran" in services_of(plan)
    assert "bpjs-kesehatan-pbpu" not in services_of(plan)
    assert plan.finish - START < dt.timedelta(days=7)


def test_a_lost_land_title_is_replaced_and_then_checked_for_the_pnbp_fee() -> None:
    cat = onestop.builtin("surabaya")
    holding = [d for d in adult(cat) if d != "sertifikat-tanah"] + ["sktlk"]
    goals = ["bpn-sertifikat-pengganti-hilang", "bpn-pengecekan-sertifikat"]
    plan = onestop.plan(cat, goals, holding=holding, start=START)
    assert services_of(plan) == set(goals)
    order = [s.service for s in plan.services]
    assert order.index("bpn-sertifikat-pengganti-hilang") < order.index("bpn-pengecekan-sertifikat")
    fees = {sid: cat.service(sid).fee for sid in ("bpn-pengecekan-sertifikat", "bpn-skpt")}
    assert fees == {"bpn-pengecekan-sertifikat": 50_000, "bpn-skpt": 50_000}


def test_buton_tengah_today_sends_a_birth_to_the_disdukcapil_office() -> None:
    cat = onestop.builtin("buton-tengah")
    assert cat.venue("mpp-lakudo").status == "planned"
    offices = {v.id for v in cat.venues if v.kind == "office"}
    assert {"kantor-disdukcapil", "polres-baubau", "kpp-baubau", "kua-kecamatan"} <= offices
    plan = onestop.plan(cat, ["kelahiran"], holding=adult(cat), start=START)
    assert plan.venues == ("kantor-disdukcapil",)


def test_buton_tengah_with_its_mpp_open_serves_the_same_birth_there() -> None:
    cat = onestop.builtin("buton-tengah")
    plan = onestop.plan(cat, ["kelahiran"], holding=adult(cat), start=START, venues=["mpp-lakudo"])
    assert plan.venues == ("mpp-lakudo",)
    assert plan.counters == ("mpp-dukcapil",)


def test_buton_tengah_with_its_mpp_open_a_marriage_needs_fewer_venues() -> None:
    cat = onestop.builtin("buton-tengah")
    today = [v.id for v in cat.venues if v.status == "open"]
    before = onestop.plan(cat, ["menikah"], holding=adult(cat), start=START, venues=today)
    after = onestop.plan(
        cat, ["menikah"], holding=adult(cat), start=START, venues=["mpp-lakudo", *today]
    )
    assert "mpp-lakudo" not in before.venues and "mpp-lakudo" in after.venues
    assert len(after.venues) < len(before.venues)


def test_buton_tengah_plans_no_bundle_at_the_planned_mpp_by_default() -> None:
    cat = onestop.builtin("buton-tengah")
    for bundle in cat.bundles:
        plan = onestop.plan(cat, [bundle.id], holding=adult(cat), start=START)
        assert "mpp-lakudo" not in plan.venues, bundle.id


def test_surabaya_says_where_its_citizens_get_police_and_health_letters() -> None:
    cat = onestop.builtin("surabaya")
    offered = {s: {c.venue for c in cat.counters if s in c.services} for s in ("skck", "sktlk")}
    assert offered == {"skck": {"mapolrestabes", "siola"}, "sktlk": {"mapolrestabes"}}
    assert any("surat-keterangan-sehat" in c.services for c in cat.counters)
    holding = [d for d in adult(cat) if d != "sktlk"]
    plan = onestop.plan(cat, ["ktp-el-ganti-hilang"], holding=holding, start=START)
    assert {"sktlk", "ktp-el-ganti-hilang"} == services_of(plan)


def test_surabaya_says_where_a_citizen_gets_what_an_office_issues_but_no_service_models() -> None:
    cat = onestop.builtin("surabaya")
    for doc in ("rekomendasi-pendirian-klinik", "rencana-tapak", "kajian-sosial-ekonomi"):
        assert "not modelled" in cat.document(doc).note or "assumed:" in cat.document(doc).note


def test_yogyakartas_balai_kota_drive_thru_is_bounded_to_its_pandemic_dates() -> None:
    cat = onestop.builtin("yogyakarta")
    assert calendar.is_open(cat, "dindukcapil-drive-thru", dt.date(2021, 3, 1))  # a Monday
    assert not calendar.is_open(cat, "dindukcapil-drive-thru", dt.date(2021, 6, 21))
    assert not calendar.is_open(cat, "dindukcapil-drive-thru", dt.date(2026, 12, 7))
    holding = [*adult(cat), "sktlk"]
    only = ["dindukcapil-drive-thru"]
    then = onestop.plan(
        cat, ["ktp-el-ganti-hilang"], holding=holding, start=dt.date(2021, 3, 1), venues=only
    )
    assert then.finish < dt.date(2021, 6, 16)
    with pytest.raises(onestop.PlanningError):
        onestop.plan(cat, ["ktp-el-ganti-hilang"], holding=holding, start=START, venues=only)


def test_yogyakartas_mpp_records_ktp_el_while_births_stay_at_the_office() -> None:
    cat = onestop.builtin("yogyakarta")
    counters = {c.id for c in cat.counters if "ktp-el-baru" in c.services}
    assert "mpp-dindukcapil" in counters and cat.counter("mpp-dindukcapil").venue == "mpp"
    births = {cat.counter(c.id).venue for c in cat.counters if "akta-kelahiran" in c.services}
    assert births == {"dindukcapil-balaikota"}


def test_probolinggos_popups_have_the_stands_of_all_eight_offices_of_seed_000() -> None:
    cat = onestop.builtin("probolinggo")
    offices = ("Dispendukcapil", "Dinkes P2KB", "DPMPTSP", "DLH")
    offices += ("Diskominfo", "BPPKAD", "Dinsos", "DKUPP")
    for venue in ("twsl", "pantai-permata-pilang", "museum-rasulullah"):
        names = [c.name for c in cat.counters if c.venue == venue]
        assert all(any(o in n for n in names) for o in offices), (venue, names)
        assert "Assumed to continue" in cat.venue(venue).note


def test_surabaya_issues_a_legal_entitys_nib_for_its_clinics_pharmacies_shops_and_lpks() -> None:
    cat = onestop.builtin("surabaya")
    assert {s.id for s in cat.producers("nib")} == {"nib-umk", "nib-badan-usaha"}
    entity = cat.service("nib-badan-usaha")
    assert {"akta-pendirian-badan-usaha", "npwp-badan"} <= set(entity.requires.documents())
    holding = [d for d in adult(cat) if d != "nib"]
    for sid in ("izin-klinik", "izin-apotek", "izin-lpk", "iuts"):
        assert "nib" in cat.service(sid).requires.documents()
        plan = onestop.plan(cat, [sid], holding=holding, start=START)
        assert services_of(plan) & {"nib-umk", "nib-badan-usaha"}, sid


def test_surabayas_dukcapil_desk_gives_one_account_of_its_cards_and_family_cards() -> None:
    cat = onestop.builtin("surabaya")
    desk = cat.counter("siola-dispendukcapil")
    cards = [cat.service(s) for s in desk.services]
    cards = [s for s in cards if {"ktp-el", "kk", "kia"} & set(s.produces)]
    assert {"ktp-el-baru", "kk-perubahan", "kia", "ktp-el-ganti-rusak"} <= {s.id for s in cards}
    for service in cards:
        assert service.pickup == "delivered", service.id  # to the kelurahan, or e-signed
        assert "surabaya" in (service.source or ""), service.id
    promised = ("ktp-el-ganti-hilang", "ktp-el-ganti-rusak", "kk-perubahan", "kia", "akta-kematian")
    assert {cat.service(s).working_days for s in promised} == {1}  # the 1x24-hour promise


def test_surabayas_route_permit_takes_dishubs_own_list_with_a_vehicle_pool_and_no_ktp() -> None:
    cat = onestop.builtin("surabaya")
    route = cat.service("izin-trayek")
    needs = set(route.requires.documents())
    assert {"izin-usaha-angkutan", "stnk", "bukti-lulus-uji-berkala", "sertifikat-tanah"} <= needs
    assert "ktp-el" not in needs  # Tabanan's list asked for it; Surabaya's does not
    assert "dishub.surabaya.go.id" in (route.source or "")
    operator = ["npwp", "akta-pendirian", "surat-keterangan-domisili"]
    holding = [*operator, "stnk", "bukti-lulus-uji-berkala", "persetujuan-pemilik-lahan"]
    plan = onestop.plan(cat, ["izin-trayek"], holding=holding, start=START)
    assert services_of(plan) == {"izin-usaha-angkutan", "izin-trayek"}


def test_surabaya_gives_a_kitas_holder_turning_permanent_the_foreigners_ktp_el_and_kk() -> None:
    cat = onestop.builtin("surabaya")
    change = cat.service("perubahan-status-itas-itap")
    assert set(change.produces) == {"ktp-el", "kk"}
    assert "skck" not in change.requires.documents()  # the 2011 report's SKCK is gone
    holding = ["paspor", "izin-tinggal-tetap", "surat-penjamin-orang-asing", "sktt"]
    plan = onestop.plan(cat, ["perubahan-status-itas-itap"], holding=holding, start=START)
    assert services_of(plan) == {"perubahan-status-itas-itap"}
    assert plan.finish == calendar.add_working_days(cat, START, 7)


def test_surabayas_traffic_fine_desk_at_siola_is_kejari_tanjung_peraks_and_asks_the_ktp() -> None:
    cat = onestop.builtin("surabaya")
    desk = cat.counter("siola-kejaksaan")
    assert cat.agency(cat.service(desk.services[0]).agency).short_name == "Kejari Tanjung Perak"
    fine = cat.service("pengambilan-barang-bukti-tilang")
    assert set(fine.requires.documents()) == {"surat-tilang", "ktp-el"}
