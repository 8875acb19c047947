"""Aggregates of events, stances and actors, kept exact by recomputing only what a write touched.

Levels: `dyad_daily` (day × dyad × type) from the events; `dyad_weekly` and `dyad_monthly`
rolled up from it; `dyad_first` (first day of each dyad). The same for stances, and
`actor_daily`/`actor_first` for actors. The analyses read these small tables instead of the
events, which keeps them under a second at a million events.

Every refresh takes the keys a write touched (days, weeks, months, pairs) and recomputes
exactly those rows inside the writer's transaction.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import and_, delete, false, func, insert, literal, select, tuple_
from sqlalchemy.engine import Connection

from actorgraph.ontology import QUADS
from actorgraph.store import schema

DyadKey = tuple[date, str, str]
StanceKey = tuple[date, str, str]
ActorKey = tuple[date, str]
_CHUNK = 300


def week_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def month_of(day: date) -> date:
    return day.replace(day=1)


def stance_target_key() -> Any:
    """What a stance is about, as one string: an actor code, `event:ID` or `topic:WORDS`.

    The same rule as `rows.stance_target`, in SQL, for filling the stored column.
    """
    s = schema.stances.c
    return func.coalesce(s.target_code, literal("event:") + s.target_event, literal("topic:") + s.target_topic)


def _chunks(values: Sequence[Any]) -> Iterable[list[Any]]:
    for start in range(0, len(values), _CHUNK):
        yield list(values[start : start + _CHUNK])


# ---- which keys a set of documents touches ---------------------------------------------------------
def dyad_keys(conn: Connection, doc_ids: Sequence[str]) -> set[DyadKey]:
    keys: set[DyadKey] = set()
    e, d = schema.events.c, schema.event_dyads.c
    for chunk in _chunks(doc_ids):
        rows = conn.execute(
            select(d.date, d.source_code, d.target_code)
            .join(schema.events, e.id == d.event_id)
            .where(e.doc_id.in_(chunk), d.date.is_not(None))
            .distinct()
        )
        keys.update((r[0], r[1], r[2]) for r in rows)
    return keys


def stance_keys(conn: Connection, doc_ids: Sequence[str]) -> set[StanceKey]:
    keys: set[StanceKey] = set()
    s = schema.stances.c
    for chunk in _chunks(doc_ids):
        rows = conn.execute(
            select(s.date, s.holder_code, s.target_key)
            .where(s.doc_id.in_(chunk), s.date.is_not(None), s.holder_code.is_not(None))
            .distinct()
        )
        keys.update((r[0], r[1], r[2]) for r in rows)
    return keys


def actor_keys(conn: Connection, doc_ids: Sequence[str]) -> set[ActorKey]:
    keys: set[ActorKey] = set()
    a, docs = schema.actors.c, schema.documents.c
    for chunk in _chunks(doc_ids):
        rows = conn.execute(
            select(docs.published, a.code)
            .join(schema.documents, docs.id == a.doc_id)
            .where(a.doc_id.in_(chunk), a.code.is_not(None), docs.published.is_not(None))
            .distinct()
        )
        keys.update((r[0], r[1]) for r in rows)
    return keys


# ---- dyads ------------------------------------------------------------------------------------
def refresh_dyads(conn: Connection, keys: Iterable[DyadKey] | None = None) -> None:
    """Recompute the dyad aggregates for `keys` (all of them when None)."""
    d = schema.event_dyads.c
    daily = schema.dyad_daily
    daily_select = (
        select(d.date, d.source_code, d.target_code, d.type, func.min(d.quad), func.count(), func.sum(d.intensity))
        .where(d.modality == "asserted", d.duplicate == false(), d.date.is_not(None))
        .group_by(d.date, d.source_code, d.target_code, d.type)
    )
    columns = ["day", "source_code", "target_code", "type", "quad", "events", "intensity"]
    if keys is None:
        for table in (daily, schema.dyad_weekly, schema.dyad_monthly, schema.dyad_first):
            conn.execute(delete(table))
        conn.execute(insert(daily).from_select(columns, daily_select))
        _rollup_dyads(conn, None)
        return
    keys = sorted(set(keys), key=str)
    for chunk in _chunks(keys):
        conn.execute(delete(daily).where(tuple_(daily.c.day, daily.c.source_code, daily.c.target_code).in_(chunk)))
        conn.execute(
            insert(daily).from_select(columns, daily_select.where(tuple_(d.date, d.source_code, d.target_code).in_(chunk)))
        )
    _rollup_dyads(conn, keys)


ROLLUPS = {"week": (week_of, "dyad_weekly"), "month": (month_of, "dyad_monthly")}


def _next_start(grain: str, start: date) -> date:
    return start + timedelta(days=7) if grain == "week" else (start + timedelta(days=32)).replace(day=1)


def _rollup_dyads(conn: Connection, keys: Sequence[DyadKey] | None) -> None:
    """Roll the daily rows of the touched pairs up to weeks and months, and their first day."""
    daily = schema.dyad_daily.c
    columns = (daily.day, daily.source_code, daily.target_code, daily.quad, daily.events, daily.intensity)
    if keys is None:
        _write_rollups(conn, conn.execute(select(*columns)).all())
        return
    for grain, (start_of, name) in ROLLUPS.items():
        table = schema.metadata.tables[name]
        periods = sorted({(start_of(day), s, t) for day, s, t in keys}, key=str)
        rows: list[Any] = []  # (day, source, target, quad, events, intensity) rows
        for start, source, target in periods:
            conn.execute(delete(table).where(
                table.c[grain] == start, table.c.source_code == source, table.c.target_code == target
            ))
            rows.extend(conn.execute(select(*columns).where(
                daily.source_code == source, daily.target_code == target,
                daily.day >= start, daily.day < _next_start(grain, start),
            )).all())
        _insert_many(conn, table, _rolled(rows, grain))
    first = schema.dyad_first
    for source, target in sorted({(s, t) for _day, s, t in keys}):
        conn.execute(delete(first).where(first.c.source_code == source, first.c.target_code == target))
        day = conn.execute(
            select(func.min(daily.day)).where(daily.source_code == source, daily.target_code == target)
        ).scalar()
        if day is not None:
            conn.execute(insert(first).values(source_code=source, target_code=target, first_day=day))


def _rolled(rows: Iterable[Any], grain: str) -> Iterator[dict[str, Any]]:
    """Daily rows summed into the periods of `grain`, one row per pair with the quads side by side."""
    start_of = ROLLUPS[grain][0]
    sums: dict[tuple[date, str, str], dict[str, Any]] = {}
    for day, source, target, quad, events, intensity in rows:
        start = start_of(day)
        entry = sums.get((start, source, target))
        if entry is None:
            entry = sums[(start, source, target)] = {
                grain: start, "source_code": source, "target_code": target, "events": 0, **dict.fromkeys(QUADS, 0),
                "intensity": 0.0, "conflict": 0.0, "cooperation": 0.0,
            }
        entry["events"] += events
        entry[quad] += events
        entry["intensity"] += intensity
        if intensity < 0:
            entry["conflict"] -= intensity
        else:
            entry["cooperation"] += intensity
    yield from sums.values()


def _write_rollups(conn: Connection, rows: Sequence[Any]) -> None:
    """Full rebuild of the rollups from all daily rows (in Python: one pass, the same on both dialects)."""
    for grain, (_start_of, name) in ROLLUPS.items():
        _insert_many(conn, schema.metadata.tables[name], _rolled(rows, grain))
    first: dict[tuple[str, str], date] = {}
    for day, source, target, *_rest in rows:
        if (source, target) not in first or day < first[(source, target)]:
            first[(source, target)] = day
    _insert_many(conn, schema.dyad_first, (
        {"source_code": k[0], "target_code": k[1], "first_day": v} for k, v in first.items()
    ))


def _insert_many(conn: Connection, table: Any, rows: Iterable[dict[str, Any]], size: int = 20_000) -> None:
    batch: list[dict[str, Any]] = []
    for row in rows:
        batch.append(row)
        if len(batch) >= size:
            conn.execute(insert(table), batch)
            batch = []
    if batch:
        conn.execute(insert(table), batch)


# ---- stances ----------------------------------------------------------------------------------
def refresh_stances(conn: Connection, keys: Iterable[StanceKey] | None = None) -> None:
    """Recompute the stance aggregates for `keys` (all of them when None)."""
    s = schema.stances.c
    docs = schema.documents.c
    daily = schema.stance_daily
    target = s.target_key
    source = (
        select(s.date, s.holder_code, target, s.polarity, func.count())
        .join(schema.documents, docs.id == s.doc_id)
        .where(docs.duplicate_of.is_(None), s.date.is_not(None), s.holder_code.is_not(None), target.is_not(None))
        .group_by(s.date, s.holder_code, target, s.polarity)
    )
    columns = ["day", "holder_code", "target_key", "polarity", "stances"]
    if keys is None:
        for table in (daily, schema.stance_monthly, schema.stance_first):
            conn.execute(delete(table))
        conn.execute(insert(daily).from_select(columns, source))
        rows = conn.execute(select(daily.c.day, daily.c.holder_code, daily.c.target_key, daily.c.polarity,
                                   daily.c.stances)).all()
        first: dict[tuple[str, str, str], date] = {}
        for day, holder, key, polarity, _count in rows:
            if (holder, key, polarity) not in first or day < first[(holder, key, polarity)]:
                first[(holder, key, polarity)] = day
        _insert_many(conn, schema.stance_monthly, _stance_months(rows))
        _insert_many(conn, schema.stance_first, (
            {"holder_code": k[0], "target_key": k[1], "polarity": k[2], "first_day": v} for k, v in first.items()
        ))
        return
    keys = sorted(set(keys), key=str)
    for chunk in _chunks(keys):
        conn.execute(delete(daily).where(tuple_(daily.c.day, daily.c.holder_code, daily.c.target_key).in_(chunk)))
        conn.execute(insert(daily).from_select(columns, source.where(and_(tuple_(s.date, s.holder_code, target).in_(chunk)))))
    d = daily.c
    for month, holder, key in {(month_of(day), h, k) for day, h, k in keys}:
        next_month = (month + timedelta(days=32)).replace(day=1)
        m = schema.stance_monthly
        conn.execute(delete(m).where(m.c.month == month, m.c.holder_code == holder, m.c.target_key == key))
        rows = conn.execute(
            select(d.day, d.holder_code, d.target_key, d.polarity, d.stances)
            .where(d.holder_code == holder, d.target_key == key, d.day >= month, d.day < next_month)
        ).all()
        _insert_many(conn, m, _stance_months(rows))
    f = schema.stance_first
    for holder, key in {(h, k) for _day, h, k in keys}:
        conn.execute(delete(f).where(f.c.holder_code == holder, f.c.target_key == key))
        firsts = conn.execute(
            select(d.polarity, func.min(d.day)).where(d.holder_code == holder, d.target_key == key).group_by(d.polarity)
        ).all()
        if firsts:
            conn.execute(insert(f), [{"holder_code": holder, "target_key": key, "polarity": p, "first_day": day}
                                     for p, day in firsts])


def _stance_months(rows: Iterable[Any]) -> Iterator[dict[str, Any]]:
    """Daily stance rows summed by month, support/oppose/neutral side by side."""
    sums: dict[tuple[date, str, str], dict[str, Any]] = {}
    for day, holder, key, polarity, count in rows:
        month = month_of(day)
        entry = sums.get((month, holder, key))
        if entry is None:
            entry = sums[(month, holder, key)] = {"month": month, "holder_code": holder, "target_key": key,
                                                  "support": 0, "oppose": 0, "neutral": 0, "stances": 0}
        entry[polarity] = entry.get(polarity, 0) + count
        entry["stances"] += count
    yield from sums.values()


# ---- actors -----------------------------------------------------------------------------------
def refresh_actors(conn: Connection, keys: Iterable[ActorKey] | None = None) -> None:
    """Recompute `actor_daily` and `actor_first` for `keys` (all when None)."""
    a, docs = schema.actors.c, schema.documents.c
    daily = schema.actor_daily
    source = (
        select(docs.published, a.code, func.min(a.name), func.count(func.distinct(a.doc_id)))
        .join(schema.documents, docs.id == a.doc_id)
        .where(a.code.is_not(None), docs.published.is_not(None), docs.duplicate_of.is_(None))
        .group_by(docs.published, a.code)
    )
    columns = ["day", "code", "name", "documents"]
    if keys is None:
        conn.execute(delete(daily))
        conn.execute(delete(schema.actor_first))
        conn.execute(insert(daily).from_select(columns, source))
        codes = [r[0] for r in conn.execute(select(daily.c.code).distinct())]
    else:
        keys = sorted(set(keys), key=str)
        for chunk in _chunks(keys):
            conn.execute(delete(daily).where(tuple_(daily.c.day, daily.c.code).in_(chunk)))
            conn.execute(insert(daily).from_select(columns, source.where(tuple_(docs.published, a.code).in_(chunk))))
        codes = sorted({code for _day, code in keys})
    f = schema.actor_first
    for chunk in _chunks(codes):
        conn.execute(delete(f).where(f.c.code.in_(chunk)))
        rows = conn.execute(
            select(daily.c.code, func.min(daily.c.name), func.min(daily.c.day))
            .where(daily.c.code.in_(chunk))
            .group_by(daily.c.code)
        ).all()
        if rows:
            conn.execute(insert(f), [{"code": c, "name": n, "first_day": day} for c, n, day in rows])


# ---- all of them ------------------------------------------------------------------------------
@dataclass(frozen=True)
class Touched:
    """The aggregate keys some documents contribute to."""

    dyads: frozenset[DyadKey] = frozenset()
    stances: frozenset[StanceKey] = frozenset()
    actors: frozenset[ActorKey] = frozenset()

    def __or__(self, other: Touched) -> Touched:
        return Touched(self.dyads | other.dyads, self.stances | other.stances, self.actors | other.actors)


def touched(conn: Connection, doc_ids: Sequence[str]) -> Touched:
    return Touched(
        frozenset(dyad_keys(conn, doc_ids)), frozenset(stance_keys(conn, doc_ids)), frozenset(actor_keys(conn, doc_ids))
    )


def refresh(conn: Connection, keys: Touched | None = None) -> None:
    """Recompute the aggregates for `keys`, or rebuild all of them when None."""
    refresh_dyads(conn, None if keys is None else keys.dyads)
    refresh_stances(conn, None if keys is None else keys.stances)
    refresh_actors(conn, None if keys is None else keys.actors)
