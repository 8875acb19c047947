"""Explicit migrations (issue 11, item 4): only `actorgraph db upgrade` changes a store's schema.

A store behind this code's schema (or ahead of it) is refused by every command with a line that
says what to do; the commands that only read open the store read-only, and `serve` works over a
store it may not write. Stores here hold one story written straight through the store API, so
nothing loads spaCy and every test takes well under a second or two.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import sys
import warnings
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine

from actorgraph.config import Settings
from actorgraph.errors import SchemaVersionError
from actorgraph.serve import cli
from actorgraph.serve.api import create_app
from actorgraph.serve.auth import create_key
from actorgraph.store import open_store, sql
from actorgraph.store.migrate import alembic_config
from tests.story_rows import story_rows

with warnings.catch_warnings():
    # Starlette asks for `httpx2`, which the pinned environment does not have; httpx still works.
    warnings.simplefilter("ignore", UserWarning)
    from fastapi.testclient import TestClient

_SCRIPT = ScriptDirectory.from_config(alembic_config())
HEAD = _SCRIPT.get_current_head()
assert HEAD is not None
_PREVIOUS = _SCRIPT.get_revision(HEAD).down_revision
assert isinstance(_PREVIOUS, str)
PREVIOUS: str = _PREVIOUS  # one migration behind, whatever the newest migration is


# ---- stores ------------------------------------------------------------------------------------------
def _filled(path: Path) -> tuple[str, str]:
    """A store at the newest schema holding one story and an API key; its URL and the key."""
    url = f"sqlite:///{path}"
    store = open_store(url)
    try:
        store.write(story_rows("story-1", date(2025, 3, 3)), ["story-1"])
        _record, key = create_key(store, "feeder")
    finally:
        store.close()  # the last connection checkpoints the WAL: the file alone holds the store
    return url, key


def _behind(path: Path) -> str:
    """A store one migration behind this code, built with Alembic."""
    url, _key = _filled(path)
    # On an engine of our own, disposed of at once: a pooled connection left behind would write
    # the WAL back into the file whenever it is collected, in the middle of a later check.
    engine = create_engine(url)
    try:
        with engine.begin() as conn:
            command.downgrade(alembic_config(connection=conn), PREVIOUS)
    finally:
        engine.dispose()
    return url


def _revision(path: Path) -> str:
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
        return str(conn.execute("SELECT version_num FROM alembic_version").fetchone()[0])


def _fingerprint(path: Path) -> tuple[str, int]:
    """The file's bytes (hashed) and modification time: what a write would change."""
    return hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns


@pytest.fixture
def run(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Callable[..., tuple[int, str, str]]:
    """Run the command line as a user would (through `main`); its exit code, stdout and stderr."""

    def running(*args: str) -> tuple[int, str, str]:
        monkeypatch.setattr(sys, "argv", ["actorgraph", *args])
        try:
            cli.main()
            code = 0
        except SystemExit as stopped:
            code = int(stopped.code or 0)
        out = capsys.readouterr()
        return code, out.out, out.err

    return running


@pytest.fixture
def no_uvicorn(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """`serve` builds its app and hands it over here instead of listening on a port."""
    import uvicorn

    served: list[Any] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **_options: served.append(app))
    return served


# ---- a store behind is refused, with the way out ------------------------------------------------------
READERS = [
    ["runs"],
    ["dyads"],
    ["timeline"],
    ["stances"],
    ["report", "--out", "{tmp}/report.html"],
    ["export", "events", "--out", "{tmp}/events.csv"],
    ["keys", "list"],
    ["keys", "create", "--name", "x"],
    ["reprocess"],
    ["serve"],
    ["ingest", "{tmp}/in.jsonl", "--quiet"],
]


@pytest.mark.parametrize("args", READERS, ids=lambda args: " ".join(args[:2]).replace("{tmp}/", ""))
def test_a_store_one_migration_behind_is_refused_by_every_command(
    args: list[str], tmp_path: Path, run: Callable[..., tuple[int, str, str]], no_uvicorn: list[Any]
) -> None:
    """Before, each of these migrated the store on opening (and went on); now each stops with one
    line naming `actorgraph db upgrade`, exit 2, and the file is left exactly as it was."""
    path = tmp_path / "store.db"
    url = _behind(path)
    (tmp_path / "in.jsonl").write_text(json.dumps({"id": "new", "text": "Serbia accused Kosovo."}) + "\n")
    before = _fingerprint(path)
    code, _out, err = run(*(a.replace("{tmp}", str(tmp_path)) for a in args), "--db", url)
    assert code == 2, err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1, err
    assert "actorgraph db upgrade" in err and f"revision {PREVIOUS}" in err, err
    assert _revision(path) == PREVIOUS and _fingerprint(path) == before
    assert not no_uvicorn  # serve stopped before serving anything


def test_the_creating_opener_refuses_a_store_behind_too(tmp_path: Path) -> None:
    """What ingest, demo, watch and the Python API use: it makes new stores, never migrates old ones."""
    path = tmp_path / "store.db"
    url = _behind(path)
    with pytest.raises(SchemaVersionError, match="actorgraph db upgrade") as refused:
        open_store(url)
    assert refused.value.behind and _revision(path) == PREVIOUS
    # A new store is still made at the newest revision, as the test fixtures rely on.
    fresh = open_store(f"sqlite:///{tmp_path / 'new.db'}")
    try:
        assert fresh.revision().state == "current"
    finally:
        fresh.close()


def test_db_upgrade_fixes_a_store_behind_and_db_current_says_where_it_stands(
    tmp_path: Path, run: Callable[..., tuple[int, str, str]]
) -> None:
    path = tmp_path / "store.db"
    url = _behind(path)
    code, out, _err = run("db", "current", "--db", url)
    assert code == 1
    assert out.splitlines() == [
        f"current: {PREVIOUS}", f"head:    {HEAD}", "status:  behind: run `actorgraph db upgrade` to migrate it"
    ]
    assert _revision(path) == PREVIOUS  # looking is not migrating

    code, _out, err = run("db", "upgrade", "--db", url)
    assert code == 0, err
    assert f"migrated the store from schema revision {PREVIOUS} to {HEAD}" in err
    assert _revision(path) == HEAD

    code, out, _err = run("db", "current", "--db", url, "--json")
    assert code == 0 and json.loads(out) == {"current": [HEAD], "head": [HEAD], "state": "current"}
    code, out, err = run("runs", "--db", url, "--format", "json")
    assert code == 0, err
    code, _out, err = run("db", "upgrade", "--db", url)
    assert code == 0 and "newest schema revision already" in err
    # The story written before the round trip is still there.
    store = open_store(url, readonly=True)
    try:
        assert store.count("documents") == 1
    finally:
        store.close()


def test_db_upgrade_creates_a_new_store_and_readers_do_not(
    tmp_path: Path, run: Callable[..., tuple[int, str, str]]
) -> None:
    url = f"sqlite:///{tmp_path / 'new.db'}"
    code, _out, err = run("runs", "--db", url)
    assert code == 2 and "there is no store" in err and "actorgraph db upgrade" in err, err
    assert not (tmp_path / "new.db").exists()  # reading made no empty store
    code, _out, err = run("db", "upgrade", "--db", url)
    assert code == 0 and f"created the store at schema revision {HEAD}" in err
    assert _revision(tmp_path / "new.db") == HEAD


def test_a_store_ahead_of_this_code_is_refused(tmp_path: Path, run: Callable[..., tuple[int, str, str]]) -> None:
    path = tmp_path / "store.db"
    url, _key = _filled(path)
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    for args in (["runs"], ["db", "upgrade"], ["ingest", str(tmp_path / "none.jsonl")]):
        code, _out, err = run(*args, "--db", url)
        assert code == 2 and "newer than this actorgraph" in err and "upgrade actorgraph" in err, (args, err)
    code, out, _err = run("db", "current", "--db", url)
    assert code == 1 and "ahead" in out
    assert _revision(path) == "9999"


# ---- reading writes nothing -----------------------------------------------------------------------------
def test_reading_commands_open_the_store_read_only(
    tmp_path: Path, run: Callable[..., tuple[int, str, str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    """`report`, `export`, the analyses, `runs` and `keys list` open SQLite with `mode=ro`, which
    stops writes whoever runs them (file modes do not stop root), and leave the file as it was."""
    path = tmp_path / "store.db"
    url, _key = _filled(path)
    opened: list[str] = []
    real = sql.create_engine

    def spy(target: Any, **options: Any) -> Any:
        opened.append(str(target))
        return real(target, **options)

    monkeypatch.setattr(sql, "create_engine", spy)
    before = _fingerprint(path)
    for args in (["report", "--out", str(tmp_path / "r.html")], ["export", "events", "--out", str(tmp_path / "e.csv")],
                 ["dyads"], ["network"], ["alerts"], ["runs"], ["keys", "list"]):
        opened.clear()
        code, _out, err = run(*args, "--db", url)
        assert code == 0, (args, err)
        assert opened and all("mode=ro" in target for target in opened), (args, opened)
    assert "Serbia accused Kosovo" in (tmp_path / "r.html").read_text()
    assert "story-1" in (tmp_path / "e.csv").read_text()
    assert _fingerprint(path) == before


def test_a_read_only_store_refuses_writes_as_read_only(tmp_path: Path) -> None:
    path = tmp_path / "store.db"
    url, _key = _filled(path)
    store = open_store(url, readonly=True)
    try:
        assert store.readonly and store.count("documents") == 1
        with pytest.raises(Exception, match="is read-only"):
            store.begin_run("test", [], "test")
    finally:
        store.close()


# ---- serve over a store it may not write ---------------------------------------------------------------
def _check_read_only_app(app: Any, key: str) -> None:
    client = TestClient(app)
    events = client.get("/api/events")
    assert events.status_code == 200 and events.json()["total"] == 1, events.text
    assert client.get("/", headers={"Accept": "text/html"}).status_code == 200
    assert client.get("/api/health").json()["schema_revision"] == HEAD
    refused = client.post("/api/documents", json={"id": "new", "text": "Serbia accused Kosovo."},
                          headers={"X-API-Key": key})
    assert refused.status_code == 503, refused.text
    assert "read-only" in refused.json()["error"]["message"]
    # Signing in would store a session: the page says why it cannot, and how to read instead.
    signed_in = client.post("/login", data={"key": key, "next": "/"}, follow_redirects=False)
    assert signed_in.status_code == 401 and "cannot keep a sign-in" in signed_in.text, signed_in.text
    # A write deeper down (signing out deletes the session row) is a 503 with the reason, not a 500.
    client.cookies.set("actorgraph_session", "some-token")
    signed_out = client.post("/logout", follow_redirects=False)
    assert signed_out.status_code == 503 and "read-only" in signed_out.json()["error"]["message"], signed_out.text


def test_the_api_and_dashboard_serve_a_read_only_store(tmp_path: Path) -> None:
    path = tmp_path / "store.db"
    url, key = _filled(path)
    before = _fingerprint(path)
    store = open_store(url, readonly=True)
    try:
        _check_read_only_app(create_app(Settings(db_url=url, kb_dirs=[]), store), key)
    finally:
        store.close()
    assert _fingerprint(path) == before


def test_serve_read_only_from_the_command_line(
    tmp_path: Path, run: Callable[..., tuple[int, str, str]], no_uvicorn: list[Any]
) -> None:
    path = tmp_path / "store.db"
    url, key = _filled(path)
    before = _fingerprint(path)
    code, _out, err = run("serve", "--read-only", "--db", url)
    assert code == 0, err
    [app] = no_uvicorn
    _check_read_only_app(app, key)
    assert _fingerprint(path) == before
