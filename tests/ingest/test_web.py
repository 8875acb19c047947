"""URL ingest against a real HTTP server on 127.0.0.1 (started per test, shut down after it)."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from http.server import ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from actorgraph.config import Settings
from actorgraph.errors import InputError
from actorgraph.ingest import read_inputs
from actorgraph.ingest.web import check_address, fetch
from actorgraph.types import Article, Skipped

from ..local_http import QuietHandler

ARTICLE_HTML = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Moldova and Romania sign energy pact | Danube Courier</title>
<meta property="og:title" content="Moldova and Romania sign energy pact">
<meta property="article:published_time" content="2024-05-21T14:02:00+03:00">
<meta name="author" content="Ioana Petrescu">
</head>
<body>
<nav><a href="/">Front page</a> <a href="/region">Region</a></nav>
<article>
<h1>Moldova and Romania sign energy pact</h1>
<p>The prime ministers of Moldova and Romania signed an agreement in Chisinau on Tuesday to
build a second high-voltage power line between the two countries by the end of next year.</p>
<p>Officials said the line would reduce Moldova's dependence on electricity from the
breakaway Transnistria region, where the main power plant is supplied with Russian gas.</p>
<p>The European Commission has promised to cover part of the cost, a spokeswoman for the
Moldovan government said.</p>
</article>
<footer>Danube Courier newsroom</footer>
</body>
</html>
"""

PLAIN_STORY = (
    "NAIROBI — Kenya's parliament voted on Thursday to approve the deployment of 1,000 police "
    "officers to Haiti, despite a court challenge by opposition lawmakers who argue the mission "
    "lacks a legal basis.\n\nThe interior minister said the first contingent could leave within "
    "weeks once funding from partner countries was confirmed.\n"
)

CP1252_HTML = """<!DOCTYPE html>
<html><head><title>Ministers reject “unilateral” tariff plan</title></head>
<body><article>
<h1>Ministers reject “unilateral” tariff plan</h1>
<p>Trade ministers meeting in Lisbon on Friday rejected what they called a “unilateral and
damaging” plan to raise tariffs on steel, the Portuguese presidency said in a communiqué.</p>
<p>The Slovak delegate, Mária Šimková, said the bloc would answer “calmly but firmly”
if the measures took effect – a position shared by most member states.</p>
</article></body></html>
"""

MISLABELLED_STORY = (
    "ROME — The foreign ministry said the ambassador had been “recalled for consultations” "
    "after remarks the government called unacceptable, and that a note verbale had been sent "
    "to the embassy’s chargé d’affaires.\n"
)

BIG = 50_000
SMALL_LIMIT = 2_000


class _Handler(QuietHandler):
    server: _NewsServer

    def do_GET(self) -> None:  # noqa: C901 - one branch per route
        self.server.log.append((self.path, self.headers.get("User-Agent", "")))
        path = urlsplit(self.path).path
        base = f"http://127.0.0.1:{self.server.server_port}"
        if path == "/world/energy-pact.html":
            self._send(200, ARTICLE_HTML.encode("utf-8"), "text/html; charset=utf-8")
        elif path == "/wire/haiti-mission.txt":
            self._send(200, PLAIN_STORY.encode("utf-8"), "text/plain; charset=utf-8")
        elif path == "/s/x7":  # short link: relative redirect, then an absolute one
            self._send(302, b"", "text/html", Location="/go/x7")
        elif path == "/go/x7":
            self._send(302, b"", "text/html", Location=f"{base}/world/energy-pact.html")
        elif path == "/loop/a":
            self._send(302, b"", "text/html", Location="/loop/b")
        elif path == "/loop/b":
            self._send(302, b"", "text/html", Location="/loop/a")
        elif path == "/to-ftp":
            self._send(301, b"", "text/html", Location="ftp://files.example.org/archive/story.txt")
        elif path == "/moved-nowhere":
            body = b"<html><body><p>This document has moved somewhere else.</p></body></html>"
            self._send(302, body, "text/html")
        elif path == "/feed/latest.txt":  # conditional GET, as the feed watcher does it
            if self.headers.get("If-None-Match") == '"v42"':
                self.send_response(304)
                self.send_header("ETag", '"v42"')
                self.end_headers()
            else:
                self._send(200, PLAIN_STORY.encode("utf-8"), "text/plain; charset=utf-8", ETag='"v42"')
        elif path == "/docs/statement.pdf":
            pdf = b"%PDF-1.5\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<</Type/Catalog>>\nendobj\n"
            self._send(200, pdf, "application/pdf")
        elif path == "/big":
            self._send(200, (PLAIN_STORY * (BIG // len(PLAIN_STORY) + 1)).encode()[:BIG], "text/plain")
        elif path == "/big-stream":  # no Content-Length: the size is only known by reading
            self.send_response(200)
            self.send_header("Content-Type", "text/plain; charset=utf-8")
            self.end_headers()
            chunk = PLAIN_STORY.encode("utf-8")
            for _ in range(BIG // len(chunk) + 1):
                self.wfile.write(chunk)
        elif path == "/slow":
            self.server.release.wait(3.0)  # released at teardown so the thread ends promptly
            self._send(200, PLAIN_STORY.encode("utf-8"), "text/plain")
        elif path == "/latin":
            self._send(200, CP1252_HTML.encode("cp1252"), "text/html; charset=windows-1252")
        elif path == "/mislabelled":
            self._send(200, MISLABELLED_STORY.encode("cp1252"), "text/plain; charset=utf-8")
        else:
            self._send(404, b"<html><body><h1>Not found</h1></body></html>", "text/html")


class _NewsServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.log: list[tuple[str, str]] = []
        self.release = threading.Event()

    def handle_error(self, request, client_address) -> None:  # noqa: ANN001
        # The client hangs up on oversize and slow answers on purpose; that is not an error here.
        return None


@dataclass
class Site:
    server: _NewsServer
    base: str
    settings: Settings
    warnings: list[tuple[str, str]] = field(default_factory=list)

    def url(self, path: str) -> str:
        return self.base + path

    @property
    def paths(self) -> list[str]:
        return [path for path, _agent in self.server.log]

    def warn(self, source: str, message: str) -> None:
        self.warnings.append((source, message))

    def read(self, *urls: str, settings: Settings | None = None, **kwargs: object) -> list[Article | Skipped]:
        return list(read_inputs(list(urls), settings or self.settings, warn=self.warn, **kwargs))


@pytest.fixture
def site(settings: Settings) -> Iterator[Site]:
    server = _NewsServer()
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    allowed = settings.model_copy(update={"allow_private": True, "fetch_timeout": 0.5})
    try:
        yield Site(server, f"http://127.0.0.1:{server.server_port}", allowed)
    finally:
        server.release.set()
        server.shutdown()
        server.server_close()
        thread.join(timeout=2)
        assert not thread.is_alive()


# --- Private addresses --------------------------------------------------------------------------


def test_loopback_url_is_refused_without_allow_private_and_nothing_is_sent(site: Site) -> None:
    strict = site.settings.model_copy(update={"allow_private": False})
    urls = [site.url("/world/energy-pact.html"), site.url("/s/x7")]

    items = site.read(*urls, settings=strict)

    assert [type(i) for i in items] == [Skipped, Skipped]
    assert [i.input for i in items] == urls
    for item in items:
        assert "--allow-private" in item.reason
        assert "127.0.0.1" in item.reason
    with pytest.raises(InputError, match="--allow-private"):
        fetch(urls[0], strict)
    assert site.paths == []

    # The same page is served as soon as private addresses are allowed.
    assert isinstance(site.read(urls[0])[0], Article)
    assert site.paths == ["/world/energy-pact.html"]


# --- Pages --------------------------------------------------------------------------------------


def test_html_article_is_fetched_and_extracted(site: Site) -> None:
    url = site.url("/world/energy-pact.html")

    items = site.read(url)

    main = items[0]
    assert isinstance(main, Article)
    assert main.source == url and main.url == url
    assert main.from_html is True
    assert main.title == "Moldova and Romania sign energy pact"
    assert main.byline == "Ioana Petrescu"
    assert main.published == date(2024, 5, 21)
    assert "second high-voltage power line" in main.text
    assert "breakaway Transnistria region" in main.text
    assert "Front page" not in main.text and "<p>" not in main.text
    assert site.server.log == [("/world/energy-pact.html", site.settings.user_agent)]


def test_plain_text_article_is_taken_as_is(site: Site) -> None:
    url = site.url("/wire/haiti-mission.txt")

    items = site.read(url)

    assert items == [Article(source=url, text=PLAIN_STORY, url=url, order=0)]


def test_windows_1252_page_is_decoded_with_its_declared_charset(site: Site) -> None:
    url = site.url("/latin")

    page = fetch(url, site.settings)
    items = site.read(url)

    assert page.charset is not None and page.charset.lower() in ("windows-1252", "cp1252")
    assert page.content_type == "text/html"
    main = items[0]
    assert isinstance(main, Article)
    assert main.title == "Ministers reject “unilateral” tariff plan"
    for needle in ("“unilateral and", "communiqué", "Mária Šimková", "“calmly but firmly”", " – "):
        assert needle in main.text
    assert site.warnings == []


def test_wrong_declared_charset_falls_back_to_detection(site: Site) -> None:
    url = site.url("/mislabelled")

    items = site.read(url)

    assert isinstance(items[0], Article)
    assert "“recalled for consultations”" in items[0].text
    assert "chargé d’affaires" in items[0].text
    assert any(source == url and "declared charset 'utf-8' is wrong" in m for source, m in site.warnings)


# --- Redirects ----------------------------------------------------------------------------------


def test_redirect_chain_is_followed_to_the_page(site: Site) -> None:
    short = site.url("/s/x7")
    final = site.url("/world/energy-pact.html")

    page = fetch(short, site.settings.model_copy(update={"max_redirects": 2}))

    assert page.status == 200 and page.url == final
    assert page.body == ARTICLE_HTML.encode("utf-8")
    assert site.paths == ["/s/x7", "/go/x7", "/world/energy-pact.html"]

    items = site.read(short)
    assert isinstance(items[0], Article)
    assert items[0].source == short and items[0].url == final
    assert items[0].title == "Moldova and Romania sign energy pact"


def test_redirect_chain_longer_than_max_redirects_is_skipped(site: Site) -> None:
    one_hop = site.settings.model_copy(update={"max_redirects": 1})

    items = site.read(site.url("/s/x7"), settings=one_hop)

    assert len(items) == 1 and isinstance(items[0], Skipped)
    assert "more than 1 redirects" in items[0].reason
    assert site.paths == ["/s/x7", "/go/x7"]  # the page itself is never requested


def test_redirect_loop_is_skipped_after_max_redirects(site: Site) -> None:
    start = time.monotonic()

    items = site.read(site.url("/loop/a"))

    assert len(items) == 1 and isinstance(items[0], Skipped)
    assert "redirects" in items[0].reason
    assert f"more than {site.settings.max_redirects}" in items[0].reason
    assert len(site.paths) == site.settings.max_redirects + 1
    assert set(site.paths) == {"/loop/a", "/loop/b"}
    assert time.monotonic() - start < 2


def test_every_redirect_hop_is_checked(site: Site) -> None:
    items = site.read(site.url("/to-ftp"))

    assert len(items) == 1 and isinstance(items[0], Skipped)
    assert "unsupported URL scheme 'ftp'" in items[0].reason


def test_redirect_without_location_is_skipped(site: Site) -> None:
    items = site.read(site.url("/moved-nowhere"))

    assert len(items) == 1 and isinstance(items[0], Skipped), items
    assert "redirect without a Location header" in items[0].reason


def test_conditional_request_answered_304_comes_back_empty(site: Site) -> None:
    url = site.url("/feed/latest.txt")

    first = fetch(url, site.settings)
    again = fetch(url, site.settings, extra_headers={"If-None-Match": first.headers["etag"]})

    assert first.status == 200 and first.body == PLAIN_STORY.encode("utf-8")
    assert first.headers["etag"] == '"v42"'
    assert again.status == 304 and again.body == b""
    assert site.paths == ["/feed/latest.txt", "/feed/latest.txt"]


# --- Failures -----------------------------------------------------------------------------------


def test_http_error_status_is_skipped(site: Site) -> None:
    url = site.url("/world/no-such-story.html")

    items = site.read(url, site.url("/wire/haiti-mission.txt"))

    assert isinstance(items[0], Skipped)
    assert items[0].input == url
    assert "HTTP 404" in items[0].reason
    assert isinstance(items[1], Article) and items[1].text == PLAIN_STORY


def test_pdf_content_type_is_skipped(site: Site) -> None:
    url = site.url("/docs/statement.pdf")

    items = site.read(url)

    assert items == [Skipped(url, "unsupported content type 'application/pdf'")]


def test_pdf_body_is_refused_even_when_text_is_forced(site: Site) -> None:
    items = site.read(site.url("/docs/statement.pdf"), input_format="text")

    assert len(items) == 1 and isinstance(items[0], Skipped)
    assert "PDF" in items[0].reason


@pytest.mark.parametrize(
    ("path", "named"),
    [("/big", f"response is {BIG:,} bytes"), ("/big-stream", "response exceeds the limit")],
    ids=["content-length", "streamed"],
)
def test_response_over_max_bytes_is_skipped(site: Site, path: str, named: str) -> None:
    capped = site.settings.model_copy(update={"max_bytes": SMALL_LIMIT})
    url = site.url(path)

    items = site.read(url, site.url("/wire/haiti-mission.txt"), settings=capped)

    assert isinstance(items[0], Skipped)
    assert items[0].input == url
    # Refused by the fetcher itself (the download is abandoned), naming the limit.
    assert named in items[0].reason
    assert f"{SMALL_LIMIT:,}" in items[0].reason and "--max-bytes" in items[0].reason
    assert isinstance(items[1], Article) and items[1].text == PLAIN_STORY  # the run goes on


def test_slow_server_times_out(site: Site) -> None:
    url = site.url("/slow")
    start = time.monotonic()

    items = site.read(url)

    elapsed = time.monotonic() - start
    assert len(items) == 1 and isinstance(items[0], Skipped)
    assert "timed out" in items[0].reason
    assert "0.5 s" in items[0].reason
    assert 0.4 < elapsed < 1.5  # the 0.5 s limit applied, not the server's 3 s delay


def test_connection_refused_is_skipped(site: Site) -> None:
    # A port that was just free: nothing listens there.
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"http://127.0.0.1:{port}/world/"

    items = site.read(url)

    assert len(items) == 1 and isinstance(items[0], Skipped)
    assert "request failed" in items[0].reason


# --- check_address ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "why"),
    [
        ("http://169.254.169.254/latest/meta-data/", "non-public address 169.254.169.254"),
        ("http://10.0.0.1/admin", "non-public address 10.0.0.1"),
        ("http://[::1]/", "non-public address ::1"),
        ("http://127.0.0.1:8080/", "non-public address 127.0.0.1"),
        ("http://192.168.1.20/", "non-public address 192.168.1.20"),
        ("ftp://example.org/pub/story.txt", "unsupported URL scheme 'ftp'"),
        ("file:///etc/passwd", "unsupported URL scheme 'file'"),
        ("http:///world/story.html", "no host"),
        ("https://", "no host"),
    ],
)
def test_check_address_refuses(url: str, why: str) -> None:
    with pytest.raises(InputError) as info:
        check_address(url, allow_private=False)
    assert why in info.value.reason
    assert info.value.source == url


def test_check_address_allows_public_addresses_and_private_ones_when_asked() -> None:
    check_address("https://93.184.215.14/world/story.html", allow_private=False)
    check_address("http://10.0.0.1/admin", allow_private=True)
    with pytest.raises(InputError, match="scheme"):
        check_address("ftp://10.0.0.1/", allow_private=True)
    with pytest.raises(InputError, match="no host"):
        check_address("http:///story.html", allow_private=True)


def test_check_address_refuses_shared_address_space() -> None:
    with pytest.raises(InputError, match="non-public"):
        check_address("http://100.100.100.200/latest/meta-data/", allow_private=False)


@pytest.mark.parametrize("bad", ["http://[::1/world/story.html", "http://127.0.0.1:99999/story.html"])
def test_malformed_url_is_skipped_and_the_run_goes_on(site: Site, tmp_path: Path, bad: str) -> None:
    strict = site.settings.model_copy(update={"allow_private": False})
    story = tmp_path / "story.txt"
    story.write_text(PLAIN_STORY, encoding="utf-8")

    items = site.read(bad, str(story), settings=strict)

    assert isinstance(items[0], Skipped) and items[0].input == bad
    assert isinstance(items[1], Article) and items[1].text == PLAIN_STORY
