"""`app seed`: sample data for local work and demos (app/sample_data.py)."""

from typing import Annotated

import typer

from app import sample_data
from app.cli.running import Refused, database, reported_errors, run
from app.core.config import settings
from app.core.passwords import password_hash


def seed(
    users: Annotated[int, typer.Option(min=1, max=10_000, help="How many people.")] = 20,
    # region capability: organizations
    organizations: Annotated[
        int, typer.Option(min=0, max=1_000, help="How many shared organizations.")
    ] = 4,
    # endregion capability: organizations
    # region capability: items
    items_per_user: Annotated[
        int, typer.Option(min=0, max=1_000, help="About how many items each.")
    ] = 8,
    # endregion capability: items
    reset: Annotated[
        bool, typer.Option("--reset", help="Replace the sample data already there.")
    ] = False,
    if_empty: Annotated[
        bool,
        typer.Option(
            "--if-empty", help="Only when nothing but superusers is stored (a first run)."
        ),
    ] = False,
    force: Annotated[
        bool, typer.Option("--force", help="Run even though ENVIRONMENT is not local.")
    ] = False,
) -> None:
    """Add realistic sample data: people with names and addresses at
    @example.org, dates over the past months, and what the project's
    capabilities add (shared groups with members in every role, items).
    Every sample account's password is FIRST_SUPERUSER_PASSWORD. Running it
    again changes nothing; --reset replaces the sample data."""
    with reported_errors():
        if settings.ENVIRONMENT != "local" and not force:
            raise Refused(
                f"ENVIRONMENT={settings.ENVIRONMENT}: sample data belongs in local "
                "development (--force to add it anyway)"
            )

    async def work() -> str:
        async with database() as session:
            if if_empty and await sample_data.has_own_data(session=session):
                outcome = "The database holds data already: no sample data added."
            elif (existing := await sample_data.count_sample_users(session=session)) and not reset:
                outcome = (
                    f"Sample data is there already ({existing} users at "
                    f"@{sample_data.SAMPLE_DOMAIN}): --reset replaces it."
                )
            else:
                removed = await sample_data.remove(session=session)
                seeded = await sample_data.seed(
                    session=session,
                    users=users,
                    # region capability: organizations
                    organizations_count=organizations,
                    # endregion capability: organizations
                    # region capability: items
                    items_per_user=items_per_user,
                    # endregion capability: items
                    hashed_password=password_hash.hash(settings.FIRST_SUPERUSER_PASSWORD),
                )
                replaced = f" (replacing {removed})" if removed else ""
                outcome = f"Added {len(seeded.users)} users{replaced}"
                # region capability: organizations
                outcome += (
                    f", {len(seeded.organizations)} organizations with "
                    f"{seeded.invitations} pending invitations"
                )
                # endregion capability: organizations
                # region capability: items
                outcome += f", and {seeded.items} items"
                # endregion capability: items
                outcome += "."
            account = await sample_data.a_sample_account(session=session)
        if account is None:
            return outcome
        return (
            f"{outcome}\nSample accounts: {account} and the others at "
            f"@{sample_data.SAMPLE_DOMAIN} (`app users list`), "
            "password: FIRST_SUPERUSER_PASSWORD (.env)."
        )

    typer.echo(run(work()))
