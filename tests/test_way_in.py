"""One way in: a file, a POST to the API and the feed watcher's `code_articles` store the same rows for the
same article, since all three go through `pipeline.prepare_articles`."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import DateTime, select

from actorgraph.dating import today_utc
from actorgraph.ingest.feeds import code_articles
from actorgraph.pipeline import Resources
from actorgraph.run import ingest
from actorgraph.serve.auth import create_key
from actorgraph.store import open_store, schema
from actorgraph.store.sql import SqlStore
from actorgraph.types import Article
from tests.api.conftest import TestClient, make_client

RECORD = {
    "id": "wire-2025-04-02-jarinje",
    "title": "Serbia and Kosovo trade accusations over Jarinje border arrests",
    "published": "2025-04-02",
    "source": "Balkan Wire",
    "url": "https://example.org/2025/04/02/jarinje",
    "text": (
        "BELGRADE, April 2 - Serbian President Aleksandar Vucic on Wednesday accused Kosovo of provoking a "
        "confrontation at the Jarinje border crossing, after Kosovo police detained two Serbian customs officers.\n\n"
        "Kosovo Prime Minister Albin Kurti rejected the accusation and said Belgrade was trying to destabilise the "
        "north of Kosovo."
    ),
}
# Nothing in it dates it: no dateline, no day named, no `published`.
UNDATED = {
    "id": "wire-undated-talks",
    "text": (
        "North Macedonia and Bulgaria agreed to resume talks on the rights of the Bulgarian minority, the "
        "foreign ministers of the two countries said after meeting in Skopje.\n\nThe European Commission "
        "welcomed the agreement and said it hoped the talks would unblock the accession process."
    ),
}
# What a run or a moment sets, which differs between any two runs of the same input.
_PER_RUN = {"run_id", "ingested_at", "coded_at"}
_TABLES = (schema.documents, schema.actors, schema.events, schema.event_dyads, schema.stances, schema.quotes,
           schema.fingerprints)


def stored_rows(store: SqlStore) -> dict[str, list[tuple[Any, ...]]]:
    """Every row a coding wrote, without the columns that name the run or the time."""
    out = {}
    with store.engine.connect() as conn:
        for table in _TABLES:
            columns = [c for c in table.columns if c.name not in _PER_RUN and not isinstance(c.type, DateTime)]
            out[table.name] = sorted(conn.execute(select(*columns)).all(), key=repr)
    return out


@pytest.fixture
def fresh(tmp_path: Path) -> Iterator[dict[str, SqlStore]]:
    stores = {name: open_store(f"sqlite:///{tmp_path / name}.db") for name in ("file", "post", "feed")}
    yield stores
    for store in stores.values():
        store.close()


def _post(store: SqlStore, resources: Resources, body: Any) -> Any:
    client: TestClient = make_client(store, resources)
    key = create_key(store, "newsroom")[1]
    response = client.post("/api/documents", json=body, headers={"X-API-Key": key})
    assert response.status_code == 201, response.text
    return response.json()


def test_a_file_a_post_and_the_feed_runner_store_the_same_rows(
    tmp_path: Path, resources: Resources, fresh: dict[str, SqlStore]
) -> None:
    path = tmp_path / "wire.jsonl"
    path.write_text(json.dumps(RECORD) + "\n", encoding="utf-8")
    by_file = ingest([str(path)], fresh["file"], resources, warn=lambda *_: None)
    assert (by_file.documents, by_file.skipped) == (1, [])

    _post(fresh["post"], resources, RECORD)

    store = fresh["feed"]
    run_id = store.begin_run("watch", ["feed"], resources.extractor_version)
    article = Article(source=RECORD["source"], text=RECORD["text"], title=RECORD["title"], published=date(2025, 4, 2),
                      url=RECORD["url"], given_id=RECORD["id"])
    assert code_articles([article], store, resources, run_id=run_id).documents == 1

    rows = {name: stored_rows(s) for name, s in fresh.items()}
    assert rows["file"]["events"], "the article should code to some events"
    assert rows["post"] == rows["file"]
    assert rows["feed"] == rows["file"]


def test_a_posted_story_without_a_date_is_dated_by_its_ingest(resources: Resources, fresh: dict[str, SqlStore]) -> None:
    result = _post(fresh["post"], resources, UNDATED)
    assert result["stored"][0]["published"] == today_utc().isoformat()
    with fresh["post"].engine.connect() as conn:
        d = schema.documents.c
        source = conn.execute(select(d.date_source).where(d.id == UNDATED["id"])).scalar()
    # not "file": no temporary file stands between the request and the pipeline any more
    assert source == "ingest"
