"""`app check`: is this installation ready? One screen for a new deployment,
exit status 1 when something is wrong."""

import asyncio
import smtplib
import ssl
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Literal

import typer
from sqlalchemy import make_url, text

from app.cli.db import applied_revisions, newest_revisions
from app.cli.running import FAILED
from app.core.config import PLACEHOLDER_SECRET, settings
from app.core.db import create_engine

Status = Literal["ok", "warning", "failed"]
MARKS = {
    "ok": ("✓", typer.colors.GREEN),
    "warning": ("!", typer.colors.YELLOW),
    "failed": ("✗", typer.colors.RED),
}
TIMEOUT_SECONDS = 5.0


@dataclass(frozen=True, slots=True)
class Finding:
    status: Status
    message: str


async def check_settings() -> Finding:
    """Invalid settings stop every command before it starts (one line, exit
    1), so here they are valid; what is left to say is what works but
    should not stay so."""
    summary = f"valid (ENVIRONMENT={settings.ENVIRONMENT})"
    if settings.FIRST_SUPERUSER_PASSWORD == PLACEHOLDER_SECRET:
        return Finding("warning", f'{summary}; FIRST_SUPERUSER_PASSWORD is "{PLACEHOLDER_SECRET}"')
    return Finding("ok", summary)


def database_label() -> str:
    return make_url(settings.database_url).render_as_string(hide_password=True)


async def check_database() -> Finding:
    engine = create_engine(settings)
    try:
        async with asyncio.timeout(TIMEOUT_SECONDS), engine.connect() as connection:
            await connection.execute(text("SELECT 1"))
    except Exception as error:
        reason = str(getattr(error, "orig", None) or error).strip().splitlines()
        return Finding(
            "failed",
            f"{database_label()} did not answer: {reason[0] if reason else type(error).__name__}",
        )
    finally:
        await engine.dispose()
    return Finding("ok", f"{database_label()} answers")


async def check_migrations() -> Finding:
    try:
        applied = await applied_revisions()
    except Exception:
        return Finding("failed", "unknown: the database did not answer")
    newest = newest_revisions()
    if applied == newest:
        return Finding("ok", f"up to date ({', '.join(sorted(newest))})")
    if not applied:
        return Finding("failed", "none applied: run `app db upgrade`")
    return Finding("failed", f"behind ({', '.join(sorted(applied))}): run `app db upgrade`")


def smtp_answers() -> None:
    """Connect, greet, and log in when a user is set; send nothing."""
    host, port = settings.SMTP_HOST or "", settings.SMTP_PORT
    smtp: smtplib.SMTP
    if settings.SMTP_SSL:
        smtp = smtplib.SMTP_SSL(
            host, port, timeout=TIMEOUT_SECONDS, context=ssl.create_default_context()
        )
    else:
        smtp = smtplib.SMTP(host, port, timeout=TIMEOUT_SECONDS)
    with smtp:
        smtp.ehlo()
        if settings.SMTP_TLS and not settings.SMTP_SSL:
            smtp.starttls(context=ssl.create_default_context())
            smtp.ehlo()
        if settings.SMTP_USER:
            smtp.login(settings.SMTP_USER, settings.SMTP_PASSWORD or "")


async def check_smtp() -> Finding:
    if not settings.emails_enabled:
        status: Status = "warning" if settings.ENVIRONMENT == "local" else "failed"
        return Finding(
            status, "not configured: set SMTP_HOST and EMAILS_FROM_EMAIL; no email is sent"
        )
    where = f"{settings.SMTP_HOST}:{settings.SMTP_PORT}"
    try:
        await asyncio.to_thread(smtp_answers)
    except (OSError, smtplib.SMTPException) as error:
        return Finding("failed", f"{where} did not answer: {type(error).__name__}: {error}")
    return Finding("ok", f"{where} answers")


CHECKS: dict[str, Callable[[], Awaitable[Finding]]] = {
    "settings": check_settings,
    "database": check_database,
    "migrations": check_migrations,
    "email (SMTP)": check_smtp,
}


async def run_checks() -> dict[str, Finding]:
    return {name: await probe() for name, probe in CHECKS.items()}


def check() -> None:
    """Check the settings, that the database and the mail server answer and
    that the migrations are current: one line each, exit status 1 when
    something failed (warnings alone exit 0)."""
    findings = asyncio.run(run_checks())
    width = max(len(name) for name in findings)
    for name, finding in findings.items():
        mark, colour = MARKS[finding.status]
        typer.secho(f"{mark} {name:<{width}}  {finding.message}", fg=colour)
    if any(finding.status == "failed" for finding in findings.values()):
        raise typer.Exit(FAILED)
