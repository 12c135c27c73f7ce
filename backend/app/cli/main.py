"""The root of the command line: its command groups and global options."""

from typing import Annotated

import typer

from app.cli import check, db, maintenance, routes, seed, users

# region capability: background_jobs
from app.cli.jobs import cli as jobs_cli

# endregion capability: background_jobs
from app.cli.running import Options

cli = typer.Typer(
    name="app",
    help="Manage the app: database, users, sample data and checks.",
    no_args_is_help=True,
    # Docstrings are wrapped at 100 columns: markdown joins their lines again.
    rich_markup_mode="markdown",
    # Errors are one line (app/cli/running.py); --debug shows Python's own traceback.
    pretty_exceptions_enable=False,
)
cli.add_typer(db.cli, name="db")
cli.add_typer(users.cli, name="users")
# region capability: background_jobs
cli.add_typer(jobs_cli, name="jobs")
# endregion capability: background_jobs
cli.add_typer(maintenance.cli, name="maintenance")
cli.command()(seed.seed)
cli.command()(routes.routes)
cli.command()(check.check)


@cli.callback()
def options(
    debug: Annotated[
        bool, typer.Option("--debug", help="Show the traceback of an unexpected error.")
    ] = False,
) -> None:
    Options.debug = debug


def main() -> None:
    cli(prog_name="app")
