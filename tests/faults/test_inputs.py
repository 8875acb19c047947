"""Fault battery, issue 13 rows 1, 5, 7, 8 and 9: what a user can feed the CLI, the API and the
dashboard by mistake costs only itself and gets one clear line."""

from __future__ import annotations

import json
import os
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from actorgraph.config import Settings
from actorgraph.errors import ConfigError
from actorgraph.ingest import read_inputs
from actorgraph.pipeline import Resources
from actorgraph.run import ingest
from actorgraph.serve.auth import create_key
from actorgraph.store import open_store, schema
from actorgraph.store.sql import SqlStore
from actorgraph.types import Article, Skipped
from tests.api.conftest import TestClient, make_client
from tests.inprocess import actorgraph

CALM = (
    "TIRANA, May 4 - Albania and North Macedonia signed an agreement on Monday to open a joint border "
    "crossing near Lake Ohrid, the two foreign ministers said in Tirana."
)
TENSE = (
    "PRISTINA, May 5 - Kosovo police arrested three Serbian citizens near the Jarinje crossing on Tuesday, "
    "and Serbia's foreign ministry accused Pristina of harassing Serbs in the north."
)
POISON = "The minister of the fictional Republic of Poisonia spoke about the harvest."


def _huge_story() -> str:
    # longer than spaCy's max_length, shorter than the old input limit of 2,000,000 characters
    sentence = "Officials met in a hall and discussed the budget for the coming year. "
    return sentence * (1_000_000 // len(sentence) + 2)


def _run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    # In this process: the status and the one line on stderr come from `main()`, not from the interpreter.
    return actorgraph(*args, env=env, text=True)


def _jsonl(path: Path, *records: dict[str, str]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def _count(store: SqlStore, table) -> int:  # noqa: ANN001
    with store.engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(table)).scalar_one())


# ---- row 1: a story the parser cannot take ---------------------------------------------------------------
def test_row1_extract_skips_a_story_over_the_parser_limit_and_codes_the_rest(tmp_path: Path) -> None:
    source = _jsonl(
        tmp_path / "batch.jsonl",
        {"id": "calm", "text": CALM, "published": "2025-05-04"},
        {"id": "huge", "text": _huge_story(), "published": "2025-05-04"},
        {"id": "tense", "text": TENSE, "published": "2025-05-05"},
    )
    done = _run("extract", str(source))
    assert done.returncode == 1, done.stderr  # 1: something was skipped
    assert "Traceback" not in done.stderr
    documents = [r["id"] for r in map(json.loads, done.stdout.splitlines()) if r["kind"] == "document"]
    assert documents == ["calm", "tense"]
    assert "batch.jsonl:2" in done.stderr and "over the limit of 1,000,000" in done.stderr


@pytest.fixture
def fragile_coder(resources: Resources, monkeypatch: pytest.MonkeyPatch) -> None:
    """The coder, failing on one story (as a bug meeting odd text would)."""
    coder = resources.coder
    real = coder.code

    def fragile(doc, document):  # noqa: ANN001, ANN202
        if "Poisonia" in document.text:
            raise RuntimeError("the coder met something it cannot handle")
        return real(doc, document)

    monkeypatch.setattr(coder, "code", fragile)


@pytest.mark.usefixtures("fragile_coder")
def test_row1_a_story_that_fails_in_coding_is_skipped_and_its_batch_is_stored(
    tmp_path: Path, resources: Resources
) -> None:
    source = _jsonl(
        tmp_path / "batch.jsonl",
        {"id": "calm", "text": CALM},
        {"id": "poison", "text": POISON},
        {"id": "tense", "text": TENSE},
    )
    store = open_store(f"sqlite:///{tmp_path / 'store.db'}")
    try:
        first = ingest([str(source)], store, resources, warn=lambda *_: None)
        assert first.documents == 2
        assert [s.reason for s in first.skipped] == [
            "story poison could not be coded: RuntimeError: the coder met something it cannot handle"
        ]
        assert _count(store, schema.documents) == 2
        again = ingest([str(source)], store, resources, warn=lambda *_: None)
        assert (again.documents, again.unchanged, len(again.skipped)) == (0, 2, 1)
        with store.engine.connect() as conn:
            statuses = [row.status for row in conn.execute(select(schema.runs.c.status))]
        assert statuses == ["completed", "completed"]
    finally:
        store.close()


@pytest.mark.usefixtures("fragile_coder")
def test_row1_the_feed_watcher_stores_the_articles_around_a_failing_one(tmp_path: Path, resources: Resources) -> None:
    from actorgraph.ingest.feeds import code_articles

    store = open_store(f"sqlite:///{tmp_path / 'store.db'}")
    try:
        run_id = store.begin_run("watch", ["feed"], resources.extractor_version)
        articles = [Article(source=f"https://example.org/{n}", text=t, order=n) for n, t in enumerate([CALM, POISON, TENSE])]
        result = code_articles(articles, store, resources, run_id=run_id)
        assert (result.documents, len(result.skipped)) == (2, 1)
        assert result.skipped[0].input == "https://example.org/1"
        assert _count(store, schema.documents) == 2
    finally:
        store.close()


@pytest.fixture(scope="module")
def api(tmp_path_factory: pytest.TempPathFactory, resources: Resources) -> Iterator[tuple[TestClient, str]]:
    store = open_store(f"sqlite:///{tmp_path_factory.mktemp('api') / 'store.db'}")
    _record, key = create_key(store, "faults")
    yield make_client(store, resources), key
    store.close()


def test_row1_a_post_with_an_overlong_story_stores_the_others(api: tuple[TestClient, str]) -> None:
    client, key = api
    response = client.post(
        "/api/documents",
        headers={"Authorization": f"Bearer {key}"},
        json=[{"id": "calm", "text": CALM}, {"id": "huge", "text": _huge_story()}],
    )
    assert response.status_code == 201, response.text[:300]
    body = response.json()
    assert [d["id"] for d in body["stored"]] == ["calm"]
    assert [s["input"] for s in body["skipped"]] == ["article 2 (id 'huge')"]
    assert "over the limit" in body["skipped"][0]["reason"]


# ---- row 5: days out of range ----------------------------------------------------------------------------
@pytest.fixture(scope="module")
def small_store(tmp_path_factory: pytest.TempPathFactory, resources: Resources) -> Iterator[SqlStore]:
    folder = tmp_path_factory.mktemp("small")
    source = _jsonl(
        folder / "news.jsonl",
        {"id": "calm", "text": CALM, "published": "2025-05-04"},
        {"id": "tense", "text": TENSE, "published": "2025-05-05"},
    )
    store = open_store(f"sqlite:///{folder / 'store.db'}")
    ingest([str(source)], store, resources, warn=lambda *_: None)
    yield store
    store.close()


DASHBOARD = ["/", "/network", "/actors/SRB", "/dyads/SRB/XKX", "/events", "/stances", "/alerts"]


@pytest.mark.parametrize("page", DASHBOARD)
def test_row5_the_dashboard_takes_a_far_day_as_no_day(small_store: SqlStore, resources: Resources, page: str) -> None:
    client = make_client(small_store, resources)
    far = client.get(page, params={"from": "0001-01-01", "to": "9999-12-31"})
    plain = client.get(page)
    assert far.status_code == 200, far.text[:300]
    assert far.text.count("<tr") == plain.text.count("<tr")


@pytest.mark.parametrize("path", ["/api/events", "/api/dyads", "/api/timeline", "/api/alerts", "/api/stance-matrix"])
def test_row5_the_api_answers_422_for_a_far_day(small_store: SqlStore, resources: Resources, path: str) -> None:
    response = make_client(small_store, resources).get(path, params={"until": "9999-12-31"})
    assert response.status_code == 422
    assert "between 1800-01-01 and 2199-12-31" in response.text


@pytest.mark.parametrize("command", ["dyads", "timeline", "alerts", "stances", "network"])
def test_row5_the_cli_refuses_a_far_day_in_one_line(small_store: SqlStore, command: str) -> None:
    done = _run(command, "--db", small_store.url, "--until", "9999-12-31")
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert "--until 9999-12-31 is out of range" in " ".join(done.stderr.split())


# ---- row 7: bad settings and limits ----------------------------------------------------------------------
@pytest.mark.parametrize(
    ("args", "env", "words"),
    [
        (["extract", "-"], {"ACTORGRAPH_MAX_BYTES": "abc"}, "ACTORGRAPH_MAX_BYTES='abc'"),
        (["extract", "--max-bytes", "-5", "-"], {}, "--max-bytes"),
        (["ingest", "--batch-size", "0", "-"], {}, "--batch-size"),
        (["extract", "-"], {"ACTORGRAPH_MAX_CHARS": "5000000"}, "ACTORGRAPH_MAX_CHARS='5000000'"),
    ],
)
def test_row7_bad_settings_and_limits_are_one_line_and_exit_2(
    tmp_path: Path, args: list[str], env: dict[str, str], words: str
) -> None:
    done = actorgraph(*args, stdin="Serbia protested.", env=env, cwd=tmp_path, text=True)
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr and "ValidationError" not in done.stderr
    assert words in done.stderr
    assert not (tmp_path / "actorgraph.db").exists()


def test_row7_settings_from_code_name_the_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    from actorgraph.config import load_settings

    monkeypatch.setenv("ACTORGRAPH_BATCH_SIZE", "none")
    with pytest.raises(ConfigError, match=r"^bad setting ACTORGRAPH_BATCH_SIZE='none': input should be"):
        load_settings()


# ---- row 8: devices and pipes ----------------------------------------------------------------------------
def _read(*paths: str) -> list[Article | Skipped]:
    found: list[Article | Skipped] = []

    def collect() -> None:
        found.extend(read_inputs(list(paths), Settings(kb_dirs=[])))

    # A pipe opened for reading blocks until a writer comes: read in a thread so that a
    # regression fails this test instead of hanging the suite.
    worker = threading.Thread(target=collect, daemon=True)
    worker.start()
    worker.join(20)
    assert not worker.is_alive(), "reading blocked"
    return found


def _where(item: Article | Skipped) -> str:
    return item.input if isinstance(item, Skipped) else item.source


def test_row8_devices_and_pipes_are_refused_as_not_regular_files(tmp_path: Path) -> None:
    pipe = tmp_path / "feed.pipe"
    os.mkfifo(pipe)
    article = tmp_path / "news.txt"
    article.write_text(CALM, encoding="utf-8")
    found = _read("/dev/zero", str(pipe), str(article))
    assert [(type(x).__name__, _where(x)) for x in found] == [
        ("Skipped", "/dev/zero"),
        ("Skipped", str(pipe)),
        ("Article", str(article)),
    ]
    assert "not a regular file (a character device)" in found[0].reason  # type: ignore[union-attr]
    assert "not a regular file (a named pipe)" in found[1].reason  # type: ignore[union-attr]


def test_row8_a_pipe_inside_a_directory_is_reported_too(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "a.pipe")
    (tmp_path / "b.txt").write_text(TENSE, encoding="utf-8")
    found = _read(str(tmp_path))
    assert [type(x).__name__ for x in found] == ["Skipped", "Article"]


# ---- row 9: directories that cannot be listed ------------------------------------------------------------
def test_row9_an_unreadable_subdirectory_is_reported_as_skipped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "open").mkdir()
    (tmp_path / "open" / "a.txt").write_text(CALM, encoding="utf-8")
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "b.txt").write_text(TENSE, encoding="utf-8")
    # The suite may run as root, whom no mode bit stops: the directory refuses to be listed instead.
    real = os.scandir

    def guarded(path="."):  # noqa: ANN001, ANN202
        if Path(path) == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", guarded)
    found = _read(str(tmp_path))
    assert [(type(x).__name__, _where(x)) for x in found] == [
        ("Skipped", str(locked)),
        ("Article", str(tmp_path / "open" / "a.txt")),
    ]
    assert found[0].reason == "cannot list directory: Permission denied"  # type: ignore[union-attr]
