"""Running the pipeline into a store: batches, runs, resumption.

A run is recorded before any work starts and closed at the end. Stories are coded and
written in batches, one transaction each, so a run killed half-way keeps every batch it
committed; the next run skips the stories already stored and carries on.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

from actorgraph.ingest import InputFormat
from actorgraph.pipeline import Extraction, Prepared, Resources, extract, prepare
from actorgraph.store.rows import extraction_rows
from actorgraph.store.sql import SqlStore
from actorgraph.types import Document, Skipped, WarnFn

Executor = Callable[[Sequence[Document], Resources], Iterator[Extraction]]


@dataclass
class IngestResult:
    run_id: int
    documents: int = 0
    unchanged: int = 0
    duplicates: int = 0
    actors: int = 0
    events: int = 0
    stances: int = 0
    quotes: int = 0
    skipped: list[Skipped] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        return {
            "documents": self.documents,
            "unchanged": self.unchanged,
            "duplicates": self.duplicates,
            "actors": self.actors,
            "events": self.events,
            "stances": self.stances,
            "quotes": self.quotes,
            "skipped": len(self.skipped),
        }


def ingest(
    inputs: Sequence[str],
    store: SqlStore,
    resources: Resources,
    *,
    warn: WarnFn,
    input_format: InputFormat = "auto",
    command: str = "ingest",
    batch_size: int = 32,
    executor: Executor = extract,
    on_batch: Callable[[int], None] | None = None,
    on_prepared: Callable[[Prepared, int], None] | None = None,
) -> IngestResult:
    """Read, code and store `inputs`; return what was done."""
    store.recover_runs()
    run_id = store.begin_run(command, inputs, resources.extractor_version)
    result = IngestResult(run_id)
    try:
        prepared = prepare(inputs, resources, input_format=input_format, warn=warn, similar=store.similar)
        result.skipped = list(prepared.skipped)
        stored = store.existing_ids(d.id for d in prepared.documents)
        todo = [d for d in prepared.documents if d.id not in stored]
        result.unchanged = len(prepared.documents) - len(todo)
        if on_prepared:
            on_prepared(prepared, len(todo))
        for doc_id, (other, share) in prepared.stored_duplicates.items():
            store.mark_duplicate(doc_id, other, share)
        extractor = resources.extractor_version
        for start in range(0, len(todo), batch_size):
            chunk = todo[start : start + batch_size]
            rows: dict[str, list[dict]] = {}
            now = datetime.now(UTC)
            for extraction in executor(chunk, resources):
                for table, values in extraction_rows(extraction, extractor, run_id, now).items():
                    rows.setdefault(table, []).extend(values)
                result.documents += 1
                result.duplicates += extraction.document.duplicate_of is not None
                result.actors += len(extraction.actors)
                result.events += len(getattr(extraction, "events", ()))
                result.stances += len(getattr(extraction, "stances", ()))
                result.quotes += len(getattr(extraction, "quotes", ()))
            store.write(rows, [d.id for d in chunk])
            if on_batch:
                on_batch(len(chunk))
    except KeyboardInterrupt:
        store.finish_run(run_id, "interrupted", result.counts(), result.skipped, "interrupted by the user")
        raise
    except BaseException as exc:
        store.finish_run(run_id, "failed", result.counts(), result.skipped, f"{type(exc).__name__}: {exc}")
        raise
    store.finish_run(run_id, "completed", result.counts(), result.skipped)
    return result


def reprocess(
    store: SqlStore,
    resources: Resources,
    *,
    everything: bool = False,
    batch_size: int = 32,
    executor: Executor = extract,
    on_batch: Callable[[int], None] | None = None,
) -> IngestResult:
    """Re-code stored stories with this extractor, from their stored text (nothing is fetched)."""
    store.recover_runs()
    extractor = resources.extractor_version
    run_id = store.begin_run("reprocess", ["<store>"], extractor)
    result = IngestResult(run_id)
    try:
        pending = list(store.documents_to_recode(extractor, everything=everything))
        for start in range(0, len(pending), batch_size):
            chunk = pending[start : start + batch_size]
            rows: dict[str, list[dict]] = {}
            now = datetime.now(UTC)
            for extraction in executor(chunk, resources):
                for table, values in extraction_rows(extraction, extractor, run_id, now).items():
                    rows.setdefault(table, []).extend(values)
                result.documents += 1
                result.actors += len(extraction.actors)
                result.events += len(extraction.events)
                result.stances += len(extraction.stances)
                result.quotes += len(extraction.quotes)
            store.write(rows, [d.id for d in chunk])
            if on_batch:
                on_batch(len(chunk))
    except BaseException as exc:
        status = "interrupted" if isinstance(exc, KeyboardInterrupt) else "failed"
        store.finish_run(run_id, status, result.counts(), [], f"{type(exc).__name__}: {exc}")
        raise
    store.finish_run(run_id, "completed", result.counts(), [])
    return result
