"""Ingest: paths, directories, stdin, JSON Lines and URLs to `Article`s.

Every problem with one input becomes a `Skipped` record with a reason; the stream goes on.
"""

from __future__ import annotations

import itertools
import json
import os
import re
import stat
import sys
from collections.abc import Iterable, Iterator
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from typing import BinaryIO, Literal

from actorgraph.config import Settings
from actorgraph.dating import file_date, http_date
from actorgraph.errors import InputError
from actorgraph.ingest.decode import decode_bytes
from actorgraph.ingest.html import looks_like_html, parse_html, parse_page
from actorgraph.ingest.web import fetch, is_url, make_client
from actorgraph.links import url_problem
from actorgraph.types import Article, Skipped, WarnFn

InputFormat = Literal["auto", "text", "html", "jsonl"]

HTML_SUFFIXES = {".html", ".htm", ".xhtml", ".shtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}

__all__ = ["InputFormat", "article_from_record", "articles_from_jsonl", "read_bytes", "read_inputs"]


def _ignore(_source: str, _message: str) -> None:
    return None


def read_inputs(
    inputs: Iterable[str],
    settings: Settings,
    *,
    input_format: InputFormat = "auto",
    warn: WarnFn = _ignore,
    stdin: BinaryIO | None = None,
) -> Iterator[Article | Skipped]:
    """Yield an `Article` for every usable input and a `Skipped` for every unusable one."""
    counter = itertools.count()
    client = None
    try:
        for raw in inputs:
            if raw == "-":
                stream = stdin if stdin is not None else sys.stdin.buffer
                data = stream.read(settings.max_bytes + 1)
                yield from _from_bytes(data, "<stdin>", input_format, settings, warn, counter)
            elif is_url(raw):
                if client is None:
                    client = make_client(settings)
                try:
                    page = fetch(raw, settings, client=client)
                except InputError as exc:
                    yield Skipped(raw, exc.reason)
                    continue
                fmt: InputFormat = input_format
                if fmt == "auto":
                    fmt = "html" if "html" in page.content_type or looks_like_html(page.body) else "text"
                    if (
                        page.content_type
                        and not page.content_type.startswith("text/")
                        and ("html" not in page.content_type and "xml" not in page.content_type)
                    ):
                        yield Skipped(raw, f"unsupported content type '{page.content_type}'")
                        continue
                modified = http_date(_header(page.headers, "last-modified"))
                for item in _from_bytes(page.body, raw, fmt, settings, warn, counter, url=page.url, charset=page.charset):
                    if modified is not None and isinstance(item, Article):
                        item = replace(item, captured=modified, captured_by="http")
                    yield item
            else:
                path = Path(raw)
                if path.is_dir():
                    yield from _from_directory(path, input_format, settings, warn, counter)
                elif path.exists():
                    yield from _from_file(path, input_format, settings, warn, counter)
                else:
                    yield Skipped(raw, "no such file or directory")
    finally:
        if client is not None:
            client.close()


def read_bytes(
    data: bytes,
    source: str,
    settings: Settings,
    *,
    input_format: InputFormat = "auto",
    warn: WarnFn = _ignore,
    url: str | None = None,
) -> Iterator[Article | Skipped]:
    """Articles from an in-memory payload (used by the API and the feed watcher)."""
    yield from _from_bytes(data, source, input_format, settings, warn, itertools.count(), url=url)


def _from_directory(
    path: Path,
    input_format: InputFormat,
    settings: Settings,
    warn: WarnFn,
    counter: Iterator[int],
) -> Iterator[Article | Skipped]:
    """Every file below `path` but hidden ones, in name order; a subdirectory that cannot be
    listed is reported, not silently passed over."""
    unreadable: list[OSError] = []
    entries: list[Path] = []
    for top, dirs, names in os.walk(path, onerror=unreadable.append):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        entries.extend(Path(top) / name for name in names if not name.startswith("."))
    for problem in unreadable:
        yield Skipped(str(problem.filename or path), f"cannot list directory: {problem.strerror or problem}")
    if not entries and not unreadable:
        yield Skipped(str(path), "directory holds no files")
    for file in sorted(entries):
        yield from _from_file(file, input_format, settings, warn, counter)


def _from_file(
    path: Path,
    input_format: InputFormat,
    settings: Settings,
    warn: WarnFn,
    counter: Iterator[int],
) -> Iterator[Article | Skipped]:
    source = str(path)
    try:
        status = path.stat()
        if not stat.S_ISREG(status.st_mode):
            # Opening a pipe blocks until a writer comes; a device like /dev/zero never ends.
            yield Skipped(source, f"not a regular file ({_file_kind(status.st_mode)}); use '-' to read a stream")
            return
        if status.st_size > settings.max_bytes:
            yield Skipped(
                source, f"file is {status.st_size:,} bytes, over the limit of {settings.max_bytes:,} (--max-bytes)"
            )
            return
        with path.open("rb") as handle:
            # Read one byte past the limit: a file that grew since stat() is still caught.
            data = handle.read(settings.max_bytes + 1)
    except OSError as exc:
        yield Skipped(source, f"cannot read: {exc.strerror or exc}")
        return
    fmt = input_format
    if fmt == "auto":
        suffix = path.suffix.lower()
        if suffix in JSONL_SUFFIXES:
            fmt = "jsonl"
        elif suffix in HTML_SUFFIXES:
            fmt = "html"
    hint = date_in_name(path.name)
    # The modification time is the capture date of last resort for a story with none of its own.
    modified = file_date(status.st_mtime)
    for item in _from_bytes(data, source, fmt, settings, warn, counter):
        if isinstance(item, Article):
            item = replace(
                item, date_hint=hint or item.date_hint, captured=modified, captured_by="file" if modified else None
            )
        yield item


def _header(headers: dict[str, str], name: str) -> str | None:
    # httpx gives lower-case names, a hand-built `Fetched` may not
    return next((value for key, value in headers.items() if key.lower() == name), None)


def _file_kind(mode: int) -> str:
    for test, kind in (
        (stat.S_ISFIFO, "a named pipe"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
    ):
        if test(mode):
            return kind
    return "not a file"


_NAME_DATE = re.compile(r"(?<!\d)((?:19|20)\d\d)[-_.]?(0[1-9]|1[0-2])[-_.]?(0[1-9]|[12]\d|3[01])(?!\d)")


def date_in_name(name: str) -> date | None:
    """A YYYY-MM-DD (or YYYYMMDD) date in a file name, if there is one."""
    match = _NAME_DATE.search(name)
    if not match:
        return None
    try:
        return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None


def _from_bytes(
    data: bytes,
    source: str,
    input_format: InputFormat,
    settings: Settings,
    warn: WarnFn,
    counter: Iterator[int],
    *,
    url: str | None = None,
    charset: str | None = None,
) -> Iterator[Article | Skipped]:
    if len(data) > settings.max_bytes:
        yield Skipped(source, f"input is over the limit of {settings.max_bytes:,} bytes (--max-bytes)")
        return
    try:
        text = _decode(data, source, charset, warn)
    except InputError as exc:
        yield Skipped(source, exc.reason)
        return
    if input_format == "jsonl":
        yield from articles_from_jsonl(text, source, settings, warn, counter)
        return
    if len(text) > settings.max_chars:
        yield Skipped(source, f"text is {len(text):,} characters, over the limit of {settings.max_chars:,}")
        return
    html = input_format == "html" or (input_format == "auto" and looks_like_html(text))
    if html:
        try:
            yield from parse_page(text, source, url=url, order=next(counter))
        except InputError as exc:
            yield Skipped(source, exc.reason)
        return
    yield Article(source=source, text=text, url=url, order=next(counter))


def _decode(data: bytes, source: str, charset: str | None, warn: WarnFn) -> str:
    if charset:
        try:
            return data.decode(charset)
        except (LookupError, UnicodeDecodeError):
            warn(source, f"declared charset '{charset}' is wrong; detecting instead")
    return decode_bytes(data, source, warn)


def articles_from_jsonl(
    text: str,
    source: str,
    settings: Settings,
    warn: WarnFn,
    counter: Iterator[int],
) -> Iterator[Article | Skipped]:
    """One `Article` per JSON Lines record; a broken line is skipped with its line number."""
    seen_ids: set[str] = set()
    # Only "\n" ends a record: JSON allows U+2028 and friends raw inside strings.
    for lineno, line in enumerate(text.split("\n"), start=1):
        where = f"{source}:{lineno}"
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Skipped(where, f"invalid JSON ({exc.msg} at column {exc.colno})")
            continue
        yield article_from_record(record, where, settings, warn, counter, seen_ids=seen_ids)


def article_from_record(
    record: object,
    where: str,
    settings: Settings,
    warn: WarnFn,
    counter: Iterator[int],
    *,
    seen_ids: set[str] | None = None,
    within: str = "this file",
) -> Article | Skipped:
    """One JSON record (a line of a JSON Lines file, or an article posted to the API) as an `Article`,
    or `Skipped` with the reason it cannot be one.

    `where` names the record in what is reported (a line, "article 3 (id 'x')"); it is also the
    article's source when the record names neither a source nor a url. `seen_ids` holds the ids
    of the records before it in the same batch (`within` names the batch): a repeat is refused.
    """
    if not isinstance(record, dict):
        return Skipped(where, "a JSON Lines record must be an object")
    article_id = record.get("id")
    body = record.get("text")
    if article_id is None or (isinstance(article_id, str) and not article_id.strip()):
        return Skipped(where, "record has no 'id'")
    if not isinstance(body, str) or not body.strip():
        return Skipped(where, "record has no 'text' (or it is empty)")
    article_id = str(article_id)
    if seen_ids is not None:
        if article_id in seen_ids:
            return Skipped(where, f"id '{article_id}' repeats an earlier record in {within}")
        seen_ids.add(article_id)
    if len(body) > settings.max_chars:
        return Skipped(where, f"text is {len(body):,} characters, over the limit of {settings.max_chars:,}")
    given_url = record.get("url")
    url = given_url.strip() if isinstance(given_url, str) and given_url.strip() else None
    problem = url_problem(url) if url is not None else None
    if url is not None and problem is not None:
        # The whole record goes: a story must not be stored with a link that could run a script,
        # and storing it without its address would quietly lose where it came from.
        return Skipped(where, f"'url' must be an http:// or https:// address ({problem}): {url[:80]!r}")
    published = _parse_date(record.get("published"), where, warn)
    origin = record.get("source") if isinstance(record.get("source"), str) else None
    title = record.get("title") if isinstance(record.get("title"), str) else None
    is_html = looks_like_html(body) and "<p" in body.lower()
    if is_html:
        try:
            parsed = parse_html(body, origin or url or where, url=url, order=next(counter))
        except InputError as exc:
            return Skipped(where, exc.reason)
        return Article(
            source=origin or url or where,
            text=parsed.text,
            title=title or parsed.title,
            published=published or parsed.published,
            byline=parsed.byline,
            url=url,
            given_id=article_id,
            from_html=True,
            order=parsed.order,
        )
    return Article(
        source=origin or url or where,
        text=body,
        title=title,
        published=published,
        url=url,
        given_id=article_id,
        order=next(counter),
    )


def _parse_date(value: object, where: str, warn: WarnFn) -> date | None:
    if value in (None, ""):
        return None
    if not isinstance(value, str):
        warn(where, f"ignoring 'published' of type {type(value).__name__}")
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).date()
    except ValueError:
        pass
    try:
        from dateutil import parser

        return parser.parse(value).date()
    except (ValueError, OverflowError):
        warn(where, f"ignoring unparseable 'published' value {value!r}")
        return None
