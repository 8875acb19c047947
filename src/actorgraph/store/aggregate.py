"""Daily aggregates of events and stances, kept exact by recomputing only what a write touched.

The analyses (dyads, tension series, stance matrix, network) read these small tables instead
of scanning every event, which is what keeps them under a second at a million events.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from sqlalchemy import and_, delete, false, func, insert, literal, select, tuple_
from sqlalchemy.engine import Connection

from actorgraph.store import schema

DyadKey = tuple[date, str, str]
StanceKey = tuple[date, str, str]
_CHUNK = 300


def stance_target_key() -> Any:
    """What a stance is about, as one string: an actor code, `event:ID` or `topic:WORDS`."""
    s = schema.stances.c
    return func.coalesce(s.target_code, literal("event:") + s.target_event, literal("topic:") + s.target_topic)


def dyad_keys(conn: Connection, doc_ids: Sequence[str]) -> set[DyadKey]:
    """The (day, source, target) keys the events of these documents contribute to."""
    keys: set[DyadKey] = set()
    e, d = schema.events.c, schema.event_dyads.c
    for start in range(0, len(doc_ids), _CHUNK):
        chunk = list(doc_ids[start : start + _CHUNK])
        rows = conn.execute(
            select(d.date, d.source_code, d.target_code)
            .join(schema.events, schema.events.c.id == d.event_id)
            .where(e.doc_id.in_(chunk), d.date.is_not(None))
            .distinct()
        )
        keys.update((r[0], r[1], r[2]) for r in rows)
    return keys


def stance_keys(conn: Connection, doc_ids: Sequence[str]) -> set[StanceKey]:
    keys: set[StanceKey] = set()
    s = schema.stances.c
    for start in range(0, len(doc_ids), _CHUNK):
        chunk = list(doc_ids[start : start + _CHUNK])
        rows = conn.execute(
            select(s.date, s.holder_code, stance_target_key())
            .where(s.doc_id.in_(chunk), s.date.is_not(None), s.holder_code.is_not(None))
            .distinct()
        )
        keys.update((r[0], r[1], r[2]) for r in rows)
    return keys


def refresh_dyads(conn: Connection, keys: Iterable[DyadKey] | None = None) -> None:
    """Recompute `dyad_daily` for `keys` (all of it when None)."""
    d = schema.event_dyads.c
    table = schema.dyad_daily
    source = (
        select(d.date, d.source_code, d.target_code, d.type, func.min(d.quad), func.count(), func.sum(d.intensity))
        .where(d.modality == "asserted", d.duplicate == false(), d.date.is_not(None))
        .group_by(d.date, d.source_code, d.target_code, d.type)
    )
    columns = ["day", "source_code", "target_code", "type", "quad", "events", "intensity"]
    if keys is None:
        conn.execute(delete(table))
        conn.execute(insert(table).from_select(columns, source))
        return
    keys = sorted(set(keys), key=str)
    for start in range(0, len(keys), _CHUNK):
        chunk = keys[start : start + _CHUNK]
        conn.execute(delete(table).where(tuple_(table.c.day, table.c.source_code, table.c.target_code).in_(chunk)))
        conn.execute(
            insert(table).from_select(columns, source.where(tuple_(d.date, d.source_code, d.target_code).in_(chunk)))
        )


def refresh_stances(conn: Connection, keys: Iterable[StanceKey] | None = None) -> None:
    """Recompute `stance_daily` for `keys` (all of it when None)."""
    s = schema.stances.c
    docs = schema.documents.c
    table = schema.stance_daily
    target = stance_target_key()
    source = (
        select(s.date, s.holder_code, target, s.polarity, func.count())
        .join(schema.documents, docs.id == s.doc_id)
        .where(docs.duplicate_of.is_(None), s.date.is_not(None), s.holder_code.is_not(None), target.is_not(None))
        .group_by(s.date, s.holder_code, target, s.polarity)
    )
    columns = ["day", "holder_code", "target_key", "polarity", "stances"]
    if keys is None:
        conn.execute(delete(table))
        conn.execute(insert(table).from_select(columns, source))
        return
    keys = sorted(set(keys), key=str)
    for start in range(0, len(keys), _CHUNK):
        chunk = keys[start : start + _CHUNK]
        conn.execute(delete(table).where(tuple_(table.c.day, table.c.holder_code, table.c.target_key).in_(chunk)))
        conn.execute(
            insert(table).from_select(
                columns, source.where(and_(tuple_(s.date, s.holder_code, target).in_(chunk)))
            )
        )
