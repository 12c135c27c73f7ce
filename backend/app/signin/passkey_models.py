"""Tables and API schemas of passkeys."""

import uuid
from datetime import datetime
from typing import Annotated, Any

from pydantic import StringConstraints
from sqlalchemy import JSON, Column, LargeBinary
from sqlmodel import Field, SQLModel

from app.models import timestamp


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
