"""Which errors of a store only mean that a writer lost a race.

A writer that lost a race to another writer (a deadlock, a serialization failure, a key inserted
in between, a lock not freed in time) did nothing wrong: `lost_race` says so, and the store runs
its transaction again.
"""

from __future__ import annotations

SQLITE_BUSY = 5
# serialization_failure, deadlock_detected, unique_violation, lock_not_available
_POSTGRES_RACES = {"40001", "40P01", "23505", "55P03"}



def lost_race(exc: BaseException | None) -> bool:
    """Whether a DB-API error means only that another writer got there first."""
    if getattr(exc, "sqlstate", None) in _POSTGRES_RACES:
        return True
    return getattr(exc, "sqlite_errorcode", -1) & 0xFF == SQLITE_BUSY
