"""The Python API: code text in a notebook or a program, and read a store back as tables.

    import actorgraph
    coder = actorgraph.Coder()
    found = coder.code("Serbia accused Kosovo of ...", published="2025-04-02")
    found.events                  # typed records, each with its evidence span
    found.to_pandas("events")     # the columns of `actorgraph export events`

`Coder` loads the spaCy pipeline and the knowledge base once; `code` and `pipe` run the same
stages as `actorgraph extract` (reading, segmenting into stories, coding), so the records are
the ones the CLI writes.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date
from os import PathLike
from pathlib import Path
from typing import Any, cast, overload

from actorgraph.analyze.query import Window
from actorgraph.config import Settings, load_settings
from actorgraph.dates import check_window
from actorgraph.errors import InputError
from actorgraph.ingest import read_bytes
from actorgraph.pipeline import Extraction, Resources, place_resolver
from actorgraph.segment import segment
from actorgraph.types import Actor, Article, Document, Event, Quote, Skipped, Stance


@dataclass(frozen=True)
class Results(Sequence[Extraction]):
    """What coding some text found: one `Extraction` per story, and what could not be read."""

    extractions: tuple[Extraction, ...] = ()
    skipped: tuple[Skipped, ...] = ()
    extractor: str = ""  # what coded them (versions of actorgraph and the model)

    @overload
    def __getitem__(self, index: int) -> Extraction: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[Extraction]: ...
    def __getitem__(self, index: int | slice) -> Extraction | Sequence[Extraction]:
        return self.extractions[index]

    def __len__(self) -> int:
        return len(self.extractions)

    @property
    def documents(self) -> list[Document]:
        return [x.document for x in self.extractions]

    @property
    def actors(self) -> list[Actor]:
        return [a for x in self.extractions for a in x.actors]

    @property
    def events(self) -> list[Event]:
        return [e for x in self.extractions for e in x.events]

    @property
    def stances(self) -> list[Stance]:
        return [s for x in self.extractions for s in x.stances]

    @property
    def quotes(self) -> list[Quote]:
        return [q for x in self.extractions for q in x.quotes]

    @classmethod
    def join(cls, parts: Iterable[Results]) -> Results:
        """Many results as one (e.g. everything `Coder.pipe` gave)."""
        parts = list(parts)
        return cls(
            tuple(x for p in parts for x in p.extractions),
            tuple(s for p in parts for s in p.skipped),
            next((p.extractor for p in parts if p.extractor), ""),
        )

    def records(self) -> list[dict[str, Any]]:
        """The output contract's records (what `actorgraph extract` prints), story by story."""
        from actorgraph.records import extraction_records

        return [r for x in self.extractions for r in extraction_records(x)]

    def to_pandas(self, what: str = "events") -> Any:
        """`documents`, `actors`, `events`, `stances` or `quotes` as a pandas DataFrame."""
        from actorgraph.frames import extraction_table_rows, to_pandas

        return to_pandas(extraction_table_rows(self.extractions, what), what)

    def to_arrow(self, what: str = "events") -> Any:
        """`documents`, `actors`, `events`, `stances` or `quotes` as a pyarrow Table."""
        from actorgraph.frames import extraction_table_rows, to_arrow

        return to_arrow(extraction_table_rows(self.extractions, what), what)


Text = str | tuple[str, dict[str, Any]]


class Coder:
    """The coder, loaded once: `kb` adds knowledge-base layers, `verbs` a PETRARCH verb
    dictionary (as `--kb` and `--verbs` do on the command line)."""

    def __init__(
        self,
        *,
        kb: Sequence[str | PathLike[str]] = (),
        verbs: str | PathLike[str] | None = None,
        settings: Settings | None = None,
    ) -> None:
        base = settings or load_settings()
        extra = {"kb_dirs": [*base.kb_dirs, *(Path(p) for p in kb)]} if kb else {}
        if verbs is not None:
            extra["verbs"] = Path(verbs)  # type: ignore[assignment]
        self.settings = base.model_copy(update=extra) if extra else base
        self.resources = Resources(self.settings)
        _ = self.resources.coder  # load the model and the knowledge base now, not on the first text

    @property
    def extractor(self) -> str:
        """What codes the text: versions of actorgraph and the model (and the verb dictionary)."""
        return self.resources.extractor_version

    def code(
        self,
        text: str,
        *,
        published: date | str | None = None,
        title: str | None = None,
        source: str = "text",
        url: str | None = None,
    ) -> Results:
        """Code one text (plain text or an HTML page); a text that cannot be used raises `InputError`."""
        [results] = self.pipe([(text, {"published": published, "title": title, "source": source, "url": url})])
        if results.skipped and not results.extractions:
            skipped = results.skipped[0]
            raise InputError(skipped.input, skipped.reason)
        return results

    def pipe(self, texts: Iterable[Text], *, batch_size: int = 32, n_process: int = 1) -> Iterator[Results]:
        """Code many texts, streaming: one `Results` per text, in order. A text is a string or a
        `(string, {"published", "title", "source", "url"})` pair. `n_process` > 1 parses in that
        many processes (spaCy's own multiprocessing)."""
        if batch_size < 1 or n_process < 1:
            raise ValueError("batch_size and n_process must be at least 1")
        numbered = enumerate(texts)
        while chunk := list(itertools.islice(numbered, batch_size)):
            yield from self._code_chunk(chunk, batch_size, n_process)

    def _code_chunk(self, chunk: list[tuple[int, Text]], batch_size: int, n_process: int) -> list[Results]:
        stories: list[list[Document]] = []
        skipped: list[list[Skipped]] = []
        for number, item in chunk:
            documents, problems = self._stories(number, item)
            stories.append(documents)
            skipped.append(problems)
        flat = [(d.text, (i, d)) for i, documents in enumerate(stories) for d in documents]
        found: list[list[Extraction]] = [[] for _ in chunk]
        nlp, coder = self.resources.nlp, self.resources.coder
        for doc, (i, document) in nlp.pipe(flat, as_tuples=True, batch_size=batch_size, n_process=n_process):
            found[i].append(coder.code(doc, document))
        return [Results(tuple(f), tuple(s), self.extractor) for f, s in zip(found, skipped, strict=True)]

    def _stories(self, number: int, item: Text) -> tuple[list[Document], list[Skipped]]:
        text, meta = (item, {}) if isinstance(item, str) else item
        source = str(meta.get("source") or f"text {number + 1}")
        if not isinstance(text, str) or not text.strip():
            return [], [Skipped(source, "the text is empty")]
        articles: list[Article] = []
        problems: list[Skipped] = []
        for read in read_bytes(text.encode("utf-8"), source, self.settings, url=meta.get("url")):
            if isinstance(read, Skipped):
                problems.append(read)
            else:
                articles.append(_with_meta(read, meta, number))
        resolve_place = place_resolver(self.resources.kb)
        documents = [d for a in articles for d in segment(a, resolve_place)]
        if articles and not documents:
            problems.append(Skipped(source, "no story text left after removing boilerplate"))
        return documents, problems


def _with_meta(article: Article, meta: dict[str, Any], number: int) -> Article:
    published = meta.get("published")
    if isinstance(published, str):
        published = date.fromisoformat(published)
    return replace(
        article,
        published=published or article.published,
        title=meta.get("title") or article.title,
        order=number,
    )


class Store:
    """A store read as tables: `events(since=..., actor=...)` and the like give DataFrames with
    the columns of `actorgraph export`."""

    def __init__(self, url: str) -> None:
        from actorgraph.store import open_store as open_sql

        self.url = url
        self._store = open_sql(url)

    def close(self) -> None:
        self._store.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def add(self, results: Results) -> int:
        """Keep what a `Coder` found in the store, as `actorgraph ingest` would (a run is recorded;
        stories already stored are left as they are). Returns how many stories were stored."""
        from actorgraph.run import IngestResult, code_into

        todo_ids = {d.id for d in results.documents} - self._store.existing_ids(d.id for d in results.documents)
        todo = [x for x in results.extractions if x.document.id in todo_ids]
        run_id = self._store.begin_run("python", [d.source for d in results.documents], results.extractor)
        outcome = IngestResult(run_id, unchanged=len(results) - len(todo), skipped=list(results.skipped))
        try:
            code_into(
                # the one write path of `ingest`; the stories come coded, so only the extractor is asked
                self._store, [x.document for x in todo], cast(Resources, _Coded(results.extractor)), outcome,
                executor=lambda _documents, _resources: iter(todo),
            )
        except BaseException as exc:
            self._store.finish_run(run_id, "failed", outcome.counts(), outcome.skipped, f"{type(exc).__name__}: {exc}")
            raise
        self._store.finish_run(run_id, "completed", outcome.counts(), outcome.skipped)
        return outcome.documents

    def table(
        self,
        what: str,
        *,
        since: date | str | None = None,
        until: date | str | None = None,
        actor: str | Sequence[str] | None = None,
        region: str | None = None,
    ) -> Any:
        """`documents`, `actors`, `events`, `stances`, `quotes` or `polecat` in a window, as a DataFrame."""
        from actorgraph.dates import parse_day
        from actorgraph.export import store_rows
        from actorgraph.frames import to_pandas

        start = parse_day(since, "since") if isinstance(since, str) else since
        end = parse_day(until, "until") if isinstance(until, str) else until
        check_window(start, end)
        actors = (actor,) if isinstance(actor, str) else tuple(actor or ())
        window = Window(start, end, tuple(a.upper() for a in actors), region)
        return to_pandas(list(store_rows(self._store, what, window)), what)

    def events(self, **window: Any) -> Any:
        return self.table("events", **window)

    def documents(self, **window: Any) -> Any:
        return self.table("documents", **window)

    def actors(self, **window: Any) -> Any:
        return self.table("actors", **window)

    def stances(self, **window: Any) -> Any:
        return self.table("stances", **window)

    def quotes(self, **window: Any) -> Any:
        return self.table("quotes", **window)


@dataclass(frozen=True)
class _Coded:
    """Stands in for `Resources` where stories come already coded: only the extractor is asked."""

    extractor_version: str


def open_store(url: str = "sqlite:///actorgraph.db") -> Store:
    """A store to read as tables (SQLite file or PostgreSQL URL)."""
    return Store(url)
