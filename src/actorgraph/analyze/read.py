"""The read layer for events: one filter, one duplicate policy, one date rule, for every reader.

The API (`/api/events`), the dashboard's Events page, the event exports and the CLI used to
write this query each their own way and disagreed (the API counted the events of duplicate
stories, the dashboard filtered dates on the event's own date). They now all build it here:

* **Duplicates.** Events of a story that copies another are left out unless
  `include_duplicates` is set: the same story counted twice is the same fact counted twice.
* **Dates.** An event's day is its own date, else its story's `published` date, the rule
  `store.rows` uses when it fills `event_dyads.date`, so a window selects the same events
  here as in the dyad analyses.

The vocabulary of the filter, as every reader spells it in its documentation: `since`, `until`,
`actor` (either side; repeatable where a reader allows), `dyad=A-B` (both directions),
`source`/`target` (one direction), `type`, `quad`, `modality`, `q` (words of the evidence),
`place`, `include_duplicates`. Older spellings (`from`/`to`, `duplicates=1`) are accepted by
`EventQuery.from_params` so existing links keep working.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, func, or_, select
from sqlalchemy.engine import Connection

from actorgraph import dates
from actorgraph.ontology import EVENT_TYPES, QUADS
from actorgraph.store import schema

__all__ = [
    "MODALITIES",
    "EventQuery",
    "count_events",
    "event_conditions",
    "event_day",
    "events_select",
    "newest_first",
    "parse_dyad",
]

MODALITIES = ("asserted", "hypothetical", "negated")

_e = schema.events.c
_d = schema.documents.c
_ed = schema.event_dyads.c


def event_day() -> ColumnElement[Any]:
    """An event's day: its own date, else its story's (needs `documents` joined)."""
    return func.coalesce(_e.date, _d.published)


def _code(value: str | None) -> str | None:
    value = (value or "").strip().upper()
    return value[:20] or None


def _day(value: str | None) -> date | None:
    # A malformed date in a link is ignored, as any odd filter is on the dashboard; the API
    # validates its own parameters before they get here.
    try:
        return dates.parse_day(value)
    except dates.DateError:
        return None


def parse_dyad(value: str | None) -> tuple[str, str] | None:
    """`A-B` as a pair of actor codes, or None when it is not one."""
    first, sep, second = (value or "").partition("-")
    a, b = _code(first), _code(second)
    return (a, b) if sep and a and b else None


@dataclass(frozen=True)
class EventQuery:
    """Which events a reader wants. Codes are upper case, values already checked."""

    since: date | None = None
    until: date | None = None
    actors: tuple[str, ...] = ()  # any of them, on either side
    region_codes: tuple[str, ...] | None = None  # a region's states (any, either side); () matches nothing
    dyad: tuple[str, str] | None = None  # between the two, either way round
    source: str | None = None  # by this actor (one direction)
    target: str | None = None  # toward this actor
    type: str | None = None
    quad: str | None = None
    modality: str | None = None
    words: str | None = None  # in the evidence sentence, case-insensitive, literally
    place: str | None = None  # where it happened (the gazetteer's name)
    doc_id: str | None = None
    include_duplicates: bool = False

    @classmethod
    def from_params(cls, params: Mapping[str, str]) -> EventQuery:
        """The filter from query-string parameters, either spelling; odd values are dropped."""
        kind = (params.get("type") or "").strip().upper()
        quad = (params.get("quad") or "").strip()
        modality = (params.get("modality") or "").strip()
        actor = _code(params.get("actor"))
        duplicates = (params.get("include_duplicates") or params.get("duplicates") or "").lower()
        return cls(
            since=_day(params.get("since") or params.get("from")),
            until=_day(params.get("until") or params.get("to")),
            actors=(actor,) if actor else (),
            dyad=parse_dyad(params.get("dyad")),
            source=_code(params.get("source")),
            target=_code(params.get("target")),
            type=kind if kind in EVENT_TYPES else None,
            quad=quad if quad in QUADS else None,
            modality=modality if modality in MODALITIES else None,
            words=(params.get("q") or "").strip()[:200] or None,
            place=(params.get("place") or "").strip()[:200] or None,
            include_duplicates=duplicates in ("1", "true", "yes", "on"),
        )

    @classmethod
    def from_window(cls, window: Any, **more: Any) -> EventQuery:
        """The filter of an analysis `Window` (dates, actors, region), plus `more` fields."""
        window = window.with_region_codes()
        region = tuple(window.region_codes) if window.region else None
        return cls(since=window.start, until=window.end, actors=tuple(window.actors), region_codes=region, **more)

    def params(self) -> dict[str, str]:
        """The filter as query-string parameters in the documented vocabulary (only those set)."""
        out: dict[str, str] = {}
        if self.since:
            out["since"] = self.since.isoformat()
        if self.until:
            out["until"] = self.until.isoformat()
        if len(self.actors) == 1:
            out["actor"] = self.actors[0]
        if self.dyad:
            out["dyad"] = f"{self.dyad[0]}-{self.dyad[1]}"
        for name, value in (("source", self.source), ("target", self.target), ("type", self.type),
                            ("quad", self.quad), ("modality", self.modality), ("q", self.words),
                            ("place", self.place), ("doc_id", self.doc_id)):
            if value:
                out[name] = value
        if self.include_duplicates:
            out["include_duplicates"] = "true"
        return out

    def but(self, **changes: Any) -> EventQuery:
        return replace(self, **changes)


def _touching(codes: Sequence[str]) -> ColumnElement[bool]:
    # An uncorrelated IN: the database builds the set of event ids once, from the dyad indexes.
    return _e.id.in_(select(_ed.event_id).where(or_(_ed.source_code.in_(codes), _ed.target_code.in_(codes))))


def event_conditions(query: EventQuery) -> list[ColumnElement[bool]]:
    """SQL conditions for `query` over `events` joined with `documents`."""
    day = event_day()
    conditions: list[ColumnElement[bool]] = []
    if not query.include_duplicates:
        conditions.append(_d.duplicate_of.is_(None))
    if query.since:
        conditions.append(day >= query.since)
    if query.until:
        conditions.append(day <= query.until)
    if query.actors:
        conditions.append(_touching(query.actors))
    if query.region_codes is not None:
        conditions.append(_touching(query.region_codes or ("-none-",)))
    if query.dyad:
        a, b = query.dyad
        conditions.append(_e.id.in_(select(_ed.event_id).where(or_(
            and_(_ed.source_code == a, _ed.target_code == b), and_(_ed.source_code == b, _ed.target_code == a)))))
    if query.source or query.target:
        pair = []
        if query.source:
            pair.append(_ed.source_code == query.source)
        if query.target:
            pair.append(_ed.target_code == query.target)
        conditions.append(_e.id.in_(select(_ed.event_id).where(*pair)))
    if query.type:
        conditions.append(_e.type == query.type)
    if query.quad:
        conditions.append(_e.quad == query.quad)
    if query.modality:
        conditions.append(_e.modality == query.modality)
    if query.words:
        conditions.append(_e.evidence_text.icontains(query.words, autoescape=True))
    if query.place:
        conditions.append(_e.location_name == query.place)
    if query.doc_id:
        conditions.append(_e.doc_id == query.doc_id)
    return conditions


def events_select(query: EventQuery, *columns: Any) -> Select[Any]:
    """The events matching `query` (all columns of `events` unless others are given), unordered."""
    chosen = columns or (schema.events,)
    return (
        select(*chosen)
        .select_from(schema.events.join(schema.documents, _d.id == _e.doc_id))
        .where(*event_conditions(query))
    )


def newest_first() -> tuple[Any, ...]:
    """Newest day first, undated last, then by id so that pages never overlap."""
    return event_day().desc().nulls_last(), _e.id


def count_events(conn: Connection, query: EventQuery, cap: int | None = None) -> int:
    """How many events match `query`; with `cap`, counting stops after `cap + 1`."""
    matching = events_select(query, _e.id)
    if cap is not None:
        matching = matching.limit(cap + 1)
    return int(conn.execute(select(func.count()).select_from(matching.subquery())).scalar_one())
