"""Store tests run once on SQLite and once on PostgreSQL (a throw-away cluster on 127.0.0.1)."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path

import pytest

from actorgraph.store import open_store
from actorgraph.store.sql import SqlStore
from tests import pg

_numbers = itertools.count()


@pytest.fixture(scope="session")
def pg_admin() -> Iterator[str]:
    if pg.binaries() is None:
        if pg.required():
            pytest.fail("ACTORGRAPH_REQUIRE_POSTGRES=1 but PostgreSQL is not installed")
        pytest.skip("PostgreSQL is not installed (apt-get install postgresql)")
    with pg.cluster() as url:
        yield url


BACKENDS = ["sqlite", "postgresql"]


def empty_store_url(request: pytest.FixtureRequest, directory: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{directory / 'store.db'}"
    admin = request.getfixturevalue("pg_admin")
    return pg.fresh_database(admin, f"test_{next(_numbers)}")


@pytest.fixture(params=BACKENDS)
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty store's URL, on each backend."""
    return empty_store_url(request, tmp_path)


@pytest.fixture
def store(db_url: str) -> Iterator[SqlStore]:
    opened = open_store(db_url)
    try:
        yield opened
    finally:
        opened.close()
