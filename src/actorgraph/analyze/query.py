"""What an analysis looks at (a window of time, actors, a region) and SQL helpers for it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Literal

from sqlalchemy import Column, and_, func, literal, or_

Period = Literal["day", "week", "month"]


@dataclass(frozen=True)
class Window:
    """The slice of the store an analysis reads."""

    start: date | None = None
    end: date | None = None
    actors: tuple[str, ...] = ()  # actor codes (states or organisations); empty: all
    region: str | None = None  # a region name from the knowledge base ("Western Balkans")
    region_codes: tuple[str, ...] = field(default=(), compare=False)

    def with_region_codes(self, kb_dirs: Iterable[str | Path] = ()) -> Window:
        """The window with its region's states filled in, from the knowledge base with `kb_dirs`.

        Readers that know the settings (the CLI, the API, the dashboard) call this with their
        `kb_dirs` when they build the window, so a layer's regions count; the analyses then find
        the codes filled in and call it without layers only for windows built elsewhere.
        """
        if self.region and not self.region_codes:
            codes = regions_of(kb_dirs).get(self.region.lower(), ())
            return Window(self.start, self.end, self.actors, self.region, tuple(codes))
        return self


def dyad_filter(table: Any, window: Window, *, day: str = "day", source: str = "source_code",
                target: str = "target_code") -> Any:
    """SQL condition selecting a window's rows of a table with day/source/target columns."""
    window = window.with_region_codes()
    conditions = []
    day_col: Column = table.c[day]
    if window.start:
        conditions.append(day_col >= window.start)
    if window.end:
        conditions.append(day_col <= window.end)
    if window.actors:
        codes = list(window.actors)
        conditions.append(or_(table.c[source].in_(codes), table.c[target].in_(codes)))
    if window.region:
        codes = list(window.region_codes) or ["-none-"]
        conditions.append(or_(table.c[source].in_(codes), table.c[target].in_(codes)))
    return and_(*conditions) if conditions else literal(True)


def period_expression(column: Any, period: Period, dialect: str) -> Any:
    """The start of the day/week/month a date falls in, as an ISO string, for both dialects."""
    if dialect == "postgresql":
        if period == "day":
            return func.to_char(column, "YYYY-MM-DD")
        unit = "week" if period == "week" else "month"
        return func.to_char(func.date_trunc(unit, column), "YYYY-MM-DD")
    if period == "day":
        return func.strftime("%Y-%m-%d", column)
    if period == "month":
        return func.strftime("%Y-%m-01", column)
    # Monday of the ISO week: step back as many days as the weekday counted from Monday
    return func.date(column, func.printf("-%s days", func.strftime("%w", func.date(column, "-1 day"))))


def regions_of(kb_dirs: Iterable[str | Path] = ()) -> dict[str, tuple[str, ...]]:
    """Region name (lower case) → ISO3 codes of its states, from the knowledge base and its layers."""
    from actorgraph.resolve.kb import region_codes

    return region_codes(kb_dirs)


def _aligned(window: Window, grain: Period) -> bool:
    """Whether the window starts and ends on whole periods of `grain`."""
    from datetime import timedelta

    from actorgraph.store.aggregate import month_of, week_of

    start_of = week_of if grain == "week" else month_of
    if window.start and window.start != start_of(window.start):
        return False
    return not window.end or start_of(window.end + timedelta(days=1)) == window.end + timedelta(days=1)


def whole_periods(window: Window, period: Period) -> Window:
    """The window widened to whole periods, so a series has no partial first or last period."""
    from datetime import timedelta

    from actorgraph.store.aggregate import month_of, week_of

    if period == "day":
        return window
    start_of = week_of if period == "week" else month_of
    start = start_of(window.start) if window.start else None
    end = None
    if window.end:
        following = window.end + timedelta(days=7 if period == "week" else 31)
        end = start_of(following) - timedelta(days=1)
        if start_of(window.end + timedelta(days=1)) == window.end + timedelta(days=1):
            end = window.end
    return Window(start, end, window.actors, window.region, window.region_codes)


def grain(window: Window, bucket: Period | None = None) -> Period:
    """The coarsest aggregate that answers a query exactly.

    Rollups of whole weeks or months can stand in for the daily rows only when the window
    starts and ends on their boundaries and the result is not bucketed more finely; otherwise
    the daily table is read (a bounded window keeps that cheap).
    """
    if bucket == "day":
        return "day"
    candidates: tuple[Period, ...] = ("month", "week") if bucket is None else (bucket,)
    for candidate in candidates:
        if _aligned(window, candidate):
            return candidate
    return "day"


DYAD_TABLES = {"day": ("dyad_daily", "day"), "week": ("dyad_weekly", "week"), "month": ("dyad_monthly", "month")}


def dyad_table(window: Window, bucket: Period | None = None) -> tuple[Any, str, Period]:
    """The dyad aggregate to read for a window: (table, its date column, its grain)."""
    from actorgraph.store import schema

    chosen = grain(window, bucket)
    name, column = DYAD_TABLES[chosen]
    return schema.metadata.tables[name], column, chosen
