"""Shared test configuration: hypothesis profiles (CI runs more examples)."""

import os

from hypothesis import HealthCheck, settings

settings.register_profile("default", max_examples=60, deadline=None)
settings.register_profile(
    "ci",
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
# By hand, at scale:
# HYPOTHESIS_PROFILE=stress STRESS_EXAMPLES=20000 pytest tests/test_planner_property.py
settings.register_profile(
    "stress",
    max_examples=int(os.environ.get("STRESS_EXAMPLES", "10000")),
    deadline=None,
    suppress_health_check=list(HealthCheck),
    database=None,
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))
