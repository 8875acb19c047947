"""What an analysis looks at (a window of time, actors, a region) and SQL helpers for it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
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

    def with_region_codes(self) -> Window:
        if self.region and not self.region_codes:
            codes = regions_of().get(self.region.lower(), ())
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


@lru_cache(maxsize=1)
def regions_of() -> dict[str, tuple[str, ...]]:
    """Region name (lower case) → ISO3 codes of its states, from the knowledge base."""
    from actorgraph.resolve.kb import KnowledgeBase

    out: dict[str, list[str]] = {}
    for entry in KnowledgeBase.load().entries.values():
        if entry.kind == "state" and entry.code:
            for region in entry.regions:
                out.setdefault(region.lower(), []).append(entry.code)
    return {k: tuple(sorted(v)) for k, v in out.items()}
