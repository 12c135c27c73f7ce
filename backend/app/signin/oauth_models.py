"""Tables and API schemas of signing in through other accounts."""

import uuid
from datetime import datetime

from sqlalchemy.schema import UniqueConstraint
from sqlmodel import Field, SQLModel

from app.models import SignInProvider, timestamp


class OAuthAccount(SQLModel, table=True):
    """An account at a provider (Google, GitHub, an OpenID Connect issuer)
    that signs its owner in here. Created by a sign-up through the provider
    or by connecting it from a signed-in session, never by matching emails."""

    __tablename__ = "oauth_account"
    __table_args__ = (
        UniqueConstraint("provider", "subject"),
        UniqueConstraint("user_id", "provider"),
    )

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    user_id: uuid.UUID = Field(foreign_key="user.id", ondelete="CASCADE", index=True)
    provider: str = Field(max_length=32)
    # The provider's stable id for the person (OpenID Connect's `sub`).
    subject: str = Field(max_length=255)
    email: str | None = Field(default=None, max_length=255)
    created_at: datetime = timestamp()


class OAuthAttempt(SQLModel, table=True):
    """A sign-in or connection started with a provider and not finished yet:
    what the callback must check (the state, by hash; the browser that
    started it, by the hash of a cookie) and what it needs (the PKCE verifier,
    the nonce, and for a connection the signed-in user)."""

    __tablename__ = "oauth_attempt"

    state_hash: str = Field(primary_key=True, max_length=64)
    provider: str = Field(max_length=32)
    browser_hash: str = Field(max_length=64)
    code_verifier: str = Field(max_length=128)
    nonce: str = Field(max_length=128)
    user_id: uuid.UUID | None = Field(default=None, foreign_key="user.id", ondelete="CASCADE")
    created_at: datetime = timestamp()
    expires_at: datetime = timestamp()
    used_at: datetime | None = timestamp(nullable=True)


class ConnectedAccountPublic(SQLModel):
    provider: str
    label: str
    email: str | None
    created_at: datetime


class ConnectedAccounts(SQLModel):
    """The providers connected to the account, the ones that could be, and
    whether removing one would still leave a way to sign in."""

    data: list[ConnectedAccountPublic]
    providers: list[SignInProvider]
    can_disconnect: bool


class AuthorizationUrl(SQLModel):
    """Where to send the browser to continue with the provider."""

    authorization_url: str
