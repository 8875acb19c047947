#!/usr/bin/env python3
"""Soak test of `actorgraph watch`: a long run against a local news site that keeps publishing.

A local RSS feed and a local Atom feed (conditional requests honoured) each publish a new story
in turn every few seconds and list only their latest items, as real feeds do. `actorgraph watch`
runs in its own process against them; its resident memory (VmRSS from /proc) is sampled every
second. When the time is up, publishing stops, the watcher gets a grace period to catch up and is
stopped with SIGTERM. Printed: items published, items ingested, duplicates (pages fetched or
items recorded more than once: must be 0), missed (published, never ingested: must be 0), and
memory at start, once warm (after the first item), at the end and at its highest.

    .venv/bin/python scripts/soak_watch.py --duration 600
"""

from __future__ import annotations

import argparse
import hashlib
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parent.parent

ACTORS = [
    ("Kosovo police", "PRISTINA"),
    ("Serbia's interior ministry", "BELGRADE"),
    ("The European Union", "BRUSSELS"),
    ("NATO", "BRUSSELS"),
    ("KFOR", "PRISTINA"),
    ("The presidency of Bosnia and Herzegovina", "SARAJEVO"),
    ("Montenegro's parliament", "PODGORICA"),
    ("Albania's prime minister", "TIRANA"),
    ("North Macedonia's foreign ministry", "SKOPJE"),
    ("Croatia's defence ministry", "ZAGREB"),
]
TARGETS = ["Serbia", "Kosovo", "the EU mission", "Republika Srpska", "Montenegro", "Albania", "North Macedonia"]
PLACES = ["Jarinje", "Brnjak", "Zvecan", "Mitrovica", "Leposavic", "Banja Luka", "Mostar", "Bar", "Ohrid", "Durres"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
OPENINGS = [
    "{actor} closed the {place} crossing on {day} after {n} people were hurt in a clash with {target}'s officers.",
    "{actor} summoned the envoy of {target} on {day} to protest against the arrest of {n} officials near {place}.",
    "{actor} signed an agreement with {target} on {day} to reopen the railway line through {place} within {n} months.",
    "{actor} accused {target} on {day} of sending {n} armed men into the area around {place}.",
    "{actor} pledged {n} million euros on {day} to rebuild the bridge at {place} damaged in last year's floods.",
    "{actor} called on {target} on {day} to withdraw {n} special police units from the hills above {place}.",
]
FOLLOWS = [
    "Officials in {capital} said talks with {target} would continue next week despite the dispute over {place}.",
    "A spokesperson said {n} observers would monitor the situation around {place} until further notice.",
    "Opposition leaders criticised the decision and said it would deepen mistrust between the two sides.",
    "Local residents told reporters that shops in {place} had stayed shut for {n} days.",
    "Diplomats in {capital} warned that the row could delay the next round of the EU-facilitated dialogue.",
    "The ministry said {n} lorries were stuck at the boundary on {day} evening.",
    "Police said they had detained {n} suspects and seized weapons in a village near {place}.",
    "The United Nations mission urged all sides to refrain from rhetoric that could inflame tensions.",
]


def story(number: int) -> tuple[str, str, str]:
    """Title, dateline city and paragraphs (HTML) of story `number`: varied, deterministic."""
    rnd = random.Random(number)
    actor, capital = rnd.choice(ACTORS)
    target = rnd.choice([t for t in TARGETS if t.lower() not in actor.lower()])
    fill = {
        "actor": actor,
        "target": target,
        "place": rnd.choice(PLACES),
        "day": rnd.choice(DAYS),
        "n": rnd.randint(2, 400),
        "capital": capital.title(),
    }
    first = rnd.choice(OPENINGS).format(**fill)
    rest = [s.format(**{**fill, "place": rnd.choice(PLACES), "n": rnd.randint(2, 90)}) for s in rnd.sample(FOLLOWS, 3)]
    title = f"{actor} and {target}: dispute over {fill['place']} (report {number})"
    paragraphs = [f"{capital} — {first}", *rest, f"This is report number {number} of the Balkan Wire soak desk."]
    return title, capital, "\n".join(f"<p>{escape(p)}</p>" for p in paragraphs)


@dataclass
class Item:
    number: int
    feed: str
    path: str
    published: datetime


class Site(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, feed_size: int) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.lock = threading.Lock()
        self.items: list[Item] = []
        self.hits: Counter[str] = Counter()
        self.feed_size = feed_size
        self.not_modified = 0

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server_port}"

    def publish(self) -> Item:
        with self.lock:
            number = len(self.items) + 1
            feed = "rss" if number % 2 else "atom"
            item = Item(number, feed, f"/news/{number:05d}.html", datetime.now(UTC).replace(microsecond=0))
            self.items.append(item)
            return item

    def latest(self, feed: str) -> list[Item]:
        with self.lock:
            return [i for i in self.items if i.feed == feed][-self.feed_size :]

    def handle_error(self, request, client_address) -> None:  # noqa: ANN001
        return None


class Handler(BaseHTTPRequestHandler):
    server: Site

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        return None

    def send(self, status: int, body: bytes, ctype: str, headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        site = self.server
        path = urlsplit(self.path).path
        with site.lock:
            site.hits[path] += 1
        if path in ("/feed.rss", "/feed.atom"):
            feed = path.rsplit(".", 1)[1]
            items = site.latest(feed)
            body = (rss if feed == "rss" else atom)(items, site.base)
            modified = items[-1].published if items else datetime(2024, 1, 1, tzinfo=UTC)
            etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
            match, since = self.headers.get("If-None-Match"), self.headers.get("If-Modified-Since")
            if (match == etag) if match else (since and parsedate_to_datetime(since) >= modified):
                with site.lock:
                    site.not_modified += 1
                self.send_response(304)
                self.send_header("ETag", etag)
                self.end_headers()
                return
            ctype = "application/rss+xml" if feed == "rss" else "application/atom+xml"
            self.send(200, body, ctype, {"ETag": etag, "Last-Modified": format_datetime(modified, usegmt=True)})
        elif path.startswith("/news/") and path.endswith(".html"):
            number = int(path[6:-5])
            title, _capital, paragraphs = story(number)
            published = datetime(2024, 1, 1, tzinfo=UTC) + timedelta(hours=number)
            page = (
                f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{escape(title)}</title>'
                f'<meta property="article:published_time" content="{published.isoformat()}"></head>'
                f"<body><nav><a href='/'>Home</a></nav><article><h1>{escape(title)}</h1>{paragraphs}</article>"
                f"<footer>Balkan Wire</footer></body></html>"
            )
            self.send(200, page.encode("utf-8"), "text/html; charset=utf-8")
        else:
            self.send(404, b"not found", "text/plain")


def rss(items: list[Item], base: str) -> bytes:
    entries = "".join(
        f"<item><title>{escape(story(i.number)[0])}</title><link>{base}{i.path}</link>"
        f"<guid>{base}{i.path}</guid><pubDate>{format_datetime(i.published)}</pubDate></item>"
        for i in reversed(items)
    )
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>Soak RSS</title>{entries}</channel></rss>'.encode()


def atom(items: list[Item], base: str) -> bytes:
    updated = (items[-1].published if items else datetime(2024, 1, 1, tzinfo=UTC)).isoformat()
    entries = "".join(
        f"<entry><title>{escape(story(i.number)[0])}</title><id>urn:soak:{i.number}</id>"
        f'<link href="{base}{i.path}"/><updated>{i.published.isoformat()}</updated></entry>'
        for i in reversed(items)
    )
    return (
        f'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Soak Atom</title>'
        f"<id>urn:soak</id><updated>{updated}</updated>{entries}</feed>"
    ).encode()


def vmrss_kib(pid: int) -> int | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        return None
    return None


def ingested_count(db: Path) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as conn:
            return conn.execute("select count(*) from feed_items where status = 'ingested'").fetchone()[0]
    except sqlite3.Error:
        return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=float, default=600.0, help="seconds of publishing (default 600)")
    parser.add_argument("--publish-every", type=float, default=3.0, help="seconds between new stories")
    parser.add_argument("--interval", type=float, default=2.0, help="the watcher's --interval")
    parser.add_argument("--feed-size", type=int, default=15, help="items a feed lists")
    parser.add_argument("--grace", type=float, default=60.0, help="most seconds to let the watcher catch up")
    parser.add_argument("--workdir", type=Path, default=None, help="where the database and log go (default: temp)")
    args = parser.parse_args()

    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="soak-watch-"))
    workdir.mkdir(parents=True, exist_ok=True)
    db = workdir / "soak.db"
    db.unlink(missing_ok=True)
    site = Site(args.feed_size)
    threading.Thread(target=site.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True).start()
    feeds = workdir / "feeds.txt"
    feeds.write_text(f"# soak feeds\n{site.base}/feed.rss\n{site.base}/feed.atom\n")
    site.publish()
    site.publish()

    log = (workdir / "watch.log").open("wb")
    command = [sys.executable, "-m", "actorgraph.serve.cli", "watch", str(feeds), "--db", f"sqlite:///{db}"]
    command += ["--interval", str(args.interval), "--per-host-delay", "0.2", "--allow-private"]
    watcher = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=log, cwd=ROOT)
    samples: list[tuple[float, int]] = []
    warm: int | None = None
    started = time.monotonic()
    next_publish = started + args.publish_every
    next_sample = started
    print(f"soak: {args.duration:g} s, a story every {args.publish_every:g} s, watcher pid {watcher.pid}, in {workdir}")

    def sample() -> None:
        kib = vmrss_kib(watcher.pid)
        if kib is not None:
            samples.append((time.monotonic() - started, kib))

    try:
        while time.monotonic() - started < args.duration:
            now = time.monotonic()
            if now >= next_publish:
                site.publish()
                next_publish += args.publish_every
            if now >= next_sample:
                sample()
                next_sample += 1.0
                if warm is None and ingested_count(db) > 0:
                    warm = samples[-1][1] if samples else None
            if watcher.poll() is not None:
                print(f"the watcher exited early with status {watcher.returncode}; see {workdir / 'watch.log'}")
                return 2
            time.sleep(0.05)
        published = len(site.items)
        deadline = time.monotonic() + args.grace
        while time.monotonic() < deadline and ingested_count(db) < published:
            sample()
            time.sleep(1.0)
        sample()
    finally:
        if watcher.poll() is None:
            watcher.send_signal(signal.SIGTERM)
            try:
                watcher.wait(timeout=60)
            except subprocess.TimeoutExpired:
                watcher.kill()
                watcher.wait()
        log.close()
        site.shutdown()

    with sqlite3.connect(db) as conn:
        rows = conn.execute("select url, status, reason, attempts from feed_items").fetchall()
        doc_urls = Counter(url for (url,) in conn.execute("select url from documents where url is not null"))
        run = conn.execute("select status, message from runs order by id desc limit 1").fetchone()
    by_url = Counter(url for url, *_ in rows)
    ingested_urls = {url for url, status, *_ in rows if status == "ingested"}
    published_urls = {site.base + i.path for i in site.items}
    page_hits = {p: n for p, n in site.hits.items() if p.startswith("/news/")}
    duplicates = (
        sum(n - 1 for n in page_hits.values() if n > 1)
        + sum(n - 1 for n in by_url.values() if n > 1)
        + sum(n - 1 for n in doc_urls.values() if n > 1)
    )
    missed = len(published_urls - ingested_urls)
    not_ingested = Counter(status for _u, status, *_ in rows if status != "ingested")
    mib = [kib / 1024 for _t, kib in samples]
    print(
        f"watcher exit status:   {watcher.returncode} (run recorded as {run[0] if run else '?'}: {run[1] if run else ''})"
    )
    print(f"items published:       {published}")
    print(f"items ingested:        {len(ingested_urls & published_urls)}")
    print(f"other item states:     {dict(not_ingested) or 'none'}")
    print(f"duplicates:            {duplicates}  (pages fetched twice, items recorded twice, stories stored twice)")
    print(f"missed:                {missed}")
    print(f"feed polls answered 304: {site.not_modified}")
    if mib:
        half = mib[len(mib) // 2 :]
        print(
            f"memory (VmRSS, MiB):   start {mib[0]:.1f}, warm {(warm or 0) / 1024:.1f}, end {mib[-1]:.1f}, "
            f"max {max(mib):.1f}; second half {min(half):.1f}..{max(half):.1f} ({len(mib)} samples)"
        )
        # The shape tells a leak (steady climb) from a cache filling up (climb, then flat).
        minutes: dict[int, float] = {}
        for seconds, kib in samples:
            minutes[int(seconds // 60)] = max(minutes.get(int(seconds // 60), 0.0), kib / 1024)
        print("memory by minute (max MiB): " + ", ".join(f"{m}: {v:.0f}" for m, v in sorted(minutes.items())))
    return 0 if duplicates == 0 and missed == 0 and watcher.returncode == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
