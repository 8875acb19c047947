"""What the dashboard's pages read from the store, beyond the analyses in `actorgraph.analyze`.

Every list is paginated on the server and every query is bounded (a `LIMIT`, an indexed
filter, or the aggregate tables), so pages stay fast on a store of 100,000 events and more.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from sqlalchemy import and_, case, func, literal, or_, select

from actorgraph import dates
from actorgraph.analyze import read
from actorgraph.analyze.query import Window
from actorgraph.analyze.read import EventQuery, count_events, events_select, newest_first
from actorgraph.ontology import QUADS
from actorgraph.resolve.kb import code_names
from actorgraph.store import schema

MODALITIES = read.MODALITIES  # the filter form lists them
POLARITIES = ("support", "oppose", "neutral")
# Counting the matches of a filter stops here; past it the page says "more than".
COUNT_CAP = 1_000


# ---- names ------------------------------------------------------------------------------------
# The first pages after a start all want the names at once: one thread loads them while the
# others wait, rather than each loading them (twenty loads at once took seconds, not 0.2 s).
_names_loading = threading.Lock()


class Names:
    """Display names for actor codes and stance targets."""

    def __init__(self, layers: Sequence[str | Path] = ()) -> None:
        with _names_loading:
            self._names = code_names(layers)
        self._events: dict[str, str] = {}

    def actor(self, code: str | None) -> str:
        if not code or code == "-":
            return "unknown"
        return self._names.get(code, code)

    def target(self, key: str | None) -> str:
        """A stance target key (`ALB`, `event:ID`, `topic:WORDS`) as words."""
        if not key:
            return "unknown"
        if key.startswith("topic:"):
            return f"“{key[6:]}”"
        if key.startswith("event:"):
            return self._events.get(key[6:], "an event")
        return self.actor(key)

    def learn_events(self, store: Any, keys: Iterable[str]) -> None:
        """Describe the events that stance targets point at (one query for all of them)."""
        ids = [k[6:] for k in keys if k and k.startswith("event:") and k[6:] not in self._events]
        if not ids:
            return
        e = schema.events.c
        with store.engine.connect() as conn:
            for event_id, kind, source in conn.execute(select(e.id, e.type, e.source).where(e.id.in_(ids[:500]))):
                who = ", ".join(self.actor(ref.get("code")) for ref in source or [] if ref.get("code"))
                self._events[event_id] = f"the {kind} event" + (f" of {who}" if who else "")


# ---- parameters ---------------------------------------------------------------------------------
def parse_day(value: str | None) -> date | None:
    """An ISO date from a form field; empty, malformed or out of range gives None, as any odd
    filter does on the dashboard: the page shows everything rather than fail."""
    try:
        return dates.parse_day(value)
    except dates.DateError:
        return None


def clean_code(value: str | None) -> str | None:
    """An actor code from a form field (upper case, no spaces), or None."""
    value = (value or "").strip().upper()
    return value[:20] or None


@dataclass(frozen=True)
class EventFilter:
    """The event list's filters in the dashboard's own URL names (`from`/`to`, `duplicates=1`).

    Parsing and the query itself are `analyze.read`'s, so the page counts what the API and the
    exports count; the documented names (`since`/`until`, `include_duplicates`) are accepted too.
    """

    actor: str | None = None
    dyad: tuple[str, str] | None = None  # both directions
    type: str | None = None
    quad: str | None = None
    modality: str | None = None
    start: date | None = None
    end: date | None = None
    text: str | None = None
    duplicates: bool = False
    place: str | None = None  # where the events happened, as the map links to them
    source: str | None = None  # one direction, as the API's `source` and `target`
    target: str | None = None

    @classmethod
    def from_params(cls, params: dict[str, str]) -> EventFilter:
        query = EventQuery.from_params(params)
        return cls(
            actor=query.actors[0] if query.actors else None, dyad=query.dyad, type=query.type, quad=query.quad,
            modality=query.modality, start=query.since, end=query.until, text=query.words,
            duplicates=query.include_duplicates, place=query.place, source=query.source, target=query.target,
        )

    def to_query(self) -> EventQuery:
        return EventQuery(
            since=self.start, until=self.end, actors=(self.actor,) if self.actor else (), dyad=self.dyad,
            source=self.source, target=self.target, type=self.type, quad=self.quad, modality=self.modality,
            words=self.text, place=self.place, include_duplicates=self.duplicates,
        )

    def params(self) -> dict[str, str]:
        """The filter back as query-string parameters (only those set)."""
        out: dict[str, str] = {}
        if self.actor:
            out["actor"] = self.actor
        if self.dyad:
            out["dyad"] = f"{self.dyad[0]}-{self.dyad[1]}"
        for name, value in (
            ("type", self.type), ("quad", self.quad), ("modality", self.modality), ("q", self.text), ("place", self.place),
            ("source", self.source), ("target", self.target),
        ):
            if value:
                out[name] = value
        if self.start:
            out["from"] = self.start.isoformat()
        if self.end:
            out["to"] = self.end.isoformat()
        if self.duplicates:
            out["duplicates"] = "1"
        return out

    def query(self, **changes: Any) -> str:
        return urlencode({**self.params(), **{k: v for k, v in changes.items() if v is not None}})

    @property
    def active(self) -> bool:
        return bool({k: v for k, v in self.params().items() if k != "duplicates"})


@dataclass(frozen=True)
class Page:
    """One page of a list: its rows, the total (capped) and where the neighbours start."""

    rows: list[dict[str, Any]]
    offset: int
    limit: int
    total: int
    capped: bool = False

    @property
    def previous(self) -> int | None:
        return max(0, self.offset - self.limit) if self.offset > 0 else None

    @property
    def next(self) -> int | None:
        return self.offset + self.limit if self.offset + self.limit < self.total else None

    @property
    def number(self) -> int:
        return self.offset // self.limit + 1

    @property
    def pages(self) -> int:
        return max(1, math.ceil(self.total / self.limit))


def _count(conn: Any, query: Any) -> tuple[int, bool]:
    """How many rows a query returns, counting no further than `COUNT_CAP`."""
    limited = query.limit(COUNT_CAP + 1).subquery()
    total = int(conn.execute(select(func.count()).select_from(limited)).scalar_one())
    return min(total, COUNT_CAP), total > COUNT_CAP


def _not_duplicate(column: Any) -> Any:
    """Rows of documents that are not duplicates of another.

    `duplicate_of > ''` rather than `IS NOT NULL` lets SQLite read the few duplicates from the
    index instead of scanning every stored text.
    """
    doc = schema.documents.c
    return column.not_in(select(doc.id).where(doc.duplicate_of > ""))


def _titles(conn: Any, rows: list[dict[str, Any]]) -> None:
    """Add each row's story title (one query for the page)."""
    ids = list({row["doc_id"] for row in rows})
    if not ids:
        return
    doc = schema.documents.c
    titles = dict(conn.execute(select(doc.id, doc.title).where(doc.id.in_(ids))).all())
    for row in rows:
        row["title"] = titles.get(row["doc_id"])


def _newest_first(date_column: Any, id_column: Any, dialect: str) -> tuple[Any, ...]:
    """Newest first, undated last; on SQLite (where NULL sorts lowest) the date index serves it."""
    if dialect == "sqlite":
        return date_column.desc(), id_column.desc()
    return date_column.desc().nulls_last(), id_column.desc()


def list_events(store: Any, filters: EventFilter, offset: int = 0, limit: int = 50) -> Page:
    """Events matching the filters, newest first (by the event's day, as `analyze.read` has it), one page."""
    e = schema.events.c
    query = filters.to_query()
    columns = (e.id, e.doc_id, e.type, e.mode, e.quad, e.intensity, e.modality, e.date, e.source, e.target,
               e.evidence_text, e.confidence, e.counts, e.location_name, e.location_reason, schema.documents.c.title)
    with store.engine.connect() as conn:
        counted = count_events(conn, query, cap=COUNT_CAP)
        statement = events_select(query, *columns).order_by(*newest_first()).offset(offset).limit(limit)
        rows = [dict(r._mapping) for r in conn.execute(statement)]
    return Page(rows, offset, limit, min(counted, COUNT_CAP), counted > COUNT_CAP)


def conflict_events(store: Any, window: Window, limit: int = 8) -> list[dict[str, Any]]:
    """The most hostile asserted events of a window (material conflict first)."""
    e = schema.events.c
    query = (
        events_select(EventQuery(since=window.start, until=window.end, modality="asserted"),
                      e.id, e.doc_id, e.type, e.mode, e.quad, e.intensity, e.modality, e.date, e.source, e.target,
                      e.evidence_text, e.counts, e.location_name, e.location_reason, schema.documents.c.title)
        .where(e.quad.in_(("verbal_conflict", "material_conflict")))
        .order_by(e.intensity, *newest_first())
        .limit(limit)
    )
    with store.engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(query)]


# ---- stances --------------------------------------------------------------------------------------
@dataclass(frozen=True)
class StanceFilter:
    holder: str | None = None
    target: str | None = None  # a stance target key
    polarity: str | None = None
    start: date | None = None
    end: date | None = None

    @classmethod
    def from_params(cls, params: dict[str, str]) -> StanceFilter:
        polarity = params.get("polarity") or ""
        target = (params.get("target") or "").strip()[:200]
        if target and ":" not in target:
            target = target.upper()
        return cls(
            holder=clean_code(params.get("holder")),
            target=target or None,
            polarity=polarity if polarity in POLARITIES else None,
            start=parse_day(params.get("from")),
            end=parse_day(params.get("to")),
        )

    def params(self) -> dict[str, str]:
        out = {"holder": self.holder, "target": self.target, "polarity": self.polarity,
               "from": self.start.isoformat() if self.start else None, "to": self.end.isoformat() if self.end else None}
        return {k: v for k, v in out.items() if v}

    def query(self, **changes: Any) -> str:
        return urlencode({**self.params(), **{k: v for k, v in changes.items() if v is not None}})

    @property
    def window(self) -> Window:
        return Window(self.start, self.end)


def list_stances(store: Any, filters: StanceFilter, offset: int = 0, limit: int = 50) -> Page:
    """Stances matching the filters, newest first, with their evidence."""
    s = schema.stances.c
    conditions = [_not_duplicate(s.doc_id)]
    if filters.holder:
        conditions.append(s.holder_code == filters.holder)
    if filters.target:
        conditions.append(s.target_key == filters.target)
    if filters.polarity:
        conditions.append(s.polarity == filters.polarity)
    if filters.start:
        conditions.append(s.date >= filters.start)
    if filters.end:
        conditions.append(s.date <= filters.end)
    base = select(s.id, s.doc_id, s.holder_code, s.holder_name, s.polarity, s.target_key, s.target_name, s.date,
                  s.evidence_text, s.confidence).where(*conditions)
    with store.engine.connect() as conn:
        total, capped = _count(conn, base.with_only_columns(s.id))
        query = base.order_by(*_newest_first(s.date, s.id, store.engine.dialect.name)).offset(offset).limit(limit)
        rows = [dict(r._mapping) for r in conn.execute(query)]
        _titles(conn, rows)
    return Page(rows, offset, limit, total, capped)


# ---- dyads and actors -----------------------------------------------------------------------------
def _window_condition(table: Any, column: str, window: Window) -> Any:
    conditions = []
    if window.start:
        conditions.append(table.c[column] >= window.start)
    if window.end:
        conditions.append(table.c[column] <= window.end)
    return and_(*conditions) if conditions else literal(True)


def _quad_sums(t: Any) -> list[Any]:
    return [func.sum(t.c[q]) for q in QUADS]


def dyad_summary(store: Any, a: str, b: str, window: Window) -> list[dict[str, Any]]:
    """Both directions of a dyad: events by quad category and summed intensity.

    Reads the weekly rollup (one row per pair and week), or the daily rows for windows that
    cut weeks in half.
    """
    from actorgraph.analyze.query import dyad_table

    t, column, grain = dyad_table(window, "week")
    out = []
    with store.engine.connect() as conn:
        for source, target in ((a, b), (b, a)):
            where = [t.c.source_code == source, t.c.target_code == target, _window_condition(t, column, window)]
            if grain == "day":
                counts = [func.sum(case((t.c.quad == q, t.c.events), else_=0)) for q in QUADS]
            else:
                counts = _quad_sums(t)
            row = conn.execute(select(func.sum(t.c.events), *counts, func.sum(t.c.intensity)).where(*where)).one()
            out.append({
                "source": source, "target": target, "events": int(row[0] or 0),
                **{q: int(row[1 + i] or 0) for i, q in enumerate(QUADS)},
                "intensity": round(float(row[5] or 0.0), 2),
            })
    return out


def partners(store: Any, code: str, window: Window, limit: int = 30) -> list[dict[str, Any]]:
    """The actors a code dealt with (both directions), busiest first, from the monthly rollup."""
    from actorgraph.analyze.query import dyad_table

    t, column, grain = dyad_table(window)
    other = case((t.c.source_code == code, t.c.target_code), else_=t.c.source_code).label("other")
    if grain == "day":
        coop = func.sum(case((t.c.quad.in_(QUADS[:2]), t.c.events), else_=0))
        hostile = func.sum(case((t.c.quad.in_(QUADS[2:]), t.c.events), else_=0))
    else:
        coop = func.sum(t.c.verbal_cooperation + t.c.material_cooperation)
        hostile = func.sum(t.c.verbal_conflict + t.c.material_conflict)
    query = (
        select(other, func.sum(t.c.events), coop, hostile, func.sum(t.c.intensity))
        .where(or_(t.c.source_code == code, t.c.target_code == code), t.c.source_code != t.c.target_code,
               t.c.source_code != "-", t.c.target_code != "-", _window_condition(t, column, window))
        .group_by(other)
        .order_by(func.sum(t.c.events).desc(), other)
        .limit(limit)
    )
    with store.engine.connect() as conn:
        return [
            {"code": r[0], "events": int(r[1] or 0), "cooperation": int(r[2] or 0), "conflict": int(r[3] or 0),
             "intensity": round(float(r[4] or 0.0), 2)}
            for r in conn.execute(query)
        ]


def stance_counts(store: Any, window: Window, *, holder: str | None = None, target: str | None = None,
                  limit: int = 40) -> list[dict[str, Any]]:
    """Stances held by `holder` or about `target`, counted by the other side and polarity."""
    t = schema.stance_daily
    key = t.c.target_key if holder else t.c.holder_code
    condition = t.c.holder_code == holder if holder else t.c.target_key == target
    counts = [func.sum(case((t.c.polarity == p, t.c.stances), else_=0)) for p in POLARITIES]
    query = (
        select(key, *counts)
        .where(condition, _window_condition(t, "day", window))
        .group_by(key)
        .order_by(func.sum(t.c.stances).desc(), key)
        .limit(limit)
    )
    with store.engine.connect() as conn:
        return [
            {"key": r[0], "support": int(r[1] or 0), "oppose": int(r[2] or 0), "neutral": int(r[3] or 0)}
            for r in conn.execute(query)
        ]


def quotes_of(store: Any, code: str, limit: int = 10) -> list[dict[str, Any]]:
    q = schema.quotes.c
    query = (
        select(q.id, q.doc_id, q.speaker_name, q.content, q.direct, q.date)
        .where(q.speaker_code == code)
        .order_by(*_newest_first(q.date, q.id, store.engine.dialect.name))
        .limit(limit)
    )
    with store.engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(query)]


def known_codes(store: Any, limit: int = 400) -> list[str]:
    """Actor codes seen in the store (for the filter form's suggestions)."""
    af = schema.actor_first.c
    with store.engine.connect() as conn:
        return list(conn.execute(select(af.code).order_by(af.code).limit(limit)).scalars())


# ---- series --------------------------------------------------------------------------------------
def _next_period(start: date, period: str) -> date:
    if period == "week":
        return start + timedelta(days=7)
    if period == "month":
        return (start + timedelta(days=32)).replace(day=1)
    return start + timedelta(days=1)


def filled_series(points: Sequence[Any], period: str, max_points: int = 2000) -> dict[str, list[Any]]:
    """A tension series as columns for the chart, quiet periods filled with zeros."""
    out: dict[str, list[Any]] = {"period": [], "events": [], "conflict": [], "cooperation": [], "tension": []}
    if not points:
        return out
    by_label = {p.period: p for p in points}
    current, last = date.fromisoformat(points[0].period), date.fromisoformat(points[-1].period)
    while current <= last and len(out["period"]) < max_points:
        label = current.isoformat()
        point = by_label.get(label)
        out["period"].append(label)
        out["events"].append(point.events if point else 0)
        out["conflict"].append(point.conflict if point else 0.0)
        out["cooperation"].append(point.cooperation if point else 0.0)
        out["tension"].append(point.tension if point else 0.0)
        current = _next_period(current, period)
    return out


# ---- the network ---------------------------------------------------------------------------------
def network_elements(result: dict[str, Any], names: Names, max_nodes: int = 40, max_edges: int = 150) -> dict[str, Any]:
    """The busiest part of `analyze.network`'s result as nodes and edges for the graph view."""
    actors = result["actors"][:max_nodes]
    kept = {a["code"] for a in actors}
    cooperation, conflict, combined = result["cooperation"], result["conflict"], result["combined"]

    def both(graph: Any, a: str, b: str) -> int:
        return int(sum(graph[x][y]["weight"] for x, y in ((a, b), (b, a)) if graph.has_edge(x, y)))

    edges = []
    for a, b, data in combined.edges(data=True):
        if a in kept and b in kept:
            first, second = sorted((a, b))
            coop, hostile = both(cooperation, first, second), both(conflict, first, second)
            kind = "conflict" if hostile > coop else "cooperation" if coop > hostile else "mixed"
            edges.append({"id": f"{first}-{second}", "source": first, "target": second, "cooperation": coop,
                          "conflict": hostile, "weight": int(data["weight"]), "kind": kind,
                          "intensity": round(float(data.get("intensity", 0.0)), 2),
                          "label": f"{names.actor(first)} – {names.actor(second)}"})
    edges.sort(key=lambda edge: (-edge["weight"], edge["id"]))
    edges = edges[:max_edges]
    nodes = [
        {"id": a["code"], "label": names.actor(a["code"]), "weight": int(a["weight"]),
         "conflict_in": int(a["conflict_in"]), "conflict_out": int(a["conflict_out"]),
         "cooperation_out": int(a["cooperation_out"]), "betweenness": a["betweenness"], "community": a["community"]}
        for a in actors
    ]
    return {"nodes": nodes, "edges": edges, "total_nodes": len(result["actors"]),
            "total_edges": combined.number_of_edges()}


# ---- documents ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Piece:
    """A run of a document's text, marked or not."""

    text: str
    mark: bool = False
    first: bool = False  # the first marked piece (where the page scrolls to)


@dataclass
class DocumentView:
    document: dict[str, Any]
    events: list[dict[str, Any]] = field(default_factory=list)
    stances: list[dict[str, Any]] = field(default_factory=list)
    quotes: list[dict[str, Any]] = field(default_factory=list)
    actors: list[dict[str, Any]] = field(default_factory=list)


def document_view(store: Any, doc_id: str) -> DocumentView | None:
    """A stored story and every fact coded from it, each in text order."""
    e, s, q, a = schema.events.c, schema.stances.c, schema.quotes.c, schema.actors.c
    with store.engine.connect() as conn:
        row = conn.execute(select(schema.documents).where(schema.documents.c.id == doc_id)).mappings().first()
        if row is None:
            return None
        view = DocumentView(dict(row))
        view.events = [dict(r._mapping) for r in conn.execute(
            select(e.id, e.type, e.mode, e.quad, e.intensity, e.modality, e.date, e.source, e.target,
                   e.evidence_start, e.evidence_end, e.evidence_text, e.confidence, e.extractor)
            .where(e.doc_id == doc_id).order_by(e.evidence_start, e.id))]
        view.stances = [dict(r._mapping) for r in conn.execute(
            select(s.id, s.holder_code, s.holder_name, s.polarity, s.target_key, s.target_name, s.target_topic,
                   s.evidence_start, s.evidence_end, s.evidence_text, s.confidence, s.extractor)
            .where(s.doc_id == doc_id).order_by(s.evidence_start, s.id))]
        view.quotes = [dict(r._mapping) for r in conn.execute(
            select(q.id, q.speaker_code, q.speaker_name, q.speaker_text, q.cue, q.content, q.direct,
                   q.evidence_start, q.evidence_end, q.evidence_text)
            .where(q.doc_id == doc_id).order_by(q.evidence_start, q.id))]
        view.actors = [dict(r._mapping) for r in conn.execute(
            select(a.id, a.code, a.sector, a.name, a.type, a.mentions, a.score, a.reason)
            .where(a.doc_id == doc_id).order_by(a.id))]
    view.actors.sort(key=lambda actor: min((m["start"] for m in actor["mentions"] or []), default=0))
    return view


def selected_spans(view: DocumentView, kind: str | None, fact_id: str | None) -> list[tuple[int, int]]:
    """The character spans to mark for the chosen fact: its evidence, or an actor's mentions."""
    if not kind or not fact_id:
        return []
    if kind == "actor":
        for actor in view.actors:
            if actor["id"] == fact_id:
                return [(int(m["start"]), int(m["end"])) for m in actor["mentions"] or []]
        return []
    facts = {"event": view.events, "stance": view.stances, "quote": view.quotes}.get(kind, [])
    for fact in facts:
        if fact["id"] == fact_id:
            return [(int(fact["evidence_start"]), int(fact["evidence_end"]))]
    return []


def pieces(text: str, spans: Sequence[tuple[int, int]]) -> list[Piece]:
    """The text cut into marked and unmarked runs; overlapping or touching spans are merged."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted((max(0, s), min(len(text), e)) for s, e in spans):
        if start >= end:
            continue
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    out: list[Piece] = []
    position = 0
    for index, (start, end) in enumerate(merged):
        if start > position:
            out.append(Piece(text[position:start]))
        out.append(Piece(text[start:end], mark=True, first=index == 0))
        position = end
    if position < len(text):
        out.append(Piece(text[position:]))
    return out


# ---- overview --------------------------------------------------------------------------------------
def store_counts(store: Any) -> dict[str, Any]:
    """How much the store holds and the span of its dates."""
    counts: dict[str, Any] = {}
    with store.engine.connect() as conn:
        for name in ("documents", "events", "stances", "quotes"):
            table = schema.metadata.tables[name]
            counts[name] = int(conn.execute(select(func.count()).select_from(table)).scalar_one())
        d = schema.documents.c
        first, last = conn.execute(select(func.min(d.published), func.max(d.published))).one()
        counts["actors"] = int(conn.execute(select(func.count()).select_from(schema.actor_first)).scalar_one())
    counts["first"], counts["last"] = first, last
    return counts


def stance_summary(cells: Sequence[Any], per_side: int = 8) -> dict[str, list[dict[str, Any]]]:
    """Who opposes and who backs whom, clearest first: each cell filed under its main polarity.

    Cells about actors come before cells about events and topics; a cell whose support and
    opposition tie is filed under both.
    """
    sides: dict[str, list[dict[str, Any]]] = {p: [] for p in POLARITIES}
    for cell in cells:
        top = max(cell.support, cell.oppose, cell.neutral)
        if not top:
            continue
        for polarity in POLARITIES:
            if getattr(cell, polarity) == top:
                sides[polarity].append({"holder": cell.holder, "target": cell.target, "polarity": polarity,
                                        "count": top, "support": cell.support, "oppose": cell.oppose,
                                        "neutral": cell.neutral, "actor_target": ":" not in cell.target})
    for rows in sides.values():
        rows.sort(key=lambda r: (not r["actor_target"], -r["count"], r["holder"], r["target"]))
        del rows[per_side:]
    return sides


def matrix(cells: Sequence[Any], max_holders: int = 25, max_targets: int = 25) -> dict[str, Any]:
    """Stance cells arranged as a holder × target table (the busiest rows and columns)."""
    holders: dict[str, int] = {}
    targets: dict[str, int] = {}
    for cell in cells:
        total = cell.support + cell.oppose + cell.neutral
        holders[cell.holder] = holders.get(cell.holder, 0) + total
        targets[cell.target] = targets.get(cell.target, 0) + total
    rows = sorted(holders, key=lambda k: (-holders[k], k))[:max_holders]
    columns = sorted(targets, key=lambda k: (":" in k, -targets[k], k))[:max_targets]
    grid = {(cell.holder, cell.target): cell for cell in cells}
    return {"rows": rows, "columns": columns, "cells": grid,
            "hidden_rows": max(0, len(holders) - len(rows)), "hidden_columns": max(0, len(targets) - len(columns))}


# ---- search ---------------------------------------------------------------------------------------
def search_row(hit: Any) -> dict[str, Any]:
    """A search hit (`analyze.search.SearchHit`) for the results page: its snippet cut into
    marked and unmarked runs, and a link target marking its first matches in the story."""
    snippet = hit.snippet
    inside = [(m.start - snippet.start, m.end - snippet.start) for m in hit.matches
              if m.start >= snippet.start and m.end <= snippet.end]
    return {
        "id": hit.doc_id, "title": hit.title, "published": hit.published, "source": hit.source,
        "duplicate_of": hit.duplicate_of,
        "snippet": pieces(snippet.text, inside), "cut": snippet.start > 0,
        "spans": [f"{m.start}-{m.end}" for m in hit.matches[:10]],
    }


def parse_spans(values: Sequence[str], length: int, limit: int = 20) -> list[tuple[int, int]]:
    """`START-END` strings from a query string as character spans inside a text of `length`."""
    spans = []
    for value in values[:limit]:
        start, _sep, end = value.partition("-")
        if start.isdigit() and end.isdigit() and int(start) < int(end) <= length:
            spans.append((int(start), int(end)))
    return spans
