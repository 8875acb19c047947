"""Alembic, driven from code: the store upgrades itself to the newest schema when opened."""

from __future__ import annotations

import threading
from pathlib import Path

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


def is_current(connection: Connection) -> bool:
    """Whether the database on `connection` is at the newest revision (read only, nothing changed)."""
    newest = ScriptDirectory.from_config(alembic_config()).get_heads()
    return set(MigrationContext.configure(connection).get_current_heads()) == set(newest)


def upgrade(connection: Connection, revision: str = "head") -> None:
    """Bring the database on `connection` to `revision`."""
    with _ONE_AT_A_TIME:
        command.upgrade(alembic_config(connection=connection), revision)
