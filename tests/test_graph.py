"""The dependency graph: nodes, edges, prerequisites, cycles, Mermaid and DOT."""

from __future__ import annotations

from typing import Any

import pytest

import onestop
from onestop import graph


def catalogue_data() -> dict[str, Any]:
    return {
        "format": "onestop/1",
        "id": "kota",
        "name": "Kota",
        "agencies": [{"id": "dukcapil", "name": "Dukcapil", "level": "city"}],
        "documents": [
            {"id": "kk", "name": "Kartu Keluarga"},
            {"id": "ktp-el", "name": "KTP-el"},
            {"id": "akta", "name": 'Akta "kelahiran"'},
            {"id": "sktlk", "name": "Laporan kehilangan"},
            {"id": "unused", "name": "Not asked for, not produced"},
        ],
        "services": [
            {"id": "ktp", "name": "KTP-el baru", "agency": "dukcapil", "requires": ["kk"],
             "produces": ["ktp-el"]},
            {"id": "kk-ganti", "name": "KK ganti", "agency": "dukcapil",
             "requires": ["ktp-el", {"any_of": ["sktlk", "kk"]}], "produces": ["kk"]},
            {"id": "lapor", "name": "Lapor hilang", "agency": "dukcapil", "produces": ["sktlk"]},
            # A service that shares its id with a document.
            {"id": "akta", "name": "Akta", "agency": "dukcapil",
             "requires": {"any_of": [["kk", "ktp-el"], "sktlk"]}, "produces": ["akta"]},
        ],
        "venues": [{"id": "mpp", "name": "MPP", "kind": "mpp"}],
        "counters": [{"id": "loket", "venue": "mpp", "services": ["ktp"]}],
    }  # fmt: skip


@pytest.fixture(scope="module")
def kota() -> onestop.Catalogue:
    return onestop.from_dict(catalogue_data())


@pytest.fixture(scope="module")
def probolinggo() -> onestop.Catalogue:
    return onestop.builtin("probolinggo")


def doc(ident: str) -> graph.Node:
    return ("document", ident)


def svc(ident: str) -> graph.Node:
    return ("service", ident)


# -------------------------------------------------------------------- graph
def test_every_document_and_service_is_a_node_with_kind_and_label(
    kota: onestop.Catalogue,
) -> None:
    g = graph.dependency_graph(kota)
    assert set(g.nodes) == {
        doc("kk"), doc("ktp-el"), doc("akta"), doc("sktlk"), doc("unused"),
        svc("ktp"), svc("kk-ganti"), svc("lapor"), svc("akta"),
    }  # fmt: skip
    assert g.nodes[doc("kk")] == {"kind": "document", "label": "Kartu Keluarga"}
    assert g.nodes[svc("akta")] == {"kind": "service", "label": "Akta"}
    assert g.nodes[doc("akta")]["label"] == 'Akta "kelahiran"'


def test_edges_go_from_required_documents_and_to_produced_ones(
    kota: onestop.Catalogue,
) -> None:
    g = graph.dependency_graph(kota)
    requires = {(a, b): g.edges[a, b]["any_of"] for a, b in g.edges if a[0] == "document"}
    assert requires == {
        (doc("kk"), svc("ktp")): False,
        (doc("ktp-el"), svc("kk-ganti")): False,
        (doc("sktlk"), svc("kk-ganti")): True,
        (doc("kk"), svc("kk-ganti")): True,
        (doc("kk"), svc("akta")): True,  # an all-of inside an any_of is still optional
        (doc("ktp-el"), svc("akta")): True,
        (doc("sktlk"), svc("akta")): True,
    }
    produces = {(a, b) for a, b in g.edges if a[0] == "service"}
    assert produces == {
        (svc("ktp"), doc("ktp-el")),
        (svc("kk-ganti"), doc("kk")),
        (svc("lapor"), doc("sktlk")),
        (svc("akta"), doc("akta")),
    }


def test_catalogue_graph_method_is_a_fresh_dependency_graph(kota: onestop.Catalogue) -> None:
    g = graph.dependency_graph(kota)
    g.remove_node(doc("kk"))
    again = graph.dependency_graph(kota)
    assert doc("kk") in again
    assert set(again.edges) == set(graph.dependency_graph(kota).edges)


def test_builtin_graph_flags_any_of_edges(probolinggo: onestop.Catalogue) -> None:
    g = graph.dependency_graph(probolinggo)
    assert g.edges[doc("kk"), svc("kia")]["any_of"] is False
    assert g.edges[doc("buku-nikah"), svc("akta-kelahiran")]["any_of"] is True
    assert g.edges[doc("ktp-saksi"), svc("akta-kelahiran")]["any_of"] is True
    assert g.has_edge(svc("akta-kelahiran"), doc("kia"))


def test_a_document_needed_outright_is_not_flagged_any_of_whatever_the_order() -> None:
    flags = []
    for requires in (["kk", {"any_of": ["kk", "sktlk"]}], [{"any_of": ["kk", "sktlk"]}, "kk"]):
        data = catalogue_data()
        data["services"][0]["requires"] = requires
        g = graph.dependency_graph(onestop.from_dict(data))
        flags.append(g.edges[doc("kk"), svc("ktp")]["any_of"])
    assert flags == [False, False]


# ------------------------------------------------------------ prerequisites
def test_prerequisites_are_transitive_and_exclude_the_service_itself(
    kota: onestop.Catalogue,
) -> None:
    pre = graph.prerequisites(kota, "ktp")
    assert pre == graph.Prerequisites(
        service="ktp", documents=("kk", "ktp-el", "sktlk"), services=("kk-ganti", "lapor")
    )
    assert graph.prerequisites(kota, "ktp") == pre


def test_prerequisites_of_a_service_needing_nothing_are_empty(kota: onestop.Catalogue) -> None:
    assert graph.prerequisites(kota, "lapor") == graph.Prerequisites("lapor", (), ())


def test_prerequisites_include_every_alternative(kota: onestop.Catalogue) -> None:
    pre = graph.prerequisites(kota, "akta")
    assert pre.documents == ("kk", "ktp-el", "sktlk")
    assert pre.services == ("kk-ganti", "ktp", "lapor")
    assert "unused" not in pre.documents


def test_prerequisites_of_an_unknown_service_is_a_key_error(kota: onestop.Catalogue) -> None:
    with pytest.raises(KeyError, match=r"unknown service 'ktpp' \(did you mean 'ktp'\?\)"):
        graph.prerequisites(kota, "ktpp")


def test_builtin_kia_needs_the_birth_registration_transitively(
    probolinggo: onestop.Catalogue,
) -> None:
    pre = graph.prerequisites(probolinggo, "kia")
    assert {"akta-kelahiran", "kk-baru", "ktp-el-baru"} <= set(pre.services)
    assert {"akta-kelahiran", "kk", "surat-keterangan-lahir"} <= set(pre.documents)
    assert "kia" not in pre.services
    assert "paspor-baru" not in pre.services
    assert list(pre.services) == sorted(pre.services)
    assert list(pre.documents) == sorted(pre.documents)


# ------------------------------------------------------------------- cycles
def test_cycles_start_at_their_smallest_service_shortest_first(kota: onestop.Catalogue) -> None:
    assert graph.cycles(kota) == (
        (svc("kk-ganti"), doc("kk")),
        (svc("kk-ganti"), doc("kk"), svc("ktp"), doc("ktp-el")),
    )
    assert graph.cycles(kota) == graph.cycles(kota)


def test_a_catalogue_without_cycles_has_none() -> None:
    data = catalogue_data()
    data["services"][1]["requires"] = ["sktlk"]
    assert graph.cycles(onestop.from_dict(data)) == ()


def test_builtin_has_the_ktp_el_and_kk_cycle(probolinggo: onestop.Catalogue) -> None:
    found = graph.cycles(probolinggo)
    assert (
        svc("kk-hilang-rusak"),
        doc("kk"),
        svc("ktp-el-baru"),
        doc("ktp-el"),
    ) in found
    # Self-loops through one document: a KK change needs the KK it replaces.
    assert (svc("kk-perubahan"), doc("kk")) in found
    for cycle in found:
        services = [ident for kind, ident in cycle if kind == "service"]
        assert cycle[0] == svc(min(services))
        kinds = [kind for kind, _ in cycle]
        assert kinds == ["service", "document"] * (len(cycle) // 2)
    assert [len(c) for c in found] == sorted(len(c) for c in found)


def test_cycles_are_the_same_on_every_call_and_every_load(
    probolinggo: onestop.Catalogue,
) -> None:
    first = graph.cycles(probolinggo)
    assert graph.cycles(probolinggo) == first
    assert graph.cycles(onestop.loads(onestop.dumps(probolinggo, "json"), "json")) == first


# ---------------------------------------------------------------- exports
def test_mermaid_of_the_whole_graph(kota: onestop.Catalogue) -> None:
    lines = graph.to_mermaid(kota).splitlines()
    assert lines[0] == "flowchart LR"
    assert '    d_kk("Kartu Keluarga")' in lines
    assert "    d_akta(\"Akta 'kelahiran'\")" in lines  # double quotes would end the label
    assert '    s_kk_2d_ganti["KK ganti"]' in lines
    assert '    s_akta["Akta"]' in lines
    assert "    d_kk --> s_ktp" in lines
    assert "    d_sktlk -.-> s_kk_2d_ganti" in lines
    assert "    s_ktp --> d_ktp_2d_el" in lines
    assert '    d_unused("Not asked for, not produced")' in lines
    assert len(lines) == 1 + 9 + 11


def test_mermaid_of_one_service_keeps_only_what_it_may_need(kota: onestop.Catalogue) -> None:
    text = graph.to_mermaid(kota, service="ktp")
    assert "s_ktp[" in text
    assert "s_lapor[" in text
    assert "s_akta[" not in text
    assert "d_unused" not in text
    assert "d_akta(" not in text


def test_dot_of_the_whole_graph(kota: onestop.Catalogue) -> None:
    text = graph.to_dot(kota)
    lines = text.splitlines()
    assert lines[:2] == ['digraph "kota" {', "    rankdir=LR;"]
    assert lines[-1] == "}"
    assert '    "document:akta" [shape=ellipse, label="Akta \\"kelahiran\\""];' in lines
    assert '    "service:akta" [shape=box, label="Akta"];' in lines
    assert '    "document:sktlk" -> "service:kk-ganti" [style=dashed];' in lines
    assert '    "document:kk" -> "service:ktp";' in lines
    assert text.endswith("}\n")


def test_dot_of_one_service(kota: onestop.Catalogue) -> None:
    text = graph.to_dot(kota, service="lapor")
    assert '"service:lapor" [shape=box' in text
    assert '"service:lapor" -> "document:sktlk"' not in text  # sktlk is an output, not a need
    assert '"service:ktp"' not in text


@pytest.mark.parametrize("export", [graph.to_mermaid, graph.to_dot])
def test_exports_of_an_unknown_service_raise_key_error(
    kota: onestop.Catalogue, export: Any
) -> None:
    with pytest.raises(KeyError, match="unknown service"):
        export(kota, service="nope")


@pytest.mark.parametrize("export", [graph.to_mermaid, graph.to_dot])
def test_exports_are_deterministic(probolinggo: onestop.Catalogue, export: Any) -> None:
    reloaded = onestop.loads(onestop.dumps(probolinggo, "toml"), "toml")
    assert export(probolinggo) == export(reloaded)
    assert export(probolinggo, service="kia") == export(reloaded, service="kia")


def test_mermaid_node_ids_stay_distinct_for_distinct_ids() -> None:
    data = catalogue_data()
    data["documents"].append({"id": "ktp_el", "name": "Another document"})
    data["documents"].append({"id": "ktp.el", "name": "Yet another"})
    text = graph.to_mermaid(onestop.from_dict(data))
    node_ids = [line.split("(")[0].strip() for line in text.splitlines() if '("' in line]
    assert len(node_ids) == len(set(node_ids))
