"""The API's documentation, served from the package: the OpenAPI schema and Swagger UI, offline.

FastAPI's own `/docs` page loads Swagger UI from a CDN and starts it with an inline script; here
the vendored Swagger UI (`scripts/vendor_js.sh`) and a small starter script come from this
server, so the page works without a network and under a policy that forbids inline scripts.
ReDoc, which would need a CDN as well, is not offered.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from pathlib import Path
from typing import Any

from fastapi import FastAPI, HTTPException, Request
from fastapi.params import Depends
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse

from actorgraph.serve.headers import DOCS_CSP

__all__ = ["mount_docs"]

# Package data that ships with or without the dashboard's extra (only Jinja2 needs the extra).
STATIC = Path(__file__).resolve().parent / "web" / "static"
ASSETS = {
    "swagger-ui-bundle.js": STATIC / "vendor" / "swagger-ui-dist" / "swagger-ui-bundle.js",
    "swagger-ui.css": STATIC / "vendor" / "swagger-ui-dist" / "swagger-ui.css",
    "docs.js": STATIC / "docs.js",
}
PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title} API</title>
<link rel="stylesheet" href="{base}/docs/assets/swagger-ui.css">
</head>
<body>
<div id="swagger-ui" data-openapi="{base}/openapi.json"></div>
<script src="{base}/docs/assets/swagger-ui-bundle.js"></script>
<script src="{base}/docs/assets/docs.js"></script>
</body>
</html>
"""


def _base(request: Request) -> str:
    return str(request.scope.get("root_path", "")).rstrip("/")


def mount_docs(app: FastAPI, dependencies: Sequence[Depends] = ()) -> None:
    """Serve `/openapi.json`, `/docs` and the page's files; `dependencies` guard the schema and the page."""

    @app.get("/openapi.json", include_in_schema=False, dependencies=list(dependencies))
    def openapi(request: Request) -> JSONResponse:
        schema: dict[str, Any] = app.openapi()
        base = _base(request)
        # Behind a proxy that mounts the app under a path, "try it out" must call that path.
        if base and base not in {s.get("url") for s in schema.get("servers", [])}:
            schema = {**schema, "servers": [{"url": base}, *schema.get("servers", [])]}
        return JSONResponse(schema)

    @app.get("/docs", include_in_schema=False, dependencies=list(dependencies))
    def docs(request: Request) -> HTMLResponse:
        page = PAGE.format(title=escape(app.title), base=escape(_base(request)))
        return HTMLResponse(page, headers={"Content-Security-Policy": DOCS_CSP})

    @app.get("/docs/assets/{name}", include_in_schema=False)
    def asset(name: str) -> FileResponse:
        path = ASSETS.get(name)
        if path is None:
            raise HTTPException(404, f"no docs file {name!r}")
        return FileResponse(path)
