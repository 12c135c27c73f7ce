"""Storage keys, all made here by the server: a client's file name never
becomes part of one, so no name can reach outside the storage's root or
overwrite another file."""

import uuid

from app.files.images import AVATAR_SIZES

ATTACHMENTS = "attachments"
AVATARS = "avatars"


def new_key(kind: str) -> str:
    """A key for a new file of this kind: the kind and a random id."""
    return f"{kind}/{uuid.uuid4().hex}"


def avatar_key(avatar_id: uuid.UUID, size: int) -> str:
    return f"{AVATARS}/{avatar_id.hex}-{size}.webp"


def avatar_keys(avatar_id: uuid.UUID) -> list[str]:
    return [avatar_key(avatar_id, size) for size in AVATAR_SIZES]
