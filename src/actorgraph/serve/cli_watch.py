"""`actorgraph watch`: poll RSS/Atom feeds and code every new item into the store.

Registered by `actorgraph.serve.cli._register_extensions()`. This module imports
`actorgraph.serve.cli` only inside `register` (that module imports this one while it is being
built), and has no `from __future__ import annotations`: Typer reads the `Annotated` options
of a function defined in a local scope, which must be real objects, not strings.
"""

import contextlib
import signal
import time
from pathlib import Path
from types import FrameType
from typing import Annotated, Any

import typer
from rich.markup import escape

from actorgraph.serve.console import err

_STYLES = {
    "ingested": "[green]ingested[/]",
    "skipped": "[yellow]skipped[/]",
    "backoff": "[magenta]backing off[/]",
    "feed": "[cyan]feed[/]",
    "poll": "[bold]poll[/]",
}


def _stamp() -> str:
    return time.strftime("%H:%M:%S")


class _Log:
    """Log lines on stderr. Keeps nothing: a watcher runs for weeks."""

    def __init__(self, quiet: bool) -> None:
        self.quiet = quiet
        self.warnings = 0

    def warn(self, source: str, message: str) -> None:
        self.warnings += 1
        where = f"{escape(source)}: " if source else ""
        err.print(f"[dim]{_stamp()}[/] [yellow]warning[/] {where}{escape(message)}")

    def info(self, kind: str, source: str, message: str) -> None:
        if self.quiet:
            return
        where = f"{escape(source)}: " if source else ""
        err.print(f"[dim]{_stamp()}[/] {_STYLES.get(kind, kind)} {where}{escape(message)}")




def register(app: typer.Typer) -> None:
    """Add the `watch` command to the `actorgraph` app."""
    from actorgraph.serve import cli

    @app.command()
    def watch(
        feeds_file: Annotated[
            Path,
            typer.Argument(
                help="Feed URLs, one per line (# comments), or an OPML file; re-read when it changes.",
                exists=True,
                dir_okay=False,
            ),
        ],
        interval: Annotated[
            float, typer.Option("--interval", min=1.0, help="Seconds between polls (failing feeds back off).")
        ] = 300.0,
        db: cli.DbOption = None,
        once: Annotated[bool, typer.Option("--once", help="Poll every feed once, then exit.")] = False,
        max_items: Annotated[
            int | None,
            typer.Option("--max-items", min=1, help="Most article pages fetched per feed per poll (the rest wait)."),
        ] = None,
        per_host_delay: Annotated[
            float, typer.Option("--per-host-delay", min=0.0, help="Seconds between two requests to one host.")
        ] = 1.0,
        max_backoff: Annotated[
            float,
            typer.Option("--max-backoff", min=1.0, help="Longest wait, in seconds, before re-trying a failing feed."),
        ] = 3600.0,
        allow_private: Annotated[
            bool, typer.Option("--allow-private", help="Allow feeds and pages on loopback/private addresses.")
        ] = False,
        kb: cli.KbOption = None,
        quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Only warnings on stderr.")] = False,
    ) -> None:
        """Watch RSS/Atom feeds: fetch each new item's page politely and code it into the store.

        Conditional requests make an unchanged feed cost nothing; every item ever seen is kept in
        the store, so a restart repeats nothing. Each fetch is abandoned after
        ACTORGRAPH_FETCH_DEADLINE seconds, and feeds take turns, so one slow feed cannot hold up
        the others. Ctrl-C or SIGTERM stops at once: a page being fetched or coded is left for
        the next run. With --once the exit status is 1 if a feed or an item failed.
        """
        from actorgraph.ingest.feeds import FeedWatcher, read_feed_list
        from actorgraph.pipeline import Resources
        from actorgraph.store import open_store

        settings = cli._settings(db_url=db, allow_private=allow_private or None, kb_dirs=kb)
        feeds = read_feed_list(feeds_file)  # a broken file is a usage error: say so before anything else
        log = _Log(quiet)
        store = open_store(settings.db_url)
        try:
            watcher = FeedWatcher(
                store,
                Resources(settings),
                feeds_file,
                interval=interval,
                max_items=max_items,
                per_host_delay=per_host_delay,
                max_backoff=max_backoff,
                warn=log.warn,
                info=log.info,
            )
            if not quiet:
                mode = "once" if once else f"every {interval:g} s"
                err.print(
                    f"[dim]{_stamp()}[/] watching {len(feeds)} feeds {mode} into {escape(_safe(settings.db_url))}"
                )
            restore = _install_stop_handlers(watcher)
            status, message = "completed", None
            try:
                stats = watcher.run(once=once)
            except KeyboardInterrupt:
                status, message = "interrupted", "interrupted by the user (second Ctrl-C)"
                raise typer.Exit(130) from None
            except BaseException as exc:
                status, message = "failed", f"{type(exc).__name__}: {exc}"
                raise
            finally:
                restore()
                if watcher.stopping and status == "completed":
                    message = "stopped by a signal"
                watcher.close(status, message)
        finally:
            store.close()
        if not quiet:
            err.print(
                f"done: {stats.polls} polls, {stats.ingested} items ingested, {stats.skipped} skipped, "
                f"{stats.failed} failed, {stats.feed_errors} feed errors; {stats.documents} stories, "
                f"{stats.events} events, {stats.stances} stances, {stats.quotes} quotes"
            )
        raise typer.Exit(1 if once and (stats.feed_errors or stats.failed) else 0)


def _safe(url: str) -> str:
    from sqlalchemy.engine import make_url

    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # noqa: BLE001 - only for display
        return url


def _install_stop_handlers(watcher: Any) -> Any:
    """SIGINT/SIGTERM stop the watcher, abandoning a download or a coding in progress (which
    write nothing); a second Ctrl-C interrupts whatever runs, store writes included."""

    def handler(signum: int, _frame: FrameType | None) -> None:
        if watcher.stopping and signum == signal.SIGINT:
            raise KeyboardInterrupt
        name = signal.Signals(signum).name
        err.print(
            f"[dim]{_stamp()}[/] {name}: stopping; an item in progress is left for the next run "
            "(Ctrl-C again to interrupt at once)"
        )
        watcher.stop_now()  # raises out of the download or coding this signal interrupted, if any

    previous = {}
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(ValueError):  # not the main thread (embedded use): no handlers
            previous[sig] = signal.signal(sig, handler)

    def restore() -> None:
        for sig, old in previous.items():
            signal.signal(sig, old)

    return restore
