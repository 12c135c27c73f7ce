"""Tables and API schemas of two-factor authentication."""

import uuid
from datetime import datetime
from typing import Literal

from sqlmodel import Field, SQLModel

from app.core.passwords import PASSWORD_MAX_LENGTH
from app.models import timestamp


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
