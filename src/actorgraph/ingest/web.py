"""Fetching pages over HTTP(S) politely and safely.

Every hop of a redirect chain is checked: a public page must not be able to send the
fetcher to a loopback, private or link-local address (a classic server-side request forgery)
unless the user allows it.

The check happens where the connection is made. The client's network backend resolves the
host once, checks every address of the answer, and connects to one of those very addresses: a
name that answers a public address to the check and a private one a moment later (DNS
rebinding) gains nothing. TLS still verifies the certificate for the host name, since the
connection layer starts TLS with the name of the URL, not the address it dialled.

Each fetch also has a total deadline (`fetch_deadline`: looking up the name, connecting, the
headers, the body, every redirect). Per-operation timeouts alone do not bound a fetch: a server
that sends one byte a second never lets a read time out. So every network operation of the
fetch waits at most what is left of its deadline, and none starts once it has passed.
"""

from __future__ import annotations

import ipaddress
import socket
import ssl
import threading
import time
from collections.abc import Iterable
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin, urlsplit

import httpcore
import httpx

from actorgraph.config import Settings
from actorgraph.errors import InputError

ALLOWED_SCHEMES = ("http", "https")


def is_url(value: str) -> bool:
    """Whether a command-line input names a URL rather than a path."""
    return value.lower().startswith(("http://", "https://"))


@dataclass(frozen=True, slots=True)
class Fetched:
    url: str
    body: bytes
    content_type: str
    charset: str | None
    headers: dict[str, str]
    status: int


# When the fetch under way in this context must be done, on the `time.monotonic()` clock. The
# connection pool is shared by fetches, so the limit travels with the fetch, not the connection.
_DEADLINE: ContextVar[float | None] = ContextVar("actorgraph_fetch_deadline", default=None)


def _within_deadline(timeout: float | None) -> float | None:
    """`timeout` for one network operation, cut to what is left of the current fetch's deadline."""
    deadline = _DEADLINE.get()
    if deadline is None:
        return timeout
    left = deadline - time.monotonic()
    if left <= 0:
        raise httpcore.TimeoutException("the fetch deadline has passed")
    return left if timeout is None else min(timeout, left)


class _Unfetchable(Exception):
    """Raised inside the client's transport (which knows no URL); `fetch` names the URL."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def check_url(url: str) -> None:
    """Raise `InputError` unless `url` is a well-formed http(s) URL with a host."""
    try:
        parts = urlsplit(url)
        _ = parts.port  # parsing the port is what tells a malformed one
    except ValueError as exc:
        raise InputError(url, f"malformed URL ({exc})") from exc
    if parts.scheme.lower() not in ALLOWED_SCHEMES:
        raise InputError(url, f"unsupported URL scheme '{parts.scheme}' (http and https only)")
    if not parts.hostname:
        raise InputError(url, "URL has no host")


def check_address(url: str, allow_private: bool) -> list[str]:
    """The addresses `url`'s host resolves to; `InputError` if any is one the user did not allow.

    `fetch` does not call this: its transport makes the same check on the addresses it then
    connects to. This is for callers that want the verdict without a request.
    """
    check_url(url)
    parts = urlsplit(url)
    host = parts.hostname or ""
    try:
        return _checked_addresses(host, parts.port or 443, allow_private, None)
    except _Unfetchable as exc:
        raise InputError(url, exc.reason) from exc


def _resolve(host: str, port: int, timeout: float | None) -> list[str]:
    """Every address `host` resolves to, in the resolver's order, without repeats.

    The lookup runs in a thread of its own: `getaddrinfo` takes no timeout and cannot be
    interrupted, so a resolver that does not answer would otherwise hold the fetch past its
    deadline (and a signal's handler until it answers). A lookup given up on ends by itself.
    """
    try:
        ipaddress.ip_address(host)
    except ValueError:
        pass
    else:
        return [host]  # a literal: no lookup, nothing that could answer differently later
    answer: list[Any] = []

    def lookup() -> None:
        try:
            answer.append(socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP))
        except OSError as exc:
            answer.append(exc)

    worker = threading.Thread(target=lookup, name=f"resolve {host}", daemon=True)
    worker.start()
    worker.join(_within_deadline(timeout))
    if not answer:
        raise httpcore.ConnectTimeout(f"the resolver did not answer for '{host}' in time")
    if isinstance(answer[0], OSError):
        problem = answer[0].strerror or str(answer[0])
        raise _Unfetchable(f"cannot resolve host '{host}' ({problem})")
    addresses = list(dict.fromkeys(str(info[4][0]) for info in answer[0]))
    if not addresses:  # resolvers raise rather than answer nothing, but nothing is not an address
        raise _Unfetchable(f"cannot resolve host '{host}' (no address in the answer)")
    return addresses


def _checked_addresses(host: str, port: int, allow_private: bool, timeout: float | None) -> list[str]:
    addresses = _resolve(host, port, timeout)
    if not allow_private:
        for text in addresses:
            address = ipaddress.ip_address(text)
            # Only globally routable addresses: this also refuses carrier-grade NAT (100.64/10),
            # where some clouds keep their metadata services. One bad address refuses the host:
            # which one a client would use is not ours to predict.
            if not address.is_global or address.is_multicast:
                raise _Unfetchable(
                    f"refusing to fetch: host '{host}' resolves to non-public address {address} "
                    "(pass --allow-private to permit it)"
                )
    return addresses


class _DeadlineStream(httpcore.NetworkStream):
    """A connection whose every read and write waits no longer than the fetch has left."""

    def __init__(self, inner: httpcore.NetworkStream) -> None:
        self._inner = inner

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._inner.read(max_bytes, _within_deadline(timeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._inner.write(buffer, _within_deadline(timeout))

    def close(self) -> None:
        self._inner.close()

    def start_tls(
        self, ssl_context: ssl.SSLContext, server_hostname: str | None = None, timeout: float | None = None
    ) -> httpcore.NetworkStream:
        return _DeadlineStream(self._inner.start_tls(ssl_context, server_hostname, _within_deadline(timeout)))

    def get_extra_info(self, info: str) -> Any:
        return self._inner.get_extra_info(info)


class _CheckedBackend(httpcore.SyncBackend):
    """Resolves once, checks, and connects to a checked address (never to the name), within
    the fetch's deadline."""

    def __init__(self, allow_private: bool) -> None:
        self.allow_private = allow_private

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.NetworkStream:
        failure: httpcore.ConnectError | httpcore.ConnectTimeout | None = None
        for address in _checked_addresses(host, port, self.allow_private, timeout):
            try:
                stream = super().connect_tcp(address, port, _within_deadline(timeout), local_address, socket_options)
                return _DeadlineStream(stream)
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                failure = exc  # as a client would: try the next address of the answer
        assert failure is not None  # `_resolve` never returns an empty list
        raise failure


class _CheckedTransport(httpx.HTTPTransport):
    """httpx's own transport, on a connection pool that dials through `_CheckedBackend`."""

    def __init__(self, allow_private: bool) -> None:
        super().__init__(trust_env=False)
        # httpx offers no way to choose the network backend, so the pool it built is replaced by
        # the same kind of pool built on ours (an idle pool holds nothing to release).
        self._pool = httpcore.ConnectionPool(
            ssl_context=httpx.create_ssl_context(trust_env=False),
            max_connections=10,
            max_keepalive_connections=5,
            keepalive_expiry=5.0,
            network_backend=_CheckedBackend(allow_private),
        )


class FetchClient(httpx.Client):
    """An HTTP client whose every connection goes to an address that passed the check."""


def fetch(
    url: str,
    settings: Settings,
    *,
    client: FetchClient | None = None,
    extra_headers: dict[str, str] | None = None,
) -> Fetched:
    """GET `url` following at most `settings.max_redirects` redirects, each hop checked, all
    within `settings.fetch_deadline` seconds.

    The body is streamed and abandoned past `settings.max_bytes`. A 304 answer (for
    conditional requests) is returned with an empty body. `client`, for reusing connections,
    must come from `make_client`: its transport is what checks the addresses.
    """
    own_client = client is None
    if client is None:
        client = make_client(settings)
    elif not isinstance(client, FetchClient):
        raise TypeError("fetch needs a client made by make_client (it checks the addresses it connects to)")
    deadline = time.monotonic() + settings.fetch_deadline
    token = _DEADLINE.set(deadline)
    try:
        current = url
        for _hop in range(settings.max_redirects + 1):
            check_url(current)  # the address itself is checked when the connection is made
            try:
                with client.stream("GET", current, headers=extra_headers or {}) as response:
                    if response.status_code == 304:
                        return Fetched(current, b"", "", None, dict(response.headers), 304)
                    if response.is_redirect:
                        location = response.headers.get("location")
                        if not location:
                            raise InputError(url, f"redirect without a Location header at {current}")
                        current = urljoin(current, location)
                        continue
                    if response.status_code >= 400:
                        raise InputError(url, f"HTTP {response.status_code} from {current}")
                    declared = response.headers.get("content-length")
                    if declared and declared.isdigit() and int(declared) > settings.max_bytes:
                        raise InputError(
                            url,
                            f"response is {int(declared):,} bytes, over the limit of "
                            f"{settings.max_bytes:,} (--max-bytes)",
                        )
                    chunks: list[bytes] = []
                    size = 0
                    for chunk in response.iter_bytes():
                        size += len(chunk)
                        if size > settings.max_bytes:
                            raise InputError(
                                url,
                                f"response exceeds the limit of {settings.max_bytes:,} bytes (--max-bytes)",
                            )
                        chunks.append(chunk)
                    content_type = response.headers.get("content-type", "")
                    return Fetched(
                        url=str(response.url),
                        body=b"".join(chunks),
                        content_type=content_type.split(";")[0].strip().lower(),
                        charset=response.charset_encoding,
                        headers=dict(response.headers),
                        status=response.status_code,
                    )
            except _Unfetchable as exc:
                raise InputError(url, exc.reason) from exc
            except httpx.TimeoutException as exc:
                if time.monotonic() >= deadline:
                    raise InputError(
                        url,
                        f"abandoned: no complete answer within the {settings.fetch_deadline:g} s deadline "
                        "(ACTORGRAPH_FETCH_DEADLINE)",
                    ) from exc
                raise InputError(url, f"timed out after {settings.fetch_timeout:g} s ({type(exc).__name__})") from exc
            except httpx.HTTPError as exc:
                raise InputError(url, f"request failed: {exc.__class__.__name__}: {exc}") from exc
        raise InputError(url, f"more than {settings.max_redirects} redirects")
    finally:
        _DEADLINE.reset(token)
        if own_client:
            client.close()


def make_client(settings: Settings) -> FetchClient:
    """An HTTP client with the project's timeouts, identity and address check; redirects are
    followed by hand (`fetch`), so that each hop is checked too."""
    return FetchClient(
        transport=_CheckedTransport(settings.allow_private),
        follow_redirects=False,
        timeout=httpx.Timeout(settings.fetch_timeout),
        headers={"User-Agent": settings.user_agent, "Accept": "text/html, text/plain;q=0.9"},
        trust_env=False,
    )
