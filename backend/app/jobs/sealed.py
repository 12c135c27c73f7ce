"""Values a job must carry but nobody may read from the database: a mail's
body holds single-use links. Sealed with a key derived from SECRET_KEY
(Fernet: AES with an HMAC), so rotating SECRET_KEY makes queued values
unreadable; such jobs fail with a clear error rather than send garbage."""

import base64
import hashlib
import json
from typing import Any

from cryptography.fernet import Fernet, InvalidToken

from app.core.config import settings


class UnreadableSeal(ValueError):
    """The value was sealed with another SECRET_KEY, or tampered with."""


def _fernet() -> Fernet:
    digest = hashlib.sha256(b"job-payload:" + settings.SECRET_KEY.encode()).digest()
    return Fernet(base64.urlsafe_b64encode(digest))


def seal(value: dict[str, Any]) -> str:
    return _fernet().encrypt(json.dumps(value).encode()).decode()


def unseal(token: str) -> dict[str, Any]:
    try:
        value = json.loads(_fernet().decrypt(token.encode()))
    except InvalidToken as error:
        raise UnreadableSeal("sealed with another SECRET_KEY, or altered") from error
    if not isinstance(value, dict):
        raise UnreadableSeal("not a sealed object")
    return value
