"""Fetching pages over HTTP(S) politely and safely.

Every hop of a redirect chain is checked: a public page must not be able to send the
fetcher to a loopback, private or link-local address (a classic server-side request forgery)
unless the user allows it.
"""

from __future__ import annotations

import ipaddress
import socket
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

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


def check_address(url: str, allow_private: bool) -> None:
    """Raise `InputError` if `url`'s host resolves to an address the user did not allow."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise InputError(url, f"malformed URL ({exc})") from exc
    if parts.scheme.lower() not in ALLOWED_SCHEMES:
        raise InputError(url, f"unsupported URL scheme '{parts.scheme}' (http and https only)")
    host = parts.hostname
    if not host:
        raise InputError(url, "URL has no host")
    if allow_private:
        return
    try:
        infos = socket.getaddrinfo(host, port or 443, proto=socket.IPPROTO_TCP)
    except socket.gaierror as exc:
        raise InputError(url, f"cannot resolve host '{host}' ({exc.strerror})") from exc
    for info in infos:
        address = ipaddress.ip_address(info[4][0])
        # Only globally routable addresses: this also refuses carrier-grade NAT (100.64/10),
        # where some clouds keep their metadata services.
        if not address.is_global or address.is_multicast:
            raise InputError(
                url,
                f"refusing to fetch: host '{host}' resolves to non-public address {address} "
                "(pass --allow-private to permit it)",
            )


def fetch(
    url: str,
    settings: Settings,
    *,
    client: httpx.Client | None = None,
    extra_headers: dict[str, str] | None = None,
) -> Fetched:
    """GET `url` following at most `settings.max_redirects` redirects, each hop checked.

    The body is streamed and abandoned past `settings.max_bytes`. A 304 answer (for
    conditional requests) is returned with an empty body.
    """
    own_client = client is None
    if client is None:
        client = make_client(settings)
    try:
        current = url
        for _hop in range(settings.max_redirects + 1):
            check_address(current, settings.allow_private)
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
            except httpx.TimeoutException as exc:
                raise InputError(url, f"timed out after {settings.fetch_timeout:g} s ({type(exc).__name__})") from exc
            except httpx.HTTPError as exc:
                raise InputError(url, f"request failed: {exc.__class__.__name__}: {exc}") from exc
        raise InputError(url, f"more than {settings.max_redirects} redirects")
    finally:
        if own_client:
            client.close()


def make_client(settings: Settings) -> httpx.Client:
    """An HTTP client with the project's timeouts and identity; redirects are followed by hand."""
    return httpx.Client(
        follow_redirects=False,
        timeout=httpx.Timeout(settings.fetch_timeout),
        headers={"User-Agent": settings.user_agent, "Accept": "text/html, text/plain;q=0.9"},
        trust_env=False,
    )
