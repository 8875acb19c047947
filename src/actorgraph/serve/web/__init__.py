"""The analysts' dashboard: server-rendered pages and the static files they use.

`mount(app)` adds the pages (at `/`, beside the JSON API under `/api`) and the static files
(`/static`, including the vendored JavaScript libraries) to a FastAPI app whose store is in
`app.state.store`. Nothing is fetched from the network by the pages.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from actorgraph.errors import OptionalDependencyError

if TYPE_CHECKING:
    from fastapi import FastAPI

__all__ = ["mount"]


def mount(app: FastAPI) -> None:
    """Add the dashboard's pages and static files to `app`."""
    try:
        import jinja2  # noqa: F401
        from fastapi.staticfiles import StaticFiles
    except ImportError as exc:
        raise OptionalDependencyError("The dashboard", "web") from exc
    from actorgraph.serve.headers import add_security_headers
    from actorgraph.serve.web.views import STATIC, SignInRequired, public, router, sign_in_redirect

    add_security_headers(app)
    app.include_router(public)
    app.include_router(router)
    app.add_exception_handler(SignInRequired, sign_in_redirect)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
