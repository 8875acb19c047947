"""What the tests' local HTTP servers (news pages, feeds) have in common."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class QuietHandler(BaseHTTPRequestHandler):
    """A request handler that keeps the test output clean and answers in one call."""

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
        return None

    def _send(self, status: int, body: bytes, content_type: str, **headers: str) -> None:
        # keyword names stand for header names: content_encoding -> Content-Encoding
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers.items():
            self.send_header(name.replace("_", "-"), value)
        self.end_headers()
        self.wfile.write(body)

    def _drip(self, data: bytes, every: float, until: float) -> None:
        """Send `data` one byte per `every` seconds, giving up `until` seconds from now.

        Each byte arrives well inside any read timeout, so only a deadline on the whole answer
        ends the client's wait. A client that hangs up ends the drip (the write fails).
        """
        stop = time.monotonic() + until
        try:
            for byte in data:
                if time.monotonic() >= stop:
                    return
                self.wfile.write(bytes([byte]))
                self.wfile.flush()
                time.sleep(every)
        except OSError:  # the client gave up: that is what the slow answer is for
            return

    def _drip_answer(self, body: bytes, content_type: str, *, every: float, until: float, in_headers: bool) -> None:
        """A 200 answer dripped from its first byte (`in_headers`) or only in its body."""
        head = (
            f"HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\nContent-Length: {len(body)}\r\n"
            "Connection: close\r\n\r\n"
        ).encode("latin-1")
        if in_headers:
            self._drip(head + body, every, until)
            return
        self.wfile.write(head)
        self.wfile.flush()
        self._drip(body, every, until)


class _PageHandler(QuietHandler):
    server: PageServer

    def do_GET(self) -> None:
        found = self.server.pages.get(self.path)
        if found is None:
            self._send(404, b"not found", "text/plain")
            return
        body, content_type, headers = found
        self._send(200, body, content_type, **headers)


class PageServer(ThreadingHTTPServer):
    """Serves fixed pages on 127.0.0.1: {path: (body, content type, {header_name: value})}.

    Header names are given as keywords are to `QuietHandler._send` (last_modified for
    Last-Modified)."""

    daemon_threads = True

    def __init__(self, pages: dict[str, tuple[bytes, str, dict[str, str]]]) -> None:
        super().__init__(("127.0.0.1", 0), _PageHandler)
        self.pages = pages

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server_port}"


@contextmanager
def serving(pages: dict[str, tuple[bytes, str, dict[str, str]]]) -> Iterator[PageServer]:
    """A `PageServer` running in a thread for the length of the block."""
    server = PageServer(pages)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=2)
