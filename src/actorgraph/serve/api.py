"""The JSON API over the store (FastAPI), served by `actorgraph serve`.

Everything lives under `/api`: the stories with their facts and character offsets, the facts
themselves with filters, the analyses (dyads, tension series, alerts, stance matrix, network,
changes), full-text search, runs, and `POST /api/documents`, which runs new articles through the
real pipeline. Lists share one envelope (`items`, `total`, `limit`, `offset`, `next`) and a
stable order; every error is `{"error": {"status": ..., "message": ...}}`.

Reading is open unless `api_read_requires_key` is set (then the schema and `/docs` need a key
too); adding documents always needs a key with the `write` scope (`actorgraph keys create`).
Request bodies over `api_max_body_bytes` get 413, whatever their
Content-Length says. If the dashboard module `actorgraph.serve.web` is installed, its
`mount(app)` adds the HTML pages.
"""

from __future__ import annotations

import importlib
import itertools
import re
import threading
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Annotated, Any, Generic, Literal, TypeVar

from fastapi import APIRouter, Body, Depends, FastAPI, Query, Request, Response, Security
from fastapi import Path as PathParam
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.security import APIKeyHeader, HTTPAuthorizationCredentials, HTTPBearer
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator
from sqlalchemy import exists, func, literal, or_, select
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from actorgraph import __version__
from actorgraph.analyze import Window
from actorgraph.analyze import alerts as run_alerts
from actorgraph.analyze import changes as run_changes
from actorgraph.analyze import dyads as run_dyads
from actorgraph.analyze import network as run_network
from actorgraph.analyze import stance_matrix as run_stance_matrix
from actorgraph.analyze import timeline as run_timeline
from actorgraph.analyze.read import EventQuery, count_events, events_select, newest_first, parse_dyad
from actorgraph.analyze.search import SearchQueryError, parse_query
from actorgraph.analyze.search import count as count_hits
from actorgraph.analyze.search import search as run_search
from actorgraph.config import Settings, load_settings
from actorgraph.dates import DateError, check_day, check_window
from actorgraph.errors import StoreError
from actorgraph.links import url_problem, web_url
from actorgraph.serve.auth import SESSION_COOKIE, ApiKey, ApiKeyError, SignInRequired, Verifier, session_key
from actorgraph.serve.docs import mount_docs
from actorgraph.serve.headers import add_security_headers, security_headers
from actorgraph.store import schema
from actorgraph.store.sql import SqlStore, open_store
from actorgraph.types import Article, Skipped

if TYPE_CHECKING:
    from actorgraph.pipeline import Prepared  # loads spaCy: only on the first POST

__all__ = ["create_app", "MAX_LIMIT"]

MAX_LIMIT = 500
MAX_OFFSET = 10_000_000
# Dates outside this range are refused: the analyses step whole weeks and months past them.
T = TypeVar("T")


def _aware(value: datetime) -> datetime:
    # SQLite hands back the stored UTC times without their zone; say which zone they are in.
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


Timestamp = Annotated[datetime, AfterValidator(_aware)]


# ---- response models ------------------------------------------------------------------------------------
class Model(BaseModel):
    model_config = ConfigDict(from_attributes=True)


class ErrorDetail(Model):
    location: str
    message: str


class ErrorBody(Model):
    status: int
    message: str
    details: list[ErrorDetail] | None = None


class ErrorResponse(Model):
    """Every error the API returns."""

    error: ErrorBody


class Page(Model, Generic[T]):
    """One page of a list in a stable order; `next` is the offset of the following page, if any."""

    items: list[T]
    total: int | None = Field(description="How many items match in all (null when not counted).")
    limit: int
    offset: int
    next: int | None


class Listing(Model, Generic[T]):
    """A complete list (a series or an analysis bounded by its own limit)."""

    items: list[T]
    total: int


class Evidence(Model):
    """Where a fact was read: `text == document.text[start:end]` of document `doc_id`."""

    doc_id: str
    start: int
    end: int
    text: str


class Span(Model):
    start: int
    end: int
    text: str


class PlaceOut(Model):
    name: str
    code: str | None
    lat: float | None = Field(default=None, description="Latitude of the gazetteer's place (GeoNames).")
    lon: float | None = Field(default=None, description="Longitude of the gazetteer's place (GeoNames).")
    admin1: str | None = Field(default=None, description="GeoNames' first-level division code, e.g. RS.SE.")
    reason: str | None = Field(default=None, description="Why the gazetteer chose this place.")


class CountOut(Model):
    kind: Literal["killed", "wounded", "detained", "displaced", "deployed"]
    count: int | None = Field(description="The number the text gives; null for a quantity without one ('dozens').")
    approximate: bool
    toll: bool = Field(default=False, description="A running total, not the act's own count.")
    start: int
    end: int
    text: str


class ActorRef(Model):
    code: str | None
    sector: str | None
    name: str | None


class DocumentSummary(Model):
    id: str
    title: str | None
    published: date | None
    date_source: Literal["text", "page", "http", "file", "ingest"] | None = Field(
        default=None,
        description="Where `published` came from: the story's own text or record (text), else a capture date: "
        "its page's (page), the HTTP Last-Modified (http), the file's modification time (file) or the day of "
        "ingest (ingest). Null for stories stored before this was recorded.",
    )
    source: str
    url: str | None
    byline: str | None
    place: PlaceOut | None
    story_index: int
    duplicate_of: str | None
    containment: float | None
    characters: int
    extractor: str | None
    ingested_at: Timestamp


class Mention(Model):
    start: int
    end: int
    text: str
    sentence: int | None = None
    via: str | None = None


class ActorOut(Model):
    id: str
    code: str | None
    sector: str | None
    name: str
    type: str
    kb_id: str | None
    score: float
    reason: str
    roles: list[str]
    mentions: list[Mention]


class EventOut(Model):
    id: str
    doc_id: str
    type: str
    mode: str | None
    quad: str
    intensity: float
    modality: str
    date: date | None
    source: list[ActorRef]
    target: list[ActorRef]
    context: list[str]
    location: PlaceOut | None
    counts: list[CountOut] = Field(default_factory=list, description="Killed, wounded, detained, displaced, deployed.")
    confidence: float
    extractor: str
    evidence: Evidence


class StanceOut(Model):
    id: str
    doc_id: str
    holder: ActorRef
    polarity: str
    target_kind: str
    target: ActorRef | None
    target_event: str | None
    target_topic: str | None
    target_key: str | None
    date: date | None
    confidence: float
    extractor: str
    evidence: Evidence


class QuoteOut(Model):
    id: str
    doc_id: str
    speaker: ActorRef | None
    speaker_text: str | None
    cue: str | None
    direct: bool
    content: Span
    date: date | None
    evidence: Evidence


class DocumentDetail(DocumentSummary):
    """A story with its text and every fact read from it (offsets into `text`)."""

    text: str
    headings: list[list[int]]
    actors: list[ActorOut]
    events: list[EventOut]
    stances: list[StanceOut]
    quotes: list[QuoteOut]


class ActorSummary(Model):
    code: str | None
    sector: str | None
    name: str
    type: str
    kb_id: str | None
    documents: int
    mentions: int
    first_seen: date | None
    last_seen: date | None


class DyadOut(Model):
    period: str
    source: str
    target: str
    events: int
    verbal_cooperation: int
    material_cooperation: int
    verbal_conflict: int
    material_conflict: int
    intensity: float
    mean_intensity: float
    dates: str = Field(default="", description="Where the events' dates come from, e.g. 'text 5, page 2'.")
    killed: int = Field(default=0, description="Killed, summed over the events' counts (numbers the text gives).")
    wounded: int = 0
    detained: int = 0
    displaced: int = 0
    deployed: int = 0


class PointOut(Model):
    period: str
    events: int
    conflict: float
    cooperation: float
    tension: float
    killed: int = Field(default=0, description="Killed, summed over the events' counts (numbers the text gives).")
    wounded: int = 0
    detained: int = 0
    displaced: int = 0
    deployed: int = 0


class EventEvidence(Model):
    event_id: str
    type: str
    date: date | None
    intensity: float
    evidence: Evidence


class AlertOut(Model):
    pair: list[str]
    period: str
    tension: float
    baseline_mean: float
    baseline_sd: float
    reason: str
    evidence: list[EventEvidence]


class StanceExample(Model):
    stance_id: str
    polarity: str
    date: date | None
    evidence: Evidence


class StanceCellOut(Model):
    holder: str
    target: str
    support: int
    oppose: int
    neutral: int
    balance: int
    examples: list[StanceExample]


class NodeOut(Model):
    code: str
    degree: int
    weight: float
    cooperation_out: float
    conflict_out: float
    conflict_in: float
    betweenness: float
    community: int


class EdgeOut(Model):
    source: str
    target: str
    cooperation: int
    conflict: int


class NetworkOut(Model):
    nodes: list[NodeOut]
    edges: list[EdgeOut]


class NewActor(Model):
    code: str
    name: str
    first_seen: str
    documents: int


class NewDyad(Model):
    source: str
    target: str
    first_seen: str
    events: int
    intensity: float


class NewStance(Model):
    holder: str
    target: str
    polarity: str
    first_seen: str
    stances: int


class ChangesOut(Model):
    since: date
    actors: list[NewActor]
    dyads: list[NewDyad]
    stances: list[NewStance]


class SkippedOut(Model):
    input: str
    reason: str


class RunOut(Model):
    id: int
    command: str
    status: str
    started_at: Timestamp
    finished_at: Timestamp | None
    extractor: str
    inputs: list[str]
    counts: dict[str, int]
    skipped: list[SkippedOut]
    message: str | None


class SearchHitOut(Model):
    doc_id: str
    title: str | None
    published: date | None
    source: str
    url: str | None
    duplicate_of: str | None
    score: float
    snippet: Span = Field(description="An exact slice of the story's text around its matches.")
    matches: list[Span] = Field(description="Each matched word: text == document.text[start:end].")


class Health(Model):
    status: str
    version: str
    database: str
    schema_revision: str | None
    read_requires_key: bool


class ArticleIn(BaseModel):
    """One new article, as in the JSON Lines input."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(min_length=1, max_length=190, description="Your id for the article (its stories keep it).")
    text: str = Field(min_length=1, description="Plain text, or HTML with <p> paragraphs.")
    title: str | None = Field(default=None, max_length=2000)
    published: str | None = Field(default=None, max_length=100, description="A date, ISO 8601 preferred.")
    url: str | None = Field(default=None, max_length=4000, description="The article's http(s) address.")
    source: str | None = Field(default=None, max_length=500, description="Outlet or origin of the article.")

    @field_validator("id", "text", "title", "published", "url", "source")
    @classmethod
    def _no_nul(cls, value: str | None) -> str | None:
        if value is not None and "\x00" in value:
            raise ValueError("must not contain NUL characters")
        return value

    @field_validator("id", "text")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("must not be blank")
        return value

    @field_validator("url")
    @classmethod
    def _web_address(cls, value: str | None) -> str | None:
        if value is None or not value.strip():
            return None
        problem = url_problem(value)
        if problem is not None:
            raise ValueError(f"must be an http:// or https:// address ({problem})")
        return value.strip()


class StoredOut(Model):
    id: str
    title: str | None
    published: date | None
    duplicate_of: str | None


class IngestOut(Model):
    run_id: int
    stored: list[StoredOut] = Field(description="Stories coded and stored (an article may hold several).")
    unchanged: list[str] = Field(description="Ids of stories that were stored already.")
    skipped: list[SkippedOut]
    warnings: list[SkippedOut]
    counts: dict[str, int]


# ---- errors ----------------------------------------------------------------------------------------------
def _error(status: int, message: str, details: list[ErrorDetail] | None = None,
           headers: dict[str, str] | None = None) -> JSONResponse:
    body = ErrorResponse(error=ErrorBody(status=status, message=message, details=details))
    return JSONResponse(body.model_dump(exclude_none=True), status_code=status, headers=headers)


_REASONS = {401: "an API key is needed", 403: "forbidden", 404: "not found", 405: "method not allowed",
            413: "request body too large", 422: "invalid request"}


def _http_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, HTTPException)
    message = exc.detail if isinstance(exc.detail, str) else _REASONS.get(exc.status_code, "error")
    if exc.status_code == 404 and exc.detail == "Not Found":
        message = "no such endpoint (see /docs for the API)"
    elif exc.status_code == 405 and exc.detail == "Method Not Allowed":
        message = "this endpoint does not take that method (see /docs)"
    return _error(exc.status_code, message, headers=getattr(exc, "headers", None))


def _where(loc: Sequence[Any]) -> str:
    """A readable location: "query parameter 'limit'", "body[2].text"."""
    parts = list(loc)
    if not parts:
        return "request"
    kinds = {"query": "query parameter", "path": "path parameter", "header": "header"}
    if parts[0] in kinds:
        return f"{kinds[parts[0]]} '{'.'.join(str(p) for p in parts[1:])}'"
    out = str(parts[0])
    for part in parts[1:]:
        out += f"[{part}]" if isinstance(part, int) else f".{part}"
    return out


_BRANCHES = ("list[ArticleIn]", "ArticleIn")


def _body_branch(errors: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The errors of the one form the body took (a list of articles or one article), without the union's tag."""
    tagged = [e for e in errors if len(e["loc"]) >= 2 and e["loc"][0] == "body" and e["loc"][1] in _BRANCHES]
    if not tagged:
        return errors
    body = next((e.get("input") for e in tagged if len(e["loc"]) == 2), None)
    rest = [e for e in errors if e not in tagged]
    if isinstance(body, list):
        keep = "list[ArticleIn]"
    elif isinstance(body, dict) or body is None:
        keep = "ArticleIn"
    else:
        return [*rest, {"loc": ("body",), "msg": "send one article (an object) or a list of them"}]
    return [*rest, *({**e, "loc": ("body", *e["loc"][2:])} for e in tagged if e["loc"][1] == keep)]


def _explained(error: dict[str, Any]) -> dict[str, Any]:
    """Plainer words for the body errors pydantic words for programmers."""
    kind, loc = error.get("type"), tuple(error.get("loc", ()))
    if kind == "json_invalid":
        reason = (error.get("ctx") or {}).get("error", "")
        where = f" at character {loc[1]}" if len(loc) > 1 and isinstance(loc[1], int) else ""
        return {"loc": ("body",), "msg": f"not valid JSON{where}" + (f" ({reason})" if reason else "")}
    if kind == "missing" and loc == ("body",):
        return {"loc": loc, "msg": "the body is empty: send one article (an object) or a list of them"}
    return error


def _validation_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    errors = [_explained(e) for e in exc.errors()]
    details = [ErrorDetail(location=_where(e.get("loc", ())), message=str(e.get("msg", "invalid")))
               for e in _body_branch(errors)]
    message = "; ".join(f"{d.location}: {d.message}" for d in details[:5]) or "invalid request"
    if len(details) > 5:
        message += f"; and {len(details) - 5} more"
    return _error(422, message, details)


def _user_error(_request: Request, exc: Exception) -> JSONResponse:
    return _error(400, str(exc))


def _store_error(_request: Request, exc: Exception) -> JSONResponse:
    # A store that cannot take a write (read-only, full) or cannot be read: the server itself is fine.
    return _error(503, str(exc))


def _server_error(_request: Request, exc: Exception) -> JSONResponse:
    # The details go to the server log (Starlette re-raises after responding), not to the client.
    # This answer leaves from outside every middleware, so it adds the security headers itself.
    return _error(500, f"internal error ({type(exc).__name__}); the server log has the details",
                  headers=security_headers())


ERRORS: dict[int | str, dict[str, Any]] = {
    status: {"model": ErrorResponse, "description": description}
    for status, description in (
        (401, "An API key is needed (always for writing; for reading when api_read_requires_key is set)."),
        (403, "The API key was revoked, or its scopes do not allow this (read or write)."),
        (422, "A parameter or the body is invalid."),
    )
}


def _errors(*statuses: int) -> dict[int | str, dict[str, Any]]:
    descriptions = {400: "The request cannot be run (a malformed search query, a bad Content-Length).",
                    404: "Nothing has that id.", 413: "The request body is over the size limit.",
                    503: "The store cannot be reached, or cannot be written (the server opened it read-only)."}
    return {s: {"model": ErrorResponse, "description": descriptions[s]} for s in statuses}


# ---- request body limit ----------------------------------------------------------------------------------
class BodyLimit:
    """Refuse request bodies over `max_bytes` with 413: by Content-Length first, then by counting.

    Counting the bytes as they stream in also catches chunked bodies and a Content-Length that
    lies; the app stops reading at the first byte over the limit.
    """

    def __init__(self, app: ASGIApp, max_bytes: Callable[[], int]) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.max_bytes()
        declared = dict(scope.get("headers") or ()).get(b"content-length")
        if declared is not None:
            try:
                size = int(declared)
            except ValueError:
                await _error(400, "the Content-Length header is not a number")(scope, receive, send)
                return
            if size > limit:
                await _error(413, _too_large(limit))(scope, receive, send)
                return
        received = 0

        async def counted() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise HTTPException(413, _too_large(limit))
            return message

        await self.app(scope, counted, send)


def _too_large(limit: int) -> str:
    return f"the request body is over the limit of {limit:,} bytes (setting api_max_body_bytes); send fewer articles"


# ---- dependencies ----------------------------------------------------------------------------------------
_bearer = HTTPBearer(auto_error=False, description="Authorization: Bearer <API key>")
_key_header = APIKeyHeader(name="X-API-Key", auto_error=False, description="The API key (or use a Bearer token).")


def _store(request: Request) -> SqlStore:
    return request.app.state.store  # type: ignore[no-any-return]


def _settings(request: Request) -> Settings:
    return request.app.state.settings  # type: ignore[no-any-return]


def _presented_key(
    bearer: Annotated[HTTPAuthorizationCredentials | None, Security(_bearer)],
    header: Annotated[str | None, Security(_key_header)],
) -> str | None:
    return header or (bearer.credentials if bearer else None)


_CHALLENGE = {"WWW-Authenticate": "Bearer"}


def _check_key(request: Request, key: str | None, scope: str) -> ApiKey:
    if not key:
        raise HTTPException(
            401,
            "this needs an API key: send 'Authorization: Bearer KEY' or 'X-API-Key: KEY' "
            "(create one with `actorgraph keys create`)",
            headers=_CHALLENGE,
        )
    try:
        record: ApiKey = request.app.state.verifier.verify(key)
    except ApiKeyError as exc:
        raise HTTPException(403 if exc.revoked else 401, str(exc), headers=_CHALLENGE) from exc
    _check_scope(record, scope)
    return record


def _check_scope(record: ApiKey, scope: str) -> None:
    if not record.may(scope):
        raise HTTPException(
            403,
            f"the API key '{record.name}' may not {scope} (its scopes: {record.scope_names}); "
            f"create one that may with `actorgraph keys create --scope {scope}`",
        )


def require_read(request: Request, key: Annotated[str | None, Depends(_presented_key)]) -> ApiKey | None:
    """A valid key that may read when the settings say reading needs one; nothing otherwise."""
    if not _settings(request).api_read_requires_key:
        return None
    return _check_key(request, key, "read")


def require_write(request: Request, key: Annotated[str | None, Depends(_presented_key)]) -> ApiKey:
    """A valid, unrevoked key that may write: writing always needs one."""
    return _check_key(request, key, "write")


def require_docs_read(request: Request, key: Annotated[str | None, Depends(_presented_key)]) -> ApiKey | None:
    """What `require_read` asks, for the schema and `/docs`; a dashboard sign-in also counts there.

    The docs page fetches the schema from a browser, which sends the session cookie but no key;
    a browser without either is sent to the sign-in page when the dashboard offers one.
    """
    if not _settings(request).api_read_requires_key:
        return None
    if key:
        return _check_key(request, key, "read")
    try:
        record = session_key(_store(request), request.cookies.get(SESSION_COOKIE))
        _check_scope(record, "read")
        return record
    except (ApiKeyError, HTTPException) as exc:
        wants_page = "text/html" in request.headers.get("accept", "")
        if wants_page and SignInRequired in request.app.exception_handlers:
            raise SignInRequired(request.url.path) from exc
        return _check_key(request, None, "read")


async def _no_nul(request: Request) -> None:
    # PostgreSQL refuses NUL in text; refuse it here with a clear message instead of failing later.
    # A coroutine because it only reads the request: FastAPI hands a plain function to its thread
    # pool, a round trip every request pays for under load.
    given = [("query", k, v) for k, v in request.query_params.multi_items()]
    given += [("path", k, v) for k, v in request.path_params.items()]
    for kind, name, value in given:
        if "\x00" in str(value):
            raise RequestValidationError([{"loc": (kind, name), "msg": "must not contain NUL characters",
                                           "type": "value_error"}])


Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description=f"Items per page (at most {MAX_LIMIT}).")]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Items to skip (the `next` of the previous page).")]
Since = Annotated[date | None, Query(description="First day (YYYY-MM-DD), inclusive.")]
Until = Annotated[date | None, Query(description="Last day (YYYY-MM-DD), inclusive.")]
Code = Annotated[str | None, Query(max_length=20, description="An actor code (ISO 3166 alpha-3, NATO, EU, ...).")]
Text = Annotated[str | None, Query(max_length=200, description="Only those whose evidence contains this text.")]
Period = Literal["day", "week", "month"]


def _dates(since: date | None, until: date | None) -> None:
    for name, value in (("since", since), ("until", until)):
        if value is None:
            continue
        try:
            check_day(value, name)
        except DateError as exc:
            _invalid(name, str(exc))
    try:
        check_window(since, until)
    except DateError as exc:
        _invalid("since", str(exc))


def _invalid(name: str, message: str) -> None:
    raise RequestValidationError([{"loc": ("query", name), "msg": message, "type": "value_error"}])


async def window(
    request: Request,
    since: Since = None,
    until: Until = None,
    actor: Annotated[list[str] | None, Query(max_length=20, description="Actor codes (repeatable).")] = None,
    region: Annotated[str | None, Query(max_length=100, description="A region, e.g. 'Western Balkans'.")] = None,
) -> Window:
    """The slice of the store an analysis reads (a coroutine, like `_no_nul`, to stay off the thread pool)."""
    return read_window(request, since, until, actor, region)


def read_window(
    request: Request, since: date | None, until: date | None, actor: list[str] | None, region: str | None
) -> Window:
    """The window of the query parameters, or a 422 naming the one that is wrong."""
    _dates(since, until)
    codes = tuple(a.strip().upper() for a in actor or () if a.strip())
    if any(len(c) > 20 for c in codes):
        _invalid("actor", "an actor code has at most 20 characters")
    found = Window(since, until, codes, region.strip() if region and region.strip() else None)
    # the region's states from the knowledge base with the configured layers, as the pipeline's
    return found.with_region_codes(_settings(request).kb_dirs) if found.region else found


def _page(items: list[Any], total: int | None, limit: int, offset: int) -> dict[str, Any]:
    more = total is not None and offset + limit < total
    return {"items": items, "total": total, "limit": limit, "offset": offset, "next": offset + limit if more else None}


def _slice(rows: list[Any], limit: int, offset: int) -> dict[str, Any]:
    """A page of an analysis asked for `offset + limit + 1` rows: whether more follow is known, not the total."""
    items = rows[offset : offset + limit]
    following = len(rows) > offset + limit
    return {"items": items, "total": None, "limit": limit, "offset": offset,
            "next": offset + limit if following else None}


def _count(conn: Any, statement: Any) -> int:
    return int(conn.execute(select(func.count()).select_from(statement.order_by(None).subquery())).scalar_one())


def _paged(
    request: Request, statement: Any, order: Sequence[Any], item: Callable[[Any], Any], limit: int, offset: int,
    *, grouped: bool = False,
) -> dict[str, Any]:
    """A page of `statement`'s rows in `order` (ending in a unique key, so pages never overlap), with the total.

    A `grouped` statement has its groups counted by the page's own query (`count(*) OVER ()`, taken
    before LIMIT): a separate count would group every row a second time.
    """
    with _store(request).engine.connect() as conn:
        if grouped:
            counted = statement.add_columns(func.count().over().label("page_total"))
            rows = conn.execute(counted.order_by(*order).limit(limit).offset(offset)).all()
            total = int(rows[0].page_total) if rows else _count(conn, statement)
        else:
            total = _count(conn, statement)
            rows = conn.execute(statement.order_by(*order).limit(limit).offset(offset)).all()
    return _page([item(r) for r in rows], total, limit, offset)


# ---- row → model -----------------------------------------------------------------------------------------
def _evidence(doc_id: str, start: int, end: int, text: str) -> Evidence:
    return Evidence(doc_id=doc_id, start=start, end=end, text=text)


def _document_summary(row: Any) -> dict[str, Any]:
    return {
        "id": row.id, "title": row.title, "published": row.published, "date_source": row.date_source,
        "source": row.source,
        # A store written before urls were checked may hold other schemes: they are not handed out.
        "url": web_url(row.url),
        "byline": row.byline,
        "place": {"name": row.place_name, "code": row.place_code} if row.place_name else None,
        "story_index": row.story_index, "duplicate_of": row.duplicate_of, "containment": row.containment,
        "characters": int(row.characters), "extractor": row.extractor, "ingested_at": row.ingested_at,
    }


def _event(row: Any) -> EventOut:
    return EventOut(
        id=row.id, doc_id=row.doc_id, type=row.type, mode=row.mode, quad=row.quad, intensity=row.intensity,
        modality=row.modality, date=row.date, source=[ActorRef(**r) for r in row.source or []],
        target=[ActorRef(**r) for r in row.target or []], context=list(row.context or []),
        location=PlaceOut(
            name=row.location_name, code=row.location_code, lat=row.location_lat, lon=row.location_lon,
            admin1=row.location_admin1, reason=row.location_reason,
        ) if row.location_name else None,
        counts=[CountOut(**c) for c in row.counts or []],
        confidence=row.confidence, extractor=row.extractor,
        evidence=_evidence(row.doc_id, row.evidence_start, row.evidence_end, row.evidence_text),
    )


def _stance(row: Any) -> StanceOut:
    target = None
    if row.target_kind == "actor":
        target = ActorRef(code=row.target_code, sector=None, name=row.target_name)
    return StanceOut(
        id=row.id, doc_id=row.doc_id,
        holder=ActorRef(code=row.holder_code, sector=row.holder_sector, name=row.holder_name),
        polarity=row.polarity, target_kind=row.target_kind, target=target, target_event=row.target_event,
        target_topic=row.target_topic, target_key=row.target_key, date=row.date, confidence=row.confidence,
        extractor=row.extractor, evidence=_evidence(row.doc_id, row.evidence_start, row.evidence_end, row.evidence_text),
    )


def _quote(row: Any) -> QuoteOut:
    speaker = None
    if row.speaker_code or row.speaker_name:
        speaker = ActorRef(code=row.speaker_code, sector=row.speaker_sector, name=row.speaker_name)
    return QuoteOut(
        id=row.id, doc_id=row.doc_id, speaker=speaker, speaker_text=row.speaker_text, cue=row.cue,
        direct=row.direct, content=Span(start=row.content_start, end=row.content_end, text=row.content),
        date=row.date, evidence=_evidence(row.doc_id, row.evidence_start, row.evidence_end, row.evidence_text),
    )


def _actor(row: Any) -> ActorOut:
    mentions = [Mention(start=m["start"], end=m["end"], text=m["text"], sentence=m.get("sentence"), via=m.get("via"))
                for m in row.mentions or []]
    return ActorOut(id=row.id, code=row.code, sector=row.sector, name=row.name, type=row.type, kb_id=row.kb_id,
                    score=row.score, reason=row.reason, roles=list(row.roles or []), mentions=mentions)


# ---- routes ----------------------------------------------------------------------------------------------
api = APIRouter(prefix="/api", dependencies=[Depends(_no_nul)], responses=ERRORS)
reading = [Depends(require_read)]
DOCUMENT_COLUMNS = [c for c in schema.documents.c if c.name not in ("text", "headings", "shingles", "text_sha256")]


@api.get("/health", response_model=Health, tags=["store"], responses=_errors(503))
def health(request: Request) -> Any:
    """Whether the store answers, its dialect and schema revision (never needs a key)."""
    store = _store(request)
    try:
        with store.engine.connect() as conn:
            revision = conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
    except Exception as exc:  # any failure to reach the store is the answer
        return _error(503, f"the store does not answer: {type(exc).__name__}")
    return Health(status="ok", version=__version__, database=store.engine.dialect.name, schema_revision=revision,
                  read_requires_key=_settings(request).api_read_requires_key)


@api.get("/documents", response_model=Page[DocumentSummary], tags=["documents"], dependencies=reading)
def list_documents(
    request: Request,
    limit: Limit = 50,
    offset: Offset = 0,
    since: Since = None,
    until: Until = None,
    source: Annotated[str | None, Query(max_length=500, description="Only from this source (exact).")] = None,
    actor: Code = None,
    place: Annotated[str | None, Query(max_length=8, description="Only with this dateline place code.")] = None,
    include_duplicates: Annotated[bool, Query(description="Also list stories that copy another.")] = True,
) -> Any:
    """Stories, newest first (then by id), without their text (see /api/documents/{id})."""
    _dates(since, until)
    d = schema.documents.c
    statement = select(*DOCUMENT_COLUMNS, func.length(d.text).label("characters"))
    conditions: list[Any] = []
    if since:
        conditions.append(d.published >= since)
    if until:
        conditions.append(d.published <= until)
    if source:
        conditions.append(d.source == source)
    if place:
        conditions.append(d.place_code == place.upper())
    if not include_duplicates:
        conditions.append(d.duplicate_of.is_(None))
    if actor:
        a = schema.actors.c
        conditions.append(exists(select(literal(1)).where(a.doc_id == d.id, a.code == actor.upper())))
    statement = statement.where(*conditions)
    return _paged(request, statement, (d.published.desc().nulls_last(), d.id), _document_summary, limit, offset)


@api.get("/documents/{doc_id:path}", response_model=DocumentDetail, tags=["documents"], dependencies=reading,
         responses=_errors(404))
def get_document(request: Request, doc_id: Annotated[str, PathParam(max_length=300)]) -> Any:
    """A story's text with its actors, events, stances and quotes, each with character offsets into the text."""
    d = schema.documents.c
    with _store(request).engine.connect() as conn:
        row = conn.execute(
            select(schema.documents, func.length(d.text).label("characters")).where(d.id == doc_id)
        ).first()
        if row is None:
            raise HTTPException(404, f"no document with id {doc_id!r}")

        def rows(table: Any, *order: Any) -> Sequence[Any]:
            return conn.execute(select(table).where(table.c.doc_id == doc_id).order_by(*order, table.c.id)).all()

        a, e, s, q = schema.actors, schema.events, schema.stances, schema.quotes
        actors = rows(a, a.c.name)
        events = rows(e, e.c.evidence_start)
        stances = rows(s, s.c.evidence_start)
        quotes = rows(q, q.c.evidence_start)
    return DocumentDetail(
        **_document_summary(row), text=row.text, headings=[list(h) for h in row.headings or []],
        actors=[_actor(r) for r in actors], events=[_event(r) for r in events],
        stances=[_stance(r) for r in stances], quotes=[_quote(r) for r in quotes],
    )


@api.get("/actors", response_model=Page[ActorSummary], tags=["facts"], dependencies=reading)
def list_actors(
    request: Request,
    limit: Limit = 50,
    offset: Offset = 0,
    code: Code = None,
    sector: Annotated[str | None, Query(max_length=10, description="A sector code (GOV, MIL, OPP, ...).")] = None,
    type: Annotated[str | None, Query(max_length=40, description="state, person, igo, agent, ...")] = None,
    q: Annotated[str | None, Query(max_length=200, description="Only names containing this text.")] = None,
    resolved: Annotated[bool | None, Query(description="Only actors with (true) or without (false) a code.")] = None,
) -> Any:
    """Actors as found in the stories (by code, sector and name), most documents first."""
    a = schema.actors.c
    published = schema.documents.c.published
    documents = func.count(func.distinct(a.doc_id)).label("documents")
    statement = (
        select(a.code, a.sector, a.name, func.max(a.type).label("type"), func.max(a.kb_id).label("kb_id"), documents,
               func.sum(func.json_array_length(a.mentions)).label("mentions"),
               func.min(published).label("first_seen"), func.max(published).label("last_seen"))
        .select_from(schema.actors.join(schema.documents, schema.documents.c.id == a.doc_id))
        .group_by(a.code, a.sector, a.name)
    )
    if code:
        statement = statement.where(a.code == code.upper())
    if sector:
        statement = statement.where(a.sector == sector.upper())
    if type:
        statement = statement.where(a.type == type)
    if q:
        statement = statement.where(a.name.icontains(q, autoescape=True))
    if resolved is not None:
        statement = statement.where(a.code.is_not(None) if resolved else a.code.is_(None))
    order = (documents.desc(), a.name, a.code.nulls_first(), a.sector.nulls_first())

    def summary(r: Any) -> ActorSummary:
        return ActorSummary(code=r.code, sector=r.sector, name=r.name, type=r.type, kb_id=r.kb_id,
                            documents=int(r.documents), mentions=int(r.mentions or 0), first_seen=r.first_seen,
                            last_seen=r.last_seen)

    return _paged(request, statement, order, summary, limit, offset, grouped=True)


Quad = Literal["verbal_cooperation", "material_cooperation", "verbal_conflict", "material_conflict"]
Modality = Literal["asserted", "hypothetical", "negated"]


@api.get("/events", response_model=Page[EventOut], tags=["facts"], dependencies=reading)
def list_events(
    request: Request,
    limit: Limit = 50,
    offset: Offset = 0,
    actor: Annotated[str | None, Query(max_length=20, description="Events with this actor on either side.")] = None,
    dyad: Annotated[str | None, Query(max_length=41, description="Events between two actors, either way round: A-B.")] = None,
    source: Annotated[str | None, Query(max_length=20, description="Events by this actor (the dyad's source).")] = None,
    target: Annotated[str | None, Query(max_length=20, description="Events toward this actor (the dyad's target).")] = None,
    type: Annotated[str | None, Query(max_length=20, description="A PLOVER event type (ACCUSE, AID, ...).")] = None,
    quad: Annotated[Quad | None, Query(description="A PLOVER quad category.")] = None,
    modality: Annotated[Modality | None, Query()] = None,
    since: Since = None,
    until: Until = None,
    q: Text = None,
    place: Annotated[str | None, Query(max_length=200, description="Only those that happened here (a place name).")] = None,
    doc_id: Annotated[str | None, Query(max_length=300, description="Only from this story.")] = None,
    include_duplicates: Annotated[bool, Query(description="Also count events of stories that copy another.")] = False,
    # the dashboard's names for the window, so one query string serves both
    from_: Annotated[date | None, Query(alias="from", include_in_schema=False)] = None,
    to: Annotated[date | None, Query(include_in_schema=False)] = None,
    duplicates: Annotated[bool, Query(include_in_schema=False)] = False,
) -> Any:
    """PLOVER events, newest first by their day (the event's date, else its story's), each with its evidence.

    Events of duplicate stories are left out unless `include_duplicates=true`: the same filter
    gives the same total here, on the dashboard and in `actorgraph export events`.
    """
    since, until = since or from_, until or to
    _dates(since, until)
    pair = parse_dyad(dyad)
    if dyad and pair is None:
        _invalid("dyad", "give two actor codes as A-B")
    query = EventQuery(
        since=since, until=until, actors=(actor.upper(),) if actor else (), dyad=pair,
        source=source.upper() if source else None, target=target.upper() if target else None,
        type=type.upper() if type else None, quad=quad, modality=modality, words=q or None, place=place or None,
        doc_id=doc_id, include_duplicates=include_duplicates or duplicates,
    )
    with _store(request).engine.connect() as conn:
        total = count_events(conn, query)
        rows = conn.execute(events_select(query).order_by(*newest_first()).limit(limit).offset(offset)).all()
    return _page([_event(r) for r in rows], total, limit, offset)


@api.get("/stances", response_model=Page[StanceOut], tags=["facts"], dependencies=reading)
def list_stances(
    request: Request,
    limit: Limit = 50,
    offset: Offset = 0,
    holder: Annotated[str | None, Query(max_length=20, description="The holder's actor code.")] = None,
    target: Annotated[str | None, Query(max_length=200, description="An actor code, event:ID or topic:WORDS.")] = None,
    polarity: Annotated[Literal["support", "oppose", "neutral"] | None, Query()] = None,
    target_kind: Annotated[Literal["actor", "event", "topic"] | None, Query()] = None,
    since: Since = None,
    until: Until = None,
    q: Text = None,
    doc_id: Annotated[str | None, Query(max_length=300, description="Only from this story.")] = None,
) -> Any:
    """Who stood for, against or neutral toward whom or what, newest first, with the evidence."""
    _dates(since, until)
    s = schema.stances.c
    conditions: list[Any] = []
    if holder:
        conditions.append(s.holder_code == holder.upper())
    if target:
        conditions.append(or_(s.target_key == target, s.target_key == target.upper()))
    if polarity:
        conditions.append(s.polarity == polarity)
    if target_kind:
        conditions.append(s.target_kind == target_kind)
    if since:
        conditions.append(s.date >= since)
    if until:
        conditions.append(s.date <= until)
    if q:
        conditions.append(s.evidence_text.icontains(q, autoescape=True))
    if doc_id:
        conditions.append(s.doc_id == doc_id)
    statement = select(schema.stances).where(*conditions)
    return _paged(request, statement, (s.date.desc().nulls_last(), s.id), _stance, limit, offset)


@api.get("/quotes", response_model=Page[QuoteOut], tags=["facts"], dependencies=reading)
def list_quotes(
    request: Request,
    limit: Limit = 50,
    offset: Offset = 0,
    speaker: Annotated[str | None, Query(max_length=20, description="The speaker's actor code.")] = None,
    direct: Annotated[bool | None, Query(description="Only direct (true) or reported (false) speech.")] = None,
    since: Since = None,
    until: Until = None,
    q: Annotated[str | None, Query(max_length=200, description="Only quotes containing this text.")] = None,
    doc_id: Annotated[str | None, Query(max_length=300, description="Only from this story.")] = None,
) -> Any:
    """Who said what, newest first, with the quoted words and the sentence as evidence."""
    _dates(since, until)
    t = schema.quotes.c
    conditions: list[Any] = []
    if speaker:
        conditions.append(t.speaker_code == speaker.upper())
    if direct is not None:
        conditions.append(t.direct.is_(direct))
    if since:
        conditions.append(t.date >= since)
    if until:
        conditions.append(t.date <= until)
    if q:
        conditions.append(t.content.icontains(q, autoescape=True))
    if doc_id:
        conditions.append(t.doc_id == doc_id)
    statement = select(schema.quotes).where(*conditions)
    return _paged(request, statement, (t.date.desc().nulls_last(), t.id), _quote, limit, offset)


@api.get("/search", response_model=Page[SearchHitOut], tags=["documents"], dependencies=reading,
         responses=_errors(400))
def search_documents(
    request: Request,
    q: Annotated[str, Query(min_length=1, max_length=500,
                            description='Words (all must occur), "phrases", -excluded, OR between alternatives.')],
    limit: Annotated[int, Query(ge=1, le=100, description="Hits per page (at most 100).")] = 20,
    offset: Offset = 0,
    since: Since = None,
    until: Until = None,
    include_duplicates: Annotated[bool, Query(description="Also find stories that copy another.")] = True,
) -> Any:
    """Full-text search over the stories' titles and texts, best match first, with offsets of every match."""
    _dates(since, until)
    parsed = parse_query(q)
    store = _store(request)
    total = count_hits(store, parsed, since=since, until=until, include_duplicates=include_duplicates)
    hits = []
    if offset < total:
        hits = run_search(store, parsed, limit, offset, since=since, until=until,
                          include_duplicates=include_duplicates)
    items = [
        SearchHitOut(
            doc_id=h.doc_id, title=h.title, published=h.published, source=h.source, url=web_url(h.url),
            duplicate_of=h.duplicate_of, score=h.score, snippet=Span.model_validate(h.snippet),
            matches=[Span.model_validate(m) for m in h.matches],
        )
        for h in hits
    ]
    return _page(items, total, limit, offset)


# ---- analyses --------------------------------------------------------------------------------------------
WindowDep = Annotated[Window, Depends(window)]


@api.get("/dyads", response_model=Page[DyadOut], tags=["analyses"], dependencies=reading)
def dyads(
    request: Request,
    win: WindowDep,
    period: Annotated[Period, Query(description="day, week or month.")] = "month",
    limit: Limit = 50,
    offset: Offset = 0,
) -> Any:
    """Events between pairs of actors by period: counts per PLOVER quad category and summed intensity."""
    rows = run_dyads(_store(request), win, period, limit=offset + limit + 1)
    items = [DyadOut(**r.__dict__, mean_intensity=round(r.mean_intensity, 2)) for r in rows]
    return _slice(items, limit, offset)


_PAIR = re.compile(r"^([A-Za-z0-9]{2,20})-([A-Za-z0-9]{2,20})$")


@api.get("/timeline", response_model=Listing[PointOut], tags=["analyses"], dependencies=reading)
def timeline(
    request: Request,
    win: WindowDep,
    period: Annotated[Period, Query(description="day, week or month.")] = "week",
    pair: Annotated[str | None, Query(max_length=41, description="Two actor codes, e.g. SRB-XKX (both directions).")] = None,
) -> Any:
    """The tension series (conflict minus cooperation intensity) of a pair, or of the whole window."""
    codes = None
    if pair is not None:
        found = _PAIR.match(pair.strip())
        if not found:
            _invalid("pair", "use two actor codes joined by '-', e.g. SRB-XKX")
        assert found is not None
        codes = (found.group(1).upper(), found.group(2).upper())
    points = run_timeline(_store(request), win, period, codes)
    return {"items": [PointOut(**p.__dict__) for p in points], "total": len(points)}


@api.get("/alerts", response_model=Listing[AlertOut], tags=["analyses"], dependencies=reading)
def alerts(
    request: Request,
    win: WindowDep,
    period: Annotated[Period, Query(description="day, week or month.")] = "week",
    history: Annotated[int, Query(ge=2, le=104, description="Periods each value is compared against.")] = 8,
    threshold: Annotated[float, Query(ge=0, le=100, allow_inf_nan=False, description="Standard deviations above the recent mean.")] = 2.0,
    min_tension: Annotated[float, Query(ge=0, le=1e6, allow_inf_nan=False, description="Smallest tension worth an alert.")] = 10.0,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Newest alerts returned.")] = 100,
) -> Any:
    """Escalation alerts: pairs whose tension breaks out of its recent range, with why and the evidence."""
    found = run_alerts(_store(request), win, period, history, threshold, min_tension, limit=limit)
    items = [
        AlertOut(
            pair=list(a.pair), period=a.period, tension=a.tension, baseline_mean=a.baseline_mean,
            baseline_sd=a.baseline_sd, reason=a.reason,
            evidence=[EventEvidence(event_id=x["id"], type=x["type"], date=x["date"], intensity=x["intensity"],
                                    evidence=_evidence(x["doc_id"], x["evidence_start"], x["evidence_end"],
                                                       x["evidence_text"])) for x in a.evidence],
        )
        for a in found
    ]
    return {"items": items, "total": len(items)}


@api.get("/stance-matrix", response_model=Listing[StanceCellOut], tags=["analyses"], dependencies=reading)
def stance_matrix(
    request: Request,
    win: WindowDep,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Busiest cells returned.")] = 100,
    examples: Annotated[int, Query(ge=0, le=10, description="Example stances per cell.")] = 2,
) -> Any:
    """Holder × target cells: how often each holder stood for, against or neutral toward each target."""
    cells = run_stance_matrix(_store(request), win, limit, examples)
    items = [
        StanceCellOut(
            holder=c.holder, target=c.target, support=c.support, oppose=c.oppose, neutral=c.neutral,
            balance=c.balance,
            examples=[StanceExample(stance_id=x["id"], polarity=x["polarity"], date=x["date"],
                                    evidence=_evidence(x["doc_id"], x["evidence_start"], x["evidence_end"],
                                                       x["evidence_text"])) for x in c.examples],
        )
        for c in cells
    ]
    return {"items": items, "total": len(items)}


@api.get("/network", response_model=NetworkOut, tags=["analyses"], dependencies=reading)
def network(
    request: Request,
    win: WindowDep,
    min_events: Annotated[int, Query(ge=1, le=1_000_000, description="Fewest events for a tie to count.")] = 1,
) -> Any:
    """The actor network: nodes with centrality and community, edges with cooperation and conflict counts."""
    result = run_network(_store(request), win, min_events)
    edges: dict[tuple[str, str], dict[str, int]] = {}
    for kind in ("cooperation", "conflict"):
        for source, target, data in result[kind].edges(data=True):
            edges.setdefault((source, target), {"cooperation": 0, "conflict": 0})[kind] = int(data["weight"])
    return NetworkOut(
        nodes=[NodeOut(**node) for node in result["actors"]],
        edges=[EdgeOut(source=s, target=t, **counts) for (s, t), counts in sorted(edges.items())],
    )


@api.get("/changes", response_model=ChangesOut, tags=["analyses"], dependencies=reading)
def changes(
    request: Request,
    since: Annotated[date, Query(description="Show what was first seen on or after this day.")],
    until: Until = None,
    actor: Annotated[list[str] | None, Query(max_length=20, description="Actor codes (repeatable).")] = None,
    region: Annotated[str | None, Query(max_length=100, description="A region, e.g. 'Western Balkans'.")] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Most rows per list.")] = 100,
) -> Any:
    """What is new since a day: actors, dyads and stances first seen on or after it."""
    win = read_window(request, None, until, actor, region)
    _dates(since, until)
    found = run_changes(_store(request), since, win, limit)
    return ChangesOut.model_validate({"since": since, **found})


@api.get("/runs", response_model=Page[RunOut], tags=["store"], dependencies=reading)
def runs(request: Request, limit: Limit = 20, offset: Offset = 0) -> Any:
    """Ingest, reprocess and API runs, newest first, with their counts and skipped inputs."""
    r = schema.runs.c
    with _store(request).engine.connect() as conn:
        total = int(conn.execute(select(func.count()).select_from(schema.runs)).scalar_one())
        rows = conn.execute(select(schema.runs).order_by(r.id.desc()).limit(limit).offset(offset)).all()
    items = [
        RunOut(id=x.id, command=x.command, status=x.status, started_at=x.started_at, finished_at=x.finished_at,
               extractor=x.extractor, inputs=list(x.inputs or []), counts=dict(x.counts or {}),
               skipped=[SkippedOut(**s) for s in x.skipped or []], message=x.message)
        for x in rows
    ]
    return _page(items, total, limit, offset)


# ---- writing ---------------------------------------------------------------------------------------------
Articles = Annotated[list[ArticleIn], Field(min_length=1)] | ArticleIn


@api.post("/documents", response_model=IngestOut, status_code=201, tags=["documents"],
          responses={200: {"model": IngestOut, "description": "Nothing new was stored (all known or skipped)."},
                     **_errors(400, 413, 503)})
def add_documents(
    request: Request,
    response: Response,
    key: Annotated[ApiKey, Depends(require_write)],
    body: Annotated[Articles, Body(description="One article or a list, as in the JSON Lines input.")],
) -> Any:
    """Run new articles through the pipeline (segment, de-duplicate, code) and store them; needs an API key."""
    store = _store(request)
    if store.readonly:
        # Said before the pipeline loads (seconds) only to fail at the first write.
        raise HTTPException(503, f"this server opened the store {store.where} read-only: it cannot add documents")
    articles = body if isinstance(body, list) else [body]
    result = _ingest(request.app, articles, key)
    if not result.stored:
        response.status_code = 200
    return result


def _ingest(app: FastAPI, articles: Sequence[ArticleIn], key: ApiKey) -> IngestOut:
    """The real pipeline (`run.ingest_articles`) over the posted articles, read straight from the request.

    One writer at a time: the lock keeps two requests from coding the same new story at once.
    FastAPI runs this (a plain function) in a worker thread, off the event loop.
    """
    from actorgraph.ingest import article_from_record
    from actorgraph.pipeline import Resources
    from actorgraph.run import ingest_articles

    state = app.state
    settings: Settings = state.settings
    warnings: list[SkippedOut] = []

    def warn(name: str, message: str) -> None:
        warnings.append(SkippedOut(input=name, reason=message))

    # Each record is checked as a line of a JSON Lines file is (the same rules, the same reasons),
    # but named by its place in the request.
    seen_ids: set[str] = set()
    order = itertools.count()
    read: list[Article | Skipped] = []
    for number, article in enumerate(articles, start=1):
        record = article.model_dump(exclude_none=True)
        if not article.source and not article.url:
            record["source"] = f"api:{key.name}"  # who sent it, where a file would name itself
        where = f"article {number} (id {article.id!r})"
        read.append(article_from_record(record, where, settings, warn, order, seen_ids=seen_ids,
                                        within="this request"))
    with state.write_lock:
        if state.resources is None:
            state.resources = Resources(settings)
        store: SqlStore = state.store
        seen: dict[str, Any] = {}

        def prepared(prep: Prepared, _todo: int) -> None:
            seen["documents"] = list(prep.documents)
            seen["existing"] = store.existing_ids(d.id for d in prep.documents)

        result = ingest_articles(read, store, state.resources, inputs=[f"api:{key.name}"], command="api",
                                 warn=warn, on_prepared=prepared)
    # What this request wrote itself: another process may have stored some of its stories meanwhile.
    written = set(result.stored_ids)
    unchanged = seen.get("existing", set()) | set(result.found_stored)
    stored = [StoredOut(id=d.id, title=d.title, published=d.published, duplicate_of=d.duplicate_of)
              for d in seen.get("documents", []) if d.id in written]
    return IngestOut(
        run_id=result.run_id, stored=stored, unchanged=sorted(unchanged),
        skipped=[SkippedOut(input=s.input, reason=s.reason) for s in result.skipped],
        warnings=warnings, counts=result.counts(),
    )


# ---- the app ---------------------------------------------------------------------------------------------
def create_app(settings: Settings | None = None, store: SqlStore | None = None, *, resources: Any = None) -> FastAPI:
    """The API app over `store` (opened from `settings.db_url` when not given).

    `resources` (the spaCy pipeline and knowledge base) load on the first POST unless given.
    """
    settings = settings or load_settings()
    # Serving never creates or migrates a store (that is for `ingest` and `actorgraph db upgrade`).
    store = store or open_store(settings.db_url, create=False)
    app = FastAPI(
        title="actorgraph",
        version=__version__,
        summary="Who did what to whom: actors, PLOVER events, stances and quotes from news, with evidence.",
        description=(
            "Every fact carries its evidence: the story's id and the character offsets of the words it was read "
            "from. Lists are paged with `limit`/`offset` (the envelope's `next` is the following offset). Reading "
            "is open unless the server requires a key; adding documents always needs one (`actorgraph keys "
            "create`), sent as `Authorization: Bearer KEY` or `X-API-Key: KEY`."
        ),
        # Served by `mount_docs` below, from the package rather than a CDN.
        docs_url=None,
        redoc_url=None,
        openapi_url=None,
    )
    app.state.settings = settings
    app.state.store = store
    app.state.verifier = Verifier(store)
    app.state.resources = resources
    app.state.write_lock = threading.Lock()
    app.add_exception_handler(HTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(SearchQueryError, _user_error)
    app.add_exception_handler(StoreError, _store_error)
    app.add_exception_handler(Exception, _server_error)
    app.add_middleware(BodyLimit, max_bytes=lambda: app.state.settings.api_max_body_bytes)
    # Added last, so it wraps the others: a 413 from the body limit carries the headers too.
    add_security_headers(app)
    app.include_router(api)
    _describe_read_auth(app)
    mount_docs(app, [Depends(require_docs_read)])
    _mount_web(app)
    return app


def _describe_read_auth(app: FastAPI) -> None:
    """Mark the key of reading routes optional in the OpenAPI schema while reading is open."""
    generate = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = generate()
            if not app.state.settings.api_read_requires_key:
                for operations in schema.get("paths", {}).values():
                    read = operations.get("get")
                    if read and read.get("security"):
                        # `{}` in the list: no credentials is one of the accepted ways.
                        read["security"] = [{}, *read["security"]]
        return app.openapi_schema  # type: ignore[return-value]

    app.openapi = openapi  # type: ignore[method-assign]


def _mount_web(app: FastAPI) -> None:
    """The dashboard's pages, when its module is installed; a pointer to the API docs otherwise."""
    name = "actorgraph.serve.web"
    try:
        web = importlib.import_module(name)
    except ModuleNotFoundError as exc:
        if exc.name != name:
            raise
        web = None
    if web is not None:
        web.mount(app)
        return

    @app.get("/", include_in_schema=False)
    def root() -> dict[str, str]:
        return {"api": "/api", "docs": "/docs", "openapi": "/openapi.json"}
