"""The satisfaction index (IKM) of PermenPAN-RB 14/2017, computed exactly.

``rules.md`` 1.4-1.5: each element's mean (NRR) over the answers given for
it; the index is the weighted sum of the nine means (weights exactly 1/9 by
default); the score is the index times 25, rounded half-up to 2 places and
graded by the half-open rule of 1.6. Sample sizes follow 1.8.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from fractions import Fraction
from typing import Any

from onestop.errors import Problem, SurveyError
from onestop.survey._answers import Row, check_rows, element_totals, is_frame
from onestop.survey._result import ElementScore, Ikm
from onestop.survey._sample import sample_size
from onestop.survey._scale import ELEMENTS, Weights, band, round_half_up, weight

__all__ = ["ikm", "ikm_by"]


def _score(
    rows: Sequence[Row], weights: Weights, population: int | None, where: str
) -> Ikm | list[Problem]:
    """The index of ``rows``, or the problems that leave it undefined."""
    answered = [row for row in rows if any(a is not None for a in row.answers)]
    empty = [row for row in rows if all(a is None for a in row.answers)]
    if not answered:
        return [Problem(where.rstrip(", "), "no respondent answered any element")]
    totals = element_totals(answered)
    unanswered = [name for name, (count, _) in zip(ELEMENTS, totals, strict=True) if not count]
    if unanswered:
        why = "nobody answered this element; the index needs every element (rules.md 1.5)"
        return [Problem(f"{where}{name}", why) for name in unanswered]
    elements = tuple(
        ElementScore(name, count, total)
        for name, (count, total) in zip(ELEMENTS, totals, strict=True)
    )
    index = sum((e.mean for e in elements), Fraction(0)) * weight(weights)
    exact = index * 25
    letter, label = band(exact)  # no range check: non-canonical weights go below 25
    warnings = [f"{row.name} answered no element; not counted" for row in empty]
    minimum = None if population is None else sample_size(population)
    if minimum is not None and len(answered) < minimum:
        warnings.append(
            f"{len(answered)} respondents are below the Krejcie-Morgan minimum of {minimum} "
            f"for a population of {population} (rules.md 1.8)"
        )
    return Ikm(
        score=round_half_up(exact, 2),
        index=round_half_up(index, 4),
        grade=letter,
        label=label,
        elements=elements,
        respondents=len(answered),
        exact_score=exact,
        weights=weights,
        population=population,
        minimum=minimum,
        warnings=tuple(warnings),
    )


def ikm(responses: Any, *, weights: Weights = "exact", population: int | None = None) -> Ikm:
    """The satisfaction index (IKM) of survey answers, by PermenPAN-RB 14/2017.

    Parameters
    ----------
    responses
        An iterable of mappings, one per respondent, from element name (see
        :data:`ELEMENTS`) to an answer 1-4; a missing key, ``None`` or NaN
        leaves that element out for that respondent. Or a pandas DataFrame
        with those columns.
    weights
        ``"exact"`` (each element weighs exactly 1/9: the canonical rule), or
        ``"0.111"`` or ``"0.11"`` to reproduce reports that print the rounded
        weight (non-canonical: an all-4 survey then scores 99.90 or 99.00).
    population
        The service's users in the survey period; when given, the result
        warns if fewer responded than :func:`sample_size` asks.

    Returns
    -------
    Ikm
        Score, index, grade, label, each element's exact mean, respondents.

    Raises
    ------
    SurveyError
        Listing every problem: an answer outside 1-4, an unknown element name,
        an element nobody answered.

    Examples
    --------
    The worked example of ``rules.md`` 1.7 (four respondents):

    >>> rows = [(4, 3, 3, 4, 3, 4, 4, 3, 3), (3, 3, 2, 4, 3, 3, 4, 3, 2),
    ...         (4, 4, 3, 4, 4, 4, 4, 4, 3), (3, 2, 3, 4, 3, 3, 3, 3, 3)]
    >>> result = ikm([dict(zip(ELEMENTS, row)) for row in rows])
    >>> result.score, result.grade, result.label
    (Decimal('82.64'), 'B', 'Baik')
    >>> result.exact_score, result.index
    (Fraction(2975, 36), Decimal('3.3056'))
    >>> result.mean("waktu")
    Fraction(11, 4)
    >>> ikm([dict(zip(ELEMENTS, row)) for row in rows], weights="0.111").score
    Decimal('82.56')
    """
    result = _score(check_rows(responses), weights, population, "")
    if isinstance(result, list):
        raise SurveyError(result)
    return result


def _groups(rows: Iterable[Row]) -> dict[Hashable, list[Row]]:
    groups: dict[Hashable, list[Row]] = {}
    for row in rows:
        groups.setdefault(row.group, []).append(row)
    return {key: groups[key] for key in sorted(groups, key=str)}


def ikm_by(
    responses: Any,
    by: str,
    *,
    weights: Weights = "exact",
    population: Mapping[Hashable, int] | None = None,
) -> Any:
    """The satisfaction index per group: per service, counter, agency, venue or any column.

    Parameters
    ----------
    responses
        As for :func:`ikm`; each row also has the key (or column) ``by``.
    by
        The key whose values form the groups (not an element name).
    weights
        As for :func:`ikm`.
    population
        Each group's users in the survey period (groups left out are not checked).

    Returns
    -------
    dict or pandas.DataFrame
        From an iterable: a dict from group value to :class:`Ikm`, groups in
        sorted order. From a DataFrame: a DataFrame with a row per group
        (index named ``by``) and columns ``respondents``, ``score``, ``index``,
        ``grade``, ``label``, ``below_minimum`` and each element's mean
        (``Decimal``, 4 places).

    Raises
    ------
    SurveyError
        Every problem of every group, each naming row or group and element.

    Examples
    --------
    >>> rows = [dict.fromkeys(ELEMENTS, 4) | {"counter": "dukcapil"},
    ...         dict.fromkeys(ELEMENTS, 3) | {"counter": "samsat"},
    ...         dict.fromkeys(ELEMENTS, 2) | {"counter": "samsat"}]
    >>> {key: str(r.score) for key, r in ikm_by(rows, "counter").items()}
    {'dukcapil': '100.00', 'samsat': '62.50'}
    """
    rows = check_rows(responses, by)
    results: dict[Hashable, Ikm] = {}
    problems: list[Problem] = []
    for key, group in _groups(rows).items():
        size = None if population is None else population.get(key)
        result = _score(group, weights, size, f"{by} {key!r}, ")
        if isinstance(result, list):
            problems.extend(result)
        else:
            results[key] = result
    if problems:
        raise SurveyError(problems)
    if is_frame(responses):
        return _frame(results, by)
    return results


def _frame(results: Mapping[Hashable, Ikm], by: str) -> Any:
    """The per-group results as a DataFrame (pandas is there: the input was one)."""
    import pandas as pd

    records = [
        {
            "respondents": r.respondents,
            "score": r.score,
            "index": r.index,
            "grade": r.grade,
            "label": r.label,
            "below_minimum": r.below_minimum,
            **{e.name: round_half_up(e.mean, 4) for e in r.elements},
        }
        for r in results.values()
    ]
    return pd.DataFrame(records, index=pd.Index(list(results), name=by))
