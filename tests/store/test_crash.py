"""An ingest killed with SIGKILL mid-batch loses nothing it committed; the next run carries on."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from actorgraph.pipeline import Resources
from actorgraph.run import ingest
from actorgraph.store import open_store, schema
from actorgraph.store.sql import SqlStore
from tests.conftest import SAMPLES
from tests.inprocess import actorgraph
from tests.store.test_store import AGGREGATES, _rows

CLI = Path(sys.executable).parent / "actorgraph"


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample stories (read only), the same files for every backend and for the clean run."""
    directory = tmp_path_factory.mktemp("crash") / "in"
    directory.mkdir()
    for path in sorted((SAMPLES / "corpus").iterdir()):
        if path.suffix in (".txt", ".html"):
            shutil.copy(path, directory / path.name)
    return directory


@pytest.fixture(scope="module")
def uninterrupted(inputs: Path, resources: Resources, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """What one run that nobody kills stores from `inputs`, table by table (coded once for both backends)."""
    clean = open_store(f"sqlite:///{tmp_path_factory.mktemp('clean') / 'clean.db'}")
    try:
        ingest([str(inputs)], clean, resources, warn=lambda _m: None, batch_size=1)
        return {table: _rows(clean, table) for table in ("events", "stances", "quotes", *AGGREGATES)}
    finally:
        clean.close()


def _documents(store: SqlStore) -> int:
    with store.engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(schema.documents)).scalar_one())


def _start(inputs: Path, url: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [str(CLI), "ingest", str(inputs), "--db", url, "--batch-size", "1", "--quiet"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )


def test_kill_minus_nine_then_resume(db_url: str, inputs: Path, uninterrupted: dict[str, Any]) -> None:
    store = open_store(db_url)
    try:
        victim = _start(inputs, db_url)
        deadline = time.monotonic() + 240
        while _documents(store) < 2:  # let two batches commit, then kill it in the middle of the rest
            assert victim.poll() is None, victim.stderr.read().decode() if victim.stderr else ""
            assert time.monotonic() < deadline, "the ingest never committed a batch"
            time.sleep(0.05)
        os.kill(victim.pid, signal.SIGKILL)
        victim.wait()
        kept = _documents(store)
        total = len(list(inputs.iterdir()))
        assert 2 <= kept < total + 3  # +3: the dialogue page holds several stories

        # What was committed is whole: the aggregates agree with a rebuild from the stored facts.
        before = {table: _rows(store, table) for table in AGGREGATES}
        store.rebuild_aggregates()
        assert {table: _rows(store, table) for table in AGGREGATES} == before
        committed = _rows(store, "events")
        [killed] = store.runs()
        assert killed["status"] == "running"  # nobody closed it: the process died

        # The next run needs no process of its own (the killed one is what matters): in this one.
        resumed = actorgraph("ingest", str(inputs), "--db", db_url, "--batch-size", "1", "--quiet", text=True)
        assert resumed.returncode == 0, resumed.stderr
        second, first = store.runs()[:2]
        assert first["id"] == killed["id"] and first["status"] == "interrupted"
        assert second["status"] == "completed"
        assert second["counts"]["unchanged"] == kept  # it skipped what the killed run had stored
        assert all(row in _rows(store, "events") for row in committed)
        store.rebuild_aggregates()  # exact again after the resumed run's incremental updates
        resumed_state = {table: _rows(store, table) for table in ("events", "stances", "quotes", *AGGREGATES)}
    finally:
        store.close()

    # The killed-and-resumed store holds exactly what one uninterrupted run produces.
    for table, rows in resumed_state.items():
        assert uninterrupted[table] == rows, table
