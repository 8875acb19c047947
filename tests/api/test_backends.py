"""The API answers the same on SQLite and PostgreSQL for the same corpus coded by the same pipeline."""

from __future__ import annotations

from typing import Any

import pytest
from tests.api.conftest import TestClient, make_client

from actorgraph.pipeline import Resources
from actorgraph.store.sql import SqlStore

# What legitimately differs between two stores: when rows were written, and graph community labels
# (Louvain numbers the same communities by the order the database returned the edges).
VOLATILE = {"ingested_at", "community"}


@pytest.fixture(scope="module")
def clients(corpus_store: SqlStore, corpus_store_pg: SqlStore, resources: Resources) -> tuple[TestClient, TestClient]:
    return make_client(corpus_store, resources), make_client(corpus_store_pg, resources)


def plain(value: Any) -> Any:
    """The JSON without volatile fields; lists of analysis rows sorted (their ties have no set order)."""
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items() if k not in VOLATILE}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


def both(clients: tuple[TestClient, TestClient], path: str, **params: Any) -> tuple[Any, Any]:
    answers = []
    for client in clients:
        response = client.get(path, params=params)
        assert response.status_code == 200, (client.app.state.store.engine.dialect.name, response.text)
        answers.append(plain(response.json()))
    return answers[0], answers[1]


# Paged lists have a total order (date, then id): equal item for item.
@pytest.mark.parametrize(
    ("path", "params"),
    [
        ("/api/documents", {"limit": 500}),
        ("/api/documents", {"limit": 5, "offset": 5, "include_duplicates": "false"}),
        ("/api/actors", {"limit": 500}),
        ("/api/actors", {"limit": 500, "q": "government", "resolved": "true"}),
        ("/api/events", {"limit": 500}),
        ("/api/events", {"limit": 500, "source": "SRB", "target": "XKX", "since": "2023-01-01"}),
        ("/api/events", {"limit": 500, "q": "Embassy", "modality": "asserted"}),
        ("/api/stances", {"limit": 500}),
        ("/api/stances", {"limit": 500, "holder": "SRB", "target_kind": "actor"}),
        ("/api/quotes", {"limit": 500}),
        ("/api/quotes", {"limit": 500, "direct": "false", "q": "the"}),
        ("/api/timeline", {"pair": "SRB-XKX", "period": "week"}),
        ("/api/timeline", {"period": "month", "actor": "ALB"}),
        ("/api/changes", {"since": "2024-01-01"}),
    ],
)
def test_lists_are_identical(clients: tuple[TestClient, TestClient], path: str, params: dict[str, Any]) -> None:
    sqlite, postgresql = both(clients, path, **params)
    assert sqlite == postgresql
    assert sqlite.get("items", sqlite.get("dyads"))  # something was compared


def test_every_document_is_identical(clients: tuple[TestClient, TestClient]) -> None:
    sqlite, _ = both(clients, "/api/documents", limit=500)
    for summary in sqlite["items"]:
        left, right = both(clients, f"/api/documents/{summary['id']}")
        assert left == right


@pytest.mark.parametrize(
    ("path", "params"),
    [
        ("/api/dyads", {"limit": 500, "period": "month"}),
        ("/api/dyads", {"limit": 500, "period": "week", "region": "Western Balkans"}),
        ("/api/alerts", {"min_tension": 1}),
        ("/api/stance-matrix", {"limit": 500, "examples": 0}),
    ],
)
def test_analyses_hold_the_same_rows(clients: tuple[TestClient, TestClient], path: str, params: dict[str, Any]) -> None:
    sqlite, postgresql = both(clients, path, **params)
    assert sqlite["items"]
    assert sorted(map(repr, sqlite["items"])) == sorted(map(repr, postgresql["items"]))


def test_the_network_is_the_same_graph(clients: tuple[TestClient, TestClient]) -> None:
    sqlite, postgresql = both(clients, "/api/network")
    assert sqlite["edges"] and sqlite["edges"] == postgresql["edges"]
    assert sorted(map(repr, sqlite["nodes"])) == sorted(map(repr, postgresql["nodes"]))
