"""The store on both backends: what an ingest writes, re-runs, duplicates, aggregates, runs, reprocess."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, update

from actorgraph.pipeline import Resources
from actorgraph.run import ingest, reprocess
from actorgraph.store import schema
from actorgraph.store.sql import SqlStore
from tests.conftest import SAMPLES

CORPUS = SAMPLES / "corpus"
AGGREGATES = ("dyad_daily", "dyad_weekly", "dyad_monthly", "dyad_first", "stance_daily", "stance_monthly",
              "stance_first", "actor_daily", "actor_first")  # fmt: skip


def _texts(directory: Path, names: list[str]) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    for name in names:
        shutil.copy(CORPUS / name, directory / name)


def _ingest(store: SqlStore, resources: Resources, *paths: Path, batch_size: int = 32) -> Any:
    warnings: list[str] = []
    return ingest([str(p) for p in paths], store, resources, warn=warnings.append, batch_size=batch_size)


def _rows(store: SqlStore, table: str) -> list[tuple[Any, ...]]:
    t = schema.metadata.tables[table]
    with store.engine.connect() as conn:
        rows = conn.execute(select(t)).all()
    return sorted((tuple(_plain(v) for v in row) for row in rows), key=repr)


def _plain(value: Any) -> Any:
    return round(value, 6) if isinstance(value, float) else value


def _ids(store: SqlStore, table: str) -> list[str]:
    t = schema.metadata.tables[table]
    with store.engine.connect() as conn:
        return sorted(conn.execute(select(t.c.id)).scalars())


def test_ingest_keeps_every_fact_with_its_evidence(store: SqlStore, resources: Resources, tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    _texts(inputs, ["2025-03-18_defence_cooperation.txt", "2023-09-25_banjska.txt"])
    result = _ingest(store, resources, inputs)
    assert result.documents == 2 and result.events > 5 and result.stances > 0 and result.quotes > 0
    assert store.count("events") == result.events
    with store.engine.connect() as conn:
        texts = dict(conn.execute(select(schema.documents.c.id, schema.documents.c.text)).all())
        for table in (schema.events, schema.stances, schema.quotes):
            c = table.c
            rows = conn.execute(select(c.doc_id, c.evidence_start, c.evidence_end, c.evidence_text)).all()
            assert rows
            for doc_id, start, end, evidence in rows:
                assert texts[doc_id][start:end] == evidence
        codes = set(conn.execute(select(schema.actors.c.code)).scalars())
    assert {"ALB", "HRV", "XKX", "SRB"} <= codes


def test_reingest_adds_nothing_and_every_run_is_recorded(
    store: SqlStore, resources: Resources, tmp_path: Path
) -> None:
    inputs = tmp_path / "in"
    _texts(inputs, ["2024-06-15_bosnia_rs.txt", "2022-09-08_albania_iran.html"])
    (inputs / "empty.txt").write_text("")
    (inputs / "image.bin").write_bytes(bytes(range(256)) * 40)
    first = _ingest(store, resources, inputs)
    before = {table: _rows(store, table) for table in ("documents", "events", "stances", "quotes", *AGGREGATES)}
    second = _ingest(store, resources, inputs)
    assert second.documents == 0 and second.unchanged == first.documents > 0
    for table, rows in before.items():
        assert _rows(store, table) == rows, table
    newest, oldest = store.runs()[:2]
    assert oldest["status"] == newest["status"] == "completed"
    assert oldest["counts"]["documents"] == first.documents and newest["counts"]["documents"] == 0
    assert oldest["extractor"] == resources.extractor_version
    assert oldest["inputs"] == [str(inputs)]
    reasons = {Path(s["input"]).name: s["reason"] for s in oldest["skipped"]}
    assert set(reasons) == {"empty.txt", "image.bin"}
    assert "empty" in reasons["empty.txt"].lower()
    assert "binary" in reasons["image.bin"].lower()


def _excerpt(tmp_path: Path) -> tuple[Path, Path]:
    """A full article and a copy of its first two thirds under another name (as a re-post would be)."""
    full = tmp_path / "full" / "2023-09-25_banjska.txt"
    _texts(full.parent, [full.name])
    text = full.read_text(encoding="utf-8")
    paragraphs = text.split("\n\n")
    excerpt = tmp_path / "excerpt" / "repost.txt"
    excerpt.parent.mkdir()
    excerpt.write_text("\n\n".join(paragraphs[: len(paragraphs) * 2 // 3]), encoding="utf-8")
    return full, excerpt


@pytest.mark.parametrize("excerpt_first", [False, True], ids=["full-first", "excerpt-first"])
def test_a_later_near_duplicate_is_linked_in_either_order(
    store: SqlStore, resources: Resources, tmp_path: Path, excerpt_first: bool
) -> None:
    full, excerpt = _excerpt(tmp_path)
    order = [excerpt, full] if excerpt_first else [full, excerpt]
    for path in order:  # separate runs: the second one must find the first in the store
        _ingest(store, resources, path)
    with store.engine.connect() as conn:
        docs = {r.source: r for r in conn.execute(select(schema.documents))}
        flagged = dict(
            conn.execute(
                select(schema.event_dyads.c.event_id, schema.event_dyads.c.duplicate).join(
                    schema.events, schema.events.c.id == schema.event_dyads.c.event_id
                ).where(schema.events.c.doc_id == docs[str(excerpt)].id)
            ).all()
        )
    copy, original = docs[str(excerpt)], docs[str(full)]
    assert copy.duplicate_of == original.id
    assert original.duplicate_of is None
    assert copy.containment > 0.8
    # The copy's events stay (with their evidence) but count once in the analyses.
    assert flagged and all(flagged.values())
    original_only = sum(1 for _ in _rows(store, "dyad_daily"))
    store.rebuild_aggregates()
    assert sum(1 for _ in _rows(store, "dyad_daily")) == original_only


def test_incremental_aggregates_equal_a_full_rebuild(store: SqlStore, resources: Resources, tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    _texts(inputs, sorted(p.name for p in CORPUS.glob("*.txt")) + ["2023-02-28_dialogue_page.html"])
    _ingest(store, resources, inputs, batch_size=2)
    # a re-coded batch and a late duplicate decision also go through the incremental path
    reprocess(store, _renamed(resources, "-next"), everything=True, batch_size=3)
    with store.engine.connect() as conn:
        some, other = conn.execute(select(schema.documents.c.id).order_by(schema.documents.c.id).limit(2)).scalars()
    store.mark_duplicate(some, other, 0.9)
    incremental = {table: _rows(store, table) for table in AGGREGATES}
    assert incremental["dyad_daily"] and incremental["dyad_monthly"] and incremental["actor_first"]
    store.rebuild_aggregates()
    for table in AGGREGATES:
        assert _rows(store, table) == incremental[table], table


class _Renamed(Resources):
    """The same coder under another version string (a newer extractor, as far as the store can tell)."""

    suffix = ""

    @property
    def extractor_version(self) -> str:
        return super().extractor_version + self.suffix


def _renamed(resources: Resources, suffix: str) -> Resources:
    renamed = _Renamed(resources.settings, kb=resources.kb, nlp=resources.nlp)
    renamed.suffix = suffix
    return renamed


def test_reprocess_recodes_only_what_an_older_extractor_coded(
    store: SqlStore, resources: Resources, tmp_path: Path
) -> None:
    inputs = tmp_path / "in"
    _texts(inputs, ["2024-03-12_macedonia_bulgaria.txt", "2022-08-26_montenegro_cyber.txt"])
    _ingest(store, resources, inputs)
    events = _ids(store, "events")
    newer = _renamed(resources, "-newer")
    result = reprocess(store, newer)
    assert result.documents == 2
    assert _ids(store, "events") == events  # same text, same coder: the same facts under the same ids
    with store.engine.connect() as conn:
        assert set(conn.execute(select(schema.documents.c.extractor)).scalars()) == {newer.extractor_version}
        assert set(conn.execute(select(schema.documents.c.run_id)).scalars()) == {result.run_id}
    assert reprocess(store, newer).documents == 0  # nothing left to re-code
    assert store.runs()[0]["command"] == "reprocess"


def test_a_run_whose_process_died_is_marked_interrupted(store: SqlStore) -> None:
    run_id = store.begin_run("ingest", ["somewhere"], "test")
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    with store.engine.begin() as conn:
        conn.execute(update(schema.runs).where(schema.runs.c.id == run_id).values(pid=gone.pid))
    live = store.begin_run("ingest", ["elsewhere"], "test")  # this process: still running
    assert store.recover_runs() == [run_id]
    status = {r["id"]: r["status"] for r in store.runs()}
    assert status == {run_id: "interrupted", live: "running"}
