"""Reading the store through the API: documents with their evidence, facts with filters, analyses, errors."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import func, select
from tests.api.conftest import TestClient

from actorgraph.analyze import Window
from actorgraph.analyze import dyads as analyze_dyads
from actorgraph.analyze import timeline as analyze_timeline
from actorgraph.store import schema
from actorgraph.store.sql import SqlStore

Get = Callable[..., Any]


def walk(get: Get, path: str, limit: int, **params: Any) -> list[dict[str, Any]]:
    """Every item of a list endpoint, page by page, following `next`."""
    items: list[dict[str, Any]] = []
    offset: int | None = 0
    while offset is not None:
        page = get(path, limit=limit, offset=offset, **params)
        assert page["limit"] == limit and page["offset"] == offset
        items.extend(page["items"])
        offset = page["next"]
    return items


def scalar(store: SqlStore, statement: Any) -> Any:
    with store.engine.connect() as conn:
        return conn.execute(statement).scalar_one()


def test_health_names_the_backend_and_schema(get: Get) -> None:
    health = get("/api/health")
    assert health == {"status": "ok", "version": health["version"], "database": "sqlite",
                      "schema_revision": "0009", "read_requires_key": False}


def test_documents_page_in_a_stable_order_newest_first(get: Get, corpus_store: SqlStore) -> None:
    everything = get("/api/documents", limit=500)
    assert everything["total"] == corpus_store.count("documents") == len(everything["items"]) == 12
    assert everything["next"] is None
    ids = [d["id"] for d in everything["items"]]
    keys = [(d["published"] or "", d["id"]) for d in everything["items"]]
    # newest first, ties by id ascending
    assert keys == sorted(keys, key=lambda k: (_reverse(k[0]), k[1]))
    for size in (1, 5, 7):
        assert [d["id"] for d in walk(get, "/api/documents", size)] == ids
    assert "text" not in everything["items"][0]


def _reverse(day: str) -> tuple[int, ...]:
    return tuple(-ord(ch) for ch in day)


def test_every_fact_of_every_document_points_at_its_words(get: Get) -> None:
    facts = 0
    for summary in get("/api/documents", limit=500)["items"]:
        document = get(f"/api/documents/{summary['id']}")
        text = document["text"]
        assert document["characters"] == len(text) and document["id"] == summary["id"]
        for actor in document["actors"]:
            for mention in actor["mentions"]:
                assert text[mention["start"] : mention["end"]] == mention["text"]
                facts += 1
        for kind in ("events", "stances", "quotes"):
            for fact in document[kind]:
                evidence = fact["evidence"]
                assert evidence["doc_id"] == document["id"]
                assert text[evidence["start"] : evidence["end"]] == evidence["text"]
                facts += 1
        for quote in document["quotes"]:
            content = quote["content"]
            assert text[content["start"] : content["end"]] == content["text"]
            assert quote["evidence"]["start"] <= content["start"] and content["end"] <= quote["evidence"]["end"]
    assert facts > 300  # the corpus codes hundreds of facts: the loop above really checked them


def test_a_document_shows_what_was_coded_from_it(get: Get) -> None:
    document = get("/api/documents/xkx-dinar-2024-02-01")
    assert document["title"].startswith("Kosovo ends use of Serbian dinar")
    assert document["published"] == "2024-02-01" and document["source"] == "Prishtina Wire"
    codes = {a["code"] for a in document["actors"]}
    assert {"XKX", "SRB"} <= codes
    assert any(e["source"] and e["source"][0]["code"] in ("XKX", "SRB") for e in document["events"])
    repub = get("/api/documents/srb-hq22-2022-04-12-repub")
    assert repub["duplicate_of"] == "srb-hq22-2022-04-11" and repub["containment"] > 0.8


def test_document_filters(get: Get, corpus_store: SqlStore) -> None:
    window = get("/api/documents", limit=500, since="2023-01-01", until="2024-03-31")["items"]
    assert window and all("2023-01-01" <= d["published"] <= "2024-03-31" for d in window)
    assert len(window) < 12
    originals = get("/api/documents", limit=500, include_duplicates="false")
    assert originals["total"] == 11 and all(d["duplicate_of"] is None for d in originals["items"])
    wire = get("/api/documents", source="Prishtina Wire")
    assert [d["id"] for d in wire["items"]] == ["xkx-dinar-2024-02-01"]
    montenegro = get("/api/documents", limit=500, actor="mne")["items"]
    a = schema.actors.c
    expected = scalar(corpus_store, select(func.count(func.distinct(a.doc_id))).where(a.code == "MNE"))
    assert len(montenegro) == expected >= 1
    for summary in montenegro:
        assert "MNE" in {x["code"] for x in get(f"/api/documents/{summary['id']}")["actors"]}


def test_events_filter_by_actor_dyad_type_quad_modality_date_and_text(get: Get, corpus_store: SqlStore) -> None:
    # Events of duplicate stories count only when asked (issue 11: one policy for every reader).
    total = get("/api/events", limit=1)["total"]
    assert get("/api/events", limit=1, include_duplicates="true")["total"] == corpus_store.count("events") > total
    e, doc = schema.events.c, schema.documents.c
    assert total == scalar(corpus_store, select(func.count()).select_from(schema.events.join(
        schema.documents, doc.id == e.doc_id)).where(doc.duplicate_of.is_(None)))

    def codes(refs: list[dict[str, Any]]) -> set[str]:
        return {r["code"] for r in refs}

    serbia = walk(get, "/api/events", 50, actor="SRB")
    assert 0 < len(serbia) < total
    assert all("SRB" in codes(e["source"]) | codes(e["target"]) for e in serbia)

    dyad = walk(get, "/api/events", 50, source="SRB", target="XKX")
    d = schema.event_dyads.c
    expected = scalar(corpus_store, select(func.count(func.distinct(d.event_id)))
                      .where(d.source_code == "SRB", d.target_code == "XKX", d.duplicate.is_(False)))
    assert len(dyad) == expected >= 3
    assert all("SRB" in codes(e["source"]) and "XKX" in codes(e["target"]) for e in dyad)

    accusations = walk(get, "/api/events", 50, type="accuse")
    assert accusations and all(e["type"] == "ACCUSE" for e in accusations)
    conflict = walk(get, "/api/events", 50, quad="material_conflict")
    assert conflict and all(e["quad"] == "material_conflict" for e in conflict)
    negated = walk(get, "/api/events", 50, modality="negated")
    assert negated and all(e["modality"] == "negated" for e in negated) and len(negated) < total

    dated = walk(get, "/api/events", 50, since="2023-09-01", until="2023-09-30")
    assert dated and all("2023-09-01" <= e["date"] <= "2023-09-30" for e in dated)
    worded = walk(get, "/api/events", 50, q="EMBASSY")
    assert worded and all("embassy" in e["evidence"]["text"].lower() for e in worded)
    assert get("/api/events", q="%")["total"] == 0  # a literal percent sign, not a wildcard


def test_event_pages_neither_repeat_nor_skip(get: Get) -> None:
    everything = get("/api/events", limit=500)["items"]
    pages = walk(get, "/api/events", 7)
    assert [e["id"] for e in pages] == [e["id"] for e in everything]
    assert len({e["id"] for e in pages}) == len(pages)
    days = [e["date"] for e in everything]
    assert days == sorted(days, reverse=True)


def test_stances_and_quotes_filters(get: Get) -> None:
    opposed = walk(get, "/api/stances", 50, holder="srb", polarity="oppose")
    assert opposed and all(s["holder"]["code"] == "SRB" and s["polarity"] == "oppose" for s in opposed)
    toward_kosovo = walk(get, "/api/stances", 50, target="XKX")
    assert toward_kosovo and all(s["target_key"] == "XKX" and s["target"]["code"] == "XKX" for s in toward_kosovo)
    topics = walk(get, "/api/stances", 50, target_kind="topic")
    assert all(s["target"] is None and s["target_key"].startswith("topic:") for s in topics)

    direct = walk(get, "/api/quotes", 50, direct="true")
    reported = walk(get, "/api/quotes", 50, direct="false")
    assert direct and reported and all(q["direct"] for q in direct) and not any(q["direct"] for q in reported)
    assert len(direct) + len(reported) == get("/api/quotes", limit=1)["total"]
    serbian = walk(get, "/api/quotes", 50, speaker="SRB")
    assert serbian and all(q["speaker"]["code"] == "SRB" for q in serbian)


def test_actors_are_counted_by_documents(get: Get, corpus_store: SqlStore) -> None:
    actors = walk(get, "/api/actors", 40)
    counts = [a["documents"] for a in actors]
    assert counts == sorted(counts, reverse=True)
    serbia = next(a for a in actors if a["code"] == "SRB" and a["sector"] is None and a["name"] == "Serbia")
    a = schema.actors.c
    expected = scalar(corpus_store, select(func.count(func.distinct(a.doc_id)))
                      .where(a.code == "SRB", a.sector.is_(None), a.name == "Serbia"))
    assert serbia["documents"] == expected and serbia["type"] == "state"
    assert serbia["first_seen"] <= serbia["last_seen"]
    people = walk(get, "/api/actors", 50, type="person", code="SRB")
    assert people and all(p["type"] == "person" and p["code"] == "SRB" for p in people)
    named = get("/api/actors", q="dodik")["items"]
    assert named and all("dodik" in x["name"].lower() for x in named)
    unresolved = walk(get, "/api/actors", 50, resolved="false")
    assert unresolved and all(x["code"] is None for x in unresolved)


def test_analyses_match_the_analysis_functions(get: Get, corpus_store: SqlStore) -> None:
    rows = analyze_dyads(corpus_store, Window(), "month", limit=500)
    api_rows = walk(get, "/api/dyads", 9, period="month")
    assert [(r["period"], r["source"], r["target"], r["events"]) for r in api_rows] == [
        (r.period, r.source, r.target, r.events) for r in rows
    ]
    series = get("/api/timeline", pair="srb-xkx", period="month")
    expected = analyze_timeline(corpus_store, Window(), "month", ("SRB", "XKX"))
    assert series["items"] == [p.__dict__ for p in expected] and series["total"] == len(expected) > 0
    narrowed = get("/api/dyads", limit=500, actor="ALB", since="2022-01-01", until="2022-12-31")["items"]
    assert narrowed and all("ALB" in (r["source"], r["target"]) and r["period"].startswith("2022") for r in narrowed)


def test_alerts_and_stance_examples_carry_their_evidence(get: Get) -> None:
    texts: dict[str, str] = {}

    def check(evidence: dict[str, Any]) -> None:
        if evidence["doc_id"] not in texts:
            texts[evidence["doc_id"]] = get(f"/api/documents/{evidence['doc_id']}")["text"]
        assert texts[evidence["doc_id"]][evidence["start"] : evidence["end"]] == evidence["text"]

    # A low bar, so the small corpus raises some (Banjska, September 2023, among them).
    alerts = get("/api/alerts", period="week", min_tension=1)["items"]
    assert alerts and get("/api/alerts", period="week", min_tension=1000)["items"] == []
    for alert in alerts:
        assert alert["reason"] and alert["evidence"]
        for item in alert["evidence"]:
            check(item["evidence"])
    cells = get("/api/stance-matrix", limit=20, examples=2)["items"]
    assert cells and all(c["balance"] == c["support"] - c["oppose"] for c in cells)
    for cell in cells:
        for example in cell["examples"]:
            check(example["evidence"])


def test_network_and_changes(get: Get) -> None:
    network = get("/api/network")
    nodes = {n["code"] for n in network["nodes"]}
    assert {"SRB", "XKX"} <= nodes and network["edges"]
    assert all(e["source"] in nodes and e["target"] in nodes and e["cooperation"] + e["conflict"] > 0
               for e in network["edges"])
    assert network["edges"] == sorted(network["edges"], key=lambda e: (e["source"], e["target"]))
    new = get("/api/changes", since="2025-01-01")
    assert new["since"] == "2025-01-01"
    assert new["dyads"] and all(d["first_seen"] >= "2025-01-01" for d in new["dyads"])
    assert get("/api/changes", since="2030-01-01") == {"since": "2030-01-01", "actors": [], "dyads": [], "stances": []}


def test_runs_list_the_ingest(get: Get) -> None:
    runs = get("/api/runs")
    assert runs["total"] >= 1
    first = runs["items"][-1]
    assert first["command"] == "ingest" and first["status"] == "completed" and first["counts"]["documents"] == 12
    # SQLite keeps no zone with the times it stores; the API says they are UTC
    assert datetime.fromisoformat(first["started_at"]).utcoffset() == timedelta(0)


@pytest.mark.parametrize(
    ("path", "params", "status", "words"),
    [
        ("/api/documents/no-such-story", {}, 404, "no document with id 'no-such-story'"),
        ("/api/nowhere", {}, 404, "no such endpoint"),
        ("/api/documents", {"limit": 0}, 422, "query parameter 'limit'"),
        ("/api/documents", {"limit": 501}, 422, "less than or equal to 500"),
        ("/api/events", {"since": "last tuesday"}, 422, "query parameter 'since'"),
        ("/api/events", {"since": "2024-05-01", "until": "2024-04-01"}, 422, "is after until"),
        ("/api/dyads", {"period": "year"}, 422, "query parameter 'period'"),
        ("/api/dyads", {"until": "9999-12-31"}, 422, "use a day between"),
        ("/api/timeline", {"pair": "SRB"}, 422, "two actor codes"),
        ("/api/changes", {}, 422, "query parameter 'since': Field required"),
        ("/api/events", {"q": "Serbia\x00"}, 422, "NUL"),
        ("/api/search", {"q": "-Serbia"}, 400, "no word to look for"),
        ("/api/alerts", {"threshold": "nan"}, 422, "query parameter 'threshold'"),
    ],
)
def test_errors_are_json_with_a_clear_message(client: TestClient, path: str, params: dict[str, Any], status: int,
                                              words: str) -> None:
    response = client.get(path, params=params)
    assert response.status_code == status
    assert response.headers["content-type"] == "application/json"
    error = response.json()["error"]
    assert error["status"] == status and words in error["message"]


def test_wrong_method_is_a_json_405(client: TestClient) -> None:
    response = client.delete("/api/documents")
    assert response.status_code == 405 and response.json()["error"]["status"] == 405


def test_dates_outside_the_store_give_empty_pages(get: Get) -> None:
    assert get("/api/events", since=str(date(2030, 1, 1)))["items"] == []
    page = get("/api/documents", offset=100)
    assert page["items"] == [] and page["total"] == 12 and page["next"] is None
