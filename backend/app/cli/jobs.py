"""`app jobs …`: the background jobs' worker and queue (app/jobs)."""

import json
from typing import Annotated

import typer
from rich.table import Table

from app.cli.running import database, print_table, run
from app.jobs import crud, worker
from app.jobs.models import JobPublic, JobState

cli = typer.Typer(help="Run the jobs' worker and look at the queue.", no_args_is_help=True)


@cli.command("run-worker")
def run_worker(
    name: Annotated[str | None, typer.Option(help="The worker's name in logs.")] = None,
) -> None:
    """Run jobs until SIGTERM or Ctrl-C, then finish the jobs in hand."""
    raise typer.Exit(worker.main(["--name", name] if name else []))


@cli.command("list")
def list_jobs(
    state: Annotated[JobState | None, typer.Option(help="Only jobs in this state.")] = None,
    kind: Annotated[str | None, typer.Option(help='Only jobs of this kind ("send_email").')] = None,
    limit: Annotated[int, typer.Option(min=1, help="How many, newest first.")] = 50,
    as_json: Annotated[bool, typer.Option("--json", help="JSON, one object per job.")] = False,
) -> None:
    """List jobs, newest first, with how many there are in each state."""

    async def work() -> tuple[list[JobPublic], int, dict[str, int]]:
        async with database() as session:
            jobs, count = await crud.list_jobs(
                session=session, state=state, kind=kind, skip=0, limit=limit
            )
            counts = await crud.count_jobs_by_state(session=session)
            return [JobPublic.model_validate(job) for job in jobs], count, counts.model_dump()

    jobs, count, counts = run(work())
    if as_json:
        typer.echo(json.dumps([job.model_dump(mode="json") for job in jobs], indent=2))
        return
    table = Table("Id", "Kind", "State", "Attempts", "Summary", "Created", box=None)
    for job in jobs:
        table.add_row(
            str(job.id)[:8],
            job.kind,
            job.state,
            str(job.attempts),
            job.summary or "",
            job.created_at.strftime("%Y-%m-%d %H:%M:%S"),
        )
    print_table(table)
    typer.echo(f"{len(jobs)} of {count} jobs; " + ", ".join(f"{n} {s}" for s, n in counts.items()))
