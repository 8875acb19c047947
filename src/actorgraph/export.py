"""Exporting the store as flat files: CSV, JSON Lines or Parquet.

`export(store, what, fmt, out, window)` writes one of the store's tables (`documents`,
`actors`, `events`, `stances`, `quotes`) or `polecat`, a POLECAT-style event table (one row
per event, PLOVER fields, the codes, sectors and names of its actors joined with `;` so a
compound actor such as "Albania, Croatia and Kosovo" stays in one row, the evidence sentence
and the story it came from). Rows are streamed from the database in chunks, so a store of
a million events is exported in constant memory.

Every file is UTF-8. In CSV, lists are joined with `;` (positions kept: the n-th code belongs
to the n-th name, an empty string where an actor has no code), nested values (an actor's
mentions, an event's actor references) are JSON text, and cells holding newlines or commas
are quoted by the csv module so each record stays one CSV row. JSON Lines keeps lists and
nested values as JSON. Parquet (the optional `parquet` extra, pyarrow) has typed columns:
dates are dates, lists are lists of strings, nested values JSON text.
"""

from __future__ import annotations

import csv
import io
import json
import os
import sys
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import IO, Any, Literal

from sqlalchemy import Select, and_, func, or_, select

from actorgraph.analyze.query import Window
from actorgraph.analyze.read import EventQuery, event_day, events_select
from actorgraph.errors import ConfigError, OptionalDependencyError
from actorgraph.store import schema

What = Literal["documents", "actors", "events", "stances", "quotes", "polecat"]
Format = Literal["csv", "jsonl", "parquet"]
WHATS: tuple[str, ...] = ("documents", "actors", "events", "stances", "quotes", "polecat")
FORMATS: tuple[str, ...] = ("csv", "jsonl", "parquet")
CHUNK = 2000  # rows fetched from the database and written at a time
ROW_GROUP = 50_000  # rows per Parquet row group (kept in memory until written)

# What an export selects: a window (dates, actors, region) for any table, or for events and
# polecat a whole event filter of `analyze.read` (its type, dyad, words, duplicates too).
Scope = Window | EventQuery

# Kinds of column: how each is written in each format.
Kind = Literal["str", "int", "float", "bool", "date", "datetime", "list", "json"]


@dataclass(frozen=True)
class _Table:
    """One exportable table: its columns (name, kind), its query and its row conversion."""

    columns: tuple[tuple[str, Kind], ...]
    query: Callable[[Scope], Select[Any]]
    convert: Callable[[Mapping[str, Any]], dict[str, Any]]


# ---- window conditions --------------------------------------------------------------------------
def _code_sets(window: Window) -> list[list[str]]:
    """The sets of actor codes a row has to touch: the window's actors, and its region's states."""
    window = window.with_region_codes()
    sets = []
    if window.actors:
        sets.append(list(window.actors))
    if window.region:
        sets.append(list(window.region_codes) or ["-none-"])
    return sets


def _conditions(window: Window, day: Any, touches: Callable[[list[str]], Any] | None) -> list[Any]:
    """SQL conditions for a window: `day` within its dates, `touches(codes)` for each code set."""
    conditions = []
    if window.start:
        conditions.append(day >= window.start)
    if window.end:
        conditions.append(day <= window.end)
    if touches is not None:
        conditions.extend(touches(codes) for codes in _code_sets(window))
    return conditions


def _where(query: Select[Any], conditions: Sequence[Any]) -> Select[Any]:
    return query.where(and_(*conditions)) if conditions else query


# ---- the tables ---------------------------------------------------------------------------------
_d = schema.documents.c
_a = schema.actors.c
_e = schema.events.c
_s = schema.stances.c
_q = schema.quotes.c


def _plain(row: Mapping[str, Any]) -> dict[str, Any]:
    return dict(row)


DOCUMENT_COLUMNS: tuple[tuple[str, Kind], ...] = (
    ("id", "str"),
    ("source", "str"),
    ("url", "str"),
    ("title", "str"),
    ("published", "date"),
    ("byline", "str"),
    ("place_name", "str"),
    ("place_code", "str"),
    ("story_index", "int"),
    ("duplicate_of", "str"),
    ("containment", "float"),
    ("text_sha256", "str"),
    ("extractor", "str"),
    ("run_id", "int"),
    ("ingested_at", "datetime"),
    ("coded_at", "datetime"),
    ("text", "str"),
)


def _documents_query(window: Window) -> Select[Any]:
    def touches(codes: list[str]) -> Any:
        # an uncorrelated IN: the database builds the set of documents once (a correlated EXISTS
        # got planned as a scan of every such actor for every document)
        return _d.id.in_(select(_a.doc_id).where(_a.code.in_(codes)))

    query = select(*(_d[name] for name, _ in DOCUMENT_COLUMNS))
    return _where(query, _conditions(window, _d.published, touches)).order_by(_d.published, _d.id)


ACTOR_COLUMNS: tuple[tuple[str, Kind], ...] = (
    ("id", "str"),
    ("doc_id", "str"),
    ("code", "str"),
    ("sector", "str"),
    ("name", "str"),
    ("type", "str"),
    ("kb_id", "str"),
    ("score", "float"),
    ("reason", "str"),
    ("roles", "list"),
    ("first_seen", "date"),
    ("mention_count", "int"),
    ("mentions", "json"),
)


def _actors_query(window: Window) -> Select[Any]:
    query = select(
        _a.id, _a.doc_id, _a.code, _a.sector, _a.name, _a.type, _a.kb_id, _a.score, _a.reason, _a.roles,
        _a.first_seen, _a.mentions,
    )  # fmt: skip
    conditions = _conditions(window, _d.published, lambda codes: _a.code.in_(codes))
    if window.start or window.end:
        query = query.join(schema.documents, _d.id == _a.doc_id)
    return _where(query, conditions).order_by(_a.doc_id, _a.id)


def _actor_row(row: Mapping[str, Any]) -> dict[str, Any]:
    out = dict(row)
    out["mention_count"] = len(row["mentions"] or ())
    return out


EVENT_COLUMNS: tuple[tuple[str, Kind], ...] = (
    ("id", "str"),
    ("doc_id", "str"),
    ("date", "date"),
    ("type", "str"),
    ("mode", "str"),
    ("quad", "str"),
    ("intensity", "float"),
    ("modality", "str"),
    ("context", "list"),
    ("source_codes", "list"),
    ("target_codes", "list"),
    ("source", "json"),
    ("target", "json"),
    ("location_name", "str"),
    ("location_code", "str"),
    ("location_lat", "float"),
    ("location_lon", "float"),
    ("location_admin1", "str"),
    ("counts", "json"),
    ("confidence", "float"),
    ("extractor", "str"),
    ("evidence_start", "int"),
    ("evidence_end", "int"),
    ("evidence_text", "str"),
)


def _event_query(scope: Scope) -> EventQuery:
    """The events of a window, or an event filter as it is: `analyze.read` decides which count."""
    return scope if isinstance(scope, EventQuery) else EventQuery.from_window(scope)


def _events_query(scope: Scope) -> Select[Any]:
    query = events_select(_event_query(scope),
        _e.id, _e.doc_id, _e.date, _e.type, _e.mode, _e.quad, _e.intensity, _e.modality, _e.context, _e.source,
        _e.target, _e.location_name, _e.location_code, _e.location_lat, _e.location_lon, _e.location_admin1,
        _e.counts, _e.confidence, _e.extractor, _e.evidence_start,
        _e.evidence_end, _e.evidence_text,
    )  # fmt: skip
    return query.order_by(_d.published, _e.doc_id, _e.evidence_start, _e.id)


def _refs(refs: Any) -> list[dict[str, Any]]:
    return [r for r in refs or () if isinstance(r, dict)]


def _event_row(row: Mapping[str, Any]) -> dict[str, Any]:
    out = dict(row)
    out["context"] = list(row["context"] or ())
    out["source_codes"] = [r.get("code") for r in _refs(row["source"])]
    out["target_codes"] = [r.get("code") for r in _refs(row["target"])]
    return out


STANCE_COLUMNS: tuple[tuple[str, Kind], ...] = (
    ("id", "str"),
    ("doc_id", "str"),
    ("date", "date"),
    ("holder_code", "str"),
    ("holder_sector", "str"),
    ("holder_name", "str"),
    ("polarity", "str"),
    ("target_kind", "str"),
    ("target_code", "str"),
    ("target_name", "str"),
    ("target_event", "str"),
    ("target_topic", "str"),
    ("confidence", "float"),
    ("extractor", "str"),
    ("evidence_start", "int"),
    ("evidence_end", "int"),
    ("evidence_text", "str"),
)


def _stances_query(window: Window) -> Select[Any]:
    query = select(*(_s[name] for name, _ in STANCE_COLUMNS))
    day: Any = _s.date
    if window.start or window.end:
        query = query.join(schema.documents, _d.id == _s.doc_id)
        day = func.coalesce(_s.date, _d.published)
    conditions = _conditions(window, day, lambda codes: or_(_s.holder_code.in_(codes), _s.target_code.in_(codes)))
    return _where(query, conditions).order_by(_s.doc_id, _s.evidence_start, _s.id)


QUOTE_COLUMNS: tuple[tuple[str, Kind], ...] = (
    ("id", "str"),
    ("doc_id", "str"),
    ("date", "date"),
    ("speaker_code", "str"),
    ("speaker_sector", "str"),
    ("speaker_name", "str"),
    ("speaker_text", "str"),
    ("cue", "str"),
    ("direct", "bool"),
    ("content_start", "int"),
    ("content_end", "int"),
    ("content", "str"),
    ("evidence_start", "int"),
    ("evidence_end", "int"),
    ("evidence_text", "str"),
)


def _quotes_query(window: Window) -> Select[Any]:
    query = select(*(_q[name] for name, _ in QUOTE_COLUMNS))
    day: Any = _q.date
    if window.start or window.end:
        query = query.join(schema.documents, _d.id == _q.doc_id)
        day = func.coalesce(_q.date, _d.published)
    conditions = _conditions(window, day, lambda codes: _q.speaker_code.in_(codes))
    return _where(query, conditions).order_by(_q.doc_id, _q.evidence_start, _q.id)


POLECAT_COLUMNS: tuple[tuple[str, Kind], ...] = (
    ("event_id", "str"),
    ("story_id", "str"),
    ("story_date", "date"),
    ("event_date", "date"),
    ("event_type", "str"),
    ("event_mode", "str"),
    ("contexts", "str"),
    ("source_actors", "str"),
    ("source_codes", "str"),
    ("source_sectors", "str"),
    ("target_actors", "str"),
    ("target_codes", "str"),
    ("target_sectors", "str"),
    ("modality", "str"),
    ("quad_category", "str"),
    ("intensity", "float"),
    ("location_name", "str"),
    ("location_code", "str"),
    ("latitude", "float"),
    ("longitude", "float"),
    ("admin1", "str"),
    ("counts", "json"),
    ("confidence", "float"),
    ("extractor", "str"),
    ("evidence", "str"),
    ("evidence_start", "int"),
    ("evidence_end", "int"),
    ("url", "str"),
    ("source", "str"),
    ("duplicate_of", "str"),  # the story this one repeats: count its events once
)


def _polecat_query(scope: Scope) -> Select[Any]:
    query = events_select(_event_query(scope),
        _e.id.label("event_id"), _e.doc_id.label("story_id"), _d.published.label("story_date"),
        event_day().label("event_date"), _e.type, _e.mode, _e.context, _e.source.label("event_source"), _e.target,
        _e.modality, _e.quad, _e.intensity, _e.location_name, _e.location_code, _e.location_lat, _e.location_lon,
        _e.location_admin1, _e.counts, _e.confidence, _e.extractor,
        _e.evidence_text, _e.evidence_start, _e.evidence_end, _d.url, _d.source.label("document_source"),
        _d.duplicate_of,
    )  # fmt: skip
    return query.order_by(_d.published, _e.doc_id, _e.evidence_start, _e.id)


def _joined(values: Sequence[Any]) -> str:
    """`;`-joined, positions kept (an empty string stands for a missing value)."""
    return ";".join("" if v is None else str(v).replace(";", ",") for v in values)


def _polecat_row(row: Mapping[str, Any]) -> dict[str, Any]:
    sources, targets = _refs(row["event_source"]), _refs(row["target"])
    return {
        "event_id": row["event_id"],
        "story_id": row["story_id"],
        "story_date": row["story_date"],
        "event_date": row["event_date"],
        "event_type": row["type"],
        "event_mode": row["mode"],
        "contexts": _joined(row["context"] or ()),
        "source_actors": _joined([r.get("name") for r in sources]),
        "source_codes": _joined([r.get("code") for r in sources]),
        "source_sectors": _joined([r.get("sector") for r in sources]),
        "target_actors": _joined([r.get("name") for r in targets]),
        "target_codes": _joined([r.get("code") for r in targets]),
        "target_sectors": _joined([r.get("sector") for r in targets]),
        "modality": row["modality"],
        "quad_category": row["quad"],
        "intensity": row["intensity"],
        "location_name": row["location_name"],
        "location_code": row["location_code"],
        "latitude": row["location_lat"],
        "longitude": row["location_lon"],
        "admin1": row["location_admin1"],
        "counts": row["counts"],
        "confidence": row["confidence"],
        "extractor": row["extractor"],
        "evidence": row["evidence_text"],
        "evidence_start": row["evidence_start"],
        "evidence_end": row["evidence_end"],
        "url": row["url"],
        "source": row["document_source"],
        "duplicate_of": row["duplicate_of"],
    }


def _windowed(query: Callable[[Window], Select[Any]]) -> Callable[[Scope], Select[Any]]:
    """A table that is not events takes of an event filter only its dates and actors."""
    def run(scope: Scope) -> Select[Any]:
        if isinstance(scope, EventQuery):
            scope = Window(scope.since, scope.until, scope.actors)
        return query(scope)

    return run


TABLES: dict[str, _Table] = {
    "documents": _Table(DOCUMENT_COLUMNS, _windowed(_documents_query), _plain),
    "actors": _Table(ACTOR_COLUMNS, _windowed(_actors_query), _actor_row),
    "events": _Table(EVENT_COLUMNS, _events_query, _event_row),
    "stances": _Table(STANCE_COLUMNS, _windowed(_stances_query), _plain),
    "quotes": _Table(QUOTE_COLUMNS, _windowed(_quotes_query), _plain),
    "polecat": _Table(POLECAT_COLUMNS, _polecat_query, _polecat_row),
}


def columns(what: str) -> list[str]:
    """The column names an export of `what` writes, in order."""
    return [name for name, _ in _table(what).columns]


def query(what: str, window: Scope = Window()) -> Select[Any]:  # noqa: B008 (frozen dataclass)
    """The SQL query an export of `what` runs (before its rows are converted)."""
    return _table(what).query(window)


def count(store: Any, what: str, window: Scope = Window()) -> int:  # noqa: B008 (frozen dataclass)
    """How many rows an export of `what` in `window` would write."""
    sub = query(what, window).order_by(None).subquery()
    with store.engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(sub)).scalar_one())


def _table(what: str) -> _Table:
    if what not in TABLES:
        raise ConfigError(f"cannot export {what!r}: use one of {', '.join(WHATS)}")
    return TABLES[what]


# ---- reading --------------------------------------------------------------------------------------
def _utc(value: datetime) -> datetime:
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def _chunks(store: Any, table: _Table, window: Scope, chunk: int) -> Iterator[list[dict[str, Any]]]:
    """The rows of a table, `chunk` at a time, from a streaming cursor (server-side where there is one)."""
    datetimes = [name for name, kind in table.columns if kind == "datetime"]
    with store.engine.connect() as conn:
        result = conn.execution_options(stream_results=True, yield_per=chunk).execute(table.query(window))
        for part in result.mappings().partitions(chunk):
            rows = [table.convert(row) for row in part]
            for row in rows:
                for name in datetimes:
                    if row.get(name) is not None:
                        row[name] = _utc(row[name])
            yield rows


# ---- writing --------------------------------------------------------------------------------------
def _csv_converter(kind: Kind) -> Callable[[Any], str] | None:
    """How a non-null value of a kind becomes a CSV cell (None: as it is; the csv module writes
    None as an empty cell, numbers with repr, and quotes cells holding commas, quotes or newlines)."""
    if kind == "list":
        return _joined
    if kind == "json":
        return lambda value: json.dumps(value, ensure_ascii=False, default=str)
    if kind == "bool":
        return lambda value: "true" if value else "false"
    if kind in ("date", "datetime"):
        return lambda value: value.isoformat()
    return None


def _json_default(value: Any) -> Any:
    if isinstance(value, date | datetime):
        return value.isoformat()
    return str(value)


class _CsvWriter:
    def __init__(self, stream: IO[str], cols: Sequence[tuple[str, Kind]]) -> None:
        self.names = [name for name, _ in cols]
        self.convert = [(i, f) for i, (_, kind) in enumerate(cols) if (f := _csv_converter(kind)) is not None]
        self.writer = csv.writer(stream)
        self.writer.writerow(self.names)

    def write(self, rows: list[dict[str, Any]]) -> None:
        out = []
        for row in rows:
            values = [row.get(name) for name in self.names]
            for index, convert in self.convert:
                if values[index] is not None:
                    values[index] = convert(values[index])
            out.append(values)
        self.writer.writerows(out)

    def close(self) -> None:
        pass


class _JsonlWriter:
    def __init__(self, stream: IO[str], cols: Sequence[tuple[str, Kind]]) -> None:
        self.stream = stream
        self.names = [name for name, _ in cols]

    def write(self, rows: list[dict[str, Any]]) -> None:
        self.stream.write(
            "".join(
                json.dumps({name: row.get(name) for name in self.names}, ensure_ascii=False, default=_json_default)
                + "\n"
                for row in rows
            )
        )

    def close(self) -> None:
        pass


def _pyarrow() -> tuple[Any, Any]:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as exc:
        raise OptionalDependencyError("Parquet export", "parquet") from exc
    return pa, pq


def arrow_schema(cols: Sequence[tuple[str, Kind]]) -> Any:
    """The Arrow schema of a table's columns: dates as dates, lists as lists of strings, nested values JSON text."""
    pa, _pq = _pyarrow()
    types = {
        "str": pa.string(),
        "int": pa.int64(),
        "float": pa.float64(),
        "bool": pa.bool_(),
        "date": pa.date32(),
        "datetime": pa.timestamp("us", tz="UTC"),
        "list": pa.list_(pa.string()),
        "json": pa.string(),
    }
    return pa.schema([(name, types[kind]) for name, kind in cols])


def arrow_batch(rows: Sequence[Mapping[str, Any]], cols: Sequence[tuple[str, Kind]], schema: Any) -> Any:
    """Rows (as an export converts them) as one Arrow record batch of `schema`."""
    pa, _pq = _pyarrow()
    arrays = []
    for (name, kind), field in zip(cols, schema, strict=True):
        values = [row.get(name) for row in rows]
        if kind == "json":
            values = [None if v is None else json.dumps(v, ensure_ascii=False, default=str) for v in values]
        elif kind == "list":
            values = [None if v is None else [None if x is None else str(x) for x in v] for v in values]
        arrays.append(pa.array(values, type=field.type))
    return pa.RecordBatch.from_arrays(arrays, schema=schema)


class _ParquetWriter:
    def __init__(self, path: Path, cols: Sequence[tuple[str, Kind]]) -> None:
        pa, pq = _pyarrow()
        self.pa = pa
        self.cols = cols
        self.schema = arrow_schema(cols)
        self.writer = pq.ParquetWriter(str(path), self.schema, compression="zstd")
        self.batches: list[Any] = []
        self.buffered = 0

    def write(self, rows: list[dict[str, Any]]) -> None:
        self.batches.append(arrow_batch(rows, self.cols, self.schema))
        self.buffered += len(rows)
        if self.buffered >= ROW_GROUP:
            self._flush()

    def _flush(self) -> None:
        if self.batches:
            self.writer.write_table(self.pa.Table.from_batches(self.batches, schema=self.schema))
        self.batches, self.buffered = [], 0

    def close(self) -> None:
        self._flush()
        self.writer.close()


@contextmanager
def _text_output(out: str | Path | IO[str]) -> Iterator[IO[str]]:
    """A UTF-8 text stream for `out`: stdout for "-", a stream as given, or a file written atomically."""
    if out == "-":
        sys.stdout.flush()
        stream = io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8", newline="")
        try:
            yield stream
        finally:
            stream.flush()
            stream.detach()  # leave sys.stdout open
        return
    if not isinstance(out, str | Path):
        yield out
        return
    with _atomic(Path(out)) as part, part.open("w", encoding="utf-8", newline="") as stream:
        yield stream


@contextmanager
def _atomic(path: Path) -> Iterator[Path]:
    """A temporary file beside `path` that replaces it only once it has been written completely."""
    part = path.with_name(path.name + ".part")
    try:
        yield part
        os.replace(part, path)
    finally:
        part.unlink(missing_ok=True)


def export(
    store: Any,
    what: str,
    fmt: str,
    out: str | Path | IO[str],
    window: Scope = Window(),  # noqa: B008 (frozen dataclass: immutable default)
    *,
    chunk: int = CHUNK,
) -> int:
    """Write `what` from the store to `out` as `fmt` (csv, jsonl or parquet); return the rows written.

    `out` is a path, "-" for stdout (csv and jsonl), or an open text stream. The window's
    dates select documents by their publication date, events by their date (else their
    story's), stances and quotes by their story's date; its actor codes (and its region's
    states) select documents mentioning them, actors with those codes, events with such a
    source or target, stances whose holder or target has one, quotes whose speaker has one.
    Events (and polecat rows) are read through `analyze.read`: events of duplicate stories are
    left out unless an `EventQuery` with `include_duplicates` is given, as on the API and the
    dashboard, and an `EventQuery` also filters by type, dyad, words and the rest.
    """
    table = _table(what)
    if fmt not in FORMATS:
        raise ConfigError(f"cannot write {fmt!r}: use one of {', '.join(FORMATS)}")
    written = 0
    if fmt == "parquet":
        if not isinstance(out, str | Path) or out == "-":
            raise ConfigError("Parquet is written to a file: give --out PATH")
        _pyarrow()  # fail before anything is written
        with _atomic(Path(out)) as part:
            parquet = _ParquetWriter(part, table.columns)
            try:
                for rows in _chunks(store, table, window, chunk):
                    parquet.write(rows)
                    written += len(rows)
            finally:
                parquet.close()
        return written
    with _text_output(out) as stream:
        writer = _CsvWriter(stream, table.columns) if fmt == "csv" else _JsonlWriter(stream, table.columns)
        for rows in _chunks(store, table, window, chunk):
            writer.write(rows)
            written += len(rows)
        writer.close()
    return written


# ---- tables in memory (actorgraph.frames) ---------------------------------------------------------
def table_columns(what: str) -> tuple[tuple[str, Kind], ...]:
    """The columns (name, kind) an export of `what` writes."""
    return _table(what).columns


def converted(what: str, row: Mapping[str, Any]) -> dict[str, Any]:
    """A row of the store's table as an export of `what` writes it."""
    return _table(what).convert(row)


def store_rows(store: Any, what: str, window: Scope = Window()) -> Iterator[dict[str, Any]]:  # noqa: B008
    """The converted rows of an export of `what`, streamed."""
    for rows in _chunks(store, _table(what), window, CHUNK):
        yield from rows
