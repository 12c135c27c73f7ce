"""How every command runs: its errors as one line on stderr and an exit
code that says what kind of failure it was; the traceback only with `--debug`.

Exit codes (development.md, "Management command line"):

    0  done
    1  failed (an error, or `check` found a problem)
    2  wrong usage: unknown command or option, invalid value (Typer's own)
    3  refused: the command would be unsafe here (say `--force` to insist)
    4  not found: no such user
    69 unavailable: the database did not answer (EX_UNAVAILABLE of sysexits.h)
"""

import asyncio
from collections.abc import AsyncIterator, Coroutine, Iterator
from contextlib import AsyncExitStack, asynccontextmanager, contextmanager
from typing import Any, NoReturn, TypeVar

import typer
from fastapi import BackgroundTasks
from rich.console import Console
from rich.table import Table
from sqlalchemy.exc import InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeoutError
from sqlmodel.ext.asyncio.session import AsyncSession

from app.api.mailer import Mailer
from app.core.config import settings
from app.core.db import create_engine, session_factory, transaction
from app.core.errors import AppError

# region capability: background_jobs
from app.jobs.queue import queue
from app.jobs.sessions import use_sessions
from app.jobs.worker import run_queued_jobs

# endregion capability: background_jobs

T = TypeVar("T")

FAILED = 1
USAGE = 2
REFUSED = 3
NOT_FOUND = 4
UNAVAILABLE = 69


class CommandError(Exception):
    """A failure the person running the command can act on: its message is
    all they see."""

    exit_code = FAILED


class Refused(CommandError):
    exit_code = REFUSED


class NotFoundError(CommandError):
    exit_code = NOT_FOUND


class Unavailable(CommandError):
    exit_code = UNAVAILABLE


class Options:
    """Options of the whole command line (set by its callback)."""

    debug = False


def fail(message: str, code: int) -> NoReturn:
    typer.secho(f"Error: {message}", err=True, fg=typer.colors.RED)
    raise typer.Exit(code)


def report(error: Exception) -> NoReturn:
    """One line and its exit code; with `--debug`, the traceback instead."""
    if Options.debug:
        raise error
    fail(*describe(error))


@contextmanager
def reported_errors() -> Iterator[None]:
    """Report what the block raises (for commands without async work)."""
    try:
        yield
    except Exception as error:
        report(error)


def describe(error: Exception) -> tuple[str, int]:
    if isinstance(error, CommandError):
        return str(error), error.exit_code
    if isinstance(error, AppError):
        codes = {403: REFUSED, 404: NOT_FOUND, 409: REFUSED}
        return str(error.detail), codes.get(error.status_code, FAILED)
    if isinstance(error, OperationalError | InterfaceError | PoolTimeoutError):
        reason = str(getattr(error, "orig", None) or error).strip().splitlines()[0]
        if unreachable(error):
            return f"the database did not answer ({reason})", UNAVAILABLE
        return f"database error: {reason}", FAILED
    return f"{type(error).__name__}: {error} (run with --debug for the traceback)", FAILED


def unreachable(error: Exception) -> bool:
    """Whether the database could not be reached, as opposed to refusing a
    statement: SQLSTATE class 08 on PostgreSQL, a file that cannot be opened
    on SQLite, or no connection free in time."""
    original = getattr(error, "orig", None)
    sqlstate = getattr(original, "sqlstate", None)
    if isinstance(error, InterfaceError | PoolTimeoutError):
        return True
    if sqlstate is not None:
        return str(sqlstate).startswith("08")
    message = str(original or error).lower()
    return any(words in message for words in ("connect", "unable to open", "timeout"))


def print_table(table: Table) -> None:
    """A table at the terminal's width, or whole when piped (no cut cells)."""
    console = Console()
    if not console.is_terminal:
        console = Console(width=1000)
    console.print(table)


def run(work: Coroutine[Any, Any, T]) -> T:
    """Run a command's async work, its errors reported as one line."""
    try:
        return asyncio.run(work)
    except Exception as error:
        report(error)


@asynccontextmanager
async def database() -> AsyncIterator[AsyncSession]:
    """A session in one transaction on the configured database, like a
    request's: committed when the block ends, rolled back if it raises.

    Mails sent in the block (through `mailer(session)`) go out as the API's
    do. An in-memory queue of jobs (SQLite) lives only as long as this
    process, so its jobs are run here, right after the commit.
    """
    engine = create_engine(settings)
    factory = session_factory(engine)
    # region capability: background_jobs
    use_sessions(factory)
    in_memory = settings.JOBS_ENABLED and settings.jobs_queue == "memory"
    # endregion capability: background_jobs
    # What the block opened (an in-memory queue), closed when it ends.
    opened = AsyncExitStack()
    try:
        # region capability: background_jobs
        if in_memory:
            await opened.enter_async_context(queue.open_async())
        # endregion capability: background_jobs
        background = BackgroundTasks()
        async with transaction(factory) as session:
            session.info[_BACKGROUND] = background
            yield session
        await background()
        # region capability: background_jobs
        if in_memory:
            await run_queued_jobs()
        # endregion capability: background_jobs
    finally:
        await opened.aclose()
        await engine.dispose()


_BACKGROUND = "cli_background_tasks"


def mailer(session: AsyncSession) -> Mailer:
    """The API's mailer, for a session from `database()`."""
    return Mailer(session, session.info[_BACKGROUND])
