"""`actorgraph report` and `actorgraph export`: the store as one HTML page or as flat files.

`actorgraph.serve.cli` imports this module at the end of its own import and calls
`register(app)`. The commands are defined inside `register`, after importing the option types
and helpers of `cli`, so this module never imports `cli` at its top (no import cycle, also when
`cli` runs as `python -m actorgraph.serve.cli`). No `from __future__ import annotations` here:
Typer reads the `Annotated` options of functions defined in a local scope.
"""

import sys
from pathlib import Path
from typing import Annotated, Any

import typer


def register(app: typer.Typer) -> None:
    """Add the `report` and `export` commands to `app`."""
    from actorgraph.serve import cli
    from actorgraph.serve.console import err

    @app.command()
    def report(
        db: cli.DbOption = None,
        out: Annotated[Path, typer.Option("--out", "-o", help="HTML file to write.")] = Path("report.html"),
        since: cli.SinceOption = None,
        until: cli.UntilOption = None,
        actor: cli.ActorOption = None,
        region: cli.RegionOption = None,
        period: Annotated[
            str | None, typer.Option("--period", help="day, week or month (default: chosen from the date range).")
        ] = None,
        title: Annotated[str | None, typer.Option("--title", help="Title of the page.")] = None,
    ) -> None:
        """Write one self-contained HTML report: tension charts, alerts, stances, network, evidence."""
        from actorgraph.report import write_report

        if period is not None:
            cli._check_period(period)
        window = cli._window(since, until, actor, region)
        store = cli._store(db)
        try:
            path = _guard(lambda: write_report(store, out, window, title, period=period), out)  # type: ignore[arg-type]
        finally:
            store.close()
        size = path.stat().st_size
        err.print(f"wrote {path} ({size / 1024:,.0f} KB)")

    @app.command()
    def export(
        what: Annotated[str, typer.Argument(help="documents, actors, events, stances, quotes or polecat.")],
        output_format: Annotated[str, typer.Option("--format", help="csv, jsonl or parquet.")] = "csv",
        out: Annotated[
            str | None, typer.Option("--out", "-o", help="File to write (default WHAT.FORMAT; - for stdout).")
        ] = None,
        db: cli.DbOption = None,
        since: cli.SinceOption = None,
        until: cli.UntilOption = None,
        actor: cli.ActorOption = None,
        region: cli.RegionOption = None,
    ) -> None:
        """Export a table of the store (or the POLECAT-style event table) as CSV, JSON Lines or Parquet."""
        from actorgraph.export import FORMATS, WHATS
        from actorgraph.export import export as run

        what = what.lower()
        output_format = output_format.lower()
        if what not in WHATS:
            raise typer.BadParameter(f"use one of {', '.join(WHATS)}", param_hint="WHAT")
        if output_format not in FORMATS:
            raise typer.BadParameter(f"use one of {', '.join(FORMATS)}", param_hint="--format")
        target = out or f"{what}.{output_format}"
        if target == "-" and output_format == "parquet":
            raise typer.BadParameter("Parquet cannot go to stdout; give a file", param_hint="--out")
        window = cli._window(since, until, actor, region)
        store = cli._store(db)
        try:
            rows = _guard(lambda: run(store, what, output_format, target, window), target)
        finally:
            store.close()
        err.print(f"wrote {rows:,} {what} rows to {'stdout' if target == '-' else target}")


def _guard(work: Any, target: Any) -> Any:
    """Run `work`; a file that cannot be written is a one-line error (exit 2), not a traceback."""
    try:
        return work()
    except BrokenPipeError:
        raise
    except OSError as exc:
        from actorgraph.serve.console import err

        err.print(f"[red]error[/] cannot write {target}: {exc.strerror or exc}")
        sys.stdout.flush()
        raise typer.Exit(2) from exc
