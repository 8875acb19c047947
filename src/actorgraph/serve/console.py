"""Talking to the user on stderr: warnings, skipped inputs, progress. Never on stdout."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import TypeVar

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from actorgraph.types import Skipped

T = TypeVar("T")

err = Console(stderr=True, highlight=False, soft_wrap=True)


class Reporter:
    """Collects what was skipped and warned about during a run and tells the user at once."""

    def __init__(self, quiet: bool = False) -> None:
        self.quiet = quiet
        self.skipped: list[Skipped] = []
        self.warnings: list[tuple[str, str]] = []

    def warn(self, source: str, message: str) -> None:
        self.warnings.append((source, message))
        if not self.quiet:
            err.print(f"[yellow]warning[/] {_escape(source)}: {_escape(message)}")

    def skip(self, item: Skipped) -> None:
        self.skipped.append(item)
        err.print(f"[red]skipped[/] {_escape(item.input)}: {_escape(item.reason)}")

    def summary(self, **counts: int) -> None:
        if self.quiet:
            return
        parts = [f"{value} {name.replace('_', ' ')}" for name, value in counts.items()]
        if self.skipped:
            parts.append(f"[red]{len(self.skipped)} skipped[/]")
        err.print("done: " + ", ".join(parts))

    @property
    def exit_code(self) -> int:
        return 1 if self.skipped else 0


def _escape(text: str) -> str:
    return text.replace("[", "\\[")


@contextmanager
def progress(total: int | None, label: str, enabled: bool = True) -> Iterator[Progress | None]:
    """A Rich progress bar on stderr for long runs (only when stderr is a terminal)."""
    if not enabled or not sys.stderr.isatty() or (total is not None and total < 5):
        yield None
        return
    bar = Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=True,
    )
    with bar:
        bar.add_task(label, total=total)
        yield bar


def tick(bar: Progress | None, items: Iterable[T]) -> Iterator[T]:
    for item in items:
        yield item
        if bar is not None:
            bar.advance(bar.task_ids[0])
