"""Walk the dashboard in headless Chromium: network → dyad → event → evidence, filters, search.

Every check compares what the browser shows with the store itself, so the tests hold whatever
the NLP rules code from the sample corpus; a few check that the corpus's main story shows.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import unquote_plus

import pytest
from sqlalchemy import and_, or_, select

from actorgraph.store import schema
from actorgraph.store.sql import SqlStore

from .conftest import Tab

pytestmark = pytest.mark.slow

# Picks the busiest tie whose middle is clear of every circle, and where it is on the screen.
PICK_EDGE = """() => {
  const cy = window.actorgraph.network;
  const box = cy.container().getBoundingClientRect();
  const circles = cy.nodes().map(n => n.renderedBoundingBox({includeLabels: true}));
  const edges = cy.edges().sort((a, b) => b.data('width') - a.data('width'));
  for (const edge of edges) {
    const p = edge.renderedMidpoint();
    const clear = circles.every(b => p.x < b.x1 - 6 || p.x > b.x2 + 6 || p.y < b.y1 - 6 || p.y > b.y2 + 6);
    if (clear && p.x > 10 && p.y > 10 && p.x < box.width - 10 && p.y < box.height - 10) {
      return {source: edge.data('source'), target: edge.data('target'), x: box.left + p.x, y: box.top + p.y};
    }
  }
  return null;
}"""

NODE_AT = """code => {
  const cy = window.actorgraph.network;
  const box = cy.container().getBoundingClientRect();
  const p = cy.getElementById(code).renderedPosition();
  return {x: box.left + p.x, y: box.top + p.y};
}"""


def _event(store: SqlStore, event_id: str) -> Any:
    e = schema.events.c
    with store.engine.connect() as conn:
        return conn.execute(select(e.id, e.doc_id, e.evidence_text).where(e.id == event_id)).one()


def _ids(tab: Tab, selector: str, attribute: str) -> list[str]:
    return [str(v) for v in tab.page.locator(selector).evaluate_all(f"els => els.map(e => e.getAttribute('{attribute}'))")]


def _expect_evidence(tab: Tab, evidence: str, fact_selector: str) -> None:
    """The story is open with exactly `evidence` marked, scrolled into view, its fact selected."""
    mark = tab.page.locator("mark#evidence")
    assert mark.count() == 1
    assert " ".join(mark.inner_text().split()) == " ".join(evidence.split())
    assert mark.is_visible()
    box = mark.bounding_box()
    assert box is not None and box["y"] + box["height"] > 0 and box["y"] < 900, "the evidence is scrolled into view"
    assert tab.page.locator(f"{fact_selector}[aria-current='true']").count() == 1


def test_network_to_dyad_to_event_to_evidence(tab: Tab, web_store: SqlStore, tmp_path: Path) -> None:
    page = tab.page
    page.goto("/")
    page.wait_for_selector("#network[data-ready='true']")
    page.wait_for_selector("#tension-all[data-ready='true'] canvas")
    page.screenshot(path=tmp_path / "overview.png", full_page=True)

    # Click a tie of the network: the pair's page opens.
    edge = page.evaluate(PICK_EDGE)
    assert edge is not None, "some tie of the network can be clicked"
    page.mouse.click(edge["x"], edge["y"])
    page.wait_for_url(re.compile(r"/dyads/"))
    first, second = sorted((edge["source"], edge["target"]))
    assert tab.path() == f"/dyads/{first}/{second}"

    # Its weekly tension chart and its events.
    page.wait_for_selector("#tension-dyad[data-ready='true'] canvas")
    legend = page.locator("#tension-dyad .u-legend").inner_text()
    for series in ("Conflict", "Cooperation", "Tension"):
        assert series in legend
    rows = page.locator("table.events tr.event-row")
    assert rows.count() >= 1
    page.screenshot(path=tmp_path / "dyad.png", full_page=True)

    # Open the newest event: its story, with the event's evidence sentence marked.
    event_id = rows.first.get_attribute("data-event-id")
    assert event_id
    rows.first.locator("a.evidence-link").click()
    page.wait_for_url(re.compile(r"/documents/"))
    event = _event(web_store, event_id)
    assert f"event={event_id}" in page.url
    _expect_evidence(tab, event.evidence_text, f"li.fact-event[data-event-id='{event_id}'] a")
    page.screenshot(path=tmp_path / "evidence.png", full_page=True)

    # Another fact of the same story moves the mark to its own sentence.
    others = page.locator("li.fact-event:not(.selected) a")
    if others.count():
        other = others.first
        other_id = other.locator("xpath=..").get_attribute("data-event-id")
        assert other_id
        other.click()
        page.wait_for_url(re.compile(f"event={other_id}"))
        _expect_evidence(tab, _event(web_store, other_id).evidence_text,
                         f"li.fact-event[data-event-id='{other_id}'] a")


def test_an_actor_of_the_network_opens_its_page(tab: Tab) -> None:
    page = tab.page
    page.goto("/network")
    page.wait_for_selector("#network[data-ready='true']")
    code = page.evaluate("() => window.actorgraph.network.nodes().max(n => n.data('size')).ele.id()")
    point = page.evaluate(NODE_AT, code)
    page.mouse.click(point["x"], point["y"])
    page.wait_for_url(re.compile(r"/actors/"))
    assert tab.path() == f"/actors/{code}"
    assert code in page.locator("h1").inner_text()
    # From the actor to one of its pairs.
    page.locator("table.partners a.dyad-link").first.click()
    page.wait_for_url(re.compile(r"/dyads/"))
    assert code in tab.path().split("/")


def _submit(tab: Tab) -> None:
    with tab.page.expect_navigation():
        tab.page.locator("#event-filters button[type='submit']").click()


def _expected(store: SqlStore, *conditions: Any, actor: str | None = None) -> set[str]:
    e, d, doc = schema.events.c, schema.event_dyads.c, schema.documents.c
    query = select(e.id).join(schema.documents, doc.id == e.doc_id).where(doc.duplicate_of.is_(None), *conditions)
    if actor:
        query = query.where(e.id.in_(select(d.event_id).where(or_(d.source_code == actor, d.target_code == actor))))
    with store.engine.connect() as conn:
        return set(conn.execute(query).scalars())


def test_event_filters(tab: Tab, web_store: SqlStore, tmp_path: Path) -> None:
    page = tab.page
    e = schema.events.c
    page.goto("/events")

    # Actor and quad category.
    page.fill("#f-actor", "srb")
    page.select_option("#f-quad", "verbal_conflict")
    _submit(tab)
    expected = _expected(web_store, e.quad == "verbal_conflict", actor="SRB")
    assert expected, "the corpus has Serbia in verbal conflict"
    assert set(_ids(tab, "tr.event-row", "data-event-id")) == expected
    assert page.locator("#f-actor").input_value() == "SRB"
    page.screenshot(path=tmp_path / "events-filtered.png", full_page=True)

    # Modality only.
    page.goto("/events")
    page.select_option("#f-modality", "negated")
    _submit(tab)
    negated = _expected(web_store, e.modality == "negated")
    assert negated
    assert set(_ids(tab, "tr.event-row", "data-event-id")) == negated
    assert page.locator("tr.event-row .modality-negated").count() == len(negated)

    # PLOVER type and a date range.
    page.goto("/events")
    page.select_option("#f-type", "ACCUSE")
    page.fill("#f-from", "2023-01-01")
    page.fill("#f-to", "2023-12-31")
    _submit(tab)
    accusations = _expected(web_store, e.type == "ACCUSE", e.date >= date(2023, 1, 1), e.date <= date(2023, 12, 31))
    assert accusations
    assert set(_ids(tab, "tr.event-row", "data-event-id")) == accusations

    # Words of the evidence.
    page.goto("/events")
    page.fill("#f-q", "Banjska")
    _submit(tab)
    banjska = _expected(web_store, e.evidence_text.ilike("%banjska%"))
    assert banjska
    assert set(_ids(tab, "tr.event-row", "data-event-id")) == banjska

    # A pair (either direction) from the address.
    page.goto("/events?dyad=XKX-SRB")
    d = schema.event_dyads.c
    pair = _expected(web_store, e.id.in_(select(d.event_id).where(or_(
        and_(d.source_code == "SRB", d.target_code == "XKX"), and_(d.source_code == "XKX", d.target_code == "SRB")))))
    assert set(_ids(tab, "tr.event-row", "data-event-id")) == pair

    # Pages of the unfiltered list cover every event once.
    page.goto("/events")
    everything = _expected(web_store)
    seen = _ids(tab, "tr.event-row", "data-event-id")
    while page.locator("nav.pager a[rel='next']").count():
        with page.expect_navigation():
            page.locator("nav.pager a[rel='next']").click()
        seen += _ids(tab, "tr.event-row", "data-event-id")
    assert len(seen) == len(set(seen)) == len(everything)
    assert set(seen) == everything


def test_search_opens_the_story_at_its_match(tab: Tab, tmp_path: Path) -> None:
    page = tab.page
    page.goto("/")
    page.fill("#site-search", "cyber attack")
    with page.expect_navigation():
        page.press("#site-search", "Enter")
    assert tab.path().startswith("/search?")
    assert "match" in page.locator("#result-count").inner_text()
    hits = page.locator("li.search-hit")
    assert hits.count() >= 2
    titles = " ".join(hits.locator("h2").all_inner_texts())
    assert "Albania cuts diplomatic ties with Iran" in titles
    assert hits.first.locator("mark").count() >= 1
    page.screenshot(path=tmp_path / "search.png", full_page=True)
    hits.first.locator("h2 a").click()
    page.wait_for_url(re.compile(r"/documents/"))
    mark = page.locator("mark#evidence")
    assert mark.count() == 1
    assert mark.inner_text().lower().startswith(("cyber", "attack"))


def test_stance_matrix_cell_to_evidence(tab: Tab, web_store: SqlStore) -> None:
    page = tab.page
    s, doc = schema.stances.c, schema.documents.c
    page.goto("/stances")
    cell = page.locator("table.matrix td.cell a").first
    href = cell.get_attribute("href") or ""
    holder = re.search(r"holder=([^&#]+)", href)
    target = re.search(r"target=([^&#]+)", href)
    assert holder and target
    cell.click()
    page.wait_for_url(re.compile(r"holder="))
    assert page.locator("td.cell-selected").count() == 1
    key = unquote_plus(target.group(1))
    with web_store.engine.connect() as conn:
        expected = conn.execute(
            select(s.id, s.evidence_text)
            .join(schema.documents, doc.id == s.doc_id)
            .where(s.holder_code == holder.group(1), s.target_key == key, doc.duplicate_of.is_(None))
        ).all()
    links = page.locator("table.stances a.evidence-link")
    assert links.count() == len(expected) >= 1
    links.first.click()
    page.wait_for_url(re.compile(r"stance="))
    stance_id = re.search(r"stance=([^&#]+)", page.url)
    assert stance_id
    evidence = dict((r.id, r.evidence_text) for r in expected)[stance_id.group(1)]
    _expect_evidence(tab, evidence, f"li.fact-stance[data-stance-id='{stance_id.group(1)}'] a")


def test_the_overview_shows_the_corpus_at_a_glance(tab: Tab) -> None:
    """Who backs and opposes whom in the sample corpus, and its conflict events, on the first page."""
    page = tab.page
    page.goto("/")
    page.wait_for_selector("#network[data-ready='true']")
    nodes = set(page.evaluate("() => window.actorgraph.network.nodes().map(n => n.id())"))
    # The defence declaration's signatories and its critic, NATO, and Iran of the cyber attack.
    assert {"ALB", "HRV", "XKX", "SRB", "NATO", "IRN"} <= nodes
    against = page.locator("ul[aria-label='Stances against'] li").all_inner_texts()
    backing = page.locator("ul[aria-label='Stances for'] li").all_inner_texts()
    assert any(row.startswith("Serbia opposes") for row in against), against
    assert any(row.startswith(("Albania supports", "Kosovo supports", "Croatia supports")) for row in backing), backing
    conflict = page.locator("section[aria-labelledby='conflict-heading']").inner_text()
    assert "ASSAULT" in conflict and "Banjska" in conflict  # the Banjska attack
    # The legend says what the colours mean, in words too.
    assert "mostly conflict" in page.locator(".legend").inner_text()
    # The card shows the most hostile few; its link lists all material conflict, the cyber attacks
    # on Montenegro and Albania among them.
    page.locator("section[aria-labelledby='conflict-heading'] a.more").click()
    page.wait_for_url(re.compile(r"/events\?.*quad=material_conflict"))
    assert "cyber" in page.locator("main").inner_text().lower()


def test_signing_in_to_a_keyed_dashboard(browser: Any, web_store: SqlStore) -> None:
    from actorgraph.serve.auth import create_key
    from actorgraph.serve.web.local import running

    from .conftest import build_app

    _record, key = create_key(web_store, "browser-sign-in")
    with running(build_app(web_store, api_read_requires_key=True)) as base:
        context = browser.new_context(base_url=base)
        context.set_default_timeout(15_000)
        try:
            page = context.new_page()
            page.goto("/stances")
            assert page.url == f"{base}/login?next=%2Fstances"
            page.fill("#key", "ag_000000000000_wrong")
            page.click("form.login button")
            assert page.locator("p.error").is_visible()
            page.fill("#key", key)
            page.click("form.login button")
            page.wait_for_url(f"{base}/stances")
            assert page.locator("h1").first.inner_text().strip() != "Sign in"
            page.goto("/events")  # the session cookie carries the sign-in from page to page
            assert page.url == f"{base}/events"
            page.click("form.site-signout button")
            page.wait_for_url(re.compile(r".*/login$"))
            page.goto("/events")
            assert "/login?next=" in page.url
        finally:
            context.close()


def test_the_api_docs_work_offline_under_their_policy(tab: Tab) -> None:
    # Swagger UI comes from this server and starts under a CSP without inline scripts or eval:
    # the tab fails the test on any script error, blocked resource or request to another host.
    tab.page.goto("/docs")
    tab.page.locator(".opblock").first.wait_for()
    paths = tab.page.locator(".opblock-summary-path").all_inner_texts()
    assert "/api/documents" in paths and "/api/search" in paths
    tab.page.locator(".opblock-summary-path", has_text="/api/health").first.click()
    tab.page.locator("button.try-out__btn").first.click()
    tab.page.locator("button.execute").first.click()
    status = tab.page.locator(".live-responses-table tr.response .response-col_status").first
    status.wait_for()
    assert status.inner_text().strip() == "200"


# A screen point inside a country's shape that the country itself receives, found on a grid.
_POINT_INSIDE = """(code) => {
  const path = document.querySelector(`svg.world-map a.country[data-code='${code}'] path`);
  const svg = path.ownerSVGElement, box = path.getBBox(), screen = path.getScreenCTM();
  for (let i = 1; i < 50; i++) {
    for (let j = 1; j < 50; j++) {
      const p = svg.createSVGPoint();
      p.x = box.x + (box.width * i) / 50;
      p.y = box.y + (box.height * j) / 50;
      if (!path.isPointInFill(p)) continue;
      const s = p.matrixTransform(screen);
      if (document.elementFromPoint(s.x, s.y) === path) return [s.x, s.y];
    }
  }
  return null;
}"""


_UNCOVERED_PLACE = """() => {
  for (const link of document.querySelectorAll("svg.world-map a.place-point")) {
    const box = link.querySelector("circle").getBoundingClientRect();
    const x = box.x + box.width / 2, y = box.y + box.height / 2;
    const hit = document.elementFromPoint(x, y);
    if (hit && hit.closest("a.place-point") === link) return [x, y, link.dataset.place];
  }
  return null;
}"""


def test_the_map_draws_offline_and_its_countries_open_their_events(tab: Tab, web_store: SqlStore) -> None:
    # The tab fails the test on any request to another host, a script error or a blocked resource.
    page = tab.page
    page.goto("/map")
    page.locator("svg.world-map").wait_for()
    shaded = _ids(tab, "svg.world-map a.country", "data-code")
    assert {"SRB", "XKX", "ALB"} <= set(shaded)
    box = page.locator("svg.world-map").bounding_box()
    assert box is not None and box["width"] > 400 and box["height"] > 150, "the map is drawn at a readable size"
    # a large country, so that no point of a town sits over all of it
    code = next(c for c in ("RUS", "USA", "CHN", "IRN", "UKR") if c in shaded)
    # a point of the country itself: the middle of the box round Russia (which crosses the date
    # line) is sea
    inside = page.evaluate(_POINT_INSIDE, code)
    assert inside is not None, f"no visible point of {code} on the map"
    page.mouse.click(*inside)
    page.wait_for_url(re.compile(rf"/events\?actor={code}"))
    rows = _ids(tab, "tr.event-row", "data-event-id")
    e, dyads = schema.events.c, schema.event_dyads.c
    with web_store.engine.connect() as conn:
        involved = select(dyads.event_id).where(or_(dyads.source_code == code, dyads.target_code == code))
        theirs = set(conn.execute(involved).scalars())
    assert rows and set(rows) <= theirs
    page.goto("/map")
    # a place whose point is not covered by a neighbour's (towns close together overlap)
    found = page.evaluate(_UNCOVERED_PLACE)
    assert found is not None, "every place point is covered by another"
    x, y, name = found
    page.mouse.click(x, y)
    page.wait_for_url(re.compile(r"/events\?place="))
    with web_store.engine.connect() as conn:
        there = set(conn.execute(select(e.id).where(e.location_name == name)).scalars())
    assert set(_ids(tab, "tr.event-row", "data-event-id")) <= there
