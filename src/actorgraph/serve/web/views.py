"""The dashboard's pages: each route reads the store through `actorgraph.analyze` or `data` and
renders one Jinja2 template. Every fact on every page links to its story with the evidence marked.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, quote, urlencode

import jinja2
from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from markupsafe import Markup
from sqlalchemy import select

from actorgraph.analyze import Window, alerts, changes, network, stance_matrix, timeline
from actorgraph.analyze.query import Period
from actorgraph.analyze.reports import country_tension, event_places
from actorgraph.dating import date_note
from actorgraph.errors import ActorgraphError
from actorgraph.links import web_url
from actorgraph.maps import legend, undrawn, world_svg
from actorgraph.ontology import EVENT_TYPES, QUADS
from actorgraph.serve.auth import (
    SESSION_COOKIE,
    SESSION_LIFETIME,
    ApiKey,
    SignInRequired,
    Verifier,
    end_session,
    session_key,
    start_session,
)
from actorgraph.serve.web import data
from actorgraph.store import schema

HERE = Path(__file__).resolve().parent
STATIC = HERE / "static"
TEMPLATES = HERE / "templates"

# Pages load scripts, styles and data only from this server; nothing from elsewhere.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "connect-src 'self'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)
NAV = (
    ("/", "Overview"),
    ("/network", "Network"),
    ("/map", "Map"),
    ("/events", "Events"),
    ("/stances", "Stances"),
    ("/alerts", "Alerts"),
    ("/changes", "What changed"),
)
PER_PAGE = 50
SEARCH_PER_PAGE = 20



_MAX_FORM = 4096


def _keyed(request: Request) -> bool:
    settings = getattr(request.app.state, "settings", None)
    return bool(getattr(settings, "api_read_requires_key", False))


def _verified(request: Request, key: str | None) -> ApiKey:
    """The record of a key that may read; `ActorgraphError` with the reason otherwise."""
    verifier = getattr(request.app.state, "verifier", None)
    if not key:
        raise ActorgraphError("reading this store needs an API key")
    record: ApiKey = (verifier or Verifier(request.app.state.store)).verify(key)
    _may_read(record)
    return record


def _may_read(record: ApiKey) -> None:
    if not record.may("read"):
        raise ActorgraphError(f"the API key '{record.name}' may not read (its scopes: {record.scope_names})")


def _guard(request: Request) -> None:
    """The pages show what the API reads: when reading needs an API key, so do they.

    The key comes as the API takes it (`Authorization: Bearer KEY` or `X-API-Key: KEY`, e.g.
    added by a proxy), or a browser brings the session cookie the sign-in page set. A browser
    without either is sent to the sign-in page; any other client gets 401.
    """
    if not _keyed(request):
        return
    key = request.headers.get("x-api-key")
    authorization = request.headers.get("authorization", "")
    if not key and authorization.lower().startswith("bearer "):
        key = authorization[7:].strip()
    from_header = bool(key)
    try:
        if from_header:
            _verified(request, key)
        else:
            _may_read(session_key(request.app.state.store, request.cookies.get(SESSION_COOKIE)))
    except ActorgraphError as exc:
        if not from_header and "text/html" in request.headers.get("accept", ""):
            raise SignInRequired(request.url.path + (f"?{request.url.query}" if request.url.query else "")) from exc
        raise HTTPException(401, f"{exc}: send 'Authorization: Bearer KEY' or 'X-API-Key: KEY'",
                            headers={"WWW-Authenticate": "Bearer"}) from exc


def _safe_back(back: str | None) -> str:
    # Only a path on this server: a sign-in link must not send anyone elsewhere.
    if not back or not back.startswith("/") or back.startswith("//") or "\\" in back:
        return "/"
    return back


def sign_in_redirect(request: Request, exc: Exception) -> Response:
    """Exception handler for `SignInRequired`."""
    base = request.scope.get("root_path", "").rstrip("/")
    back = exc.back if isinstance(exc, SignInRequired) else "/"
    return RedirectResponse(f"{base}/login?{urlencode({'next': back})}", status_code=303)


public = APIRouter(include_in_schema=False)


def _login_page(page: PageContext, back: str, error: str | None = None) -> HTMLResponse:
    hours = int(SESSION_LIFETIME.total_seconds() // 3600)
    return page.render("login.html", status=401 if error else 200, title="Sign in", back=back, error=error,
                       hours=hours, active=None)


@public.get("/login", response_class=HTMLResponse)
def login_form(request: Request) -> Response:
    page = PageContext(request)
    back = _safe_back(request.query_params.get("next"))
    if not _keyed(request):
        return RedirectResponse(page.url(back), status_code=303)
    return _login_page(page, back)


@public.post("/login", response_class=HTMLResponse)
async def login(request: Request) -> Response:
    page = PageContext(request)
    body = await request.body()
    form = parse_qs(body[:_MAX_FORM].decode("utf-8", "replace")) if len(body) <= _MAX_FORM else {}
    back = _safe_back((form.get("next") or ["/"])[0])
    key = (form.get("key") or [""])[0].strip()
    try:
        token = start_session(page.store, _verified(request, key))
    except ActorgraphError as exc:
        return _login_page(page, back, str(exc))
    response = RedirectResponse(page.url(back), status_code=303)
    # The cookie holds a session token that only reads and expires, never the key. HttpOnly: no
    # script reads it; SameSite=Strict: no other site's page sends it along.
    response.set_cookie(SESSION_COOKIE, token, max_age=int(SESSION_LIFETIME.total_seconds()), httponly=True,
                        samesite="strict", secure=request.url.scheme == "https", path=page.base or "/")
    return response


@public.post("/logout")
def logout(request: Request) -> Response:
    page = PageContext(request)
    end_session(page.store, request.cookies.get(SESSION_COOKIE))
    response = RedirectResponse(page.url("/login"), status_code=303)
    response.delete_cookie(SESSION_COOKIE, path=page.base or "/")
    return response


router = APIRouter(include_in_schema=False, dependencies=[Depends(_guard)])


# ---- rendering ------------------------------------------------------------------------------------
def _quad_label(quad: str | None) -> str:
    return (quad or "").replace("_", " ")


def _refs(refs: Any, names: data.Names) -> str:
    """Actor references of an event ({code, sector, name}) as a short phrase."""
    parts = []
    for ref in refs or []:
        code, sector = ref.get("code"), ref.get("sector")
        if code:
            parts.append(names.actor(code) + (f" ({sector})" if sector else ""))
        else:
            parts.append(ref.get("name") or sector or "unknown")
    return ", ".join(dict.fromkeys(parts)) or "–"


def _json(value: Any) -> Markup:
    """JSON for a `<script type="application/json">` block, safe against `</script>`."""
    text = json.dumps(value, default=str, ensure_ascii=False, separators=(",", ":"))
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


def _number(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:,.1f}"
    return f"{value:,}" if isinstance(value, int) else str(value)


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=jinja2.select_autoescape(("html",)),
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters["quad"] = _quad_label
    env.filters["json"] = _json
    env.filters["number"] = _number
    # Stores written before urls were checked may hold any scheme: only web addresses become links.
    env.filters["web_link"] = web_url
    env.filters["date_note"] = date_note
    env.globals["quote"] = lambda value: quote(str(value), safe="")
    env.globals["EVENT_TYPES"] = EVENT_TYPES
    env.globals["QUADS"] = QUADS
    env.globals["MODALITIES"] = data.MODALITIES
    env.globals["POLARITIES"] = data.POLARITIES
    return env


ENV = _environment()


class PageContext:
    """What every template gets: the request's base path, names, link helpers."""

    def __init__(self, request: Request) -> None:
        self.request = request
        self.base = request.scope.get("root_path", "").rstrip("/")
        settings = getattr(request.app.state, "settings", None)
        self.names = data.Names(getattr(settings, "kb_dirs", None) or ())
        self.signed_in = _keyed(request) and SESSION_COOKIE in request.cookies

    @property
    def store(self) -> Any:
        return self.request.app.state.store

    def url(self, path: str, params: dict[str, Any] | str | None = None) -> str:
        query = params if isinstance(params, str) else urlencode({k: v for k, v in (params or {}).items() if v})
        return f"{self.base}{path}" + (f"?{query}" if query else "")

    def fact(self, kind: str, fact_id: str, doc_id: str) -> str:
        """The story of a fact, with that fact's evidence marked."""
        return f"{self.base}/documents/{quote(doc_id, safe='')}?{kind}={quote(fact_id, safe='')}#evidence"

    def document(self, doc_id: str, spans: list[str] | None = None) -> str:
        """A story; with `spans` (`START-END`), those stretches of its text marked."""
        url = f"{self.base}/documents/{quote(doc_id, safe='')}"
        return url + "?" + urlencode([("span", span) for span in spans]) + "#evidence" if spans else url

    def actor(self, code: str) -> str:
        return f"{self.base}/actors/{quote(code, safe='')}"

    def dyad(self, a: str, b: str, window: Window | None = None) -> str:
        first, second = sorted((a, b))
        path = f"{self.base}/dyads/{quote(first, safe='')}/{quote(second, safe='')}"
        return path + _window_query(window)

    def refs(self, refs: Any) -> str:
        return _refs(refs, self.names)

    def render(self, template: str, status: int = 200, **context: Any) -> HTMLResponse:
        html = ENV.get_template(template).render(page=self, nav=NAV, names=self.names, **context)
        return HTMLResponse(html, status_code=status, headers={"Content-Security-Policy": CSP})

    def not_found(self, what: str) -> HTMLResponse:
        return self.render("message.html", status=404, title="Not found", message=what, active=None)


def _window_query(window: Window | None) -> str:
    if window is None or not (window.start or window.end):
        return ""
    params = {"from": window.start.isoformat() if window.start else "", "to": window.end.isoformat() if window.end else ""}
    return "?" + urlencode({k: v for k, v in params.items() if v})


def _window_params(window: Window) -> dict[str, str]:
    return {k: v.isoformat() for k, v in (("from", window.start), ("to", window.end)) if v}


def _params(request: Request) -> dict[str, str]:
    # NUL never occurs in stored text and PostgreSQL refuses it in a query: drop it.
    return {k: v.replace("\x00", "") for k, v in request.query_params.items()}


def _window(params: dict[str, str]) -> Window:
    start, end = data.parse_day(params.get("from")), data.parse_day(params.get("to"))
    if start and end and start > end:
        start, end = end, start
    return Window(start, end)


def _int(value: str | None, default: int, low: int, high: int) -> int:
    try:
        number = int(value) if value is not None else default
    except ValueError:
        number = default
    return max(low, min(high, number))


def _float(value: str | None, default: float, low: float, high: float) -> float:
    try:
        number = float(value) if value else default
    except ValueError:
        number = default
    return max(low, min(high, number))


def _code(value: str) -> str:
    return data.clean_code(value) or "-"


# ---- pages ------------------------------------------------------------------------------------------
@router.get("/", response_class=HTMLResponse)
def overview(request: Request) -> HTMLResponse:
    """The picture at a glance: the network, who stands where, conflict events, alerts, tension."""
    page = PageContext(request)
    params = _params(request)
    window = _window(params)
    store = page.store
    counts = data.store_counts(store)
    graph = data.network_elements(network(store, window), page.names, max_nodes=30, max_edges=80)
    cells = stance_matrix(store, window, limit=200, examples=0)
    stances = data.stance_summary(cells, per_side=10)
    page.names.learn_events(store, [row["target"] for rows in stances.values() for row in rows])
    hostile = data.conflict_events(store, window, limit=8)
    found = alerts(store, window, "week", top_pairs=20, evidence=1, limit=5)
    series = data.filled_series(timeline(store, window, "month"), "month")
    return page.render("overview.html", active="/", window=window, window_params=_window_params(window), counts=counts, graph=graph, stances=stances,
                       hostile=hostile, alerts=found, series=series)


@router.get("/network", response_class=HTMLResponse)
def network_page(request: Request) -> HTMLResponse:
    """The actor network, larger, with the centrality table."""
    page = PageContext(request)
    params = _params(request)
    window = _window(params)
    max_nodes = _int(params.get("nodes"), 60, 5, 150)
    min_events = _int(params.get("min_events"), 1, 1, 1000)
    result = network(page.store, window, min_events=min_events)
    graph = data.network_elements(result, page.names, max_nodes=max_nodes, max_edges=4 * max_nodes)
    return page.render("network.html", active="/network", window=window, graph=graph, actors=result["actors"][:max_nodes],
                       max_nodes=max_nodes, min_events=min_events)


@router.get("/map", response_class=HTMLResponse)
def map_page(request: Request) -> HTMLResponse:
    """Countries shaded by tension and events where they happened, each a link to its events."""
    page = PageContext(request)
    window = _window(_params(request))
    tensions = country_tension(page.store, window)
    places = event_places(page.store, window)
    dates = _window_params(window)
    svg = world_svg(
        tensions, places,
        country_href=lambda code: page.url("/events", {"actor": code, **dates}),
        place_href=lambda place: page.url("/events", {"place": place.name, **dates}),
        names=page.names.actor,
    )
    busiest = sorted(tensions.values(), key=lambda t: (-t.events, t.code))[:30]
    return page.render("map.html", active="/map", window=window, svg=Markup(svg), legend=legend(), places=places[:30],
                       countries=busiest, undrawn=undrawn(tensions))


@router.get("/actors/{code}", response_class=HTMLResponse)
def actor_page(request: Request, code: str) -> HTMLResponse:
    """One actor: who it dealt with, the stances it holds and that others hold about it, its events."""
    page = PageContext(request)
    params = _params(request)
    window = _window(params)
    code = _code(code)
    store = page.store
    held = data.stance_counts(store, window, holder=code)
    about = data.stance_counts(store, window, target=code)
    page.names.learn_events(store, [row["key"] for row in held])
    events = data.list_events(store, data.EventFilter(actor=code, start=window.start, end=window.end), 0, 15)
    return page.render("actor.html", active=None, window=window, code=code,
                       partners=data.partners(store, code, window), held=held, about=about, events=events,
                       quotes=data.quotes_of(store, code), filters=data.EventFilter(actor=code))


@router.get("/dyads/{a}/{b}", response_class=HTMLResponse)
def dyad_page(request: Request, a: str, b: str) -> HTMLResponse:
    """A pair of actors: weekly conflict, cooperation and tension, both directions, stances, events."""
    page = PageContext(request)
    params = _params(request)
    window = _window(params)
    a, b = sorted((_code(a), _code(b)))
    store = page.store
    series = data.filled_series(timeline(store, window, "week", pair=(a, b)), "week")
    summary = data.dyad_summary(store, a, b, window)
    stances = {
        (holder, target): data.list_stances(
            store, data.StanceFilter(holder=holder, target=target, start=window.start, end=window.end), 0, 20
        )
        for holder, target in ((a, b), (b, a))
    }
    filters = data.EventFilter(dyad=(a, b), start=window.start, end=window.end)
    events = data.list_events(store, filters, 0, 25)
    return page.render("dyad.html", active=None, window=window, a=a, b=b, series=series, summary=summary,
                       stances=stances, events=events, filters=filters)


@router.get("/events", response_class=HTMLResponse)
def events_page(request: Request) -> HTMLResponse:
    """Every event, filtered and paginated on the server."""
    page = PageContext(request)
    params = _params(request)
    filters = data.EventFilter.from_params(params)
    offset = _int(params.get("offset"), 0, 0, 10_000_000)
    result = data.list_events(page.store, filters, offset, PER_PAGE)
    return page.render("events.html", active="/events", filters=filters, result=result,
                       codes=data.known_codes(page.store))


@router.get("/stances", response_class=HTMLResponse)
def stances_page(request: Request) -> HTMLResponse:
    """The stance matrix (holder × target) and the stances behind it."""
    page = PageContext(request)
    params = _params(request)
    filters = data.StanceFilter.from_params(params)
    offset = _int(params.get("offset"), 0, 0, 10_000_000)
    store = page.store
    cells = stance_matrix(store, filters.window, limit=600, examples=0)
    grid = data.matrix(cells)
    result = data.list_stances(store, filters, offset, PER_PAGE)
    page.names.learn_events(store, list(grid["columns"]) + [r["target_key"] for r in result.rows] +
                            ([filters.target] if filters.target else []))
    return page.render("stances.html", active="/stances", filters=filters, grid=grid, result=result)


@router.get("/alerts", response_class=HTMLResponse)
def alerts_page(request: Request) -> HTMLResponse:
    """Pairs whose tension broke out of its recent range, with why and the sentences behind it."""
    page = PageContext(request)
    params = _params(request)
    window = _window(params)
    period: Period = "month" if params.get("period") == "month" else "week"
    threshold = _float(params.get("threshold"), 2.0, 0.0, 10.0)
    min_tension = _float(params.get("min_tension"), 10.0, 0.0, 1000.0)
    found = alerts(page.store, window, period, threshold=threshold, min_tension=min_tension, evidence=3, limit=100)
    return page.render("alerts.html", active="/alerts", window=window, alerts=found, period=period,
                       threshold=threshold, min_tension=min_tension)


@router.get("/changes", response_class=HTMLResponse)
def changes_page(request: Request) -> HTMLResponse:
    """Actors, dyads and stances first seen since a date."""
    page = PageContext(request)
    params = _params(request)
    since = data.parse_day(params.get("since"))
    if since is None:
        last = data.store_counts(page.store)["last"]
        since = (last or date.today()) - timedelta(days=90)
    found = changes(page.store, since, limit=300)
    page.names.learn_events(page.store, [row["target"] for row in found["stances"]])
    return page.render("changes.html", active="/changes", since=since, found=found)


@router.get("/search", response_class=HTMLResponse)
def search_page(request: Request) -> HTMLResponse:
    """Full-text search over the stories (`actorgraph.analyze.search`), best matches first."""
    from actorgraph.analyze.search import SearchQueryError, count, search

    page = PageContext(request)
    params = _params(request)
    text = (params.get("q") or "").strip()[:300]
    offset = _int(params.get("offset"), 0, 0, 100_000)
    result, error = None, None
    if text:
        try:
            hits = search(page.store, text, limit=SEARCH_PER_PAGE, offset=offset, include_duplicates=False)
            total = count(page.store, text, include_duplicates=False)
        except SearchQueryError as exc:
            error = str(exc)
        else:
            result = data.Page([data.search_row(hit) for hit in hits], offset, SEARCH_PER_PAGE, total)

    def more(offset: int | None = None) -> str:
        return urlencode({"q": text, **({"offset": offset} if offset else {})})

    return page.render("search.html", active=None, query=text, result=result, error=error, more=more)


@router.get("/documents/{doc_id:path}", response_class=HTMLResponse)
def document_page(request: Request, doc_id: str) -> HTMLResponse:
    """A story with one fact's evidence (or one actor's mentions) marked, and all its facts listed."""
    page = PageContext(request)
    view = data.document_view(page.store, doc_id)
    if view is None:
        return page.not_found(f"No story with the id {doc_id!r} is stored.")
    params = _params(request)
    kind, fact_id = next(((k, params[k]) for k in ("event", "stance", "quote", "actor") if params.get(k)), (None, None))
    spans = data.selected_spans(view, kind, fact_id)
    if kind is None:
        # Plain character spans, e.g. a search's matches: `?span=120-131&span=400-411`.
        spans = data.parse_spans(request.query_params.getlist("span"), len(view.document["text"]))
        kind = "span" if request.query_params.getlist("span") else None
    pieces = data.pieces(view.document["text"], spans)
    page.names.learn_events(page.store, [s["target_key"] for s in view.stances])
    return page.render("document.html", active=None, view=view, pieces=pieces, kind=kind, fact_id=fact_id,
                       found=bool(spans))


def _redirect_to_fact(request: Request, kind: str, table: Any, fact_id: str) -> Response:
    page = PageContext(request)
    with page.store.engine.connect() as conn:
        doc_id = conn.execute(select(table.c.doc_id).where(table.c.id == fact_id)).scalar()
    if doc_id is None:
        return page.not_found(f"No {kind} with the id {fact_id!r} is stored.")
    return RedirectResponse(page.fact(kind, fact_id, doc_id), status_code=303)


@router.get("/events/{event_id}")
def event_link(request: Request, event_id: str) -> Response:
    """A permanent link to an event: its story with the evidence marked."""
    return _redirect_to_fact(request, "event", schema.events, event_id)


@router.get("/stances/{stance_id}")
def stance_link(request: Request, stance_id: str) -> Response:
    """A permanent link to a stance: its story with the evidence marked."""
    return _redirect_to_fact(request, "stance", schema.stances, stance_id)


@router.get("/quotes/{quote_id}")
def quote_link(request: Request, quote_id: str) -> Response:
    """A permanent link to a quote: its story with the evidence marked."""
    return _redirect_to_fact(request, "quote", schema.quotes, quote_id)
