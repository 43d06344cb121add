"""The result of a satisfaction survey: the index, its grade, each element's exact mean."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import Any

import attrs

from onestop._suggest import did_you_mean
from onestop.survey._scale import ELEMENTS, Weights, grade, round_half_up

__all__ = ["ElementScore", "Ikm"]


@attrs.frozen
class ElementScore:
    """One element's answers: how many, their sum, and what they give.

    Examples
    --------
    >>> e = ElementScore("waktu", answers=4, total=11)
    >>> e.mean, e.score, e.grade
    (Fraction(11, 4), Decimal('68.75'), 'C')
    """

    name: str
    """The element's name, one of :data:`ELEMENTS`."""
    answers: int
    """How many respondents answered it."""
    total: int
    """The sum of their answers."""

    @property
    def mean(self) -> Fraction:
        """The element's mean answer (NRR), exact."""
        return Fraction(self.total, self.answers)

    @property
    def score(self) -> Decimal:
        """The mean on the 25-100 scale, rounded half-up to 2 places."""
        return round_half_up(self.mean * 25, 2)

    @property
    def grade(self) -> str:
        """The grade of :attr:`score` by the same table as the index (``rules.md`` 1.6)."""
        return grade(self.score)[0]


@attrs.frozen
class Ikm:
    """The satisfaction index of one survey, exact, with its grade.

    Made by :func:`ikm`; see there for an example.
    """

    score: Decimal
    """The converted index on the 25-100 scale, rounded half-up to 2 places."""
    index: Decimal
    """The index on the 1-4 scale, rounded half-up to 4 places."""
    grade: str
    """``"A"`` to ``"D"``, by the half-open rule on :attr:`score`."""
    label: str
    """``"Sangat baik"``, ``"Baik"``, ``"Kurang baik"`` or ``"Tidak baik"``."""
    elements: tuple[ElementScore, ...]
    """Each element's answers and exact mean, in the order of :data:`ELEMENTS`."""
    respondents: int
    """How many respondents answered at least one element."""
    exact_score: Fraction
    """The 25-100 score before rounding."""
    weights: Weights = "exact"
    """``"exact"`` (1/9, canonical) or the non-canonical ``"0.111"`` or ``"0.11"``."""
    population: int | None = None
    """The service's users in the survey period, when given."""
    minimum: int | None = None
    """The Krejcie-Morgan minimum sample for :attr:`population`, when given."""
    warnings: tuple[str, ...] = ()
    """What a reader of the score should know: too few respondents, empty rows."""

    def mean(self, element: str) -> Fraction:
        """The exact mean answer (NRR) of ``element``, by name.

        Raises
        ------
        KeyError
            For a name not in :data:`ELEMENTS`, with a suggestion.
        """
        for score in self.elements:
            if score.name == element:
                return score.mean
        raise KeyError(f"unknown element {element!r}{did_you_mean(element, ELEMENTS)}")

    @property
    def below_minimum(self) -> bool:
        """Whether fewer responded than the Krejcie-Morgan minimum for the population."""
        return self.minimum is not None and self.respondents < self.minimum

    def to_dict(self) -> dict[str, Any]:
        """The result as JSON-ready data (rounded numbers as numbers, exact ones as text)."""
        return {
            "score": float(self.score),
            "index": float(self.index),
            "grade": self.grade,
            "label": self.label,
            "respondents": self.respondents,
            "exact_score": str(self.exact_score),
            "weights": self.weights,
            "population": self.population,
            "minimum": self.minimum,
            "warnings": list(self.warnings),
            "elements": {
                e.name: {
                    "answers": e.answers,
                    "mean": str(e.mean),
                    "score": float(e.score),
                    "grade": e.grade,
                }
                for e in self.elements
            },
        }

    def explain(self) -> str:
        """The result as text a report can quote, one element a line."""
        lines = [
            f"IKM {self.score} ({self.grade}, {self.label}) from {self.respondents} "
            f"respondent{'' if self.respondents == 1 else 's'}; index {self.index}"
        ]
        if self.weights != "exact":
            lines.append(f"weights {self.weights} (non-canonical: the rule's weight is 1/9)")
        lines.append(f"  {'element':<12} {'answers':>7} {'mean':>7} {'score':>7}  grade")
        for e in self.elements:
            mean = round_half_up(e.mean, 4)
            lines.append(f"  {e.name:<12} {e.answers:>7} {mean:>7} {e.score:>7}  {e.grade}")
        lines.extend(f"warning: {w}" for w in self.warnings)
        return "\n".join(lines)
