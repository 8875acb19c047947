"""The store: where documents and everything coded from them are kept.

`open_store(url)` returns a `Store`; SQLite (the default, a file, one writer) and PostgreSQL
(for teams) share one schema and one implementation, with the few dialect differences kept
in small subclasses.
"""

from __future__ import annotations

from actorgraph.store.sql import PostgresStore, SqliteStore, SqlStore, open_store

Store = SqlStore

__all__ = ["Store", "SqlStore", "SqliteStore", "PostgresStore", "open_store"]
