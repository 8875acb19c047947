"""Watching RSS and Atom feeds: poll politely, remember every item in the store, code the new ones.

The store is the watcher's only memory. The `feeds` table keeps each feed's conditional-request
validators (ETag, Last-Modified) and its failure count; the `feed_items` table keeps every item
ever seen, keyed by the sha256 of its id (or link), with what became of it:

* `new`      seen in the feed, not handled yet (a stopped watcher or `--max-items` leaves some);
* `ingested` its page (or, without a link, the feed's own text) was coded into the store;
* `skipped`  nothing to code, for good (no text, already stored, address refused ...) - see `reason`;
* `failed`   fetching or coding went wrong; retried on later polls until `MAX_ATTEMPTS`.

An item is registered (`new`) before it is fetched, and its final state is committed before the
next item starts, so a restart neither repeats nor misses one. A feed's validators are saved
only once every item of the answer that carried them is safely registered or handled.

A poll reads every feed first, then handles their items in turns, one item of each feed in
each round: a feed whose pages are slow (each costs at most the fetch deadline) delays the
other feeds' items by one page per round, not by all of its own. Turns keep the watcher a
single thread, which the store and the NLP pipeline need no locking for.

A signal stops the watcher within moments, even in the middle of a download or of coding a
page (`stop_now`): those are abandoned by an exception raised out of them, and since neither
writes to the store, the item stays as it was, to be handled by the next watcher.

Nothing grows in memory over a long run: seen keys live in the table, each poll holds only the
items it still has to handle, and the per-host politeness clock forgets hosts once their
delay is over.
"""

from __future__ import annotations

import hashlib
import io
import re
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, fields, replace
from datetime import UTC, datetime
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit
from xml.etree import ElementTree

from sqlalchemy import and_, func, insert, or_, select, update
from sqlalchemy.engine import Connection

from actorgraph.errors import ConfigError, InputError, OptionalDependencyError
from actorgraph.ingest import InputFormat, read_bytes
from actorgraph.ingest.html import MIN_WORDS, looks_like_html
from actorgraph.ingest.web import Fetched, fetch, is_url, make_client
from actorgraph.pipeline import Extraction, Resources, code_each, prepare_articles
from actorgraph.run import Executor, Failed, IngestResult, code_into
from actorgraph.store import schema
from actorgraph.store.sql import SqlStore
from actorgraph.types import Article, Document, Skipped, WarnFn

__all__ = [
    "MAX_ATTEMPTS",
    "CodeResult",
    "FeedError",
    "FeedItem",
    "FeedWatcher",
    "WatchStats",
    "backoff_delay",
    "code_articles",
    "item_key",
    "parse_feed",
    "parse_feed_list",
    "read_feed_list",
]

MAX_ATTEMPTS = 3
DEFAULT_MAX_BACKOFF = 3600.0
FEED_ACCEPT = (
    "application/rss+xml, application/atom+xml, application/rdf+xml;q=0.9, "
    "application/xml;q=0.8, text/xml;q=0.8, */*;q=0.1"
)
PAGE_ACCEPT = "text/html, application/xhtml+xml;q=0.9, text/plain;q=0.8"
# Reasons `fetch` gives that no retry will change.
_PERMANENT = (
    "refusing to fetch",
    "unsupported URL scheme",
    "malformed URL",
    "URL has no host",
    "over the limit",
    "exceeds the limit",
    "redirects",
    "HTTP 410",
)

InfoFn = Callable[[str, str, str], None]  # (kind, source, message)


def _ignore_warning(_source: str, _message: str) -> None:
    return None


def _ignore_info(_kind: str, _source: str, _message: str) -> None:
    return None


def _now() -> datetime:
    return datetime.now(UTC)


def _aware(value: datetime | None) -> datetime | None:
    # SQLite hands back naive datetimes; everything is stored in UTC.
    if value is not None and value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value


# ---- the list of feeds ----------------------------------------------------------------------------
def read_feed_list(path: Path) -> list[str]:
    """The feed URLs of FEEDS_FILE: one URL a line (`#` comments), or an OPML file."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ConfigError(f"cannot read the feeds file {path}: {exc.strerror or exc}") from exc
    return parse_feed_list(data.decode("utf-8-sig", errors="replace"), str(path))


def parse_feed_list(text: str, source: str = "<feeds>") -> list[str]:
    """Feed URLs from a plain list or an OPML document, in order, without repeats."""
    head = text.lstrip()[:512].lower()
    urls = _opml_urls(text, source) if head.startswith("<") and "<opml" in head else _line_urls(text, source)
    urls = list(dict.fromkeys(urls))
    if not urls:
        raise ConfigError(f"{source}: no feed URLs (one http(s) URL per line, or an OPML file with xmlUrl outlines)")
    return urls


_TRAILING_COMMENT = re.compile(r"\s+#")


def _line_urls(text: str, source: str) -> list[str]:
    urls = []
    for lineno, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        line = _TRAILING_COMMENT.split(line, maxsplit=1)[0]
        if not is_url(line) or any(c.isspace() for c in line):
            raise ConfigError(f"{source}, line {lineno}: not an http(s) feed URL: {line!r}")
        urls.append(line)
    return urls


def _opml_urls(text: str, source: str) -> list[str]:
    try:
        root = ElementTree.fromstring(text.encode("utf-8"))
    except ElementTree.ParseError as exc:
        raise ConfigError(f"{source}: not a well-formed OPML file ({exc})") from exc
    urls = []
    for outline in root.iter("outline"):
        url = (outline.get("xmlUrl") or outline.get("xmlurl") or "").strip()
        if not url:
            continue
        if not is_url(url):
            raise ConfigError(
                f"{source}: outline {outline.get('text') or outline.get('title') or ''!r} has a non-http(s) xmlUrl {url!r}"
            )
        urls.append(url)
    return urls


# ---- parsing a feed ---------------------------------------------------------------------------------
class FeedError(Exception):
    """A feed answer that is not a usable RSS or Atom document."""


@dataclass(frozen=True, slots=True)
class FeedItem:
    key: str  # sha256 of `ident`, or of the link, or (neither) of the text
    ident: str | None
    url: str | None
    title: str | None
    published: datetime | None
    content: str | None  # plain text of the item's content or summary


def item_key(identity: str) -> str:
    return hashlib.sha256(identity.encode("utf-8")).hexdigest()


def _feedparser() -> Any:
    try:
        import feedparser
    except ImportError as exc:
        raise OptionalDependencyError("Feed watching", "feeds") from exc
    return feedparser


def parse_feed(data: bytes, url: str, content_type: str = "") -> list[FeedItem]:
    """The items of an RSS 0.9x/1.0/2.0 or Atom document, oldest first; `FeedError` if it is none."""
    feedparser = _feedparser()
    if not data.strip():
        raise FeedError("not a feed: the answer was empty")
    headers = {"content-location": url}
    if content_type:
        headers["content-type"] = content_type
    # A stream, never a string: feedparser would open a string that looks like a URL or a path.
    parsed = feedparser.parse(io.BytesIO(data), response_headers=headers)
    entries = parsed.get("entries") or []
    if not entries and (parsed.get("bozo") or not parsed.get("version")):
        if not parsed.get("version") and looks_like_html(data):
            title = _html_title(data)
            raise FeedError("not a feed: the server sent an HTML page" + (f" ({title!r})" if title else ""))
        problem = str(parsed.get("bozo_exception") or "no RSS or Atom content").splitlines()[0][:200]
        raise FeedError(f"not a feed: {problem}")
    items: dict[str, FeedItem] = {}
    # Feeds list the newest first: handle the oldest first.
    for entry in reversed(entries):
        item = _item_of(entry, url)
        items.setdefault(item.key, item)
    return list(items.values())


def _item_of(entry: Any, feed_url: str) -> FeedItem:
    link = (entry.get("link") or "").strip()
    if link:
        link = urljoin(feed_url, link)
        if not is_url(link):
            link = ""
    ident = (entry.get("id") or "").strip() or None
    title = html_to_text(entry.get("title") or "") or None
    content = _entry_text(entry)
    identity = ident or link or "text:" + (title or "") + "\n" + (content or "")
    key = item_key(identity)
    return FeedItem(key, ident, link or None, title, _entry_date(entry), content)


def _entry_text(entry: Any) -> str | None:
    candidates = [c.get("value") or "" for c in entry.get("content") or ()]
    candidates.append(entry.get("summary") or "")
    best = max(candidates, key=len)
    text = html_to_text(best) if best else ""
    return text or None


def _entry_date(entry: Any) -> datetime | None:
    for name in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(name)
        if value:
            try:
                year, month, day, hour, minute, second = (int(v) for v in value[:6])
                return datetime(year, month, day, hour, minute, min(second, 59), tzinfo=UTC)
            except (TypeError, ValueError):
                continue
    return None


def _html_title(data: bytes) -> str | None:
    start = data.lower().find(b"<title")
    if start < 0:
        return None
    end = data.lower().find(b"</title>", start)
    chunk = data[start : end if end > 0 else start + 300]
    text = html_to_text(chunk.decode("utf-8", "replace") + "</title>")
    return text[:120] or None


class _Text(HTMLParser):
    BLOCKS = {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr", "section"}
    HIDDEN = {"script", "style", "template", "noscript"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        if tag in self.HIDDEN:
            self.hidden += 1
        elif tag in self.BLOCKS:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        elif tag in self.BLOCKS:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)


def html_to_text(markup: str) -> str:
    """Plain text of an HTML fragment (feed titles, summaries, content), paragraphs kept apart."""
    if "<" not in markup and "&" not in markup:
        return " ".join(markup.split())
    parser = _Text()
    parser.feed(markup)
    parser.close()
    paragraphs = (" ".join(p.split()) for p in "".join(parser.parts).split("\n\n"))
    return "\n\n".join(p for p in paragraphs if p)


# ---- coding articles held in memory ---------------------------------------------------------------
@dataclass
class CodeResult(IngestResult):
    """What coding some articles did, and which stored stories the new ones duplicate."""

    duplicate_of: list[str] = field(default_factory=list)

    def add(self, extraction: Extraction, *, recoding: bool = False) -> None:
        super().add(extraction, recoding=recoding)
        if extraction.document.duplicate_of is not None:
            self.duplicate_of.append(extraction.document.duplicate_of)


def code_articles(
    articles: Iterable[Article],
    store: SqlStore,
    resources: Resources,
    *,
    run_id: int,
    executor: Executor = code_each,
    warn: WarnFn = _ignore_warning,
) -> CodeResult:
    """Segment, date, de-duplicate (`pipeline.prepare_articles`, as for files), code and store some
    articles, within a run the caller keeps open.

    Unlike `run.ingest_articles`, which records a run per call, the watcher codes one page at a
    time into its one long run; all the stories of the articles are written in one transaction.
    """
    result = CodeResult(run_id)
    prepared = prepare_articles(articles, resources, warn=warn, similar=store.similar)
    result.skipped.extend(prepared.skipped)
    stored = store.existing_ids(d.id for d in prepared.documents)
    todo = [d for d in prepared.documents if d.id not in stored]
    result.unchanged = len(prepared.documents) - len(todo)
    for doc_id, (other, share) in prepared.stored_duplicates.items():
        store.mark_duplicate(doc_id, other, share)
    if todo:
        code_into(store, todo, resources, result, executor=executor, batch_size=len(todo))  # one transaction for all
    return result


# ---- the watcher ------------------------------------------------------------------------------------
@dataclass
class WatchStats:
    polls: int = 0
    feeds_polled: int = 0
    not_modified: int = 0
    feed_errors: int = 0
    backing_off: int = 0
    new_items: int = 0
    ingested: int = 0
    skipped: int = 0
    failed: int = 0
    documents: int = 0
    duplicates: int = 0
    unchanged: int = 0
    actors: int = 0
    events: int = 0
    stances: int = 0
    quotes: int = 0

    def add(self, other: WatchStats) -> None:
        for f in fields(self):
            setattr(self, f.name, getattr(self, f.name) + getattr(other, f.name))

    def as_dict(self) -> dict[str, int]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


def backoff_delay(failures: int, interval: float, cap: float = DEFAULT_MAX_BACKOFF) -> float:
    """Seconds to wait after a feed's last poll: the next round after one failure, then doubling."""
    if failures <= 1:
        return 0.0
    return min(interval * 2 ** (failures - 1), max(cap, interval))


def _describe(seconds: float) -> str:
    if seconds < 90:
        return f"{seconds:.0f} s"
    if seconds < 5400:
        return f"{seconds / 60:.0f} min"
    return f"{seconds / 3600:.1f} h"


@dataclass(frozen=True, slots=True)
class _Pending:
    key: str
    url: str | None
    title: str | None
    published: datetime | None
    attempts: int


@dataclass(frozen=True, slots=True)
class _Outcome:
    status: str
    reason: str | None
    code: CodeResult | None = None


@dataclass(slots=True)
class _Turns:
    """One feed's part of a poll: its items still to handle, and what to save once they are done."""

    url: str
    items: deque[_Pending]
    contents: dict[str, FeedItem]  # the text of items without a link (it is only in the feed)
    validators: tuple[str | None, str | None] | None  # (ETag, Last-Modified); None after a 304


class _Abandoned(BaseException):
    """Raised out of a download or a coding that `stop_now` cut short.

    A `BaseException`, like `KeyboardInterrupt`: the `except Exception` that turns an item's
    troubles into its failure must not catch it, since nothing went wrong with the item.
    """


class _Politeness:
    """At least `delay` seconds between two requests to one host; forgets hosts whose delay is over."""

    def __init__(self, delay: float) -> None:
        self.delay = max(0.0, delay)
        self._last: dict[str, float] = {}

    @staticmethod
    def host(url: str) -> str:
        try:
            return urlsplit(url).netloc.lower()
        except ValueError:
            return url

    def wait(self, url: str) -> None:
        if not self.delay:
            return
        last = self._last.get(self.host(url))
        if last is not None:
            remaining = self.delay - (time.monotonic() - last)
            if remaining > 0:
                time.sleep(remaining)

    def done(self, url: str) -> None:
        if not self.delay:
            return
        now = time.monotonic()
        self._last = {h: t for h, t in self._last.items() if now - t < self.delay}
        self._last[self.host(url)] = now

    def __len__(self) -> int:
        return len(self._last)


class FeedWatcher:
    """Polls feeds, registers their items in the store and codes the new ones.

    `feeds` is a list of URLs or a FEEDS_FILE path (re-read when it changes). Settings (timeouts,
    size cap, `allow_private`) come from `resources.settings`. `warn(source, message)` gets one
    line per problem; `info(kind, source, message)` tells what happens (kinds: feed, ingested,
    skipped, backoff, poll).
    """

    def __init__(
        self,
        store: SqlStore,
        resources: Resources,
        feeds: Sequence[str] | Path,
        *,
        interval: float = 300.0,
        max_items: int | None = None,
        per_host_delay: float = 1.0,
        max_backoff: float = DEFAULT_MAX_BACKOFF,
        warn: WarnFn = _ignore_warning,
        info: InfoFn = _ignore_info,
        clock: Callable[[], datetime] = _now,
    ) -> None:
        _feedparser()  # fail now, not at the first poll, if the extra is missing
        if interval <= 0:
            raise ConfigError("the poll interval must be positive")
        if max_items is not None and max_items < 1:
            raise ConfigError("--max-items must be at least 1")
        self.store = store
        self.resources = resources
        self.settings = resources.settings
        self.interval = float(interval)
        self.max_items = max_items
        self.max_backoff = float(max_backoff)
        self.warn = warn
        self.info = info
        self.clock = clock
        self.stats = WatchStats()
        self.run_id: int | None = None
        self._polite = _Politeness(per_host_delay)
        self._client = make_client(self.settings)
        self._stopping = False
        self._cut_short = False  # `stop_now` was called: no download or coding may go on or start
        self._abandonable = False  # inside a download or a coding, which `stop_now` may cut short
        if isinstance(feeds, Path):
            self._feeds_file: Path | None = feeds
            self._feeds_mtime: float | None = None
            self.feeds: list[str] = []
            self._reload_feeds()
        else:
            self._feeds_file = None
            self.feeds = list(dict.fromkeys(feeds))
        self.store.recover_runs()

    # ---- control ------------------------------------------------------------------------------
    def stop(self) -> None:
        """Stop after the current item (safe to call from a signal handler or another thread)."""
        self._stopping = True

    def stop_now(self) -> None:
        """Stop, abandoning a download or a coding in progress: for a signal handler.

        Call it only in the thread that runs the watcher (where Python runs signal handlers):
        it raises out of the download or coding the signal interrupted. Those never write to
        the store, so the item in hand stays as it was and the next watcher handles it.
        """
        self._stopping = True
        self._cut_short = True
        if self._abandonable:
            raise _Abandoned

    @contextmanager
    def _abandonable_work(self) -> Iterator[None]:
        """Mark work that `stop_now` may cut short: downloads, waits and coding, no store writes."""
        if self._cut_short:
            raise _Abandoned  # the signal came between two pieces of work: start no other
        self._abandonable = True
        try:
            yield
        finally:
            self._abandonable = False

    def _abandonable_executor(
        self, documents: Sequence[Document], resources: Resources
    ) -> Iterator[Extraction | Failed]:
        """`code_each`, each step of which `stop_now` may cut short (the store is written after)."""
        results = code_each(documents, resources)
        while True:
            with self._abandonable_work():
                extraction = next(results, None)
            if extraction is None:
                return
            yield extraction

    @property
    def stopping(self) -> bool:
        return self._stopping

    def run(self, once: bool = False) -> WatchStats:
        """Poll every feed, then every `interval` seconds, until `stop()` (or once)."""
        while not self._stopping:
            started = time.monotonic()
            self.poll()
            if once or self._stopping:
                break
            self.info("poll", "", f"next poll in {_describe(self.interval)}")
            deadline = started + self.interval
            while not self._stopping and (left := deadline - time.monotonic()) > 0:
                time.sleep(min(0.2, left))
        return self.stats

    def close(self, status: str = "completed", message: str | None = None) -> None:
        """Close the HTTP client and the run record (the store stays open: it is the caller's)."""
        self._client.close()
        if self.run_id is not None:
            self.store.finish_run(self.run_id, status, self._run_counts(), [], message)
            self.run_id = None

    # ---- one poll -------------------------------------------------------------------------------
    def poll(self) -> WatchStats:
        """Poll every feed once (those backing off after failures wait); return what happened."""
        result = WatchStats(polls=1)
        started = time.monotonic()
        self._reload_feeds()
        try:
            self._take_turns(self._read_feeds(result), result)
        except _Abandoned:
            self._abandonable = False  # in case the stop landed as a zone was being entered
        self.stats.add(result)
        if self.run_id is not None:
            self._save_run_counts()
        self.info(
            "poll",
            "",
            f"done in {time.monotonic() - started:.1f} s: {result.feeds_polled} feeds polled "
            f"({result.not_modified} not modified, {result.feed_errors} failed, {result.backing_off} backing off), "
            f"{result.new_items} new items, {result.ingested} ingested, {result.skipped} skipped, "
            f"{result.failed} failed; {result.documents} stories, {result.events} events",
        )
        return result

    def _unexpected(self, url: str, exc: Exception, result: WatchStats) -> None:
        # A bug or a store hiccup with one feed must not end a watch that runs for weeks.
        result.feed_errors += 1
        self.warn(url, f"unexpected error while polling the feed: {type(exc).__name__}: {exc}")

    def _read_feeds(self, result: WatchStats) -> list[_Turns]:
        """Read every feed and register its items; what each then has to handle this poll."""
        turns = []
        for url in self.feeds:
            if self._stopping:
                break
            try:
                feed = self._read_feed(url, result)
            except (KeyboardInterrupt, SystemExit):
                raise
            except Exception as exc:
                self._unexpected(url, exc, result)
                continue
            if feed is not None:
                turns.append(feed)
        return turns

    def _take_turns(self, turns: list[_Turns], result: WatchStats) -> None:
        """Handle the feeds' items one feed at a time, round after round, until all are done."""
        queue = deque(turns)
        while queue and not self._stopping:
            feed = queue.popleft()
            try:
                if feed.items:
                    self._handle_next(feed, result)
                if feed.items:
                    queue.append(feed)
                elif not self._stopping:
                    self._finish(feed)
            except (KeyboardInterrupt, SystemExit):
                raise
            except Exception as exc:  # that feed's other items wait for the next poll
                self._unexpected(feed.url, exc, result)

    def _read_feed(self, url: str, result: WatchStats) -> _Turns | None:
        state = self._feed_state(url)
        failures = int(state["failures"] or 0)
        last = _aware(state["last_polled_at"])
        delay = backoff_delay(failures, self.interval, self.max_backoff)
        if failures and last is not None and delay:
            due = (self.clock() - last).total_seconds()
            if due + 0.5 < delay:
                result.backing_off += 1
                self.info("backoff", url, f"{failures} failures in a row; next try in {_describe(delay - due)}")
                return None
        headers = {"Accept": FEED_ACCEPT}
        if state["etag"]:
            headers["If-None-Match"] = state["etag"]
        if state["last_modified"]:
            headers["If-Modified-Since"] = state["last_modified"]
        result.feeds_polled += 1
        try:
            page = self._download(url, headers)
        except InputError as exc:
            self._feed_failed(url, failures, exc.reason, None, result)
            return None
        contents: dict[str, FeedItem] = {}
        validators = None
        if page.status == 304:
            result.not_modified += 1
            self._feed_ok(url, 304)
            self.info("feed", url, "not modified")
        else:
            try:
                items = parse_feed(page.body, page.url, page.content_type)
            except FeedError as exc:
                self._feed_failed(url, failures, str(exc), page.status, result)
                return None
            self._feed_ok(url, page.status)
            new = self._register(url, items)
            result.new_items += new
            contents = {i.key: i for i in items if i.url is None and i.content}
            header = {k.lower(): v for k, v in page.headers.items()}
            validators = (header.get("etag"), header.get("last-modified"))
            self.info("feed", url, f"{len(items)} items, {new} new")
        return _Turns(url, deque(self._pending(url, contents)), contents, validators)

    def _download(self, url: str, headers: dict[str, str]) -> Fetched:
        """`fetch` at this host's polite pace; a stop abandons the wait or the download."""
        with self._abandonable_work():
            self._polite.wait(url)
            try:
                return fetch(url, self.settings, client=self._client, extra_headers=headers)
            finally:
                self._polite.done(url)

    def _finish(self, feed: _Turns) -> None:
        """Save the feed's validators once every item of the answer that carried them is handled."""
        if feed.validators is not None and not self._waiting_for_text(feed.url):
            self._save_validators(feed.url, *feed.validators)

    def _handle_next(self, feed: _Turns, result: WatchStats) -> None:
        """Handle the feed's next item and record what became of it."""
        pending = feed.items.popleft()
        item = feed.contents.get(pending.key)
        outcome = self._handle(feed.url, pending, item)
        self._record(feed.url, pending, outcome)
        where = pending.url or (item.ident if item is not None else None) or feed.url
        if outcome.status == "ingested":
            result.ingested += 1
            self.info("ingested", where, outcome.reason or "")
        elif outcome.status == "skipped":
            result.skipped += 1
            self.info("skipped", where, outcome.reason or "")
        else:
            result.failed += 1
            attempts = pending.attempts + 1
            then = "giving up" if attempts >= MAX_ATTEMPTS else "will retry on the next poll"
            self.warn(where, f"{outcome.reason} (attempt {attempts} of {MAX_ATTEMPTS}; {then})")
        code = outcome.code
        if code is not None:
            result.documents += code.documents
            result.duplicates += code.duplicates
            result.unchanged += code.unchanged
            result.actors += code.actors
            result.events += code.events
            result.stances += code.stances
            result.quotes += code.quotes

    # ---- one item -------------------------------------------------------------------------------
    def _handle(self, feed_url: str, pending: _Pending, item: FeedItem | None) -> _Outcome:
        if self.run_id is None:
            self.run_id = self.store.begin_run("watch", self.feeds, self.resources.extractor_version)
        day = pending.published.date() if pending.published else None
        try:
            if pending.url:
                articles, skipped = self._page_articles(pending.url)
            elif item is not None and item.content:
                source = item.ident or f"{feed_url}#{pending.key[:16]}"
                if len(item.content.split()) < MIN_WORDS:
                    return _Outcome(
                        "skipped", f"no link, and the feed's text is too short ({len(item.content.split())} words)"
                    )
                articles, skipped = self._articles(item.content.encode("utf-8"), source, None, "text")
            else:
                return _Outcome("skipped", "no link and no text in the feed")
        except InputError as exc:
            permanent = any(marker in exc.reason for marker in _PERMANENT)
            return _Outcome("skipped" if permanent else "failed", exc.reason)
        except (KeyboardInterrupt, SystemExit):
            raise
        except Exception as exc:  # an unexpected failure of one page is that item's failure
            return _Outcome("failed", f"reading the page failed: {type(exc).__name__}: {exc}")
        if not articles:
            reasons = "; ".join(dict.fromkeys(s.reason for s in skipped)) or "nothing to code"
            return _Outcome("skipped", reasons)
        title = pending.title
        articles = [
            replace(a, date_hint=a.date_hint or day, title=a.title or (title if a.part == 0 else None))
            for a in articles
        ]
        try:
            code = code_articles(
                articles, self.store, self.resources, run_id=self.run_id, executor=self._abandonable_executor
            )
        except (KeyboardInterrupt, SystemExit):
            raise
        except Exception as exc:  # one bad page must not end a watcher that runs for weeks
            return _Outcome("failed", f"coding failed: {type(exc).__name__}: {exc}")
        if code.documents:
            parts = [f"{code.documents} {'story' if code.documents == 1 else 'stories'}"]
            if code.duplicates:
                parts.append(f"{code.duplicates} duplicating {', '.join(code.duplicate_of[:3])}")
            parts.append(f"{code.events} events, {code.stances} stances, {code.quotes} quotes")
            return _Outcome("ingested", "; ".join(parts), code)
        if code.unchanged:
            return _Outcome("skipped", "its stories are already in the store", code)
        reasons = "; ".join(dict.fromkeys(s.reason for s in [*skipped, *code.skipped])) or "nothing to code"
        return _Outcome("skipped", reasons, code)

    def _page_articles(self, url: str) -> tuple[list[Article], list[Skipped]]:
        page = self._download(url, {"Accept": PAGE_ACCEPT})
        if page.status == 304:  # never asked for, but a broken server may answer it
            raise InputError(url, "HTTP 304 to an unconditional request")
        ctype = page.content_type
        if ctype and not ctype.startswith("text/") and "html" not in ctype and "xml" not in ctype:
            return [], [Skipped(url, f"unsupported content type '{ctype}'")]
        fmt: InputFormat = "html" if "html" in ctype or looks_like_html(page.body) else "text"
        return self._articles(page.body, url, page.url, fmt)

    def _articles(
        self, data: bytes, source: str, url: str | None, fmt: InputFormat
    ) -> tuple[list[Article], list[Skipped]]:
        articles: list[Article] = []
        skipped: list[Skipped] = []
        for got in read_bytes(data, source, self.settings, input_format=fmt, warn=self.warn, url=url):
            (articles if isinstance(got, Article) else skipped).append(got)  # type: ignore[arg-type]
        return articles, skipped

    # ---- the tables -----------------------------------------------------------------------------
    def _feed_state(self, url: str) -> dict[str, Any]:
        f = schema.feeds.c
        with self.store.engine.begin() as conn:
            row = conn.execute(select(schema.feeds).where(f.url == url)).mappings().first()
            if row is None:
                conn.execute(insert(schema.feeds).values(url=url, failures=0))
                return {"url": url, "etag": None, "last_modified": None, "failures": 0, "last_polled_at": None}
            return dict(row)

    def _feed_ok(self, url: str, status: int) -> None:
        with self.store.engine.begin() as conn:
            conn.execute(
                update(schema.feeds)
                .where(schema.feeds.c.url == url)
                .values(last_status=status, last_polled_at=self.clock(), last_error=None, failures=0)
            )

    def _save_validators(self, url: str, etag: str | None, last_modified: str | None) -> None:
        with self.store.engine.begin() as conn:
            conn.execute(
                update(schema.feeds).where(schema.feeds.c.url == url).values(etag=etag, last_modified=last_modified)
            )

    def _feed_failed(self, url: str, failures: int, reason: str, status: int | None, result: WatchStats) -> None:
        failures += 1
        result.feed_errors += 1
        with self.store.engine.begin() as conn:
            conn.execute(
                update(schema.feeds)
                .where(schema.feeds.c.url == url)
                .values(last_status=status, last_polled_at=self.clock(), last_error=reason, failures=failures)
            )
        delay = backoff_delay(failures, self.interval, self.max_backoff)
        then = "next try on the next poll" if not delay else f"next try in {_describe(delay)}"
        self.warn(url, f"feed not read: {reason} (failure {failures}; {then})")

    def _register(self, feed_url: str, items: Sequence[FeedItem]) -> int:
        """Record the items not seen before (in any feed) as `new`, in one transaction."""
        if not items:
            return 0
        fi = schema.feed_items.c
        now = self.clock()
        new = 0
        with self.store.engine.begin() as conn:
            known: dict[str, str] = {}
            keys = [i.key for i in items]
            for start in range(0, len(keys), 500):
                query = select(fi.item_key, fi.feed_url).where(fi.item_key.in_(keys[start : start + 500]))
                for key, other in conn.execute(query):
                    if known.get(key) != feed_url:
                        known[key] = other
            rows = []
            for item in items:
                other = known.get(item.key)
                if other == feed_url:
                    continue
                row = {
                    "feed_url": feed_url,
                    "item_key": item.key,
                    "url": item.url,
                    "title": item.title,
                    "published": item.published,
                    "seen_at": now,
                    "attempts": 0,
                    "reason": None,
                    "status": "new",
                }
                if other is not None:
                    row.update(status="skipped", reason=f"already seen in the feed {other}")
                elif not item.url and not item.content:
                    row.update(status="skipped", reason="no link and no text in the feed")
                else:
                    new += 1
                rows.append(row)
            if rows:
                conn.execute(insert(schema.feed_items), rows)
        return new

    def _pending(self, feed_url: str, contents: dict[str, FeedItem]) -> list[_Pending]:
        """Items to handle now: new ones, and failed ones with attempts left (pages: at most max_items)."""
        fi = schema.feed_items.c
        retry = or_(fi.status == "new", and_(fi.status == "failed", fi.attempts < MAX_ATTEMPTS))
        columns = (fi.item_key, fi.url, fi.title, fi.published, fi.attempts)
        order = (func.coalesce(fi.published, fi.seen_at), fi.seen_at, fi.item_key)
        out: list[_Pending] = []
        with self.store.engine.connect() as conn:
            if contents:
                keys = list(contents)
                for start in range(0, len(keys), 500):
                    query = select(*columns).where(
                        fi.feed_url == feed_url, retry, fi.url.is_(None), fi.item_key.in_(keys[start : start + 500])
                    )
                    out.extend(_Pending(*row) for row in conn.execute(query.order_by(*order)))
            query = select(*columns).where(fi.feed_url == feed_url, retry, fi.url.is_not(None)).order_by(*order)
            if self.max_items is not None:
                query = query.limit(self.max_items)
            out.extend(_Pending(*row) for row in conn.execute(query))
        return [replace(p, published=_aware(p.published)) for p in out]

    def _waiting_for_text(self, feed_url: str) -> bool:
        """Whether items without a link still wait (their text is only in the feed: keep re-reading it)."""
        fi = schema.feed_items.c
        with self.store.engine.connect() as conn:
            query = select(func.count()).where(
                fi.feed_url == feed_url,
                fi.url.is_(None),
                or_(fi.status == "new", and_(fi.status == "failed", fi.attempts < MAX_ATTEMPTS)),
            )
            return bool(conn.execute(query).scalar_one())

    def _record(self, feed_url: str, pending: _Pending, outcome: _Outcome) -> None:
        fi = schema.feed_items.c
        attempts = pending.attempts + 1
        reason = outcome.reason
        if outcome.status == "failed" and attempts >= MAX_ATTEMPTS:
            reason = f"{reason} (gave up after {attempts} attempts)"
        with self.store.engine.begin() as conn:
            conn.execute(
                update(schema.feed_items)
                .where(fi.feed_url == feed_url, fi.item_key == pending.key)
                .values(status=outcome.status, reason=reason, attempts=attempts)
            )

    # ---- the run record and the feeds file ------------------------------------------------------
    def _run_counts(self) -> dict[str, int]:
        s = self.stats
        return {
            "documents": s.documents,
            "unchanged": s.unchanged,
            "duplicates": s.duplicates,
            "actors": s.actors,
            "events": s.events,
            "stances": s.stances,
            "quotes": s.quotes,
            "skipped": s.skipped,
            "polls": s.polls,
            "items_ingested": s.ingested,
            "items_failed": s.failed,
            "feed_errors": s.feed_errors,
        }

    def _save_run_counts(self) -> None:
        with self.store.engine.begin() as conn:
            _set_run_counts(conn, self.run_id, self._run_counts())

    def _reload_feeds(self) -> None:
        path = self._feeds_file
        if path is None:
            return
        try:
            mtime = path.stat().st_mtime
        except OSError as exc:
            if not self.feeds:
                raise ConfigError(f"cannot read the feeds file {path}: {exc.strerror or exc}") from exc
            self.warn(str(path), f"cannot read the feeds file ({exc.strerror or exc}); keeping the previous list")
            return
        if mtime == self._feeds_mtime:
            return
        try:
            feeds = read_feed_list(path)
        except ConfigError as exc:
            if not self.feeds:
                raise
            self.warn(str(path), f"{exc}; keeping the previous list")
            self._feeds_mtime = mtime
            return
        if self.feeds and feeds != self.feeds:
            self.info("feed", str(path), f"feeds file changed: now {len(feeds)} feeds")
        self.feeds = feeds
        self._feeds_mtime = mtime


def _set_run_counts(conn: Connection, run_id: int | None, counts: dict[str, int]) -> None:
    if run_id is not None:
        conn.execute(update(schema.runs).where(schema.runs.c.id == run_id).values(counts=counts))
