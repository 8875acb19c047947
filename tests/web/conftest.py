"""The dashboard over a store filled by the real pipeline from the bundled sample corpus.

Pages are checked in-process (httpx through the ASGI app) and in a real browser: Debian's
headless Chromium driven by Playwright, against uvicorn on a free port of 127.0.0.1. The
browser tests skip when Chromium or Playwright is missing, unless ACTORGRAPH_REQUIRE_BROWSER=1.
"""

from __future__ import annotations

import os
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI

from actorgraph.config import Settings
from actorgraph.serve.web import mount
from actorgraph.serve.web.local import CHROMIUM, CHROMIUM_ARGS, running
from actorgraph.store import open_store
from actorgraph.store.sql import SqlStore
from tests.conftest import SAMPLES

with warnings.catch_warnings():
    # Starlette asks for `httpx2`, which the pinned environment does not have; httpx still works.
    warnings.simplefilter("ignore", UserWarning)
    from fastapi.testclient import TestClient

CORPUS = SAMPLES / "corpus"


def build_app(store: SqlStore, **settings: Any) -> FastAPI:
    """The app the dashboard ships in: the API's, or a bare one when the API module is absent."""
    try:
        from actorgraph.serve.api import create_app
    except ModuleNotFoundError as exc:
        if exc.name != "actorgraph.serve.api":
            raise
        app = FastAPI()
        app.state.store = store
        app.state.settings = Settings(db_url=store.url, kb_dirs=[], **settings)
        mount(app)
        return app
    return create_app(Settings(db_url=store.url, kb_dirs=[], **settings), store)


@pytest.fixture(scope="session")
def web_store(tmp_path_factory: pytest.TempPathFactory, corpus_copy: Callable[[Path], str]) -> Iterator[SqlStore]:
    """The sample corpus coded into SQLite (the session's coded copy), for every (read-only) dashboard test."""
    store = open_store(corpus_copy(tmp_path_factory.mktemp("web")))
    yield store
    store.close()


@pytest.fixture(scope="session")
def web_app(web_store: SqlStore) -> FastAPI:
    return build_app(web_store)


@pytest.fixture(scope="session")
def web_client(web_app: FastAPI) -> TestClient:
    return TestClient(web_app)


# ---- the real browser ------------------------------------------------------------------------------
def browser_missing() -> str | None:
    """Why the browser tests cannot run here, or None."""
    if not Path(CHROMIUM).is_file():
        return f"Chromium is not installed at {CHROMIUM} (apt-get install chromium)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright is not installed (pip install -e '.[dev]')"
    return None


@pytest.fixture(scope="session")
def server(web_app: FastAPI) -> Iterator[str]:
    """The app served by uvicorn from a background thread; its base URL."""
    with running(web_app) as base:
        yield base


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    missing = browser_missing()
    if missing:
        if os.environ.get("ACTORGRAPH_REQUIRE_BROWSER") == "1":
            pytest.fail(f"ACTORGRAPH_REQUIRE_BROWSER=1 but {missing}")
        pytest.skip(missing)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield launched
        finally:
            launched.close()


class Tab:
    """A browser page with what went wrong on it: script errors and requests leaving the server."""

    def __init__(self, page: Any, base: str) -> None:
        self.page = page
        self.base = base
        self.errors: list[str] = []
        self.outside: list[str] = []

    def path(self) -> str:
        return self.page.url.removeprefix(self.base)


@pytest.fixture
def tab(browser: Any, server: str) -> Iterator[Tab]:
    """A fresh browser page on the served dashboard; fails the test on script errors or outside requests."""
    context = browser.new_context(base_url=server, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)
    page = context.new_page()
    tab = Tab(page, server)

    def block(route: Any) -> None:
        # The dashboard works offline: whatever it asks of another host is recorded and refused.
        tab.outside.append(route.request.url)
        route.abort()

    context.route(lambda url: not url.startswith(server), block)
    page.on("pageerror", lambda error: tab.errors.append(str(error)))
    page.on("console", lambda message: tab.errors.append(message.text) if message.type == "error" else None)
    try:
        yield tab
    finally:
        context.close()
    assert not tab.errors, f"errors in the page: {tab.errors}"
    assert not tab.outside, f"requests to other hosts: {tab.outside}"
