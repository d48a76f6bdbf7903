"""GraphQL types of attachments (contract §4, §8)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import strawberry

from correspondence.attachment import repository, statuses

AttachmentStatusEnum = strawberry.enum(statuses.AttachmentStatus, name="AttachmentStatus")
DataLocationTypeEnum = strawberry.enum(statuses.DataLocationType, name="DataLocationType")


@strawberry.input
class AttachmentInput:
    resource_id: str
    file_name: str
    display_name: str | None = None
    senders_reference: str
    checksum: str | None = strawberry.field(default=None, description="MD5 of the content, hex; it must match.")
    is_encrypted: bool | None = strawberry.field(default=None, description="The sender encrypted the content.")
    expiration_in_days: int | None = strawberry.field(
        default=None, description="Days after which the attachment expires and its bytes are deleted."
    )


@strawberry.type(name="Attachment")
class AttachmentType:
    id: strawberry.ID
    resource_id: str
    file_name: str
    display_name: str | None
    senders_reference: str
    size: int | None = strawberry.field(description="Bytes of content, once uploaded.")
    checksum: str | None = strawberry.field(description="MD5 of the content (hex), computed on upload.")
    status: AttachmentStatusEnum  # type: ignore[valid-type]
    status_text: str | None
    status_changed: datetime
    data_location_type: DataLocationTypeEnum  # type: ignore[valid-type]
    url: str | None = strawberry.field(description="Where EXTERNAL_STORAGE content lives.")
    is_encrypted: bool
    created: datetime
    expiration_time: datetime | None

    @classmethod
    def from_model(cls, attachment: repository.Attachment) -> AttachmentType:
        return cls(**_fields(attachment))


@strawberry.type(name="CorrespondenceAttachment")
class CorrespondenceAttachmentType(AttachmentType):
    """An attachment as one correspondence carries it."""

    download_url: str | None = strawberry.field(
        description="A short-lived signed link that needs no Bearer header (the external URL for EXTERNAL_STORAGE); "
        "null where the caller may not download."
    )

    @classmethod
    def from_model(
        cls, attachment: repository.Attachment, *, download_url: str | None = None
    ) -> CorrespondenceAttachmentType:
        """`download_url`: the link for this viewer; None where the viewer may not download."""
        return cls(**_fields(attachment), download_url=download_url)


def _fields(attachment: repository.Attachment) -> dict[str, Any]:
    return dict(
        id=strawberry.ID(str(attachment.id)),
        resource_id=attachment.resource_id,
        file_name=attachment.file_name,
        display_name=attachment.display_name,
        senders_reference=attachment.senders_reference,
        size=attachment.size,
        checksum=attachment.checksum,
        status=attachment.status,
        status_text=attachment.status_text,
        status_changed=attachment.status_changed,
        data_location_type=attachment.data_location_type,
        url=attachment.url,
        is_encrypted=attachment.is_encrypted,
        created=attachment.created,
        expiration_time=attachment.expires_at,
    )
