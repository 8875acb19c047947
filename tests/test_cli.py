"""The command line, end to end, as a user runs it.

The sample extract runs in a real subprocess: that only records reach file descriptor 1 and that
`python -m actorgraph.serve.cli` starts at all are about the process. The rest run `main()` in
this process (tests/inprocess.py), which answers with the same status, stdout and stderr without
paying for a fresh interpreter, model and knowledge base each time.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT, SAMPLES, SHARED, requires_shared
from .inprocess import actorgraph

ACTORGRAPH = [sys.executable, "-m", "actorgraph.serve.cli"]
DOCUMENT_FIELDS = {
    "kind",
    "id",
    "source",
    "title",
    "published",
    "byline",
    "place",
    "text",
    "text_sha256",
    "duplicate_of",
    "containment",
}
ACTOR_FIELDS = {"kind", "doc_id", "id", "code", "sector", "name", "type", "mentions", "resolution"}


def run(*args: str, stdin: bytes | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess[bytes]:
    return actorgraph(*args, stdin=stdin, cwd=cwd or ROOT)


def records(output: bytes) -> list[dict]:
    return [json.loads(line) for line in output.decode("utf-8").splitlines()]


@pytest.fixture(scope="module")
def sample_run() -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [*ACTORGRAPH, "extract", str(SAMPLES / "corpus")], capture_output=True, cwd=ROOT, timeout=300
    )


def test_extract_writes_contract_records_only_on_stdout(sample_run) -> None:
    assert sample_run.returncode == 0, sample_run.stderr.decode()
    rows = records(sample_run.stdout)
    documents = [r for r in rows if r["kind"] == "document"]
    actors = [r for r in rows if r["kind"] == "actor"]
    assert len(documents) >= 10 and len(actors) > 50
    texts = {d["id"]: d["text"] for d in documents}
    for document in documents:
        assert document.keys() >= DOCUMENT_FIELDS
    for actor in actors:
        assert actor.keys() >= ACTOR_FIELDS
        assert {"score", "reason"} == set(actor["resolution"])
        for mention in actor["mentions"]:
            assert texts[actor["doc_id"]][mention["start"] : mention["end"]] == mention["text"]
    # The re-published article of the JSON Lines file is marked as a duplicate of the original.
    republished = next(d for d in documents if d["id"].endswith("-repub"))
    assert republished["duplicate_of"] == "srb-hq22-2022-04-11" and republished["containment"] >= 0.8


def test_same_input_twice_gives_the_same_ids(sample_run) -> None:
    # Another process than the sample run's (another hash seed), one that has coded before.
    again = run("extract", str(SAMPLES / "corpus"))
    first = [(r["kind"], r["id"]) for r in records(sample_run.stdout)]
    assert first == [(r["kind"], r["id"]) for r in records(again.stdout)]


def test_bad_inputs_are_skipped_with_one_line_each(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text("SKOPJE, North Macedonia (AP) — North Macedonia's parliament elected a new speaker on Monday.")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    (tmp_path / "big.txt").write_text("Serbia said. " * 500)
    (tmp_path / "nobody.html").write_text("<html><head><title>x</title></head><body><nav>Home</nav></body></html>")
    feed = tmp_path / "feed.jsonl"
    feed.write_text(
        '{"id": "a1", "text": "Kosovo police closed the Jarinje crossing on Sunday."}\n{"id": "a2", "text": \n'
    )
    result = run("extract", str(tmp_path), str(tmp_path / "missing.txt"), "--max-bytes", "2000")
    assert result.returncode == 1
    stderr = result.stderr.decode()
    assert "Traceback" not in stderr
    skipped = [line for line in stderr.splitlines() if line.startswith("skipped")]
    reasons = "\n".join(skipped)
    assert len(skipped) == 6, stderr
    for name, reason in [
        ("empty.txt", "empty"),
        ("image.png", "PNG"),
        ("big.txt", "limit"),
        ("nobody.html", "text"),
        ("feed.jsonl:2", "invalid JSON"),
        ("missing.txt", "no such"),
    ]:
        assert any(name in line and reason in line for line in skipped), (name, reasons)
    ids = {r["id"] for r in records(result.stdout) if r["kind"] == "document"}
    assert "a1" in ids and len(ids) == 2


def test_stdin_and_jsonl_input_format() -> None:
    article = {
        "id": "wire-7",
        "title": "Serbia protests",
        "published": "2024-02-02",
        "source": "wire",
        "text": "BELGRADE (AP) — Serbia protested to the European Union on Friday over Kosovo's ban.",
    }
    result = run("extract", "-", "--input-format", "jsonl", stdin=(json.dumps(article) + "\n").encode())
    assert result.returncode == 0, result.stderr.decode()
    [document] = [r for r in records(result.stdout) if r["kind"] == "document"]
    assert (document["id"], document["published"], document["source"]) == ("wire-7", "2024-02-02", "wire")


@pytest.mark.parametrize("command", [[], ["extract"], ["ingest"], ["demo"], ["kb"], ["kb", "lookup"], ["kb", "import"]])
def test_every_command_has_help(command: list[str]) -> None:
    result = run(*command, "--help")
    assert result.returncode == 0 and b"Usage" in result.stdout


def test_kb_lookup_cli() -> None:
    result = run("kb", "lookup", "Вучић", "--date", "2016-01-01", "--json")
    assert result.returncode == 0
    [row] = json.loads(result.stdout)
    assert row["code"] == "SRB" and "Prime Minister" in row["office"]
    assert run("kb", "lookup", "Nowhereland").returncode == 1


def test_ingest_is_idempotent(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'store.db'}"
    first = run("ingest", str(SAMPLES / "corpus"), "--db", db)
    assert first.returncode == 0, first.stderr.decode()
    second = run("ingest", str(SAMPLES / "corpus"), "--db", db)
    assert second.returncode == 0
    assert "0 documents" in second.stderr.decode() and "unchanged" in second.stderr.decode()
    (tmp_path / "scan.pdf").write_bytes(b"%PDF-1.7\n\x00\x01\x02 not a news page")
    third = run("ingest", str(tmp_path / "scan.pdf"), str(SAMPLES / "corpus"), "--db", db)
    assert third.returncode == 1
    listed = run("runs", "--db", db, "--format", "json")
    assert listed.returncode == 0, listed.stderr.decode()
    newest, middle, oldest = json.loads(listed.stdout)
    assert [r["status"] for r in (newest, middle, oldest)] == ["completed"] * 3
    assert oldest["counts"]["documents"] > 5 and middle["counts"]["documents"] == 0
    assert [s["input"] for s in newest["skipped"]] == [str(tmp_path / "scan.pdf")]
    wide = {"COLUMNS": "400"}  # a terminal wide enough that the path is not wrapped
    table = actorgraph("runs", "--db", db, "--skipped", env=wide)
    assert str(tmp_path / "scan.pdf").encode() in table.stdout and b"binary input" in table.stdout


def test_every_registered_command_has_help() -> None:
    from typer.main import get_command
    from typer.testing import CliRunner

    from actorgraph.serve.cli import app

    group = get_command(app)
    names = sorted(group.commands)  # type: ignore[attr-defined]
    assert {"extract", "ingest", "runs", "watch", "serve", "report", "export", "eval", "bench"} <= set(names)
    for name in names:
        result = CliRunner().invoke(app, [name, "--help"])
        assert result.exit_code == 0 and "Usage" in result.output, name


@requires_shared(SHARED / "corpus" / "seeds")
def test_seed_files_acceptance() -> None:
    seeds = SHARED / "corpus" / "seeds"
    # Whatever the order of the files, the excerpt is the duplicate of the analysis.
    for order in (sorted(seeds.iterdir()), sorted(seeds.iterdir(), reverse=True)):
        result = run("extract", *map(str, order))
        assert result.returncode == 0
        rows = records(result.stdout)
        documents = [r for r in rows if r["kind"] == "document"]
        assert len(documents) == 5
        analysis = next(d for d in documents if d["title"] and d["title"].startswith("News Analysis"))
        excerpt = next(d for d in documents if d["source"].endswith(next(seeds.glob("000_*")).name))
        assert excerpt["duplicate_of"] == analysis["id"]
        assert sum(1 for d in documents if d["title"]) == 4
        actors = [r for r in rows if r["kind"] == "actor" and r["doc_id"] == analysis["id"]]
        found = {a["code"] for a in actors}
        assert {
            "ALB",
            "HRV",
            "XKX",
            "SRB",
            "NATO",
            "RUS",
            "CHN",
            "IRN",
            "BGR",
            "MKD",
            "MNE",
            "EU",
            "USA",
        } <= found
        people = {a["name"]: a["code"] for a in rows if a["kind"] == "actor" and a["type"] == "person"}
        assert people.get("Aleksandar Vučić") == "SRB" and people.get("Albin Kurti") == "XKX"
        assert people.get("Ivan Anušić") == "HRV" and people.get("Edi Rama") == "ALB"
        # Nothing from the title-cased headlines: every person is one the knowledge base knows.
        assert all(a["resolution"]["score"] >= 0.6 for a in rows if a["kind"] == "actor" and a["type"] == "person")


@requires_shared(SHARED / "corpus" / "seeds")
def test_demo_codes_samples_and_seeds_and_writes_the_report(tmp_path: Path) -> None:
    result = run("demo", "--no-serve", "--db", str(tmp_path / "demo.db"), "--report", str(tmp_path / "demo.html"),
                 cwd=ROOT)
    assert result.returncode in (0, 1), result.stderr.decode()
    from sqlalchemy import select

    from actorgraph.store import open_store, schema

    store = open_store(f"sqlite:///{tmp_path / 'demo.db'}")
    try:
        with store.engine.connect() as conn:
            sources = list(conn.execute(select(schema.documents.c.source)).scalars())
            types = set(conn.execute(select(schema.events.c.type)).scalars())
    finally:
        store.close()
    assert any("seeds" in s for s in sources) and any("samples" in s for s in sources)
    assert {"ASSAULT", "SUPPORT", "AGREE"} <= types
    page = (tmp_path / "demo.html").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") or page.lower().startswith("<!doctype html>")
    assert "Serbia" in page and "Kosovo" in page
