"""The API in-process over stores filled by the real pipeline from the bundled sample corpus."""

from __future__ import annotations

import warnings
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from tests import pg
from tests.conftest import SAMPLES
from tests.store.conftest import pg_admin  # noqa: F401 - the throw-away PostgreSQL cluster, for test_search

from actorgraph.config import Settings
from actorgraph.pipeline import Resources
from actorgraph.run import ingest
from actorgraph.serve.api import create_app
from actorgraph.store import open_store
from actorgraph.store.sql import SqlStore

with warnings.catch_warnings():
    # Starlette asks for `httpx2`, which the pinned environment does not have; httpx still works.
    warnings.simplefilter("ignore", UserWarning)
    from fastapi.testclient import TestClient

CORPUS = SAMPLES / "corpus"

__all__ = ["CORPUS", "TestClient", "fill", "make_client"]


def fill(url: str, resources: Resources, *paths: Path) -> SqlStore:
    """A store at `url` holding what the pipeline codes from `paths` (the whole corpus by default)."""
    store = open_store(url)
    ingest([str(p) for p in paths or (CORPUS,)], store, resources, warn=lambda _source, _message: None)
    return store


def make_client(store: SqlStore, resources: Resources, **settings: Any) -> TestClient:
    """A client of an app over `store`; `settings` override the defaults (e.g. api_read_requires_key)."""
    app = create_app(Settings(db_url=store.url, kb_dirs=[], **settings), store, resources=resources)
    return TestClient(app)


@pytest.fixture(scope="session")
def corpus_store(tmp_path_factory: pytest.TempPathFactory, corpus_copy: Callable[[Path], str]) -> Iterator[SqlStore]:
    """The sample corpus in SQLite (the session's coded copy), for every read-only test."""
    store = open_store(corpus_copy(tmp_path_factory.mktemp("corpus")))
    yield store
    store.close()


@pytest.fixture(scope="session")
def corpus_store_pg(pg_admin: str, resources: Resources) -> Iterator[SqlStore]:  # noqa: F811 - the fixture above
    """The sample corpus in a throw-away PostgreSQL database, coded once."""
    store = fill(pg.fresh_database(pg_admin, "api_corpus"), resources)
    yield store
    store.close()


@pytest.fixture(scope="session")
def client(corpus_store: SqlStore, resources: Resources) -> TestClient:
    return make_client(corpus_store, resources)


@pytest.fixture
def get(client: TestClient) -> Callable[..., Any]:
    """GET a path; assert 200 and return the JSON."""

    def call(path: str, **params: Any) -> Any:
        response = client.get(path, params=params)
        assert response.status_code == 200, response.text
        return response.json()

    return call
