"""Alembic, driven from code: where a store's schema stands, and bringing it to the newest one.

Only `actorgraph db upgrade` (and the creation of a new, empty store) changes a schema: a store
opened by any other means is checked with `revision_of`, which reads and never writes.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Connection

MIGRATIONS = Path(__file__).parent / "migrations"
# Alembic keeps the running migration in module globals: two threads of one process (two stores
# opened at once, say) must not run migrations at the same time.
_ONE_AT_A_TIME = threading.Lock()


def alembic_config(url: str | None = None, connection: Connection | None = None) -> Config:
    """An Alembic configuration pointing at the packaged migrations."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    if url:
        config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


SchemaState = Literal["new", "current", "behind", "ahead"]


@dataclass(frozen=True)
class Revision:
    """Where a store's schema stands against the migrations this code ships."""

    current: tuple[str, ...]  # what the store records; empty when it has no actorgraph schema yet
    head: tuple[str, ...]  # the newest revision(s) this code knows
    state: SchemaState  # ahead: the store records a revision this code has never heard of


def revision_of(connection: Connection) -> Revision:
    """Where the database on `connection` stands (reads only, so it works on a read-only store)."""
    script = ScriptDirectory.from_config(alembic_config())
    head = tuple(sorted(script.get_heads()))
    current = tuple(sorted(MigrationContext.configure(connection).get_current_heads()))
    known = {revision.revision for revision in script.walk_revisions()}
    state: SchemaState
    if not current:
        state = "new"
    elif set(current) == set(head):
        state = "current"
    elif any(revision not in known for revision in current):
        state = "ahead"
    else:
        state = "behind"
    return Revision(current, head, state)


def is_current(connection: Connection) -> bool:
    """Whether the database on `connection` is at the newest revision (read only, nothing changed)."""
    return revision_of(connection).state == "current"


def upgrade(connection: Connection, revision: str = "head") -> None:
    """Bring the database on `connection` to `revision`."""
    with _ONE_AT_A_TIME:
        command.upgrade(alembic_config(connection=connection), revision)
