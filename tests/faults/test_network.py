"""Fault battery, network rows of issue 13.

Row 2: a server that drips its answer one byte at a time (each byte well inside the read
timeout) must cost one fetch deadline, not a hung run: for `extract`, for the feed watcher's
other feeds, and for a signal asking `watch` to stop.

Row 13: the fetcher must connect to the very address it checked. A rebinding name answers a
public address to the check and a loopback one to any later lookup; nothing may reach the
loopback service, on the first hop or after a redirect.
"""

from __future__ import annotations

import ipaddress
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from http.server import ThreadingHTTPServer
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import urlsplit

import pytest
from sqlalchemy import select

from actorgraph.config import Settings
from actorgraph.errors import InputError
from actorgraph.ingest import read_inputs
from actorgraph.ingest.feeds import FeedWatcher
from actorgraph.ingest.web import fetch
from actorgraph.pipeline import Resources
from actorgraph.store import open_store, schema
from actorgraph.types import Article, Skipped

from ..conftest import ROOT
from ..local_http import QuietHandler

STORY = (
    "SKOPJE — North Macedonia's parliament approved on Wednesday a law on the use of languages "
    "that opposition parties had blocked for months, after the speaker cut short a debate that "
    "had run through the night.\n\nThe government said the law would take effect next month. "
    "Opposition leaders said they would ask the constitutional court to annul it.\n"
)
PAGE = (
    "<!DOCTYPE html><html><head><meta charset='utf-8'><title>Skopje parliament passes language law</title>"
    "</head><body><article><h1>Skopje parliament passes language law</h1>"
    + "".join(f"<p>{p}</p>" for p in STORY.split("\n\n"))
    + "</article></body></html>"
).encode()

PUBLISHED = datetime(2024, 6, 5, 9, 0, tzinfo=UTC)
DRIP_EVERY = 0.1  # seconds per byte: far inside any read timeout used here
DRIP_FOR = 6.0  # how long a drip goes on before the server gives up by itself
DEADLINE = 0.8  # the tests' fetch deadline
FETCH_TIMEOUT = 1.0  # the tests' per-read timeout: longer than the deadline, never what ends a drip


def rss(base: str, paths: list[str]) -> bytes:
    """A feed of `paths`, the first one oldest (so that the watcher handles them in this order)."""
    items = "".join(
        f"<item><title>Story {n}</title><link>{base}{path}</link><guid>{base}{path}</guid>"
        f"<pubDate>{format_datetime(PUBLISHED + timedelta(hours=n))}</pubDate></item>"
        for n, path in enumerate(paths)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Desk</title>'
        f"<link>{base}/</link><description>Test desk</description>{items}</channel></rss>"
    ).encode()


# ---- a site with slow and normal answers ----------------------------------------------------------------
class _Handler(QuietHandler):
    server: _Site

    def do_GET(self) -> None:
        site = self.server
        path = urlsplit(self.path).path
        with site.lock:
            site.requests.append(path)
        base = f"http://127.0.0.1:{site.server_port}"
        if path == "/drip/body":
            self._drip_answer(
                STORY.encode(), "text/plain; charset=utf-8", every=DRIP_EVERY, until=DRIP_FOR, in_headers=False
            )
        elif path == "/drip/headers":
            self._drip_answer(
                STORY.encode(), "text/plain; charset=utf-8", every=DRIP_EVERY, until=DRIP_FOR, in_headers=True
            )
        elif path == "/feeds/slow.rss":
            feed = rss(base, ["/news/good.html"])
            self._drip_answer(feed, "application/rss+xml", every=DRIP_EVERY, until=DRIP_FOR, in_headers=False)
        elif path == "/feeds/good.rss":
            self._send(200, rss(base, ["/news/good.html"]), "application/rss+xml")
        elif path == "/feeds/slow-pages.rss":
            self._send(
                200, rss(base, ["/news/slow-1.html", "/news/slow-2.html", "/news/slow-3.html"]), "application/rss+xml"
            )
        elif path == "/feeds/stoppable.rss":
            self._send(200, rss(base, ["/news/very-slow.html", "/news/good.html"]), "application/rss+xml")
        elif path == "/news/very-slow.html":  # only a signal (or the server after a minute) ends this one
            self._drip_answer(PAGE, "text/html; charset=utf-8", every=0.2, until=60.0, in_headers=False)
        elif path.startswith("/news/slow-"):
            self._drip_answer(PAGE, "text/html; charset=utf-8", every=DRIP_EVERY, until=DRIP_FOR, in_headers=False)
        elif path == "/news/good.html":
            self._send(200, PAGE, "text/html; charset=utf-8")
        else:
            self._send(404, b"not found", "text/plain")


class _Site(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.lock = threading.Lock()
        self.requests: list[str] = []

    def handle_error(self, request, client_address) -> None:  # noqa: ANN001
        return None  # clients hang up on the drips on purpose

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.server_port}{path}"

    def wait_for(self, path: str, timeout: float) -> bool:
        stop = time.monotonic() + timeout
        while time.monotonic() < stop:
            with self.lock:
                if path in self.requests:
                    return True
            time.sleep(0.05)
        return False


Served = TypeVar("Served", bound=ThreadingHTTPServer)


def _serve(server: Served) -> Iterator[Served]:
    """A fixture's body: `server` runs in a thread for the test, and is shut down after it."""
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=3)


@pytest.fixture
def site() -> Iterator[_Site]:
    server = _Site()
    yield from _serve(server)


@pytest.fixture
def hasty() -> Settings:
    return Settings(kb_dirs=[], allow_private=True, fetch_timeout=FETCH_TIMEOUT, fetch_deadline=DEADLINE)


WatcherFor = Callable[..., tuple[FeedWatcher, list[tuple[str, str]]]]


@pytest.fixture
def watcher_for(tmp_path: Path, hasty: Settings, kb: Any, nlp: Any) -> Iterator[WatcherFor]:
    """Makes a watcher of some feeds (and the list its warnings go to) on a store in tmp_path."""
    made: list[FeedWatcher] = []
    store = open_store(f"sqlite:///{tmp_path / 'watch.db'}")

    def make(feeds: list[str], settings: Settings = hasty) -> tuple[FeedWatcher, list[tuple[str, str]]]:
        warnings: list[tuple[str, str]] = []
        watcher = FeedWatcher(
            store,
            Resources(settings, kb=kb, nlp=nlp),
            feeds,
            per_host_delay=0.0,
            warn=lambda source, message: warnings.append((source, message)),
        )
        made.append(watcher)
        return watcher, warnings

    try:
        yield make
    finally:
        for watcher in made:
            watcher.close()
        store.close()


# ---- row 2: deadlines, not just timeouts ----------------------------------------------------------------
@pytest.mark.parametrize("where", ["body", "headers"])
def test_row2_a_dripping_server_costs_one_deadline_and_the_run_goes_on(
    site: _Site, hasty: Settings, where: str
) -> None:
    slow = site.url(f"/drip/{where}")

    start = time.monotonic()
    with pytest.raises(InputError) as info:
        fetch(slow, hasty)
    elapsed = time.monotonic() - start

    assert elapsed < DEADLINE + 0.7, f"the drip held the fetch for {elapsed:.1f} s"
    assert "deadline" in info.value.reason and f"{DEADLINE:g} s" in info.value.reason

    # What `extract URL URL` reads: the slow one is a skip with that reason; the next one is read.
    items = list(read_inputs([slow, site.url("/news/good.html")], hasty))
    assert isinstance(items[0], Skipped) and "deadline" in items[0].reason
    assert isinstance(items[1], Article) and "language law" in items[1].text


def test_row2_a_slow_feed_listed_first_does_not_starve_the_others(site: _Site, watcher_for: WatcherFor) -> None:
    watcher, warnings = watcher_for([site.url("/feeds/slow.rss"), site.url("/feeds/good.rss")])

    start = time.monotonic()
    result = watcher.poll()
    elapsed = time.monotonic() - start

    assert elapsed < DRIP_FOR - 2, f"one poll took {elapsed:.1f} s"
    assert result.feed_errors == 1 and result.feeds_polled == 2
    assert any(source.endswith("/feeds/slow.rss") and "deadline" in message for source, message in warnings), warnings
    assert result.ingested == 1 and "/news/good.html" in site.requests


def test_row2_feeds_take_turns_so_slow_pages_of_one_do_not_hold_up_another(
    site: _Site, watcher_for: WatcherFor
) -> None:
    watcher, _warnings = watcher_for([site.url("/feeds/slow-pages.rss"), site.url("/feeds/good.rss")])

    result = watcher.poll()

    pages = [path for path in site.requests if path.startswith("/news/")]
    # The other feed's page comes right after one slow page, not after all three.
    assert pages[:2] == ["/news/slow-1.html", "/news/good.html"], pages
    assert sorted(pages) == ["/news/good.html", "/news/slow-1.html", "/news/slow-2.html", "/news/slow-3.html"]
    assert result.ingested == 1 and result.failed == 3


def _stored_items(db_url: str) -> dict[str, tuple[str, int]]:
    store = open_store(db_url)
    try:
        with store.engine.connect() as conn:
            fi = schema.feed_items.c
            rows = conn.execute(select(fi.url, fi.status, fi.attempts)).all()
    finally:
        store.close()
    return {urlsplit(url).path: (status, attempts) for url, status, attempts in rows}


# The abandoned item is untouched, to be fetched again by the next watcher; the one after it
# was never started (nothing marked failed, nothing half-written).
UNTOUCHED = {"/news/very-slow.html": ("new", 0), "/news/good.html": ("new", 0)}


def test_row2_sigterm_stops_watch_within_seconds_in_the_middle_of_a_slow_fetch(site: _Site, tmp_path: Path) -> None:
    feeds = tmp_path / "feeds.txt"
    feeds.write_text(site.url("/feeds/stoppable.rss") + "\n")
    db_url = f"sqlite:///{tmp_path / 'watch.db'}"
    command = [sys.executable, "-m", "actorgraph.serve.cli", "watch", str(feeds), "--db", db_url]
    command += ["--allow-private", "--per-host-delay", "0", "--interval", "5"]
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT / "src"), env.get("PYTHONPATH", "")])
    # A deadline longer than the test: only the signal may end the slow download.
    env.update(ACTORGRAPH_FETCH_TIMEOUT="5", ACTORGRAPH_FETCH_DEADLINE="300")

    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        assert site.wait_for("/news/very-slow.html", timeout=120), "watch never reached the slow page"
        time.sleep(0.5)  # well inside the download
        sent = time.monotonic()
        process.send_signal(signal.SIGTERM)
        try:
            _out, err = process.communicate(timeout=5)
        except subprocess.TimeoutExpired:
            pytest.fail("watch was still running 5 s after the signal")
        stopped_in = time.monotonic() - sent
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()

    stderr = err.decode()
    assert process.returncode == 0, stderr
    assert stopped_in < 5
    assert "SIGTERM: stopping" in stderr
    assert "Traceback" not in stderr
    store = open_store(db_url)
    try:
        with store.engine.connect() as conn:
            runs = conn.execute(select(schema.runs.c.status, schema.runs.c.message)).all()
    finally:
        store.close()
    assert runs == [("completed", "stopped by a signal")]
    assert _stored_items(db_url) == UNTOUCHED


def test_row2_ctrl_c_stops_the_watcher_within_a_second_in_the_middle_of_a_slow_fetch(
    site: _Site, watcher_for: WatcherFor, hasty: Settings, tmp_path: Path
) -> None:
    # The command's own handlers, in this process: faster than a second `watch` process.
    from actorgraph.serve.cli_watch import _install_stop_handlers

    patient = hasty.model_copy(update={"fetch_timeout": 5.0, "fetch_deadline": 300.0})
    watcher, warnings = watcher_for([site.url("/feeds/stoppable.rss")], patient)
    reached: list[bool] = []
    sent: list[float] = []

    def interrupt() -> None:
        reached.append(site.wait_for("/news/very-slow.html", timeout=10))
        time.sleep(0.3)  # well inside the download
        sent.append(time.monotonic())
        os.kill(os.getpid(), signal.SIGINT)  # sent in any case: `run` would go on for ever

    restore = _install_stop_handlers(watcher)
    try:
        threading.Thread(target=interrupt, daemon=True).start()
        stats = watcher.run()  # polls for ever unless the signal stops it
    finally:
        restore()

    assert reached == [True], "the watcher never reached the slow page"
    assert time.monotonic() - sent[0] < 1.5
    assert watcher.stopping and stats.failed == 0 and warnings == []
    assert _stored_items(f"sqlite:///{tmp_path / 'watch.db'}") == UNTOUCHED


def test_row2_ctrl_c_abandons_a_page_being_coded_and_stores_none_of_it(
    site: _Site, watcher_for: WatcherFor, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from actorgraph.serve.cli_watch import _install_stop_handlers

    coding: list[bool] = []

    def slow_extract(documents: Any, resources: Any) -> Iterator[Any]:
        coding.append(True)
        time.sleep(30)  # as coding a very long story may take; only the signal ends it
        yield from ()

    monkeypatch.setattr("actorgraph.ingest.feeds.code_each", slow_extract)
    watcher, warnings = watcher_for([site.url("/feeds/good.rss")])
    sent: list[float] = []

    def interrupt() -> None:
        stop = time.monotonic() + 10
        while not coding and time.monotonic() < stop:
            time.sleep(0.05)
        time.sleep(0.3)
        sent.append(time.monotonic())
        os.kill(os.getpid(), signal.SIGINT)

    restore = _install_stop_handlers(watcher)
    try:
        threading.Thread(target=interrupt, daemon=True).start()
        stats = watcher.run()
    finally:
        restore()

    assert coding == [True] and time.monotonic() - sent[0] < 1.5
    assert stats.failed == 0 and stats.ingested == 0 and warnings == []
    assert _stored_items(f"sqlite:///{tmp_path / 'watch.db'}") == {"/news/good.html": ("new", 0)}
    store = open_store(f"sqlite:///{tmp_path / 'watch.db'}")
    try:
        assert store.count("documents") == 0
    finally:
        store.close()


# ---- row 13: connect to the checked address ----------------------------------------------------------------
PUBLIC_SITE = "93.184.215.14"  # a global address the fake network routes to a local server
PUBLIC_GONE = "93.184.215.15"  # a global address nobody answers on


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


@dataclass
class FakeNet:
    """A resolver whose answers change from one lookup to the next, and a network in which the
    public addresses lead to local servers (or nowhere): nothing here touches the internet."""

    answers: dict[str, list[str]]  # host -> its answer to each lookup in turn (the last one repeats)
    routes: dict[tuple[str, int], tuple[str, int]]  # "public" address -> the local server behind it
    lookups: list[str] = field(default_factory=list)
    connects: list[tuple[str, int]] = field(default_factory=list)

    def install(self, monkeypatch: pytest.MonkeyPatch) -> None:
        real_lookup = socket.getaddrinfo
        real_connect = socket.create_connection

        def lookup(host: Any, port: Any, *args: Any, **kwargs: Any) -> Any:
            name = host.decode() if isinstance(host, bytes) else host
            if name not in self.answers:
                return real_lookup(host, port, *args, **kwargs)
            self.lookups.append(name)
            seen = self.lookups.count(name)
            address = self.answers[name][min(seen, len(self.answers[name])) - 1]
            return [(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP, "", (address, int(port or 0)))]

        def connect(address: tuple[str, int], *args: Any, **kwargs: Any) -> socket.socket:
            host, port = address[0], int(address[1])
            self.connects.append((host, port))
            if not _is_ip(host):  # a name: looked up (again) in the fake resolver, as a client would
                host = lookup(host, port)[0][4][0]
            if (host, port) in self.routes:
                return real_connect(self.routes[host, port], *args, **kwargs)
            if ipaddress.ip_address(host).is_loopback:
                return real_connect((host, port), *args, **kwargs)
            raise ConnectionRefusedError(111, "Connection refused (fake network)")

        monkeypatch.setattr(socket, "getaddrinfo", lookup)
        monkeypatch.setattr(socket, "create_connection", connect)


class _Recorder(QuietHandler):
    """The internal service an attacker wants to reach, or the public site: both log what they get."""

    server: _Recording

    def do_GET(self) -> None:
        self.server.seen.append((self.path, self.headers.get("Host", "")))
        if self.path == "/story":
            self._send(302, b"", "text/html", Location=self.server.redirect_to)
        else:
            self._send(200, b"internal secret: the metadata token", "text/plain")


class _Recording(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Recorder)
        self.seen: list[tuple[str, str]] = []
        self.redirect_to = ""


@pytest.fixture
def internal() -> Iterator[_Recording]:
    server = _Recording()
    yield from _serve(server)


@pytest.fixture
def public() -> Iterator[_Recording]:
    server = _Recording()
    yield from _serve(server)


@pytest.fixture
def strict() -> Settings:
    return Settings(kb_dirs=[], allow_private=False, fetch_timeout=FETCH_TIMEOUT, fetch_deadline=3.0)


def test_row13_the_connection_goes_to_the_checked_address_not_a_second_answer(
    internal: _Recording, strict: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    port = internal.server_port
    net = FakeNet(answers={"rebind.example": [PUBLIC_GONE, "127.0.0.1"]}, routes={})
    net.install(monkeypatch)

    with pytest.raises(InputError) as info:
        fetch(f"http://rebind.example:{port}/admin", strict)

    assert internal.seen == []  # nothing reached the loopback service
    assert net.lookups == ["rebind.example"]  # resolved once
    assert net.connects == [(PUBLIC_GONE, port)]  # and connected to what was checked
    assert "request failed" in info.value.reason


def test_row13_each_redirect_hop_connects_to_its_checked_address(
    internal: _Recording, public: _Recording, strict: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    port = internal.server_port
    public.redirect_to = f"http://rebind.example:{port}/admin"
    net = FakeNet(
        answers={"www.news.example": [PUBLIC_SITE], "rebind.example": [PUBLIC_GONE, "127.0.0.1"]},
        routes={(PUBLIC_SITE, port): ("127.0.0.1", public.server_port)},
    )
    net.install(monkeypatch)

    with pytest.raises(InputError) as info:
        fetch(f"http://www.news.example:{port}/story", strict)

    # The first hop reached the public site under its own name (Host header kept) ...
    assert public.seen == [("/story", f"www.news.example:{port}")]
    # ... and the second hop went to the address checked for it, never to the loopback one.
    assert internal.seen == []
    assert net.connects == [(PUBLIC_SITE, port), (PUBLIC_GONE, port)]
    assert "request failed" in info.value.reason
