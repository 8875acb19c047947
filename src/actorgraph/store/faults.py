"""What goes wrong with a store, said in one line; and which errors only mean a lost race.

SQLite tells a broken, read-only or full file apart by result codes, PostgreSQL by SQLSTATEs;
either way the user used to get a traceback. `explain_errors` turns them into a `StoreError`
that names the store and what to do. A writer that lost a race to another writer (a deadlock,
a serialization failure, a key inserted in between, a lock not freed in time) did nothing
wrong: `lost_race` says so, and the store runs its transaction again.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import Engine, event
from sqlalchemy.engine import ExceptionContext

from actorgraph.errors import StoreError

# SQLite's primary result codes (an extended code carries one in its low byte).
SQLITE_BUSY, SQLITE_READONLY, SQLITE_IOERR, SQLITE_CORRUPT, SQLITE_FULL = 5, 8, 10, 11, 13
SQLITE_CANTOPEN, SQLITE_NOTADB = 14, 26

_SQLITE_PROBLEMS = {
    SQLITE_READONLY: "is read-only (check the permissions of the file and of its directory)",
    SQLITE_IOERR: "cannot be read or written (disk I/O error)",
    SQLITE_CORRUPT: "is damaged: SQLite finds the file malformed (truncated?); restore it from a backup",
    SQLITE_FULL: "cannot grow: the disk is full (free some space and run again; committed batches are kept)",
    SQLITE_CANTOPEN: "cannot be opened (does its directory exist, and may you write there?)",
    SQLITE_NOTADB: "is not an SQLite database, so not an actorgraph store either",
}
# The same problems by message, for an error raised without its code.
_SQLITE_MESSAGES = {
    "attempt to write a readonly database": SQLITE_READONLY,
    "disk i/o error": SQLITE_IOERR,
    "database disk image is malformed": SQLITE_CORRUPT,
    "database or disk is full": SQLITE_FULL,
    "unable to open database file": SQLITE_CANTOPEN,
    "file is not a database": SQLITE_NOTADB,
}
_POSTGRES_PROBLEMS = {
    "53100": "cannot grow: the disk is full (free some space and run again; committed batches are kept)",
    "25006": "is read-only (a standby server, or a read-only default transaction)",
}
# serialization_failure, deadlock_detected, unique_violation, lock_not_available
_POSTGRES_RACES = {"40001", "40P01", "23505", "55P03"}


def _sqlite_code(exc: BaseException) -> int | None:
    code = getattr(exc, "sqlite_errorcode", None)
    if isinstance(code, int):
        return code & 0xFF
    return _SQLITE_MESSAGES.get(str(exc).strip().lower())


def sqlite_problem(exc: BaseException) -> str | None:
    """What a DB-API error from SQLite says about the file, if it is about the file."""
    code = _sqlite_code(exc)
    return None if code is None else _SQLITE_PROBLEMS.get(code)


def postgres_problem(exc: BaseException) -> str | None:
    return _POSTGRES_PROBLEMS.get(str(getattr(exc, "sqlstate", "") or ""))


def lost_race(exc: BaseException | None) -> bool:
    """Whether a DB-API error means only that another writer got there first."""
    if getattr(exc, "sqlstate", None) in _POSTGRES_RACES:
        return True
    return getattr(exc, "sqlite_errorcode", -1) & 0xFF == SQLITE_BUSY


def explain_errors(engine: Engine, store: str, problem: Callable[[BaseException], str | None]) -> None:
    """Raise a `StoreError` naming `store` instead of any engine error that `problem` explains.

    On the engine itself, so that it holds for every statement, commit and connection attempt,
    and for whoever uses the engine (the runs, the analyses, the API).
    """

    @event.listens_for(engine, "handle_error")
    def _explain(context: ExceptionContext) -> None:
        found = problem(context.original_exception)
        if found is not None:
            raise StoreError(f"the store {store} {found}") from context.original_exception
