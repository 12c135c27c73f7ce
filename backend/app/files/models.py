"""The attachment table and the files' API schemas."""

import uuid
from datetime import datetime

from sqlalchemy import BigInteger, Column
from sqlmodel import Field, SQLModel

from app.models import timestamp


class Attachment(SQLModel, table=True):
    """A file attached to an item. Its bytes are in the storage under `key`;
    `completed_at` is empty while a direct upload to S3 is under way."""

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    item_id: uuid.UUID = Field(foreign_key="item.id", ondelete="CASCADE", index=True)
    # Who uploaded it, whose quota it counts against. None once their account
    # is deleted: the file stays with its item.
    owner_id: uuid.UUID | None = Field(
        default=None, foreign_key="user.id", ondelete="SET NULL", index=True
    )
    filename: str = Field(max_length=255)
    content_type: str = Field(max_length=127)
    size: int = Field(sa_column=Column(BigInteger, nullable=False))
    key: str = Field(max_length=64, unique=True)
    created_at: datetime = timestamp(index=True)
    completed_at: datetime | None = timestamp(nullable=True)


class AttachmentPublic(SQLModel):
    id: uuid.UUID
    item_id: uuid.UUID
    filename: str
    content_type: str
    size: int
    created_at: datetime


class AttachmentsPublic(SQLModel):
    data: list[AttachmentPublic]
    count: int


class DirectUploadCreate(SQLModel):
    """A file the browser will send straight to S3."""

    filename: str = Field(min_length=1, max_length=1000)
    size: int = Field(gt=0)
    content_type: str = Field(min_length=1, max_length=127)


class DirectUploadPublic(SQLModel):
    """Where to POST the file (multipart/form-data: `fields`, then `file`)
    before `expires_at`; then complete the attachment."""

    attachment: AttachmentPublic
    url: str
    fields: dict[str, str]
    expires_at: datetime


class DownloadLink(SQLModel):
    url: str
    expires_at: datetime


class StorageUsage(SQLModel):
    used_bytes: int
    quota_bytes: int
