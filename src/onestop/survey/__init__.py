"""Citizen satisfaction: the index (IKM) of PermenPAN-RB 14/2017, computed exactly.

A satisfaction survey (SKM) asks each respondent nine questions, one per
element, answered 1 (worst) to 4 (best). :func:`ikm` turns the answers into
the index, its 25-100 score and its grade; :func:`ikm_by` does so per service,
counter or any other column; :func:`sample_size` gives the Krejcie-Morgan
minimum number of respondents. The rules followed are in the project's
``rules.md`` (sections 1.2-1.8), cited where each is applied.

Examples
--------
>>> from onestop import survey
>>> answers = [dict.fromkeys(survey.ELEMENTS, 3), dict.fromkeys(survey.ELEMENTS, 4)]
>>> result = survey.ikm(answers, population=50)
>>> result.score, result.grade, result.label
(Decimal('87.50'), 'B', 'Baik')
>>> result.warnings
('2 respondents are below the Krejcie-Morgan minimum of 44 for a population of 50 (rules.md 1.8)',)
"""

from onestop.errors import SurveyError
from onestop.survey._csv import read_csv
from onestop.survey._index import ikm, ikm_by
from onestop.survey._result import ElementScore, Ikm
from onestop.survey._sample import sample_size
from onestop.survey._scale import ELEMENTS, GRADES, TITLES, WEIGHTS, grade, round_half_up

__all__ = [
    "ELEMENTS",
    "GRADES",
    "TITLES",
    "WEIGHTS",
    "ElementScore",
    "Ikm",
    "SurveyError",
    "grade",
    "ikm",
    "ikm_by",
    "read_csv",
    "round_half_up",
    "sample_size",
]
