"""Access tokens (JWT) and opaque random tokens."""

import functools
import hashlib
import secrets
import time
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import jwt

ALGORITHM = "HS256"
ACCESS_TOKEN_TYPE = "access"
REQUIRED_CLAIMS = ["exp", "iat", "sub", "sid", "typ"]


class InvalidTokenError(Exception):
    """The token is not a valid access token, whatever the reason."""


@dataclass(frozen=True, slots=True)
class AccessClaims:
    user_id: uuid.UUID
    session_id: uuid.UUID


def create_access_token(
    *, user_id: uuid.UUID, session_id: uuid.UUID, secret_key: str, expires_delta: timedelta
) -> str:
    now = datetime.now(UTC)
    claims = {
        "sub": str(user_id),
        "sid": str(session_id),
        "typ": ACCESS_TOKEN_TYPE,
        "iat": now,
        "exp": now + expires_delta,
    }
    return jwt.encode(claims, secret_key, algorithm=ALGORITHM)


def decode_access_token(token: str, *, secret_key: str) -> AccessClaims:
    """Validate signature, algorithm, expiry and type; return the claims.

    The algorithm list is pinned so that `none` or an asymmetric-key
    confusion can never be chosen by the token itself.
    """
    try:
        claims, expires_at = _verified_claims(token, secret_key)
    except (jwt.PyJWTError, ValueError, TypeError, AttributeError) as error:
        raise InvalidTokenError(str(error)) from error
    if expires_at <= _now():
        raise InvalidTokenError("Signature has expired")
    return claims


# Tokens whose signature was verified, with their claims: a client presents
# the same access token for its whole life, and checking the signature and
# parsing the claims again each time was a twentieth of a simple request's
# work. The key includes the signature, so only a token byte-identical to one
# verified before (with the same secret) is found here; expiry, and the
# session's revocation, are still checked on every request.
VERIFIED_TOKENS_CACHED = 4096


@functools.lru_cache(maxsize=VERIFIED_TOKENS_CACHED)
def _verified_claims(token: str, secret_key: str) -> tuple[AccessClaims, float]:
    claims = jwt.decode(
        token, secret_key, algorithms=[ALGORITHM], options={"require": REQUIRED_CLAIMS}
    )
    if claims["typ"] != ACCESS_TOKEN_TYPE:
        raise ValueError("wrong token type")
    access = AccessClaims(user_id=uuid.UUID(claims["sub"]), session_id=uuid.UUID(claims["sid"]))
    return access, float(claims["exp"])


def _now() -> float:
    return time.time()


def new_opaque_token() -> str:
    """A random token for links and refresh cookies (256 bits)."""
    return secrets.token_urlsafe(32)


def hash_opaque_token(token: str) -> str:
    """Opaque tokens have full entropy, so a fast hash is enough to make a
    stolen database row useless."""
    return hashlib.sha256(token.encode()).hexdigest()
