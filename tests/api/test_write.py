"""Adding articles through the API (the real pipeline), API keys and their CLI, the body limit, keyed reading."""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Iterator
from datetime import datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import select
from tests import pg
from tests.api.conftest import TestClient, make_client
from typer.testing import CliRunner

from actorgraph.pipeline import Resources
from actorgraph.serve import cli
from actorgraph.serve.auth import create_key, revoke_key
from actorgraph.store import open_store, schema
from actorgraph.store.sql import SqlStore

JARINJE = {
    "id": "wire-2025-04-02-jarinje",
    "title": "Serbia and Kosovo trade accusations over Jarinje border arrests",
    "published": "2025-04-02",
    "source": "Balkan Wire",
    "url": "https://example.org/2025/04/02/jarinje",
    "text": (
        "BELGRADE, April 2 - Serbian President Aleksandar Vucic on Wednesday accused Kosovo of provoking a "
        "confrontation at the Jarinje border crossing, after Kosovo police detained two Serbian customs officers.\n\n"
        "Kosovo Prime Minister Albin Kurti rejected the accusation and said Belgrade was trying to destabilise the "
        "north of Kosovo.\n\nThe European Union called on both sides to show restraint and to return to the "
        "EU-facilitated dialogue."
    ),
}
SKOPJE = {
    "id": "wire-2025-04-03-skopje",
    "title": "North Macedonia and Bulgaria agree to resume talks",
    "published": "2025-04-03",
    "text": (
        "SKOPJE, April 3 - North Macedonia and Bulgaria agreed on Thursday to resume talks on the rights of the "
        "Bulgarian minority, the foreign ministers of the two countries said after meeting in Skopje.\n\n"
        "The European Commission welcomed the agreement and said it hoped the talks would unblock North "
        "Macedonia's bid to join the European Union."
    ),
}


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SqlStore]:
    opened = open_store(f"sqlite:///{tmp_path_factory.mktemp('write') / 'store.db'}")
    yield opened
    opened.close()


@pytest.fixture(scope="module")
def writer(store: SqlStore, resources: Resources) -> TestClient:
    return make_client(store, resources)


@pytest.fixture(scope="module")
def key(store: SqlStore) -> str:
    return create_key(store, "newsroom")[1]


def document_ids(store: SqlStore) -> list[str]:
    with store.engine.connect() as conn:
        return sorted(conn.execute(select(schema.documents.c.id)).scalars())


def post(client: TestClient, body: Any, key: str | None = None, header: str = "X-API-Key") -> Any:
    headers = {}
    if key is not None:
        headers = {"Authorization": f"Bearer {key}"} if header == "bearer" else {header: key}
    return client.post("/api/documents", json=body, headers=headers)


def test_adding_an_article_runs_the_pipeline_and_stores_its_facts(writer: TestClient, store: SqlStore,
                                                                  key: str) -> None:
    response = post(writer, JARINJE, key)
    assert response.status_code == 201, response.text
    result = response.json()
    assert [s["id"] for s in result["stored"]] == [JARINJE["id"]]
    assert result["stored"][0]["published"] == "2025-04-02" and result["skipped"] == []
    assert result["counts"]["documents"] == 1 and result["counts"]["events"] >= 1

    document = writer.get(f"/api/documents/{JARINJE['id']}").json()
    assert document["source"] == "Balkan Wire" and document["url"] == JARINJE["url"]
    assert {"SRB", "XKX", "EU"} <= {a["code"] for a in document["actors"]}
    accusations = [e for e in document["events"] if e["type"] == "ACCUSE"]
    assert any(e["source"][0]["code"] == "SRB" and e["target"] and e["target"][0]["code"] == "XKX"
               for e in accusations)
    for fact in document["events"] + document["stances"] + document["quotes"]:
        assert document["text"][fact["evidence"]["start"] : fact["evidence"]["end"]] == fact["evidence"]["text"]
    run = writer.get("/api/runs").json()["items"][0]
    assert run["id"] == result["run_id"] and run["command"] == "api" and run["status"] == "completed"
    # the new story is searchable at once
    assert JARINJE["id"] in [h["doc_id"] for h in writer.get("/api/search", params={"q": "Jarinje"}).json()["items"]]


def test_a_list_reports_stored_known_and_skipped_articles(writer: TestClient, store: SqlStore, key: str) -> None:
    post(writer, JARINJE, key)
    blank = {"id": "wire-empty", "text": "Share this article\nAdvertisement"}
    repeated = {**SKOPJE, "text": SKOPJE["text"] + " More follows."}
    response = post(writer, [JARINJE, SKOPJE, repeated, blank], key, header="bearer")
    assert response.status_code == 201, response.text
    result = response.json()
    assert [s["id"] for s in result["stored"]] == [SKOPJE["id"]]
    assert result["unchanged"] == [JARINJE["id"]]
    reasons = {s["input"]: s["reason"] for s in result["skipped"]}
    assert "repeats an earlier record" in reasons[f"article 3 (id {SKOPJE['id']!r})"]
    assert any("blank" in r or "no story text" in r or "boilerplate" in r for r in reasons.values()), reasons
    assert not any("/tmp" in s["input"] or "posted-by" in s["input"] for s in result["skipped"])
    # the same again stores nothing: 200, not 201
    again = post(writer, SKOPJE, key)
    assert again.status_code == 200 and again.json()["stored"] == [] and again.json()["unchanged"] == [SKOPJE["id"]]
    with store.engine.connect() as conn:
        source = conn.execute(select(schema.documents.c.source).where(schema.documents.c.id == SKOPJE["id"])).scalar()
    assert source == "api:newsroom"  # no source or URL given: the key's name says who sent it


@pytest.mark.parametrize(
    ("presented", "status", "words"),
    [
        (None, 401, "this needs an API key"),
        ("ag_0123456789ab_not-a-real-secret", 401, "not known"),
        ("let-me-in", 401, "malformed"),
    ],
)
def test_adding_needs_a_valid_key(writer: TestClient, store: SqlStore, presented: str | None, status: int,
                                  words: str) -> None:
    before = document_ids(store), store.count("runs")
    response = post(writer, {**SKOPJE, "id": "wire-unauthorised"}, presented)
    assert response.status_code == status
    assert response.headers["www-authenticate"] == "Bearer"
    assert words in response.json()["error"]["message"]
    assert (document_ids(store), store.count("runs")) == before


def test_a_revoked_key_is_refused_at_once(writer: TestClient, store: SqlStore) -> None:
    record, fresh = create_key(store, "intern")
    first = post(writer, {**SKOPJE, "id": "wire-intern-1"}, fresh)
    assert first.status_code == 201  # the key worked (and the server remembers it passed)
    revoke_key(store, str(record.id))
    refused = post(writer, {**SKOPJE, "id": "wire-intern-2"}, fresh)
    assert refused.status_code == 403
    assert "'intern' was revoked" in refused.json()["error"]["message"]
    assert "wire-intern-2" not in document_ids(store)


def test_the_key_commands(store: SqlStore) -> None:
    runner = CliRunner()
    created = runner.invoke(cli.app, ["keys", "create", "--name", "data desk", "--db", store.url])
    assert created.exit_code == 0, created.output
    key = created.stdout.strip()
    assert re.fullmatch(r"ag_[0-9a-f]{12}_[A-Za-z0-9_-]{32}", key)
    with store.engine.connect() as conn:
        stored = conn.execute(select(schema.api_keys).where(schema.api_keys.c.name == "data desk")).one()
    secret = key.split("_", 2)[2]
    assert secret not in stored.secret_hash and stored.secret_hash.startswith("scrypt$")
    listed = runner.invoke(cli.app, ["keys", "list", "--json", "--db", store.url])
    assert listed.exit_code == 0 and secret not in listed.stdout
    row = next(r for r in json.loads(listed.stdout) if r["name"] == "data desk")
    assert row["key"] == key[:15] + "_…" and row["revoked"] == ""
    revoked = runner.invoke(cli.app, ["keys", "revoke", row["key"], "--db", store.url])
    assert revoked.exit_code == 0, revoked.output
    relisted = json.loads(runner.invoke(cli.app, ["keys", "list", "--json", "--db", store.url]).stdout)
    assert next(r for r in relisted if r["id"] == row["id"])["revoked"] != ""
    unknown = runner.invoke(cli.app, ["keys", "revoke", "no-such-key", "--db", store.url])
    assert unknown.exit_code != 0
    # Scopes: both by default, or as many as given; an unknown one is a usage error.
    assert row["scopes"] == "read, write"
    reader = runner.invoke(cli.app, ["keys", "create", "--name", "analyst", "--scope", "read", "--db", store.url])
    assert reader.exit_code == 0 and "may read" in reader.stderr
    listed = json.loads(runner.invoke(cli.app, ["keys", "list", "--json", "--db", store.url]).stdout)
    assert next(r for r in listed if r["name"] == "analyst")["scopes"] == "read"
    wrong = runner.invoke(cli.app, ["keys", "create", "--scope", "admin", "--db", store.url])
    assert wrong.exit_code == 2 and "unknown scope 'admin'" in wrong.stderr


def test_two_writers_take_turns(writer: TestClient, store: SqlStore, key: str) -> None:
    articles = [{**SKOPJE, "id": f"wire-turns-{n}", "text": SKOPJE["text"].replace("Thursday", day)}
                for n, day in enumerate(("Monday", "Friday"))]
    statuses: list[int] = []

    def send(article: dict[str, Any]) -> None:
        statuses.append(post(writer, article, key).status_code)

    threads = [threading.Thread(target=send, args=(a,)) for a in articles]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(statuses) == [200, 201] or statuses == [201, 201]
    r = schema.runs.c
    with store.engine.connect() as conn:
        runs = conn.execute(select(r.started_at, r.finished_at).where(r.command == "api").order_by(r.id.desc())
                            .limit(2)).all()
    later, earlier = runs
    assert earlier.finished_at <= later.started_at  # one run ended before the other began


def test_bodies_over_the_limit_get_413_however_they_come(store: SqlStore, resources: Resources, key: str) -> None:
    small = make_client(store, resources, api_max_body_bytes=2_000)
    big = {**JARINJE, "id": "wire-too-big", "text": JARINJE["text"] * 10}
    declared = small.post("/api/documents", json=big, headers={"X-API-Key": key})
    assert declared.status_code == 413
    assert "over the limit of 2,000 bytes" in declared.json()["error"]["message"]

    payload = json.dumps(big).encode()

    def chunks() -> Iterator[bytes]:
        for start in range(0, len(payload), 500):
            yield payload[start : start + 500]

    streamed = small.post("/api/documents", content=chunks(),
                          headers={"X-API-Key": key, "Content-Type": "application/json"})
    assert streamed.status_code == 413 and streamed.json()["error"]["status"] == 413
    lying = small.post("/api/documents", content=payload,
                       headers={"X-API-Key": key, "Content-Type": "application/json", "Content-Length": "900"})
    assert lying.status_code == 413
    assert "wire-too-big" not in document_ids(store)
    fits = small.post("/api/documents", json={**SKOPJE, "id": "wire-fits"}, headers={"X-API-Key": key})
    assert fits.status_code == 201


def test_reading_can_require_a_key(store: SqlStore, resources: Resources, key: str) -> None:
    keyed = make_client(store, resources, api_read_requires_key=True)
    for path in ("/api/documents", "/api/events", "/api/search?q=Kosovo", "/api/network",
                 f"/api/documents/{JARINJE['id']}"):
        refused = keyed.get(path)
        assert refused.status_code == 401, path
        assert refused.json()["error"]["status"] == 401
        assert keyed.get(path, headers={"X-API-Key": key}).status_code == 200, path
    assert keyed.get("/api/health").status_code == 200  # a load balancer's probe needs no key
    assert keyed.get("/api/health").json()["read_requires_key"] is True
    record, other = create_key(store, "departed")
    revoke_key(store, "departed")
    assert keyed.get("/api/documents", headers={"Authorization": f"Bearer {other}"}).status_code == 403
    # the schema says so: reading offers no key-less way when a key is required
    assert keyed.get("/openapi.json").status_code == 401  # the schema is read like the rest
    security = keyed.get("/openapi.json", headers={"X-API-Key": key}).json()["paths"]["/api/documents"]["get"]["security"]
    assert {} not in security
    assert {} in make_client(store, resources).get("/openapi.json").json()["paths"]["/api/documents"]["get"]["security"]


@pytest.mark.parametrize(
    ("body", "words"),
    [
        ({"id": "x"}, "body.text: Field required"),
        ([], "body: List should have at least 1 item"),
        ([JARINJE, {"id": 7, "text": "Sofia said."}], "body[1].id: Input should be a valid string"),
        ({**JARINJE, "pubished": "2025-04-02"}, "body.pubished: Extra inputs are not permitted"),
        ({"id": "x", "text": "   "}, "body.text: Value error, must not be blank"),
        ({"id": "x", "text": "Sofia\x00said."}, "must not contain NUL"),
        ("just text", "send one article (an object) or a list of them"),
    ],
)
def test_invalid_bodies_get_a_clear_422(writer: TestClient, key: str, body: Any, words: str) -> None:
    response = post(writer, body, key)
    assert response.status_code == 422
    assert words in response.json()["error"]["message"]


def test_broken_json_gets_a_clear_422(writer: TestClient, key: str) -> None:
    response = writer.post("/api/documents", content=b'{"id": "x", "text": ',
                           headers={"X-API-Key": key, "Content-Type": "application/json"})
    assert response.status_code == 422 and "not valid JSON" in response.json()["error"]["message"]
    empty = writer.post("/api/documents", content=b"", headers={"X-API-Key": key, "Content-Type": "application/json"})
    assert empty.status_code == 422 and "the body is empty" in empty.json()["error"]["message"]


def test_keys_writing_and_keyed_reading_on_postgresql(pg_admin: str, resources: Resources) -> None:
    store = open_store(pg.fresh_database(pg_admin, "api_write"))
    try:
        record, fresh = create_key(store, "newsroom")
        writer = make_client(store, resources, api_read_requires_key=True)
        assert writer.get("/api/documents").status_code == 401
        created = post(writer, JARINJE, fresh)
        assert created.status_code == 201, created.text
        hits = writer.get("/api/search", params={"q": "Jarinje"}, headers={"X-API-Key": fresh}).json()["items"]
        assert [h["doc_id"] for h in hits] == [JARINJE["id"]]
        document = writer.get(f"/api/documents/{JARINJE['id']}", headers={"X-API-Key": fresh}).json()
        assert datetime.fromisoformat(document["ingested_at"]).utcoffset() == timedelta(0)
        revoke_key(store, str(record.id))
        assert post(writer, SKOPJE, fresh).status_code == 403
        assert writer.get("/api/documents", headers={"X-API-Key": fresh}).status_code == 403
        assert document_ids(store) == [JARINJE["id"]]
    finally:
        store.close()
