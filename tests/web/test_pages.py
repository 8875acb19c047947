"""The dashboard's pages in-process (no browser): every page renders, stays on this server,
escapes what it shows, survives odd parameters, and marks exactly the evidence of each fact."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path
from urllib.parse import quote

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import select

from actorgraph.serve.web import data
from actorgraph.serve.web.views import _json
from actorgraph.store import schema
from actorgraph.store.sql import SqlStore

from .conftest import TestClient, build_app

ROOT = Path(__file__).resolve().parents[2]
WEB = ROOT / "src" / "actorgraph" / "serve" / "web"
PAGES = [
    "/",
    "/?from=2023-01-01&to=2023-12-31",
    "/network",
    "/network?nodes=5&min_events=2",
    "/map",
    "/map?from=2023-01-01&to=2023-12-31",
    "/actors/SRB",
    "/actors/XKX?from=2023-09-01&to=2023-09-30",
    "/dyads/SRB/XKX",
    "/dyads/XKX/SRB?from=2023-01-01",
    "/events",
    "/events?actor=ALB&type=COERCE&quad=material_conflict&modality=asserted&from=2022-01-01&to=2022-12-31&q=cyber",
    "/stances",
    "/stances?holder=SRB&target=XKX&polarity=oppose",
    "/alerts",
    "/alerts?period=month&threshold=1&min_tension=2",
    "/changes",
    "/changes?since=2020-01-01",
    "/search",
    "/search?q=cyber+attack",
]
ODD = [
    "/?from=yesterday&to=2023-13-45",
    "/events?offset=-5&type=NOPE&quad=bad&modality=maybe&dyad=---&actor=%20",
    "/events?offset=99999999",
    "/network?nodes=abc&min_events=-1",
    "/map?from=soon&to=9999-99-99",
    "/events?place=%00nowhere",
    "/alerts?period=year&threshold=abc&min_tension=",
    "/stances?offset=x&polarity=love",
    "/changes?since=soon",
    "/search?q=%22",
    "/search?q=-only",
    "/search?q=a%00b",
    "/actors/%00",
    "/dyads/a/b",
    "/documents/2e6db46d8fd1ebd6?span=9-3&span=x&span=0-999999999",
]


def _local_resources(html: str) -> list[str]:
    """Addresses of the scripts, styles and images a page loads."""
    found = re.findall(r"<script[^>]*\ssrc=\"([^\"]+)\"", html)
    found += re.findall(r"<link[^>]*\shref=\"([^\"]+)\"", html)
    found += re.findall(r"<img[^>]*\ssrc=\"([^\"]+)\"", html)
    return found


@pytest.mark.parametrize("path", PAGES)
def test_pages_render_from_this_server_only(web_client: TestClient, path: str) -> None:
    response = web_client.get(path)
    assert response.status_code == 200, response.text[:500]
    assert response.headers["content-type"].startswith("text/html")
    assert "default-src 'self'" in response.headers["content-security-policy"]
    for address in _local_resources(response.text):
        assert address.startswith("/static/"), address
        assert web_client.get(address).status_code == 200, address
    assert '<html lang="en">' in response.text
    assert 'href="#main"' in response.text


@pytest.mark.parametrize("path", ODD)
def test_odd_parameters_get_a_page_not_an_error(web_client: TestClient, path: str) -> None:
    response = web_client.get(path)
    assert response.status_code in (200, 404), response.text[:500]


def test_unknown_things_are_not_found(web_client: TestClient) -> None:
    assert web_client.get("/documents/no-such-story").status_code == 404
    for kind in ("events", "stances", "quotes"):
        assert web_client.get(f"/{kind}/no-such-id", follow_redirects=False).status_code == 404


def test_what_is_shown_is_escaped(web_client: TestClient) -> None:
    attack = "<script>alert(1)</script>"
    for path in (f"/search?q={attack}", f"/events?q={attack}", f"/stances?target={attack}"):
        html = web_client.get(path).text
        assert attack not in html
        assert "&lt;script&gt;" in html.lower()
    embedded = str(_json({"label": "</script><script>alert(1)</script>"}))
    assert "</script>" not in embedded and "<" not in embedded


def test_every_fact_opens_its_story_with_its_evidence_marked(web_client: TestClient, web_store: SqlStore) -> None:
    with web_store.engine.connect() as conn:
        facts = [
            (kind, row.id, row.doc_id, row.evidence_text)
            for kind, table in (("event", schema.events), ("stance", schema.stances), ("quote", schema.quotes))
            for row in conn.execute(select(table.c.id, table.c.doc_id, table.c.evidence_text).order_by(table.c.id))
        ]
    assert len({kind for kind, *_ in facts}) == 3
    for kind, fact_id, doc_id, evidence in facts[::4]:
        link = web_client.get(f"/{kind}s/{fact_id}", follow_redirects=False)
        assert link.status_code == 303
        assert link.headers["location"].startswith(f"/documents/{quote(doc_id, safe='')}?{kind}=")
        html = web_client.get(link.headers["location"]).text
        marked = re.findall(r'<mark id="evidence"[^>]*>(.*?)</mark>', html, re.S)
        assert [unescape(m) for m in marked] == [evidence], (kind, fact_id)
        assert html.count("<mark") == 1


def test_an_actor_is_marked_wherever_it_is_mentioned(web_client: TestClient, web_store: SqlStore) -> None:
    a = schema.actors.c
    with web_store.engine.connect() as conn:
        row = conn.execute(select(a.id, a.doc_id, a.mentions).where(a.code == "SRB").limit(1)).one()
    html = web_client.get(f"/documents/{row.doc_id}?actor={row.id}").text
    marked = [unescape(m) for m in re.findall(r"<mark[^>]*>(.*?)</mark>", html, re.S)]
    assert marked == [m["text"] for m in sorted(row.mentions, key=lambda m: m["start"])]


def test_the_dashboard_honours_the_read_key(web_store: SqlStore) -> None:
    client = TestClient(build_app(web_store, api_read_requires_key=True))
    assert client.get("/").status_code == 401
    assert client.get("/events").status_code == 401
    assert client.get("/static/app.css").status_code == 200


def test_a_browser_signs_in_with_a_key_and_out_again(web_store: SqlStore) -> None:
    from actorgraph.serve.auth import create_key, revoke_key

    record, key = create_key(web_store, "analyst-sign-in")
    client = TestClient(build_app(web_store, api_read_requires_key=True))
    browser = {"accept": "text/html,application/xhtml+xml"}
    sent = client.get("/events?actor=SRB", headers=browser, follow_redirects=False)
    assert sent.status_code == 303 and sent.headers["location"] == "/login?next=%2Fevents%3Factor%3DSRB"
    form = client.get(sent.headers["location"], headers=browser)
    assert form.status_code == 200 and 'name="key"' in form.text and 'value="/events?actor=SRB"' in form.text

    wrong = client.post("/login", data={"key": "ag_000000000000_nope", "next": "/events"}, follow_redirects=False)
    assert wrong.status_code == 401 and "actorgraph_session" not in wrong.headers.get("set-cookie", "")
    # A sign-in link may only lead back into the dashboard.
    away = client.post("/login", data={"key": key, "next": "//evil.example/x"}, follow_redirects=False)
    assert away.status_code == 303 and away.headers["location"] == "/"
    cookie = away.headers["set-cookie"]
    assert "httponly" in cookie.lower() and "samesite=strict" in cookie.lower()
    assert key not in cookie  # a session token, not the key

    page = client.get("/events?actor=SRB", headers=browser)
    assert page.status_code == 200 and "Sign out" in page.text
    # Signing out ends the session in the store: the same token no longer opens a page.
    token = client.cookies["actorgraph_session"]
    out = client.post("/logout", follow_redirects=False)
    assert out.status_code == 303 and 'actorgraph_session=""' in out.headers["set-cookie"]
    client.cookies.set("actorgraph_session", token)
    assert client.get("/events", headers=browser, follow_redirects=False).status_code == 303
    # Revoking the key ends its sessions too.
    client.cookies.clear()
    client.post("/login", data={"key": key, "next": "/"}, follow_redirects=False)
    assert client.get("/events", headers=browser).status_code == 200
    revoke_key(web_store, record.name)
    assert client.get("/events", headers=browser, follow_redirects=False).status_code == 303


@given(st.text(max_size=60), st.lists(st.tuples(st.integers(-5, 70), st.integers(-5, 70)), max_size=6))
def test_pieces_keep_the_text_and_mark_the_spans(text: str, spans: list[tuple[int, int]]) -> None:
    pieces = data.pieces(text, spans)
    assert "".join(p.text for p in pieces) == text
    marked = {i for s, e in spans for i in range(max(0, s), min(len(text), e))}
    position, covered = 0, set()
    for piece in pieces:
        if piece.mark:
            covered.update(range(position, position + len(piece.text)))
        position += len(piece.text)
    assert covered == marked
    assert sum(p.first for p in pieces) == (1 if marked else 0)


def test_vendored_libraries_match_their_pins_and_keep_their_licences() -> None:
    script = (ROOT / "scripts" / "vendor_js.sh").read_text()
    pins = {name: (version, integrity) for name, version, integrity in
            re.findall(r'^\s+"(\S+) (\S+) (sha512-\S+) ', script, re.M)}
    vendor = WEB / "static" / "vendor"
    lines = [line.split() for line in (vendor / "VERSIONS.txt").read_text().splitlines() if not line.startswith("#")]
    assert {name: (version, integrity) for name, version, _licence, integrity in lines} == pins
    for name in pins:
        assert (vendor / name / "LICENSE").read_text().strip()
    used = set()
    for template in (WEB / "templates").glob("*.html"):
        used.update(re.findall(r"/static/([\w./-]+)", template.read_text()))
    for path in used:
        assert (WEB / "static" / path).is_file(), path


def test_the_map_links_countries_and_places_to_their_events(web_client: TestClient, web_store) -> None:  # noqa: ANN001
    from sqlalchemy import select

    from actorgraph.store import schema

    page = web_client.get("/map")
    assert page.status_code == 200
    svg = page.text[page.text.index("<svg class=\"world-map\"") : page.text.index("</svg>")]
    countries = dict(re.findall(r'<a href="([^"]+)" class="country" data-code="([A-Z]{3})"', svg))
    assert {"SRB", "XKX", "ALB"} <= set(countries.values())
    serbia = next(href for href, code in countries.items() if code == "SRB")
    assert "SRB" in web_client.get(serbia.replace("&amp;", "&")).text
    e = schema.events.c
    with web_store.engine.connect() as conn:
        placed = conn.execute(select(e.location_name, e.evidence_text).where(e.location_lat.is_not(None))).all()
    points = re.findall(r'<a href="([^"]+)" class="place-point" data-place="([^"]+)"', svg)
    assert sorted({p for _href, p in points}) == sorted({name for name, _ in placed})
    href, name = points[0]
    listed = web_client.get(href.replace("&amp;", "&")).text
    assert all(evidence[:60] in listed for where, evidence in placed if where == name)
