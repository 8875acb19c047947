"""The Dask executor: the same coding as `pipeline.extract`, spread over the workers of a Dask cluster.

Stories travel to the workers in small chunks, one task each; the extractions travel back to
the process that called the executor, which alone writes the store. Results are yielded in
the order the stories were given, whichever worker finishes first, so a run gives the same
store as the local executor.

Every worker process loads the spaCy pipeline and the knowledge base once (a worker plugin
loads them when the worker joins; tasks find them in a per-process cache keyed by the
settings). A chunk that fails is retried by Dask; a chunk that fails every try is split and
its stories coded one by one, so only the story that keeps failing is reported, as `Failed`.
"""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict, deque
from collections.abc import Iterator, Sequence
from types import TracebackType
from typing import Any

from actorgraph.config import Settings
from actorgraph.errors import ConfigError, OptionalDependencyError
from actorgraph.pipeline import Extraction, Failed, Resources, extract, failure_reason
from actorgraph.types import Document

try:
    from distributed import Client, Future, LocalCluster, WorkerPlugin
except ModuleNotFoundError as exc:  # pragma: no cover - depends on the installed extras
    raise OptionalDependencyError("The Dask executor (--executor dask)", "dask") from exc

__all__ = ["DaskExecutor", "code_stories", "for_workers", "loads", "worker_extractor", "worker_resources"]

# Per worker process: the loaded resources by settings, and how many times any were built. A
# long-lived cluster may serve runs with different settings; only the latest few stay loaded.
_loaded: OrderedDict[str, Resources] = OrderedDict()
_KEEP = 2
_loads = 0
_loading = threading.Lock()


def worker_resources(settings: Settings) -> Resources:
    """This process's resources for `settings`, loaded on first use and kept for later tasks."""
    global _loads
    key = settings.model_dump_json()
    with _loading:
        found = _loaded.get(key)
        if found is None:
            found = Resources(settings)
            # Load everything now, so no task pays for it in the middle of its timing or its retries.
            found.coder  # noqa: B018
            found.nlp  # noqa: B018
            _loaded[key] = found
            _loads += 1
            while len(_loaded) > _KEEP:
                _loaded.popitem(last=False)
        _loaded.move_to_end(key)
    return found


def loads() -> int:
    """How many times this process has loaded resources (once per distinct settings)."""
    return _loads


def for_workers(settings: Settings) -> Settings:
    """The settings a worker needs: all but the database URL."""
    # Workers never open the store, and the URL may hold a password.
    return settings.model_copy(update={"db_url": ""})


def worker_extractor(settings: Settings) -> str:
    """The extractor version this worker codes with."""
    return worker_resources(settings).extractor_version


def code_stories(settings: Settings, documents: list[Document]) -> list[Extraction]:
    """Task body run on a worker: code a chunk of stories with the worker's resources."""
    return list(extract(documents, worker_resources(settings)))


class _Preload(WorkerPlugin):
    """Loads the resources as a worker joins, before it is given any task."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def setup(self, worker: Any) -> None:
        worker_resources(self.settings)


class DaskExecutor:
    """An `Executor` over a Dask cluster: a local one of `workers` processes, or the one at `scheduler`.

    Use it as a context manager (or call `close`) so a local cluster is shut down.
    """

    def __init__(
        self,
        settings: Settings,
        *,
        scheduler: str | None = None,
        workers: int = 2,
        chunk_size: int = 8,
        retries: int = 2,
        connect_timeout: float = 10.0,
    ) -> None:
        if workers < 1 or chunk_size < 1 or retries < 0:
            raise ConfigError("the Dask executor needs workers >= 1, chunk_size >= 1 and retries >= 0")
        self.chunk_size = chunk_size
        self.retries = retries
        self._checked: set[str] = set()
        self.cluster: LocalCluster | None = None
        if scheduler is None:
            # Processes with one thread each: spaCy holds the GIL for much of its work, and one
            # model per process keeps a worker's memory predictable.
            self.cluster = LocalCluster(
                n_workers=workers,
                threads_per_worker=1,
                processes=True,
                dashboard_address=None,
                # A failing story is reported once, as skipped; the workers' own tracebacks for
                # every try would bury that line.
                silence_logs=logging.CRITICAL,
            )
            self.client = Client(self.cluster, set_as_default=False)
        else:
            try:
                self.client = Client(scheduler, timeout=connect_timeout, set_as_default=False)
            except (OSError, TimeoutError, ValueError) as exc:
                raise ConfigError(
                    f"cannot reach the Dask scheduler at {scheduler} ({failure_reason(exc)}); check the address "
                    "(e.g. tcp://host:8786) and that `dask scheduler` runs there with at least one `dask worker`"
                ) from exc
        try:
            self.client.register_plugin(_Preload(for_workers(settings)), name="actorgraph-resources")
        except BaseException:
            self.close()
            raise

    def __enter__(self) -> DaskExecutor:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, value: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        """Disconnect, and stop the local cluster if this executor started one."""
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()
            self.cluster = None

    @property
    def workers(self) -> int:
        """Threads the cluster offers now (one per worker process for a local cluster)."""
        return sum(self.client.nthreads().values())

    def __call__(self, documents: Sequence[Document], resources: Resources) -> Iterator[Extraction | Failed]:
        """Code `documents` on the cluster; yield one result per document, in their order."""
        settings = for_workers(resources.settings)
        self._check_workers(settings, resources.extractor_version)
        chunks = [list(documents[i : i + self.chunk_size]) for i in range(0, len(documents), self.chunk_size)]
        upcoming = iter(chunks)
        # A few chunks per worker in flight: each has the next one queued while the writer
        # waits for the oldest, and memory stays bounded however long the run.
        ahead = max(2, 3 * self.workers)
        pending: deque[tuple[list[Document], Future]] = deque()

        def submit_next() -> None:
            chunk = next(upcoming, None)
            if chunk is not None:
                pending.append((chunk, self._submit(settings, chunk)))

        for _ in range(ahead):
            submit_next()
        try:
            while pending:
                chunk, future = pending.popleft()
                submit_next()
                yield from self._collect(settings, chunk, future)
        finally:
            # The caller stopped early (an error, an interrupt): drop the work nobody will read.
            for _chunk, future in pending:
                future.cancel()

    def _check_workers(self, settings: Settings, expected: str) -> None:
        # A worker with another install would code differently, and the store would mix codings
        # under one extractor name: refuse before anything is coded.
        if expected in self._checked:
            return
        found = self.client.run(worker_extractor, settings)
        if not found:
            raise ConfigError("the Dask cluster has no workers; start some with `dask worker ADDRESS --nthreads 1`")
        others = {address: version for address, version in found.items() if version != expected}
        if others:
            listed = ", ".join(f"{address} runs {version}" for address, version in sorted(others.items()))
            raise ConfigError(
                f"Dask workers run another extractor than this process ({expected}): {listed}; "
                "install the same actorgraph and spaCy model on every worker"
            )
        self._checked.add(expected)

    def _submit(self, settings: Settings, chunk: list[Document]) -> Future:
        # pure=False: a story submitted again (a retry of a whole run) is coded again, not served
        # from a result or an error the cluster may still hold under the same key.
        return self.client.submit(code_stories, settings, chunk, retries=self.retries, pure=False)

    def _collect(self, settings: Settings, chunk: list[Document], future: Future) -> list[Extraction | Failed]:
        try:
            return list(future.result())
        except Exception as exc:
            if future.status != "error":
                raise  # cancelled or the cluster went away: not the stories' fault
            if len(chunk) == 1:
                return [Failed(chunk[0], f"{failure_reason(exc)} (tried {self.retries + 1} times)")]
        # One bad story fails its whole chunk: code the stories one by one to tell which.
        singles = [(document, self._submit(settings, [document])) for document in chunk]
        results: list[Extraction | Failed] = []
        for document, single in singles:
            try:
                results.extend(single.result())
            except Exception as exc:
                if single.status != "error":
                    raise
                results.append(Failed(document, f"{failure_reason(exc)} (tried {self.retries + 1} times)"))
        return results
