"""The end of an attachment's bytes: retiring it (purged, expired, failed) and deleting what storage holds.

Retiring happens in the caller's transaction and forgets the wrapped data key at once, so the bytes are
unreadable from that commit on (crypto-shredding) even before the file is gone. The file itself is deleted by a
job after the commit, and the attachment sweep deletes whatever a lost job left behind.
"""

from __future__ import annotations

import uuid

from correspondence.adapters import queue
from correspondence.attachment.content import Vault, blob_key
from correspondence.attachment.models import FINAL, Attachment, AttachmentStatus, CorrespondenceAttachment
from correspondence.correspondence.models import PURGED
from correspondence.kit import clock

DELETE_JOB = "delete_attachment_content"
SWEEP_BATCH = 500


def delete_job_id(attachment_id: uuid.UUID) -> str:
    return f"{DELETE_JOB}:{attachment_id}"


async def retire(
    attachment_id: uuid.UUID, status: AttachmentStatus, text: str, *, only_from: tuple[AttachmentStatus, ...] = ()
) -> bool:
    """Move a live attachment to a final status (optionally only from `only_from`); False when it was not live."""
    live = Attachment.filter(id=attachment_id).exclude(status__in=FINAL)
    if only_from:
        live = live.filter(status__in=only_from)
    retired = await live.update(status=status, status_text=text, status_changed=clock.now(), wrapped_key=None)
    if retired:
        queue.enqueue_after_commit(DELETE_JOB, str(attachment_id), job_id=delete_job_id(attachment_id))
    return bool(retired)


async def release_unused(correspondence_id: uuid.UUID) -> list[uuid.UUID]:
    """After a correspondence is purged: purge each of its attachments that no other live correspondence uses."""
    attachment_ids = await CorrespondenceAttachment.filter(correspondence_id=correspondence_id).values_list(
        "attachment_id", flat=True
    )
    released: list[uuid.UUID] = []
    for raw in attachment_ids:
        attachment_id = uuid.UUID(str(raw))
        in_use = (
            await CorrespondenceAttachment.filter(attachment_id=attachment_id)
            .exclude(correspondence__status__in=PURGED)
            .exists()
        )
        if not in_use and await retire(
            attachment_id, AttachmentStatus.PURGED, "No correspondence uses the attachment any more."
        ):
            released.append(attachment_id)
    return released


async def delete_content(vault: Vault, attachment_id: uuid.UUID) -> bool:
    """Delete the bytes of a retired attachment; idempotent, and a live attachment is never touched."""
    attachment = await Attachment.get_or_none(id=attachment_id)
    if attachment is None or attachment.status not in FINAL or not attachment.has_content:
        return False
    await vault.storage.delete(blob_key(attachment_id))
    await Attachment.filter(id=attachment_id).update(has_content=False)
    return True


async def retired_with_content(limit: int = SWEEP_BATCH) -> list[uuid.UUID]:
    ids = await Attachment.filter(has_content=True, status__in=FINAL).limit(limit).values_list("id", flat=True)
    return [uuid.UUID(str(i)) for i in ids]
