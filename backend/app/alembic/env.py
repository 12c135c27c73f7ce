"""Alembic runs migrations through the app's own async engine.

The URL comes from the app's settings unless the caller passes a connection
(tests do) or `-x url=...`.
"""

import asyncio
from collections.abc import Iterator
from contextlib import contextmanager
from logging.config import fileConfig

from alembic import context
from alembic.runtime.migration import MigrationContext
from sqlalchemy.engine import Connection
from sqlmodel import SQLModel

from app import models  # noqa: F401  # registers the tables on SQLModel.metadata
from app.core.config import settings, to_async_url
from app.core.db import create_engine

# region capability: file_storage
from app.files import models as files  # noqa: F401  # registers the attachments' table

# endregion capability: file_storage
# region capability: background_jobs
from app.jobs.models import queue_owns  # also registers the jobs' tables

# endregion capability: background_jobs
# region capability: organizations
from app.organizations import models as organizations  # noqa: F401  # and the organizations'

# endregion capability: organizations
# region capability: oauth
from app.signin.oauth_models import OAuthAccount  # noqa: F401  # and the connected accounts'

# endregion capability: oauth
# region capability: passkeys
from app.signin.passkey_models import Passkey  # noqa: F401  # and the passkeys'

# endregion capability: passkeys
# region capability: two_factor
from app.signin.two_factor_models import TwoFactor  # noqa: F401  # and two-factor authentication's

# endregion capability: two_factor

config = context.config
if config.config_file_name is not None and config.attributes.get("configure_logger", True):
    fileConfig(config.config_file_name, disable_existing_loggers=False)

# Tests pass other metadata to autogenerate against, or to build a database
# as older code did.
target_metadata = config.attributes.get("target_metadata", SQLModel.metadata)


# region capability: background_jobs
def not_the_queues_own(name: str | None, type_: str, _parents: object) -> bool:
    """procrastinate's tables are its own (created from its schema script):
    autogenerate leaves them alone."""
    return not (type_ == "table" and queue_owns(name or ""))


# endregion capability: background_jobs


def run_with(connection: Connection) -> None:
    with sqlite_foreign_keys_unenforced(connection) as unenforced:
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            compare_type=True,
            render_as_batch=connection.dialect.name == "sqlite",
            # region capability: background_jobs
            include_name=not_the_queues_own,
            # endregion capability: background_jobs
            on_version_apply=check_foreign_keys if unenforced else None,
        )
        with context.begin_transaction():
            context.run_migrations()


@contextmanager
def sqlite_foreign_keys_unenforced(connection: Connection) -> Iterator[bool]:
    """Batch migrations rebuild a SQLite table by copying it and dropping the
    original; while foreign keys are enforced, that drop deletes or nulls
    every row referencing the table (ON DELETE). SQLite's recipe for such
    changes (https://www.sqlite.org/lang_altertable.html#otheralter) turns
    enforcement off around them and checks the references before commit.

    The pragma is ignored inside a transaction, so it goes through the driver
    connection before SQLAlchemy begins one; a caller that hands in a
    connection already in a transaction keeps enforcement. Yields whether it
    was turned off.
    """
    if connection.dialect.name != "sqlite" or connection.in_transaction():
        yield False
        return
    cursor = connection.connection.cursor()
    cursor.execute("PRAGMA foreign_keys")
    row = cursor.fetchone()
    enforced = bool(row and row[0])
    cursor.execute("PRAGMA foreign_keys=OFF")
    try:
        yield True
        # Alembic commits each migration itself; what can still be open is its
        # reading (or creating) of the version table.
        if connection.in_transaction():
            connection.commit()
    finally:
        if connection.in_transaction():
            connection.rollback()
        cursor.execute(f"PRAGMA foreign_keys={'ON' if enforced else 'OFF'}")
        cursor.close()


def check_foreign_keys(ctx: MigrationContext, *_: object, **__: object) -> None:
    """Runs inside each migration's transaction, so that a migration leaving a
    reference dangling is rolled back."""
    assert ctx.connection is not None
    dangling = ctx.connection.exec_driver_sql("PRAGMA foreign_key_check").all()
    if dangling:
        raise RuntimeError(f"rows reference missing rows (table, rowid, parent, fk): {dangling}")


async def run_online() -> None:
    url = context.get_x_argument(as_dictionary=True).get("url")
    engine = create_engine(settings, url=to_async_url(url) if url else None)
    async with engine.connect() as connection:
        await connection.run_sync(run_with)
        await connection.commit()
    await engine.dispose()


def run_offline() -> None:
    context.configure(
        url=settings.database_url, target_metadata=target_metadata, literal_binds=True
    )
    with context.begin_transaction():
        context.run_migrations()


connection = config.attributes.get("connection")
if connection is not None:
    run_with(connection)
elif context.is_offline_mode():
    run_offline()
else:
    asyncio.run(run_online())
