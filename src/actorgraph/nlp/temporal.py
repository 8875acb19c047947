"""Dates of events: what the sentence says, read against the story's date."""

from __future__ import annotations

import re
from datetime import date, timedelta

from spacy.tokens import Span

_WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6}
_MONTH_WORD = re.compile(
    r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}\b|\b\d{1,2}\s+"
    r"(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\b",
    re.I,
)


def sentence_date(sentence: Span, published: date | None) -> tuple[date | None, str]:
    """The date an event in `sentence` happened and how it was found.

    Relative days ("on Monday", "yesterday") count back from the story's date; explicit
    dates ("June 20", "20 June 2025") are read as they stand; otherwise the story's date.
    """
    for ent in sentence.ents:
        if ent.label_ != "DATE":
            continue
        text = ent.text.lower().strip()
        if published is not None:
            if text in ("today", "this morning", "tonight", "this evening"):
                return published, "today"
            if text in ("yesterday", "last night"):
                return published - timedelta(days=1), "yesterday"
            for name, weekday in _WEEKDAYS.items():
                if re.search(rf"\b{name}\b", text) and not re.search(r"\bnext\b", text):
                    back = (published.weekday() - weekday) % 7
                    return published - timedelta(days=back), f"weekday '{ent.text}'"
        if _MONTH_WORD.search(text) or re.search(r"\b(19|20)\d\d-\d\d-\d\d\b", text):
            found = _parse(ent.text, published)
            if found is not None:
                return found, f"date '{ent.text}'"
    earlier = _month_or_year(sentence, published)
    if earlier is not None:
        return earlier
    return published, "story date" if published else "none"


_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_MONTH_YEAR = re.compile(r"^(?:(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+)?((?:19|20)\d\d)$", re.I)


def _month_or_year(sentence: Span, published: date | None) -> tuple[date, str] | None:
    """ "expelled the envoy in 2018", "broke off ties in January 2016": an act placed in a past
    month or year is dated to its first day, not to the story. Only a date the act is "in"
    counts: "a 2018 pact" or "since 2015" date no act of this sentence."""
    for ent in sentence.ents:
        start = ent[0]
        if ent.label_ != "DATE" or start.i == 0 or start.doc[start.i - 1].lower_ != "in":
            continue
        found = _MONTH_YEAR.match(ent.text.strip())
        if found is None:
            continue
        month = _MONTHS.index(found.group(1).lower()[:3]) + 1 if found.group(1) else 1
        day = date(int(found.group(2)), month, 1)
        if published is None or day <= published:
            return day, f"month or year '{ent.text}'"
    return None


def _parse(value: str, published: date | None) -> date | None:
    from dateutil import parser

    has_year = bool(re.search(r"\b(19|20)\d\d\b", value))
    if not has_year and published is None:
        return None
    default_year = published.year if published else 2000
    try:
        found = parser.parse(value.replace(".", " "), default=parser.parse(f"{default_year}-01-01"), fuzzy=True).date()
    except (ValueError, OverflowError):
        return None
    if not has_year and published is not None and found > published + timedelta(days=2):
        # "December 30" in a story of 2 January is last year's.
        found = found.replace(year=found.year - 1)
    return found
