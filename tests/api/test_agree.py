"""Every reader gives the same count for the same filter (issue 11).

One store, coded by the real pipeline from the bundled samples (which hold a duplicate
`-repub` story) and an undated story written here; for each filter the API's total, the
dashboard's count (its data layer and the number on its page), the export's rows and the
CLI export's rows must agree. They disagreed when each reader wrote its own query: the API
counted the events of duplicate stories, the dashboard did not.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select
from tests.api.conftest import TestClient, fill, make_client
from typer.testing import CliRunner

from actorgraph.analyze.read import EventQuery, count_events
from actorgraph.export import export
from actorgraph.pipeline import Resources
from actorgraph.serve.cli import app as cli_app
from actorgraph.serve.web import data
from actorgraph.store import schema
from actorgraph.store.sql import SqlStore

UNDATED = {
    "id": "undated-belgrade-pristina",
    "title": "Belgrade accuses Pristina over the north",
    "source": "Test Wire",
    "text": (
        "Serbia accused Kosovo of provoking violence in the north. Serbian President Aleksandar Vucic "
        "condemned the Kosovo police raid. Kosovo Prime Minister Albin Kurti rejected the accusation "
        "and accused Serbia of backing armed groups."
    ),
}

# (API and documented names, the dashboard's own names for the same filter)
FILTERS: list[tuple[dict[str, str], dict[str, str]]] = [
    ({}, {}),
    ({"actor": "SRB"}, {"actor": "SRB"}),
    ({"dyad": "SRB-XKX"}, {"dyad": "XKX-SRB"}),
    ({"source": "SRB", "target": "XKX"}, {"source": "SRB", "target": "XKX"}),
    ({"type": "ACCUSE"}, {"type": "accuse"}),
    ({"quad": "material_conflict"}, {"quad": "material_conflict"}),
    ({"since": "2022-01-01", "until": "2023-12-31"}, {"from": "2022-01-01", "to": "2023-12-31"}),
    ({"q": "serbia"}, {"q": "Serbia"}),
    ({"actor": "SRB", "include_duplicates": "true"}, {"actor": "SRB", "duplicates": "1"}),
    ({"include_duplicates": "true"}, {"duplicates": "1"}),
]


@pytest.fixture(scope="module")
def store(
    tmp_path_factory: pytest.TempPathFactory, resources: Resources, corpus_copy: Callable[[Path], str]
) -> Iterator[SqlStore]:
    folder = tmp_path_factory.mktemp("agree")
    extra = folder / "undated.jsonl"
    extra.write_text(json.dumps(UNDATED) + "\n", encoding="utf-8")
    # the samples as `ingest` codes them (the session's copy), then the undated story by a second ingest
    filled = fill(corpus_copy(folder), resources, extra)
    yield filled
    filled.close()


@pytest.fixture(scope="module")
def client(store: SqlStore, resources: Resources) -> TestClient:
    return make_client(store, resources)


def test_the_store_has_what_makes_readers_disagree(store: SqlStore) -> None:
    e, d = schema.events.c, schema.documents.c
    with store.engine.connect() as conn:
        duplicated = conn.execute(select(func.count()).select_from(schema.events.join(schema.documents, d.id == e.doc_id))
                                  .where(d.duplicate_of.is_not(None))).scalar_one()
        undated = conn.execute(select(func.count()).select_from(schema.events.join(schema.documents, d.id == e.doc_id))
                               .where(d.date_source != "text")).scalar_one()
    assert duplicated > 0, "the -repub sample should be stored as a duplicate with events"
    # a story with no date of its own: its date is a capture date (date_source says which)
    assert undated > 0, "the undated story should have events"


def _api_total(client: TestClient, params: dict[str, str]) -> int:
    response = client.get("/api/events", params={**params, "limit": 1})
    assert response.status_code == 200, response.text
    return int(response.json()["total"])


def _page_total(client: TestClient, params: dict[str, str]) -> int:
    response = client.get("/events", params=params)
    assert response.status_code == 200, response.text
    found = re.search(r'id="result-count"[^>]*>\s*([\d,]+)', response.text)
    assert found, "the events page shows how many match"
    return int(found.group(1).replace(",", ""))


def _cli_rows(store: SqlStore, params: dict[str, str], out: Path) -> int:
    args = ["export", "events", "--format", "jsonl", "--out", str(out), "--db", store.url]
    for name, option in (("since", "--since"), ("until", "--until"), ("actor", "--actor"), ("dyad", "--dyad"),
                         ("type", "--type"), ("quad", "--quad"), ("q", "--q")):
        if name in params:
            args += [option, params[name]]
    if params.get("include_duplicates"):
        args.append("--include-duplicates")
    result = CliRunner().invoke(cli_app, args)
    assert result.exit_code == 0, result.output
    return len(out.read_text(encoding="utf-8").splitlines())


@pytest.mark.parametrize(("params", "dashboard"), FILTERS, ids=[str(f[0]) or "none" for f in FILTERS])
def test_every_reader_counts_the_same(
    store: SqlStore, client: TestClient, tmp_path: Path, params: dict[str, str], dashboard: dict[str, str]
) -> None:
    api = _api_total(client, params)
    listed = data.list_events(store, data.EventFilter.from_params(dashboard), 0, 5).total
    shown = _page_total(client, dashboard)
    exported = export(store, "events", "jsonl", tmp_path / "events.jsonl", EventQuery.from_params(params))
    polecat = export(store, "polecat", "csv", tmp_path / "polecat.csv", EventQuery.from_params(params))
    with store.engine.connect() as conn:
        counted = count_events(conn, EventQuery.from_params(params))
    assert api == listed == shown == exported == polecat == counted, (api, listed, shown, exported, polecat)
    if "source" not in params:  # the CLI export has --dyad, not --source/--target
        assert _cli_rows(store, params, tmp_path / "cli.jsonl") == api
    # the dashboard also takes the documented names, the API the dashboard's
    assert data.list_events(store, data.EventFilter.from_params(params), 0, 5).total == api
    assert _api_total(client, dashboard) == api


def test_duplicates_are_left_out_unless_asked(store: SqlStore, client: TestClient) -> None:
    e, d = schema.events.c, schema.documents.c
    with store.engine.connect() as conn:
        everything = conn.execute(select(func.count()).select_from(schema.events)).scalar_one()
        originals = conn.execute(select(func.count()).select_from(schema.events.join(schema.documents, d.id == e.doc_id))
                                 .where(d.duplicate_of.is_(None))).scalar_one()
    assert originals < everything
    assert _api_total(client, {}) == originals
    assert _api_total(client, {"include_duplicates": "true"}) == everything


def test_a_window_reads_an_events_day_as_the_dyads_do(store: SqlStore, client: TestClient) -> None:
    """The events a window selects are those whose dyad rows fall in it (`event_dyads.date`)."""
    ed = schema.event_dyads.c
    since, until = "2023-01-01", "2024-12-31"
    with store.engine.connect() as conn:
        expected = conn.execute(
            select(func.count(func.distinct(ed.event_id)))
            .where(ed.duplicate.is_(False), ed.date >= since, ed.date <= until)
        ).scalar_one()
    assert _api_total(client, {"since": since, "until": until}) == expected > 0


def test_a_malformed_dyad_is_refused_by_the_api(client: TestClient) -> None:
    response = client.get("/api/events", params={"dyad": "SRB"})
    assert response.status_code == 422 and "dyad" in response.text


def test_a_kb_layers_region_reaches_region_filters(store: SqlStore, resources: Resources, tmp_path: Path) -> None:
    """A `--kb` layer that puts Serbia in a new region: `--region` finds it, as the API does with the layer set."""
    from actorgraph.analyze import regions_of
    from actorgraph.config import Settings
    from actorgraph.serve.api import create_app

    layer = tmp_path / "corridor"
    layer.mkdir()
    (layer / "states.tsv").write_text(
        "code\tname\taliases\tadjectives\tdemonyms\tcapitals\tmetonyms\tregions\n"
        "SRB\tRascia Test\t\t\t\t\t\tTest Corridor\n", encoding="utf-8")
    assert regions_of([layer])["test corridor"] == ("SRB",)
    assert "test corridor" not in regions_of()

    def dyads(*more: str) -> list[dict[str, object]]:
        args = ["dyads", "--db", store.url, "--region", "Test Corridor", "--format", "json", *more]
        result = CliRunner().invoke(cli_app, args)
        assert result.exit_code == 0, result.output
        return list(json.loads(result.stdout))

    assert dyads() == []
    found = dyads("--kb", str(layer))
    assert found and all("SRB" in (row["source"], row["target"]) for row in found)

    app = create_app(Settings(db_url=store.url, kb_dirs=[layer]), store, resources=resources)
    rows = TestClient(app).get("/api/dyads", params={"region": "Test Corridor"}).json()["items"]
    assert rows and all("SRB" in (row["source"], row["target"]) for row in rows)


def test_the_pipeline_and_the_readers_share_one_knowledge_base(tmp_path: Path) -> None:
    from actorgraph.config import Settings
    from actorgraph.resolve.kb import shared_kb

    assert Resources(Settings(kb_dirs=[])).kb is shared_kb()
