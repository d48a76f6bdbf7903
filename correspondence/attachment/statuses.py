"""Attachment statuses and where content lives (contract §4): plain values any layer may use, apart from the models."""

from __future__ import annotations

from enum import StrEnum


class AttachmentStatus(StrEnum):
    INITIALIZED = "INITIALIZED"
    UPLOAD_PROCESSING = "UPLOAD_PROCESSING"  # bytes arriving or being verified
    PUBLISHED = "PUBLISHED"
    PURGED = "PURGED"
    FAILED = "FAILED"
    EXPIRED = "EXPIRED"


# Statuses after which the attachment never changes again and has no bytes in storage (unless PUBLISHED).
FINAL = (AttachmentStatus.PURGED, AttachmentStatus.FAILED, AttachmentStatus.EXPIRED)


class DataLocationType(StrEnum):
    ALTINN_CORRESPONDENCE_ATTACHMENT = "ALTINN_CORRESPONDENCE_ATTACHMENT"
    EXTERNAL_STORAGE = "EXTERNAL_STORAGE"
