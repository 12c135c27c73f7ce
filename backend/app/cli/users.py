"""`app users …`: accounts, by the same rules as the API's user admin
(app/user_admin.py), recorded in the audit log as done from the command line.

No password is ever taken as an argument (it would stay in the shell's
history and in the process list): it is asked for, hidden and typed twice,
or the user gets an emailed link to choose one."""

import json
from typing import Annotated, Any, TypeVar

import typer
from pydantic import BaseModel, ValidationError
from rich.table import Table
from sqlmodel.ext.asyncio.session import AsyncSession

from app import crud, initial_data, user_admin
from app.cli.running import (
    CommandError,
    NotFoundError,
    Refused,
    database,
    mailer,
    print_table,
    reported_errors,
    run,
)
from app.core.config import settings
from app.core.passwords import HashingLimiter
from app.models import User, UserCreate, UserPublic, UserUpdate

cli = typer.Typer(help="Create, list and deactivate users.", no_args_is_help=True)

EmailArgument = Annotated[str, typer.Argument(help="The user's email address.")]
Model = TypeVar("Model", bound=BaseModel)


def validated(model: type[Model], **fields: Any) -> Model:
    """The fields as the API would take them, or one line saying what is wrong."""
    try:
        return model.model_validate(fields)
    except ValidationError as error:
        problems = "; ".join(
            f"{'.'.join(str(part) for part in e['loc']) or 'value'}: {e['msg']}"
            for e in error.errors()
        )
        raise CommandError(problems) from None


async def required_user(session: AsyncSession, email: str) -> User:
    user = await crud.get_user_by_email(session=session, email=email)
    if user is None:
        raise NotFoundError(f"no user has the address {email}")
    return user


def require_emails() -> None:
    if not settings.emails_enabled:
        raise Refused(
            "emails are disabled (set SMTP_HOST and EMAILS_FROM_EMAIL): the link could not be sent"
        )


@cli.command()
def create(
    email: EmailArgument,
    full_name: Annotated[str | None, typer.Option(help="The user's name.")] = None,
    superuser: Annotated[bool, typer.Option("--superuser", help="Make a superuser.")] = False,
    send_link: Annotated[
        bool,
        typer.Option(
            "--send-link", help="Email a link to choose a password instead of asking for one."
        ),
    ] = False,
) -> None:
    """Create a user, asking for their password, or emailing them a link to
    choose one (--send-link). The address counts as verified: the operator
    vouches for it."""
    with reported_errors():
        if send_link:
            require_emails()
        else:
            validated(UserCreate, email=email, full_name=full_name)
    password = None
    if not send_link:
        password = typer.prompt("Password", hide_input=True, confirmation_prompt=True)
    with reported_errors():
        body = validated(
            UserCreate,
            email=email,
            full_name=full_name,
            password=password,
            is_superuser=superuser,
            is_verified=True,
        )

    async def work() -> User:
        async with database() as session:
            return await user_admin.create_account(
                session=session,
                hasher=HashingLimiter(1),
                mailer=mailer(session),
                actor=None,
                body=body,
                ip=None,
            )

    user = run(work())
    kind = "superuser" if user.is_superuser else "user"
    how = "a link to choose a password was emailed" if send_link else "they can log in now"
    typer.echo(f"Created {kind} {user.email}: {how}.")


@cli.command("set-password")
def set_password(email: EmailArgument) -> None:
    """Email the user a link to choose a new password (the password-recovery
    mail); their current password works until the link is used."""
    with reported_errors():
        require_emails()

    async def work() -> None:
        async with database() as session:
            user = await required_user(session, email)
            await user_admin.send_password_link(session=session, mailer=mailer(session), user=user)

    run(work())
    typer.echo(f"A link to choose a password was emailed to {email}.")


@cli.command()
def deactivate(email: EmailArgument) -> None:
    """Deactivate a user: they are logged out everywhere and can no longer
    log in. The last active superuser cannot be deactivated."""

    async def work() -> bool:
        async with database() as session:
            user = await required_user(session, email)
            if not user.is_active:
                return False
            await user_admin.update_account(
                session=session,
                hasher=HashingLimiter(1),
                actor=None,
                user=user,
                body=UserUpdate(is_active=False),
                ip=None,
            )
            return True

    changed = run(work())
    typer.echo(f"Deactivated {email}." if changed else f"{email} was already deactivated.")


@cli.command("list")
def list_users(
    as_json: Annotated[bool, typer.Option("--json", help="JSON, one object per user.")] = False,
    limit: Annotated[int, typer.Option(min=1, help="How many, newest first.")] = 100,
) -> None:
    """List users, newest first: a table, or JSON (--json) for scripts."""

    async def work() -> tuple[list[UserPublic], int]:
        async with database() as session:
            users, count = await crud.list_users(session=session, skip=0, limit=limit)
            return [UserPublic.model_validate(user) for user in users], count

    users, count = run(work())
    if as_json:
        typer.echo(json.dumps([user.model_dump(mode="json") for user in users], indent=2))
        return
    table = Table("Email", "Name", "Role", "Active", "Verified", "Created", box=None)
    for user in users:
        table.add_row(
            user.email,
            user.full_name or "",
            "superuser" if user.is_superuser else "user",
            "yes" if user.is_active else "no",
            "yes" if user.is_verified else "no",
            user.created_at.strftime("%Y-%m-%d %H:%M"),
        )
    print_table(table)
    typer.echo(f"{len(users)} of {count} users")


@cli.command("ensure-superuser")
def ensure_superuser() -> None:
    """Create FIRST_SUPERUSER if missing; when no active superuser is left,
    make that account one again. Running it again changes nothing."""

    outcome = run(initial_data.main_async())
    typer.echo(f"First superuser {settings.FIRST_SUPERUSER} {initial_data.OUTCOMES[outcome]}.")
