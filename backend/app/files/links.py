"""Download links for files on local disk: the API streams the file to
whoever presents the link before it expires, as S3 does for its signed
URLs, so that a browser can download it without sending a bearer token.

A link is a JWT signed with SECRET_KEY, of its own type so that no other
token of the app passes for one, naming the object's key and how to
serve it; it grants that one file for FILES_LINK_EXPIRE_SECONDS.
"""

import math
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import jwt

from app.core.config import settings
from app.core.errors import NotFound
from app.core.security import ALGORITHM

LINK_TYPE = "file-download"


@dataclass(frozen=True, slots=True)
class LinkedFile:
    key: str
    filename: str
    content_type: str


def download_token(file: LinkedFile, *, expires_at: datetime) -> str:
    """A link valid until `expires_at`, rounded up to the second: a JWT's
    `exp` holds whole seconds, and truncating would end the link up to a
    second before the time the client is told."""
    seconds = math.ceil(expires_at.timestamp())
    claims = {
        "typ": LINK_TYPE,
        "key": file.key,
        "name": file.filename,
        "ct": file.content_type,
        "exp": seconds,
    }
    return jwt.encode(claims, settings.SECRET_KEY, algorithm=ALGORITHM)


def linked_file(token: str) -> LinkedFile:
    """The file a link grants; NotFound for a link expired, altered or not one."""
    try:
        claims = jwt.decode(
            token,
            settings.SECRET_KEY,
            algorithms=[ALGORITHM],
            options={"require": ["typ", "key", "name", "ct", "exp"]},
        )
    except jwt.PyJWTError as error:
        raise NotFound("This download link has expired or is not valid") from error
    if claims["typ"] != LINK_TYPE:
        raise NotFound("This download link has expired or is not valid")
    return LinkedFile(key=claims["key"], filename=claims["name"], content_type=claims["ct"])


def link_expiry() -> datetime:
    return datetime.now(UTC) + timedelta(seconds=settings.FILES_LINK_EXPIRE_SECONDS)
