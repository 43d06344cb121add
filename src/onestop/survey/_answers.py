"""Survey answers in, checked rows out: every problem at once, each naming row and element.

Rows are respondents. A row is a mapping from element name to an answer 1-4;
a missing key, ``None`` or NaN leaves that element out for that respondent
(``rules.md`` 1.5). Rows of an iterable are numbered from 1 (``row 1`` is the
first respondent); rows of a pandas DataFrame are named by their index label.
"""

from __future__ import annotations

import math
import numbers
import sys
from collections.abc import Hashable, Iterable, Iterator, Mapping
from typing import Any

import attrs

from onestop._suggest import did_you_mean
from onestop.errors import Problem, SurveyError
from onestop.survey._scale import ANSWERS, ELEMENTS

_NAMES = frozenset(ELEMENTS)


@attrs.frozen
class Row:
    """One respondent's checked answers."""

    name: str
    """How problems name the row: ``row 3``."""
    answers: tuple[int | None, ...]
    """One answer per element of :data:`ELEMENTS`, in that order; ``None`` if not answered."""
    group: Hashable = None
    """The value of the grouping column, when grouping."""


def is_frame(responses: Any) -> bool:
    """Whether ``responses`` is a pandas DataFrame (without importing pandas)."""
    pandas = sys.modules.get("pandas")  # a DataFrame means pandas is already imported
    return pandas is not None and isinstance(responses, pandas.DataFrame)


def _records(responses: Any) -> Iterator[tuple[str, Mapping[Any, Any]]]:
    """Each row's name and mapping, from an iterable of mappings or a DataFrame."""
    if is_frame(responses):
        frame = responses.astype(object).where(responses.notna(), None)
        for label, record in zip(frame.index, frame.to_dict("records"), strict=True):
            yield f"row {label}", record
        return
    if isinstance(responses, Mapping | str | bytes):
        raise TypeError("responses must be an iterable of mappings (one per respondent)")
    for number, record in enumerate(responses, start=1):
        if not isinstance(record, Mapping):
            raise TypeError(
                f"row {number}: expected a mapping of element to answer, got {record!r}"
            )
        yield f"row {number}", record


def _answer(value: Any) -> int | str | None:
    """The answer 1-4, ``None`` when missing, or why the value is not an answer."""
    # The usual answer first, before the abstract-class checks below: 1.43 s -> 0.23 s
    # over 900,000 answers, ikm() on 100,000 rows about 2.5 s -> 1.7 s (bench_survey.py).
    if type(value) is int and value in ANSWERS:
        return value
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, bool):
        return f"answer {value!r} is not one of 1, 2, 3, 4"
    if isinstance(value, numbers.Integral):
        number = int(value)
    elif isinstance(value, float) and value.is_integer():
        number = int(value)  # pandas stores an int column with gaps as floats
    elif isinstance(value, str):
        return f"answer {value!r} is text, not one of 1, 2, 3, 4 (read files with read_csv)"
    else:
        return f"answer {value!r} is not one of 1, 2, 3, 4"
    if number not in ANSWERS:
        return f"answer {number} is not one of 1, 2, 3, 4"
    return number


def _check(
    name: str, record: Mapping[Any, Any], by: str | None, problems: list[Problem], unknown: set[str]
) -> Row | None:
    """The row's answers, adding its problems to ``problems``."""
    known = len(problems)
    for key in record:
        if key != by and key not in _NAMES and str(key) not in unknown:
            unknown.add(str(key))  # reported once, at the first row that has it
            hint = did_you_mean(str(key), ELEMENTS) or (
                ": not one of the nine elements; to group by it, use ikm_by (onestop ikm --by)"
            )
            problems.append(Problem(f"{name}, {key}", f"unknown element{hint}"))
    answers: list[int | None] = []
    for element in ELEMENTS:
        answer = _answer(record.get(element))
        if isinstance(answer, str):
            problems.append(Problem(f"{name}, {element}", answer))
            answer = None
        answers.append(answer)
    group = None
    if by is not None:
        group = record.get(by)
        if group is None or group == "":
            problems.append(Problem(f"{name}, {by}", f"no value to group by {by!r}"))
    return Row(name, tuple(answers), group) if len(problems) == known else None


def check_rows(responses: Any, by: str | None = None) -> tuple[Row, ...]:
    """Every row's answers checked.

    Raises
    ------
    SurveyError
        With every problem found: answers outside 1-4, unknown element names
        (with a did-you-mean), rows without a group when grouping.
    """
    if by is not None and by in ELEMENTS:
        raise ValueError(f"cannot group by {by!r}: it is an element of the survey")
    problems: list[Problem] = []
    unknown: set[str] = set()
    rows = [_check(name, record, by, problems, unknown) for name, record in _records(responses)]
    if problems:
        raise SurveyError(problems)
    return tuple(row for row in rows if row is not None)


def element_totals(rows: Iterable[Row]) -> tuple[tuple[int, int], ...]:
    """For each element, in order: how many answered it and the sum of their answers."""
    counts = [0] * len(ELEMENTS)
    sums = [0] * len(ELEMENTS)
    for row in rows:
        for i, answer in enumerate(row.answers):
            if answer is not None:
                counts[i] += 1
                sums[i] += answer
    return tuple(zip(counts, sums, strict=True))
