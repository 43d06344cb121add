"""``profile()``: what a catalogue's venues integrate, by government level.

The national assessment of malls counts the agencies a mall brings under
one roof, vertical agencies above all; an analyst also wants the services
a citizen still has to go elsewhere for.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from onestop.analysis._pandas import require
from onestop.model import LEVELS, Catalogue

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["MallProfile", "profile"]


@attrs.frozen
class MallProfile:
    """A catalogue's venues by the agencies they host, and the services they leave out."""

    agencies: pd.DataFrame
    """One row per venue and agency hosted there.

    Columns: venue id, its status and kind, the agency's level, id and name,
    and the ids of the venue's counters offering the agency's services.
    """
    levels: pd.DataFrame
    """Agencies per venue (rows) and government level (columns, every level)."""
    offered_nowhere: tuple[str, ...]
    """Services no counter offers."""
    outside_mall: tuple[str, ...]
    """Services offered, but at no venue of kind ``mpp``."""
    online_only: tuple[str, ...]
    """Services offered only at ``online`` venues."""


def profile(catalogue: Catalogue) -> MallProfile:
    """Per venue, its agencies by government level and their counters; services left out.

    Examples
    --------
    >>> import onestop
    >>> from onestop.analysis import profile
    >>> p = profile(onestop.builtin("surabaya"))
    >>> int(p.levels.loc["siola", "vertical"]) > 0
    True
    >>> list(p.levels.columns) == list(onestop.model.LEVELS)
    True
    """
    require()
    import pandas as pd

    agency = {a.id: a for a in catalogue.agencies}
    venue_kind = {v.id: v.kind for v in catalogue.venues}
    rows = []
    for venue in catalogue.venues:
        hosted: dict[str, list[str]] = {}
        for counter in catalogue.counters_at(venue.id):
            for service in counter.services:
                owner = catalogue.service(service).agency
                ids = hosted.setdefault(owner, [])
                if counter.id not in ids:
                    ids.append(counter.id)
        order = sorted(hosted, key=lambda a: (LEVELS.index(agency[a].level), a))
        for a in order:
            rows.append(
                (
                    venue.id,
                    venue.status,
                    venue.kind,
                    agency[a].level,
                    a,
                    agency[a].name,
                    tuple(hosted[a]),
                )
            )
    agencies = pd.DataFrame(
        rows, columns=["venue", "status", "kind", "level", "agency", "name", "counters"]
    )
    levels = (
        pd.crosstab(agencies["venue"], agencies["level"])
        .reindex(index=[v.id for v in catalogue.venues], columns=list(LEVELS), fill_value=0)
        .fillna(0)
        .astype(int)
    )
    kinds = {
        s.id: {venue_kind[k.venue] for k in catalogue.counters_offering(s.id)}
        for s in catalogue.services
    }
    return MallProfile(
        agencies=agencies,
        levels=levels,
        offered_nowhere=tuple(s for s, found in kinds.items() if not found),
        outside_mall=tuple(s for s, found in kinds.items() if found and "mpp" not in found),
        online_only=tuple(s for s, found in kinds.items() if found == {"online"}),
    )
