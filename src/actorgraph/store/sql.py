"""SQLAlchemy implementation of the store for SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Engine, create_engine, delete, event, func, insert, select, update
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.exc import ArgumentError, OperationalError

from actorgraph.dedupe import Known, fingerprints
from actorgraph.errors import ConfigError, OptionalDependencyError
from actorgraph.store import schema
from actorgraph.store.migrate import upgrade
from actorgraph.types import Skipped


def _now() -> datetime:
    return datetime.now(UTC)


class SqlStore:
    """Documents, actors, events, stances, quotes and runs in one SQL database."""

    dialect = "generic"

    def __init__(self, engine: Engine, url: str) -> None:
        self.engine = engine
        self.url = url
        with self.engine.begin() as conn:
            upgrade(conn)

    # ---- runs -------------------------------------------------------------------------
    def begin_run(self, command: str, inputs: Sequence[str], extractor: str) -> int:
        """Record the start of a run; a run still 'running' later means it was killed."""
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
                )
            )
            return int(result.inserted_primary_key[0])

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

    def runs(self, limit: int = 20) -> list[dict[str, Any]]:
        with self.engine.connect() as conn:
            rows = conn.execute(select(schema.runs).order_by(schema.runs.c.id.desc()).limit(limit))
            return [dict(row._mapping) for row in rows]

    # ---- documents ----------------------------------------------------------------------
    def existing_ids(self, ids: Iterable[str]) -> set[str]:
        """Which of `ids` are already stored."""
        wanted = list(dict.fromkeys(ids))
        found: set[str] = set()
        with self.engine.connect() as conn:
            for start in range(0, len(wanted), 500):
                chunk = wanted[start : start + 500]
                found.update(
                    conn.execute(select(schema.documents.c.id).where(schema.documents.c.id.in_(chunk))).scalars()
                )
        return found

    def similar(self, texts: dict[str, str], min_share: float = 0.3) -> list[Known]:
        """Stored documents that may contain, or be contained in, the given texts.

        Candidates share at least `min_share` of the smaller side's fingerprints; the exact
        decision is left to `dedupe.mark_duplicates`.
        """
        wanted: dict[str, list[int]] = {doc_id: fingerprints(text) for doc_id, text in texts.items()}
        hits: dict[str, int] = {}
        with self.engine.connect() as conn:
            for values in wanted.values():
                if not values:
                    continue
                counts: dict[str, int] = {}
                for start in range(0, len(values), 500):
                    chunk = values[start : start + 500]
                    query = (
                        select(schema.fingerprints.c.doc_id, func.count())
                        .where(schema.fingerprints.c.hash.in_(chunk))
                        .group_by(schema.fingerprints.c.doc_id)
                    )
                    for other, n in conn.execute(query):
                        counts[other] = counts.get(other, 0) + int(n)
                for other, n in counts.items():
                    if other in texts:
                        continue
                    if n >= max(1, min_share * len(values)) or n >= 8:
                        hits[other] = max(hits.get(other, 0), n)
            if not hits:
                return []
            rows = conn.execute(
                select(schema.documents.c.id, schema.documents.c.text, schema.documents.c.published).where(
                    schema.documents.c.id.in_(list(hits))
                )
            )
            return [Known(row.id, row.text, row.published) for row in rows]

    def mark_duplicate(self, doc_id: str, duplicate_of: str, share: float) -> None:
        """Record that a stored document turned out to duplicate another one."""
        with self.engine.begin() as conn:
            conn.execute(
                update(schema.documents)
                .where(schema.documents.c.id == doc_id)
                .values(duplicate_of=duplicate_of, containment=share)
            )
            event_ids = select(schema.events.c.id).where(schema.events.c.doc_id == doc_id)
            conn.execute(
                update(schema.event_dyads).where(schema.event_dyads.c.event_id.in_(event_ids)).values(duplicate=True)
            )

    def count(self, table: str) -> int:
        with self.engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(schema.metadata.tables[table])).scalar_one())

    def write(self, rows: dict[str, list[dict[str, Any]]], doc_ids: Sequence[str]) -> None:
        """Write the rows of some documents in one transaction, replacing what they had."""
        with self.engine.begin() as conn:
            self._delete_documents(conn, doc_ids)
            for table in (
                "documents",
                "fingerprints",
                "actors",
                "events",
                "event_dyads",
                "stances",
                "quotes",
            ):
                values = rows.get(table)
                if values:
                    conn.execute(insert(schema.metadata.tables[table]), values)

    def _delete_documents(self, conn: Connection, doc_ids: Sequence[str]) -> None:
        if not doc_ids:
            return
        ids = list(doc_ids)
        event_ids = select(schema.events.c.id).where(schema.events.c.doc_id.in_(ids))
        conn.execute(delete(schema.event_dyads).where(schema.event_dyads.c.event_id.in_(event_ids)))
        for table in (schema.events, schema.stances, schema.quotes, schema.actors, schema.fingerprints):
            conn.execute(delete(table).where(table.c.doc_id.in_(ids)))
        conn.execute(delete(schema.documents).where(schema.documents.c.id.in_(ids)))

    def close(self) -> None:
        self.engine.dispose()


class SqliteStore(SqlStore):
    """An SQLite file in WAL mode: many readers, one writer, crash-safe commits."""

    dialect = "sqlite"

    def __init__(self, url: str) -> None:
        engine = create_engine(url, connect_args={"timeout": 30})

        @event.listens_for(engine, "connect")
        def _pragmas(dbapi_connection: Any, _record: Any) -> None:
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA busy_timeout=30000")
            cursor.close()

        super().__init__(engine, url)


class PostgresStore(SqlStore):
    """A PostgreSQL database shared by a team."""

    dialect = "postgresql"

    def __init__(self, url: str) -> None:
        try:
            import psycopg  # noqa: F401
        except ImportError as exc:
            raise OptionalDependencyError("PostgreSQL storage", "postgres") from exc
        if url.startswith("postgresql://") or url.startswith("postgres://"):
            url = "postgresql+psycopg://" + url.split("://", 1)[1]
        super().__init__(create_engine(url, pool_pre_ping=True), url)


def open_store(url: str) -> SqlStore:
    """Open (creating and migrating as needed) the store at `url`."""
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise ConfigError(f"not a database URL: {url!r} (use sqlite:///FILE or postgresql://...)") from exc
    try:
        if parsed.get_backend_name() == "sqlite":
            return SqliteStore(url)
        if parsed.get_backend_name() in ("postgresql", "postgres"):
            return PostgresStore(url)
    except OperationalError as exc:
        raise ConfigError(
            f"cannot open the store at {parsed.render_as_string(hide_password=True)}: {exc.orig}"
        ) from exc
    raise ConfigError(f"unsupported database '{parsed.get_backend_name()}' (use SQLite or PostgreSQL)")
