"""Passkeys (WebAuthn): sign in without a password, the second step of a
login, and a proof of identity for re-authentication.

py_webauthn checks the browser's answers (origin, RP id hash, challenge,
signature, user presence and verification); it is typed, maintained by
Duo and verifies through `cryptography`, already a dependency. What it leaves
to us is kept here:

- Challenges are 32 random bytes stored by hash with their purpose, user
  and expiry, and used once: the answer names its challenge inside
  clientDataJSON, so nothing else has to travel with it.
- Sign counters: a counter that does not go up is refused unless both it and
  the stored one are 0 (authenticators that keep no counter, as synced
  passkeys do). It is checked after the signature, so that only the owner's
  authenticator can trip it.
- Credentials are discoverable (resident keys), so the login page can ask
  for "any passkey for this site" and learn the account from the answer.
- Signing in with a passkey alone needs user verification (a PIN or a
  biometric on the device): the passkey then is both factors, and no
  second step is asked for.
"""

import base64
import binascii
import hashlib
import json
import secrets
import uuid
from datetime import timedelta
from typing import TYPE_CHECKING, Any, Literal

from sqlmodel.ext.asyncio.session import AsyncSession
from webauthn import (
    generate_authentication_options,
    generate_registration_options,
    options_to_json,
    verify_authentication_response,
    verify_registration_response,
)
from webauthn.helpers.structs import (
    AuthenticatorSelectionCriteria,
    AuthenticatorTransport,
    PublicKeyCredentialCreationOptions,
    PublicKeyCredentialDescriptor,
    PublicKeyCredentialRequestOptions,
    ResidentKeyRequirement,
    UserVerificationRequirement,
)

from app import crud, notifications
from app.core.config import settings
from app.core.errors import BadRequest, Conflict, FailedAttempt, NotFound
from app.models import User, utcnow
from app.signin import (
    # region capability: oauth
    oauth_crud,
    # endregion capability: oauth
    passkey_crud,
)
from app.signin.passkey_models import (
    Passkey,
    PasskeyChallenge,
    PasskeyOptions,
    PasskeyPublic,
    PasskeysPublic,
)

if TYPE_CHECKING:
    # Only a type here: the mailer's module depends on
    # app.api.deps, which depends on the re-authentication.
    from app.api.mailer import Mailer

Purpose = Literal["register", "sign_in", "second_factor", "reauthenticate"]
CHALLENGE_LIFETIME = timedelta(minutes=5)
TIMEOUT_MS = int(CHALLENGE_LIFETIME.total_seconds() * 1000)
TRANSPORTS = {t.value for t in AuthenticatorTransport}

MALFORMED = "That is not a passkey answer this server can read: try again"
STALE_CHALLENGE = "This passkey request expired or was used already: start again"
NOT_ACCEPTED = "That passkey was not accepted: try again, or use another way to sign in"
UNKNOWN_PASSKEY = "That passkey is not registered for this account"
COUNTER_WENT_BACK = (
    "That passkey's signature counter went backwards, as a copied key's would: "
    "it was not accepted. Remove it in your settings and add it again"
)
ALREADY_REGISTERED = "This passkey is registered already"
NO_PASSKEYS = "No passkey is registered for this account"
LAST_WAY_IN = (
    "This is your only way to sign in: set a password (Forgot password on the login page) "
    "or add another passkey first"
)


class NotVerified(Exception):
    """py_webauthn refused the answer; the message is for the logs, not the person."""


# ---------------------------------------------------------------- challenges
def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _from_b64url(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _challenge_hash(challenge: str) -> str:
    return hashlib.sha256(challenge.encode()).hexdigest()


async def _new_challenge(
    session: AsyncSession, purpose: Purpose, user_id: uuid.UUID | None
) -> bytes:
    challenge = secrets.token_bytes(32)
    await passkey_crud.start_passkey_challenge(
        session=session,
        challenge=PasskeyChallenge(
            challenge_hash=_challenge_hash(_b64url(challenge)),
            purpose=purpose,
            user_id=user_id,
            expires_at=utcnow() + CHALLENGE_LIFETIME,
        ),
    )
    return challenge


def _answered_challenge(credential: dict[str, Any]) -> str:
    """The challenge the browser signed, as it wrote it in clientDataJSON."""
    try:
        response = credential["response"]
        client_data = json.loads(_from_b64url(response["clientDataJSON"]))
        challenge = client_data["challenge"]
    except (KeyError, TypeError, ValueError, binascii.Error) as error:
        raise BadRequest(MALFORMED) from error
    if not isinstance(challenge, str) or not challenge:
        raise BadRequest(MALFORMED)
    return challenge


async def _consume_challenge(
    session: AsyncSession,
    credential: dict[str, Any],
    purpose: Purpose,
    user_id: uuid.UUID | None,
) -> bytes:
    """The challenge the answer signed, used up; a replayed, expired or
    foreign one is refused."""
    challenge = _answered_challenge(credential)
    if not await passkey_crud.consume_passkey_challenge(
        session=session,
        challenge_hash=_challenge_hash(challenge),
        purpose=purpose,
        user_id=user_id,
    ):
        raise BadRequest(STALE_CHALLENGE)
    return _from_b64url(challenge)


def _options(
    options: PublicKeyCredentialCreationOptions | PublicKeyCredentialRequestOptions,
) -> PasskeyOptions:
    return PasskeyOptions(options=json.loads(options_to_json(options)))


def _descriptor(passkey: Passkey) -> PublicKeyCredentialDescriptor:
    return PublicKeyCredentialDescriptor(
        id=_from_b64url(passkey.credential_id),
        transports=[AuthenticatorTransport(t) for t in passkey.transports if t in TRANSPORTS],
    )


def public(passkey: Passkey) -> PasskeyPublic:
    return PasskeyPublic.model_validate(passkey, from_attributes=True)


# ---------------------------------------------------------------- registration
async def registration_options(*, session: AsyncSession, user: User) -> PasskeyOptions:
    """Options for navigator.credentials.create(): a discoverable credential
    for this account, not one of those it has already."""
    mine = await passkey_crud.list_passkeys(session=session, user_id=user.id)
    challenge = await _new_challenge(session, "register", user.id)
    return _options(
        generate_registration_options(
            rp_id=settings.passkeys_rp_id,
            rp_name=settings.passkeys_rp_name,
            user_id=user.id.bytes,
            user_name=user.email,
            user_display_name=user.full_name or user.email,
            challenge=challenge,
            timeout=TIMEOUT_MS,
            authenticator_selection=AuthenticatorSelectionCriteria(
                resident_key=ResidentKeyRequirement.REQUIRED,
                user_verification=UserVerificationRequirement.PREFERRED,
            ),
            exclude_credentials=[_descriptor(p) for p in mine],
        )
    )


def _transports(credential: dict[str, Any]) -> list[str]:
    listed = credential.get("response", {}).get("transports")
    if not isinstance(listed, list):
        return []
    return sorted({t for t in listed if isinstance(t, str) and t in TRANSPORTS})


async def register(
    *,
    session: AsyncSession,
    mailer: "Mailer",
    user: User,
    name: str,
    credential: dict[str, Any],
    ip: str | None,
) -> Passkey:
    expected = await _consume_challenge(session, credential, "register", user.id)
    try:
        verified = verify_registration_response(
            credential=credential,
            expected_challenge=expected,
            expected_rp_id=settings.passkeys_rp_id,
            expected_origin=settings.passkeys_origins,
        )
    # py_webauthn parses untrusted CBOR and JSON: its own errors are typed, but
    # a hostile answer can also surface the parsers' errors; all mean "refused".
    except Exception as error:
        raise FailedAttempt(NOT_ACCEPTED) from error
    credential_id = _b64url(verified.credential_id)
    if await passkey_crud.get_passkey_by_credential_id(
        session=session, credential_id=credential_id
    ):
        raise Conflict(ALREADY_REGISTERED)
    passkey = Passkey(
        user_id=user.id,
        credential_id=credential_id,
        public_key=verified.credential_public_key,
        sign_count=verified.sign_count,
        transports=_transports(credential),
        name=name,
    )
    await passkey_crud.add_passkey(session=session, passkey=passkey)
    await _audit_and_notify(session, mailer, user, passkey, "passkey_added", "added", ip)
    return passkey


async def _audit_and_notify(
    session: AsyncSession,
    mailer: "Mailer",
    user: User,
    passkey: Passkey,
    action: Literal["passkey_added", "passkey_removed"],
    change: str,
    ip: str | None,
) -> None:
    await crud.record_audit(
        session=session,
        action=action,
        actor=user,
        target_user_id=user.id,
        ip_address=ip,
        detail=passkey.name,
    )
    mailer.send(
        notifications.signin_method_changed(
            settings, email=user.email, method=f"The passkey “{passkey.name}”", change=change
        )
    )


# ---------------------------------------------------------------- managing
async def can_delete(*, session: AsyncSession, user: User) -> bool:
    """Whether removing one passkey still leaves a way to sign in."""
    if user.hashed_password:
        return True
    # region capability: oauth
    if await oauth_crud.count_oauth_accounts(session=session, user_id=user.id):
        return True
    # endregion capability: oauth
    return await passkey_crud.count_passkeys(session=session, user_id=user.id) > 1


async def listed(*, session: AsyncSession, user: User) -> PasskeysPublic:
    mine = await passkey_crud.list_passkeys(session=session, user_id=user.id)
    return PasskeysPublic(
        data=[public(p) for p in mine], can_delete=await can_delete(session=session, user=user)
    )


async def signs_in(*, session: AsyncSession, user_id: uuid.UUID) -> bool:
    """Whether the account has a passkey that can sign it in (for the other
    options' "last way in" rules)."""
    if not settings.PASSKEYS_ENABLED:
        return False
    return await passkey_crud.count_passkeys(session=session, user_id=user_id) > 0


async def owned(*, session: AsyncSession, user: User, passkey_id: uuid.UUID) -> Passkey:
    passkey = await passkey_crud.get_passkey(
        session=session, user_id=user.id, passkey_id=passkey_id
    )
    if passkey is None:
        raise NotFound("Passkey not found")
    return passkey


async def rename(*, session: AsyncSession, user: User, passkey_id: uuid.UUID, name: str) -> Passkey:
    passkey = await owned(session=session, user=user, passkey_id=passkey_id)
    await passkey_crud.rename_passkey(session=session, passkey=passkey, name=name)
    return passkey


async def delete(
    *, session: AsyncSession, mailer: "Mailer", user: User, passkey_id: uuid.UUID, ip: str | None
) -> None:
    passkey = await owned(session=session, user=user, passkey_id=passkey_id)
    if not await can_delete(session=session, user=user):
        raise Conflict(LAST_WAY_IN)
    await passkey_crud.delete_passkey(session=session, passkey=passkey)
    await _audit_and_notify(session, mailer, user, passkey, "passkey_removed", "removed", ip)


# ---------------------------------------------------------------- assertions
async def authentication_options(
    *, session: AsyncSession, purpose: Purpose, user: User | None
) -> PasskeyOptions:
    """Options for navigator.credentials.get(): any passkey of this site when
    no account is known yet (the login page), else one of that account's."""
    allowed: list[PublicKeyCredentialDescriptor] = []
    if user is not None:
        mine = await passkey_crud.list_passkeys(session=session, user_id=user.id)
        if not mine:
            raise BadRequest(NO_PASSKEYS)
        allowed = [_descriptor(p) for p in mine]
    challenge = await _new_challenge(session, purpose, user.id if user else None)
    return _options(
        generate_authentication_options(
            rp_id=settings.passkeys_rp_id,
            challenge=challenge,
            timeout=TIMEOUT_MS,
            allow_credentials=allowed,
            user_verification=(
                UserVerificationRequirement.REQUIRED
                if purpose == "sign_in"
                else UserVerificationRequirement.PREFERRED
            ),
        )
    )


async def verified_passkey(
    *, session: AsyncSession, credential: dict[str, Any], purpose: Purpose, user: User | None
) -> Passkey:
    """The passkey that signed this answer to one of our challenges, its
    counter and last use recorded; FailedAttempt (kept, so the challenge
    stays used) when the answer does not hold."""
    expected = await _consume_challenge(session, credential, purpose, user.id if user else None)
    credential_id = credential.get("id")
    passkey = (
        await passkey_crud.get_passkey_by_credential_id(
            session=session, credential_id=credential_id
        )
        if isinstance(credential_id, str)
        else None
    )
    if passkey is None or (user is not None and passkey.user_id != user.id):
        raise FailedAttempt(UNKNOWN_PASSKEY if user else NOT_ACCEPTED)
    try:
        verified = verify_authentication_response(
            credential=credential,
            expected_challenge=expected,
            expected_rp_id=settings.passkeys_rp_id,
            expected_origin=settings.passkeys_origins,
            credential_public_key=passkey.public_key,
            # The counter is checked below, once the signature is known to be good.
            credential_current_sign_count=0,
            require_user_verification=purpose == "sign_in",
        )
    except Exception as error:  # see register()
        raise FailedAttempt(NOT_ACCEPTED) from error
    handle = credential["response"].get("userHandle")
    if purpose == "sign_in" and handle is not None and handle != _b64url(passkey.user_id.bytes):
        raise FailedAttempt(NOT_ACCEPTED)
    counted = verified.new_sign_count
    if (counted > 0 or passkey.sign_count > 0) and counted <= passkey.sign_count:
        raise FailedAttempt(COUNTER_WENT_BACK)
    if not await passkey_crud.record_passkey_use(
        session=session, passkey=passkey, sign_count=counted
    ):
        raise FailedAttempt(COUNTER_WENT_BACK)
    return passkey
