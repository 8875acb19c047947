"""Security headers on every response of the server: the API's, the dashboard's, the docs' and the files'.

* `X-Content-Type-Options: nosniff`: a browser takes a response for what its Content-Type says,
  so a JSON answer that quotes a story's text is never run as a script or shown as a page.
* `X-Frame-Options: DENY` and a policy with `frame-ancestors 'none'`: no other site can frame a page
  of this server to trick a click.
* A Content-Security-Policy that allows nothing (`default-src 'none'`) on every response that does
  not bring its own: JSON, redirects and errors need no scripts, styles or frames. Pages set theirs.
"""

from __future__ import annotations

from typing import Any

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

__all__ = ["DOCS_CSP", "FALLBACK_CSP", "SecurityHeaders", "add_security_headers", "security_headers"]

FALLBACK_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
# Swagger UI at /docs: its scripts, stylesheet and the schema come from this server; the stylesheet
# draws its icons as data: images. (React sets styles through the DOM, which needs no inline allowance.)
DOCS_CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)


def security_headers() -> dict[str, str]:
    """The headers every response carries (a response's own CSP takes the place of the fallback)."""
    return {"X-Content-Type-Options": "nosniff", "X-Frame-Options": "DENY", "Content-Security-Policy": FALLBACK_CSP}


class SecurityHeaders:
    """ASGI middleware adding `security_headers()` to each response, keeping any it already set."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in security_headers().items():
                    headers.setdefault(name, value)
            await send(message)

        await self.app(scope, receive, send_with_headers)


def add_security_headers(app: Any) -> None:
    """Add the middleware to a Starlette or FastAPI app once, however many parts of it ask."""
    if not any(getattr(m, "cls", None) is SecurityHeaders for m in app.user_middleware):
        app.add_middleware(SecurityHeaders)
