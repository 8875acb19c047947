"""Analyses over the store: dyads, tension series and alerts, stances, networks, changes.

Every analysis takes a `Window` (dates, actors, region) and reads the daily aggregates the
store keeps current, so each answers in well under a second at a million events.
"""

from __future__ import annotations

from actorgraph.analyze.query import Window, period_expression, regions_of
from actorgraph.analyze.reports import (
    Alert,
    DyadRow,
    StanceCell,
    alerts,
    changes,
    dyads,
    network,
    stance_matrix,
    timeline,
)

__all__ = [
    "Window",
    "period_expression",
    "regions_of",
    "DyadRow",
    "StanceCell",
    "Alert",
    "dyads",
    "timeline",
    "alerts",
    "stance_matrix",
    "network",
    "changes",
]
