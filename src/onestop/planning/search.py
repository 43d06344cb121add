"""What the planner's searches share: one budget type and the two ways a search stops early.

The choice of counters (:mod:`onestop.planning.engine`) and the choice of
visits (:mod:`onestop.planning.itinerary`) are both depth-first searches
that count their nodes against a :class:`Budget`. Either search ends early
in one of two ways: :class:`OutOfBudget` (the best found so far is kept, not
proven) or :class:`Proven` (a solution meets the lower bound: nothing can
beat it).
"""

from __future__ import annotations

import attrs

__all__ = ["Budget", "OutOfBudget", "Proven"]


class OutOfBudget(Exception):
    """Raised by :meth:`Budget.spend` when a search has used its budget."""


class Proven(Exception):
    """Raised inside a search when a solution meets the lower bound: it is optimal."""


@attrs.define
class Budget:
    """A count of search nodes against a limit, shared by the searches given it.

    Examples
    --------
    >>> budget = Budget(1)
    >>> budget.spend()
    >>> budget.spend()
    Traceback (most recent call last):
    ...
    onestop.planning.search.OutOfBudget
    """

    limit: int
    used: int = 0

    def spend(self) -> None:
        """Count one node; raise :class:`OutOfBudget` once the limit is passed."""
        self.used += 1
        if self.used > self.limit:
            raise OutOfBudget

    @property
    def exhausted(self) -> bool:
        """Whether more nodes were spent than the limit allows."""
        return self.used > self.limit
