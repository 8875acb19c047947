"""The days a user may ask about, checked in one place for the CLI, the API and the dashboard.

Analyses add days and weeks to the ends of a window, so a day near `date.max` overflows
deep inside a query; a window is therefore held to years news can be about.
"""

from __future__ import annotations

from datetime import date

from actorgraph.errors import ActorgraphError

FIRST_DAY, LAST_DAY = date(1800, 1, 1), date(2199, 12, 31)


class DateError(ActorgraphError, ValueError):
    """A day that is malformed, out of range, or after the end of its window."""


def check_day(value: date, name: str = "date") -> date:
    """`value` itself, if an analysis can use it."""
    if not FIRST_DAY <= value <= LAST_DAY:
        raise DateError(f"{name} {value.isoformat()} is out of range: use a day between {FIRST_DAY} and {LAST_DAY}")
    return value


def parse_day(text: str | None, name: str = "date") -> date | None:
    """A day written YYYY-MM-DD (None for none given), checked as `check_day` does."""
    if text is None or not text.strip():
        return None
    try:
        value = date.fromisoformat(text.strip())
    except ValueError:
        raise DateError(f"{name} '{text.strip()[:40]}' is not a day: use YYYY-MM-DD") from None
    return check_day(value, name)


def check_window(since: date | None, until: date | None) -> None:
    """Both ends in range and in order."""
    for name, value in (("since", since), ("until", until)):
        if value is not None:
            check_day(value, name)
    if since and until and since > until:
        raise DateError(f"since {since} is after until {until}")
