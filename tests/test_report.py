"""The HTML report of a real store (the sample corpus coded through the pipeline), and the CLI commands."""

from __future__ import annotations

import csv
import html
import io
import re
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest
from sqlalchemy import func, select, update

from actorgraph.analyze import Window
from actorgraph.export import POLECAT_COLUMNS
from actorgraph.report import write_report
from actorgraph.store import open_store, schema

from .conftest import ROOT
from .inprocess import actorgraph

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
REMOTE = re.compile(r"""(?:src|href|xlink:href|action|poster|data)\s*=\s*["']?\s*(?:https?:)?//""", re.I)


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory, corpus_copy) -> str:  # noqa: ANN001
    return corpus_copy(tmp_path_factory.mktemp("report"))


@pytest.fixture()
def store(db: str):  # noqa: ANN201
    store = open_store(db)
    yield store
    store.close()


@pytest.fixture(scope="module")
def page(db: str, tmp_path_factory: pytest.TempPathFactory) -> str:
    store = open_store(db)
    try:
        out = write_report(store, tmp_path_factory.mktemp("page") / "report.html")
    finally:
        store.close()
    assert [p.name for p in out.parent.iterdir()] == ["report.html"]  # one file, nothing beside it
    return out.read_text(encoding="utf-8")


class Checker(HTMLParser):
    """Tags balanced, one html/head/body/title, ids unique: enough to call the page well-formed HTML5."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.problems: list[str] = []
        self.seen: dict[str, int] = {}
        self.ids: set[str] = set()
        self.doctype = ""
        self.text: list[str] = []

    def handle_decl(self, decl: str) -> None:
        self.doctype = decl

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._attrs(tag, attrs)
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._attrs(tag, attrs)

    def _attrs(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if "svg" not in self.stack:  # SVG has <title>s of its own
            self.seen[tag] = self.seen.get(tag, 0) + 1
        for name, value in attrs:
            if name == "id":
                if value in self.ids:
                    self.problems.append(f"duplicate id {value}")
                self.ids.add(value or "")

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'}")
            return
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def check_html(text: str) -> Checker:
    checker = Checker()
    checker.feed(text)
    checker.close()
    assert checker.doctype.lower() == "doctype html"
    assert not checker.problems, checker.problems[:5]
    assert not checker.stack, checker.stack
    for tag in ("html", "head", "body", "title"):
        assert checker.seen.get(tag) == 1, tag
    assert '<meta charset="utf-8">' in text
    return checker


def busiest_pairs(store) -> list[tuple[str, str]]:  # noqa: ANN001
    """The unordered pairs with the most counted events (asserted, not in duplicates), from the base tables."""
    d = schema.event_dyads.c
    with store.engine.connect() as conn:
        rows = conn.execute(
            select(d.source_code, d.target_code, func.count()).where(
                d.modality == "asserted", d.duplicate.is_(False), d.date.is_not(None), d.source_code != d.target_code,
                d.source_code != "-", d.target_code != "-",
            ).group_by(d.source_code, d.target_code)
        ).all()  # fmt: skip
    totals: dict[tuple[str, str], int] = {}
    for source, target, n in rows:
        pair = tuple(sorted((source, target)))
        totals[pair] = totals.get(pair, 0) + n  # type: ignore[index]
    most = max(totals.values())
    return [pair for pair, n in totals.items() if n == most]


def test_report_is_one_self_contained_valid_page(page: str) -> None:
    check_html(page)
    assert not REMOTE.search(page), REMOTE.search(page)
    assert "<script" not in page.lower() and "@import" not in page and "url(" not in page
    assert "Content-Security-Policy" in page
    assert page.count("<svg") >= 3  # the overall series, the small multiples, the network
    assert len(page.encode("utf-8")) < 2_000_000


def test_report_names_the_busiest_dyad_and_charts_it_first(page: str, store) -> None:  # noqa: ANN001
    pairs = busiest_pairs(store)
    assert any(f"{a} ↔ {b}" in page for a, b in pairs)
    first_panel = re.search(r'data-pair="([^"]+)"', page)
    assert first_panel and tuple(first_panel.group(1).split("-")) in pairs
    # its chart has a labelled period axis
    assert re.search(r'class="axis-title"[^>]*>(day|week|month)<', page)


def test_report_quotes_the_evidence_verbatim(page: str, store) -> None:  # noqa: ANN001
    e = schema.events.c
    with store.engine.connect() as conn:
        sentences = set(conn.execute(select(e.evidence_text)).scalars())
    shown = [s for s in sentences if html.escape(s) in page]
    assert shown, "no evidence sentence from the store appears in the report"
    # the most hostile sentence between the busiest pair is among them
    a, b = busiest_pairs(store)[0]
    d = schema.event_dyads.c
    with store.engine.connect() as conn:
        rows = conn.execute(
            select(e.evidence_text, e.intensity)
            .join(schema.event_dyads, d.event_id == e.id)
            .where(((d.source_code == a) & (d.target_code == b)) | ((d.source_code == b) & (d.target_code == a)),
                   d.modality == "asserted", d.duplicate.is_(False), e.intensity < 0)
        ).all()  # fmt: skip
    worst = min(r.intensity for r in rows)
    assert any(html.escape(r.evidence_text) in page for r in rows if r.intensity == worst)


def test_report_shows_stances_network_and_figures(page: str, store) -> None:  # noqa: ANN001
    assert 'table class="heat"' in page and "<details>" in page
    assert 'class="network"' in page and ">SRB</text>" in page and ">XKX</text>" in page
    assert "#1e8449" in page and "#c0392b" in page  # cooperation green, conflict red
    text = "".join(check_html(page).text)
    e, d = schema.events.c, schema.documents.c
    with store.engine.connect() as conn:
        # the headline counts the events of stories that are not repeats of another
        original = conn.execute(
            select(func.count()).select_from(schema.events.join(schema.documents, d.id == e.doc_id)).where(
                d.duplicate_of.is_(None)
            )
        ).scalar_one()
    assert f"{original:,}" in text and f"{store.count('documents'):,}" in text


def test_text_from_the_store_is_escaped(db: str, store, tmp_path: Path) -> None:  # noqa: ANN001
    hostile = '<img src=x onerror="alert(1)"> Q&A </q></li>'
    d = schema.documents.c
    with store.engine.begin() as conn:
        saved = dict(conn.execute(select(d.id, d.title)).all())
        conn.execute(update(schema.documents).values(title=hostile))
    try:
        text = write_report(store, tmp_path / "r.html").read_text(encoding="utf-8")
    finally:
        with store.engine.begin() as conn:
            for doc_id, title in saved.items():
                conn.execute(update(schema.documents).where(d.id == doc_id).values(title=title))
    assert hostile not in text and "<img" not in text
    assert html.escape(hostile) in text
    check_html(text)


def test_a_window_narrows_the_report(store, tmp_path: Path) -> None:  # noqa: ANN001
    text = write_report(store, tmp_path / "srb.html", Window(actors=("SRB",)), title="Serbia").read_text("utf-8")
    check_html(text)
    assert "<title>Serbia</title>" in text and "involving SRB" in text
    assert "SRB ↔" in text or "↔ SRB" in text
    empty = write_report(store, tmp_path / "later.html", Window(start=date(2099, 1, 1))).read_text("utf-8")
    check_html(empty)
    assert "Nothing here yet" in empty and "in this window" in empty


def test_an_empty_store_gets_a_valid_page(tmp_path: Path) -> None:
    store = open_store(f"sqlite:///{tmp_path / 'empty.db'}")
    try:
        out = write_report(store, tmp_path / "empty.html")
    finally:
        store.close()
    text = out.read_text(encoding="utf-8")
    check_html(text)
    assert "Nothing here yet" in text and not REMOTE.search(text)


def test_cli_report_and_export(db: str, store, tmp_path: Path) -> None:  # noqa: ANN001
    out = tmp_path / "cli.html"
    result = actorgraph("report", "--db", db, "--out", str(out), cwd=ROOT)
    assert result.returncode == 0, result.stderr.decode()
    assert str(out) in result.stderr.decode() and result.stdout == b""
    check_html(out.read_text(encoding="utf-8"))

    result = actorgraph("export", "polecat", "--format", "csv", "--out", "-", "--db", db, "--include-duplicates",
                        cwd=tmp_path)  # fmt: skip
    assert result.returncode == 0, result.stderr.decode()
    rows = list(csv.DictReader(io.StringIO(result.stdout.decode("utf-8"), newline="")))
    assert len(rows) == store.count("events")
    assert list(rows[0]) == [name for name, _ in POLECAT_COLUMNS]
    assert not list(tmp_path.glob("polecat.*"))  # stdout only


def test_cli_refuses_what_it_cannot_do(db: str, tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from actorgraph.serve.cli import app

    runner = CliRunner()
    for args in (
        ["export", "runs", "--db", db],
        ["export", "events", "--format", "xlsx", "--db", db],
        ["export", "events", "--format", "parquet", "--out", "-", "--db", db],
        ["report", "--period", "year", "--db", db],
    ):
        result = runner.invoke(app, args)
        assert result.exit_code == 2, (args, result.output)
    result = runner.invoke(app, ["export", "events", "--db", db, "--out", str(tmp_path / "no" / "such" / "dir.csv")])
    assert result.exit_code == 2 and "cannot write" in result.output
    assert not result.exception or isinstance(result.exception, SystemExit)


def test_report_maps_countries_and_places_inline(page: str, store) -> None:  # noqa: ANN001
    section = page[page.index('<section id="map">') : page.index("</section>", page.index('<section id="map">'))]
    svg = section[section.index("<svg") : section.index("</svg>")]
    shaded = re.findall(r'<a href="#map-([A-Z]{3})" class="country"', svg)
    assert {"SRB", "XKX", "ALB"} <= set(shaded)
    for code in shaded:
        assert f'id="map-{code}"' in section  # every shaded country links to its row of figures
    e = schema.events.c
    placed = {r.location_name for r in store.engine.connect().execute(select(e.location_name).where(e.location_lat.is_not(None)))}
    assert set(re.findall(r'class="place-point" data-place="([^"]+)"', svg)) == placed
