"""`actorgraph report`, `export` and `runs`: the store as one HTML page, as flat files, and its run log.

`actorgraph.serve.cli` imports this module at the end of its own import and calls
`register(app)`. The commands are defined inside `register`, after importing the option types
and helpers of `cli`, so this module never imports `cli` at its top (no import cycle, also when
`cli` runs as `python -m actorgraph.serve.cli`). No `from __future__ import annotations` here:
Typer reads the `Annotated` options of functions defined in a local scope.
"""

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer


def register(app: typer.Typer) -> None:
    """Add the `report`, `export` and `runs` commands to `app`."""
    register_runs(app)
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
        kb: cli.KbOption = None,
    ) -> None:
        """Write one self-contained HTML report: tension charts, alerts, stances, network, evidence."""
        from actorgraph.report import write_report

        if period is not None:
            cli._check_period(period)
        window = cli._window(since, until, actor, region, kb)
        kb_dirs = cli._settings(kb_dirs=kb).kb_dirs
        store = cli._store(db)
        try:
            path = _guard(lambda: write_report(store, out, window, title, period=period, kb_dirs=kb_dirs), out)  # type: ignore[arg-type]
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
        dyad: Annotated[str | None, typer.Option("--dyad", help="Events: between two actors, either way: A-B.")] = None,
        kind: Annotated[str | None, typer.Option("--type", help="Events: of this PLOVER type.")] = None,
        quad: Annotated[str | None, typer.Option("--quad", help="Events: of this quad category.")] = None,
        modality: Annotated[str | None, typer.Option("--modality", help="Events: asserted, hypothetical or negated.")] = None,
        words: Annotated[str | None, typer.Option("--q", help="Events: whose evidence holds these words.")] = None,
        include_duplicates: Annotated[
            bool, typer.Option("--include-duplicates", help="Events: also those of stories that copy another.")
        ] = False,
        kb: cli.KbOption = None,
    ) -> None:
        """Export a table of the store (or the POLECAT-style event table) as CSV, JSON Lines or Parquet.

        Events and polecat rows leave out the events of duplicate stories (as the API and the
        dashboard count them) unless --include-duplicates is given.
        """
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
        window = cli._window(since, until, actor, region, kb)
        scope = window
        if what in ("events", "polecat"):
            scope = _event_query(window, dyad, kind, quad, modality, words, include_duplicates)
        elif dyad or kind or quad or modality or words or include_duplicates:
            raise typer.BadParameter(f"filters events and polecat rows, not {what}", param_hint="--dyad/--type/...")
        store = cli._store(db)
        try:
            rows = _guard(lambda: run(store, what, output_format, target, scope), target)
        finally:
            store.close()
        err.print(f"wrote {rows:,} {what} rows to {'stdout' if target == '-' else target}")


def _event_query(window: Any, dyad: str | None, kind: str | None, quad: str | None, modality: str | None,
                 words: str | None, include_duplicates: bool) -> Any:
    """The event filter of the export options, checked as the API checks its parameters."""
    from actorgraph.analyze.read import MODALITIES, EventQuery, parse_dyad
    from actorgraph.ontology import EVENT_TYPES, QUADS

    pair = parse_dyad(dyad)
    if dyad and pair is None:
        raise typer.BadParameter("give two actor codes as A-B", param_hint="--dyad")
    kind = kind.upper() if kind else None
    if kind and kind not in EVENT_TYPES:
        raise typer.BadParameter(f"not a PLOVER type: {kind}", param_hint="--type")
    if quad and quad not in QUADS:
        raise typer.BadParameter(f"use one of {', '.join(QUADS)}", param_hint="--quad")
    if modality and modality not in MODALITIES:
        raise typer.BadParameter(f"use one of {', '.join(MODALITIES)}", param_hint="--modality")
    return EventQuery.from_window(window, dyad=pair, type=kind, quad=quad, modality=modality,
                                  words=(words or "").strip() or None, include_duplicates=include_duplicates)


def _run_rows(runs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    rows = []
    for run in runs:
        started, finished = run["started_at"], run["finished_at"]
        counts = run["counts"] or {}
        rows.append({
            "id": run["id"],
            "command": run["command"],
            "started": started.isoformat(timespec="seconds") if started else None,
            "seconds": round((finished - started).total_seconds(), 1) if started and finished else None,
            "status": run["status"],
            "stories": counts.get("documents", 0),
            "events": counts.get("events", 0),
            "stances": counts.get("stances", 0),
            "quotes": counts.get("quotes", 0),
            "skipped": len(run["skipped"] or []),
            "extractor": run["extractor"],
            "message": run["message"] or "",
        })
    return rows


def register_runs(app: typer.Typer) -> None:
    """Add the `runs` command: what every ingest, reprocess and watch did, and what it skipped."""
    from actorgraph.serve import cli

    @app.command()
    def runs(
        db: cli.DbOption = None,
        limit: Annotated[int, typer.Option("--limit", "-n", min=1, help="The newest N runs.")] = 20,
        skipped: Annotated[bool, typer.Option("--skipped", help="Also list every skipped input and why.")] = False,
        output_format: cli.FormatOption = "table",
    ) -> None:
        """Recorded runs: when, status (a killed run shows as interrupted), counts, extractor, skipped inputs."""
        from actorgraph.serve.tables import emit

        store = cli._store(db)
        try:
            found = store.runs(limit)
        finally:
            store.close()
        if output_format == "json":
            typer.echo(json.dumps(found, indent=2, default=str, ensure_ascii=False))
            return
        rows = _run_rows(found)
        if output_format == "table":
            # The terminal gets what fits a line; the extractor and message go to csv and json.
            extractors = sorted({row.pop("extractor") for row in rows})
            for row in rows:
                row.pop("message")
                row["started"] = (row["started"] or "").replace("T", " ")
            emit(rows, output_format, "runs, newest first" + (f" ({', '.join(extractors)})" if extractors else ""))
        else:
            emit(rows, output_format, "runs")
        if skipped and output_format == "table":
            rows = [{"run": r["id"], "input": s.get("input"), "reason": s.get("reason")}
                    for r in found for s in (r["skipped"] or [])]
            emit(rows, "table", "skipped inputs")


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
