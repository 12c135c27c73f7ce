"""Running the command line as its users do, and reading what it stored."""

import asyncio
from collections.abc import Sequence
from typing import Any, TypeVar

from sqlmodel import SQLModel, select
from sqlmodel.ext.asyncio.session import AsyncSession
from typer.testing import CliRunner, Result

from app.cli.main import cli
from app.core.config import settings, to_async_url
from app.core.db import create_engine

Model = TypeVar("Model", bound=SQLModel)


def invoke(*args: str, input: str | None = None) -> Result:
    """`app ARGS…`, with `input` typed at its prompts."""
    return CliRunner().invoke(cli, list(args), input=input, prog_name="app")


def rows(url: str, model: type[Model], *where: Any) -> Sequence[Model]:
    """What is stored, read on a connection of its own."""

    async def read() -> Sequence[Model]:
        engine = create_engine(settings, url=to_async_url(url))
        try:
            async with AsyncSession(engine) as session:
                return (await session.exec(select(model).where(*where))).all()
        finally:
            await engine.dispose()

    return asyncio.run(read())


def store(url: str, *new: SQLModel) -> None:
    """Commit rows, on a connection of its own."""

    async def write() -> None:
        engine = create_engine(settings, url=to_async_url(url))
        try:
            async with AsyncSession(engine) as session:
                session.add_all(new)
                await session.commit()
        finally:
            await engine.dispose()

    asyncio.run(write())
