"""`app maintenance …`: housekeeping (app/maintenance.py)."""

import typer

from app import maintenance
from app.cli.running import run

cli = typer.Typer(help="Housekeeping.", no_args_is_help=True)


@cli.command()
def purge() -> None:
    """Delete sessions, emailed links, rate-limit windows and the like
    that stopped mattering more than a week ago. Runs at every deploy (prestart); run it
    daily on long-lived installs."""
    counts = run(maintenance.purge())
    typer.echo("Deleted " + ", ".join(f"{count} {name}" for name, count in counts.items()) + ".")
