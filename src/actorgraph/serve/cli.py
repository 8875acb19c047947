"""The `actorgraph` command line."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer

from actorgraph import __version__
from actorgraph.config import Settings
from actorgraph.errors import ActorgraphError
from actorgraph.serve.console import Reporter, err, progress, tick

app = typer.Typer(
    help="Who did what to whom: evidence-backed actors, events, stances and quotes from news.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
kb_app = typer.Typer(help="Look up and extend the knowledge base of actors.", no_args_is_help=True)
app.add_typer(kb_app, name="kb")

InputFormatOption = Annotated[
    str,
    typer.Option(
        "--input-format",
        help="How to read inputs: auto (by extension and content), text, html, jsonl.",
        case_sensitive=False,
    ),
]
KbOption = Annotated[
    list[Path] | None,
    typer.Option("--kb", help="Extra knowledge-base layer directory (repeatable).", exists=True, file_okay=False),
]


VerbsOption = Annotated[
    Path | None,
    typer.Option(
        "--verbs",
        help="A PETRARCH/TABARI verb dictionary (e.g. CAMEO.2.0.txt or your own) to code verbs with; "
        "it outranks the built-in trigger lexicon on the verbs it knows.",
        exists=True,
        dir_okay=False,
    ),
]


def _settings(**overrides: Any) -> Settings:
    from actorgraph.config import load_settings

    return load_settings(**overrides)


def check_verbs(settings: Settings) -> None:
    """Read a user's verb dictionary now, so that a bad one stops the command before any work."""
    if settings.verbs is not None:
        from actorgraph.nlp.verbdict import load_verb_dictionary

        load_verb_dictionary(settings.verbs)


def _write(record: dict[str, Any]) -> None:
    sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")


def version_callback(value: bool) -> None:
    if value:
        typer.echo(f"actorgraph {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[
        bool, typer.Option("--version", callback=version_callback, is_eager=True, help="Print the version.")
    ] = False,
) -> None:
    """actorgraph command line."""


@app.command()
def extract(
    paths: Annotated[list[str], typer.Argument(help="Files, directories, URLs, or - for stdin.")],
    output_format: Annotated[
        str, typer.Option("--format", help="Output: jsonl (one record per line) or table.")
    ] = "jsonl",
    input_format: InputFormatOption = "auto",
    max_bytes: Annotated[int | None, typer.Option(min=1, help="Largest input accepted, in bytes.")] = None,
    allow_private: Annotated[
        bool, typer.Option("--allow-private", help="Allow URLs on loopback/private addresses.")
    ] = False,
    kb: KbOption = None,
    verbs: VerbsOption = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No warnings or summary on stderr.")] = False,
) -> None:
    """Extract documents, actors, events, stances and quotes (the output contract) as JSON Lines."""
    from actorgraph.pipeline import Failed, Resources, code_each, prepare
    from actorgraph.records import extraction_records

    if output_format not in ("jsonl", "table"):
        raise typer.BadParameter("use jsonl or table", param_hint="--format")
    if input_format not in ("auto", "text", "html", "jsonl"):
        raise typer.BadParameter("use auto, text, html or jsonl", param_hint="--input-format")
    settings = _settings(max_bytes=max_bytes, allow_private=allow_private or None, kb_dirs=kb, verbs=verbs)
    reporter = Reporter(quiet=quiet)
    check_verbs(settings)
    resources = Resources(settings)
    prepared = prepare(paths, resources, input_format=input_format, warn=reporter.warn)  # type: ignore[arg-type]
    for item in prepared.skipped:
        reporter.skip(item)
    counts = {"documents": 0, "duplicates": 0, "actors": 0, "events": 0, "stances": 0, "quotes": 0}
    results = []
    with progress(len(prepared.documents), "extracting", enabled=not quiet) as bar:
        for extraction in tick(bar, code_each(prepared.documents, resources)):
            if isinstance(extraction, Failed):
                reporter.skip(extraction.skipped)
                continue
            counts["documents"] += 1
            counts["duplicates"] += extraction.document.duplicate_of is not None
            counts["actors"] += len(extraction.actors)
            counts["events"] += len(extraction.events)
            counts["stances"] += len(extraction.stances)
            counts["quotes"] += len(extraction.quotes)
            if output_format == "jsonl":
                for record in extraction_records(extraction):
                    _write(record)
                sys.stdout.flush()
            else:
                results.append(extraction)
    if output_format == "table":
        from actorgraph.serve.tables import print_extractions

        print_extractions(results)
    reporter.summary(**counts)
    raise typer.Exit(reporter.exit_code)


DbOption = Annotated[
    str | None,
    typer.Option("--db", help="Database URL (default: sqlite:///actorgraph.db, or $ACTORGRAPH_DB_URL)."),
]
ExecutorOption = Annotated[
    str, typer.Option("--executor", help="Where stories are coded: local (this process) or dask (a Dask cluster).")
]
SchedulerOption = Annotated[
    str | None,
    typer.Option("--scheduler", help="Address of a running Dask scheduler (tcp://host:8786); default: a local cluster."),
]
WorkersOption = Annotated[
    int | None, typer.Option("--workers", min=1, help="Worker processes of the local Dask cluster (default 2).")
]


@contextmanager
def _executor(name: str, scheduler: str | None, workers: int | None, settings: Settings, quiet: bool) -> Iterator[Any]:
    """The executor asked for on the command line; a Dask cluster it starts lives as long as the block."""
    name = name.lower()
    if name not in ("local", "dask"):
        raise typer.BadParameter("use local or dask", param_hint="--executor")
    if name == "local":
        if scheduler is not None or workers is not None:
            raise typer.BadParameter("only with --executor dask", param_hint="--scheduler/--workers")
        from actorgraph.pipeline import code_each

        yield code_each
        return
    if scheduler is not None and workers is not None:
        raise typer.BadParameter("a running scheduler brings its own workers; drop --workers", param_hint="--workers")
    from actorgraph.run.distributed import DaskExecutor

    if not quiet:
        where = f"connecting to the Dask scheduler at {scheduler}" if scheduler else (
            f"starting a local Dask cluster of {workers or 2} worker{'s' if (workers or 2) > 1 else ''}"
        )
        err.print(f"{where} (each worker loads the model once) ...")
    with DaskExecutor(settings, scheduler=scheduler, workers=workers or 2) as executor:
        yield executor


@app.command()
def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files, directories, URLs, or - for stdin.")],
    db: DbOption = None,
    input_format: InputFormatOption = "auto",
    max_bytes: Annotated[int | None, typer.Option(min=1, help="Largest input accepted, in bytes.")] = None,
    allow_private: Annotated[
        bool, typer.Option("--allow-private", help="Allow URLs on loopback/private addresses.")
    ] = False,
    batch_size: Annotated[int, typer.Option(min=1, help="Stories coded and committed per transaction.")] = 32,
    kb: KbOption = None,
    verbs: VerbsOption = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No warnings or summary on stderr.")] = False,
    executor: ExecutorOption = "local",
    scheduler: SchedulerOption = None,
    workers: WorkersOption = None,
) -> None:
    """Run the pipeline and keep everything in the store (re-running adds nothing new)."""
    settings = _settings(
        db_url=db, max_bytes=max_bytes, allow_private=allow_private or None, kb_dirs=kb, verbs=verbs
    )
    check_verbs(settings)
    reporter = Reporter(quiet=quiet)
    with _executor(executor, scheduler, workers, settings, quiet) as run_with:
        result = _ingest_into(
            paths, settings, reporter, input_format=input_format, batch_size=batch_size, executor=run_with
        )
    reporter.summary(**{k: v for k, v in result.counts().items() if k != "skipped"})
    raise typer.Exit(reporter.exit_code)


def _ingest_into(paths, settings: Settings, reporter: Reporter, **options: Any):  # noqa: ANN001, ANN202
    from actorgraph.pipeline import Resources
    from actorgraph.run import ingest as run_ingest
    from actorgraph.store import open_store

    store = open_store(settings.db_url)
    resources = Resources(settings)
    state: dict[str, Any] = {}

    def prepared(prep: Any, todo: int) -> None:
        for item in prep.skipped:
            reporter.skip(item)
        state["reported"] = len(prep.skipped)
        state["bar"] = progress_cm = progress(todo, "coding", enabled=not reporter.quiet)
        state["handle"] = progress_cm.__enter__()

    def advanced(n: int) -> None:
        bar = state.get("handle")
        if bar is not None:
            bar.advance(bar.task_ids[0], n)

    try:
        result = run_ingest(
            paths, store, resources, warn=reporter.warn, on_prepared=prepared, on_batch=advanced, **options
        )
    finally:
        if "bar" in state:
            state["bar"].__exit__(None, None, None)
        store.close()
    # Stories the executor gave up on come after the inputs skipped while reading them.
    for item in result.skipped[state.get("reported", 0) :]:
        reporter.skip(item)
    return result


@app.command()
def demo(
    db: Annotated[Path, typer.Option("--db", help="SQLite file for the demo store.")] = Path("actorgraph-demo.db"),
    extra: Annotated[
        list[Path] | None,
        typer.Option("--extra", help="More inputs to code with the samples (default: ../shared/corpus/seeds if there)."),
    ] = None,
    report: Annotated[Path, typer.Option(help="Where to write the HTML report.")] = Path("actorgraph-demo.html"),
    serve: Annotated[bool, typer.Option("--serve/--no-serve", help="Serve the dashboard at the end.")] = True,
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port for the dashboard (the next free one if taken).")] = 8000,
) -> None:
    """Code the bundled samples (and the seed pages), show what was found, write the report, serve the dashboard."""
    from actorgraph.report import write_report
    from actorgraph.serve.tables import print_store_summary
    from actorgraph.store import open_store

    corpus = Path(__file__).resolve().parent.parent / "samples" / "corpus"
    inputs = [corpus, *(extra if extra is not None else _default_seeds())]
    settings = _settings(db_url=f"sqlite:///{db}")
    reporter = Reporter()
    err.print(f"coding {', '.join(str(p) for p in inputs)} into {db} ...")
    result = _ingest_into([str(p) for p in inputs], settings, reporter)
    reporter.summary(**{k: v for k, v in result.counts().items() if k != "skipped"})
    store = open_store(settings.db_url)
    try:
        print_store_summary(store)
        write_report(store, report)
    finally:
        store.close()
    err.print(f"report written to {report.resolve()}")
    if serve:
        _serve_dashboard(settings, port)


def _default_seeds() -> list[Path]:
    for base in (Path.cwd(), Path(__file__).resolve().parents[3]):
        candidate = base.parent / "shared" / "corpus" / "seeds"
        if candidate.is_dir():
            return [candidate]
    return []


def _serve_dashboard(settings: Settings, port: int) -> None:
    """Serve the API and dashboard on 127.0.0.1 until interrupted, on `port` or the next free one."""
    import socket

    try:
        import uvicorn

        from actorgraph.serve.api import create_app
    except ImportError as exc:
        from actorgraph.errors import OptionalDependencyError

        raise OptionalDependencyError("the dashboard", "web") from exc
    host = "127.0.0.1"
    for candidate in range(port, port + 50):
        with socket.socket() as probe:
            if probe.connect_ex((host, candidate)) != 0:
                port = candidate
                break
    application = create_app(settings)
    err.print(f"[bold]dashboard:[/] http://{host}:{port}/  (API at /api, its docs at /docs; Ctrl-C stops it)")
    try:
        uvicorn.run(application, host=host, port=port, log_level="warning")
    finally:
        application.state.store.close()


def _shared_dir() -> Path | None:
    """../shared beside the project (from here, or from the installed package's checkout)."""
    for base in (Path.cwd(), Path(__file__).resolve().parents[3]):
        candidate = base.parent / "shared"
        if candidate.is_dir():
            return candidate
    return None


def _project_root() -> Path:
    for base in (Path.cwd(), Path(__file__).resolve().parents[3]):
        if (base / "eval").is_dir():
            return base
    return Path.cwd()


@app.command("eval")
def evaluate(
    split: Annotated[
        str, typer.Option("--split", help="dev (the gold we tune on), test (frozen), or all.")
    ] = "all",
    plover: Annotated[
        Path | None,
        typer.Option(help="Score only these gold sentences (JSON Lines, PLOVER's shape) instead of the default sets."),
    ] = None,
    gold: Annotated[
        list[Path] | None,
        typer.Option("--gold", help="Score only these directories of *.gold.json article gold (repeatable)."),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
    misses: Annotated[
        int, typer.Option(help="Show up to N missed gold events per dev section (test misses are never shown).")
    ] = 0,
    baseline: Annotated[
        Path | None, typer.Option(help="Fail (exit 1) if a score is under the floors in this baseline file.")
    ] = None,
    write_baseline: Annotated[
        Path | None, typer.Option(help="Write the current scores, less --margin, as the new floors (a reviewed act).")
    ] = None,
    margin: Annotated[float, typer.Option(help="How far under today's scores the written floors sit.")] = 0.02,
    kb: KbOption = None,
    verbs: VerbsOption = None,
) -> None:
    """Score the coder against gold: dev sets (tuned on) and the frozen test split, reported apart.

    Dev figures say what the coder does on text we have read; the test split, written from
    real reports by annotators who never saw the coder and never read while tuning, says what
    it does on news it has not met.
    """
    from actorgraph.evaluate import (
        GoldSet,
        Report,
        baseline_of,
        below_floors,
        default_gold_sets,
        evaluate_sets,
        sets_checksum,
    )
    from actorgraph.pipeline import Resources
    from actorgraph.serve.tables import print_report

    if split not in ("dev", "test", "all"):
        raise typer.BadParameter("use dev, test or all", param_hint="--split")
    resources = Resources(_settings(kb_dirs=kb, verbs=verbs))
    samples = Path(__file__).resolve().parent.parent / "samples"
    if plover is not None or gold:
        sets = ([GoldSet("plover", "sentences", (plover,))] if plover is not None else []) + (
            [GoldSet("articles", "articles", tuple(gold))] if gold else []
        )
    else:
        sets = default_gold_sets(_project_root(), _shared_dir(), samples)
        sets = [s for s in sets if split == "all" or s.name.startswith(split + ".")]
        if not any(s.name == "dev.plover" for s in sets) and split != "test":
            err.print("[yellow]note[/] ../shared is not beside the project: PLOVER's gold and the seed page are left out")
    report = Report()
    evaluate_sets(sets, resources, report)
    if as_json:
        typer.echo(json.dumps(report.as_dict(), indent=2))
    else:
        print_report(report, misses)
    checksum = sets_checksum(sets)
    if write_baseline is not None:
        written = baseline_of(report, checksum, margin)
        if write_baseline.exists():
            # floors measured elsewhere (PETRARCH conformance, by its test) are kept as they were
            old = json.loads(write_baseline.read_text(encoding="utf-8"))
            for part in ("floors", "scores"):
                for name, value in old.get(part, {}).items():
                    if name not in report.sections:
                        written[part].setdefault(name, value)
        write_baseline.write_text(json.dumps(written, indent=2) + "\n", encoding="utf-8")
        err.print(f"wrote floors to {write_baseline}")
    if baseline is not None:
        data = json.loads(baseline.read_text(encoding="utf-8"))
        if data.get("checksum") != checksum:
            err.print("[yellow]note[/] the gold files changed since the baseline was written; review and rewrite it")
        floors = {k: v for k, v in data["floors"].items() if k in report.sections}
        problems = below_floors(report, floors)
        for problem in problems:
            err.print(f"[red]below floor[/] {problem}")
        raise typer.Exit(1 if problems else 0)


@app.command()
def bench(
    corpus: Annotated[
        list[str] | None, typer.Argument(help="Files or directories (default: the bundled samples).")
    ] = None,
    repeat: Annotated[int, typer.Option(min=1, help="Runs of each phase; the median is reported.")] = 3,
    copies: Annotated[int, typer.Option(min=1, help="Code the corpus this many times over, for a longer run.")] = 1,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    dask: Annotated[
        bool,
        typer.Option("--dask", help="Instead: stories/s of the local executor and of Dask with 1 and 2 workers, "
                     "and the store's write rate (measured once)."),
    ] = False,
    docs: Annotated[int, typer.Option("--docs", min=1, help="With --dask: stories in the varied corpus.")] = 3000,
) -> None:
    """Articles/s, words/s and peak memory of extract, against the bare spaCy pipeline (or executors, --dask)."""
    inputs = corpus or [str(Path(__file__).resolve().parent.parent / "samples" / "corpus")]
    if dask:
        from actorgraph.bench import dask_benchmark, print_dask

        try:
            import distributed  # noqa: F401
        except ModuleNotFoundError as exc:
            from actorgraph.errors import OptionalDependencyError

            raise OptionalDependencyError("bench --dask", "dask") from exc
        if not as_json:
            err.print(f"coding {docs:,} stories locally, then on Dask with 1 and 2 workers (several minutes) ...")
        figures = dask_benchmark(inputs, docs)
        if as_json:
            typer.echo(json.dumps(figures, indent=2))
        else:
            print_dask(figures)
        return
    from actorgraph.bench import run
    from actorgraph.serve.tables import print_bench

    result = run(inputs, repeat=repeat, copies=copies)
    if as_json:
        typer.echo(json.dumps(result, indent=2))
    else:
        print_bench(result)


@app.command("bench-store")
def bench_store(
    db: Annotated[str, typer.Option("--db", help="Database URL of the (generated) store.")] = "sqlite:///actorgraph-bench.db",
    events: Annotated[int, typer.Option(help="Fill the store up to this many generated events.")] = 1_000_000,
    repeat: Annotated[int, typer.Option(min=1, help="Timed runs of each query.")] = 10,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Build a store of generated events (a million by default) and time every analysis on it."""
    from actorgraph.bench import store_benchmark
    from actorgraph.serve.tables import emit

    result = store_benchmark(db, events, repeat)
    if as_json:
        typer.echo(json.dumps(result, indent=2))
        return
    if result["built"]:
        built = result["built"]
        err.print(f"generated {built['events']:,} events in {built['seconds']} s ({built['rows_per_s']:,} rows/s)")
    err.print(f"store: {result['events']:,} events, {result['dyad_days']:,} dyad-days")
    emit([{"query": k, **v} for k, v in result["queries"].items()], "table", "query latency (ms)")


@app.command("bench-load")
def bench_load(
    corpus: Annotated[
        list[str] | None, typer.Argument(help="Files or directories the stories are made from (default: the samples).")
    ] = None,
    db: Annotated[
        str | None,
        typer.Option("--db", help="Store to serve; an empty one is filled first (default: a temporary SQLite file)."),
    ] = None,
    stories: Annotated[int, typer.Option(min=1, help="Stories coded into an empty store (the samples, varied).")] = 100,
    connections: Annotated[int, typer.Option(min=1, max=500, help="Requests kept in flight at once.")] = 20,
    seconds: Annotated[float, typer.Option(min=0.5, help="Timed seconds of each mix.")] = 30.0,
    warmup: Annotated[float, typer.Option(min=0.0, help="Untimed seconds of load before each mix is timed.")] = 3.0,
    mix: Annotated[
        list[str] | None, typer.Option("--mix", help="api or dashboard (repeatable; default: both, one after the other).")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Serve a store of coded stories and time API reads and dashboard pages under concurrent connections."""
    from actorgraph.bench import LOAD_MIXES, load_benchmark, print_load

    mixes = mix or list(LOAD_MIXES)
    for kind in mixes:
        if kind not in LOAD_MIXES:
            raise typer.BadParameter(f"{kind!r} is not a mix (use {' or '.join(LOAD_MIXES)})", param_hint="--mix")
    if not as_json:
        err.print(f"serving a store of {stories} stories (coded first if the store is empty) and driving "
                  f"{', '.join(mixes)} with {connections} connections for {seconds:g} s each ...")
    result = load_benchmark(db, inputs=corpus, stories=stories, connections=connections, seconds=seconds, warmup=warmup, mixes=mixes)
    if as_json:
        typer.echo(json.dumps(result, indent=2))
    else:
        print_load(result)


# ---- analyses -----------------------------------------------------------------------------------
SinceOption = Annotated[str | None, typer.Option("--since", help="First day (YYYY-MM-DD).")]
UntilOption = Annotated[str | None, typer.Option("--until", help="Last day (YYYY-MM-DD).")]
ActorOption = Annotated[
    list[str] | None, typer.Option("--actor", help="Only events involving this actor code (repeatable).")
]
RegionOption = Annotated[str | None, typer.Option("--region", help="Only this region (e.g. 'Western Balkans').")]
PeriodOption = Annotated[str, typer.Option("--period", help="day, week or month.")]
FormatOption = Annotated[str, typer.Option("--format", help="table, csv or json.")]


def _window(  # noqa: ANN202
    since: str | None, until: str | None, actors: list[str] | None, region: str | None, kb: list[Path] | None = None
):
    from actorgraph.analyze import Window

    start, end = _parse_day(since, "--since"), _parse_day(until, "--until")
    if start and end and start > end:
        raise typer.BadParameter(f"{start} is after --until {end}", param_hint="--since")
    window = Window(start, end, tuple(a.upper() for a in actors or ()), region)
    # The region's states come from the same knowledge base the pipeline coded with: the
    # configured layers and any --kb ones, so a layer's regions work with --region.
    return window.with_region_codes(_settings(kb_dirs=kb).kb_dirs) if region else window


def _store(db: str | None, *, readonly: bool = True):  # noqa: ANN202
    """An existing store at this code's schema; read-only unless the command writes rows.

    Neither way creates or migrates a store: that is for `ingest` and `db upgrade`.
    """
    from actorgraph.store import open_store

    return open_store(_settings(db_url=db).db_url, create=False, readonly=readonly)


def _check_period(period: str) -> None:
    if period not in ("day", "week", "month"):
        raise typer.BadParameter("use day, week or month", param_hint="--period")


def _without_empty_counts(rows: list[dict[str, Any]], output_format: str) -> list[dict[str, Any]]:
    """A table shows the kinds of count some row has; CSV and JSON keep every column."""
    if output_format != "table":
        return rows
    from actorgraph.analyze.reports import COUNT_KINDS

    empty = [k for k in COUNT_KINDS if not any(r.get(k) for r in rows)]
    return [{k: v for k, v in r.items() if k not in empty} for r in rows]


@app.command()
def dyads(
    db: DbOption = None, since: SinceOption = None, until: UntilOption = None, actor: ActorOption = None,
    region: RegionOption = None, kb: KbOption = None, period: PeriodOption = "month", output_format: FormatOption = "table",
    limit: Annotated[int, typer.Option(min=1, help="Most rows shown.")] = 50,
) -> None:
    """Events between pairs of actors by period: counts per PLOVER quad category and intensity."""
    from actorgraph.analyze import dyads as run
    from actorgraph.serve.tables import emit

    _check_period(period)
    store = _store(db)
    try:
        rows = run(store, _window(since, until, actor, region, kb), period, limit)  # type: ignore[arg-type]
    finally:
        store.close()
    out = [{**r.__dict__, "mean_intensity": round(r.mean_intensity, 2)} for r in rows]
    emit(_without_empty_counts(out, output_format), output_format, "dyads")


@app.command()
def timeline(
    db: DbOption = None, since: SinceOption = None, until: UntilOption = None, actor: ActorOption = None,
    region: RegionOption = None, kb: KbOption = None, period: PeriodOption = "week", output_format: FormatOption = "table",
    pair: Annotated[str | None, typer.Option(help="A pair of actor codes, e.g. SRB-XKX (both directions).")] = None,
) -> None:
    """Tension over time (conflict minus cooperation intensity) for a pair, a region or everything."""
    from actorgraph.analyze import timeline as run
    from actorgraph.serve.tables import emit

    _check_period(period)
    codes = tuple(pair.upper().split("-", 1)) if pair else None
    if codes is not None and len(codes) != 2:
        raise typer.BadParameter("use two codes joined by '-', e.g. SRB-XKX", param_hint="--pair")
    store = _store(db)
    try:
        points = run(store, _window(since, until, actor, region, kb), period, codes)  # type: ignore[arg-type]
    finally:
        store.close()
    emit(_without_empty_counts([dict(p.__dict__) for p in points], output_format), output_format, "timeline")


@app.command()
def alerts(
    db: DbOption = None, since: SinceOption = None, until: UntilOption = None, actor: ActorOption = None,
    region: RegionOption = None, kb: KbOption = None, period: PeriodOption = "week", output_format: FormatOption = "table",
    history: Annotated[int, typer.Option(min=1, help="Periods a value is compared against.")] = 8,
    threshold: Annotated[float, typer.Option(help="Standard deviations above the recent mean.")] = 2.0,
    min_tension: Annotated[float, typer.Option(help="Smallest tension worth an alert.")] = 10.0,
) -> None:
    """Escalation alerts: dyads whose tension breaks out of its recent range, with the evidence."""
    from actorgraph.analyze import alerts as run
    from actorgraph.serve.tables import emit

    _check_period(period)
    store = _store(db)
    try:
        found = run(store, _window(since, until, actor, region, kb), period, history, threshold, min_tension)  # type: ignore[arg-type]
    finally:
        store.close()
    rows = [
        {"pair": "-".join(a.pair), "period": a.period, "tension": a.tension, "reason": a.reason,
         "evidence": [e["evidence_text"] for e in a.evidence]}
        for a in found
    ]
    emit(rows, output_format, "alerts")


@app.command()
def stances(
    db: DbOption = None, since: SinceOption = None, until: UntilOption = None, actor: ActorOption = None,
    region: RegionOption = None, kb: KbOption = None, output_format: FormatOption = "table",
    limit: Annotated[int, typer.Option(min=1, help="Most cells shown.")] = 50,
) -> None:
    """The stance matrix: who stands for, against or neutral toward whom or what, with examples."""
    from actorgraph.analyze import stance_matrix
    from actorgraph.serve.tables import emit

    store = _store(db)
    try:
        cells = stance_matrix(store, _window(since, until, actor, region, kb), limit)
    finally:
        store.close()
    rows = [
        {"holder": c.holder, "target": c.target, "support": c.support, "oppose": c.oppose, "neutral": c.neutral,
         "example": c.examples[0]["evidence_text"] if c.examples else ""}
        for c in cells
    ]
    emit(rows, output_format, "stances")


@app.command()
def network(
    db: DbOption = None, since: SinceOption = None, until: UntilOption = None, actor: ActorOption = None,
    region: RegionOption = None, kb: KbOption = None, output_format: FormatOption = "table",
    export: Annotated[Path | None, typer.Option(help="Write the graph as GraphML (.graphml) or GEXF (.gexf).")] = None,
) -> None:
    """The actor network: cooperation and conflict ties, centrality and communities."""
    import networkx as nx

    from actorgraph.analyze import network as run
    from actorgraph.serve.tables import emit

    store = _store(db)
    try:
        result = run(store, _window(since, until, actor, region, kb))
    finally:
        store.close()
    if export is not None:
        graph = nx.DiGraph()
        for kind in ("cooperation", "conflict"):
            for source, target, data in result[kind].edges(data=True):
                if graph.has_edge(source, target):
                    graph[source][target][kind] = data["weight"]
                else:
                    graph.add_edge(source, target, **{kind: data["weight"]})
        for actor_row in result["actors"]:
            graph.add_node(actor_row["code"], **{k: v for k, v in actor_row.items() if k != "code"})
        for _source, _target, data in graph.edges(data=True):
            data.setdefault("cooperation", 0)
            data.setdefault("conflict", 0)
        if export.suffix.lower() == ".gexf":
            nx.write_gexf(graph, export)
        else:
            nx.write_graphml(graph, export)
        err.print(f"wrote {export} ({graph.number_of_nodes()} actors, {graph.number_of_edges()} ties)")
    emit(result["actors"], output_format, "network")


@app.command()
def changes(
    since: Annotated[str, typer.Argument(help="Show what is new on or after this day (YYYY-MM-DD).")],
    db: DbOption = None, until: UntilOption = None, actor: ActorOption = None, region: RegionOption = None,
    output_format: FormatOption = "table", kb: KbOption = None,
) -> None:
    """What changed: new actors, new dyads and new stances since a date."""
    from actorgraph.analyze import changes as run
    from actorgraph.serve.tables import emit

    day = _parse_day(since, "SINCE")
    if day is None:
        raise typer.BadParameter("give a day, YYYY-MM-DD", param_hint="SINCE")
    store = _store(db)
    try:
        found = run(store, day, _window(None, until, actor, region, kb))
    finally:
        store.close()
    if output_format == "json":
        typer.echo(json.dumps(found, indent=2, default=str))
        return
    for name, rows in found.items():
        emit(rows, output_format, f"new {name}")


@app.command()
def reprocess(
    db: DbOption = None,
    everything: Annotated[bool, typer.Option("--all", help="Re-code every story, not only older codings.")] = False,
    batch_size: Annotated[int, typer.Option(min=1, help="Stories per transaction.")] = 32,
    kb: KbOption = None,
    verbs: VerbsOption = None,
    executor: ExecutorOption = "local",
    scheduler: SchedulerOption = None,
    workers: WorkersOption = None,
) -> None:
    """Re-code stored stories with the current extractor, from their stored text (no re-fetching)."""
    from actorgraph.pipeline import Resources
    from actorgraph.run import reprocess as run
    from actorgraph.store import open_store

    settings = _settings(db_url=db, kb_dirs=kb, verbs=verbs)
    check_verbs(settings)
    reporter = Reporter()
    # The executor first: a mistaken option is a usage error before any store is opened or created.
    with _executor(executor, scheduler, workers, settings, reporter.quiet) as run_with:
        store = open_store(settings.db_url, create=False)
        try:
            with progress(None, "re-coding") as bar:

                def advanced(n: int) -> None:
                    if bar is not None:
                        bar.advance(bar.task_ids[0], n)

                result = run(
                    store, Resources(settings), everything=everything, batch_size=batch_size, executor=run_with,
                    on_batch=advanced,
                )
        finally:
            store.close()
    for item in result.skipped:
        reporter.skip(item)
    reporter.summary(**{k: v for k, v in result.counts().items() if k not in ("skipped", "unchanged")})
    raise typer.Exit(reporter.exit_code)


@kb_app.command("lookup")
def kb_lookup(
    name: Annotated[str, typer.Argument(help="A name, alias, acronym, adjective or capital.")],
    on: Annotated[str | None, typer.Option("--date", help="Resolve offices as of this date (YYYY-MM-DD).")] = None,
    kb: KbOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="JSON output.")] = False,
) -> None:
    """Show what the knowledge base knows about NAME (as of --date for people)."""
    from actorgraph.resolve.kb import KnowledgeBase
    from actorgraph.serve.tables import print_lookup

    day = _parse_day(on)
    knowledge = KnowledgeBase.load(_settings(kb_dirs=kb).kb_dirs)
    found = knowledge.lookup(name, day)
    rows = []
    for entry, alias in found:
        role, how = entry.role_at(day)
        rows.append(
            {
                "id": entry.id,
                "name": entry.name,
                "kind": entry.kind,
                "form": alias.form,
                "code": (role.code if role else entry.code),
                "sector": (alias.sector or (role.sector if role else entry.sector)),
                "type": entry.type,
                "office": role.describe() if role else None,
                "office_status": how if role else None,
                "layer": entry.layer,
            }
        )
    if as_json:
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        print_lookup(name, day, rows)
    raise typer.Exit(0 if rows else 1)


@kb_app.command("import")
def kb_import(
    paths: Annotated[list[Path], typer.Argument(help="PETRARCH/Phoenix dictionary files.", exists=True)],
    out: Annotated[Path, typer.Option("--out", help="Directory to write the new layer to.")],
) -> None:
    """Convert PETRARCH/TABARI actor and agent dictionaries into a knowledge-base layer."""
    from actorgraph.resolve.phoenix import import_dictionaries

    summary = import_dictionaries(paths, out, warn=Reporter().warn)
    err.print(
        f"wrote layer {out}: {summary.organisations} actors, {summary.people} dated roles, "
        f"{summary.agents} agent terms; use it with --kb {out} or ACTORGRAPH_KB_DIRS='[\"{out}\"]'"
    )


def _parse_day(value: str | None, option: str = "--date") -> date | None:
    from actorgraph.dates import DateError, parse_day

    try:
        return parse_day(value, option)
    except DateError as exc:
        raise typer.BadParameter(str(exc), param_hint=option) from exc


def _register_extensions() -> None:
    """Commands kept in their own modules (report and export, feed watching)."""
    import importlib

    for name in (
        "actorgraph.serve.cli_reports", "actorgraph.serve.cli_watch", "actorgraph.serve.cli_serve",
        "actorgraph.serve.cli_db",
    ):
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
            continue
        module.register(app)


_register_extensions()


def main() -> None:
    """Entry point: run the app; user-facing errors get one line, not a traceback."""
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    try:
        app()
    except ActorgraphError as exc:
        err.print(f"[red]error[/] {exc}")
        sys.exit(2)
    except BrokenPipeError:
        # Output piped into `head` and the like: stop quietly.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(0)
    except KeyboardInterrupt:
        err.print("interrupted")
        sys.exit(130)


if __name__ == "__main__":
    main()
