"""Rich tables for people reading in a terminal (stdout)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date
from typing import Any

from rich.console import Console
from rich.table import Table

out = Console(highlight=False, soft_wrap=False)


def print_lookup(name: str, day: date | None, rows: Sequence[dict[str, Any]]) -> None:
    when = f" on {day.isoformat()}" if day else ""
    if not rows:
        out.print(f"nothing known as '{name}'")
        return
    table = Table(title=f"'{name}'{when}", title_justify="left")
    for column in ("code", "sector", "name", "kind", "form", "office", "layer"):
        table.add_column(column)
    for row in rows:
        office = row["office"] or ""
        if row["office_status"] and row["office_status"] != "current":
            office += f" [{row['office_status']}]"
        table.add_row(
            row["code"] or "-",
            row["sector"] or "-",
            row["name"],
            row["kind"],
            row["form"],
            office,
            row["layer"],
        )
    out.print(table)


def print_extractions(results: Sequence[Any]) -> None:
    for extraction in results:
        document = extraction.document
        title = document.title or document.text[:60].replace("\n", " ") + "…"
        dup = (
            f"  [dim](duplicate of {document.duplicate_of}, {document.containment:.0%})[/]"
            if document.duplicate_of
            else ""
        )
        out.print(f"[bold]{title}[/]  [dim]{document.id} {document.source}[/]{dup}")
        table = Table(show_header=True, box=None, pad_edge=False)
        for column in ("code", "sector", "actor", "type", "mentions", "score"):
            table.add_column(column)
        for actor in extraction.actors:
            table.add_row(
                actor.code or "-",
                actor.sector or "-",
                actor.name,
                actor.type,
                str(len(actor.mentions)),
                f"{actor.resolution.score:.2f}",
            )
        out.print(table)
        out.print()


def print_store_summary(store: Any, limit: int = 50) -> None:
    """What the store holds: each story with its actors (and coded facts, when present)."""
    from sqlalchemy import select

    from actorgraph.store import schema

    with store.engine.connect() as conn:
        docs = (
            conn.execute(
                select(schema.documents).order_by(schema.documents.c.published, schema.documents.c.id).limit(limit)
            )
            .mappings()
            .all()
        )
        for doc in docs:
            title = doc["title"] or (doc["text"][:70].replace("\n", " ") + "…")
            extra = (
                f"  [dim]duplicate of {doc['duplicate_of']} ({doc['containment']:.0%})[/]"
                if doc["duplicate_of"]
                else ""
            )
            when = doc["published"].isoformat() if doc["published"] else "undated"
            out.print(f"[bold]{title}[/]  [dim]{when} · {doc['id']}[/]{extra}")
            actors = conn.execute(
                select(schema.actors.c.code, schema.actors.c.sector, schema.actors.c.name).where(
                    schema.actors.c.doc_id == doc["id"]
                )
            ).all()
            names = ", ".join(
                f"{name} [dim]({code or '-'}{'/' + sector if sector else ''})[/]" for code, sector, name in actors
            )
            out.print(f"  actors: {names or '-'}")
            events = conn.execute(
                select(
                    schema.events.c.type,
                    schema.events.c.modality,
                    schema.events.c.source,
                    schema.events.c.target,
                    schema.events.c.evidence_text,
                )
                .where(schema.events.c.doc_id == doc["id"])
                .order_by(schema.events.c.evidence_start)
            ).all()
            for kind, modality, source, target, evidence in events:
                src = "+".join(r["code"] or "?" for r in source) or "?"
                tgt = "+".join(r["code"] or "?" for r in target) or "-"
                flag = "" if modality == "asserted" else f" [italic]{modality}[/]"
                out.print(f"  [cyan]{kind}[/] {src} → {tgt}{flag}  [dim]{evidence[:90]}[/]")
        out.print()


def print_report(report: Any, misses: int = 0) -> None:
    """The evaluation report: sections, then per-type scores, then some misses."""
    table = Table(
        title="actorgraph eval — dev.* is gold we tune on (dev figures); test.* is frozen and never read",
        title_justify="left",
    )
    for column in ("section", "P", "R", "F1", "matched", "output", "expected"):
        table.add_column(column, justify="right" if column != "section" else "left")
    for name, score in report.sections.items():
        table.add_row(
            name,
            f"{score.precision:.3f}",
            f"{score.recall:.3f}",
            f"{score.f1:.3f}",
            str(score.matched),
            str(score.output),
            str(score.expected),
        )
    out.print(table)
    for key, value in report.extra.items():
        out.print(f"{key}: {value}")
    for section, types in report.by_type.items():
        per = Table(title=f"{section} by type", title_justify="left")
        for column in ("type", "P", "R", "F1", "matched", "output", "expected"):
            per.add_column(column, justify="right" if column != "type" else "left")
        for kind, score in types.items():
            per.add_row(
                kind,
                f"{score.precision:.2f}",
                f"{score.recall:.2f}",
                f"{score.f1:.2f}",
                str(score.matched),
                str(score.output),
                str(score.expected),
            )
        out.print(per)
    if misses:
        for section, items in report.misses.items():
            if not items:
                continue
            out.print(f"[bold]{section}: {len(items)} misses[/]")
            for item in items[:misses]:
                out.print("  " + json.dumps(item, ensure_ascii=False))


def print_bench(result: dict[str, Any]) -> None:
    """Benchmark figures as a table."""
    table = Table(title="actorgraph bench", title_justify="left")
    for column in ("phase", "articles", "words", "seconds", "articles/s", "words/s", "peak MB"):
        table.add_column(column, justify="right" if column != "phase" else "left")
    for phase in ("bare", "extract"):
        for run in result[phase]:
            table.add_row(
                run["name"],
                str(run["articles"]),
                str(run["words"]),
                f"{run['seconds']:.2f}",
                f"{run['articles_per_s']:.1f}",
                f"{run['words_per_s']:.0f}",
                f"{run['peak_mb']:.0f}",
            )
    out.print(table)
    machine = result["machine"]
    out.print(
        f"median: spaCy {result['bare_words_per_s']:.0f} words/s, extract {result['extract_words_per_s']:.0f} "
        f"words/s ({result['extract_articles_per_s']:.1f} articles/s), ratio {result['ratio']:.2f}; "
        f"peak memory {result['extract_peak_mb']:.0f} MB; Python {machine['python']}, {machine['cores']} cores"
    )


def emit(rows: list[dict[str, Any]], output_format: str, title: str) -> None:
    """Rows as a Rich table, CSV or JSON on stdout."""
    if output_format == "json":
        out.file.write(json.dumps(rows, indent=2, default=str, ensure_ascii=False) + "\n")
        return
    if output_format == "csv":
        import csv
        import sys

        if rows:
            writer = csv.DictWriter(sys.stdout, fieldnames=list(rows[0]))
            writer.writeheader()
            for row in rows:
                writer.writerow({k: (json.dumps(v, ensure_ascii=False) if isinstance(v, list | dict) else v)
                                 for k, v in row.items()})
        return
    if output_format != "table":
        raise ValueError(f"unknown format {output_format!r}: use table, csv or json")
    table = Table(title=title, title_justify="left")
    if not rows:
        out.print(f"{title}: nothing in this window")
        return
    for column in rows[0]:
        table.add_column(column)
    for row in rows:
        table.add_row(*(_cell(v) for v in row.values()))
    out.print(table)


def _cell(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.2f}"
    if isinstance(value, list):
        return "\n".join(str(v)[:100] for v in value)
    return str(value)
