"""The feed watcher against a real HTTP server on 127.0.0.1: RSS, Atom, conditional requests,
broken feeds, restarts, and the `watch` command itself (run in this process; the signals that stop a
real `watch` process are tests/faults/test_network.py's)."""

from __future__ import annotations

import hashlib
import threading
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from email.utils import format_datetime, parsedate_to_datetime
from http.server import ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit
from xml.sax.saxutils import escape

import pytest
from sqlalchemy import select, update

from actorgraph.config import Settings
from actorgraph.errors import ConfigError
from actorgraph.ingest.feeds import (
    MAX_ATTEMPTS,
    FeedError,
    FeedWatcher,
    backoff_delay,
    item_key,
    parse_feed,
    parse_feed_list,
)
from actorgraph.pipeline import Resources
from actorgraph.store import open_store, schema
from actorgraph.store.sql import SqlStore

from .conftest import ROOT
from .inprocess import actorgraph
from .local_http import QuietHandler

# ---- the news site ---------------------------------------------------------------------------------
PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{title} | Balkan Wire</title>
<meta property="og:title" content="{title}">{meta}
</head><body>
<nav><a href="/">Home</a> <a href="/region">Region</a> <a href="/opinion">Opinion</a></nav>
<article><h1>{title}</h1>
{paragraphs}
</article>
<footer>Balkan Wire, regional desk</footer>
</body></html>
"""


@dataclass(frozen=True)
class Story:
    path: str
    title: str
    published: datetime
    paragraphs: tuple[str, ...]
    dated_page: bool = True  # whether the page itself states its date

    def html(self) -> bytes:
        meta = (
            f'\n<meta property="article:published_time" content="{self.published.isoformat()}">'
            if self.dated_page
            else ""
        )
        body = "\n".join(f"<p>{escape(p)}</p>" for p in self.paragraphs)
        return PAGE.format(title=escape(self.title), meta=meta, paragraphs=body).encode("utf-8")


CROSSING = Story(
    "/news/2024/06/kosovo-police-close-jarinje.html",
    "Kosovo police close Jarinje crossing after overnight attack on patrol",
    datetime(2024, 6, 3, 9, 15, tzinfo=UTC),
    (
        "PRISTINA, June 3 — Kosovo police closed the Jarinje border crossing with Serbia on Monday after "
        "masked men threw stones and a petrol bomb at a police patrol overnight, the interior ministry said.",
        "Two officers were lightly injured in the attack near the village of Rudnica, and a police vehicle "
        "was set on fire. Police said they had detained three men for questioning.",
        "Lorries queued for several kilometres on the Serbian side of the boundary as the crossing shut. "
        "The ministry said it would reopen once the area was secure.",
        "KFOR, the NATO-led peacekeeping mission in Kosovo, said it had sent extra patrols to the area "
        "and was in contact with both sides.",
    ),
)
PROTEST = Story(
    "/news/2024/06/serbia-protests-crossing-closure.html",
    "Serbia protests to the EU over closure of Kosovo crossing",
    datetime(2024, 6, 4, 7, 40, tzinfo=UTC),
    (
        "BELGRADE — Serbia's foreign ministry summoned the head of the European Union delegation on Tuesday "
        "to protest against the closure of the Jarinje crossing by Kosovo police.",
        "The ministry said the closure cut off thousands of Serbs in northern Kosovo from supplies and "
        "accused the government in Pristina of trying to provoke unrest ahead of the summer.",
        "Serbia asked the EU to press Pristina to reopen the crossing without delay and called on KFOR "
        "to guarantee the safety of Serbs living in the north.",
    ),
    dated_page=False,
)
EU_STATEMENT = Story(
    "/news/2024/06/eu-urges-de-escalation.html",
    "EU urges Belgrade and Pristina to step back from the brink",
    datetime(2024, 6, 4, 16, 5, tzinfo=UTC),
    (
        "BRUSSELS, June 4 — The European Union called on Serbia and Kosovo on Tuesday to avoid any step "
        "that could raise tensions in northern Kosovo, a day after the closure of the Jarinje crossing.",
        "In a statement, the EU's foreign policy spokesperson condemned the attack on the Kosovo police "
        "patrol and urged both governments to return to the EU-facilitated dialogue.",
        "The EU said the crossing should reopen as soon as security allowed and warned that violence would "
        "set back both countries on their path towards membership.",
    ),
)
BOSNIA = Story(
    "/news/2024/06/bosnian-serb-leaders-reject-decision.html",
    "Bosnian Serb leaders reject envoy's ruling on state property",
    datetime(2024, 6, 5, 11, 30, tzinfo=UTC),
    (
        "SARAJEVO, June 5 — Leaders of Republika Srpska on Wednesday rejected a decision by the international "
        "High Representative in Bosnia and Herzegovina on state property and said they would not apply it.",
        "The entity's assembly is to meet next week to debate a response. Opposition parties in Banja Luka "
        "warned that a boycott of state institutions would deepen the country's isolation.",
        "The United States embassy in Sarajevo said it supported the High Representative and criticised "
        "what it called divisive rhetoric.",
    ),
)
KFOR = Story(
    "/news/2024/06/nato-reinforces-kfor.html",
    "NATO sends reinforcements to KFOR in northern Kosovo",
    datetime(2024, 6, 6, 8, 0, tzinfo=UTC),
    (
        "BRUSSELS, June 6 — NATO said on Thursday it would send an additional battalion to its KFOR "
        "peacekeeping mission in Kosovo after the attack on a police patrol near the Jarinje crossing.",
        "The alliance's secretary general said the troops would help keep the roads in the north open "
        "and urged Serbia and Kosovo to resume talks under EU mediation.",
        "Italian and Turkish soldiers already serving with KFOR increased patrols around Zvecan and "
        "Leposavic overnight, a mission spokesman said.",
    ),
)
BRIEF_ID = "tag:balkanwire.example,2024:brief-41"
BRIEF_TEXT = (
    "TIRANA — Albania and North Macedonia opened a joint border checkpoint at Qafe Thane on Friday, "
    "where officers of both countries will check travellers together to cut waiting times."
)


def rss(items: list[Story], base: str, with_brief: bool = False) -> bytes:
    entries = []
    for story in reversed(items):  # newest first, as feeds are
        entries.append(
            f"""<item><title>{escape(story.title)}</title><link>{base}{story.path}</link>
<guid isPermaLink="true">{base}{story.path}</guid><pubDate>{format_datetime(story.published)}</pubDate>
<description>{escape(story.paragraphs[0][:120])}</description></item>"""
        )
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Balkan Wire: Kosovo and Serbia</title><link>{base}/</link>
<description>News from the Western Balkans</description>
{"".join(entries)}
</channel></rss>""".encode()


def atom(items: list[Story], base: str) -> bytes:
    entries = [
        f"""<entry><title>{escape(story.title)}</title><id>{base}{story.path}</id>
<link rel="alternate" type="text/html" href="{story.path}"/>
<updated>{story.published.isoformat()}</updated><published>{story.published.isoformat()}</published>
<summary>{escape(story.paragraphs[0][:120])}</summary></entry>"""
        for story in reversed(items)
    ]
    brief = f"""<entry><title>Albania and North Macedonia open joint checkpoint</title><id>{BRIEF_ID}</id>
<updated>2024-06-07T10:00:00Z</updated>
<content type="html">{escape("<p>" + BRIEF_TEXT + "</p>")}</content></entry>"""
    return f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:base="{base}/"><title>Balkan Wire: Region</title>
<id>{base}/atom</id><updated>2024-06-07T10:00:00Z</updated>
{brief}{"".join(entries)}
</feed>""".encode()


class _Handler(QuietHandler):
    server: _Site

    def _feed(self, body: bytes, modified: datetime, content_type: str) -> None:
        etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
        last_modified = format_datetime(modified, usegmt=True)
        since = self.headers.get("If-Modified-Since")
        match = self.headers.get("If-None-Match")
        fresh = match == etag if match is not None else bool(since) and parsedate_to_datetime(since) >= modified
        if fresh:
            self.server.not_modified[self.path] += 1
            self.send_response(304)
            self.send_header("ETag", etag)
            self.end_headers()
            return
        self._send(200, body, content_type, ETag=etag, Last_Modified=last_modified)

    def do_GET(self) -> None:
        site = self.server
        path = urlsplit(self.path).path
        with site.lock:
            site.hits[path] += 1
            site.requests.append((path, time.monotonic(), dict(self.headers)))
        base = f"http://127.0.0.1:{site.server_port}"
        if path == "/feeds/kosovo.rss":
            self._feed(rss(site.rss_items, base), site.rss_modified, "application/rss+xml; charset=utf-8")
        elif path == "/feeds/region.atom":
            self._feed(atom(site.atom_items, base), site.atom_modified, "application/atom+xml")
        elif path == "/feeds/down.xml":
            self._send(500, b"<html><body><h1>Internal Server Error</h1></body></html>", "text/html")
        elif path == "/feeds/garbage.xml":
            page = b"<!DOCTYPE html><html><head><title>Page not found</title></head><body><h1>Oops</h1><p>We moved.</p></body></html>"
            self._send(200, page, "text/html; charset=utf-8")
        elif path == "/feeds/slow.xml":
            site.release.wait(2.0)  # longer than the fetch timeout; released at teardown
            self._send(200, rss([], base), "application/rss+xml")
        elif path in site.failing:
            self._send(503, b"<html><body>busy</body></html>", "text/html")
        elif path in site.pages:
            self._send(200, site.pages[path], "text/html; charset=utf-8")
        else:
            self._send(404, b"<html><body><h1>Not found</h1></body></html>", "text/html")


class _Site(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.lock = threading.Lock()
        self.hits: Counter[str] = Counter()
        self.not_modified: Counter[str] = Counter()
        self.requests: list[tuple[str, float, dict[str, str]]] = []
        self.release = threading.Event()
        self.rss_items = [CROSSING, PROTEST]
        self.atom_items = [EU_STATEMENT, BOSNIA]
        self.rss_modified = datetime(2024, 6, 4, 8, 0, tzinfo=UTC)
        self.atom_modified = datetime(2024, 6, 7, 10, 0, tzinfo=UTC)
        self.pages = {s.path: s.html() for s in (CROSSING, PROTEST, EU_STATEMENT, BOSNIA, KFOR)}
        self.failing: set[str] = set()

    def handle_error(self, request, client_address) -> None:  # noqa: ANN001
        return None  # the client hangs up on the slow feed on purpose

    def publish(self, story: Story) -> None:
        with self.lock:
            self.rss_items = [*self.rss_items, story]
            self.rss_modified = story.published


@dataclass
class World:
    site: _Site
    base: str
    db_url: str
    resources: Resources
    warnings: list[tuple[str, str]] = field(default_factory=list)
    infos: list[tuple[str, str, str]] = field(default_factory=list)
    stores: list[SqlStore] = field(default_factory=list)

    def url(self, path: str) -> str:
        return self.base + path

    @property
    def good_feeds(self) -> list[str]:
        return [self.url("/feeds/kosovo.rss"), self.url("/feeds/region.atom")]

    @property
    def broken_feeds(self) -> list[str]:
        return [self.url("/feeds/down.xml"), self.url("/feeds/garbage.xml"), self.url("/feeds/slow.xml")]

    def watcher(
        self, feeds: list[str] | Path | None = None, resources: Resources | None = None, **options
    ) -> FeedWatcher:
        store = open_store(self.db_url)  # a new store object each time: as after a restart
        self.stores.append(store)
        options.setdefault("per_host_delay", 0.0)
        return FeedWatcher(
            store,
            resources or self.resources,
            feeds if feeds is not None else self.good_feeds,
            warn=lambda s, m: self.warnings.append((s, m)),
            info=lambda k, s, m: self.infos.append((k, s, m)),
            **options,
        )

    def poll(self, feeds: list[str] | None = None, **options):  # noqa: ANN201
        watcher = self.watcher(feeds, **options)
        try:
            return watcher.poll()
        finally:
            watcher.close()

    def items(self) -> dict[str, dict]:
        store = open_store(self.db_url)
        try:
            with store.engine.connect() as conn:
                rows = conn.execute(select(schema.feed_items)).mappings().all()
            return {row["url"] or row["item_key"]: dict(row) for row in rows}
        finally:
            store.close()

    def count(self, table: str) -> int:
        store = open_store(self.db_url)
        try:
            return store.count(table)
        finally:
            store.close()

    def article_hits(self) -> Counter[str]:
        return Counter({p: n for p, n in self.site.hits.items() if p.startswith("/news/")})


@pytest.fixture(scope="module")
def watch_resources(kb, nlp) -> Resources:  # noqa: ANN001
    settings = Settings(kb_dirs=[], allow_private=True, fetch_timeout=0.5)
    return Resources(settings, kb=kb, nlp=nlp)


@pytest.fixture
def world(tmp_path: Path, watch_resources: Resources) -> Iterator[World]:
    site = _Site()
    thread = threading.Thread(target=site.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    state = World(site, f"http://127.0.0.1:{site.server_port}", f"sqlite:///{tmp_path / 'watch.db'}", watch_resources)
    try:
        yield state
    finally:
        for store in state.stores:
            store.close()
        site.release.set()
        site.shutdown()
        site.server_close()
        thread.join(timeout=3)


# ---- the feeds file, parsing, backoff (no server) ------------------------------------------------------
def test_feed_list_reads_lines_with_comments_and_opml() -> None:
    text = """# Western Balkans desk
https://news.example.org/kosovo.rss

https://news.example.org/serbia.atom   # Belgrade bureau
https://news.example.org/kosovo.rss
"""
    assert parse_feed_list(text) == ["https://news.example.org/kosovo.rss", "https://news.example.org/serbia.atom"]
    opml = """<?xml version="1.0"?><opml version="2.0"><head><title>Balkans</title></head><body>
<outline text="Region"><outline text="Kosovo" type="rss" xmlUrl="https://news.example.org/kosovo.rss"/>
<outline text="Bosnia" type="rss" xmlUrl="https://news.example.org/bih.xml"/></outline>
<outline text="No feed here" htmlUrl="https://news.example.org/"/></body></opml>"""
    assert parse_feed_list(opml) == ["https://news.example.org/kosovo.rss", "https://news.example.org/bih.xml"]
    with pytest.raises(ConfigError, match="line 2: not an http"):
        parse_feed_list("https://news.example.org/a.rss\nnews.example.org/b.rss\n", "feeds.txt")
    with pytest.raises(ConfigError, match="no feed URLs"):
        parse_feed_list("# nothing yet\n\n")


def test_parse_feed_keys_items_and_rejects_what_is_not_a_feed() -> None:
    items = parse_feed(rss([CROSSING, PROTEST], "https://bw.example"), "https://bw.example/feed")
    assert [i.url for i in items] == [f"https://bw.example{CROSSING.path}", f"https://bw.example{PROTEST.path}"]
    assert items[0].key == item_key(f"https://bw.example{CROSSING.path}")
    assert items[0].published == CROSSING.published
    entries = parse_feed(atom([EU_STATEMENT], "https://bw.example"), "https://bw.example/atom")
    brief = next(i for i in entries if i.url is None)
    assert brief.key == item_key(BRIEF_ID) and brief.content == BRIEF_TEXT
    assert next(i for i in entries if i.url).url == f"https://bw.example{EU_STATEMENT.path}"  # relative href resolved
    with pytest.raises(FeedError, match="HTML page .*Service unavailable"):
        parse_feed(b"<html><head><title>Service unavailable</title></head><body>later</body></html>", "u", "text/html")
    with pytest.raises(FeedError, match="not a feed"):
        parse_feed(b'{"error": "rate limited"}', "u", "application/json")
    with pytest.raises(FeedError, match="empty"):
        parse_feed(b"  ", "u")


def test_backoff_doubles_from_the_second_failure_and_is_capped() -> None:
    assert [backoff_delay(n, 60, 600) for n in range(6)] == [0, 0, 120, 240, 480, 600]


# ---- against the server ----------------------------------------------------------------------------------
def test_first_poll_ingests_every_item_and_broken_feeds_only_warn(world: World) -> None:
    feeds = [world.broken_feeds[0], world.good_feeds[0], *world.broken_feeds[1:], world.good_feeds[1]]
    result = world.poll(feeds)

    assert result.ingested == 5 and result.failed == 0 and result.feed_errors == 3
    assert world.article_hits() == Counter({s.path: 1 for s in (CROSSING, PROTEST, EU_STATEMENT, BOSNIA)})
    items = world.items()
    assert {row["status"] for row in items.values()} == {"ingested"}
    assert world.count("documents") >= 5 and world.count("events") > 0 and world.count("actors") > 10
    store = open_store(world.db_url)
    world.stores.append(store)
    with store.engine.connect() as conn:
        docs = conn.execute(select(schema.documents)).mappings().all()
        states = {r["url"]: r for r in conn.execute(select(schema.feeds)).mappings()}
    by_url = {d["url"]: d for d in docs}
    # The page that states no date gets its feed item's date; the others keep their own.
    assert by_url[world.url(PROTEST.path)]["published"] == date(2024, 6, 4)
    assert by_url[world.url(CROSSING.path)]["published"] == date(2024, 6, 3)
    brief = next(d for d in docs if d["source"] == BRIEF_ID)  # the item without a link: the feed's text
    assert "Qafe Thane" in brief["text"] and brief["published"] == date(2024, 6, 7)
    # One clear line per broken feed, recorded in the feeds table; the good feeds keep their validators.
    lines = dict(world.warnings)
    assert len(world.warnings) == 3
    assert "HTTP 500" in lines[world.url("/feeds/down.xml")]
    assert "not a feed: the server sent an HTML page ('Page not found')" in lines[world.url("/feeds/garbage.xml")]
    assert "timed out" in lines[world.url("/feeds/slow.xml")]
    for url in world.broken_feeds:
        assert states[url]["failures"] == 1 and states[url]["last_error"]
    for url in world.good_feeds:
        assert states[url]["failures"] == 0 and states[url]["etag"] and states[url]["last_modified"]
    runs = store.runs()
    assert runs[0]["command"] == "watch" and runs[0]["status"] == "completed" and runs[0]["counts"]["documents"] >= 5


def test_second_poll_is_conditional_gets_304_and_adds_nothing(world: World) -> None:
    world.poll()
    documents, hits = world.count("documents"), world.article_hits()

    result = world.poll()

    assert result.not_modified == 2 and result.ingested == result.new_items == 0
    assert world.article_hits() == hits and world.count("documents") == documents
    assert world.site.not_modified == Counter({"/feeds/kosovo.rss": 1, "/feeds/region.atom": 1})
    last = {path: headers for path, _t, headers in world.site.requests if path.startswith("/feeds/")}
    for path in ("/feeds/kosovo.rss", "/feeds/region.atom"):
        assert last[path]["If-None-Match"].startswith('"') and last[path]["If-Modified-Since"].endswith("GMT")
        assert "application/rss+xml" in last[path]["Accept"]


def test_a_newly_published_item_is_the_only_page_fetched(world: World) -> None:
    world.poll()
    hits = world.article_hits()
    world.site.publish(KFOR)

    result = world.poll()

    assert result.new_items == 1 and result.ingested == 1
    assert world.article_hits() - hits == Counter({KFOR.path: 1})
    assert world.items()[world.url(KFOR.path)]["status"] == "ingested"
    assert world.site.not_modified["/feeds/region.atom"] == 1  # the unchanged feed cost nothing


def test_a_restarted_watcher_repeats_nothing(world: World) -> None:
    world.poll()
    world.site.publish(KFOR)
    world.poll()
    before = (world.count("documents"), world.count("feed_items"), world.article_hits())

    for _restart in range(2):  # new store and watcher objects on the same database
        result = world.poll()
        assert result.ingested == result.new_items == result.failed == 0

    assert (world.count("documents"), world.count("feed_items"), world.article_hits()) == before
    # Even when the feed is fetched in full again (validators lost), the table remembers every item.
    store = open_store(world.db_url)
    world.stores.append(store)
    with store.engine.begin() as conn:
        conn.execute(update(schema.feeds).values(etag=None, last_modified=None))
    result = world.poll()
    assert result.not_modified == 0 and result.new_items == 0 and world.article_hits() == before[2]


def test_loopback_feed_is_refused_without_allow_private(world: World) -> None:
    strict = Resources(
        world.resources.settings.model_copy(update={"allow_private": False}),
        kb=world.resources.kb,
        nlp=world.resources.nlp,
    )
    result = world.poll(resources=strict)

    assert result.feed_errors == 2 and result.ingested == 0
    assert sum(world.site.hits.values()) == 0  # nothing was sent
    for _source, message in world.warnings:
        assert "refusing to fetch: host '127.0.0.1' resolves to non-public address 127.0.0.1" in message
        assert "--allow-private" in message


def test_a_failing_page_is_retried_on_later_polls_up_to_three_attempts(world: World) -> None:
    world.site.failing.add(KFOR.path)
    world.site.publish(KFOR)
    for attempt in range(1, MAX_ATTEMPTS + 1):
        result = world.poll([world.good_feeds[0]])
        assert result.failed == 1
        row = world.items()[world.url(KFOR.path)]
        assert (row["status"], row["attempts"]) == ("failed", attempt) and "HTTP 503" in row["reason"]
    assert "gave up after 3 attempts" in row["reason"]
    assert any("attempt 3 of 3; giving up" in m for _s, m in world.warnings)

    world.site.failing.clear()
    result = world.poll([world.good_feeds[0]])
    assert result.failed == result.ingested == 0 and world.site.hits[KFOR.path] == MAX_ATTEMPTS


def test_a_page_that_recovers_is_ingested_on_the_next_poll(world: World) -> None:
    world.site.failing.add(PROTEST.path)
    assert world.poll([world.good_feeds[0]]).failed == 1
    world.site.failing.clear()

    result = world.poll([world.good_feeds[0]])  # the feed answers 304; the table knows what is left

    assert result.not_modified == 1 and result.ingested == 1
    row = world.items()[world.url(PROTEST.path)]
    assert (row["status"], row["attempts"]) == ("ingested", 2)


def test_failing_feeds_back_off(world: World) -> None:
    down = [world.url("/feeds/down.xml")]
    for _ in range(2):
        assert world.poll(down, interval=60).feed_errors == 1
    result = world.poll(down, interval=60)  # two failures in a row: wait two intervals
    assert result.backing_off == 1 and result.feeds_polled == 0 and world.site.hits["/feeds/down.xml"] == 2
    assert any(kind == "backoff" and "next try in 2 min" in message for kind, _s, message in world.infos)


def test_stop_finishes_the_current_item_and_a_restart_does_the_rest(world: World) -> None:
    watcher = world.watcher([world.good_feeds[0]])
    world.infos.clear()

    def stop_after_first(kind: str, source: str, message: str) -> None:
        world.infos.append((kind, source, message))
        if kind == "ingested":
            watcher.stop()

    watcher.info = stop_after_first
    watcher.run()  # would loop for ever without the stop
    watcher.close()

    assert [s for s in (r["status"] for r in world.items().values())].count("ingested") == 1
    assert sorted(r["status"] for r in world.items().values()) == ["ingested", "new"]

    result = world.poll([world.good_feeds[0]])
    assert result.ingested == 1
    assert world.article_hits() == Counter({CROSSING.path: 1, PROTEST.path: 1})


def test_max_items_limits_pages_per_poll_and_the_rest_wait_in_the_table(world: World) -> None:
    feeds = [world.good_feeds[0]]
    assert world.poll(feeds, max_items=1).ingested == 1
    assert world.poll(feeds, max_items=1).ingested == 1  # 304, but one item was still waiting
    assert world.poll(feeds, max_items=1).ingested == 0
    assert world.article_hits() == Counter({CROSSING.path: 1, PROTEST.path: 1})


def test_requests_to_one_host_are_spaced(world: World) -> None:
    world.poll([world.good_feeds[0]], per_host_delay=0.25)
    times = [t for _path, t, _headers in world.site.requests]
    assert len(times) == 3  # the feed and its two pages
    assert all(b - a >= 0.24 for a, b in zip(times, times[1:], strict=False))


def test_watch_command_once(world: World, tmp_path: Path) -> None:
    feeds = tmp_path / "feeds.txt"
    feeds.write_text("# test feeds\n" + "\n".join([*world.good_feeds, world.url("/feeds/down.xml")]) + "\n")
    command = ["watch", str(feeds), "--once", "--db", world.db_url, "--allow-private", "--per-host-delay", "0"]

    done = actorgraph(*command, cwd=ROOT)

    stderr = done.stderr.decode()
    assert done.returncode == 1, stderr  # one feed failed
    assert stderr.count("ingested ") == 5 and "warning" in stderr and "HTTP 500" in stderr
    assert world.count("documents") >= 5 and world.count("events") > 0
    assert world.article_hits() == Counter({s.path: 1 for s in (CROSSING, PROTEST, EU_STATEMENT, BOSNIA)})

    refused = actorgraph(*command[:-3], cwd=ROOT)  # without --allow-private
    assert refused.returncode == 1
    assert "resolves to non-public address 127.0.0.1 (pass --allow-private to permit it)" in refused.stderr.decode()


def test_watch_command_rejects_a_broken_feeds_file(tmp_path: Path) -> None:
    feeds = tmp_path / "feeds.txt"
    feeds.write_text("news.example.org/feed\n")
    done = actorgraph("watch", str(feeds), "--once", "--db", f"sqlite:///{tmp_path}/x.db", cwd=ROOT)
    assert done.returncode == 2 and "line 1: not an http(s) feed URL" in done.stderr.decode()


def test_feed_items_keep_no_state_in_memory(world: World) -> None:
    watcher = world.watcher(per_host_delay=0.05)
    try:
        watcher.poll()
        assert len(watcher._polite) <= 1  # hosts are forgotten once their delay is over
        time.sleep(0.06)
        watcher.poll()
        assert len(watcher._polite) <= 1
    finally:
        watcher.close()
