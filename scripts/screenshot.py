"""Write docs/dashboard.png: the dashboard's overview page over the demo store, in headless Chromium.

    .venv/bin/python scripts/screenshot.py                      # codes the sample corpus into a temporary store
    .venv/bin/python scripts/screenshot.py --db sqlite:///actorgraph-demo.db --out /tmp/overview.png

Needs the `web` and `dev` extras (FastAPI, uvicorn, Playwright) and Debian's Chromium at
/usr/bin/chromium; nothing is downloaded.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from actorgraph.serve.web.local import CHROMIUM, CHROMIUM_ARGS

ROOT = Path(__file__).resolve().parent.parent


def demo_store(directory: Path) -> str:
    """The bundled sample corpus coded by the real pipeline into an SQLite file; its URL."""
    from actorgraph.config import Settings
    from actorgraph.pipeline import Resources
    from actorgraph.run import ingest
    from actorgraph.store import open_store

    url = f"sqlite:///{directory / 'demo.db'}"
    store = open_store(url)
    try:
        corpus = ROOT / "src" / "actorgraph" / "samples" / "corpus"
        ingest([str(corpus)], store, Resources(Settings(kb_dirs=[])), warn=lambda _source, _message: None)
    finally:
        store.close()
    return url


def shoot(url: str, out: Path, path: str, width: int) -> None:
    from playwright.sync_api import sync_playwright

    from actorgraph.config import Settings
    from actorgraph.serve.api import create_app
    from actorgraph.serve.web.local import running
    from actorgraph.store import open_store

    store = open_store(url)
    app = create_app(Settings(db_url=url, kb_dirs=[]), store)
    try:
        with running(app) as base, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                page = browser.new_page(viewport={"width": width, "height": 900})
                page.goto(base + path)
                if page.locator("#network").count():
                    page.wait_for_selector("#network[data-ready='true']")
                for chart in page.locator("[data-series]").all():
                    chart.locator("canvas").first.wait_for()
                out.parent.mkdir(parents=True, exist_ok=True)
                page.screenshot(path=str(out), full_page=True)
            finally:
                browser.close()
    finally:
        store.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", help="store URL (default: code the sample corpus into a temporary store)")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "dashboard.png", help="PNG to write")
    parser.add_argument("--path", default="/", help="page to shoot (default: the overview)")
    parser.add_argument("--width", type=int, default=1400, help="window width in pixels")
    args = parser.parse_args()
    if not Path(CHROMIUM).is_file():
        print(f"error: Chromium is not installed at {CHROMIUM} (apt-get install chromium)", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as directory:
        url = args.db or demo_store(Path(directory))
        shoot(url, args.out, args.path, args.width)
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
