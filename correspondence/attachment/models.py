"""Attachments (contract §4): uploaded once by a sender organization, usable by any number of its correspondences."""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model

# Re-exported for the repositories, jobs and migrations that know statuses through the models.
from correspondence.attachment.statuses import FINAL as FINAL
from correspondence.attachment.statuses import AttachmentStatus as AttachmentStatus
from correspondence.attachment.statuses import DataLocationType as DataLocationType


class Attachment(Model):
    id = fields.UUIDField(pk=True)
    resource_id = fields.CharField(max_length=255)
    sender = fields.CharField(max_length=64, db_index=True)  # the resource owner's organization URN
    file_name = fields.CharField(max_length=255)
    display_name = fields.CharField(max_length=255, null=True)
    senders_reference = fields.CharField(max_length=4096)
    data_location_type = fields.CharEnumField(DataLocationType, max_length=40)
    url = fields.CharField(max_length=2048, null=True)  # EXTERNAL_STORAGE only
    is_encrypted = fields.BooleanField(default=False)  # the sender encrypted the content itself
    expiration_in_days = fields.IntField(null=True)
    expires_at = fields.DatetimeField(null=True, db_index=True)
    created = fields.DatetimeField()
    status = fields.CharEnumField(AttachmentStatus, max_length=32)
    status_text = fields.CharField(max_length=1024, null=True)
    status_changed = fields.DatetimeField()
    # Verified content: the MD5 a sender may give (hex), SHA-256 computed alongside, plaintext size in bytes.
    expected_checksum = fields.CharField(max_length=32, null=True)
    checksum = fields.CharField(max_length=32, null=True)
    sha256 = fields.CharField(max_length=64, null=True)
    size = fields.BigIntField(null=True)
    # Encryption at rest: the attachment's data key wrapped by the master key `key_id`, and the plaintext
    # chunk size of its stored AES-GCM chunks.
    wrapped_key = fields.BinaryField(null=True)
    key_id = fields.CharField(max_length=64, null=True, db_index=True)
    chunk_size = fields.IntField(null=True)
    # True while storage holds the bytes; a retired attachment keeps it until the bytes are really deleted.
    has_content = fields.BooleanField(default=False)

    correspondence_links: fields.ReverseRelation[CorrespondenceAttachment]

    class Meta:
        table = "attachment"
        indexes = (("status", "expires_at"), ("status", "status_changed"), ("has_content", "status"))


class CorrespondenceAttachment(Model):
    """One correspondence's use of one attachment; an attachment serves many correspondences."""

    id = fields.BigIntField(pk=True)
    # Typed as any model: the attachment domain knows correspondences by id only.
    correspondence: fields.ForeignKeyRelation[Model] = fields.ForeignKeyField(
        "models.Correspondence", related_name="attachment_links", on_delete=fields.CASCADE
    )
    attachment: fields.ForeignKeyRelation[Attachment] = fields.ForeignKeyField(
        "models.Attachment", related_name="correspondence_links", on_delete=fields.CASCADE
    )
    position = fields.IntField()  # the order in which the sender listed the attachments

    class Meta:
        table = "correspondence_attachment"
        unique_together = (("correspondence", "attachment"),)
        indexes = (("attachment_id",),)  # the letters of an attachment, and its deletion's cascade
