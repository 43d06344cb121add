"""Amounts of money as a person reads them: Rupiah with Indonesian digit grouping."""

from __future__ import annotations

__all__ = ["rupiah"]


def rupiah(amount: int) -> str:
    """Return *amount* as ``Rp10.000`` (a dot between thousands, no decimals).

    The one place a fee is written for people (the plan's text and HTML, the CLI).

    Examples
    --------
    >>> rupiah(10000), rupiah(1750000), rupiah(0)
    ('Rp10.000', 'Rp1.750.000', 'Rp0')
    """
    return f"Rp{amount:,}".replace(",", ".")
