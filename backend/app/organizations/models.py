"""The organization tables and their API schemas."""

import re
import uuid
from datetime import date, datetime
from typing import Annotated, Any

from pydantic import AfterValidator, BeforeValidator, EmailStr
from pydantic_core import PydanticCustomError
from sqlalchemy import JSON, CheckConstraint, Index, UniqueConstraint
from sqlmodel import Column, Field, SQLModel

from app.models import NormalizedEmail, StoredEmail, timestamp
from app.organizations.permissions import BuiltInRole, Permission

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# Exactly one of the two: a built-in role by key, or one of the
# organization's custom roles.
ONE_ROLE = "(role IS NULL) <> (role_id IS NULL)"


def valid_slug(value: str) -> str:
    if not SLUG.match(value):
        raise PydanticCustomError(
            "slug",
            "Use lower-case letters, digits and single hyphens between them, like acme-labs",
        )
    return value


def stripped(value: object) -> object:
    return value.strip() if isinstance(value, str) else value


Slug = Annotated[str, AfterValidator(valid_slug), Field(min_length=3, max_length=64)]
Name = Annotated[str, BeforeValidator(stripped), Field(min_length=1, max_length=255)]
# A built-in role's key ("admin") or a custom role's id.
RoleRef = Annotated[
    str,
    Field(
        min_length=1,
        max_length=64,
        description="A built-in role (owner, admin, member, viewer) or a custom role's id.",
    ),
]


# ---------------------------------------------------------------- organizations
class Organization(SQLModel, table=True):
    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    name: str = Field(max_length=255)
    slug: str = Field(max_length=64, unique=True)
    # Set for the organization a user gets with their account: it goes when
    # they go, and cannot be deleted or left on its own.
    personal_for_id: uuid.UUID | None = Field(
        default=None, foreign_key="user.id", ondelete="CASCADE", unique=True
    )
    created_at: datetime = timestamp()


class OrganizationCreate(SQLModel):
    name: Name
    slug: Slug | None = Field(default=None, description="Made from the name when not given.")


class OrganizationUpdate(SQLModel):
    name: Name | None = None
    slug: Slug | None = None


class OrganizationPublic(SQLModel):
    id: uuid.UUID
    name: str
    slug: str
    personal: bool
    created_at: datetime
    # The caller's role and what it lets them do; a superuser who is not a
    # member has no role and every permission.
    role: str | None
    role_name: str | None
    permissions: list[Permission]


class OrganizationsPublic(SQLModel):
    data: list[OrganizationPublic]
    count: int
    manageable: bool = Field(
        default=True,
        description="Whether organizations can be created and managed (ORGANIZATIONS_ENABLED); "
        "when not, each user has only their personal one.",
    )


class OrganizationSummary(SQLModel):
    members: int
    # region capability: items
    items: int
    # endregion capability: items
    pending_invitations: int


class ActivityDay(SQLModel):
    day: date = Field(description="A calendar day in UTC.")
    events: int = Field(description="Audit log entries of the organization that day.")


class OrganizationActivity(SQLModel):
    """Audit log entries per day, oldest day first, days without any included."""

    data: list[ActivityDay]


class OrganizationDelete(SQLModel):
    """The organization's slug typed out: deleting it deletes everything in it."""

    confirmation: str = Field(max_length=64)


# ---------------------------------------------------------------- roles
class OrganizationRole(SQLModel, table=True):
    """A custom role; the built-in ones live in app.organizations.permissions."""

    __tablename__ = "organization_role"
    __table_args__ = (UniqueConstraint("organization_id", "name"),)

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    organization_id: uuid.UUID = Field(foreign_key="organization.id", ondelete="CASCADE")
    name: str = Field(max_length=64)
    permissions: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    created_at: datetime = timestamp()


class RoleCreate(SQLModel):
    name: Annotated[str, BeforeValidator(stripped), Field(min_length=1, max_length=64)]
    permissions: list[Permission] = Field(max_length=len(Permission))


class RoleUpdate(SQLModel):
    name: Annotated[str, BeforeValidator(stripped), Field(min_length=1, max_length=64)] | None = (
        None
    )
    permissions: list[Permission] | None = Field(default=None, max_length=len(Permission))


class RolePublic(SQLModel):
    id: str = Field(description="The built-in role's key, or the custom role's id.")
    name: str
    built_in: bool
    permissions: list[Permission]


class RolesPublic(SQLModel):
    data: list[RolePublic]
    count: int


class PermissionPublic(SQLModel):
    id: Permission
    description: str
    grantable: bool = Field(description="Whether a custom role may hold it.")


class PermissionsPublic(SQLModel):
    data: list[PermissionPublic]


# ---------------------------------------------------------------- memberships
class Membership(SQLModel, table=True):
    __table_args__ = (CheckConstraint(ONE_ROLE, name="one_role"),)

    organization_id: uuid.UUID = Field(
        foreign_key="organization.id", ondelete="CASCADE", primary_key=True
    )
    user_id: uuid.UUID = Field(
        foreign_key="user.id", ondelete="CASCADE", primary_key=True, index=True
    )
    role: str | None = Field(default=None, max_length=16)
    role_id: uuid.UUID | None = Field(default=None, foreign_key="organization_role.id", index=True)
    created_at: datetime = timestamp()


class MemberPublic(SQLModel):
    user_id: uuid.UUID
    email: StoredEmail
    full_name: str | None
    # region capability: file_storage
    avatar_id: uuid.UUID | None
    # endregion capability: file_storage
    role: str
    role_name: str
    created_at: datetime


class MembersPublic(SQLModel):
    data: list[MemberPublic]
    count: int


class MemberUpdate(SQLModel):
    role: RoleRef


class OwnershipTransfer(SQLModel):
    user_id: uuid.UUID = Field(description="An Admin of the organization, who becomes its Owner.")


# ---------------------------------------------------------------- invitations
class Invitation(SQLModel, table=True):
    """An emailed invitation to join; only its link's hash is stored, and the
    link works once."""

    __table_args__ = (
        CheckConstraint(ONE_ROLE, name="one_role"),
        Index("ix_invitation_organization_email", "organization_id", "email"),
    )

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    organization_id: uuid.UUID = Field(foreign_key="organization.id", ondelete="CASCADE")
    email: str = Field(max_length=255)
    role: str | None = Field(default=None, max_length=16)
    role_id: uuid.UUID | None = Field(default=None, foreign_key="organization_role.id", index=True)
    inviter_id: uuid.UUID | None = Field(default=None, foreign_key="user.id", ondelete="SET NULL")
    token_hash: str = Field(max_length=64, unique=True)
    created_at: datetime = timestamp()
    expires_at: datetime = timestamp()
    accepted_at: datetime | None = timestamp(nullable=True)
    revoked_at: datetime | None = timestamp(nullable=True)


class InvitationCreate(NormalizedEmail):
    email: EmailStr = Field(max_length=255)
    role: RoleRef = BuiltInRole.MEMBER.value


class InvitationPublic(SQLModel):
    id: uuid.UUID
    email: StoredEmail
    role: str
    role_name: str
    inviter_email: str | None
    created_at: datetime
    expires_at: datetime


class InvitationsPublic(SQLModel):
    data: list[InvitationPublic]
    count: int


class InvitationToken(SQLModel):
    token: str = Field(min_length=1, max_length=512)


class InvitationPreview(SQLModel):
    """What an invitation link offers, for the page that accepts it."""

    organization_name: str
    email: StoredEmail
    role_name: str
    inviter_email: str | None
    expires_at: datetime


def role_key(row: Any) -> str:
    """The API's name for a membership's or invitation's role."""
    return str(row.role) if row.role is not None else str(row.role_id)


# ---------------------------------------------------------------- account deletion
class OrganizationRef(SQLModel):
    id: uuid.UUID
    name: str
    personal: bool


class AccountDeletionPublic(SQLModel):
    """What deleting an account does to the organizations it belongs to."""

    deleted: list[OrganizationRef] = Field(
        description="Organizations nobody else belongs to: deleted with everything in them."
    )
    blocking: list[OrganizationRef] = Field(
        description="Organizations others belong to whose only Owner this account is: the "
        "deletion is refused until ownership goes to an Admin or the organization is deleted."
    )
    left: list[OrganizationRef] = Field(
        description="Organizations that stay with their other members, with what the account "
        "created in them (shown without a creator); a personal one among them becomes an "
        "ordinary organization."
    )
