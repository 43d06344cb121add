"""Requirement expressions: evaluation, the documents they mention, their plain-data form."""

from __future__ import annotations

import pickle
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import onestop
from onestop import AllOf, AnyOf, Doc
from onestop.requirements import NOTHING

DOCS = ["a", "b", "c", "d"]
BIRTH = AllOf(
    (
        Doc("kk"),
        AnyOf((Doc("buku-nikah"), Doc("akta-perkawinan"))),
        AnyOf((Doc("surat-keterangan-lahir"), AllOf((Doc("sptjm"), Doc("ktp-saksi"))))),
    )
)


# ------------------------------------------------------------------ evaluation
@pytest.mark.parametrize(
    ("held", "expected"),
    [
        ({"kk", "buku-nikah", "surat-keterangan-lahir"}, True),
        ({"kk", "akta-perkawinan", "sptjm", "ktp-saksi"}, True),
        ({"kk", "akta-perkawinan", "sptjm"}, False),  # half of an all-of alternative
        ({"buku-nikah", "surat-keterangan-lahir"}, False),  # no KK
        ({"kk", "surat-keterangan-lahir"}, False),  # no marriage document
        (set(), False),
    ],
)
def test_satisfied_by_follows_all_of_and_any_of(held: set[str], expected: bool) -> None:
    assert BIRTH.satisfied_by(held) is expected


def test_an_empty_all_of_needs_nothing_and_is_the_default() -> None:
    assert AllOf().satisfied_by(set())
    assert AllOf() == NOTHING
    assert onestop.Service(id="s", name="S", agency="a").requires == NOTHING


def test_satisfied_by_accepts_any_collection() -> None:
    req = AllOf((Doc("kk"), Doc("ktp-el")))
    assert req.satisfied_by(["ktp-el", "kk"])
    assert req.satisfied_by(frozenset({"kk", "ktp-el", "npwp"}))
    assert not req.satisfied_by(("kk",))


def test_documents_are_sorted_and_without_repeats() -> None:
    req = AllOf((Doc("kk"), AnyOf((Doc("akta"), Doc("kk"))), Doc("akta")))
    assert req.documents() == ("akta", "kk")
    assert tuple(req.iter_documents()) == ("kk", "akta", "kk", "akta")
    assert BIRTH.documents() == (
        "akta-perkawinan",
        "buku-nikah",
        "kk",
        "ktp-saksi",
        "sptjm",
        "surat-keterangan-lahir",
    )
    assert Doc("kk").documents() == ("kk",)
    assert AllOf().documents() == ()


def test_to_data_writes_lists_for_all_of_and_mappings_for_any_of() -> None:
    assert BIRTH.to_data() == [
        "kk",
        {"any_of": ["buku-nikah", "akta-perkawinan"]},
        {"any_of": ["surat-keterangan-lahir", ["sptjm", "ktp-saksi"]]},
    ]
    assert Doc("kk").to_data() == "kk"
    assert AllOf().to_data() == []


def test_str_reads_as_a_sentence() -> None:
    assert str(BIRTH) == (
        "kk and (buku-nikah or akta-perkawinan)"
        " and (surat-keterangan-lahir or (sptjm and ktp-saksi))"
    )
    assert str(AllOf()) == "nothing"
    assert str(AnyOf((Doc("kk"),))) == "kk"


def test_requirements_compare_and_hash_by_value() -> None:
    assert AllOf((Doc("kk"),)) == AllOf((Doc("kk"),))
    assert hash(AllOf((Doc("kk"),))) == hash(AllOf((Doc("kk"),)))
    assert AllOf((Doc("kk"),)) != AnyOf((Doc("kk"),))
    assert AllOf((Doc("kk"), Doc("akta"))) != AllOf((Doc("akta"), Doc("kk")))
    assert len({BIRTH, pickle.loads(pickle.dumps(BIRTH))}) == 1


def test_requirements_are_frozen() -> None:
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        Doc("kk").id = "ktp-el"  # type: ignore[misc]
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        BIRTH.items = ()  # type: ignore[misc]


# ---------------------------------------------------- reading from a catalogue
def requires_of(requires: Any) -> onestop.Requirement:
    data = {
        "format": "onestop/1",
        "id": "demo",
        "name": "Demo",
        "agencies": [{"id": "a", "name": "A", "level": "city"}],
        "documents": [{"id": d, "name": d} for d in ("kk", "akta", "ktp-el", *DOCS)],
        "services": [{"id": "s", "name": "S", "agency": "a", "requires": requires}],
        "venues": [{"id": "v", "name": "V", "kind": "online"}],
        "counters": [{"id": "c", "venue": "v", "services": ["s"]}],
    }
    return onestop.from_dict(data).service("s").requires


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ("kk", Doc("kk")),
        (["kk"], AllOf((Doc("kk"),))),
        ({"all_of": ["kk", "akta"]}, AllOf((Doc("kk"), Doc("akta")))),
        ({"any_of": ["kk", "akta"]}, AnyOf((Doc("kk"), Doc("akta")))),
        (None, AllOf()),
        ([], AllOf()),
        (
            ["kk", {"any_of": ["akta", {"all_of": ["ktp-el", ["kk"]]}]}],
            AllOf(
                (
                    Doc("kk"),
                    AnyOf((Doc("akta"), AllOf((Doc("ktp-el"), AllOf((Doc("kk"),)))))),
                )
            ),
        ),
    ],
)
def test_plain_data_is_read_into_requirement_objects(data: Any, expected: Any) -> None:
    assert requires_of(data) == expected


# ----------------------------------------------------------------- property
TREES: st.SearchStrategy[Any] = st.recursive(
    st.sampled_from(DOCS).map(Doc),
    lambda inner: st.one_of(
        st.lists(inner, max_size=3).map(lambda xs: AllOf(tuple(xs))),
        st.lists(inner, min_size=1, max_size=3).map(lambda xs: AnyOf(tuple(xs))),
    ),
    max_leaves=10,
)


def reference(req: Any, held: set[str]) -> bool:
    if isinstance(req, Doc):
        return req.id in held
    results = [reference(item, held) for item in req.items]
    return all(results) if isinstance(req, AllOf) else any(results)


def leaves(req: Any) -> list[str]:
    if isinstance(req, Doc):
        return [req.id]
    return [leaf for item in req.items for leaf in leaves(item)]


@settings(max_examples=150)
@given(TREES, st.sets(st.sampled_from(DOCS)), st.sets(st.sampled_from(DOCS)))
def test_evaluation_matches_a_reference_and_is_monotone(
    req: Any, held: set[str], more: set[str]
) -> None:
    assert req.satisfied_by(held) is reference(req, held)
    if req.satisfied_by(held):
        assert req.satisfied_by(held | more)
    assert req.satisfied_by(set(req.documents())) is reference(req, set(DOCS))
    assert req.documents() == tuple(sorted(set(leaves(req))))
    assert list(req.iter_documents()) == leaves(req)


@settings(max_examples=100, deadline=None)
@given(TREES)
def test_to_data_is_read_back_to_an_equal_requirement(req: Any) -> None:
    data = req.to_data()
    again = requires_of(data)
    assert again == req
    assert again.to_data() == data
