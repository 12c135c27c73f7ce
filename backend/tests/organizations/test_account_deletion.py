"""Deleting an account, by its owner or by a superuser, never takes what
other people still use: it is refused while the account is the only Owner
of an organization with other members; organizations nobody else belongs to
go with it, and everything in them; elsewhere only the membership goes, and
what the account created stays, without a creator."""

from httpx import AsyncClient, Response
from sqlmodel import SQLModel, select
from sqlmodel.ext.asyncio.session import AsyncSession

from app.core.config import settings

# region capability: file_storage
from app.files.models import Attachment
from app.jobs.models import Job

# endregion capability: file_storage
from app.models import (
    # region capability: items
    Item,
    # endregion capability: items
    User,
)
from app.organizations.models import Membership, Organization
from app.organizations.permissions import BuiltInRole
from tests.factories import (
    DEFAULT_PASSWORD,
    add_member,
    auth_headers,
    # region capability: items
    create_item,
    # endregion capability: items
    create_organization,
    create_user,
    personal_organization,
)

API = settings.API_V1_STR


async def delete_me(client: AsyncClient, db: AsyncSession, user: User) -> Response:
    return await client.request(
        "DELETE",
        f"{API}/users/me",
        headers=await auth_headers(db=db, user=user),
        json={"current_password": DEFAULT_PASSWORD},
    )


async def delete_as_superuser(client: AsyncClient, db: AsyncSession, user: User) -> Response:
    admin = await auth_headers(db=db, user=await create_user(db=db, is_superuser=True))
    return await client.delete(f"{API}/users/{user.id}", headers=admin)


async def exists(db: AsyncSession, model: type[SQLModel], id_: object) -> bool:
    return await db.get(model, id_, populate_existing=True) is not None


class TestRefusal:
    async def test_the_only_owner_of_a_team_is_refused_naming_it(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        owner, member = await create_user(db=db), await create_user(db=db)
        team = await create_organization(
            db=db, owner=owner, name="Team Rocket", members={BuiltInRole.MEMBER: [member]}
        )
        for refused in (
            await delete_me(client, db, owner),
            await delete_as_superuser(client, db, owner),
        ):
            assert refused.status_code == 409
            assert "“Team Rocket”" in refused.json()["detail"]
            assert "transfer ownership" in refused.json()["detail"]
        assert await exists(db, User, owner.id)
        assert await exists(db, Organization, team.id)

    async def test_a_personal_organization_others_joined_counts_too(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        owner, guest = await create_user(db=db), await create_user(db=db)
        personal = await personal_organization(db=db, user=owner)
        await add_member(db=db, organization=personal, user=guest)
        refused = await delete_me(client, db, owner)
        assert refused.status_code == 409
        assert f"“{personal.name}”" in refused.json()["detail"]

    async def test_every_blocking_organization_is_named_and_nothing_is_deleted(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        owner, member = await create_user(db=db), await create_user(db=db)
        for name in ("Acme", "Globex"):
            await create_organization(
                db=db, owner=owner, name=name, members={BuiltInRole.VIEWER: [member]}
            )
        solo = await create_organization(db=db, owner=owner, name="Solo")
        refused = await delete_as_superuser(client, db, owner)
        assert refused.status_code == 409
        assert "“Acme” and “Globex”" in refused.json()["detail"]
        assert await exists(db, Organization, solo.id)

    async def test_a_second_owner_lets_the_account_go_and_the_team_stays(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        owner, co_owner = await create_user(db=db), await create_user(db=db)
        team = await create_organization(
            db=db, owner=owner, members={BuiltInRole.OWNER: [co_owner]}
        )
        # region capability: items
        kept = await create_item(db=db, owner=co_owner, organization=team)
        # endregion capability: items
        assert (await delete_me(client, db, owner)).status_code == 200
        assert await exists(db, Organization, team.id)
        # region capability: items
        assert await exists(db, Item, kept.id)
        # endregion capability: items


class TestWhatGoes:
    async def test_organizations_nobody_else_belongs_to_go_with_everything_in_them(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        user, former = await create_user(db=db), await create_user(db=db)
        alone = await create_organization(db=db, owner=user, name="Solo")
        personal = await personal_organization(db=db, user=user)
        membership = await add_member(db=db, organization=alone, user=former)
        # region capability: items
        # An item a former member left behind goes with the organization too.
        left_behind = await create_item(db=db, owner=former, organization=alone)
        # endregion capability: items
        # region capability: file_storage
        attachment = Attachment(
            item_id=left_behind.id,
            owner_id=former.id,
            filename="notes.txt",
            content_type="text/plain",
            size=5,
            key="attachments/left-behind",
        )
        db.add(attachment)
        # endregion capability: file_storage
        await db.delete(membership)
        await db.commit()
        assert (await delete_as_superuser(client, db, user)).status_code == 200
        for gone in (alone, personal):
            assert not await exists(db, Organization, gone.id)
        # region capability: items
        assert not await exists(db, Item, left_behind.id)
        # endregion capability: items
        # region capability: file_storage
        queued = (await db.exec(select(Job).where(Job.kind == "delete_files"))).all()
        assert any(attachment.key in job.payload["keys"] for job in queued)
        # endregion capability: file_storage

    async def test_memberships_elsewhere_go_and_the_organizations_stay(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        owner, member = await create_user(db=db), await create_user(db=db)
        team = await create_organization(db=db, owner=owner, members={BuiltInRole.ADMIN: [member]})
        # region capability: items
        theirs = await create_item(db=db, owner=owner, organization=team)
        # endregion capability: items
        assert (await delete_me(client, db, member)).status_code == 200
        assert await exists(db, Organization, team.id)
        # region capability: items
        assert await exists(db, Item, theirs.id)
        # endregion capability: items
        remaining = await db.exec(
            select(Membership.user_id).where(Membership.organization_id == team.id)
        )
        assert remaining.all() == [owner.id]

    # region capability: items
    async def test_what_the_account_created_in_a_team_stays_there_without_a_creator(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        owner, leaving, colleague = [await create_user(db=db) for _ in range(3)]
        team = await create_organization(
            db=db, owner=owner, members={BuiltInRole.MEMBER: [leaving, colleague]}
        )
        made = await create_item(db=db, owner=leaving, organization=team)
        # region capability: file_storage
        attachment = Attachment(
            item_id=made.id,
            owner_id=leaving.id,
            filename="minutes.txt",
            content_type="text/plain",
            size=5,
            key="attachments/minutes",
        )
        db.add(attachment)
        await db.commit()
        # endregion capability: file_storage
        assert (await delete_me(client, db, leaving)).status_code == 200

        url = f"{API}/orgs/{team.id}/items/{made.id}"
        shown = await client.get(url, headers=await auth_headers(db=db, user=colleague))
        assert shown.status_code == 200
        assert (shown.json()["owner_id"], shown.json()["owner_email"]) == (None, None)
        # Nobody's own any more: only a role with items:admin may change it.
        change = {"title": "Renamed"}
        refused = await client.put(
            url, headers=await auth_headers(db=db, user=colleague), json=change
        )
        assert refused.status_code == 403
        allowed = await client.put(url, headers=await auth_headers(db=db, user=owner), json=change)
        assert allowed.status_code == 200
        # region capability: file_storage
        kept = await db.get(Attachment, attachment.id, populate_existing=True)
        assert kept is not None
        assert kept.owner_id is None
        queued = (await db.exec(select(Job).where(Job.kind == "delete_files"))).all()
        assert not any(attachment.key in job.payload["keys"] for job in queued)
        # endregion capability: file_storage

    # endregion capability: items
    async def test_a_personal_organization_handed_over_stays_as_an_ordinary_one(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        user, heir = await create_user(db=db), await create_user(db=db)
        personal = await personal_organization(db=db, user=user)
        await add_member(db=db, organization=personal, user=heir, role=BuiltInRole.OWNER)
        # region capability: items
        kept = await create_item(db=db, owner=heir, organization=personal)
        # endregion capability: items
        assert (await delete_me(client, db, user)).status_code == 200
        organization = await db.get(Organization, personal.id, populate_existing=True)
        assert organization is not None
        assert organization.personal_for_id is None
        # region capability: items
        assert await exists(db, Item, kept.id)
        # endregion capability: items
        listed = await client.get(f"{API}/orgs/", headers=await auth_headers(db=db, user=heir))
        assert {(o["name"], o["personal"]) for o in listed.json()["data"]} >= {
            (personal.name, False)
        }


class TestPreview:
    async def test_the_account_sees_what_its_deletion_would_do(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        user, other = await create_user(db=db, full_name="Ada"), await create_user(db=db)
        await create_organization(db=db, owner=user, name="Solo")
        await create_organization(
            db=db, owner=user, name="Team", members={BuiltInRole.MEMBER: [other]}
        )
        await create_organization(
            db=db, owner=other, name="Elsewhere", members={BuiltInRole.VIEWER: [user]}
        )
        response = await client.get(
            f"{API}/users/me/account-deletion", headers=await auth_headers(db=db, user=user)
        )
        assert response.status_code == 200
        body = response.json()
        assert [(o["name"], o["personal"]) for o in body["deleted"]] == [
            ("Ada's organization", True),
            ("Solo", False),
        ]
        assert [o["name"] for o in body["blocking"]] == ["Team"]
        assert [o["name"] for o in body["left"]] == ["Elsewhere"]

    async def test_a_superuser_sees_it_for_any_user_and_nobody_else_does(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        user, other = await create_user(db=db), await create_user(db=db)
        await create_organization(
            db=db, owner=user, name="Team", members={BuiltInRole.MEMBER: [other]}
        )
        admin = await auth_headers(db=db, user=await create_user(db=db, is_superuser=True))
        seen = await client.get(f"{API}/users/{user.id}/account-deletion", headers=admin)
        assert [o["name"] for o in seen.json()["blocking"]] == ["Team"]
        refused = await client.get(
            f"{API}/users/{user.id}/account-deletion",
            headers=await auth_headers(db=db, user=other),
        )
        assert refused.status_code == 403
