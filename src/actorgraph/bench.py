"""`actorgraph bench`: throughput and memory of extraction, against the bare spaCy pipeline.

Each measurement runs in a fresh process, so its peak memory is its own and no cache warmed
by another phase helps it. The bare pipeline is `nlp.pipe` with the same model, batch size
and texts; the ratio extract/bare tells how much the project adds on top of parsing.
"""

from __future__ import annotations

import multiprocessing
import platform
import resource
import statistics
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass, replace
from typing import Any


@dataclass(frozen=True)
class Throughput:
    """One measured phase."""

    name: str
    articles: int
    words: int
    seconds: float
    peak_mb: float

    @property
    def articles_per_s(self) -> float:
        return self.articles / self.seconds if self.seconds else 0.0

    @property
    def words_per_s(self) -> float:
        return self.words / self.seconds if self.seconds else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {
            **asdict(self),
            "articles_per_s": round(self.articles_per_s, 2),
            "words_per_s": round(self.words_per_s, 1),
        }


def _peak_mb() -> float:
    # ru_maxrss is in kilobytes on Linux
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _run_phase(phase: str, inputs: Sequence[str], copies: int, queue: multiprocessing.Queue) -> None:
    """Child process body: load, warm up, then time one phase."""
    from actorgraph.config import Settings
    from actorgraph.pipeline import Resources, extract, prepare

    settings = Settings()
    resources = Resources(settings)
    nlp = resources.nlp
    if phase == "extract":
        resources.coder.gazetteer.load()  # the knowledge base, lexicon and gazetteer, before timing
        # Libraries the pipeline imports on first use are start-up, like loading the model:
        # datasketch alone pulls in scipy.integrate (~0.9 s), which would swamp a small corpus.
        import datasketch  # noqa: F401
        import trafilatura  # noqa: F401
    nlp("Warm-up sentence about Serbia and Kosovo.")
    start = time.perf_counter()
    prepared = prepare(list(inputs), resources, warn=lambda *_: None)
    # a small corpus is coded `copies` times (as distinct documents) for a longer, steadier run
    documents = [replace(d, id=f"{d.id}~{k}") for k in range(copies) for d in prepared.documents]
    if phase == "bare":
        # the same texts the extractor codes (stories after segmentation), parsed and nothing else
        texts = [d.text for d in documents]
        start = time.perf_counter()
        for _doc in nlp.pipe(texts, batch_size=settings.batch_size):
            pass
        elapsed = time.perf_counter() - start
        words = sum(len(t.split()) for t in texts)
        queue.put(Throughput("spaCy nlp.pipe", len(texts), words, elapsed, _peak_mb()))
        return
    count = 0
    words = 0
    for extraction in extract(documents, resources):
        count += 1
        words += len(extraction.document.text.split())
    elapsed = time.perf_counter() - start
    queue.put(Throughput("actorgraph extract", count, words, elapsed, _peak_mb()))


def measure(phase: str, inputs: Sequence[str], copies: int = 1) -> Throughput:
    """Run one phase in a fresh process and return its figures."""
    context = multiprocessing.get_context("spawn")
    queue: multiprocessing.Queue = context.Queue()
    process = context.Process(target=_run_phase, args=(phase, list(inputs), copies, queue))
    process.start()
    result = queue.get()
    process.join()
    return result


def run(inputs: Sequence[str], *, repeat: int = 3, copies: int = 1) -> dict[str, Any]:
    """Median of `repeat` runs of the bare pipeline and of extract, and their ratio."""
    bare = [measure("bare", inputs, copies) for _ in range(repeat)]
    full = [measure("extract", inputs, copies) for _ in range(repeat)]
    bare_wps = statistics.median(t.words_per_s for t in bare)
    full_wps = statistics.median(t.words_per_s for t in full)
    return {
        "machine": {
            "python": platform.python_version(),
            "cpu": platform.processor() or platform.machine(),
            "cores": multiprocessing.cpu_count(),
        },
        "repeat": repeat,
        "copies": copies,
        "bare": [t.as_dict() for t in bare],
        "extract": [t.as_dict() for t in full],
        "bare_words_per_s": round(bare_wps, 1),
        "extract_words_per_s": round(full_wps, 1),
        "extract_articles_per_s": round(statistics.median(t.articles_per_s for t in full), 2),
        "extract_peak_mb": round(max(t.peak_mb for t in full), 1),
        "bare_peak_mb": round(max(t.peak_mb for t in bare), 1),
        "ratio": round(full_wps / bare_wps, 3) if bare_wps else 0.0,
    }


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))
    return ordered[index]


def query_latencies(store: Any, repeat: int = 10) -> dict[str, dict[str, float]]:
    """p50/p95 milliseconds of the analyses (the dashboard's main queries) on this store."""
    from datetime import date

    from actorgraph.analyze import Window, alerts, changes, dyads, network, stance_matrix, timeline

    everything = Window()
    recent = Window(start=date(2025, 1, 1))
    balkans = Window(actors=("SRB", "XKX"))
    queries = {
        "dyads by month": lambda: dyads(store, everything, "month", 200),
        "timeline by week": lambda: timeline(store, everything, "week"),
        "timeline of a pair": lambda: timeline(store, everything, "week", ("SRB", "XKX")),
        "alerts (last year)": lambda: alerts(store, recent, "week"),
        "stance matrix": lambda: stance_matrix(store, everything, 200, examples=1),
        "network": lambda: network(store, everything),
        "network of two actors": lambda: network(store, balkans),
        "changes since a date": lambda: changes(store, date(2025, 6, 1)),
    }
    out: dict[str, dict[str, float]] = {}
    for name, run in queries.items():
        run()  # warm the page cache once
        timings = []
        for _ in range(repeat):
            started = time.perf_counter()
            run()
            timings.append((time.perf_counter() - started) * 1000)
        out[name] = {"p50_ms": round(_percentile(timings, 0.5), 1), "p95_ms": round(_percentile(timings, 0.95), 1)}
    return out


def store_benchmark(url: str, events: int, repeat: int = 10) -> dict[str, Any]:
    """Fill a store with `events` generated events if it holds fewer, then time the analyses."""
    from actorgraph.store import open_store
    from actorgraph.synthetic import build

    store = open_store(url)
    try:
        have = store.count("events")
        built = None
        if have < events:
            generated = build(store, events - have)
            built = {"events": generated.events, "documents": generated.documents, "stances": generated.stances,
                     "seconds": round(generated.seconds, 1), "rows_per_s": round(generated.rows_per_second)}
        return {
            "events": store.count("events"),
            "dyad_days": store.count("dyad_daily"),
            "built": built,
            "queries": query_latencies(store, repeat),
        }
    finally:
        store.close()


# ---- executors: local against Dask ----------------------------------------------------------------
# `actorgraph bench --dask`: documents/s of the local executor and of Dask with 1 and 2 workers on
# the same few thousand stories, each in a fresh process, and the rate the store takes the results.


def varied_corpus(inputs: Sequence[str], size: int) -> list[Any]:
    """`size` distinct stories made from the stories of `inputs`, each a real story reshuffled.

    Copy k of a story keeps its headings, dateline and lead, rotates the paragraphs after the
    lead by k and ends with paragraphs of other stories, picked by k (so no two copies of a story
    end alike). Stories are coded directly, so no de-duplication stands in the way.
    """
    from actorgraph.config import Settings
    from actorgraph.pipeline import Resources, prepare

    stories = prepare(list(inputs), Resources(Settings()), warn=lambda *_: None).documents
    if not stories:
        raise ValueError("no readable story in the bench corpus")

    def lines(story: Any) -> list[tuple[str, bool]]:
        # A story's text is its lines joined by newlines; headings (title, dateline) are whole lines.
        marked: list[tuple[str, bool]] = []
        offset = 0
        headings = set(story.headings)
        for line in story.text.split("\n"):
            marked.append((line, (offset, offset + len(line)) in headings))
            offset += len(line) + 1
        return marked

    split = [lines(story) for story in stories]
    pool = list(dict.fromkeys(line for marked in split for line, heading in marked if not heading and line.strip()))
    documents: list[Any] = []
    copy = 0
    while len(documents) < size:
        for i, story in enumerate(stories):
            marked = split[i]
            lead = next((n for n, (_, heading) in enumerate(marked) if not heading), len(marked) - 1) + 1
            head, body = marked[:lead], marked[lead:]
            if body:
                shift = copy % len(body)
                body = body[shift:] + body[:shift]
            # copy k borrows the paragraphs numbered by the digits of k in base len(pool)
            picks = [] if copy == 0 else [(copy + i) % len(pool)]
            if copy >= len(pool):
                picks.append((copy // len(pool) + i) % len(pool))
            extra = [(pool[n], False) for n in picks]
            text_lines: list[str] = []
            headings: list[tuple[int, int]] = []
            offset = 0
            for line, heading in head + body + extra:
                if heading:
                    headings.append((offset, offset + len(line)))
                text_lines.append(line)
                offset += len(line) + 1
            documents.append(
                replace(
                    story, id=f"bench-{copy}-{i}", source=f"{story.source}~{copy}", text="\n".join(text_lines),
                    headings=tuple(headings), duplicate_of=None, containment=None,
                )
            )
        copy += 1
    return documents[:size]


def _digest(extractions: Sequence[Any]) -> str:
    """One hash of everything coded (the rows the store would get, minus run and time)."""
    import hashlib
    import json
    from datetime import UTC, datetime

    from actorgraph.store.rows import extraction_rows

    now = datetime(2000, 1, 1, tzinfo=UTC)
    digest = hashlib.sha256()
    for extraction in extractions:
        rows = extraction_rows(extraction, "bench", None, now)
        digest.update(json.dumps(rows, sort_keys=True, default=str).encode("utf-8"))
    return digest.hexdigest()


def _store_write(extractions: Sequence[Any], batch_size: int) -> dict[str, Any]:
    """Write coded results into a fresh SQLite store the way `ingest` does; time `SqlStore.write` only."""
    import tempfile
    from datetime import UTC, datetime
    from pathlib import Path

    from actorgraph.store import open_store
    from actorgraph.store.rows import extraction_rows

    with tempfile.TemporaryDirectory(prefix="actorgraph-bench-") as directory:
        store = open_store(f"sqlite:///{Path(directory) / 'bench.db'}")
        try:
            run_id = store.begin_run("bench", ["<bench>"], "bench")
            seconds = 0.0
            rows_written = 0
            for start in range(0, len(extractions), batch_size):
                batch = extractions[start : start + batch_size]
                rows: dict[str, list[dict[str, Any]]] = {}
                now = datetime.now(UTC)
                for extraction in batch:
                    for table, values in extraction_rows(extraction, "bench", run_id, now).items():
                        rows.setdefault(table, []).extend(values)
                rows_written += sum(len(v) for v in rows.values())
                started = time.perf_counter()
                store.write(rows, [e.document.id for e in batch])
                seconds += time.perf_counter() - started
            store.finish_run(run_id, "completed", {}, [])
        finally:
            store.close()
    return {
        "backend": "sqlite",
        "batch_size": batch_size,
        "documents": len(extractions),
        "rows": rows_written,
        "seconds": round(seconds, 2),
        "rows_per_s": round(rows_written / seconds) if seconds else 0,
        "documents_per_s": round(len(extractions) / seconds, 1) if seconds else 0.0,
    }


def _run_executor(
    workers: int, documents: list[Any], chunk_size: int, write_batch: int, queue: multiprocessing.Queue
) -> None:
    """Child process body: code `documents` locally (workers=0) or on a local Dask cluster."""
    from actorgraph.config import Settings
    from actorgraph.pipeline import Failed, Resources, extract

    settings = Settings()
    resources = Resources(settings)
    started = time.perf_counter()
    executor: Any = extract
    cluster = None
    if workers:
        from actorgraph.run.distributed import DaskExecutor

        cluster = executor = DaskExecutor(settings, workers=workers, chunk_size=chunk_size)
    try:
        # Warm up (and, for Dask, check the workers' extractor) on a few stories before timing.
        for _ in executor(documents[: 2 * max(workers, 1)], resources):
            pass
        startup = time.perf_counter() - started
        # CPU time of the processes that code tells how much of their cores they really got:
        # on a machine shared with other work, wall-clock rates alone mislead.
        coders_before = cluster.client.run(time.process_time) if cluster else {"": time.process_time()}
        own_before = time.process_time()
        started = time.perf_counter()
        extractions = list(executor(documents, resources))
        seconds = time.perf_counter() - started
        own_cpu = time.process_time() - own_before
        coders_after = cluster.client.run(time.process_time) if cluster else {"": time.process_time()}
    finally:
        if cluster is not None:
            cluster.close()
    cpu = sum(coders_after[k] - coders_before[k] for k in coders_after if k in coders_before)
    coded = [e for e in extractions if not isinstance(e, Failed)]
    failed = len(extractions) - len(coded)
    result: dict[str, Any] = {
        "executor": "dask" if workers else "local",
        "workers": workers or 1,
        "documents": len(extractions),
        "failed": failed,
        "events": sum(len(e.events) for e in coded),
        "seconds": round(seconds, 2),
        "documents_per_s": round(len(extractions) / seconds, 2) if seconds else 0.0,
        "startup_s": round(startup, 1),
        "cpu_s": round(cpu, 1),
        "cpu_share": round(cpu / (seconds * (workers or 1)), 2) if seconds else 0.0,
        "caller_cpu_s": round(own_cpu, 1) if workers else None,
        "peak_mb": round(_peak_mb(), 1),
        "digest": _digest(coded),
    }
    if write_batch:
        result["store_write"] = _store_write(coded, write_batch)
    queue.put(result)


def measure_executor(workers: int, documents: list[Any], chunk_size: int = 8, write_batch: int = 0) -> dict[str, Any]:
    """Code `documents` in a fresh process, locally (workers=0) or on a local Dask cluster of `workers`."""
    context = multiprocessing.get_context("spawn")
    queue: multiprocessing.Queue = context.Queue()
    process = context.Process(target=_run_executor, args=(workers, documents, chunk_size, write_batch, queue))
    process.start()
    result = queue.get()
    process.join()
    return result


def dask_benchmark(
    inputs: Sequence[str], documents: int = 3000, chunk_size: int = 8, write_batch: int = 32
) -> dict[str, Any]:
    """Documents/s of the local executor and of Dask with 1 and 2 workers; the store's write rate."""
    corpus = varied_corpus(inputs, documents)
    local = measure_executor(0, corpus, write_batch=write_batch)
    one = measure_executor(1, corpus, chunk_size)
    two = measure_executor(2, corpus, chunk_size)
    phases = [local, one, two]
    write = local.pop("store_write")
    reference = local["digest"]
    for phase in phases:
        phase["same_as_local"] = phase["digest"] == reference
    for phase in phases:
        del phase["digest"]
    return {
        "machine": {
            "python": platform.python_version(),
            "cpu": platform.processor() or platform.machine(),
            "cores": multiprocessing.cpu_count(),
        },
        "corpus": {
            "documents": len(corpus),
            "distinct_texts": len({d.text for d in corpus}),
            "words": sum(len(d.text.split()) for d in corpus),
            "from": list(inputs),
        },
        "chunk_size": chunk_size,
        "phases": phases,
        "speedup_2_vs_1": round(two["documents_per_s"] / one["documents_per_s"], 2) if one["documents_per_s"] else 0.0,
        "dask_1_vs_local": round(one["documents_per_s"] / local["documents_per_s"], 2)
        if local["documents_per_s"]
        else 0.0,
        "store_write": write,
    }


def print_dask(result: dict[str, Any]) -> None:
    """The executor benchmark as a Rich table on stdout."""
    from rich.console import Console
    from rich.table import Table

    console = Console(highlight=False)
    corpus = result["corpus"]
    table = Table(
        title=f"actorgraph bench --dask: {corpus['documents']:,} stories ({corpus['distinct_texts']:,} distinct), "
        f"{corpus['words']:,} words",
        title_justify="left",
    )
    for column in ("executor", "workers", "stories", "seconds", "stories/s", "CPU", "start s", "= local"):
        table.add_column(column, justify="left" if column == "executor" else "right")
    for phase in result["phases"]:
        table.add_row(
            phase["executor"],
            str(phase["workers"]),
            f"{phase['documents']:,}",
            f"{phase['seconds']:.1f}",
            f"{phase['documents_per_s']:.2f}",
            f"{phase['cpu_share']:.0%}",
            f"{phase['startup_s']:.1f}",
            "yes" if phase["same_as_local"] else "[red]NO[/]",
        )
    console.print(table)
    console.print("CPU: CPU time of the coding processes over seconds x workers (under 100%: other work on the "
                  "machine took part of their cores); = local: the same records as the local executor.")
    write = result["store_write"]
    machine = result["machine"]
    console.print(
        f"speed-up 2 workers / 1 worker: {result['speedup_2_vs_1']:.2f} (1 Dask worker / local: "
        f"{result['dask_1_vs_local']:.2f}); store write ({write['backend']}, batches of {write['batch_size']}): "
        f"{write['rows_per_s']:,} rows/s, {write['documents_per_s']:.0f} stories/s ({write['rows']:,} rows in "
        f"{write['seconds']:.1f} s); Python {machine['python']}, {machine['cores']} cores"
    )


# ---- load: the served API and dashboard under concurrent connections ------------------------------
# `actorgraph bench-load`: a store of real coded stories, served by uvicorn in its own process as
# `actorgraph serve` runs it, and driven by N connections at once for a fixed time, one mix of
# API reads and, separately, one of dashboard pages. Client and server share the machine.

LOAD_MIXES = ("api", "dashboard")


@dataclass(frozen=True)
class LoadParameters:
    """Values from the store that make the requests realistic: its busiest pair, holder and so on."""

    actor: str
    partner: str
    holder: str
    since: str
    doc_id: str
    word: str


@dataclass(frozen=True)
class Sample:
    """One request of a load run."""

    route: str
    ms: float
    error: str | None
    finished: float  # perf_counter() at the end


def _samples_corpus() -> list[str]:
    from pathlib import Path

    return [str(Path(__file__).resolve().parent / "samples" / "corpus")]


def fill_load_store(url: str, stories: int, inputs: Sequence[str] | None = None) -> dict[str, int]:
    """Code `stories` distinct stories made from `inputs` (default: the samples) into the store at `url`
    when it is empty; `varied_corpus` makes more stories than the inputs hold.

    A store that already holds documents is served as it is. Returns what the store holds.
    """
    from actorgraph.config import Settings
    from actorgraph.pipeline import Resources
    from actorgraph.run import IngestResult, code_into
    from actorgraph.store import open_store

    store = open_store(url)
    try:
        if not store.count("documents"):
            documents = varied_corpus(list(inputs or _samples_corpus()), stories)
            resources = Resources(Settings())
            run_id = store.begin_run("bench-load", ["<bench-load>"], resources.extractor_version)
            result = IngestResult(run_id)
            code_into(store, documents, resources, result)
            store.finish_run(run_id, "completed", result.counts(), result.skipped)
        return {table: store.count(table) for table in ("documents", "events", "stances", "quotes", "actors")}
    finally:
        store.close()


def load_parameters(url: str) -> LoadParameters:
    """The busiest pair and stance holder, a middle day, the newest story and a name to search for."""
    from sqlalchemy import func, select

    from actorgraph.store import open_store, schema

    store = open_store(url)
    try:
        with store.engine.connect() as conn:
            m, s, d, a = schema.dyad_monthly.c, schema.stance_monthly.c, schema.documents.c, schema.actor_first.c
            pair = conn.execute(
                select(m.source_code, m.target_code)
                .where(m.source_code != m.target_code, m.source_code != "-", m.target_code != "-")
                .group_by(m.source_code, m.target_code)
                .order_by(func.sum(m.events).desc(), m.source_code, m.target_code)
                .limit(1)
            ).first()
            holder = conn.execute(
                select(s.holder_code).group_by(s.holder_code).order_by(func.sum(s.stances).desc(), s.holder_code)
                .limit(1)
            ).scalar()
            first, last = conn.execute(select(func.min(d.published), func.max(d.published))).one()
            newest = conn.execute(select(d.id).order_by(d.published.desc().nulls_last(), d.id).limit(1)).scalar()
            name = conn.execute(select(a.name).where(a.code == (pair[0] if pair else None))).scalar()
    finally:
        store.close()
    actor, partner = (pair[0], pair[1]) if pair else ("SRB", "XKX")
    middle = first + (last - first) / 2 if first and last else None
    return LoadParameters(actor=actor, partner=partner, holder=holder or actor,
                          since=middle.isoformat() if middle else "2024-01-01", doc_id=newest or "none",
                          word=(name or "minister").split()[0])


def load_mix(kind: str, p: LoadParameters) -> list[tuple[str, str]]:
    """(route, path) pairs of a mix; every connection walks the list round and round."""
    from urllib.parse import quote

    doc = quote(p.doc_id, safe="")
    if kind == "api":
        return [
            ("/api/events", "/api/events?limit=50"),
            ("/api/events", f"/api/events?actor={p.actor}&limit=20"),
            ("/api/events", f"/api/events?quad=verbal_conflict&since={p.since}&limit=20"),
            ("/api/dyads", "/api/dyads?period=month"),
            ("/api/dyads", f"/api/dyads?period=week&actor={p.actor}"),
            ("/api/timeline", "/api/timeline?period=week"),
            ("/api/timeline", f"/api/timeline?pair={p.actor}-{p.partner}"),
            ("/api/alerts", "/api/alerts"),
            ("/api/stance-matrix", "/api/stance-matrix"),
            ("/api/actors", "/api/actors"),
            ("/api/documents", "/api/documents"),
            ("/api/search", f"/api/search?q={quote(p.word)}"),
        ]
    if kind == "dashboard":
        return [
            ("/", "/"),
            ("/network", "/network"),
            ("/stances", "/stances"),
            ("/alerts", "/alerts"),
            ("/events", "/events"),
            ("/events", f"/events?actor={p.actor}"),
            ("/actors/{code}", f"/actors/{p.actor}"),
            ("/dyads/{a}/{b}", f"/dyads/{p.actor}/{p.partner}"),
            ("/changes", "/changes"),
            ("/search", f"/search?q={quote(p.word)}"),
            ("/documents/{id}", f"/documents/{doc}"),
        ]
    raise ValueError(f"unknown mix {kind!r} (use one of {', '.join(LOAD_MIXES)})")


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Server:
    """`actorgraph serve` over a store, in its own process on a free port of 127.0.0.1."""

    def __init__(self, url: str, startup_seconds: float = 90.0) -> None:
        self.url = url
        self.port = _free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.startup_seconds = startup_seconds
        self.process: Any = None
        self._log: Any = None

    def __enter__(self) -> Server:
        import subprocess
        import sys
        import tempfile

        # the server's own messages go to a file, read back only if it fails to start
        self._log = tempfile.TemporaryFile()
        command = [sys.executable, "-m", "actorgraph.serve.cli", "serve", "--db", self.url, "--host", "127.0.0.1",
                   "--port", str(self.port), "--log-level", "warning"]
        self.process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=self._log)
        try:
            self._wait()
        except BaseException:
            self.__exit__(None, None, None)
            raise
        return self

    def _wait(self) -> None:
        import httpx

        deadline = time.monotonic() + self.startup_seconds
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                self._log.seek(0)
                raise RuntimeError(f"the server exited ({self.process.returncode}): "
                                   f"{self._log.read().decode(errors='replace')[-2000:]}")
            try:
                if httpx.get(f"{self.base}/api/health", timeout=2).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.2)
        raise TimeoutError(f"the server did not answer on {self.base} within {self.startup_seconds:.0f} s")

    def __exit__(self, *_exc: object) -> None:
        import subprocess

        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self._log is not None:
            self._log.close()


@dataclass(frozen=True)
class LoadRun:
    """What one mix gave: its timed requests, the seconds from the start of the timing to the last
    answer, and the CPU seconds the server used meanwhile (None where that cannot be read)."""

    samples: list[Sample]
    elapsed: float
    server_cpu: float | None = None
    client_cpu: float | None = None  # this process: the load's own cost, on the same cores


def cpu_seconds(pid: int) -> float | None:
    """User and system CPU seconds a process has used so far (Linux's /proc); None elsewhere."""
    import os
    from pathlib import Path

    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return None


def drive(base: str, mix: Sequence[tuple[str, str]], connections: int, seconds: float,
          warmup: float = 2.0, server_pid: int | None = None) -> LoadRun:
    """Keep `connections` requests in flight for `warmup + seconds` and time those started after the
    warm-up. CPU per request says what the server spends whatever else runs on the machine."""
    import threading

    import httpx

    # Each path once, one at a time, first: caches a server fills on first use (the knowledge base's
    # names, compiled SQL) are start-up, not load, and twenty cold requests at once would time those.
    with httpx.Client(base_url=base, timeout=120) as client:
        for _route, path in mix:
            client.get(path)
    start = time.perf_counter() + warmup
    stop = start + seconds
    samples: list[Sample] = []
    lock = threading.Lock()

    def connection(number: int) -> None:
        kept: list[Sample] = []
        turn = number  # each connection starts at its own place, so every route is always in flight
        with httpx.Client(base_url=base, timeout=120) as client:
            while (began := time.perf_counter()) < stop:
                route, path = mix[turn % len(mix)]
                turn += 1
                error = None
                try:
                    status = client.get(path).status_code
                    error = f"HTTP {status}" if status >= 400 else None
                except httpx.HTTPError as exc:
                    error = type(exc).__name__
                finished = time.perf_counter()
                if began >= start:
                    kept.append(Sample(route, (finished - began) * 1000, error, finished))
        with lock:
            samples.extend(kept)

    threads = [threading.Thread(target=connection, args=(n,), daemon=True) for n in range(connections)]
    for thread in threads:
        thread.start()
    time.sleep(max(0.0, start - time.perf_counter()))
    cpu_before = cpu_seconds(server_pid) if server_pid else None
    own_before = time.process_time()
    for thread in threads:
        thread.join()
    cpu_after = cpu_seconds(server_pid) if server_pid else None
    elapsed = max((s.finished for s in samples), default=stop) - start
    used = cpu_after - cpu_before if cpu_before is not None and cpu_after is not None else None
    return LoadRun(samples, elapsed, used, time.process_time() - own_before)


def _latencies(samples: Sequence[Sample]) -> dict[str, Any]:
    times = [s.ms for s in samples]
    errors = [s.error for s in samples if s.error]
    return {
        "requests": len(samples),
        "p50_ms": round(_percentile(times, 0.50), 1) if times else None,
        "p95_ms": round(_percentile(times, 0.95), 1) if times else None,
        "p99_ms": round(_percentile(times, 0.99), 1) if times else None,
        "errors": len(errors),
        "error_kinds": dict(Counter(errors)) if errors else {},
    }


def summarise(run: LoadRun) -> dict[str, Any]:
    """Requests/s and latency percentiles of a run, overall and per route."""
    routes: dict[str, list[Sample]] = {}
    for sample in run.samples:
        routes.setdefault(sample.route, []).append(sample)
    count = len(run.samples)
    return {
        "seconds": round(run.elapsed, 2),
        "requests_per_s": round(count / run.elapsed, 1) if run.elapsed > 0 else 0.0,
        "server_cpu_ms_per_request": round(run.server_cpu * 1000 / count, 2) if run.server_cpu is not None and count
        else None,
        "client_cpu_ms_per_request": round(run.client_cpu * 1000 / count, 2) if run.client_cpu is not None and count
        else None,
        **_latencies(run.samples),
        "routes": {route: _latencies(found) for route, found in routes.items()},
    }


def load_benchmark(
    db: str | None = None,
    *,
    inputs: Sequence[str] | None = None,
    stories: int = 100,
    connections: int = 20,
    seconds: float = 30.0,
    warmup: float = 3.0,
    mixes: Sequence[str] = LOAD_MIXES,
) -> dict[str, Any]:
    """Serve a store of coded stories and drive each mix with `connections` connections for `seconds`."""
    import tempfile
    from contextlib import ExitStack
    from pathlib import Path

    from sqlalchemy.engine import make_url

    unknown = [kind for kind in mixes if kind not in LOAD_MIXES]
    if unknown:
        raise ValueError(f"unknown mix {unknown[0]!r} (use {' or '.join(LOAD_MIXES)})")
    with ExitStack() as stack:
        if db is None:
            directory = stack.enter_context(tempfile.TemporaryDirectory(prefix="actorgraph-load-"))
            db = f"sqlite:///{Path(directory) / 'load.db'}"
        held = fill_load_store(db, stories, inputs)
        parameters = load_parameters(db)
        server = stack.enter_context(Server(db))
        results = {}
        for kind in mixes:
            run = drive(server.base, load_mix(kind, parameters), connections, seconds, warmup, server.process.pid)
            results[kind] = summarise(run)
    return {
        "machine": {
            "python": platform.python_version(),
            "cpu": platform.processor() or platform.machine(),
            "cores": multiprocessing.cpu_count(),
            "load_average": [round(x, 2) for x in _load_average()],
        },
        "store": {"url": make_url(db).render_as_string(hide_password=True), "backend": make_url(db).get_backend_name(),
                  **held},
        "parameters": asdict(parameters),
        "connections": connections,
        "seconds": seconds,
        "warmup": warmup,
        "mixes": results,
    }


def _load_average() -> tuple[float, float, float]:
    import os

    try:
        return os.getloadavg()
    except OSError:
        return (0.0, 0.0, 0.0)


def print_load(result: dict[str, Any]) -> None:
    """The load benchmark as one Rich table per mix on stdout."""
    from rich.console import Console
    from rich.table import Table

    console = Console(highlight=False)
    store = result["store"]
    for kind, mix in result["mixes"].items():
        table = Table(
            title=f"actorgraph bench-load: {kind}, {result['connections']} connections, {mix['seconds']:.0f} s, "
            f"{store['backend']} ({store['documents']:,} stories, {store['events']:,} events)",
            title_justify="left",
        )
        for column in ("route", "requests", "p50 ms", "p95 ms", "p99 ms", "errors"):
            table.add_column(column, justify="left" if column == "route" else "right")
        slowest_first = sorted(mix["routes"].items(), key=lambda item: -(item[1]["p50_ms"] or 0))
        for route, figures in slowest_first:
            table.add_row(route, *_load_cells(figures))
        table.add_section()
        table.add_row("all", *_load_cells(mix))
        console.print(table)
        kinds = ", ".join(f"{k}: {n}" for k, n in mix["error_kinds"].items())
        cpu = mix["server_cpu_ms_per_request"]
        console.print(f"{kind}: {mix['requests_per_s']:.1f} requests/s, p50 {_ms(mix['p50_ms'])} ms, "
                      f"p95 {_ms(mix['p95_ms'])} ms, {mix['errors']} errors" + (f" ({kinds})" if kinds else "")
                      + (f"; the server used {cpu:.1f} ms of CPU per request" if cpu is not None else ""))
    machine = result["machine"]
    console.print(f"Python {machine['python']}, {machine['cores']} cores, load average "
                  f"{'/'.join(f'{x:.1f}' for x in machine['load_average'])} at the end; client and server on this machine")


def _load_cells(figures: dict[str, Any]) -> list[str]:
    return [f"{figures['requests']:,}", _ms(figures["p50_ms"]), _ms(figures["p95_ms"]), _ms(figures["p99_ms"]),
            str(figures["errors"])]


def _ms(value: float | None) -> str:
    return "-" if value is None else f"{value:,.0f}"
