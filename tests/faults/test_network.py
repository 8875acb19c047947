"""Fault battery, network rows of issue 13.

Row 13: the fetcher must connect to the very address it checked. A rebinding name answers a
public address to the check and a loopback one to any later lookup; nothing may reach the
loopback service, on the first hop or after a redirect.
"""

from __future__ import annotations

import ipaddress
import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import ThreadingHTTPServer
from typing import Any, TypeVar

import pytest

from actorgraph.config import Settings
from actorgraph.errors import InputError
from actorgraph.ingest.web import fetch

from ..local_http import QuietHandler

FETCH_TIMEOUT = 1.0  # the tests' per-read timeout


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
    return Settings(kb_dirs=[], allow_private=False, fetch_timeout=FETCH_TIMEOUT)


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
