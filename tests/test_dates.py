"""Every story gets a date: its own, else its page's, the HTTP Last-Modified, the file's
modification time or the day of ingest, and `date_source` says which (`actorgraph.dating`)."""

from __future__ import annotations

import io
import json
import os
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect, select

from actorgraph.dedupe import mark_duplicates
from actorgraph.pipeline import Resources, prepare
from actorgraph.records import document_record
from actorgraph.types import Document

from .conftest import SHARED, requires_shared
from .local_http import serving

TODAY = date(2026, 1, 5)

# An undated main story followed by a teaser with a dateline, as on the seed page.
PAGE = """Serbia Objects To The New Defence Pact

Serbia has accused Kosovo of undermining regional security by signing a defence pact with Albania and Croatia, and its foreign ministry called for urgent clarification from both governments.
Belgrade said the agreement breaks earlier accords and threatens the stability of the whole region.
(Balkan Desk Editorial Board )

Original post Here

News
Albania Backs Its Partners In The Region

June 23, 2025 – Tirana Albania has expressed firm support for the pact signed with its partners, saying the agreement strengthens peace and cooperation in the Western Balkans.
"""

UNDATED = (
    "Serbia has accused Kosovo of undermining regional security by signing a defence pact with "
    "Albania and Croatia, and its foreign ministry called for urgent clarification from both governments.\n"
)

HTML_PAGE = """<!doctype html><html><head><title>Ministers meet</title>
<meta property="article:published_time" content="2024-05-02T09:00:00Z"></head><body>
<article><h1>Ministers Meet In Lisbon Over Steel Tariffs</h1>
<p>Trade ministers meeting in Lisbon on Friday rejected what they called a damaging plan to
raise tariffs on steel, the Portuguese presidency said in a communique issued after the talks.</p>
<p>The Slovak delegate said the bloc would answer calmly but firmly if the measures took effect,
a position shared by most member states of the union.</p></article>
<section><h2>Croatian Navy Joins Adriatic Exercise</h2>
<p>The Croatian navy sent two ships to a joint exercise with Italian and Greek vessels in the
Adriatic, the defence ministry in Zagreb said, calling the drill a routine test of readiness.</p></section>
</body></html>
"""


def _dates(resources: Resources, inputs: list[str], **kwargs: object) -> list[tuple[date | None, str | None]]:
    prepared = prepare(inputs, resources, warn=lambda *_: None, today=TODAY, **kwargs)  # type: ignore[arg-type]
    return [(d.published, d.date_source) for d in prepared.documents]


def _touch(path: Path, day: date) -> None:
    stamp = datetime(day.year, day.month, day.day, 12, tzinfo=UTC).timestamp()
    os.utime(path, (stamp, stamp))


def test_a_date_the_story_states_is_text_and_no_capture_date_replaces_it(
    resources: Resources, tmp_path: Path
) -> None:
    dated = tmp_path / "dated.txt"
    dated.write_text("PRISTINA, Kosovo, March 3, 2025 (AP) — " + UNDATED, encoding="utf-8")
    named = tmp_path / "wire-2024-11-02.txt"
    named.write_text(UNDATED.replace("Serbia", "Montenegro"), encoding="utf-8")
    record = tmp_path / "feed.jsonl"
    record.write_text(json.dumps({"id": "r1", "text": UNDATED.replace("Serbia", "Hungary"), "published": "2023-07-09"}))
    for path in (dated, named, record):
        _touch(path, date(2025, 12, 1))

    assert _dates(resources, [str(dated)]) == [(date(2025, 3, 3), "text")]
    assert _dates(resources, [str(named)]) == [(date(2024, 11, 2), "text")]
    assert _dates(resources, [str(record)]) == [(date(2023, 7, 9), "text")]


def test_an_undated_main_story_takes_the_latest_date_of_its_page(resources: Resources, tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_text(PAGE, encoding="utf-8")
    _touch(page, date(2025, 12, 1))

    assert _dates(resources, [str(page)]) == [(date(2025, 6, 23), "page"), (date(2025, 6, 23), "text")]


def test_a_teaser_takes_its_pages_own_date_and_keeps_a_dateline_of_its_own(
    resources: Resources, tmp_path: Path
) -> None:
    page = tmp_path / "page.html"
    page.write_text(HTML_PAGE, encoding="utf-8")
    assert _dates(resources, [str(page)]) == [(date(2024, 5, 2), "text"), (date(2024, 5, 2), "page")]

    # A JSON Lines record's date is its main story's; a later story's own dateline outranks it.
    record = tmp_path / "page.jsonl"
    record.write_text(json.dumps({"id": "p", "text": PAGE, "published": "2025-01-10"}), encoding="utf-8")
    assert _dates(resources, [str(record)]) == [(date(2025, 1, 10), "text"), (date(2025, 6, 23), "text")]


def test_an_undated_page_fetched_over_http_takes_its_last_modified(resources: Resources) -> None:
    pages = {
        "/story.txt": (UNDATED.encode(), "text/plain; charset=utf-8", {"last_modified": "Wed, 21 Oct 2025 07:28:00 GMT"}),
        "/plain.txt": (UNDATED.replace("Serbia", "Hungary").encode(), "text/plain; charset=utf-8", {}),
    }
    allowed = Resources(resources.settings.model_copy(update={"allow_private": True}), kb=resources.kb)
    with serving(pages) as server:
        assert _dates(allowed, [server.base + "/story.txt"]) == [(date(2025, 10, 21), "http")]
        # Without the header nothing but the day of ingest is left.
        assert _dates(allowed, [server.base + "/plain.txt"]) == [(TODAY, "ingest")]


def test_an_undated_file_takes_its_modification_time(resources: Resources, tmp_path: Path) -> None:
    story = tmp_path / "story.txt"
    story.write_text(UNDATED, encoding="utf-8")
    _touch(story, date(2025, 8, 14))
    assert _dates(resources, [str(story)]) == [(date(2025, 8, 14), "file")]

    # A modification time after the day of ingest is a wrong clock, not a capture date.
    _touch(story, date(2030, 1, 1))
    assert _dates(resources, [str(story)]) == [(TODAY, "ingest")]


def test_an_undated_story_from_stdin_takes_the_day_of_ingest(resources: Resources) -> None:
    assert _dates(resources, ["-"], stdin=io.BytesIO(UNDATED.encode())) == [(TODAY, "ingest")]


def test_only_a_stated_date_decides_which_copy_came_first() -> None:
    # The full story was captured later than its excerpt: the file dates say nothing of which
    # was published first, so the order of the run decides and the excerpt stays the original.
    text = UNDATED * 3
    first = Document("a", "a.txt", text, None, date(2025, 9, 1), None, None, order=0, date_source="file")
    second = Document("b", "b.txt", text, None, date(2025, 1, 1), None, None, order=1, date_source="file")
    marked, _ = mark_duplicates([first, second])
    assert [d.duplicate_of for d in marked] == [None, "a"]

    # Dates the stories state do decide: the one published later is the copy.
    marked, _ = mark_duplicates([replace(first, date_source="text"), replace(second, date_source="text")])
    assert [d.duplicate_of for d in marked] == ["b", None]


def test_the_contract_record_and_the_row_carry_the_date_source() -> None:
    from actorgraph.store.rows import document_row

    document = Document("a", "a.txt", "Text.", None, date(2025, 6, 23), None, None, date_source="page")
    assert document_record(document)["date_source"] == "page"
    assert document_row(document, "x", None, datetime.now(UTC))["date_source"] == "page"


def test_migration_0009_adds_and_removes_the_date_source_column(tmp_path: Path) -> None:
    from alembic import command

    from actorgraph.store.migrate import alembic_config

    url = f"sqlite:///{tmp_path / 'm.db'}"
    config = alembic_config(url)
    engine = create_engine(url)

    def columns() -> set[str]:
        return {c["name"] for c in inspect(engine).get_columns("documents")}

    try:
        command.upgrade(config, "0008")
        assert "date_source" not in columns()
        command.upgrade(config, "0009")
        assert "date_source" in columns()
        command.downgrade(config, "0008")
        assert "date_source" not in columns()
        command.upgrade(config, "head")
        assert "date_source" in columns()
    finally:
        engine.dispose()


@requires_shared(SHARED / "corpus" / "seeds")
def test_dyads_on_the_seeds_include_serbias_events_of_the_undated_analysis(
    resources: Resources, tmp_path: Path
) -> None:
    from typer.testing import CliRunner

    from actorgraph.run import ingest
    from actorgraph.serve.cli import app
    from actorgraph.store import open_store, schema

    url = f"sqlite:///{tmp_path / 'seeds.db'}"
    store = open_store(url)
    try:
        ingest([str(SHARED / "corpus" / "seeds")], store, resources, warn=lambda *_: None)
        with store.engine.connect() as conn:
            d = schema.documents.c
            main = conn.execute(
                select(d.published, d.date_source).where(d.title.like("News Analysis:%"), d.duplicate_of.is_(None))
            ).one()
    finally:
        store.close()
    # The analysis states no date; the newest teaser on its page is of 23 June 2025.
    assert tuple(main) == (date(2025, 6, 23), "page")

    result = CliRunner().invoke(app, ["dyads", "--db", url, "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    serbia = [r for r in rows if r["source"] == "SRB"]
    assert serbia and all(r["period"] == "2025-06-01" for r in serbia)
    assert sum(r["events"] for r in serbia) >= 10
    # each row says where its events' dates come from: the analysis is dated by its page
    assert all(r["dates"].startswith("page ") for r in serbia), [r["dates"] for r in serbia]


@pytest.fixture(autouse=True)
def _no_network_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy", "ALL_PROXY", "all_proxy"):
        monkeypatch.delenv(name, raising=False)


def test_the_api_the_dashboard_and_the_report_say_where_a_date_came_from(
    resources: Resources, tmp_path: Path
) -> None:
    from actorgraph.report import render
    from actorgraph.run import ingest
    from actorgraph.store import open_store
    from tests.api.conftest import make_client

    page = tmp_path / "page.txt"
    page.write_text(PAGE, encoding="utf-8")
    store = open_store(f"sqlite:///{tmp_path / 'pages.db'}")
    try:
        ingest([str(page)], store, resources, warn=lambda *_: None)
        client = make_client(store, resources)
        listed = {d["title"]: d for d in client.get("/api/documents").json()["items"]}
        main = listed["Serbia Objects To The New Defence Pact"]
        assert (main["published"], main["date_source"]) == ("2025-06-23", "page")
        assert listed["Albania Backs Its Partners In The Region"]["date_source"] == "text"
        assert client.get(f"/api/documents/{main['id']}").json()["date_source"] == "page"

        shown = client.get(f"/documents/{main['id']}", headers={"accept": "text/html"})
        assert shown.status_code == 200 and "no date in the story: date of its page" in shown.text
        assert "2025-06-23 (date of its page)" in render(store)
    finally:
        store.close()
