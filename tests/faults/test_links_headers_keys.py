"""Issue 13, rows 10-12: hostile links, missing security headers, keys without scopes.

Row 10: a story's `url` is only ever an http(s) address, and the pages never link anything else.
Row 11: every response says `nosniff` and refuses framing; `/docs` has a CSP and loads nothing
from elsewhere.
Row 12: keys carry scopes, the sign-in cookie holds a session token (not the key), and a store
that needs a key for reading needs it for the schema and `/docs` too.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import select, update

from actorgraph.pipeline import Resources
from actorgraph.run import ingest
from actorgraph.serve.auth import create_key
from actorgraph.store import open_store, schema
from actorgraph.store.migrate import alembic_config
from actorgraph.store.sql import SqlStore, upgrade_store
from tests.api.conftest import TestClient, make_client

STORY = (
    "BELGRADE, April 2 - Serbian President Aleksandar Vucic on Wednesday accused Kosovo of provoking a "
    "confrontation at the Jarinje border crossing, after Kosovo police detained two Serbian customs officers."
)
HOSTILE_URLS = [
    "javascript:alert(document.domain)",
    "  JavaScript:alert(1)",
    "java\tscript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "//evil.example/x",
]
BROWSER = {"accept": "text/html,application/xhtml+xml"}


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory, resources: Resources) -> Iterator[SqlStore]:
    """A store holding one story, coded by the real pipeline."""
    opened = open_store(f"sqlite:///{tmp_path_factory.mktemp('faults-links') / 'store.db'}")
    path = tmp_path_factory.mktemp("faults-input") / "one.jsonl"
    record = {"id": "wire-jarinje", "text": STORY, "url": "https://example.org/jarinje", "published": "2025-04-02"}
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    ingest([str(path)], opened, resources, warn=lambda _source, _message: None)
    yield opened
    opened.close()


def _document_ids(store: SqlStore) -> set[str]:
    with store.engine.connect() as conn:
        return set(conn.execute(select(schema.documents.c.id)).scalars())


# ---- row 10 ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize("url", HOSTILE_URLS)
def test_row10_a_url_that_is_not_http_is_refused_and_never_linked(
    url: str, store: SqlStore, resources: Resources, tmp_path: Path
) -> None:
    # JSON Lines: the record is reported as skipped, with the reason, and nothing of it is stored.
    path = tmp_path / "hostile.jsonl"
    path.write_text(json.dumps({"id": "hostile-jsonl", "text": STORY, "url": url}) + "\n", encoding="utf-8")
    result = ingest([str(path)], store, resources, warn=lambda _source, _message: None)
    assert [s.input for s in result.skipped] == [f"{path}:1"]
    assert "http" in result.skipped[0].reason and "url" in result.skipped[0].reason
    assert "hostile-jsonl" not in _document_ids(store)

    # POST /api/documents: 422 naming the field, nothing stored.
    client = make_client(store, resources)
    _record, key = create_key(store, f"links-{len(url)}")
    posted = client.post("/api/documents", json={"id": "hostile-post", "text": STORY, "url": url},
                         headers={"X-API-Key": key})
    assert posted.status_code == 422, posted.text
    assert "body.url" in posted.json()["error"]["message"]
    assert "hostile-post" not in _document_ids(store)

    # A store written before the check: the page shows the address as text, never as a link.
    d = schema.documents.c
    with store.engine.begin() as conn:
        conn.execute(update(schema.documents).where(d.id == "wire-jarinje").values(url=url))
    try:
        page = client.get("/documents/wire-jarinje")
    finally:
        with store.engine.begin() as conn:
            conn.execute(update(schema.documents).where(d.id == "wire-jarinje").values(url="https://example.org/jarinje"))
    assert page.status_code == 200
    links = re.findall(r'href="([^"]*)"', page.text)
    assert links and not [link for link in links if not link.startswith(("/", "?", "#", "http://", "https://"))]
    assert "evil.example" not in " ".join(links)
    # ... while a web address is a link.
    assert 'href="https://example.org/jarinje"' in client.get("/documents/wire-jarinje").text


# ---- row 11 ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("method", "path"),
    [("GET", "/api/health"), ("GET", "/api/documents"), ("GET", "/api/no-such-thing"),
     ("POST", "/api/documents"), ("GET", "/openapi.json"), ("GET", "/docs"), ("GET", "/"),
     ("GET", "/documents/wire-jarinje"), ("GET", "/static/app.css"), ("GET", "/docs/assets/swagger-ui-bundle.js"),
     ("GET", "/a-route-that-fails")],
)
def test_row11_every_response_carries_the_security_headers(
    method: str, path: str, store: SqlStore, resources: Resources
) -> None:
    app = make_client(store, resources).app
    if path == "/a-route-that-fails":
        # A crash is answered from outside every middleware: that answer must carry the headers too.
        def fail() -> None:
            raise RuntimeError("a bug")

        app.add_api_route(path, fail)  # type: ignore[attr-defined]
    response = TestClient(app, raise_server_exceptions=False).request(
        method, path, json={} if method == "POST" else None
    )
    if path == "/a-route-that-fails":
        assert response.status_code == 500
    headers = response.headers
    assert headers.get("x-content-type-options") == "nosniff", (path, dict(headers))
    framing = headers.get("x-frame-options", "").upper() == "DENY"
    framing = framing or "frame-ancestors 'none'" in headers.get("content-security-policy", "")
    assert framing, (path, dict(headers))
    if path == "/docs":
        assert response.status_code == 200
        csp = headers.get("content-security-policy", "")
        assert "script-src 'self'" in csp and "'unsafe-eval'" not in csp
        # Offline: every script and style of the page comes from this server, and no script is inline
        # (the CSP would block it).
        html = response.text
        sources = re.findall(r'<script[^>]*\ssrc="([^"]+)"', html) + re.findall(r'<link[^>]*\shref="([^"]+)"', html)
        assert sources and all(s.startswith("/") and not s.startswith("//") for s in sources), sources
        assert not re.search(r"<script(?![^>]*\ssrc=)[^>]*>\s*\S", html), "an inline script"
        client = make_client(store, resources)
        for source in sources:
            asset = client.get(source)
            assert asset.status_code == 200, source
            assert asset.headers.get("x-content-type-options") == "nosniff"


# ---- row 12 ---------------------------------------------------------------------------------------------
def test_row12_keys_have_scopes_and_the_browser_holds_a_session_not_the_key(
    tmp_path: Path, resources: Resources
) -> None:
    url = f"sqlite:///{tmp_path / 'keys.db'}"
    # A key made before scopes existed (schema 0006) keeps reading and writing after the upgrade.
    before = open_store(url)
    _o, old = create_key(before, "from-before")
    before.close()
    command.downgrade(alembic_config(url), "0006")
    upgrade_store(url)  # opening no longer migrates: `actorgraph db upgrade` does
    store = open_store(url)
    try:
        client = make_client(store, resources, api_read_requires_key=True)
        assert client.get("/api/documents", headers={"X-API-Key": old}).status_code == 200
        written = client.post("/api/documents", json={"id": "by-old-key", "text": STORY}, headers={"X-API-Key": old})
        assert written.status_code == 201, written.text

        # Signing in sets a session token, not the key; the store keeps only its hash.
        signed = client.post("/login", data={"key": old, "next": "/"}, follow_redirects=False)
        assert signed.status_code == 303
        cookie = signed.cookies.get("actorgraph_session")
        assert cookie and old not in signed.headers["set-cookie"]
        assert "max-age=" in signed.headers["set-cookie"].lower()
        with store.engine.connect() as conn:
            sessions = conn.execute(select(schema.api_sessions)).all()
        assert [s.token_hash for s in sessions] == [hashlib.sha256(cookie.encode()).hexdigest()]
        assert all(s.expires_at is not None for s in sessions)
        assert client.get("/events", headers=BROWSER).status_code == 200
        assert client.get("/openapi.json").status_code == 200  # the docs page reads the schema with it
        # The cookie is no key: it cannot write through the API.
        client.cookies.clear()
        assert client.post("/api/documents", json={"id": "by-cookie", "text": STORY},
                           headers={"X-API-Key": cookie}).status_code == 401
        # An expired session sends the browser back to the sign-in page.
        with store.engine.begin() as conn:
            conn.execute(update(schema.api_sessions).values(expires_at=datetime.now(UTC) - timedelta(minutes=1)))
        client.cookies.set("actorgraph_session", cookie)
        assert client.get("/events", headers=BROWSER, follow_redirects=False).status_code == 303
        client.cookies.clear()

        # Scopes: a read-only key reads but cannot write; a write-only key cannot read.
        _r, reader = create_key(store, "analyst", scopes=("read",))
        _w, feeder = create_key(store, "feeder", scopes=("write",))
        assert client.get("/api/events", headers={"X-API-Key": reader}).status_code == 200
        refused = client.post("/api/documents", json={"id": "by-reader", "text": STORY}, headers={"X-API-Key": reader})
        assert refused.status_code == 403 and "write" in refused.json()["error"]["message"]
        assert client.get("/api/events", headers={"X-API-Key": feeder}).status_code == 403
        assert "by-reader" not in _document_ids(store)

        # Reading needs a key: the schema and the docs page too.
        for path in ("/openapi.json", "/docs"):
            assert client.get(path).status_code == 401, path
            assert client.get(path, headers={"X-API-Key": reader}).status_code == 200, path
        assert client.get("/docs", headers=BROWSER, follow_redirects=False).headers["location"] == "/login?next=%2Fdocs"
    finally:
        store.close()
