"""Seed a fresh benchmark database and print what the load needs as JSON.

Run in its own process, with DATABASE_URL and SECRET_KEY in the environment,
because the app reads its settings once at import time.
"""

import asyncio
import json
import sys
import uuid
from datetime import timedelta

from sqlalchemy import text

from app import auth, crud
from app.api.deps import SessionFactory, engine, hasher
from app.core.config import settings

# region capability: items
from app.models import ItemCreate
from app.organizations import crud as organizations

# endregion capability: items
from bench import generated

READER_EMAIL = "reader@example.com"
WRITER_EMAIL = "writer@example.com"
ADMIN_EMAIL = "bench-admin@example.com"
# Users in all, so that a superuser's GET /users/?limit=100 reads a full page.
USERS = 100
PASSWORD = "bench-Passw0rd-42"
ITEMS = 100
# Refresh tokens are single-use, so each refresh request needs its own; each
# token gets its own session too, as each client would have.
REFRESH_TOKEN_PREFIX = "bench-refresh-"


async def new_user(email: str, *, is_superuser: bool = False) -> uuid.UUID:
    async with SessionFactory.begin() as session:
        user = await crud.create_user(
            session=session,
            email=email,
            hashed_password=await hasher.hash(PASSWORD),
            is_verified=True,
            is_superuser=is_superuser,
        )
        return user.id


async def add_other_users(count: int) -> None:
    """Users without a password: only listed, never logged in as."""
    async with SessionFactory.begin() as session:
        for number in range(count):
            await crud.create_user(
                session=session,
                email=f"user-{number}@example.com",
                hashed_password=None,
                full_name=f"User {number}",
            )


async def access_token(user_id: uuid.UUID) -> str:
    async with SessionFactory.begin() as session:
        auth_session, _ = await crud.create_auth_session(
            session=session,
            user_id=user_id,
            lifetime=timedelta(days=1),
            user_agent="bench",
            ip_address="127.0.0.1",
        )
        return auth.issue_access_token(user_id, auth_session.id)


# region capability: items
async def add_items(owner_id: uuid.UUID, count: int) -> tuple[uuid.UUID, uuid.UUID]:
    """`count` items in the owner's personal organization; returns the
    organization's id and the last item's."""
    async with SessionFactory.begin() as session:
        organization = await organizations.get_personal_organization(
            session=session, user_id=owner_id
        )
        assert organization is not None  # made with the account
        for number in range(count):
            item = await crud.create_item(
                session=session,
                organization_id=organization.id,
                owner_id=owner_id,
                body=ItemCreate(title=f"Item {number}", description=f"Item {number}, seeded"),
            )
        return organization.id, item.id


# endregion capability: items


async def add_generated_rows(owner_id: uuid.UUID, count: int) -> uuid.UUID:
    async with SessionFactory.begin() as session:
        return await generated.add_rows(session, owner_id, count)


async def add_refresh_tokens(user_id: uuid.UUID, count: int) -> None:
    """Tokens `bench-refresh-<n>` for n in [0, count), generated in SQL: a
    hundred thousand ORM objects would take longer than the benchmark."""
    session_id = "md5('bench-session-' || n)::uuid"
    numbers = "FROM generate_series(0, :count - 1) AS n"
    async with SessionFactory.begin() as session:
        for statement in (
            "INSERT INTO auth_session (id, user_id, created_at, last_used_at, proven_at, "
            f"expires_at, user_agent, ip_address) SELECT {session_id}, :user_id, now(), now(), "
            f"now(), now() + interval '1 day', 'bench', '127.0.0.1' {numbers}",
            "INSERT INTO refresh_token (token_hash, session_id, created_at) "
            "SELECT encode(sha256(convert_to(:prefix || n, 'UTF8')), 'hex'), "
            f"{session_id}, now() {numbers}",
        ):
            await session.exec(  # type: ignore[call-overload]  # raw SQL bulk insert
                text(statement),
                params={"user_id": user_id, "prefix": REFRESH_TOKEN_PREFIX, "count": count},
            )


async def seed(refresh_tokens: int) -> dict[str, object]:
    reader = await new_user(READER_EMAIL)
    writer = await new_user(WRITER_EMAIL)
    admin = await new_user(ADMIN_EMAIL, is_superuser=True)
    await add_other_users(USERS - 3)
    # region capability: items
    reader_org, reader_item = await add_items(reader, ITEMS)
    writer_org, writer_item = await add_items(writer, 1)
    # endregion capability: items
    await add_refresh_tokens(reader, refresh_tokens)
    result: dict[str, object] = {
        "reader_token": await access_token(reader),
        "writer_token": await access_token(writer),
        "admin_token": await access_token(admin),
        # region capability: items
        "reader_org_id": str(reader_org),
        "writer_org_id": str(writer_org),
        "reader_item_id": str(reader_item),
        "writer_item_id": str(writer_item),
        # endregion capability: items
        "login_email": READER_EMAIL,
        "login_password": PASSWORD,
        "refresh_token_prefix": REFRESH_TOKEN_PREFIX,
        "refresh_tokens": refresh_tokens,
    }
    if generated.ENABLED:
        key = f"reader_{generated.SINGULAR}_id"
        result[key] = str(await add_generated_rows(reader, ITEMS))
        await add_generated_rows(writer, 1)
    await engine.dispose()
    return result


def main() -> None:
    if not settings.database_url.startswith("postgresql"):
        sys.exit("the benchmark seeds PostgreSQL only")
    print(json.dumps(asyncio.run(seed(int(sys.argv[1])))))


if __name__ == "__main__":
    main()
