"""Full-text search over the stored stories: SQLite FTS5 or PostgreSQL full text, one query language.

A query is words and "quoted phrases", all of which must occur; `-word` excludes stories that
have it; `OR` (upper case) separates alternatives: `sanctions "air defence" -Russia OR embargo`.
English stemming ("sanctions" finds "sanction") and accent folding ("Vucic" finds "Vučić") work
on both backends. Every hit carries the character offsets of its matches in the story's text,
and its snippet is a slice of that text: `text[start:end]` of a `Span` is what it says.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Integer, String, Text, bindparam, column, func, literal, literal_column, select, table
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.engine import Connection

from actorgraph.errors import ActorgraphError
from actorgraph.store import schema
from actorgraph.types import Span

__all__ = ["SearchHit", "SearchQueryError", "ParsedQuery", "parse_query", "search", "count"]

MAX_TERMS = 16
SNIPPET_CHARS = 240
MAX_MATCHES = 50  # matches listed per hit (the first ones in the text)
# Markers around matches in what the database returns: control characters news text does not hold (if a
# story did, its marked text would not line up with it, and `_marked_spans` gives no offsets at all).
_START, _STOP = "\x02", "\x03"
_MARKS = re.compile(f"[{_START}{_STOP}]")


class SearchQueryError(ActorgraphError):
    """A search query that cannot be run (nothing to look for, too many terms)."""


@dataclass(frozen=True)
class SearchHit:
    """One story that matches, best first, with where it matched."""

    doc_id: str
    title: str | None
    published: date | None
    source: str
    url: str | None
    duplicate_of: str | None
    score: float  # higher is better; comparable within one result list only
    snippet: Span  # a slice of the story's text around its densest matches
    matches: tuple[Span, ...]  # each matched word (or phrase) of the story's text


@dataclass(frozen=True)
class Alternative:
    """Terms (words or phrases) that must all occur, and terms that must not."""

    include: tuple[str, ...]
    exclude: tuple[str, ...] = ()


@dataclass(frozen=True)
class ParsedQuery:
    """A query as alternatives (OR) of conjunctions (AND) with exclusions (NOT)."""

    alternatives: tuple[Alternative, ...]


_TOKEN = re.compile(r'(-?)"([^"]*)"?|(\S+)')


def parse_query(text: str) -> ParsedQuery:
    """Words, "phrases", -exclusions and OR; raise `SearchQueryError` when nothing is left to find."""
    groups: list[tuple[list[str], list[str]]] = [([], [])]
    terms = 0
    for match in _TOKEN.finditer(text):
        negated, phrase, word = match.group(1) == "-", match.group(2), match.group(3)
        if word == "OR":
            groups.append(([], []))
            continue
        if word is not None and word.startswith("-") and len(word) > 1:
            negated, word = True, word[1:]
        term = " ".join((phrase if phrase is not None else word or "").split())
        # Punctuation alone tokenizes to nothing and would match nothing (or fail on FTS5).
        if not any(ch.isalnum() for ch in term):
            continue
        terms += 1
        groups[-1][1 if negated else 0].append(term)
    if terms > MAX_TERMS:
        raise SearchQueryError(f"the query has {terms} terms; use at most {MAX_TERMS}")
    # An alternative with only exclusions would match almost every story: it is left out.
    alternatives = tuple(Alternative(tuple(inc), tuple(exc)) for inc, exc in groups if inc)
    if not alternatives:
        raise SearchQueryError("the query has no word to look for (only punctuation or -exclusions)")
    return ParsedQuery(alternatives)


def search(
    store: Any,
    query: str | ParsedQuery,
    limit: int = 20,
    offset: int = 0,
    *,
    since: date | None = None,
    until: date | None = None,
    include_duplicates: bool = True,
) -> list[SearchHit]:
    """Stories matching `query`, best first (then newest, then by id), `limit` from `offset`."""
    parsed = query if isinstance(query, ParsedQuery) else parse_query(query)
    filters = _filters(since, until, include_duplicates)
    with store.engine.connect() as conn:
        if conn.dialect.name == "postgresql":
            rows = _page_pg(conn, parsed, filters, limit, offset)
        else:
            rows = _page_sqlite(conn, parsed, filters, limit, offset)
    return [_hit(row) for row in rows]


def count(
    store: Any,
    query: str | ParsedQuery,
    *,
    since: date | None = None,
    until: date | None = None,
    include_duplicates: bool = True,
) -> int:
    """How many stories match `query` (with the same filters as `search`)."""
    parsed = query if isinstance(query, ParsedQuery) else parse_query(query)
    d = schema.documents
    filters = _filters(since, until, include_duplicates)
    with store.engine.connect() as conn:
        if conn.dialect.name == "postgresql":
            _prefer_the_index(conn)
            statement = select(func.count()).select_from(d).where(_vector_pg().op("@@")(_tsquery(parsed)), *filters)
        else:
            fts, ids = _fts_tables()
            statement = (
                select(func.count())
                .select_from(fts.join(ids, ids.c.num == fts.c.rowid))
                .where(literal_column("documents_fts").op("MATCH")(_fts5_expression(parsed)))
            )
            if filters:
                statement = statement.join(d, d.c.id == ids.c.doc_id).where(*filters)
        return int(conn.execute(statement).scalar_one())


def _filters(since: date | None, until: date | None, include_duplicates: bool) -> list[Any]:
    d = schema.documents.c
    filters: list[Any] = []
    if since is not None:
        filters.append(d.published >= since)
    if until is not None:
        filters.append(d.published <= until)
    if not include_duplicates:
        filters.append(d.duplicate_of.is_(None))
    return filters


# ---- SQLite: FTS5 --------------------------------------------------------------------------------------
def _fts_tables() -> tuple[Any, Any]:
    """The FTS5 table and the number map, made in migration 0005 (outside the metadata)."""
    fts = table("documents_fts", column("rowid", Integer))
    ids = table("documents_fts_ids", column("num", Integer), column("doc_id", String))
    return fts, ids


def _fts5_string(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def _fts5_expression(parsed: ParsedQuery) -> str:
    """The query in FTS5 syntax; every term quoted, so user text is never read as an operator."""
    parts = []
    for alternative in parsed.alternatives:
        expression = "(" + " AND ".join(_fts5_string(t) for t in alternative.include) + ")"
        for term in alternative.exclude:
            expression = f"({expression} NOT {_fts5_string(term)})"
        parts.append(expression)
    return " OR ".join(parts)


def _page_sqlite(conn: Connection, parsed: ParsedQuery, filters: list[Any], limit: int, offset: int) -> list[Any]:
    d = schema.documents
    fts, ids = _fts_tables()
    matches = literal_column("documents_fts").op("MATCH")(bindparam("expression"))
    # bm25 is lower for better matches; a title match weighs three times a text match.
    rank = func.bm25(literal_column("documents_fts"), 3.0, 1.0).label("rank")
    page = (
        select(ids.c.num, d.c.id, rank)
        .select_from(fts.join(ids, ids.c.num == fts.c.rowid).join(d, d.c.id == ids.c.doc_id))
        .where(matches, *filters)
        .order_by(rank, d.c.published.desc().nulls_last(), d.c.id)
        .limit(limit)
        .offset(offset)
    )
    expression = _fts5_expression(parsed)
    ranked = conn.execute(page, {"expression": expression}).all()
    if not ranked:
        return []
    # The whole text with its matches marked, for the page only (highlight() re-tokenizes the text).
    marked = select(fts.c.rowid, func.highlight(literal_column("documents_fts"), 1, _START, _STOP)).where(
        matches, fts.c.rowid.in_([r.num for r in ranked])
    )
    texts: dict[int, str] = {num: text for num, text in conn.execute(marked, {"expression": expression})}
    details = _details(conn, [r.id for r in ranked])
    return [(details[r.id], -float(r.rank), texts.get(r.num)) for r in ranked]


# ---- PostgreSQL: tsvector and a GIN expression index ----------------------------------------------------
def _vector_pg() -> Any:
    # Exactly the indexed expression (schema.SEARCH_VECTOR_PG), or the planner cannot use the index.
    return literal_column(schema.SEARCH_VECTOR_PG)


def _config() -> Any:
    return literal_column(f"'{schema.SEARCH_CONFIG_PG}'::regconfig")


def _fold(value: Any) -> Any:
    return func.translate(value, schema.SEARCH_FOLD_FROM, schema.SEARCH_FOLD_TO)


def _tsquery(parsed: ParsedQuery) -> Any:
    """The query as a tsquery: phrases (`<->`) joined by and/or/not; the terms are bound values."""

    def phrase(term: str) -> Any:
        return func.phraseto_tsquery(_config(), _fold(literal(term, String)))

    combined = None
    for alternative in parsed.alternatives:
        expression = phrase(alternative.include[0])
        for term in alternative.include[1:]:
            expression = func.tsquery_and(expression, phrase(term))
        for term in alternative.exclude:
            expression = func.tsquery_and(expression, func.tsquery_not(phrase(term)))
        combined = expression if combined is None else func.tsquery_or(combined, expression)
    return combined


def _prefer_the_index(conn: Connection) -> None:
    """Have the planner find matches through the GIN index rather than by reading every story.

    The folded vector costs milliseconds a story (translate() over 179 letters, then the parser),
    which the planner does not know: on a small table it would compute it for every story just to
    filter. SET LOCAL lasts until this connection's transaction ends (the `with` block), so the
    pool's connections keep their settings.
    """
    conn.exec_driver_sql("SET LOCAL enable_seqscan = off")


def _page_pg(conn: Connection, parsed: ParsedQuery, filters: list[Any], limit: int, offset: int) -> list[Any]:
    """Rank every match, then mark the page's hits.

    Ranking needs each match's vector, which the index does not hold: the database parses the
    matching stories again, but folded here (`fold`), since its translate() costs four times
    the parsing. The vectors, ranks and order are those of the indexed expression.
    """
    d = schema.documents
    tsquery = _tsquery(parsed)
    _prefer_the_index(conn)
    matches = conn.execute(select(d.c.id, d.c.title, d.c.text).where(_vector_pg().op("@@")(tsquery), *filters)).all()
    if not matches:
        return []
    # the indexed expression's text: coalesce(title, '') || ' ' || text
    bodies = func.unnest(literal([m.id for m in matches], ARRAY(String)),
                         literal([fold(f"{m.title or ''} {m.text}") for m in matches], ARRAY(Text)))
    found = bodies.table_valued("id", "body").render_derived()
    rank = func.ts_rank_cd(func.to_tsvector(_config(), found.c.body), tsquery).label("rank")
    page = (
        select(d.c.id, rank)
        .select_from(d.join(found, found.c.id == d.c.id))
        .order_by(rank.desc(), d.c.published.desc().nulls_last(), d.c.id)
        .limit(limit)
        .offset(offset)
    )
    ranked = conn.execute(page).all()
    if not ranked:
        return []
    details = _details(conn, [r[0] for r in ranked])
    # ts_headline over the folded text marks what the folded index matched; the fold maps one
    # character to one, so the marks sit at the same offsets in the stored text.
    texts = func.unnest(literal([fold(details[r[0]].text) for r in ranked], ARRAY(Text)))
    numbered = texts.table_valued("text", with_ordinality="number").render_derived()
    options = f"HighlightAll=true, StartSel={_START}, StopSel={_STOP}"
    marked = select(numbered.c.number, func.ts_headline(_config(), numbered.c.text, tsquery, options))
    headlines = dict(conn.execute(marked).all())
    return [(details[r[0]], float(r[1]), headlines.get(number)) for number, r in enumerate(ranked, start=1)]


# A letter listed twice keeps its first mapping, as translate() does (none is, today).
_FOLDED = dict(reversed(list(zip(schema.SEARCH_FOLD_FROM, schema.SEARCH_FOLD_TO, strict=True))))
_FOLDABLE = re.compile(f"[{re.escape(schema.SEARCH_FOLD_FROM)}]")


def fold(text: str) -> str:
    """What PostgreSQL's translate() with the search's letters makes of `text` (accents off)."""
    # A news story has a handful of accented letters: finding them beats mapping every character.
    return _FOLDABLE.sub(lambda found: _FOLDED[found.group()], text)


# ---- hits ------------------------------------------------------------------------------------------------
def _details(conn: Connection, doc_ids: Sequence[str]) -> dict[str, Any]:
    d = schema.documents.c
    rows = conn.execute(
        select(d.id, d.title, d.published, d.source, d.url, d.duplicate_of, d.text).where(d.id.in_(list(doc_ids)))
    )
    return {row.id: row for row in rows}


def _hit(row: tuple[Any, float, str | None]) -> SearchHit:
    document, score, marked = row
    text: str = document.text
    matches = _marked_spans(marked, text)[:MAX_MATCHES]
    start, end = _snippet_window(text, matches)
    return SearchHit(
        doc_id=document.id,
        title=document.title,
        published=document.published,
        source=document.source,
        url=document.url,
        duplicate_of=document.duplicate_of,
        score=round(score, 6),
        snippet=Span(start, end, text[start:end]),
        matches=tuple(Span(s, e, text[s:e]) for s, e in matches),
    )


def _marked_spans(marked: str | None, text: str) -> list[tuple[int, int]]:
    """Offsets of the marked matches, provided the marked text is the stored text plus marks."""
    if not marked:
        return []
    spans: list[tuple[int, int]] = []
    marks = 0  # marks passed so far: a mark's index in `marked` less these is its offset in the text
    opened: int | None = None
    # Jumping from mark to mark (not reading the story a character at a time in Python) matters:
    # a page of hits is some hundred thousand characters.
    for found in _MARKS.finditer(marked):
        position = found.start() - marks
        marks += 1
        if found.group() == _START:
            opened = position
        else:
            if opened is not None and position > opened:
                spans.append((opened, position))
            opened = None
    if len(marked) - marks != len(text):
        return []  # the database rewrote the text (it should not): no offsets rather than wrong ones
    return spans


def _snippet_window(text: str, matches: list[tuple[int, int]]) -> tuple[int, int]:
    """About SNIPPET_CHARS of text holding the most matches, cut at spaces."""
    if not text:
        return 0, 0
    if not matches:
        return 0, _cut_after(text, min(len(text), SNIPPET_CHARS))
    best, best_count = matches[0][0], 0
    for index, (first, _end) in enumerate(matches):
        inside = sum(1 for s, e in matches[index:] if e <= first + SNIPPET_CHARS * 2 // 3)
        if inside > best_count:
            best, best_count = first, inside
    start = _cut_before(text, max(0, best - SNIPPET_CHARS // 3))
    end = _cut_after(text, min(len(text), start + SNIPPET_CHARS))
    return start, end


def _cut_before(text: str, position: int) -> int:
    """The start of the word at `position` (a snippet never begins mid-word)."""
    if position <= 0:
        return 0
    space = text.rfind(" ", 0, position)
    newline = text.rfind("\n", 0, position)
    boundary = max(space, newline)
    return boundary + 1 if boundary >= 0 and position - boundary < 40 else position


def _cut_after(text: str, position: int) -> int:
    """The end of the word at `position`."""
    if position >= len(text):
        return len(text)
    found = [i for i in (text.find(" ", position), text.find("\n", position)) if i >= 0]
    boundary = min(found) if found else len(text)
    return boundary if boundary - position < 40 else position
