"""Analysis for notebooks: many plans as a table, summaries, comparisons, a mall's profile.

Nothing here imports pandas, matplotlib or tqdm until a function needs them
(install them with ``pip install 'onestop[analysis]'``).

Examples
--------
>>> import onestop
>>> from onestop import analysis
>>> cat = onestop.builtin("probolinggo")
>>> t = analysis.table(cat, analysis.population(cat, 100, year=2027))
>>> bool(t["feasible"].any())
True
"""

from onestop.analysis import plot
from onestop.analysis.batch import COLUMNS, plan_many
from onestop.analysis.load import counter_load
from onestop.analysis.population import LIFE_EVENTS, Citizen, LifeEvent, population
from onestop.analysis.profile import MallProfile, profile
from onestop.analysis.tables import compare, summary, table

__all__ = [
    "COLUMNS",
    "LIFE_EVENTS",
    "Citizen",
    "LifeEvent",
    "MallProfile",
    "compare",
    "counter_load",
    "plan_many",
    "plot",
    "population",
    "profile",
    "summary",
    "table",
]
