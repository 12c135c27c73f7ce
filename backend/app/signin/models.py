"""Tables and API schemas of the sign-in options."""

import uuid
from datetime import datetime
from typing import (
    Annotated,
    Any,
    # region capability: two_factor
    Literal,
    # endregion capability: two_factor
)

from pydantic import StringConstraints
from sqlalchemy import (
    JSON,
    Column,
    LargeBinary,
    # region capability: oauth
    UniqueConstraint,
    # endregion capability: oauth
)
from sqlmodel import Field, SQLModel

# region capability: two_factor
from app.core.passwords import PASSWORD_MAX_LENGTH

# endregion capability: two_factor
from app.models import (
    # region capability: oauth
    SignInProvider,
    # endregion capability: oauth
    timestamp,
)


# region capability: two_factor
# ---------------------------------------------------------------- two-factor
class TwoFactor(SQLModel, table=True):
    """A user's authenticator (TOTP) secret; on once `confirmed_at` is set.

    The secret is stored as it is, like a password reset would need it to be
    readable: sealing it with SECRET_KEY would lock everyone out of their
    second factor whenever that key is rotated.
    """

    __tablename__ = "two_factor"

    user_id: uuid.UUID = Field(foreign_key="user.id", ondelete="CASCADE", primary_key=True)
    secret: str = Field(max_length=64)
    created_at: datetime = timestamp()
    confirmed_at: datetime | None = timestamp(nullable=True)
    # The time step of the last code accepted: a code is good once, even
    # within the minute or so that it stays valid.
    last_used_step: int | None = None


class RecoveryCode(SQLModel, table=True):
    """A single-use code that stands in for the authenticator; only its
    hash is stored."""

    __tablename__ = "recovery_code"

    code_hash: str = Field(primary_key=True, max_length=64)
    user_id: uuid.UUID = Field(foreign_key="user.id", ondelete="CASCADE", index=True)
    created_at: datetime = timestamp()
    used_at: datetime | None = timestamp(nullable=True)


class TwoFactorStatus(SQLModel):
    enabled: bool
    recovery_codes_left: int


class TwoFactorSetup(SQLModel):
    """What an authenticator app needs: scan `qr_code` (an SVG data URI) or
    type `secret`; `otpauth_uri` is what the QR code holds."""

    secret: str
    otpauth_uri: str
    qr_code: str


class TwoFactorCode(SQLModel):
    code: str = Field(min_length=1, max_length=32)


class TwoFactorDisable(SQLModel):
    """Turning two-factor authentication off takes the password (for an
    account that has one) and a code."""

    current_password: str | None = Field(default=None, max_length=PASSWORD_MAX_LENGTH)
    code: str = Field(min_length=1, max_length=32)


class RecoveryCodes(SQLModel):
    """Shown once: only their hashes are kept."""

    codes: list[str]


class TwoFactorChallenge(SQLModel):
    """The password was right and the account has two-factor authentication
    on: send `challenge` with a code to POST /login/two-factor within
    `expires_in` seconds. This is not a session."""

    two_factor_required: Literal[True] = True
    challenge: str
    expires_in: int


class TwoFactorLogin(SQLModel):
    challenge: str = Field(min_length=1, max_length=1024)
    code: str = Field(min_length=1, max_length=32)


# endregion capability: two_factor
# region capability: oauth
# ---------------------------------------------------------------- OAuth / OpenID Connect
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


# endregion capability: oauth
# ---------------------------------------------------------------- passkeys
class Passkey(SQLModel, table=True):
    """A WebAuthn credential registered by its owner: the authenticator keeps
    the private key, we keep the public one and the signature counter."""

    __tablename__ = "passkey"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    user_id: uuid.UUID = Field(foreign_key="user.id", ondelete="CASCADE", index=True)
    # Base64url, as browsers send it; the spec caps the raw id at 1023 bytes.
    credential_id: str = Field(max_length=1400, unique=True, index=True)
    public_key: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
    sign_count: int = Field(default=0, ge=0)
    transports: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    name: str = Field(max_length=64)
    created_at: datetime = timestamp()
    last_used_at: datetime | None = timestamp(nullable=True)


class PasskeyChallenge(SQLModel, table=True):
    """A WebAuthn challenge handed out and not answered yet, kept by hash.
    It is good once, for one purpose (and one user, when the ceremony
    starts from one), until `expires_at`."""

    __tablename__ = "passkey_challenge"

    challenge_hash: str = Field(primary_key=True, max_length=64)
    purpose: str = Field(max_length=32)
    user_id: uuid.UUID | None = Field(default=None, foreign_key="user.id", ondelete="CASCADE")
    expires_at: datetime = timestamp(index=True)
    used_at: datetime | None = timestamp(nullable=True)


PasskeyName = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=64)]


class PasskeyPublic(SQLModel):
    id: uuid.UUID
    name: str
    created_at: datetime
    last_used_at: datetime | None
    transports: list[str]


class PasskeysPublic(SQLModel):
    """One's passkeys, and whether removing one would still leave a way to sign in."""

    data: list[PasskeyPublic]
    can_delete: bool


class PasskeyOptions(SQLModel):
    """What the browser's WebAuthn call takes (`PublicKeyCredentialCreationOptionsJSON`
    or `PublicKeyCredentialRequestOptionsJSON`); its challenge is good once,
    for five minutes."""

    options: dict[str, Any]


class PasskeyRegistration(SQLModel):
    """The browser's answer to the registration options (`RegistrationResponseJSON`)."""

    name: PasskeyName
    credential: dict[str, Any]


class PasskeyRename(SQLModel):
    name: PasskeyName


class PasskeyAssertion(SQLModel):
    """The browser's answer to the sign-in options (`AuthenticationResponseJSON`)."""

    credential: dict[str, Any]


# region capability: two_factor
class PasskeySecondStep(SQLModel):
    """The challenge the password step answered."""

    challenge: str = Field(min_length=1, max_length=1024)


class PasskeySecondFactor(PasskeySecondStep):
    """The password step's challenge, and a passkey's answer instead of a code."""

    credential: dict[str, Any]


# endregion capability: two_factor
