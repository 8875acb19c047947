"""Exports of a real store (the sample corpus coded through the pipeline) as CSV, JSON Lines, Parquet."""

from __future__ import annotations

import csv
import json
import sys
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from actorgraph.analyze import Window
from actorgraph.analyze.read import EventQuery
from actorgraph.errors import ConfigError, OptionalDependencyError
from actorgraph.export import POLECAT_COLUMNS, columns, count, export
from actorgraph.store import open_store, schema

# Every row of the store: events of duplicate stories too, which an export leaves out unless asked.
ALL = EventQuery(include_duplicates=True)
TABLE_OF = {"documents": "documents", "actors": "actors", "events": "events", "stances": "stances",
            "quotes": "quotes", "polecat": "events"}  # fmt: skip


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory, corpus_copy):  # noqa: ANN001, ANN201
    store = open_store(corpus_copy(tmp_path_factory.mktemp("export")))
    yield store
    store.close()


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def stored_events(store) -> list[dict]:  # noqa: ANN001
    e, d = schema.events.c, schema.documents.c
    query = select(schema.events, d.published, d.url, d.source.label("doc_source")).join(
        schema.documents, d.id == e.doc_id
    )
    with store.engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(query)]


def test_the_store_has_something_to_export(store) -> None:  # noqa: ANN001
    for table in ("documents", "actors", "events", "stances", "quotes"):
        assert store.count(table) > 0, table


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
@pytest.mark.parametrize("what", list(TABLE_OF))
def test_every_row_of_the_store_is_written(store, tmp_path: Path, what: str, fmt: str) -> None:  # noqa: ANN001
    out = tmp_path / f"{what}.{fmt}"
    written = export(store, what, fmt, out, ALL)
    expected = store.count(TABLE_OF[what])
    assert written == expected == count(store, what, ALL)
    rows = read_csv(out) if fmt == "csv" else read_jsonl(out)
    assert len(rows) == expected
    assert list(rows[0]) == columns(what)
    assert [p.name for p in tmp_path.iterdir()] == [out.name]  # no temporary file left behind


def test_csv_cells_with_newlines_and_commas_parse_back(store, tmp_path: Path) -> None:  # noqa: ANN001
    out = tmp_path / "documents.csv"
    export(store, "documents", "csv", out)
    rows = {row["id"]: row for row in read_csv(out)}
    d = schema.documents.c
    with store.engine.connect() as conn:
        stored = {r.id: r for r in conn.execute(select(d.id, d.text, d.title, d.published))}
    assert rows.keys() == stored.keys()
    assert any("\n" in r.text for r in stored.values())  # the texts are multi-line...
    for doc_id, row in rows.items():  # ...and come back whole, one CSV record each
        assert row["text"] == stored[doc_id].text
        assert row["title"] == (stored[doc_id].title or "")
        assert row["published"] == (stored[doc_id].published.isoformat() if stored[doc_id].published else "")
    assert out.read_bytes().decode("utf-8")  # UTF-8 throughout


def test_polecat_rows_carry_the_stored_codes(store, tmp_path: Path) -> None:  # noqa: ANN001
    out = tmp_path / "polecat.jsonl"
    export(store, "polecat", "jsonl", out, ALL)
    rows = {row["event_id"]: row for row in read_jsonl(out)}
    assert list(next(iter(rows.values()))) == [name for name, _ in POLECAT_COLUMNS]
    events = stored_events(store)
    assert rows.keys() == {e["id"] for e in events}
    compound = 0
    for event in events:
        row = rows[event["id"]]
        assert row["event_type"] == event["type"] and row["event_mode"] == event["mode"]
        assert row["quad_category"] == event["quad"] and row["intensity"] == event["intensity"]
        assert row["contexts"] == ";".join(event["context"])
        for side in ("source", "target"):
            refs = event[side]
            assert row[f"{side}_codes"] == ";".join(r["code"] or "" for r in refs)
            assert row[f"{side}_sectors"] == ";".join(r["sector"] or "" for r in refs)
            assert row[f"{side}_actors"] == ";".join(r["name"] for r in refs)
        assert row["evidence"] == event["evidence_text"]
        assert (row["evidence_start"], row["evidence_end"]) == (event["evidence_start"], event["evidence_end"])
        assert row["story_date"] == (event["published"].isoformat() if event["published"] else None)
        assert row["event_date"] == ((event["date"] or event["published"]).isoformat())
        assert (row["url"], row["source"]) == (event["url"], event["doc_source"])
        compound += len(event["source"]) > 1
    assert compound, "the sample corpus has events with compound sources"
    # "Albania, Croatia and Kosovo signed a joint declaration ..." stays one row with all three sources
    joint = [r for r in rows.values() if r["source_codes"].split(";") == ["ALB", "HRV", "XKX"]]
    assert joint and all(r["source_actors"] == "Albania;Croatia;Kosovo" for r in joint)


def test_polecat_csv_joins_compound_actors_in_one_cell(store, tmp_path: Path) -> None:  # noqa: ANN001
    out = tmp_path / "polecat.csv"
    export(store, "polecat", "csv", out, ALL)
    rows = read_csv(out)
    assert len(rows) == store.count("events")
    assert any(";" in r["source_codes"] for r in rows)
    assert all(len(r) == len(POLECAT_COLUMNS) for r in rows)


def test_window_selects_dates_and_actors(store, tmp_path: Path) -> None:  # noqa: ANN001
    everything = tmp_path / "all.jsonl"
    export(store, "polecat", "jsonl", everything)
    rows = read_jsonl(everything)

    serbia = tmp_path / "srb.jsonl"
    written = export(store, "polecat", "jsonl", serbia, Window(actors=("SRB",)))
    involving = [r for r in rows if "SRB" in (r["source_codes"] + ";" + r["target_codes"]).split(";")]
    assert written == len(involving) > 0
    assert {r["event_id"] for r in read_jsonl(serbia)} == {r["event_id"] for r in involving}

    year = Window(date(2023, 1, 1), date(2023, 12, 31))
    written = export(store, "events", "jsonl", tmp_path / "2023.jsonl", year)
    in_2023 = [r for r in rows if r["event_date"].startswith("2023-")]
    assert written == len(in_2023) > 0
    assert written < len(rows)

    # documents by publication date, stances and quotes by their story's date or actors
    assert export(store, "documents", "jsonl", tmp_path / "docs.jsonl", year) > 0
    assert all(d["published"].startswith("2023-") for d in read_jsonl(tmp_path / "docs.jsonl"))
    quotes = tmp_path / "quotes.jsonl"
    export(store, "quotes", "jsonl", quotes, Window(actors=("SRB",)))
    assert all(q["speaker_code"] == "SRB" for q in read_jsonl(quotes))
    assert export(store, "events", "csv", tmp_path / "none.csv", Window(start=date(2099, 1, 1))) == 0
    assert read_csv(tmp_path / "none.csv") == []  # a header and nothing else


def test_chunked_streaming_gives_the_same_file(store, tmp_path: Path) -> None:  # noqa: ANN001
    export(store, "actors", "jsonl", tmp_path / "big.jsonl")
    export(store, "actors", "jsonl", tmp_path / "small.jsonl", chunk=7)
    assert (tmp_path / "big.jsonl").read_bytes() == (tmp_path / "small.jsonl").read_bytes()


def test_nested_values_in_jsonl_and_csv(store, tmp_path: Path) -> None:  # noqa: ANN001
    export(store, "actors", "jsonl", tmp_path / "actors.jsonl")
    export(store, "actors", "csv", tmp_path / "actors.csv")
    as_json = {r["id"]: r for r in read_jsonl(tmp_path / "actors.jsonl")}
    for row in read_csv(tmp_path / "actors.csv"):
        mentions = json.loads(row["mentions"])
        assert mentions == as_json[row["id"]]["mentions"]
        assert int(row["mention_count"]) == len(mentions) > 0


def test_parquet_round_trip(store, tmp_path: Path) -> None:  # noqa: ANN001
    pq = pytest.importorskip("pyarrow.parquet")
    for what in ("polecat", "events", "documents", "actors"):
        out = tmp_path / f"{what}.parquet"
        written = export(store, what, "parquet", out, ALL, chunk=25)
        table = pq.read_table(out)
        assert table.num_rows == written == store.count(TABLE_OF[what])
        assert table.column_names == columns(what)
        export(store, what, "jsonl", tmp_path / f"{what}.jsonl", ALL)
        expected = read_jsonl(tmp_path / f"{what}.jsonl")
        key = "event_id" if what == "polecat" else "id"
        assert table.column(key).to_pylist() == [r[key] for r in expected]
    polecat = pq.read_table(tmp_path / "polecat.parquet").to_pylist()
    assert all(isinstance(r["event_date"], date) for r in polecat)
    assert any(";" in r["source_codes"] for r in polecat)
    events = pq.read_table(tmp_path / "events.parquet").to_pylist()
    assert any(len(r["source_codes"]) > 1 for r in events)  # a list column
    assert json.loads(events[0]["source"]) == read_jsonl(tmp_path / "events.jsonl")[0]["source"]


def test_parquet_without_pyarrow_says_which_extra(store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: ANN001
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)
    with pytest.raises(OptionalDependencyError, match=r"actorgraph\[parquet\]"):
        export(store, "events", "parquet", tmp_path / "events.parquet")
    assert not list(tmp_path.iterdir())


def test_bad_requests(store, tmp_path: Path) -> None:  # noqa: ANN001
    with pytest.raises(ConfigError):
        export(store, "runs", "csv", tmp_path / "x.csv")
    with pytest.raises(ConfigError):
        export(store, "events", "xlsx", tmp_path / "x.xlsx")
    with pytest.raises(ConfigError):
        export(store, "events", "parquet", "-")


def test_stdout(store, capsysbinary: pytest.CaptureFixture[bytes]) -> None:  # noqa: ANN001
    written = export(store, "quotes", "jsonl", "-")
    lines = capsysbinary.readouterr().out.decode("utf-8").splitlines()
    assert len(lines) == written == store.count("quotes")
    assert all(json.loads(line)["evidence_text"] for line in lines)
