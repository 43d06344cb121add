"""The rule's fixed parts: the nine elements, the weights, rounding and the grade table.

Everything here follows ``rules.md`` sections 1.2 (elements, keyed by name),
1.4-1.5 (weights, exact arithmetic, rounding half-up) and 1.6 (the half-open
grade rule on the rounded 25-100 score).
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from types import MappingProxyType
from typing import Final, Literal, TypeAlias

Weights: TypeAlias = Literal["exact", "0.111", "0.11"]

ELEMENTS: Final[tuple[str, ...]] = (
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
"""The nine elements (unsur) of PermenPAN-RB 14/2017, by name, in the rule's order.

Reports number the last two differently, so answers are always keyed by these
names, never by position (``rules.md`` 1.2).
"""

TITLES: Final = MappingProxyType(
    {
        "persyaratan": "Persyaratan",
        "prosedur": "Sistem, Mekanisme, dan Prosedur",
        "waktu": "Waktu Penyelesaian",
        "biaya": "Biaya/Tarif",
        "produk": "Produk Spesifikasi Jenis Pelayanan",
        "kompetensi": "Kompetensi Pelaksana",
        "perilaku": "Perilaku Pelaksana",
        "pengaduan": "Penanganan Pengaduan, Saran dan Masukan",
        "sarana": "Sarana dan Prasarana",
    }
)
"""Each element's title as the regulation words it (``rules.md`` 1.2)."""

ANSWERS: Final = (1, 2, 3, 4)
"""The answer scale: 1 the worst, 4 the best (``rules.md`` 1.3)."""

WEIGHTS: Final = MappingProxyType(
    {"exact": Fraction(1, 9), "0.111": Fraction("0.111"), "0.11": Fraction("0.11")}
)
"""Each element's weight: exactly 1/9 (canonical), or the rounded 0.111 and 0.11
that some reports print (non-canonical: nine of them sum to 0.999 or 0.99)."""

GRADES: Final = (
    (Decimal("88.31"), "A", "Sangat baik"),
    (Decimal("76.61"), "B", "Baik"),
    (Decimal("65.00"), "C", "Kurang baik"),
    (Decimal("-Infinity"), "D", "Tidak baik"),
)
"""The grade table as lower bounds on the rounded score, best first (``rules.md`` 1.6)."""


def weight(weights: str) -> Fraction:
    """The weight of one element under ``weights``.

    Examples
    --------
    >>> weight("exact")
    Fraction(1, 9)
    >>> weight("0.111")
    Fraction(111, 1000)
    """
    try:
        return WEIGHTS[weights]
    except KeyError:
        choices = ", ".join(repr(w) for w in WEIGHTS)
        raise ValueError(f"unknown weights {weights!r}: expected one of {choices}") from None


def round_half_up(value: Fraction, places: int) -> Decimal:
    """``value`` rounded half away from zero to ``places`` decimals, computed exactly.

    Examples
    --------
    >>> round_half_up(Fraction(2975, 36), 2)
    Decimal('82.64')
    >>> round_half_up(Fraction(15321, 200), 2)  # 76.605
    Decimal('76.61')
    >>> round_half_up(Fraction(119, 36), 4)
    Decimal('3.3056')
    """
    scaled = abs(value) * 10**places
    units = int(scaled + Fraction(1, 2))  # floor, since the value is not negative
    sign = "-" if value < 0 else ""
    return Decimal(f"{sign}{units}").scaleb(-places)


def grade(score: Decimal | Fraction) -> tuple[str, str]:
    """The grade and label of a 25-100 score, by the half-open rule on its 2-place rounding.

    ``D < 65.00 <= C < 76.61 <= B < 88.31 <= A`` (``rules.md`` 1.6). The score is
    rounded half-up to 2 places first, so the grade never disagrees with the
    printed score.

    Raises
    ------
    ValueError
        When the score is outside 25-100, the range of the converted score
        (the 1-4 index times 25, ``rules.md`` 1.4 and 1.5).

    Examples
    --------
    >>> grade(Decimal("76.60"))
    ('C', 'Kurang baik')
    >>> grade(Decimal("76.61"))
    ('B', 'Baik')
    >>> grade(Fraction(15321, 200))  # 76.605 prints as 76.61
    ('B', 'Baik')
    >>> grade(Decimal("64.994"))
    ('D', 'Tidak baik')
    >>> grade(Decimal("24.99"))
    Traceback (most recent call last):
    ...
    ValueError: score 24.99 is outside 25-100, the range of the converted score (rules.md 1.4)
    """
    if not 25 <= Fraction(score) <= 100:
        raise ValueError(
            f"score {score} is outside 25-100, the range of the converted score (rules.md 1.4)"
        )
    return band(score)


def band(score: Decimal | Fraction) -> tuple[str, str]:
    """The grade and label of any score: :func:`grade` without its range check.

    For :func:`ikm` with non-canonical weights, whose nine weights sum to
    less than 1: an all-1 survey then scores 24.975 (``"0.111"``) or 24.75
    (``"0.11"``), graded D as the old reports grade it.
    """
    rounded = round_half_up(Fraction(score), 2)
    for lower, letter, label in GRADES:
        if rounded >= lower:
            return letter, label
    raise AssertionError("unreachable: the last bound is -Infinity")  # pragma: no cover
