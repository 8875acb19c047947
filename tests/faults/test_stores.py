"""Faults of the store (issue 13, rows 3, 4, 6 and 14): concurrent writers, concurrent openers,
broken stores, and what a run says it stored.

Nothing here codes a real article: stories are generated, and the coder is replaced by one that
returns each story with nothing found in it, so every test takes a second or two.
"""

from __future__ import annotations

import json
import multiprocessing
import random
import sqlite3
import sys
import threading
from collections.abc import Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import spacy
from sqlalchemy import event, func, select, text
from sqlalchemy.exc import OperationalError

from actorgraph.config import Settings
from actorgraph.errors import StoreError
from actorgraph.pipeline import Extraction, Resources
from actorgraph.resolve.kb import KnowledgeBase
from actorgraph.run import ingest
from actorgraph.serve import cli
from actorgraph.store import aggregate, open_store, schema, sql
from actorgraph.store.sql import SqlStore
from actorgraph.types import Document
from tests.store.conftest import db_url, pg_admin  # noqa: F401 - both databases, as in tests/store
from tests.store.test_store import AGGREGATES, _rows
from tests.story_rows import story_rows


# ---- stories written straight into the store ---------------------------------------------
def _aggregates_are_exact(store: SqlStore) -> None:
    kept = {table: _rows(store, table) for table in AGGREGATES}
    store.rebuild_aggregates()
    assert {table: _rows(store, table) for table in AGGREGATES} == kept


def _stored(store: SqlStore) -> int:
    return store.count("documents")


# ---- row 3: concurrent writers on shared rollup keys ------------------------------------------------
def test_two_writers_on_the_same_rollup_keys_both_commit(db_url: str) -> None:  # noqa: F811 - the fixture
    """Row 3. Writer A is made to wait between clearing the pair's `dyad_first` row and writing it
    again, and writer B (its own engine, another week and month of the same pair, the same actors
    and stance) is let run in that gap. Before the fix B committed there and A died on
    `pk_dyad_first`; now B waits for A (or the other way round) and both stories are stored."""
    first, second = open_store(db_url), open_store(db_url)
    failures: list[BaseException] = []

    def other_writer() -> None:
        try:
            second.write(story_rows("b", date(2025, 5, 5)), ["b"])
        except BaseException as exc:  # noqa: BLE001 - reported by the assertion below
            failures.append(exc)

    other = threading.Thread(target=other_writer)

    @event.listens_for(first.engine, "before_cursor_execute")
    def _let_the_other_writer_in(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if not other.is_alive() and other.ident is None and statement.lstrip().startswith("INSERT INTO dyad_first"):
            other.start()
            other.join(timeout=1.0)  # a writer waiting for our lock cannot finish: go on after a second

    try:
        first.write(story_rows("a", date(2025, 3, 3)), ["a"])
        other.join(timeout=30)
        assert other.ident is not None, "the hook never ran"
        assert not failures, failures
        assert _stored(first) == 2
        with first.engine.connect() as conn:
            assert conn.execute(select(schema.dyad_first.c.first_day)).scalars().all() == [date(2025, 3, 3)]
        _aggregates_are_exact(first)
    finally:
        first.close()
        second.close()


def _lost_race(dialect: str) -> BaseException:
    """The error a writer gets when it loses a race: a deadlock on PostgreSQL, a busy file on SQLite."""
    if dialect == "postgresql":
        import psycopg

        return psycopg.errors.DeadlockDetected("deadlock detected")
    busy = sqlite3.OperationalError("database is locked")
    busy.sqlite_errorcode = 5  # type: ignore[attr-defined] - SQLITE_BUSY, as SQLite would set it
    return busy


def test_a_writer_that_lost_a_race_tries_again(db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: F811
    """Row 3: a lost race is retried, never surfaced. The first attempt fails half-way (its rows
    are in, the aggregates not yet); the second one stores the story once, aggregates exact."""
    store = open_store(db_url)
    attempts: list[int] = []

    def refresh_losing_once(conn: Any, keys: Any = None) -> None:
        attempts.append(1)
        if len(attempts) == 1:
            raise OperationalError("refresh", {}, _lost_race(store.dialect))
        aggregate.refresh(conn, keys)

    monkeypatch.setattr(sql, "refresh", refresh_losing_once)
    try:
        store.write(story_rows("a", date(2025, 3, 3)), ["a"])
        assert len(attempts) == 2 and _stored(store) == 1
        monkeypatch.undo()
        _aggregates_are_exact(store)
    finally:
        store.close()


# ---- row 4: two processes opening a new store ---------------------------------------------------
def _open_when_told(url: str, start: Any, errors: Any) -> None:
    start.wait(30)
    try:
        open_store(url).close()
    except BaseException as exc:  # noqa: BLE001 - sent back to the test
        errors.put(f"{type(exc).__name__}: {exc}")


def test_two_processes_opening_a_new_store_at_once(db_url: str, tmp_path: Path) -> None:  # noqa: F811
    """Row 4. Two processes create the same new store at the same moment, three times over."""
    context = multiprocessing.get_context("fork")
    for trial in range(3):
        url = db_url.replace("store.db", f"store-{trial}.db") if db_url.startswith("sqlite") else db_url
        start, errors = context.Event(), context.Queue()
        workers = [context.Process(target=_open_when_told, args=(url, start, errors)) for _ in range(2)]
        for worker in workers:
            worker.start()
        start.set()
        for worker in workers:
            worker.join(60)
        assert [worker.exitcode for worker in workers] == [0, 0]
        found = [errors.get() for _ in range(errors.qsize())] if not errors.empty() else []
        assert not found, found
        store = open_store(url)
        try:
            with store.engine.connect() as conn:
                assert conn.execute(text("SELECT count(*) FROM alembic_version")).scalar_one() == 1
            assert store.runs() == []
        finally:
            store.close()
        if not url.startswith("sqlite"):
            break  # one PostgreSQL database per test: the tables exist after the first trial


# ---- runs without a parser ------------------------------------------------------------------
WORDS = ("minister", "border", "talks", "trade", "army", "court", "vote", "union", "bridge", "river", "grain",
         "energy", "summit", "treaty", "police", "harbour", "railway", "election", "budget", "envoy")


@pytest.fixture(scope="module")
def light(kb: KnowledgeBase) -> Resources:
    """Resources with a blank spaCy pipeline: the runs below never parse anything."""
    return Resources(Settings(kb_dirs=[]), kb=kb, nlp=spacy.blank("en"))


def _nothing_found(documents: Sequence[Document], _resources: Resources) -> Iterator[Extraction]:
    for document in documents:
        yield Extraction(document, actors=())


def _stories(path: Path, count: int, words: int = 60) -> Path:
    """`count` distinct stories as JSON Lines (random words, so none is a near-duplicate of another)."""
    rng = random.Random(13)
    with path.open("w", encoding="utf-8") as out:
        for number in range(count):
            body = " ".join(rng.choice(WORDS) for _ in range(words))
            record = {"id": f"story-{number}", "title": f"Story {number}", "published": "2025-03-03",
                      "text": f"Story number {number}. {body.capitalize()}."}
            out.write(json.dumps(record) + "\n")
    return path


# ---- row 6: broken stores --------------------------------------------------------------------------
def _broken(kind: str, directory: Path) -> str:
    """A store URL of the given kind of broken."""
    path = directory / "store.db"
    if kind == "random bytes":
        path.write_bytes(random.Random(6).randbytes(64 * 1024))
        return f"sqlite:///{path}"
    if kind == "not ours":
        with sqlite3.connect(path) as conn:
            conn.execute("CREATE TABLE recipes (name TEXT)")
        return f"sqlite:///{path}"
    open_store(f"sqlite:///{path}").close()
    if kind == "truncated":
        with path.open("r+b") as handle:
            handle.truncate(path.stat().st_size // 2)
        return f"sqlite:///{path}"
    assert kind == "read-only"
    # Tests may run as root, whom file permissions do not stop; SQLite's read-only mode is what a
    # user without write permission gets.
    return f"sqlite:///file:{path}?mode=ro&uri=true"


def _command_line(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    monkeypatch.setattr(sys, "argv", ["actorgraph", *args])
    with pytest.raises(SystemExit) as stopped:
        cli.main()
    return int(stopped.value.code or 0), capsys.readouterr().err


@pytest.mark.parametrize(
    ("kind", "command", "says"),
    [
        ("random bytes", "runs", "is not an SQLite database"),
        ("truncated", "runs", "is damaged"),
        ("not ours", "runs", "is not an actorgraph store"),
        ("read-only", "ingest", "is read-only"),
    ],
)
def test_a_broken_store_is_one_line_and_exit_2(
    kind: str, command: str, says: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Row 6: read-only, truncated, random bytes (and someone else's SQLite file)."""
    url = _broken(kind, tmp_path)
    args = [command, "--db", url]
    if command == "ingest":
        args[1:1] = [str(_stories(tmp_path / "in.jsonl", 2)), "--quiet"]
    code, err = _command_line(monkeypatch, capsys, *args)
    assert code == 2, err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1, err
    assert says in err and str(tmp_path / "store.db") in err.replace("\n", ""), err


def test_a_full_disk_fails_the_run_with_what_it_committed(tmp_path: Path, light: Resources) -> None:
    """Row 6: the disk fills after five batches of four. The run stops with a clear error and
    is recorded as failed with the 20 stories it committed (it used to say 24)."""
    url = f"sqlite:///{tmp_path / 'store.db'}"
    store = open_store(url)

    def fill_the_disk_after_20(documents: Sequence[Document], resources: Resources) -> Iterator[Extraction]:
        for number, extraction in enumerate(_nothing_found(documents, resources)):
            if number == 20:  # the fifth batch is committed: no page may be added from now on
                store.engine.dispose()

                @event.listens_for(store.engine, "connect")
                def _full(dbapi_connection: Any, _record: Any) -> None:
                    pages = dbapi_connection.execute("PRAGMA page_count").fetchone()[0]
                    dbapi_connection.execute(f"PRAGMA max_page_count = {pages}")

            yield extraction

    try:
        # Long stories: each needs pages of its own, so the sixth batch cannot fit.
        inputs = _stories(tmp_path / "in.jsonl", 40, words=1200)
        with pytest.raises(StoreError, match="full") as failed:
            ingest([str(inputs)], store, light, warn=lambda *_: None, batch_size=4, executor=fill_the_disk_after_20)
        assert str(tmp_path / "store.db") in str(failed.value)
        [run] = store.runs()
        assert run["status"] == "failed" and "full" in run["message"]
        assert run["counts"]["documents"] == 20 == _stored(store)
    finally:
        store.close()


# ---- row 14: what a run says it stored -----------------------------------------------------------
def test_concurrent_runs_count_only_what_each_stored(
    db_url: str, tmp_path: Path, light: Resources  # noqa: F811
) -> None:
    """Row 14. Two runs ingest the same 30 stories at once, each through its own engine; both have
    looked up what is stored before either writes. Together they report 30 stored, not 60."""
    inputs = _stories(tmp_path / "in.jsonl", 30)
    both_prepared = threading.Barrier(2, timeout=30)
    results: list[Any] = []

    def coder(documents: Sequence[Document], resources: Resources) -> Iterator[Extraction]:
        both_prepared.wait()
        yield from _nothing_found(documents, resources)

    def run(store: SqlStore) -> None:
        try:
            results.append(ingest([str(inputs)], store, light, warn=lambda *_: None, batch_size=5, executor=coder))
        except BaseException as exc:  # noqa: BLE001 - reported below
            results.append(exc)

    stores = [open_store(db_url) for _ in range(2)]  # one after the other: opening at once is row 4
    runs = [threading.Thread(target=run, args=(store,)) for store in stores]
    for thread in runs:
        thread.start()
    for thread in runs:
        thread.join(60)
    for opened in stores:
        opened.close()
    assert all(not isinstance(r, BaseException) for r in results) and len(results) == 2, results
    store = open_store(db_url)
    try:
        assert _stored(store) == 30
        assert sum(r.documents for r in results) == 30
        assert all(r.documents + r.unchanged == 30 for r in results)
        assert sum(recorded["counts"]["documents"] for recorded in store.runs()) == 30
        d = schema.documents.c
        with store.engine.connect() as conn:
            by_run = dict(conn.execute(select(d.run_id, func.count()).group_by(d.run_id)).all())
        assert by_run == {r.run_id: r.documents for r in results if r.documents}
    finally:
        store.close()
