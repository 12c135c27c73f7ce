"""Invitations: sent by email through the queue, accepted once by the
signed-in owner of the invited, confirmed address."""

import re
from datetime import timedelta
from html import unescape
from urllib.parse import parse_qs, urlsplit

import pytest
from httpx import AsyncClient
from sqlmodel import select, update
from sqlmodel.ext.asyncio.session import AsyncSession

from app.core.config import settings
from app.core.security import hash_opaque_token
from app.models import AuditLog, User, utcnow
from app.organizations.models import Invitation, Organization
from app.organizations.permissions import BuiltInRole
from tests.factories import (
    add_member,
    auth_headers,
    create_organization,
    create_user,
    token_in_link,
)
from tests.smtp import SmtpServer

API = settings.API_V1_STR
ACCEPT = f"{API}/invitations/accept"
INVALID = (
    "This invitation is not valid any more: it was used, revoked, replaced by a newer "
    "email, or it expired. Ask for a new one"
)


async def owned_organization(db: AsyncSession) -> tuple[Organization, User, dict[str, str]]:
    owner = await create_user(db=db, full_name="Olive Owner")
    organization = await create_organization(db=db, owner=owner, name="Acme Labs")
    return organization, owner, await auth_headers(db=db, user=owner)


async def invite(
    client: AsyncClient,
    organization: Organization,
    headers: dict[str, str],
    email: str,
    role: str = "member",
) -> dict[str, object]:
    response = await client.post(
        f"{API}/orgs/{organization.id}/invitations/",
        headers=headers,
        json={"email": email, "role": role},
    )
    assert response.status_code == 200, response.text
    body: dict[str, object] = response.json()
    return body


def link_token(smtp_server: SmtpServer, email: str) -> str:
    """The token of the newest invitation mailed to `email`."""
    return token_in_link(smtp_server.to(email)[-1].html, "/invitations/accept")


async def test_an_invited_person_signs_up_confirms_and_joins_with_the_invited_role(
    client: AsyncClient, db: AsyncSession, smtp_server: SmtpServer
) -> None:
    organization, owner, headers = await owned_organization(db)
    await invite(client, organization, headers, "newcomer@example.com", role="viewer")

    (mail,) = smtp_server.to("newcomer@example.com")
    assert "Join Acme Labs" in mail.subject
    assert "Olive Owner" in mail.html
    token = link_token(smtp_server, "newcomer@example.com")
    preview = await client.post(f"{API}/invitations/preview", json={"token": token})
    assert preview.json()["organization_name"] == "Acme Labs"
    assert preview.json()["role_name"] == "Viewer"

    password = "newcomer-Passw0rd!"
    back_here = f"/invitations/accept?token={token}"
    signup = await client.post(
        f"{API}/users/signup",
        json={"email": "newcomer@example.com", "password": password, "return_to": back_here},
    )
    assert signup.status_code == 200
    verification = smtp_server.to("newcomer@example.com")[-1].html
    assert verification_link_next(verification) == back_here
    verify = token_in_link(verification, "/verify-email")
    assert (await client.post(f"{API}/users/verify-email", json={"token": verify})).is_success
    login = await client.post(
        f"{API}/login/access-token",
        data={"username": "newcomer@example.com", "password": password},
    )
    newcomer = {"Authorization": f"Bearer {login.json()['access_token']}"}

    joined = await client.post(ACCEPT, headers=newcomer, json={"token": token})
    assert joined.status_code == 200, joined.text
    assert (joined.json()["id"], joined.json()["role"]) == (str(organization.id), "viewer")
    members = await client.get(f"{API}/orgs/{organization.id}/members/", headers=newcomer)
    assert {(m["email"], m["role"]) for m in members.json()["data"]} == {
        (owner.email, "owner"),
        ("newcomer@example.com", "viewer"),
    }
    inviting = await client.post(
        f"{API}/orgs/{organization.id}/invitations/",
        headers=newcomer,
        json={"email": "another@example.com", "role": "viewer"},
    )
    assert inviting.status_code == 403


def verification_link_next(html: str) -> str | None:
    """Where the emailed verification link leads once the address is confirmed."""
    found = re.search(r'href="([^"]*/verify-email\?[^"]*)"', html)
    assert found is not None, "no verification link in the email"
    query = parse_qs(urlsplit(unescape(found.group(1))).query)
    return query["next"][0] if "next" in query else None


@pytest.mark.parametrize(
    "elsewhere",
    ["https://evil.example/accept", "//evil.example/accept", "/\\evil.example", "accept"],
)
async def test_a_sign_up_return_path_off_the_dashboard_is_ignored(
    client: AsyncClient, smtp_server: SmtpServer, elsewhere: str
) -> None:
    email = f"wanderer-{len(elsewhere)}@example.com"
    signup = await client.post(
        f"{API}/users/signup",
        json={"email": email, "password": "wanderer-Passw0rd!", "return_to": elsewhere},
    )
    assert signup.status_code == 200
    assert verification_link_next(smtp_server.to(email)[-1].html) is None


async def test_the_link_works_once(
    client: AsyncClient, db: AsyncSession, smtp_server: SmtpServer
) -> None:
    organization, _owner, headers = await owned_organization(db)
    invitee = await create_user(db=db)
    await invite(client, organization, headers, invitee.email)
    token = link_token(smtp_server, invitee.email)
    invitee_headers = await auth_headers(db=db, user=invitee)
    assert (await client.post(ACCEPT, headers=invitee_headers, json={"token": token})).is_success
    again = await client.post(ACCEPT, headers=invitee_headers, json={"token": token})
    assert (again.status_code, again.json()["detail"]) == (400, INVALID)


async def test_only_the_links_hash_is_stored(
    client: AsyncClient, db: AsyncSession, smtp_server: SmtpServer
) -> None:
    organization, _owner, headers = await owned_organization(db)
    await invite(client, organization, headers, "hashed@example.com")
    token = link_token(smtp_server, "hashed@example.com")
    stored = (
        await db.exec(select(Invitation).where(Invitation.email == "hashed@example.com"))
    ).one()
    assert stored.token_hash == hash_opaque_token(token)
    assert token not in stored.token_hash
    assert stored.expires_at - stored.created_at == timedelta(days=7)


async def test_a_resent_invitation_replaces_the_earlier_link(
    client: AsyncClient, db: AsyncSession, smtp_server: SmtpServer
) -> None:
    organization, _owner, headers = await owned_organization(db)
    invitee = await create_user(db=db)
    sent = await invite(client, organization, headers, invitee.email)
    older = link_token(smtp_server, invitee.email)
    resent = await client.post(
        f"{API}/orgs/{organization.id}/invitations/{sent['id']}/resend", headers=headers
    )
    assert resent.status_code == 200
    newer = link_token(smtp_server, invitee.email)
    invitee_headers = await auth_headers(db=db, user=invitee)
    refused = await client.post(ACCEPT, headers=invitee_headers, json={"token": older})
    assert refused.status_code == 400
    assert (await client.post(ACCEPT, headers=invitee_headers, json={"token": newer})).is_success


async def test_a_revoked_invitation_cannot_be_accepted_nor_is_listed(
    client: AsyncClient, db: AsyncSession, smtp_server: SmtpServer
) -> None:
    organization, _owner, headers = await owned_organization(db)
    invitee = await create_user(db=db)
    sent = await invite(client, organization, headers, invitee.email)
    token = link_token(smtp_server, invitee.email)
    revoked = await client.delete(
        f"{API}/orgs/{organization.id}/invitations/{sent['id']}", headers=headers
    )
    assert revoked.status_code == 200
    pending = await client.get(f"{API}/orgs/{organization.id}/invitations/", headers=headers)
    assert pending.json() == {"data": [], "count": 0}
    refused = await client.post(
        ACCEPT, headers=await auth_headers(db=db, user=invitee), json={"token": token}
    )
    assert refused.status_code == 400


async def test_an_expired_invitation_cannot_be_accepted(
    client: AsyncClient, db: AsyncSession, smtp_server: SmtpServer
) -> None:
    organization, _owner, headers = await owned_organization(db)
    invitee = await create_user(db=db)
    await invite(client, organization, headers, invitee.email)
    token = link_token(smtp_server, invitee.email)
    await db.exec(update(Invitation).values(expires_at=utcnow() - timedelta(seconds=1)))
    await db.commit()
    refused = await client.post(
        ACCEPT, headers=await auth_headers(db=db, user=invitee), json={"token": token}
    )
    assert (refused.status_code, refused.json()["detail"]) == (400, INVALID)


async def test_accepting_needs_the_invited_address(
    client: AsyncClient, db: AsyncSession, smtp_server: SmtpServer
) -> None:
    organization, _owner, headers = await owned_organization(db)
    await invite(client, organization, headers, "the-invited@example.com")
    token = link_token(smtp_server, "the-invited@example.com")
    someone_else = await auth_headers(db=db, user=await create_user(db=db))
    refused = await client.post(ACCEPT, headers=someone_else, json={"token": token})
    assert refused.status_code == 403
    assert "another email address" in refused.json()["detail"]


async def test_accepting_needs_a_confirmed_address(
    client: AsyncClient, db: AsyncSession, smtp_server: SmtpServer
) -> None:
    organization, _owner, headers = await owned_organization(db)
    invitee = await create_user(db=db, is_verified=False)
    await invite(client, organization, headers, invitee.email)
    token = link_token(smtp_server, invitee.email)
    refused = await client.post(
        ACCEPT, headers=await auth_headers(db=db, user=invitee), json={"token": token}
    )
    assert refused.status_code == 403
    assert "Confirm your email address" in refused.json()["detail"]


async def test_accepting_needs_a_signed_in_account(
    client: AsyncClient, db: AsyncSession, smtp_server: SmtpServer
) -> None:
    organization, _owner, headers = await owned_organization(db)
    await invite(client, organization, headers, "later@example.com")
    token = link_token(smtp_server, "later@example.com")
    assert (await client.post(ACCEPT, json={"token": token})).status_code == 401


async def test_inviting_a_member_is_a_conflict(client: AsyncClient, db: AsyncSession) -> None:
    organization, _owner, headers = await owned_organization(db)
    member = await create_user(db=db)
    await add_member(db=db, organization=organization, user=member)
    response = await client.post(
        f"{API}/orgs/{organization.id}/invitations/",
        headers=headers,
        json={"email": member.email.upper()},
    )
    assert response.status_code == 409
    assert response.json()["detail"] == "This person is already a member of the organization"


async def test_inviting_an_address_twice_asks_to_resend(
    client: AsyncClient, db: AsyncSession
) -> None:
    organization, _owner, headers = await owned_organization(db)
    await invite(client, organization, headers, "twice@example.com")
    again = await client.post(
        f"{API}/orgs/{organization.id}/invitations/",
        headers=headers,
        json={"email": "twice@example.com"},
    )
    assert again.status_code == 409
    assert "resend it" in again.json()["detail"]


async def test_an_admin_cannot_invite_an_owner(client: AsyncClient, db: AsyncSession) -> None:
    organization, _owner, _headers = await owned_organization(db)
    admin = await create_user(db=db)
    await add_member(db=db, organization=organization, user=admin, role=BuiltInRole.ADMIN)
    response = await client.post(
        f"{API}/orgs/{organization.id}/invitations/",
        headers=await auth_headers(db=db, user=admin),
        json={"email": "new-boss@example.com", "role": "owner"},
    )
    assert response.status_code == 403


@pytest.mark.parametrize("role", ["superhero", "00000000-0000-0000-0000-000000000000"])
async def test_an_unknown_role_is_refused(client: AsyncClient, db: AsyncSession, role: str) -> None:
    organization, _owner, headers = await owned_organization(db)
    response = await client.post(
        f"{API}/orgs/{organization.id}/invitations/",
        headers=headers,
        json={"email": "someone@example.com", "role": role},
    )
    assert (response.status_code, response.json()) == (
        400,
        {"detail": "There is no such role in this organization"},
    )


async def test_invitations_are_limited_per_organization(
    client: AsyncClient, db: AsyncSession
) -> None:
    organization, owner, headers = await owned_organization(db)
    for number in range(settings.INVITATIONS_PER_ORGANIZATION):
        await invite(client, organization, headers, f"person-{number}@example.com")
    refused = await client.post(
        f"{API}/orgs/{organization.id}/invitations/",
        headers=headers,
        json={"email": "one-too-many@example.com"},
    )
    assert refused.status_code == 429
    assert refused.headers["retry-after"].isdigit()
    other = await create_organization(db=db, owner=owner, name="Elsewhere")
    await invite(client, other, headers, "one-too-many@example.com")


async def test_each_change_is_in_the_organizations_audit_log(
    client: AsyncClient, db: AsyncSession, smtp_server: SmtpServer
) -> None:
    organization, _owner, headers = await owned_organization(db)
    invitee = await create_user(db=db)
    sent = await invite(client, organization, headers, invitee.email)
    await client.post(
        f"{API}/orgs/{organization.id}/invitations/{sent['id']}/resend", headers=headers
    )
    token = link_token(smtp_server, invitee.email)
    await client.post(
        ACCEPT, headers=await auth_headers(db=db, user=invitee), json={"token": token}
    )
    log = await client.get(f"{API}/orgs/{organization.id}/audit-log", headers=headers)
    actions = [entry["action"] for entry in reversed(log.json()["data"])]
    assert actions == ["invitation_created", "invitation_resent", "member_joined"]
    stored = (await db.exec(select(AuditLog).where(AuditLog.action == "member_joined"))).one()
    assert (stored.organization_id, stored.target_email) == (organization.id, invitee.email)
