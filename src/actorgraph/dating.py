"""A date for every story: its own, or the best capture date there is, and where it came from.

Analyses place an event on its own date or else on its story's `published` day; a story with
no date would drop out of every dyad, timeline and alert. So a story that states no date takes
the best date available, in this order, and `Document.date_source` says which one it got:

- `text`: the story's own date. Its dateline; for the main story of an input also the date the
  input gives itself (an HTML page's metadata, a JSON Lines `published`, a date in the file
  name). Set by `segment`, as before this module existed.
- `page`: the page it was found on. The date the page gives itself when the story is not its
  main one (a teaser on a dated page), else the latest `text` date of the other stories on the
  same page: a page is captured no earlier than the newest story it shows.
- `http`: the `Last-Modified` header of the fetched page.
- `file`: the modification time of the file it was read from.
- `ingest`: the day (UTC) it was ingested, when nothing else tells (stdin, the API).

`published` then holds the date whatever its source; an inferred date never replaces a `text`
one. De-duplication only compares `text` dates (`dedupe`): a capture date says when a copy was
taken, not which story came first.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, date, datetime
from email.utils import parsedate_to_datetime

from actorgraph.types import Article, DateSource, Document

__all__ = ["date_pages", "date_note", "http_date", "file_date", "today_utc", "is_own_date"]

# A page is one input: a file, a URL, a JSON Lines record. An HTML page is read as its main
# article and one article per teaser, which share source, url and order.
_PageKey = tuple[str, str | None, int]


def today_utc() -> date:
    return datetime.now(UTC).date()


def is_own_date(source: str | None) -> bool:
    """Whether a story's `published` is a date it states (or one stored before sources were
    recorded, which could only be such a date)."""
    return source in (None, "text")


_NOTES: dict[str, str] = {
    "page": "date of its page",
    "http": "date the web server gave the page",
    "file": "date of the file it was read from",
    "ingest": "day it was ingested",
}


def date_note(source: str | None) -> str | None:
    """A reader's note for a date the story does not state itself (None for its own date)."""
    return _NOTES.get(source or "")


def http_date(value: str | None) -> date | None:
    """The day of an HTTP date (`Last-Modified`), or None if it is missing or malformed."""
    if not value:
        return None
    try:
        moment = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if moment.tzinfo is None:  # RFC 9110 dates are GMT; an obsolete form may lack the zone
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).date()


def file_date(mtime: float) -> date | None:
    """The UTC day of a file's modification time (None for one the platform cannot represent)."""
    try:
        return datetime.fromtimestamp(mtime, UTC).date()
    except (OverflowError, OSError, ValueError):
        return None


def date_pages(
    read: Sequence[tuple[Article, Sequence[Document]]], *, today: date | None
) -> list[tuple[Article, list[Document]]]:
    """The stories of each article, the undated ones given a date and its source.

    `read` holds every article of a run with the stories `segment` made of it. With `today`
    None (coding in memory, outside a run) a story nothing else dates stays undated.
    """
    pages: dict[_PageKey, list[int]] = {}
    for number, (article, _stories) in enumerate(read):
        pages.setdefault((article.source, article.url, article.order), []).append(number)
    out: list[tuple[Article, list[Document]]] = [(a, list(s)) for a, s in read]
    for members in pages.values():
        articles = [read[n][0] for n in members]
        main = next((a for a in articles if a.part == 0), articles[0])
        page_day = main.published or main.date_hint
        stated = [d.published for n in members for d in read[n][1] if d.published and d.date_source == "text"]
        latest = max(stated, default=None)
        for n in members:
            article, stories = out[n]
            out[n] = (article, [_dated(d, article, page_day, latest, today) for d in stories])
    return out


def _dated(
    document: Document, article: Article, page_day: date | None, latest: date | None, today: date | None
) -> Document:
    if document.published is not None:
        return document  # a date it already has is never replaced
    choice: tuple[date, DateSource] | None = None
    if page_day is not None:
        choice = (page_day, "page")
    elif latest is not None:
        choice = (latest, "page")
    elif article.captured is not None and article.captured_by is not None and _believable(article.captured, today):
        choice = (article.captured, article.captured_by)
    elif today is not None:
        choice = (today, "ingest")
    if choice is None:
        return document
    return replace(document, published=choice[0], date_source=choice[1])


def _believable(day: date, today: date | None) -> bool:
    # A clock set wrong on a server or a file copied from one can put the capture in the
    # future; the day of ingest is then the better guess.
    return today is None or day <= today
