"""Planning: the fewest counters for a bundle of requests, with a dated itinerary."""

from onestop.planning.planner import DEFAULT_BUDGET, plan
from onestop.planning.result import Plan, Reason, ScheduledService, Step, Visit

__all__ = ["DEFAULT_BUDGET", "Plan", "Reason", "ScheduledService", "Step", "Visit", "plan"]
