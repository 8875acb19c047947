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
        resources.coder  # noqa: B018 - load the knowledge base and lexicon before timing
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
