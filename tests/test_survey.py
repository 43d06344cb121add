"""The satisfaction index (IKM) as rules.md section 1 computes it, to the letter."""

from __future__ import annotations

import json
import math
import pickle
from decimal import ROUND_HALF_UP, Decimal, localcontext
from fractions import Fraction
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from onestop.survey import (
    ELEMENTS,
    SurveyError,
    grade,
    ikm,
    ikm_by,
    sample_size,
)

# rules.md 1.7: rows R1-R4, columns U1-U9 in the order of 1.2.
WORKED = [
    (4, 3, 3, 4, 3, 4, 4, 3, 3),
    (3, 3, 2, 4, 3, 3, 4, 3, 2),
    (4, 4, 3, 4, 4, 4, 4, 4, 3),
    (3, 2, 3, 4, 3, 3, 3, 3, 3),
]


def rows_of(table: list[tuple[int, ...]]) -> list[dict[str, int]]:
    return [dict(zip(ELEMENTS, row, strict=True)) for row in table]


def uniform(answer: int, respondents: int = 1) -> list[dict[str, int]]:
    return [dict.fromkeys(ELEMENTS, answer) for _ in range(respondents)]


# A straightforward reference: NRR per element as plain sums over lists, the
# score as 25 x mean NRR, rounded by decimal's own ROUND_HALF_UP.
def reference_score(rows: list[dict[str, Any]]) -> tuple[Decimal, str]:
    nrr = []
    for element in ELEMENTS:
        given = [row[element] for row in rows if isinstance(row.get(element), int)]
        nrr.append(Fraction(sum(given), len(given)))
    exact = 25 * sum(nrr, Fraction(0)) / 9
    with localcontext() as ctx:
        ctx.prec = 60
        printed = (Decimal(exact.numerator) / Decimal(exact.denominator)).quantize(
            Decimal("0.01"), rounding=ROUND_HALF_UP
        )
    if printed < Decimal("65.00"):
        letter = "D"
    elif printed < Decimal("76.61"):
        letter = "C"
    elif printed < Decimal("88.31"):
        letter = "B"
    else:
        letter = "A"
    return printed, letter


def test_the_nine_elements_in_the_rules_order() -> None:
    assert ELEMENTS == (
        "persyaratan",
        "prosedur",
        "waktu",
        "biaya",
        "produk",
        "kompetensi",
        "perilaku",
        "pengaduan",
        "sarana",
    )


def test_worked_example_of_rules_1_7() -> None:
    rows = rows_of(WORKED)
    # Cross-check of the example itself: column totals and row sums both give 119.
    assert sum(sum(r) for r in WORKED) == 119
    result = ikm(rows)
    assert [e.total for e in result.elements] == [14, 12, 11, 16, 13, 14, 15, 13, 11]
    assert sum(e.mean for e in result.elements) == Fraction(2975, 100)
    assert result.exact_score == Fraction(2975, 36)
    assert result.index == Decimal("3.3056")
    assert result.score == Decimal("82.64")
    assert (result.grade, result.label) == ("B", "Baik")
    assert result.respondents == 4
    assert result.warnings == ()


def test_worked_example_with_the_rounded_weights() -> None:
    rows = rows_of(WORKED)
    w111 = ikm(rows, weights="0.111")
    assert w111.exact_score == Fraction("82.55625")
    assert (w111.score, w111.index, w111.grade) == (Decimal("82.56"), Decimal("3.3023"), "B")
    w11 = ikm(rows, weights="0.11")
    assert w11.exact_score == Fraction("81.8125")
    assert (w11.score, w11.index, w11.grade) == (Decimal("81.81"), Decimal("3.2725"), "B")


def test_weakest_elements_of_the_worked_example_grade_c() -> None:
    result = ikm(rows_of(WORKED))
    for name in ("waktu", "sarana"):
        element = next(e for e in result.elements if e.name == name)
        assert element.mean == Fraction(11, 4)
        assert (element.score, element.grade) == (Decimal("68.75"), "C")


def test_extremes_and_the_cost_of_rounded_weights() -> None:
    assert (ikm(uniform(4)).score, ikm(uniform(4)).grade) == (Decimal("100.00"), "A")
    assert ikm(uniform(4), weights="0.111").score == Decimal("99.90")
    assert ikm(uniform(4), weights="0.11").score == Decimal("99.00")
    assert (ikm(uniform(1)).score, ikm(uniform(1)).grade) == (Decimal("25.00"), "D")


def test_unknown_weights_are_refused() -> None:
    with pytest.raises(ValueError, match="unknown weights '1/9'"):
        ikm(uniform(3), weights="1/9")  # type: ignore[arg-type]


BOUNDARIES = [
    ("25.00", "D", "Tidak baik"),
    ("64.99", "D", "Tidak baik"),
    ("65.00", "C", "Kurang baik"),
    ("76.60", "C", "Kurang baik"),
    ("76.61", "B", "Baik"),
    ("88.30", "B", "Baik"),
    ("88.31", "A", "Sangat baik"),
    ("100.00", "A", "Sangat baik"),
]


@pytest.mark.parametrize(
    "score", [Decimal("24.99"), Decimal("100.01"), Fraction(-1), Fraction(999)]
)
def test_grade_refuses_a_score_outside_25_to_100(score: Decimal | Fraction) -> None:
    with pytest.raises(ValueError, match=r"outside 25-100, the range of the converted score"):
        grade(score)


def test_non_canonical_weights_still_grade_an_all_1_survey_below_25() -> None:
    # 9 x 0.111 = 0.999: an all-1 survey scores 24.975, as old reports print it.
    result = ikm(uniform(1), weights="0.111")
    assert (result.score, result.grade) == (Decimal("24.98"), "D")
    assert ikm(uniform(1), weights="0.11").grade == "D"


@pytest.mark.parametrize(("score", "letter", "label"), BOUNDARIES)
def test_grade_at_every_published_boundary(score: str, letter: str, label: str) -> None:
    assert grade(Decimal(score)) == (letter, label)


def survey_scoring(target: Decimal) -> list[dict[str, int]]:
    """The smallest all-answered survey whose score prints as ``target``."""
    for n in range(1, 5000):
        cells = 9 * n
        for total in range(cells, 4 * cells + 1):
            if reference_score_of_total(total, n) == target:
                low, extra = divmod(total, cells)
                flat = [low + 1] * extra + [low] * (cells - extra)
                return [dict(zip(ELEMENTS, flat[i * 9 : i * 9 + 9], strict=True)) for i in range(n)]
    raise AssertionError(f"no survey of under 5000 respondents scores {target}")


def reference_score_of_total(total: int, respondents: int) -> Decimal:
    exact = Fraction(25 * total, 9 * respondents)
    with localcontext() as ctx:
        ctx.prec = 60
        return (Decimal(exact.numerator) / Decimal(exact.denominator)).quantize(
            Decimal("0.01"), rounding=ROUND_HALF_UP
        )


@pytest.mark.parametrize(("score", "letter", "label"), BOUNDARIES)
def test_a_survey_scoring_each_boundary_gets_its_grade(score: str, letter: str, label: str) -> None:
    result = ikm(survey_scoring(Decimal(score)))
    assert result.score == Decimal(score)
    assert (result.grade, result.label) == (letter, label)


@pytest.mark.parametrize(
    ("exact", "letter"),
    [
        (Fraction("64.994999"), "D"),
        (Fraction("64.995"), "C"),
        (Fraction("76.604999"), "C"),
        (Fraction("76.605"), "B"),
        (Fraction("88.304999"), "B"),
        (Fraction("88.305"), "A"),
    ],
)
def test_unrounded_scores_grade_as_they_print(exact: Fraction, letter: str) -> None:
    assert grade(exact)[0] == letter


def test_a_missing_answer_leaves_that_element_out_for_that_respondent() -> None:
    rows: list[dict[str, Any]] = rows_of(WORKED)
    rows[0] = {k: v for k, v in rows[0].items() if k != "waktu"}  # key absent
    rows[1]["sarana"] = None
    rows[2]["biaya"] = math.nan
    result = ikm(rows)
    assert result.mean("waktu") == Fraction(2 + 3 + 3, 3)
    assert result.mean("sarana") == Fraction(3 + 3 + 3, 3)
    assert result.mean("biaya") == 4
    assert result.mean("persyaratan") == Fraction(14, 4)
    assert [e.answers for e in result.elements] == [4, 4, 3, 3, 4, 4, 4, 4, 3]
    assert result.respondents == 4
    assert (result.score, result.grade) == reference_score(rows)


def test_a_row_answering_nothing_is_not_counted_and_is_said() -> None:
    result = ikm([*uniform(3, 2), {}, dict.fromkeys(ELEMENTS)])
    assert result.respondents == 2
    assert result.warnings == (
        "row 3 answered no element; not counted",
        "row 4 answered no element; not counted",
    )


def test_answers_are_keyed_by_name_not_position() -> None:
    rows = [dict(reversed(list(row.items()))) for row in rows_of(WORKED)]
    assert ikm(rows) == ikm(rows_of(WORKED))


def test_every_bad_answer_is_reported_with_row_and_element() -> None:
    rows: list[dict[str, Any]] = uniform(3, 6)
    rows[0]["waktu"] = 5
    rows[1]["biaya"] = 0
    rows[2]["produk"] = "3"
    rows[3]["sarana"] = 3.5
    rows[4]["perilaku"] = True
    rows[5]["perilak"] = 4
    with pytest.raises(SurveyError) as info:
        ikm(rows)
    assert [str(p) for p in info.value.problems] == [
        "row 1, waktu: answer 5 is not one of 1, 2, 3, 4",
        "row 2, biaya: answer 0 is not one of 1, 2, 3, 4",
        "row 3, produk: answer '3' is text, not one of 1, 2, 3, 4 (read files with read_csv)",
        "row 4, sarana: answer 3.5 is not one of 1, 2, 3, 4",
        "row 5, perilaku: answer True is not one of 1, 2, 3, 4",
        "row 6, perilak: unknown element (did you mean 'perilaku'?)",
    ]
    assert isinstance(info.value, ValueError)


def test_an_unknown_element_is_reported_once() -> None:
    rows = [row | {"umur": 30} for row in uniform(3, 3)]
    with pytest.raises(SurveyError) as info:
        ikm(rows)
    assert [str(p) for p in info.value.problems] == [
        "row 1, umur: unknown element: not one of the nine elements; to group by it, use ikm_by "
        "(onestop ikm --by)"
    ]


def test_an_element_nobody_answered_makes_the_index_undefined() -> None:
    rows = [
        {k: v for k, v in row.items() if k not in ("pengaduan", "sarana")} for row in uniform(4, 3)
    ]
    with pytest.raises(SurveyError) as info:
        ikm(rows)
    assert [p.path for p in info.value.problems] == ["pengaduan", "sarana"]
    assert "nobody answered this element" in str(info.value)


def test_no_respondents_is_an_error() -> None:
    with pytest.raises(SurveyError, match="no respondent answered any element"):
        ikm([])


def test_responses_must_be_rows_of_mappings() -> None:
    with pytest.raises(TypeError, match="iterable of mappings"):
        ikm(dict.fromkeys(ELEMENTS, 3))
    with pytest.raises(TypeError, match="row 2: expected a mapping"):
        ikm([dict.fromkeys(ELEMENTS, 3), [3] * 9])


# rules.md 1.8: every published row checked there.
KREJCIE_MORGAN = [
    (10, 10),
    (15, 14),
    (20, 19),
    (25, 24),
    (30, 28),
    (50, 44),
    (100, 80),
    (110, 86),
    (220, 140),
    (300, 169),
    (340, 181),
    (1200, 291),
    (1500, 306),
    (2000, 322),
    (2200, 327),
    (1_000_000, 384),
]


@pytest.mark.parametrize(("population", "minimum"), KREJCIE_MORGAN)
def test_sample_size_reproduces_the_krejcie_morgan_table(population: int, minimum: int) -> None:
    assert sample_size(population) == minimum


@pytest.mark.parametrize("population", [0, -5, 2.5, "100", True])
def test_sample_size_refuses_what_is_not_a_population(population: Any) -> None:
    with pytest.raises(ValueError, match="population must be"):
        sample_size(population)


def test_too_few_respondents_is_a_warning_never_a_refusal() -> None:
    result = ikm(rows_of(WORKED), population=100)
    assert result.score == Decimal("82.64")
    assert (result.population, result.minimum, result.below_minimum) == (100, 80, True)
    assert result.warnings == (
        "4 respondents are below the Krejcie-Morgan minimum of 80 for a population of 100 "
        "(rules.md 1.8)",
    )
    enough = ikm(uniform(3, 10), population=10)
    assert (enough.minimum, enough.below_minimum, enough.warnings) == (10, False, ())
    assert not ikm(uniform(3)).below_minimum


answer = st.one_of(st.none(), st.integers(1, 4))
survey_rows = st.lists(st.fixed_dictionaries(dict.fromkeys(ELEMENTS, answer)), min_size=1)


@given(survey_rows)
def test_ikm_agrees_with_a_straightforward_reference(rows: list[dict[str, int | None]]) -> None:
    answered = {e for e in ELEMENTS if any(row[e] is not None for row in rows)}
    if answered != set(ELEMENTS):
        with pytest.raises(SurveyError):
            ikm(rows)
        return
    result = ikm(rows)
    assert (result.score, result.grade) == reference_score(rows)
    assert Decimal(25) <= result.score <= Decimal(100)
    assert result.index * 25 - result.score <= Decimal("0.01")


def test_results_are_frozen_picklable_and_json_ready() -> None:
    result = ikm(rows_of(WORKED), population=100)
    assert pickle.loads(pickle.dumps(result)) == result
    with pytest.raises(AttributeError):
        result.score = Decimal(0)  # type: ignore[misc]
    data = json.loads(json.dumps(result.to_dict()))
    assert data["score"] == 82.64
    assert data["index"] == 3.3056
    assert data["exact_score"] == "2975/36"
    assert data["elements"]["waktu"] == {"answers": 4, "mean": "11/4", "score": 68.75, "grade": "C"}
    assert list(data["elements"]) == list(ELEMENTS)


def test_mean_by_an_unknown_name_suggests() -> None:
    with pytest.raises(KeyError, match="did you mean 'sarana'"):
        ikm(uniform(3)).mean("sarna")


def test_explain_prints_score_grade_elements_and_warnings() -> None:
    text = ikm(rows_of(WORKED), weights="0.111", population=100).explain()
    lines = text.splitlines()
    assert lines[0] == "IKM 82.56 (B, Baik) from 4 respondents; index 3.3023"
    assert lines[1] == "weights 0.111 (non-canonical: the rule's weight is 1/9)"
    assert "  waktu              4  2.7500   68.75  C" in lines
    assert lines[-1].startswith("warning: 4 respondents are below")


def test_ikm_by_groups_in_sorted_order() -> None:
    rows = [
        *(row | {"counter": "samsat"} for row in rows_of(WORKED)),
        *(row | {"counter": "dukcapil"} for row in uniform(4, 2)),
    ]
    results = ikm_by(rows, "counter", population={"samsat": 100})
    assert list(results) == ["dukcapil", "samsat"]
    assert results["samsat"] == ikm(rows_of(WORKED), population=100)
    assert results["dukcapil"].score == Decimal("100.00")
    assert results["dukcapil"].minimum is None


def test_ikm_by_reports_rows_without_group_and_groups_missing_an_element() -> None:
    rows: list[dict[str, Any]] = [row | {"counter": "a"} for row in uniform(3, 2)]
    rows.append(dict.fromkeys(ELEMENTS, 2))
    with pytest.raises(SurveyError) as info:
        ikm_by(rows, "counter")
    assert [str(p) for p in info.value.problems] == [
        "row 3, counter: no value to group by 'counter'"
    ]
    rows[2] = {"counter": "b", "waktu": 2}
    with pytest.raises(SurveyError) as info:
        ikm_by(rows, "counter")
    assert info.value.problems[0].path == "counter 'b', persyaratan"
    assert len(info.value.problems) == 8


def test_ikm_by_an_element_is_refused() -> None:
    with pytest.raises(ValueError, match="cannot group by 'waktu'"):
        ikm_by(uniform(3), "waktu")


def test_survey_error_pickles_with_its_problems_and_source() -> None:
    with pytest.raises(SurveyError) as info:
        ikm([{"waktu": 9}])
    error = SurveyError(info.value.problems, source="survey.csv")
    again = pickle.loads(pickle.dumps(error))
    assert (again.problems, again.source, str(again)) == (error.problems, "survey.csv", str(error))
    assert str(again).startswith("survey.csv: 1 problem in the survey answers\n  row 1, waktu:")


@given(
    st.lists(
        st.tuples(st.sampled_from("abc"), st.lists(st.integers(1, 4), min_size=9, max_size=9)),
        min_size=1,
    )
)
def test_ikm_by_is_ikm_of_each_groups_rows(rows: list[tuple[str, list[int]]]) -> None:
    answers = [dict(zip(ELEMENTS, row, strict=True)) | {"counter": key} for key, row in rows]
    groups = ikm_by(answers, "counter")
    assert list(groups) == sorted({key for key, _ in rows})
    for key, result in groups.items():
        mine = [dict(zip(ELEMENTS, row, strict=True)) for k, row in rows if k == key]
        assert result == ikm(mine)
