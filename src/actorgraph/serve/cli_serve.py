"""`actorgraph serve` (the JSON API and dashboard over uvicorn) and `actorgraph keys` (API keys).

`actorgraph.serve.cli` imports this module at the end of its own import and calls `register(app)`;
the commands are defined inside `register`, after importing the option types of `cli`, so this
module never imports `cli` at its top. No `from __future__ import annotations` here: Typer reads
the `Annotated` options of functions defined in a local scope.
"""

import json
from typing import Annotated

import typer


def register(app: typer.Typer) -> None:
    """Add the `serve` command and the `keys` group to `app`."""
    from actorgraph.serve import cli
    from actorgraph.serve.console import err

    keys_app = typer.Typer(help="Create, list and revoke API keys (adding documents through the API needs one "
                                "that may write; reading, when the server requires a key, one that may read).",
                           no_args_is_help=True)
    app.add_typer(keys_app, name="keys")

    @app.command()
    def serve(
        db: cli.DbOption = None,
        host: Annotated[str | None, typer.Option(help="Address to listen on (default 127.0.0.1).")] = None,
        port: Annotated[int | None, typer.Option(help="Port to listen on (default 8000).")] = None,
        read_requires_key: Annotated[
            bool, typer.Option("--read-requires-key",
                         help="Require a key that may read for reading too (the dashboard, /docs and the schema).")
        ] = False,
        log_level: Annotated[str, typer.Option(help="uvicorn log level: warning, info, debug.")] = "info",
        read_only: Annotated[
            bool, typer.Option("--read-only", help="Open the store read-only: serve reads, refuse writes (503).")
        ] = False,
    ) -> None:
        """Serve the JSON API (/api, docs at /docs) and the dashboard over HTTP."""
        try:
            import uvicorn

            from actorgraph.serve.api import create_app
        except ImportError as exc:
            from actorgraph.errors import OptionalDependencyError

            raise OptionalDependencyError("the API server", "web") from exc
        settings = cli._settings(
            db_url=db, api_host=host, api_port=port, api_read_requires_key=read_requires_key or None
        )
        from actorgraph.store import open_store

        # Never created nor migrated here; an SQLite file the server may not write is still served.
        application = create_app(settings, open_store(settings.db_url, create=False, readonly=read_only))
        if settings.api_host not in ("127.0.0.1", "localhost", "::1") and not settings.api_read_requires_key:
            err.print(
                f"[yellow]note[/] listening on {settings.api_host}: anyone who reaches it can read the store "
                "(use --read-requires-key to need a key)"
            )
        err.print(f"serving the store at http://{settings.api_host}:{settings.api_port}/ (API docs at /docs)")
        try:
            uvicorn.run(application, host=settings.api_host, port=settings.api_port, log_level=log_level)
        finally:
            application.state.store.close()

    @keys_app.command("create")
    def keys_create(
        name: Annotated[str, typer.Option("--name", help="Who or what the key is for.")] = "default",
        scope: Annotated[
            list[str] | None,
            typer.Option("--scope", help="What the key may do: read, write (repeat for both; default both)."),
        ] = None,
        db: cli.DbOption = None,
    ) -> None:
        """Create a key and print it once (only its salted hash is stored)."""
        from actorgraph.serve.auth import SCOPES, create_key

        if not name.strip():
            raise typer.BadParameter("give the key a name", param_hint="--name")
        chosen = [s.strip().lower() for s in scope or SCOPES]
        unknown = [s for s in chosen if s not in SCOPES]
        if unknown:
            raise typer.BadParameter(f"unknown scope {unknown[0]!r} (use read or write)", param_hint="--scope")
        store = cli._store(db, readonly=False)
        try:
            record, key = create_key(store, name.strip(), chosen)
        finally:
            store.close()
        typer.echo(key)
        err.print(f"created key {record.id} '{record.name}' that may {record.scope_names.replace(', ', ' and ')}; "
                  "it is shown only now, so keep it somewhere safe")

    @keys_app.command("list")
    def keys_list(
        db: cli.DbOption = None,
        as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    ) -> None:
        """List the keys (never the keys themselves: their start, name and dates)."""
        from actorgraph.serve.auth import list_keys
        from actorgraph.serve.tables import emit

        store = cli._store(db)
        try:
            found = list_keys(store)
        finally:
            store.close()
        rows = [
            {"id": k.id, "name": k.name, "key": k.hint, "scopes": k.scope_names,
             "created": f"{k.created_at:%Y-%m-%d %H:%M}",
             "revoked": f"{k.revoked_at:%Y-%m-%d %H:%M}" if k.revoked_at else ""}
            for k in found
        ]
        if as_json:
            typer.echo(json.dumps(rows, indent=2))
        else:
            emit(rows, "table", "API keys")

    @keys_app.command("revoke")
    def keys_revoke(
        which: Annotated[str, typer.Argument(help="The key's id, its name, its start (ag_xxxxxxxxxxxx) or the key.")],
        db: cli.DbOption = None,
    ) -> None:
        """Revoke a key: requests with it get 403 from now on."""
        from actorgraph.serve.auth import revoke_key

        store = cli._store(db, readonly=False)
        try:
            record = revoke_key(store, which)
        finally:
            store.close()
        err.print(f"revoked key {record.id} '{record.name}' ({record.hint})")
