"""`actorgraph db upgrade` and `actorgraph db current`: the store's schema, migrated only when asked.

Every other command refuses a store whose schema is not this code's; these two are the way to
see where it stands and to bring it up to date. Registered by `actorgraph.serve.cli` as its other
extension modules are (no `cli` import at the top, no `from __future__ import annotations`).
"""

from typing import Annotated

import typer


def register(app: typer.Typer) -> None:
    """Add the `db` group to `app`."""
    from actorgraph.serve import cli
    from actorgraph.serve.console import err

    db_app = typer.Typer(help="The store's schema: where it stands, and migrating it (nothing else migrates).",
                         no_args_is_help=True)
    app.add_typer(db_app, name="db")

    @db_app.command("upgrade")
    def upgrade(db: cli.DbOption = None) -> None:
        """Migrate the store to this actorgraph's schema (creating it if new); back it up first."""
        from actorgraph.store.sql import upgrade_store

        before, after = upgrade_store(cli._settings(db_url=db).db_url)
        head = ", ".join(after.current)
        if before.state == "current":
            err.print(f"the store is at the newest schema revision already ({head})")
        elif before.state == "new":
            err.print(f"created the store at schema revision {head}")
        else:
            err.print(f"migrated the store from schema revision {', '.join(before.current)} to {head}")

    @db_app.command("current")
    def current(
        db: cli.DbOption = None,
        as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    ) -> None:
        """Print the store's schema revision and this actorgraph's newest; exit 1 unless they agree."""
        import json

        from actorgraph.store.sql import store_revision

        found = store_revision(cli._settings(db_url=db).db_url)
        if as_json:
            typer.echo(json.dumps({"current": list(found.current), "head": list(found.head), "state": found.state}))
        else:
            advice = {
                "current": "up to date",
                "behind": "behind: run `actorgraph db upgrade` to migrate it",
                "ahead": "ahead: this store was written by a newer actorgraph; upgrade actorgraph",
                "new": "no actorgraph schema yet: `actorgraph db upgrade` or `actorgraph ingest` creates it",
            }[found.state]
            typer.echo(f"current: {', '.join(found.current) or 'none'}")
            typer.echo(f"head:    {', '.join(found.head)}")
            typer.echo(f"status:  {advice}")
        raise typer.Exit(0 if found.state == "current" else 1)
