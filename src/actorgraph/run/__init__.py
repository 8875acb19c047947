"""Running the pipeline into a store: batches, runs, resumption.

A run is recorded before any work starts and closed at the end. Stories are coded and
written in batches, one transaction each, so a run killed half-way keeps every batch it
committed; the next run skips the stories already stored and carries on.

Coding is left to an executor: `pipeline.code_each` in this process, or `run.distributed.DaskExecutor`
on a cluster. Either way the store is written here only; a story the executor gives up on comes
back as `Failed` and is reported as skipped while the rest of its batch is stored.

A run counts what it wrote itself, once the batch is committed: a batch that failed adds nothing,
and a story another run stored meanwhile (two runs over the same input) counts as unchanged.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import UTC, datetime

from actorgraph.errors import ActorgraphError
from actorgraph.ingest import InputFormat, read_inputs
from actorgraph.pipeline import Extraction, Failed, Prepared, Resources, code_each, prepare_articles
from actorgraph.store.rows import extraction_rows
from actorgraph.store.sql import SqlStore
from actorgraph.types import Article, Document, Skipped, WarnFn

# An executor yields one `Extraction` (or `Failed`) per document, in the order given, and may
# stream: the loops below commit every `batch_size` results while it keeps coding the rest.
Executor = Callable[[Sequence[Document], Resources], Iterator[Extraction | Failed]]


def _batches(results: Iterator[Extraction | Failed], size: int) -> Iterator[list[Extraction | Failed]]:
    batch: list[Extraction | Failed] = []
    for item in results:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


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
    # The stories this run wrote, and those it coded but found already stored by another run.
    stored_ids: list[str] = field(default_factory=list)
    found_stored: list[str] = field(default_factory=list)

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

    def add(self, extraction: Extraction, *, recoding: bool = False) -> None:
        """Count a stored coding; re-coding a stored story adds no new duplicate."""
        self.documents += 1
        self.stored_ids.append(extraction.document.id)
        self.duplicates += not recoding and extraction.document.duplicate_of is not None
        self.actors += len(extraction.actors)
        self.events += len(extraction.events)
        self.stances += len(extraction.stances)
        self.quotes += len(extraction.quotes)


def code_into(
    store: SqlStore,
    documents: Sequence[Document],
    resources: Resources,
    result: IngestResult,
    *,
    executor: Executor = code_each,
    batch_size: int = 32,
    on_batch: Callable[[int], None] | None = None,
    recoding: bool = False,
) -> None:
    """Code `documents` and store them `batch_size` at a time, one transaction per batch.

    A story the executor gave up on goes to `result.skipped`; when re-coding, its earlier coding
    stays in the store, since only the stories coded anew are replaced. Stories are counted once
    their batch is committed, and only those this run wrote.
    """
    extractor = resources.extractor_version
    for batch in _batches(executor(documents, resources), batch_size):
        rows: dict[str, list[dict]] = {}
        now = datetime.now(UTC)
        coded: list[Extraction] = []
        for extraction in batch:
            if isinstance(extraction, Failed):
                result.skipped.append(extraction.skipped)
                continue
            coded.append(extraction)
            for table, values in extraction_rows(extraction, extractor, result.run_id, now).items():
                rows.setdefault(table, []).extend(values)
        written = store.write(rows, [e.document.id for e in coded], replace=recoding)
        for extraction in coded:
            if extraction.document.id in written:
                result.add(extraction, recoding=recoding)
            else:
                result.unchanged += 1
                result.found_stored.append(extraction.document.id)
        if on_batch:
            on_batch(len(batch))


def ingest(
    inputs: Sequence[str],
    store: SqlStore,
    resources: Resources,
    *,
    warn: WarnFn,
    input_format: InputFormat = "auto",
    command: str = "ingest",
    batch_size: int = 32,
    executor: Executor = code_each,
    on_batch: Callable[[int], None] | None = None,
    on_prepared: Callable[[Prepared, int], None] | None = None,
) -> IngestResult:
    """Read, code and store `inputs`; return what was done."""
    # A generator: nothing is read before the run is recorded, so a failure while reading is the run's.
    read = read_inputs(inputs, resources.settings, input_format=input_format, warn=warn)
    return ingest_articles(
        read, store, resources, inputs=inputs, warn=warn, command=command, batch_size=batch_size,
        executor=executor, on_batch=on_batch, on_prepared=on_prepared,
    )


def ingest_articles(
    articles: Iterable[Article | Skipped],
    store: SqlStore,
    resources: Resources,
    *,
    inputs: Sequence[str],
    warn: WarnFn,
    command: str,
    batch_size: int = 32,
    executor: Executor = code_each,
    on_batch: Callable[[int], None] | None = None,
    on_prepared: Callable[[Prepared, int], None] | None = None,
) -> IngestResult:
    """Code and store articles however they were read (files, a request): one recorded run.

    `inputs` names what the articles came from, for the run's record. Stories already stored are
    counted as unchanged and not coded again, which is what lets a killed run be resumed.
    """
    store.recover_runs()
    run_id = store.begin_run(command, inputs, resources.extractor_version)
    result = IngestResult(run_id)
    try:
        prepared = prepare_articles(articles, resources, warn=warn, similar=store.similar)
        result.skipped = list(prepared.skipped)
        stored = store.existing_ids(d.id for d in prepared.documents)
        todo = [d for d in prepared.documents if d.id not in stored]
        result.unchanged = len(prepared.documents) - len(todo)
        if on_prepared:
            on_prepared(prepared, len(todo))
        for doc_id, (other, share) in prepared.stored_duplicates.items():
            store.mark_duplicate(doc_id, other, share)
        code_into(store, todo, resources, result, executor=executor, batch_size=batch_size, on_batch=on_batch)
    except KeyboardInterrupt:
        _close(store, result, "interrupted", "interrupted by the user")
        raise
    except BaseException as exc:
        _close(store, result, "failed", _reason(exc))
        raise
    store.finish_run(run_id, "completed", result.counts(), result.skipped)
    return result


def _reason(exc: BaseException) -> str:
    # A user error is its own message; anything else is named by its type as well.
    return str(exc) if isinstance(exc, ActorgraphError) else f"{type(exc).__name__}: {exc}"


def _close(store: SqlStore, result: IngestResult, status: str, message: str) -> None:
    """Record how a run ended early, if the store still can (a full disk may refuse even that).

    The error that ended the run is what the user needs to see, never one from recording it;
    a run that could not be closed stays 'running' and the next run marks it 'interrupted'.
    """
    with suppress(Exception):
        store.finish_run(result.run_id, status, result.counts(), result.skipped, message)


def reprocess(
    store: SqlStore,
    resources: Resources,
    *,
    everything: bool = False,
    batch_size: int = 32,
    executor: Executor = code_each,
    on_batch: Callable[[int], None] | None = None,
) -> IngestResult:
    """Re-code stored stories with this extractor, from their stored text (nothing is fetched)."""
    store.recover_runs()
    extractor = resources.extractor_version
    run_id = store.begin_run("reprocess", ["<store>"], extractor)
    result = IngestResult(run_id)
    try:
        pending = list(store.documents_to_recode(extractor, everything=everything))
        code_into(
            store, pending, resources, result, executor=executor, batch_size=batch_size, on_batch=on_batch,
            recoding=True,
        )
    except BaseException as exc:
        status = "interrupted" if isinstance(exc, KeyboardInterrupt) else "failed"
        _close(store, result, status, _reason(exc))
        raise
    store.finish_run(run_id, "completed", result.counts(), result.skipped)
    return result
