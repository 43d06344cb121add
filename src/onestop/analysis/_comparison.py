"""The DataFrame :func:`~onestop.analysis.compare` returns, with a view to read in a notebook.

Imported only by ``compare()`` (it needs pandas at import).
"""

from __future__ import annotations

import pandas as pd

from onestop._html import comparison_html

__all__ = ["Comparison"]

_MEASURES = ("counters", "visits", "days")


class Comparison(pd.DataFrame):
    """A per-request before/after table; in Jupyter, the means per life event first.

    Any operation on it gives a plain ``DataFrame``.
    """

    @property
    def _constructor(self) -> type[pd.DataFrame]:
        return pd.DataFrame

    def _repr_html_(self) -> str:
        both = self[self["feasible_before"] & self["feasible_after"]]
        rows = []
        for goals, group in both.groupby("goals", sort=True):
            measures = [
                (float(group[f"{m}_before"].mean()), float(group[f"{m}_after"].mean()))
                for m in _MEASURES
            ]
            label = " + ".join(goals) if isinstance(goals, tuple) else str(goals)
            rows.append((label, len(group), measures))
        rows_html: str = pd.DataFrame(self).head(10).to_html()
        return comparison_html(rows) + rows_html
