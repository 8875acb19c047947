"""Full-text search on SQLite (FTS5) and PostgreSQL (tsvector + GIN): hits, offsets, and an index kept in step."""

from __future__ import annotations

import importlib.util
import re
import shutil
import unicodedata
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import inspect, select, text, update
from tests.api.conftest import CORPUS, fill, make_client
from tests.store.conftest import BACKENDS, empty_store_url

from actorgraph.analyze.search import SearchQueryError, count, parse_query, search
from actorgraph.pipeline import Resources
from actorgraph.store import schema
from actorgraph.store.migrate import alembic_config
from actorgraph.store.sql import SqlStore

MIGRATION = Path(schema.__file__).parent / "migrations" / "versions" / "0005_api_keys_search.py"


@pytest.fixture(scope="module", params=BACKENDS)
def store(request: pytest.FixtureRequest) -> SqlStore:
    """The sample corpus, coded by the pipeline, on each backend (read-only tests)."""
    # Each is coded once for the whole session (conftest).
    return request.getfixturevalue("corpus_store" if request.param == "sqlite" else "corpus_store_pg")


@pytest.fixture(scope="module")
def small(request: pytest.FixtureRequest, store: SqlStore, tmp_path_factory: pytest.TempPathFactory,
          resources: Resources) -> Iterator[SqlStore]:
    """Two stories on the module's backend, for the tests that change the store (the last tests here)."""
    directory = tmp_path_factory.mktemp("small")
    inputs = directory / "in"
    inputs.mkdir()
    for name in ("2024-06-15_bosnia_rs.txt", "2023-09-25_banjska.txt"):
        shutil.copy(CORPUS / name, inputs / name)
    opened = fill(empty_store_url(_Backend(store.engine.dialect.name, request), directory), resources, inputs)
    yield opened
    opened.close()


class _Backend:
    """Stands in for a parametrised request, so `empty_store_url` makes an empty store on a given backend."""

    def __init__(self, param: str, request: pytest.FixtureRequest) -> None:
        self.param = param
        self._request = request

    def getfixturevalue(self, name: str) -> Any:
        return self._request.getfixturevalue(name)


def fold(value: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFKD", value.lower()) if not unicodedata.combining(ch))


def stories(store: SqlStore) -> dict[str, str]:
    """Title and text of every story, as the index sees them."""
    d = schema.documents.c
    with store.engine.connect() as conn:
        return {row.id: f"{row.title or ''} {row.text}" for row in conn.execute(select(d.id, d.title, d.text))}


def expected(store: SqlStore, pattern: str) -> set[str]:
    """Stories in which a regular expression finds the words (on folded text): the hits search should give."""
    return {doc_id for doc_id, body in stories(store).items() if re.search(pattern, fold(body))}


def texts(store: SqlStore) -> dict[str, str]:
    d = schema.documents.c
    with store.engine.connect() as conn:
        return dict(conn.execute(select(d.id, d.text)).all())


@pytest.mark.parametrize(
    ("query", "pattern"),
    [
        ("Vucic", r"\bvucic\b"),  # accents folded both ways
        ("Vučić", r"\bvucic\b"),
        ("sanctions", r"\bsanction(s|ed)?\b"),  # stemmed
        ('"air defence"', r"\bair[\s-]+defences?\b"),  # a phrase, also across a hyphen
        ("Kosovo -Kurti", r"^(?!.*\bkurti\b).*\bkosovo\b"),
        ("Dodik OR Kurti", r"\b(dodik|kurti)\b"),
        ("Dodik Kurti", r"^(?=.*\bdodik\b)(?=.*\bkurti\b)"),
    ],
)
def test_search_finds_exactly_the_stories_with_the_words(store: SqlStore, query: str, pattern: str) -> None:
    want = {doc_id for doc_id, body in stories(store).items() if re.search(pattern, fold(body), re.S)}
    hits = search(store, query, limit=100)
    assert {h.doc_id for h in hits} == want
    assert count(store, query) == len(want)


def test_every_match_and_snippet_is_a_slice_of_the_story(store: SqlStore) -> None:
    bodies = texts(store)
    hits = search(store, "Vucic OR sanctions", limit=100)
    assert len(hits) >= 6
    for hit in hits:
        body = bodies[hit.doc_id]
        assert hit.snippet.text == body[hit.snippet.start : hit.snippet.end]
        assert 0 < len(hit.snippet.text) <= 320
        assert hit.matches, hit.doc_id
        for match in hit.matches:
            assert body[match.start : match.end] == match.text
            assert fold(match.text) in ("vucic",) or fold(match.text).startswith("sanction")
        # the snippet shows a match when the text has one
        assert any(hit.snippet.start <= m.start and m.end <= hit.snippet.end for m in hit.matches)


def test_hits_come_best_first_in_a_stable_order_across_pages(store: SqlStore) -> None:
    everything = search(store, "Serbia OR Kosovo", limit=100)
    assert len(everything) >= 7
    scores = [h.score for h in everything]
    assert scores == sorted(scores, reverse=True)
    paged = [h.doc_id for offset in range(0, len(everything), 3) for h in search(store, "Serbia OR Kosovo", 3, offset)]
    assert paged == [h.doc_id for h in everything]


def test_filters_narrow_the_hits(store: SqlStore) -> None:
    every = {h.doc_id for h in search(store, "Vucic", limit=100)}
    originals = {h.doc_id for h in search(store, "Vucic", limit=100, include_duplicates=False)}
    assert originals == every - {"srb-hq22-2022-04-12-repub"}
    recent = search(store, "Vucic", limit=100, since=date(2024, 1, 1))
    assert recent and all(h.published and h.published >= date(2024, 1, 1) for h in recent)
    assert count(store, "Vucic", since=date(2024, 1, 1)) == len(recent) < len(every)


@pytest.mark.parametrize("query", ['"', "-Serbia", "OR", "- -- ---", "***", "  "])
def test_queries_with_nothing_to_find_are_refused(query: str) -> None:
    with pytest.raises(SearchQueryError):
        parse_query(query)


@pytest.mark.parametrize(
    "query",
    ['NEAR(Serbia Kosovo)', "title:Kosovo", '"unbalanced', "Serbia AND", "Kosovo*", "^Serbia", "(Serbia",
     "Serbia NOT", "'Kosovo'", "a:b:c", "Serbia & | ! Kosovo", "{Kosovo}", "\\Serbia"],
)
def test_search_syntax_of_the_databases_is_only_words_here(store: SqlStore, query: str) -> None:
    # FTS5 and tsquery operators in user text are words, never a database error.
    assert count(store, query) == len(search(store, query, limit=100))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=40))
def test_any_query_is_answered_or_refused_cleanly(store: SqlStore, query: str) -> None:
    try:
        parsed = parse_query(query)
    except SearchQueryError:
        return
    assert count(store, parsed) >= len(search(store, parsed, limit=5))


def test_the_migration_indexes_stories_already_stored(small: SqlStore) -> None:
    config = alembic_config(small.url)
    command.downgrade(config, "0004")
    assert not _search_objects(small)
    command.upgrade(config, "head")
    assert _search_objects(small)
    want = expected(small, r"\b(dodik|banjska)\b")
    assert len(want) == 2 and {h.doc_id for h in search(small, "Dodik OR Banjska")} == want
    # The search objects stay out of autogenerate's way: the migrations match the schema exactly.
    command.check(config)


def _search_objects(store: SqlStore) -> bool:
    """Whether the full-text index exists (the FTS5 table, or the GIN index)."""
    found = inspect(store.engine)
    if store.engine.dialect.name == "sqlite":
        return "documents_fts" in found.get_table_names()
    return schema.PG_SEARCH_INDEX in {i["name"] for i in found.get_indexes("documents")}


def test_the_index_follows_rewrites_deletes_and_title_changes(small: SqlStore) -> None:
    store = small
    assert {h.doc_id for h in search(store, "Dodik")} == expected(store, r"\bdodik\b") != set()
    bosnia = next(iter(expected(store, r"\bdodik\b")))
    d = schema.documents.c
    # A rewrite (what reprocess does) keeps exactly one entry per story.
    with store.engine.connect() as conn:
        row = dict(conn.execute(select(schema.documents).where(d.id == bosnia)).mappings().one())
    store.write({"documents": [row]}, [bosnia])
    assert [h.doc_id for h in search(store, "Dodik")] == [bosnia]
    # A new title is found, the old one is not.
    with store.engine.begin() as conn:
        conn.execute(update(schema.documents).where(d.id == bosnia).values(title="Entity assembly defies Sarajevo"))
    assert [h.doc_id for h in search(store, "defies")] == [bosnia]
    assert count(store, "entity assembly defies") == 1
    # A deleted story is gone from the index.
    store.write({}, [bosnia])
    assert search(store, "Dodik") == [] and count(store, "Dodik") == 0
    assert count(store, "Banjska") == 1
    if store.engine.dialect.name == "sqlite":
        with store.engine.begin() as conn:
            # FTS5's own check that the index agrees with the content it reads (rank 1: compare content too).
            conn.execute(text("INSERT INTO documents_fts (documents_fts, rank) VALUES ('integrity-check', 1)"))
            assert conn.execute(text("SELECT count(*) FROM documents_fts_ids")).scalar_one() == store.count("documents")


def test_queries_use_the_index(store: SqlStore) -> None:
    if store.engine.dialect.name == "sqlite":
        with store.engine.connect() as conn:
            plan = " ".join(str(row) for row in conn.execute(text(
                "EXPLAIN QUERY PLAN SELECT rowid FROM documents_fts WHERE documents_fts MATCH '\"dodik\"'"
            )))
        assert "VIRTUAL TABLE INDEX" in plan
        return
    # The migration froze its own copy of the indexed expression; the queries use the schema's.
    spec = importlib.util.spec_from_file_location("migration_0005", MIGRATION)
    assert spec and spec.loader
    migration = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(migration)
    assert migration.PG_VECTOR == schema.SEARCH_VECTOR_PG
    with store.engine.connect() as conn:
        conn.execute(text("SET enable_seqscan = off"))
        plan = "\n".join(conn.execute(text(
            f"EXPLAIN SELECT id FROM documents WHERE {schema.SEARCH_VECTOR_PG} @@ "
            "phraseto_tsquery('english'::regconfig, 'dodik')"
        )).scalars())
    assert "ix_documents_search" in plan


def test_search_endpoint_on_each_backend(store: SqlStore, resources: Resources) -> None:
    client = make_client(store, resources)
    response = client.get("/api/search", params={"q": "Vucic", "limit": 2})
    assert response.status_code == 200, response.text
    page = response.json()
    want = expected(store, r"\bvucic\b")
    assert page["total"] == len(want) and page["next"] == 2 and len(page["items"]) == 2
    walked, offset = [], 0
    while offset is not None:
        page = client.get("/api/search", params={"q": "Vucic", "limit": 2, "offset": offset}).json()
        walked.extend(page["items"])
        offset = page["next"]
    assert {h["doc_id"] for h in walked} == want and len(walked) == len(want)
    bodies = texts(store)
    for hit in walked:
        for match in hit["matches"]:
            assert bodies[hit["doc_id"]][match["start"] : match["end"]] == match["text"]
    refused = client.get("/api/search", params={"q": "-Vucic"})
    assert refused.status_code == 400 and "no word to look for" in refused.json()["error"]["message"]
