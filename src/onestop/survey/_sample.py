"""The minimum sample of a satisfaction survey: Krejcie and Morgan (1970).

``rules.md`` 1.8: ``s = X²·N·P(1-P) / (d²·(N-1) + X²·P(1-P))`` with
X² = 3.841 (1 degree of freedom, 95%), P = 0.5 and d = 0.05, rounded to the
nearest whole number; this reproduces every published row of the table.
"""

from __future__ import annotations

import operator
from fractions import Fraction
from typing import Final

__all__ = ["sample_size"]

CHI_SQUARE: Final = Fraction("3.841")
"""The chi-square value for 1 degree of freedom at 95% confidence."""
PROPORTION: Final = Fraction(1, 2)
"""The population proportion P that makes the sample largest."""
MARGIN: Final = Fraction(1, 20)
"""The degree of accuracy d (5%)."""


def sample_size(population: int) -> int:
    """The Krejcie-Morgan minimum number of respondents for ``population`` users.

    Parameters
    ----------
    population
        The service's users in the survey period (a whole number, at least 1).

    Raises
    ------
    ValueError
        For a population that is not a whole number of at least 1.

    Examples
    --------
    >>> sample_size(100), sample_size(1200), sample_size(1_000_000)
    (80, 291, 384)
    """
    try:
        if isinstance(population, bool):
            raise TypeError
        population = operator.index(population)
    except TypeError:
        raise ValueError(f"population must be a whole number, got {population!r}") from None
    if population < 1:
        raise ValueError(f"population must be at least 1, got {population}")
    spread = CHI_SQUARE * PROPORTION * (1 - PROPORTION)
    size = spread * population / (MARGIN**2 * (population - 1) + spread)
    return int(size + Fraction(1, 2))  # nearest whole number, halves up
