"""Database tables and API schemas, one family of classes per entity."""

import uuid
from datetime import UTC, datetime
from enum import StrEnum
from typing import Annotated, Any, Literal, get_args

# region capability: items
import sqlalchemy as sa

# endregion capability: items
from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    EmailStr,
    WithJsonSchema,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError
from sqlalchemy import JSON, DateTime, TypeDecorator
from sqlalchemy.engine import Dialect
from sqlmodel import Column, Field, SQLModel

from app.core.passwords import PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH

# Constraint names as PostgreSQL chooses them when none is given (it joins the
# columns of a multi-column key with "_", as column_0_N_name does), so that
# migrations name what PostgreSQL databases already have, and SQLite, which
# keeps no name unless given one, gets the same names: batch migrations there
# can drop or alter a constraint only by its name. Indexes keep SQLAlchemy's
# default names. A CHECK must be named explicitly: PostgreSQL names it after
# the first column its expression mentions and numbers repeats, which no
# convention reproduces, and column_0_name gives "<table>__check" to a check
# written as text. Past 63 characters, SQLAlchemy shortens names its own way.
SQLModel.metadata.naming_convention = {
    "pk": "%(table_name)s_pkey",
    "fk": "%(table_name)s_%(column_0_N_name)s_fkey",
    "uq": "%(table_name)s_%(column_0_N_name)s_key",
    "ix": "ix_%(column_0_label)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
}


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """Timezone-aware UTC datetimes on every engine.

    SQLite has no time zone type and hands back naive values; normalising here
    keeps comparisons and the API's ISO strings identical on both engines.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def timestamp(*, nullable: bool = False, index: bool = False) -> Any:
    return Field(
        default_factory=utcnow if not nullable else lambda: None,
        sa_column=Column(UTCDateTime(), nullable=nullable, index=index),
    )


def normalize_email(value: str) -> str:
    return value.strip().lower()


Email = EmailStr
Password = str


class NormalizedEmail(SQLModel):
    """Emails are compared case-insensitively: store them lower-cased."""

    @field_validator("email", "new_email", mode="after", check_fields=False)
    @classmethod
    def _normalize(cls, value: str | None) -> str | None:
        return normalize_email(value) if value is not None else None


# ---------------------------------------------------------------- users
class UserBase(SQLModel):
    email: EmailStr = Field(max_length=255)
    full_name: str | None = Field(default=None, max_length=255)


class UserCreate(NormalizedEmail, UserBase):
    password: str | None = Field(
        default=None, min_length=PASSWORD_MIN_LENGTH, max_length=PASSWORD_MAX_LENGTH
    )
    is_superuser: bool = False
    is_active: bool = True
    is_verified: bool = False


def same_site_path(value: str | None) -> str | None:
    """A path of the dashboard, or None: a full URL, a protocol-relative
    `//host` (or `/\\host`, which browsers read alike) or anything with
    control characters would send a person off-site from a link we mail."""
    if value is None or not value.startswith("/") or value[1:2] in ("/", "\\"):
        return None
    if any(ord(char) < 0x20 or char == "\x7f" for char in value):
        return None
    return value


class UserRegister(NormalizedEmail, UserBase):
    password: str = Field(min_length=PASSWORD_MIN_LENGTH, max_length=PASSWORD_MAX_LENGTH)
    return_to: Annotated[str | None, AfterValidator(same_site_path)] = Field(
        default=None,
        max_length=2000,
        description="A path of the dashboard (the page the person came from) that the "
        "verification link leads back to; anything else is ignored.",
    )


class PrivateUserCreate(NormalizedEmail, UserBase):
    password: str = Field(min_length=PASSWORD_MIN_LENGTH, max_length=PASSWORD_MAX_LENGTH)
    is_verified: bool = False


class UserUpdate(NormalizedEmail):
    email: EmailStr | None = Field(default=None, max_length=255)
    full_name: str | None = Field(default=None, max_length=255)
    password: str | None = Field(
        default=None, min_length=PASSWORD_MIN_LENGTH, max_length=PASSWORD_MAX_LENGTH
    )
    is_superuser: bool | None = None
    is_active: bool | None = None
    is_verified: bool | None = None


class UserUpdateMe(NormalizedEmail):
    full_name: str | None = Field(default=None, max_length=255)
    email: EmailStr | None = Field(default=None, max_length=255)
    current_password: str | None = Field(default=None, max_length=PASSWORD_MAX_LENGTH)


class UpdatePassword(SQLModel):
    current_password: str = Field(min_length=1, max_length=PASSWORD_MAX_LENGTH)
    new_password: str = Field(min_length=PASSWORD_MIN_LENGTH, max_length=PASSWORD_MAX_LENGTH)


class DeleteAccount(SQLModel):
    """Proof that the person deleting an account means it: the current
    password, or for an account without one its email address typed out."""

    current_password: str | None = Field(default=None, max_length=PASSWORD_MAX_LENGTH)
    confirmation: str | None = Field(default=None, max_length=255)


class User(UserBase, table=True):
    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    email: str = Field(max_length=255, unique=True, index=True)
    hashed_password: str | None = Field(default=None, max_length=255)
    is_active: bool = True
    is_superuser: bool = False
    is_verified: bool = False
    pending_email: str | None = Field(default=None, max_length=255)
    # region capability: file_storage
    # The profile picture's id (app.files.avatars); a new one per upload.
    avatar_id: uuid.UUID | None = None
    # endregion capability: file_storage
    created_at: datetime = timestamp()


# Addresses are validated on the way in. Answers send back what is stored,
# and validating it again on every response cost a tenth of GET /users/me.
StoredEmail = Annotated[
    str, WithJsonSchema({"type": "string", "format": "email", "maxLength": 255, "title": "Email"})
]


class UserPublic(SQLModel):
    email: StoredEmail
    full_name: str | None = Field(default=None, max_length=255)
    id: uuid.UUID
    is_active: bool
    is_superuser: bool
    is_verified: bool
    pending_email: str | None
    # region capability: file_storage
    avatar_id: uuid.UUID | None = None
    # endregion capability: file_storage
    created_at: datetime


class UserMe(UserPublic):
    """The signed-in user as they see themselves: with whether they have a
    password, since that decides how they confirm what needs one (deleting
    the account asks for the typed email instead)."""

    has_password: bool

    @classmethod
    def of(cls, user: User) -> "UserMe":
        return cls.model_validate(user, update={"has_password": bool(user.hashed_password)})


class UsersPublic(SQLModel):
    data: list[UserPublic]
    count: int
    # The dashboard disables what the API would refuse for the last one.
    active_superusers: int


# region capability: items
# ---------------------------------------------------------------- items
class ItemBase(SQLModel):
    title: str = Field(min_length=1, max_length=255)
    description: str | None = Field(default=None, max_length=255)


class ItemCreate(ItemBase):
    pass


class ItemUpdate(SQLModel):
    title: str | None = Field(default=None, min_length=1, max_length=255)
    description: str | None = Field(default=None, max_length=255)


class Item(ItemBase, table=True):
    __table_args__ = (
        sa.Index("ix_item_owner_created", "owner_id", "created_at"),
        sa.Index("ix_item_organization_created", "organization_id", "created_at"),
    )

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    # Its creator: the organization's members all see it, its creator (and
    # whoever holds items:admin) may change it. None once the creator's
    # account is deleted: the item stays with its organization.
    owner_id: uuid.UUID | None = Field(default=None, foreign_key="user.id", ondelete="SET NULL")
    organization_id: uuid.UUID = Field(foreign_key="organization.id", ondelete="CASCADE")
    created_at: datetime = timestamp(index=True)


class ItemPublic(ItemBase):
    id: uuid.UUID
    organization_id: uuid.UUID
    owner_id: uuid.UUID | None = Field(description="None once its creator's account is deleted")
    owner_email: StoredEmail | None
    created_at: datetime


class ItemsPublic(SQLModel):
    data: list[ItemPublic]
    count: int


# endregion capability: items


# ---------------------------------------------------------------- sessions
class AuthSession(SQLModel, table=True):
    """A login: what an access token's `sid` claim points to."""

    __tablename__ = "auth_session"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    user_id: uuid.UUID = Field(foreign_key="user.id", ondelete="CASCADE", index=True)
    created_at: datetime = timestamp()
    last_used_at: datetime = timestamp()
    expires_at: datetime = timestamp()
    revoked_at: datetime | None = timestamp(nullable=True)
    user_agent: str | None = Field(default=None, max_length=512)
    ip_address: str | None = Field(default=None, max_length=64)
    # When the person last proved who they are in this session (logging in,
    # or re-authenticating): sensitive changes need it to be recent.
    proven_at: datetime = timestamp()


class RefreshToken(SQLModel, table=True):
    """Every refresh token ever issued for a session, by hash.

    Keeping the rotated ones is what makes reuse detectable: presenting a
    token that was already exchanged means it leaked, so the session dies.
    """

    __tablename__ = "refresh_token"

    token_hash: str = Field(primary_key=True, max_length=64)
    session_id: uuid.UUID = Field(foreign_key="auth_session.id", ondelete="CASCADE", index=True)
    created_at: datetime = timestamp()
    rotated_at: datetime | None = timestamp(nullable=True)
    discarded_at: datetime | None = timestamp(nullable=True)


class SessionPublic(SQLModel):
    id: uuid.UUID
    user_agent: str | None
    ip_address: str | None
    created_at: datetime
    last_used_at: datetime
    expires_at: datetime
    current: bool


class SessionsPublic(SQLModel):
    data: list[SessionPublic]
    count: int


# ---------------------------------------------------------------- emailed links
class TokenPurpose(StrEnum):
    RESET_PASSWORD = "reset_password"
    SET_PASSWORD = "set_password"
    VERIFY_EMAIL = "verify_email"
    CHANGE_EMAIL = "change_email"
    # region capability: magic_links
    MAGIC_LINK = "magic_link"
    # endregion capability: magic_links


class ActionToken(SQLModel, table=True):
    """A single-use link sent by email; only its hash is stored."""

    __tablename__ = "action_token"

    token_hash: str = Field(primary_key=True, max_length=64)
    user_id: uuid.UUID = Field(foreign_key="user.id", ondelete="CASCADE", index=True)
    purpose: str = Field(max_length=32)
    new_email: str | None = Field(default=None, max_length=255)
    created_at: datetime = timestamp()
    expires_at: datetime = timestamp()
    used_at: datetime | None = timestamp(nullable=True)


# ---------------------------------------------------------------- audit log
# Every action the audit log can record. An action stays listed once rows
# carry it: the dashboard has a label for each, and answers validate against it.
AuditAction = Literal[
    "signup",
    "login",
    "login_failed",
    "logout",
    "refresh_token_reused",
    "password_changed",
    "password_reset",
    "email_changed",
    "user_created",
    "user_updated",
    "user_deleted",
    "reauthenticated",
    "reauthentication_failed",
    # region capability: two_factor
    "two_factor_enabled",
    "two_factor_disabled",
    "two_factor_reset",
    "two_factor_failed",
    "recovery_codes_regenerated",
    # endregion capability: two_factor
    # region capability: oauth
    "account_connected",
    "account_disconnected",
    # endregion capability: oauth
    # region capability: passkeys
    "passkey_added",
    "passkey_removed",
    # endregion capability: passkeys
    # region capability: organizations
    "organization_created",
    "organization_updated",
    "organization_deleted",
    "member_joined",
    "member_role_changed",
    "member_removed",
    "member_left",
    "ownership_transferred",
    "role_created",
    "role_updated",
    "role_deleted",
    "invitation_created",
    "invitation_resent",
    "invitation_revoked",
    # endregion capability: organizations
    "database_edited",
]
AUDIT_ACTIONS: tuple[AuditAction, ...] = get_args(AuditAction)

# The fields of a user an entry can say changed.
AuditField = Literal[
    "email",
    "full_name",
    "password",
    "is_active",
    "is_superuser",
    "is_verified",
    # region capability: organizations
    "name",
    "slug",
    "role",
    "permissions",
    # endregion capability: organizations
]
AUDIT_FIELDS: tuple[AuditField, ...] = get_args(AuditField)


class AuditChange(BaseModel):
    """One field an action changed. A secret (a password) is only said to have
    changed: neither value is recorded."""

    # Answers always carry every field: the schema says so.
    model_config = ConfigDict(json_schema_serialization_defaults_required=True)

    field: AuditField
    old: str | bool | None = None
    new: str | bool | None = None
    secret: bool = False


class AuditLog(SQLModel, table=True):
    __tablename__ = "audit_log"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    created_at: datetime = timestamp(index=True)
    action: str = Field(max_length=64)
    actor_id: uuid.UUID | None = Field(default=None, foreign_key="user.id", ondelete="SET NULL")
    # The addresses as they were when it happened, so entries stay readable
    # (and findable) after the user changes address or is deleted.
    actor_email: str | None = Field(default=None, max_length=255)
    target_user_id: uuid.UUID | None = Field(default=None, index=True)
    target_email: str | None = Field(default=None, max_length=255)
    ip_address: str | None = Field(default=None, max_length=64)
    detail: str | None = Field(default=None, max_length=255)
    changes: list[dict[str, Any]] | None = Field(default=None, sa_column=Column(JSON))
    # region capability: organizations
    # The organization it happened in; its Owners and Admins read these. Not
    # a reference: the entries outlive a deleted organization.
    organization_id: uuid.UUID | None = Field(default=None, index=True)
    # endregion capability: organizations


class AuditLogPublic(SQLModel):
    id: uuid.UUID
    created_at: datetime
    action: AuditAction
    actor_id: uuid.UUID | None
    actor_email: str | None
    target_user_id: uuid.UUID | None
    target_email: str | None
    ip_address: str | None
    detail: str | None
    changes: list[AuditChange]
    # region capability: organizations
    organization_id: uuid.UUID | None
    # endregion capability: organizations

    @field_validator("changes", mode="before")
    @classmethod
    def _none_is_no_change(cls, value: object) -> object:
        return [] if value is None else value


class AuditLogsPublic(SQLModel):
    data: list[AuditLogPublic]
    count: int


class AuditEmailsPublic(SQLModel):
    """Every address the log names, as actor or as target, in order."""

    data: list[str]


def utc_instant(value: datetime) -> datetime:
    """A moment in UTC; one without a zone is taken to be UTC already."""
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    try:
        return value.astimezone(UTC)
    except OverflowError:
        raise PydanticCustomError(
            "datetime_out_of_range", "Give a moment between the years 1 and 9999"
        ) from None


Instant = Annotated[datetime, AfterValidator(utc_instant)]


class AuditLogFilter(NormalizedEmail):
    """Which entries to list: all of these that are given must match."""

    user_id: uuid.UUID | None = Field(
        default=None, description="Entries this user did or underwent."
    )
    email: str | None = Field(
        default=None,
        max_length=255,
        description="Entries naming this address as actor or target, at the time.",
    )
    action: AuditAction | None = None
    since: Instant | None = Field(default=None, description="Entries at or after this moment.")
    before: Instant | None = Field(default=None, description="Entries before this moment.")

    @model_validator(mode="after")
    def _range_has_a_length(self) -> "AuditLogFilter":
        if self.since is not None and self.before is not None and self.since >= self.before:
            raise PydanticCustomError(
                "date_range", "The end of the date range must come after its start"
            )
        return self


# ---------------------------------------------------------------- rate limits
class RateLimitCounter(SQLModel, table=True):
    """Fixed-window counters shared by every backend process."""

    __tablename__ = "rate_limit_counter"

    key: str = Field(primary_key=True, max_length=255)
    window_start: datetime = timestamp()
    count: int = 0


# ---------------------------------------------------------------- misc schemas
class Message(SQLModel):
    message: str


class Token(SQLModel):
    access_token: str
    token_type: str = "bearer"
    expires_in: int
    refresh_token: str | None = None


class RefreshRequest(SQLModel):
    refresh_token: str | None = Field(default=None, max_length=512)


class EmailRequest(NormalizedEmail):
    email: EmailStr = Field(max_length=255)


class NewPassword(SQLModel):
    token: str = Field(min_length=1, max_length=512)
    new_password: str = Field(min_length=PASSWORD_MIN_LENGTH, max_length=PASSWORD_MAX_LENGTH)


class TokenRequest(SQLModel):
    token: str = Field(min_length=1, max_length=512)


class Reauthenticate(SQLModel):
    """A fresh proof of identity."""

    password: str | None = Field(default=None, max_length=PASSWORD_MAX_LENGTH)
    # region capability: two_factor
    # With two-factor authentication on: a code from the authenticator app or
    # a recovery code.
    code: str | None = Field(default=None, max_length=32)
    # endregion capability: two_factor


class SignInOptions(SQLModel):
    """The ways to sign in that the settings switch on, for the login page
    and the settings page to offer."""

    # region capability: two_factor
    two_factor: bool
    two_factor_required_for_superusers: bool
    # endregion capability: two_factor
    # region capability: magic_links
    magic_link: bool
    # endregion capability: magic_links
    # region capability: passkeys
    passkeys: bool
    # endregion capability: passkeys
    # region capability: oauth
    providers: list["SignInProvider"]
    # endregion capability: oauth


# region capability: oauth
class SignInProvider(SQLModel):
    """An account elsewhere that can sign in here (Google, GitHub, an
    OpenID Connect issuer): `name` goes in its URLs, `label` on its button."""

    name: str
    label: str


# endregion capability: oauth


class Reauthenticated(SQLModel):
    """Sensitive changes are allowed in this session until `valid_until`."""

    valid_until: datetime
