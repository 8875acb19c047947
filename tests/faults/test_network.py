"""Fault battery, network rows of issue 13.

Row 2: a server that drips its answer one byte at a time (each byte well inside the read
timeout) must cost one fetch deadline, not a hung run.

Row 13: the fetcher must connect to the very address it checked. A rebinding name answers a
public address to the check and a loopback one to any later lookup; nothing may reach the
loopback service, on the first hop or after a redirect.
"""

from __future__ import annotations

import ipaddress
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import format_datetime
from http.server import ThreadingHTTPServer
from typing import Any, TypeVar
from urllib.parse import urlsplit

import pytest

from actorgraph.config import Settings
from actorgraph.errors import InputError
from actorgraph.ingest import read_inputs
from actorgraph.ingest.web import fetch
from actorgraph.types import Article, Skipped

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
    when = format_datetime(PUBLISHED)
    items = "".join(
        f"<item><title>Story {n}</title><link>{base}{path}</link><guid>{base}{path}</guid>"
        f"<pubDate>{when}</pubDate></item>"
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
