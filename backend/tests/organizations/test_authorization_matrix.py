"""Who may call what inside an organization, as one table: every route under
`/orgs/{org_id}/` by every kind of caller, and the status they get.

The routes come from the app itself: a route added without its row fails
`test_every_organization_route_has_a_row`. Besides its status, every answer
is checked for the other organization's data: none may ever appear."""

# region capability: file_storage
import uuid

# endregion capability: file_storage
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from httpx import AsyncClient
from sqlmodel.ext.asyncio.session import AsyncSession

from app.core.config import settings
from app.main import app
from tests.organizations.world import CALLERS, World, build_world

pytestmark = pytest.mark.whole_app

API = settings.API_V1_STR
PREFIX = f"{API}/orgs/{{org_id}}"
# A request body, fixed or made from the world's rows.
Body = dict[str, Any] | Callable[[World], dict[str, Any]] | None


@dataclass(frozen=True)
class Row:
    """A route's expected status per caller. Outsiders (the owner of another
    organization) and users with no membership always get 404; a superuser
    gets what an Owner gets unless said otherwise."""

    owner: int
    admin: int
    member: int
    viewer: int
    body: Body = None
    superuser: int | None = None
    query: str = ""
    content: bytes | None = None  # a raw body instead of JSON

    def expected(self, caller: str) -> int:
        if caller in ("outsider", "nobody"):
            return 404
        if caller == "superuser":
            return self.superuser if self.superuser is not None else self.owner
        return int(getattr(self, caller))


EVERYONE = Row(200, 200, 200, 200)
MANAGERS = Row(200, 200, 403, 403)
OWNER_ONLY = Row(200, 403, 403, 403)
# Adding to a resource: Members may, Viewers may not (the rows new-resource.sh writes use it).
WRITERS = Row(200, 200, 200, 403)


def with_body(row: Row, body: Body, query: str = "") -> Row:
    return Row(row.owner, row.admin, row.member, row.viewer, body, row.superuser, query)


# region capability: file_storage
# What the item's Owner and Admins may do to it, when what follows the
# permission check fails the same way for all of them (the world has no
# attachment, and keeps files on the server's disk).
ITEM_CHANGERS = Row(404, 404, 403, 403)
# endregion capability: file_storage


MATRIX: dict[str, Row] = {
    "GET /": EVERYONE,
    "GET /summary": EVERYONE,
    "PATCH /": with_body(OWNER_ONLY, {"name": "Renamed"}),
    "DELETE /": with_body(OWNER_ONLY, lambda w: {"confirmation": w.alpha.slug}),
    "POST /transfer-ownership": with_body(
        OWNER_ONLY, lambda w: {"user_id": str(w.users["admin"].id)}
    ),
    "GET /audit-log": MANAGERS,
    "GET /audit-log/emails": MANAGERS,
    "GET /activity": MANAGERS,
    "GET /members/": EVERYONE,
    # The last Owner cannot leave; a superuser who is not a member has nothing to leave.
    "DELETE /members/me": Row(409, 200, 200, 200, superuser=404),
    "PATCH /members/{user_id}": with_body(MANAGERS, {"role": "viewer"}),
    "DELETE /members/{user_id}": MANAGERS,
    "GET /roles/": EVERYONE,
    "POST /roles/": with_body(MANAGERS, {"name": "Editors", "permissions": ["members:read"]}),
    "PATCH /roles/{role_id}": with_body(MANAGERS, {"name": "Readers"}),
    "DELETE /roles/{role_id}": MANAGERS,
    "GET /invitations/": MANAGERS,
    "POST /invitations/": with_body(
        MANAGERS, {"email": "someone.new@example.com", "role": "member"}
    ),
    "POST /invitations/{invitation_id}/resend": MANAGERS,
    "DELETE /invitations/{invitation_id}": MANAGERS,
    # region capability: items
    "GET /items/": EVERYONE,
    "POST /items/": with_body(WRITERS, {"title": "New"}),
    "GET /items/{item_id}": EVERYONE,
    # The item is the Owner's: a Member may change and delete only their own.
    "PUT /items/{item_id}": with_body(MANAGERS, {"title": "Changed"}),
    "DELETE /items/{item_id}": MANAGERS,
    # region capability: file_storage
    # Attachments follow their item: read with it, changed by whoever may change it.
    "GET /items/{item_id}/attachments/": EVERYONE,
    # Bytes of no type the app accepts: 415 once the caller may attach, and
    # nothing is stored.
    "POST /items/{item_id}/attachments/": Row(
        415, 415, 403, 403, content=b"\x00\x9f\x92\x96" * 16, query="?filename=blob.bin"
    ),
    # Straight-to-S3 uploads are refused (409) where files stay on the server's disk.
    "POST /items/{item_id}/attachments/direct": with_body(
        Row(409, 409, 403, 403),
        {"filename": "a.pdf", "size": 10, "content_type": "application/pdf"},
    ),
    "POST /items/{item_id}/attachments/{attachment_id}/complete": ITEM_CHANGERS,
    "GET /items/{item_id}/attachments/{attachment_id}/link": Row(404, 404, 404, 404),
    "DELETE /items/{item_id}/attachments/{attachment_id}": ITEM_CHANGERS,
    # endregion capability: file_storage
    # endregion capability: items
}


def organization_routes() -> set[str]:
    """Every operation the API documents inside an organization, as MATRIX
    names them."""
    return {
        f"{method.upper()} {path.removeprefix(PREFIX) or '/'}"
        for path, operations in app.openapi()["paths"].items()
        if path.startswith(PREFIX)
        for method in operations
    }


# region capability: file_storage
NO_ATTACHMENT = uuid.uuid4()
# endregion capability: file_storage


def url(world: World, key: str) -> str:
    rest = key.split(" ", 1)[1]
    filled = rest.format(
        **world.ids,
        # region capability: file_storage
        attachment_id=NO_ATTACHMENT,
        # endregion capability: file_storage
    )
    row = MATRIX[key]
    return f"{API}/orgs/{world.alpha.id}{'' if filled == '/' else filled}{row.query}"


def test_every_organization_route_has_a_row() -> None:
    missing = organization_routes() - MATRIX.keys()
    assert missing == set(), f"add these routes to MATRIX: {sorted(missing)}"


def test_every_row_is_a_route_the_app_serves() -> None:
    assert MATRIX.keys() - organization_routes() == set()


@pytest.mark.parametrize("caller", CALLERS)
@pytest.mark.parametrize("key", sorted(MATRIX))
async def test_caller_gets_the_expected_status_and_nothing_of_another_organization(
    client: AsyncClient, db: AsyncSession, key: str, caller: str
) -> None:
    world = await build_world(db)
    row = MATRIX[key]
    method = key.split(" ", 1)[0]
    response = await client.request(
        method,
        url(world, key),
        headers=await world.headers(db, caller),
        json=row.body(world) if callable(row.body) else row.body,
        content=row.content,
    )
    assert response.status_code == row.expected(caller), response.text
    for marker in world.bravo_markers:
        assert marker not in response.text
    if caller in ("outsider", "nobody"):
        for marker in world.alpha_markers:
            assert marker not in response.text
