"""The end of an attachment's bytes: retiring it (purged, expired, failed) and deleting what storage holds.

Retiring happens in the caller's transaction and forgets the wrapped data key at once, so the bytes are
unreadable from that commit on (crypto-shredding) even before the file is gone. The file itself is deleted by a
job after the commit, and the attachment sweep deletes whatever a lost job left behind.
"""

from __future__ import annotations

import uuid

from correspondence.adapters import queue
from correspondence.attachment import repository as repository
from correspondence.attachment.content import Vault, blob_key
from correspondence.attachment.statuses import FINAL, AttachmentStatus
from correspondence.kit import clock

DELETE_JOB = "delete_attachment_content"


def delete_job_id(attachment_id: uuid.UUID) -> str:
    return f"{DELETE_JOB}:{attachment_id}"


async def retire(
    attachment_id: uuid.UUID, status: AttachmentStatus, text: str, *, only_from: tuple[AttachmentStatus, ...] = ()
) -> bool:
    """Move a live attachment to a final status (optionally only from `only_from`); False when it was not live."""
    values = {"status": status, "status_text": text, "status_changed": clock.now(), "wrapped_key": None}
    retired = await repository.retire(attachment_id, values, only_from=only_from)
    if retired:
        queue.enqueue_after_commit(DELETE_JOB, str(attachment_id), job_id=delete_job_id(attachment_id))
    return bool(retired)


async def delete_content(vault: Vault, attachment_id: uuid.UUID) -> bool:
    """Delete the bytes of a retired attachment; idempotent, and a live attachment is never touched."""
    attachment = await repository.get(attachment_id)
    if attachment is None or attachment.status not in FINAL or not attachment.has_content:
        return False
    await vault.storage.delete(blob_key(attachment_id))
    await repository.forget_content(attachment_id)
    return True


async def retired_with_content() -> list[uuid.UUID]:
    return await repository.retired_with_content()
