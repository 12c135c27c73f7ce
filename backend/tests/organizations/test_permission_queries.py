"""Deciding what a caller may do in an organization costs no query of its
own: the organization, the caller's membership and its custom role are read
with the token check's row (their session and user), and nothing of them is
read again."""

import re
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from fastapi.routing import APIRoute
from httpx import AsyncClient
from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncEngine
from sqlmodel.ext.asyncio.session import AsyncSession

from app.api import deps
from app.core.config import settings
from app.models import User
from app.organizations import crud as organizations
from app.organizations.models import Organization
from app.organizations.permissions import BuiltInRole
from tests.factories import (
    add_member,
    auth_headers,
    # region capability: items
    create_item,
    # endregion capability: items
    create_organization,
    create_user,
)
from tests.route_modules import every_route, resolution_order

pytestmark = pytest.mark.whole_app

API = settings.API_V1_STR
# The tables the permission check reads, as a statement names them.
ACCESS_TABLES = re.compile(r'\b"?(membership|organization_role)"?\b', re.IGNORECASE)


@contextmanager
def statements_run(engine: AsyncEngine) -> Iterator[list[str]]:
    """The SQL text of every statement sent to the database meanwhile."""
    sent: list[str] = []

    def record(_connection: Any, _cursor: Any, statement: str, *_rest: Any) -> None:
        sent.append(statement)

    event.listen(engine.sync_engine, "before_cursor_execute", record)
    try:
        yield sent
    finally:
        event.remove(engine.sync_engine, "before_cursor_execute", record)


def read_tables(sql: str) -> set[str]:
    return {name.lower() for name in re.findall(r'(?:FROM|JOIN)\s+"?(\w+)"?', sql, re.IGNORECASE)}


ROUTES = {
    "the organization": "",
    "its audit log": "/audit-log",
    "its activity": "/activity",
    # region capability: items
    "its items": "/items/",
    "an item": "/items/{item_id}",
    # endregion capability: items
}


async def make_caller(db: AsyncSession, organization: Organization, standing: str) -> User:
    """A caller who is an Admin, holds a custom role, or is a superuser
    outside the organization."""
    caller = await create_user(db=db, is_superuser=standing == "superuser")
    if standing == "admin":
        await add_member(db=db, organization=organization, user=caller, role=BuiltInRole.ADMIN)
    elif standing == "custom role":
        custom = await organizations.create_role(
            session=db,
            organization_id=organization.id,
            name="Readers",
            permissions=[
                "audit:read",
                # region capability: items
                "items:read",
                # endregion capability: items
            ],
        )
        await add_member(
            db=db, organization=organization, user=caller, role=None, custom_role=custom
        )
    return caller


@pytest.mark.parametrize("standing", ["admin", "custom role", "superuser"])
@pytest.mark.parametrize("route", ROUTES)
async def test_the_permission_check_is_read_with_the_token_check_in_one_query(
    client: AsyncClient, db: AsyncSession, engine: AsyncEngine, route: str, standing: str
) -> None:
    owner = await create_user(db=db)
    organization = await create_organization(db=db, owner=owner)
    caller = await make_caller(db, organization, standing)
    ids: dict[str, uuid.UUID] = {}
    # region capability: items
    ids["item_id"] = (await create_item(db=db, owner=owner, organization=organization)).id
    # endregion capability: items
    headers = await auth_headers(db=db, user=caller)
    url = f"{API}/orgs/{organization.id}" + ROUTES[route].format(**ids)

    with statements_run(engine) as sent:
        response = await client.get(url, headers=headers)

    assert response.status_code == 200, response.text
    reading_access = [sql for sql in sent if ACCESS_TABLES.search(sql)]
    assert len(reading_access) == 1, "\n\n".join(sent)
    (access,) = reading_access
    assert {"auth_session", "user", "organization", "membership", "organization_role"} <= (
        read_tables(access)
    )
    token_checks = [sql for sql in sent if "auth_session" in read_tables(sql)]
    assert token_checks == [access], "\n\n".join(sent)


ORGANIZATION_ROUTES = [route for route in every_route() if "{org_id}" in route.path]


def test_the_routes_inside_an_organization_are_found() -> None:
    found = {route.path for route in ORGANIZATION_ROUTES}
    assert {"/orgs/{org_id}/members/", "/orgs/{org_id}/invitations/"} <= found
    # region capability: items
    assert "/orgs/{org_id}/items/" in found
    # endregion capability: items


@pytest.mark.parametrize(
    "route", ORGANIZATION_ROUTES, ids=lambda route: f"{sorted(route.methods)} {route.path}"
)
def test_a_route_inside_an_organization_checks_the_token_once_with_its_permission(
    route: APIRoute,
) -> None:
    """`require_permission` does the token check joined with the permission
    check; a route that also asked for `CurrentUser` would run a second one."""
    order = resolution_order(route.dependant)
    assert deps.get_authenticated not in order
    assert [call for call in order if getattr(call, "__name__", "") == "access_with_permission"]
