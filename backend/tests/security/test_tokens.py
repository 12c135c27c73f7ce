"""Access tokens: only a correctly signed, unexpired HS256 access token with
every required claim is ever accepted."""

import base64
import json
import time
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa
from httpx import AsyncClient
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from app.core import security
from app.core.security import (
    InvalidTokenError,
    create_access_token,
    decode_access_token,
)

SECRET = "test-secret-key-with-enough-entropy-0123456789"
USER_ID = uuid.uuid4()
SESSION_ID = uuid.uuid4()


def valid_token() -> str:
    return create_access_token(
        user_id=USER_ID,
        session_id=SESSION_ID,
        secret_key=SECRET,
        expires_delta=timedelta(minutes=5),
    )


def claims(**overrides: Any) -> dict[str, Any]:
    now = datetime.now(UTC)
    base: dict[str, Any] = {
        "sub": str(USER_ID),
        "sid": str(SESSION_ID),
        "typ": "access",
        "iat": now,
        "exp": now + timedelta(minutes=5),
    }
    base.update(overrides)
    return {k: v for k, v in base.items() if v is not None}


def test_a_valid_token_round_trips() -> None:
    decoded = decode_access_token(valid_token(), secret_key=SECRET)
    assert (decoded.user_id, decoded.session_id) == (USER_ID, SESSION_ID)


@given(position=st.integers(min_value=0), replacement=st.characters(codec="ascii"))
@hypothesis_settings(max_examples=300)
def test_a_tampered_token_is_rejected_or_unchanged(position: int, replacement: str) -> None:
    token = valid_token()
    index = position % len(token)
    tampered = token[:index] + replacement + token[index + 1 :]
    try:
        decoded = decode_access_token(tampered, secret_key=SECRET)
    except InvalidTokenError:
        return
    # base64 ignores some low bits of the last character: such an edit leaves
    # the decoded bytes, and so the claims, exactly as signed.
    assert (decoded.user_id, decoded.session_id) == (USER_ID, SESSION_ID)


@given(length=st.integers(min_value=0))
def test_a_truncated_token_is_rejected(length: int) -> None:
    token = valid_token()
    with pytest.raises(InvalidTokenError):
        decode_access_token(token[: length % len(token)], secret_key=SECRET)


@given(other_key=st.text(min_size=32).filter(lambda key: key != SECRET))
@hypothesis_settings(max_examples=50)
def test_a_token_signed_with_another_key_is_rejected(other_key: str) -> None:
    token = jwt.encode(claims(), other_key, algorithm="HS256")
    with pytest.raises(InvalidTokenError):
        decode_access_token(token, secret_key=SECRET)


@given(typ=st.text().filter(lambda typ: typ != "access"))
@hypothesis_settings(max_examples=50)
def test_a_token_of_another_type_is_rejected(typ: str) -> None:
    token = jwt.encode(claims(typ=typ), SECRET, algorithm="HS256")
    with pytest.raises(InvalidTokenError):
        decode_access_token(token, secret_key=SECRET)


@pytest.mark.parametrize("missing", ["exp", "iat", "sub", "sid", "typ"])
def test_a_token_missing_a_required_claim_is_rejected(missing: str) -> None:
    token = jwt.encode(claims(**{missing: None}), SECRET, algorithm="HS256")
    with pytest.raises(InvalidTokenError):
        decode_access_token(token, secret_key=SECRET)


def test_an_expired_token_is_rejected() -> None:
    past = datetime.now(UTC) - timedelta(minutes=1)
    token = jwt.encode(claims(exp=past, iat=past - timedelta(minutes=5)), SECRET, algorithm="HS256")
    with pytest.raises(InvalidTokenError):
        decode_access_token(token, secret_key=SECRET)


def test_a_token_verified_before_is_still_rejected_once_it_expires(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    token = valid_token()
    decode_access_token(token, secret_key=SECRET)
    six_minutes_later = time.time() + 6 * 60
    monkeypatch.setattr(security, "_now", lambda: six_minutes_later)
    with pytest.raises(InvalidTokenError):
        decode_access_token(token, secret_key=SECRET)


def test_a_token_verified_with_one_key_is_rejected_with_another() -> None:
    token = valid_token()
    decode_access_token(token, secret_key=SECRET)
    with pytest.raises(InvalidTokenError):
        decode_access_token(token, secret_key=SECRET + "-rotated")


def test_alg_none_is_rejected() -> None:
    header = base64.urlsafe_b64encode(json.dumps({"alg": "none", "typ": "JWT"}).encode())
    payload_claims = claims(iat=1, exp=4102444800)
    payload = base64.urlsafe_b64encode(json.dumps(payload_claims).encode())
    token = f"{header.decode().rstrip('=')}.{payload.decode().rstrip('=')}."
    with pytest.raises(InvalidTokenError):
        decode_access_token(token, secret_key=SECRET)


def test_an_rs256_token_is_rejected() -> None:
    private_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    token = jwt.encode(claims(), private_key, algorithm="RS256")
    with pytest.raises(InvalidTokenError):
        decode_access_token(token, secret_key=SECRET)


@pytest.mark.parametrize("subject", ["not-a-uuid", "", "123"])
def test_a_token_whose_subject_is_not_a_uuid_is_rejected(subject: str) -> None:
    token = jwt.encode(claims(sub=subject), SECRET, algorithm="HS256")
    with pytest.raises(InvalidTokenError):
        decode_access_token(token, secret_key=SECRET)


@pytest.mark.parametrize(
    "authorization",
    ["Bearer", "Bearer not.a.jwt", "Basic dXNlcjpwYXNz", "Bearer " + "a" * 2000],
)
async def test_the_api_answers_401_with_a_generic_body_for_bad_tokens(
    client: AsyncClient, authorization: str
) -> None:
    response = await client.get("/api/v1/users/me", headers={"Authorization": authorization})
    assert response.status_code == 401
    assert response.headers["www-authenticate"].startswith("Bearer")
    assert response.json()["detail"] in ("Not authenticated", "Could not validate credentials")


async def test_a_well_signed_token_for_an_unknown_session_is_rejected(client: AsyncClient) -> None:
    from app.core.config import settings

    token = create_access_token(
        user_id=uuid.uuid4(),
        session_id=uuid.uuid4(),
        secret_key=settings.SECRET_KEY,
        expires_delta=timedelta(minutes=5),
    )
    response = await client.get("/api/v1/users/me", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == 'Bearer error="invalid_token"'
