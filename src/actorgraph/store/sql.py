"""SQLAlchemy implementation of the store for SQLite and PostgreSQL."""

from __future__ import annotations

import os
import random
import socket
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import quote

from sqlalchemy import Engine, create_engine, delete, event, func, insert, inspect, or_, select, update
from sqlalchemy.engine import URL, Connection, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, OperationalError

from actorgraph.dedupe import Known, fingerprints
from actorgraph.errors import ConfigError, OptionalDependencyError, SchemaVersionError, StoreError
from actorgraph.store import schema
from actorgraph.store.aggregate import refresh, touched
from actorgraph.store.faults import explain_errors, lost_race, postgres_problem, sqlite_problem
from actorgraph.store.migrate import Revision, revision_of, upgrade
from actorgraph.types import Document, Place, Skipped

T = TypeVar("T")
_CHUNK = 500
# A writer that lost a race runs its transaction again, this many times in all.
_ATTEMPTS = 6
# Any fixed number will do: PostgreSQL advisory locks are named by a 64-bit integer per database.
_WRITE_LOCK = 0x6163746F72677270  # "actorgrp"
# Tables holding the rows of a document, in the order they are written.
DOCUMENT_TABLES = ("documents", "fingerprints", "actors", "events", "event_dyads", "stances", "quotes")


def _now() -> datetime:
    return datetime.now(UTC)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class SqlStore:
    """Documents, actors, events, stances, quotes and runs in one SQL database."""

    dialect = "generic"

    def __init__(self, engine: Engine, url: str, *, where: str, readonly: bool = False) -> None:
        self.engine = engine
        self.url = url
        # The store as messages name it (the file, or the URL without its password).
        self.where = where
        # Opened so that nothing can be written: the database itself refuses every write.
        self.readonly = readonly

    # ---- the schema -----------------------------------------------------------------------------
    def revision(self) -> Revision:
        """Where the schema stands against this code's migrations (reads only)."""
        with self.engine.connect() as conn:
            found = revision_of(conn)
            if found.state == "new":
                self._check_ours(conn)
        return found

    def _ready(self, create: bool) -> None:
        """Check that the schema is this code's; create it in a new store when `create` allows.

        A store at the newest revision is told by reading alone, so a read-only store can be read.
        A store behind or ahead is refused, never migrated: only `actorgraph db upgrade` does that.
        A new store is created in one transaction under the write lock, so several processes may
        open it at once: whoever gets the lock second reads the revision again and finds it done.
        """
        found = self.revision()
        if found.state == "current":
            return
        if found.state != "new" or not create:
            raise self._refusal(found)
        with self._locked() as conn:
            again = revision_of(conn)
            if again.state == "new":
                upgrade(conn)
            elif again.state != "current":
                raise self._refusal(again)

    def upgrade_schema(self) -> tuple[Revision, Revision]:
        """Migrate the schema to the newest revision (`actorgraph db upgrade`); return before and after.

        One transaction under the write lock, as for a new store. A store ahead of this code is left alone.
        """
        before = self.revision()
        if before.state == "ahead":
            raise self._refusal(before)
        if before.state != "current":
            with self._locked() as conn:
                upgrade(conn)
        return before, self.revision()

    def _refusal(self, found: Revision) -> StoreError:
        """Why the store cannot be used as it stands, and what to do about it, in one line."""
        head, current = ", ".join(found.head), ", ".join(found.current)
        if found.state == "behind":
            return SchemaVersionError(
                f"the store {self.where} has schema revision {current}, older than this actorgraph's {head}: "
                "run `actorgraph db upgrade` (with the same --db) to migrate it, after a backup",
                behind=True,
            )
        if found.state == "ahead":
            return SchemaVersionError(
                f"the store {self.where} has schema revision {current}, newer than this actorgraph knows "
                f"(its newest is {head}): upgrade actorgraph to use it",
                behind=False,
            )
        return StoreError(
            f"the store {self.where} has no actorgraph schema yet: create it with `actorgraph db upgrade` "
            "or `actorgraph ingest`"
        )

    # ---- writers take turns -------------------------------------------------------------------
    def _check_ours(self, conn: Connection) -> None:
        """Refuse to add our tables to a database that holds someone else's (where that matters)."""

    def _lock(self, conn: Connection) -> None:
        """Take the store's write lock in `conn`'s new transaction; it is held until the end of it."""

    @contextmanager
    def _locked(self) -> Iterator[Connection]:
        """A transaction holding the write lock: one writer at a time, readers never wait.

        Every write that recomputes aggregates reads them first: two of those interleaved would each
        miss the other's rows (or insert the same key twice), so writers go one after the other.
        """
        with self.engine.begin() as conn:
            self._lock(conn)
            yield conn

    def _write(self, work: Callable[[Connection], T]) -> T:
        """Run `work` in a locked transaction, again if it lost a race to another writer."""
        for attempt in range(1, _ATTEMPTS + 1):
            try:
                with self._locked() as conn:
                    return work(conn)
            except DBAPIError as exc:
                if attempt == _ATTEMPTS or not lost_race(exc.orig):
                    raise
                # Random waits, so that two writers that collided do not collide again.
                time.sleep(random.uniform(0.01, 0.05) * 2**attempt)
        raise AssertionError("unreachable: the last attempt returns or raises")

    # ---- runs ---------------------------------------------------------------------------------
    def begin_run(self, command: str, inputs: Sequence[str], extractor: str) -> int:
        """Record the start of a run (with this process's id, to tell killed runs later)."""
        with self.engine.begin() as conn:
            result = conn.execute(
                insert(schema.runs).values(
                    command=command,
                    started_at=_now(),
                    status="running",
                    extractor=extractor,
                    inputs=list(inputs),
                    counts={},
                    skipped=[],
                    pid=os.getpid(),
                    host=socket.gethostname(),
                )
            )
            key = result.inserted_primary_key
            assert key is not None  # an INSERT of one row always has one
            return int(key[0])

    def finish_run(
        self,
        run_id: int,
        status: str,
        counts: dict[str, int],
        skipped: Iterable[Skipped],
        message: str | None = None,
    ) -> None:
        with self.engine.begin() as conn:
            conn.execute(
                update(schema.runs)
                .where(schema.runs.c.id == run_id)
                .values(
                    finished_at=_now(),
                    status=status,
                    counts=counts,
                    skipped=[{"input": s.input, "reason": s.reason} for s in skipped],
                    message=message,
                )
            )

    def recover_runs(self) -> list[int]:
        """Mark runs of this host whose process is gone as 'interrupted'; return their ids."""
        host = socket.gethostname()
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(schema.runs.c.id, schema.runs.c.pid, schema.runs.c.host).where(schema.runs.c.status == "running")
            ).all()
        stale = [run_id for run_id, pid, run_host in rows if run_host == host and pid and not _alive(pid)]
        if stale:
            with self.engine.begin() as conn:
                conn.execute(
                    update(schema.runs)
                    .where(schema.runs.c.id.in_(stale), schema.runs.c.status == "running")
                    .values(status="interrupted", message="the process ended before the run finished (killed?)")
                )
        return stale

    def runs(self, limit: int = 20) -> list[dict[str, Any]]:
        with self.engine.connect() as conn:
            rows = conn.execute(select(schema.runs).order_by(schema.runs.c.id.desc()).limit(limit))
            return [dict(row._mapping) for row in rows]

    # ---- documents ------------------------------------------------------------------------------
    def existing_ids(self, ids: Iterable[str]) -> set[str]:
        """Which of `ids` are already stored."""
        with self.engine.connect() as conn:
            return _existing(conn, list(dict.fromkeys(ids)))

    def similar(self, texts: dict[str, str], min_share: float = 0.3) -> list[Known]:
        """Stored documents that may contain, or be contained in, the given texts.

        Candidates share at least `min_share` of the smaller side's fingerprints; the exact
        decision is left to `dedupe.mark_duplicates`.
        """
        hits: set[str] = set()
        with self.engine.connect() as conn:
            for text in texts.values():
                values = fingerprints(text)
                if not values:
                    continue
                counts: dict[str, int] = {}
                for start in range(0, len(values), _CHUNK):
                    query = (
                        select(schema.fingerprints.c.doc_id, func.count())
                        .where(schema.fingerprints.c.hash.in_(values[start : start + _CHUNK]))
                        .group_by(schema.fingerprints.c.doc_id)
                    )
                    for other, n in conn.execute(query):
                        counts[other] = counts.get(other, 0) + int(n)
                hits.update(
                    other
                    for other, n in counts.items()
                    if other not in texts and (n >= max(1, min_share * len(values)) or n >= 8)
                )
            if not hits:
                return []
            docs = schema.documents.c
            rows = conn.execute(
                select(docs.id, docs.text, docs.published, docs.date_source).where(docs.id.in_(list(hits)))
            )
            return [Known(row.id, row.text, row.published, date_source=row.date_source) for row in rows]

    def write(
        self, rows: dict[str, list[dict[str, Any]]], doc_ids: Sequence[str], *, replace: bool = True
    ) -> set[str]:
        """Write the rows of some documents in one transaction; return the ids of those written.

        With `replace` (re-coding), a stored document's rows are replaced. Without it, a document
        found stored is left alone and its new rows dropped: another run stored it since this one
        looked, and only what a run wrote itself is its own to report.

        The daily aggregates are recomputed for exactly the days and dyads the old and the new
        rows touch, in the same transaction, so a reader never sees them disagree.
        """

        def work(conn: Connection) -> set[str]:
            ids = list(dict.fromkeys(doc_ids))
            values = rows
            if not replace:
                taken = _existing(conn, ids)
                ids = [doc_id for doc_id in ids if doc_id not in taken]
                values = _without(rows, taken)
            before = touched(conn, ids)
            self._delete_documents(conn, ids)
            _insert_rows(conn, values)
            refresh(conn, before | touched(conn, ids))
            return set(ids)

        return self._write(work)

    def bulk_insert(self, rows: dict[str, list[dict[str, Any]]]) -> None:
        """Append rows without touching the aggregates (for bulk loads; call `rebuild_aggregates`)."""
        self._write(lambda conn: _insert_rows(conn, rows))

    def rebuild_aggregates(self) -> None:
        """Recompute every aggregate from the events and stances."""
        self._write(refresh)

    def mark_duplicate(self, doc_id: str, duplicate_of: str, share: float) -> None:
        """Record that a stored document turned out to duplicate another one."""
        self._write(lambda conn: _mark_duplicate(conn, doc_id, duplicate_of, share))

    def documents_to_recode(self, extractor: str, *, everything: bool = False, limit: int | None = None) -> Iterator[Document]:
        """Stored stories coded by another extractor (or all), rebuilt from their stored text."""
        d = schema.documents.c
        query = select(schema.documents).order_by(d.ingested_at, d.id)
        if not everything:
            query = query.where(or_(d.extractor.is_(None), d.extractor != extractor))
        if limit is not None:
            query = query.limit(limit)
        with self.engine.connect() as conn:
            for row in conn.execute(query).mappings():
                yield document_of(row)

    def count(self, table: str) -> int:
        with self.engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(schema.metadata.tables[table])).scalar_one())

    def _delete_documents(self, conn: Connection, doc_ids: Sequence[str]) -> None:
        for start in range(0, len(doc_ids), _CHUNK):
            ids = list(doc_ids[start : start + _CHUNK])
            event_ids = select(schema.events.c.id).where(schema.events.c.doc_id.in_(ids))
            conn.execute(delete(schema.event_dyads).where(schema.event_dyads.c.event_id.in_(event_ids)))
            for table in (schema.events, schema.stances, schema.quotes, schema.actors, schema.fingerprints):
                conn.execute(delete(table).where(table.c.doc_id.in_(ids)))
            conn.execute(delete(schema.documents).where(schema.documents.c.id.in_(ids)))

    def close(self) -> None:
        self.engine.dispose()


def document_of(row: Any) -> Document:
    """A stored document row back into a `Document`."""
    place = Place(row["place_name"], row["place_code"]) if row["place_name"] else None
    return Document(
        id=row["id"],
        source=row["source"],
        text=row["text"],
        title=row["title"],
        published=row["published"],
        byline=row["byline"],
        place=place,
        url=row["url"],
        headings=tuple(tuple(h) for h in row["headings"] or ()),
        story_index=row["story_index"],
        duplicate_of=row["duplicate_of"],
        containment=row["containment"],
        # re-coding keeps how the story's date was found (absent from stores before 0009)
        date_source=row.get("date_source"),
    )


def _existing(conn: Connection, ids: Sequence[str]) -> set[str]:
    found: set[str] = set()
    for start in range(0, len(ids), _CHUNK):
        chunk = list(ids[start : start + _CHUNK])
        found.update(conn.execute(select(schema.documents.c.id).where(schema.documents.c.id.in_(chunk))).scalars())
    return found


def _without(rows: dict[str, list[dict[str, Any]]], doc_ids: set[str]) -> dict[str, list[dict[str, Any]]]:
    """`rows` less those of the documents `doc_ids` (event dyads go with their events)."""
    if not doc_ids:
        return rows
    events = {row["id"] for row in rows.get("events", ()) if row["doc_id"] in doc_ids}

    def kept(table: str, row: dict[str, Any]) -> bool:
        if table == "documents":
            return row["id"] not in doc_ids
        if table == "event_dyads":
            return row["event_id"] not in events
        return row["doc_id"] not in doc_ids

    return {table: [row for row in values if kept(table, row)] for table, values in rows.items()}


def _insert_rows(conn: Connection, rows: dict[str, list[dict[str, Any]]]) -> None:
    for table in DOCUMENT_TABLES:
        values = rows.get(table)
        if values:
            conn.execute(insert(schema.metadata.tables[table]), values)


def _mark_duplicate(conn: Connection, doc_id: str, duplicate_of: str, share: float) -> None:
    documents = schema.documents
    conn.execute(update(documents).where(documents.c.id == doc_id).values(duplicate_of=duplicate_of, containment=share))
    event_ids = select(schema.events.c.id).where(schema.events.c.doc_id == doc_id)
    conn.execute(update(schema.event_dyads).where(schema.event_dyads.c.event_id.in_(event_ids)).values(duplicate=True))
    refresh(conn, touched(conn, [doc_id]))


class SqliteStore(SqlStore):
    """An SQLite file in WAL mode: many readers, one writer, crash-safe commits."""

    dialect = "sqlite"

    def __init__(self, url: str, *, readonly: bool = False, create: bool = True) -> None:
        self.file = _sqlite_file(url)
        parsed = make_url(url)
        readonly = readonly or parsed.query.get("mode") == "ro"
        if not create and self.file != ":memory:" and not Path(self.file).exists():
            # SQLite would create an empty file on connecting; only the creating commands may.
            raise StoreError(
                f"there is no store at {self.file}: create it with `actorgraph ingest` or `actorgraph db upgrade`"
            )
        # Read-only through SQLite's own `mode=ro`, not the file's permissions: those do not stop
        # root, and a reader must not write whoever runs it.
        engine = create_engine(_read_only(parsed) if readonly else parsed, connect_args={"timeout": 30})
        explain_errors(engine, self.file, sqlite_problem)

        @event.listens_for(engine, "connect")
        def _pragmas(dbapi_connection: Any, _record: Any) -> None:
            cursor = dbapi_connection.cursor()
            if not readonly:  # setting the journal mode is a write; a store made here is in WAL already
                cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA busy_timeout=30000")
            cursor.close()

        super().__init__(engine, url, where=self.file, readonly=readonly)

    def _lock(self, conn: Connection) -> None:
        # The driver would begin the transaction only at the first INSERT, after the reads it
        # depends on, and then as a reader that may not become a writer if another one committed
        # meanwhile. IMMEDIATE takes the write lock first (waiting for it up to the busy timeout).
        conn.exec_driver_sql("BEGIN IMMEDIATE")

    def _check_ours(self, conn: Connection) -> None:
        tables = sorted(inspect(conn).get_table_names())
        if tables and "alembic_version" not in tables:
            shown = ", ".join(tables[:3]) + (", ..." if len(tables) > 3 else "")
            raise StoreError(f"the store {self.file} is not an actorgraph store: it holds other tables ({shown})")


def _read_only(parsed: URL) -> URL:
    """The same SQLite database as a `file:` URI opened with `mode=ro`."""
    database = parsed.database or ""
    if not database.startswith("file:"):
        # Percent-escaped: in a URI, '?', '#' and '%' in a file name would mean something else.
        database = "file:" + quote(str(Path(database).resolve()), safe="/")
    return parsed.set(database=database, query={**parsed.query, "mode": "ro", "uri": "true"})


def _sqlite_file(url: str) -> str:
    """The file an SQLite URL names, as a user would write it (also for `file:...?mode=ro` URIs)."""
    database = make_url(url).database or ":memory:"
    return database.removeprefix("file:").split("?", 1)[0]


class PostgresStore(SqlStore):
    """A PostgreSQL database shared by a team."""

    dialect = "postgresql"

    def __init__(self, url: str, *, readonly: bool = False, create: bool = True) -> None:
        del create  # a database of the cluster is made by its administrator, never by us
        try:
            import psycopg  # noqa: F401
        except ImportError as exc:
            raise OptionalDependencyError("PostgreSQL storage", "postgres") from exc
        if url.startswith(("postgresql://", "postgres://")):
            url = "postgresql+psycopg://" + url.split("://", 1)[1]
        # A reader's sessions are read-only on the server's side too: a write is refused as read-only (25006).
        options = {"options": "-c default_transaction_read_only=on"} if readonly else {}
        engine = create_engine(url, pool_pre_ping=True, connect_args=options)
        where = make_url(url).render_as_string(hide_password=True)
        explain_errors(engine, where, postgres_problem)
        super().__init__(engine, url, where=where, readonly=readonly)

    def _lock(self, conn: Connection) -> None:
        # Held until the transaction ends; other databases of the cluster have locks of their own.
        conn.execute(select(func.pg_advisory_xact_lock(_WRITE_LOCK)))


def open_store(url: str, *, create: bool = True, readonly: bool = False) -> SqlStore:
    """Open the store at `url`, whose schema must be this code's: a store behind or ahead is refused.

    `create`: a new store (no file, or a database without tables) is made at the newest schema;
    what `ingest`, `demo`, `watch` and the Python API want. Without it a missing store is an error.
    `readonly`: nothing can be written (SQLite's `mode=ro`, PostgreSQL read-only sessions); for
    the commands that only read. Implies not `create`.
    """
    for attempt in range(_OPEN_ATTEMPTS):
        store = connect(url, create=create and not readonly, readonly=readonly)
        try:
            store._ready(create=create and not readonly)
        except DBAPIError as exc:
            store.close()
            # Two processes making the same new SQLite file: the one that loses may be told "locked"
            # at once (switching the journal to WAL takes no busy wait); the store is being made.
            if attempt + 1 == _OPEN_ATTEMPTS or not lost_race(exc.orig):
                raise
            time.sleep(0.05 * 2**attempt + random.random() * 0.05)
            continue
        except BaseException:
            store.close()
            raise
        return store
    raise AssertionError("unreachable")  # the loop returns or raises


_OPEN_ATTEMPTS = 6


def connect(url: str, *, create: bool = False, readonly: bool = False) -> SqlStore:
    """The store at `url` as it is, its schema neither checked nor changed (`db current`, `db upgrade`)."""
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise ConfigError(f"not a database URL: {url!r} (use sqlite:///FILE or postgresql://...)") from exc
    try:
        if parsed.get_backend_name() == "sqlite":
            return SqliteStore(url, readonly=readonly, create=create)
        if parsed.get_backend_name() in ("postgresql", "postgres"):
            return PostgresStore(url, readonly=readonly, create=create)
    except OperationalError as exc:
        where = parsed.render_as_string(hide_password=True)
        raise ConfigError(f"cannot open the store at {where}: {exc.orig}") from exc
    raise ConfigError(f"unsupported database '{parsed.get_backend_name()}' (use SQLite or PostgreSQL)")


def upgrade_store(url: str) -> tuple[Revision, Revision]:
    """Create or migrate the store at `url` to the newest schema; its revisions before and after."""
    store = connect(url, create=True)
    try:
        return store.upgrade_schema()
    finally:
        store.close()


def store_revision(url: str) -> Revision:
    """Where the schema of the store at `url` stands; reads only."""
    store = connect(url, readonly=True)
    try:
        return store.revision()
    finally:
        store.close()
