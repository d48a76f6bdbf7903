"""Attachments (contract §4): creation, the two upload paths, the sender's view, expiry and stale uploads."""

from __future__ import annotations

import re
import uuid
from collections.abc import AsyncIterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from correspondence.access.actor import Actor, ActorKind
from correspondence.adapters import queue
from correspondence.attachment import content as attachment_content
from correspondence.attachment import retention as attachment_retention
from correspondence.attachment.content import ChecksumMismatchError, ContentTooLargeError, StoredContent, Vault
from correspondence.attachment.models import Attachment, AttachmentStatus, DataLocationType
from correspondence.attachment.rules import display_name_problem, file_name_problem
from correspondence.correspondence import attachments as correspondence_attachment
from correspondence.kit import clock
from correspondence.kit.errors import BadUserInput, Conflict, Forbidden, InputErrors, NotFound, PayloadTooLarge
from correspondence.kit.identifiers import organization_urn
from correspondence.kit.unit_of_work import unit_of_work
from correspondence.registry import repository as registry

MAX_SENDERS_REFERENCE = 4096
MAX_EXPIRATION_DAYS = 3650
# An upload claimed this long ago and still unfinished belongs to a client or process that is gone.
STALE_UPLOAD = timedelta(hours=6)
EXPIRE_JOB = "expire_attachment"
SWEEP_BATCH = 500
_MD5_HEX = re.compile(r"[0-9a-fA-F]{32}")


@dataclass(frozen=True, slots=True)
class NewAttachment:
    resource_id: str
    file_name: str
    display_name: str | None
    senders_reference: str
    checksum: str | None
    is_encrypted: bool
    expiration_in_days: int | None


@dataclass(frozen=True, slots=True)
class _Checked:
    sender: str
    checksum: str | None


async def _check(actor: Actor, new: NewAttachment, field: str) -> _Checked:
    errors = InputErrors()
    problem = file_name_problem(new.file_name)
    if problem:
        errors.add(f"{field}.fileName", problem)
    problem = display_name_problem(new.display_name)
    if problem:
        errors.add(f"{field}.displayName", problem)
    if not 1 <= len(new.senders_reference) <= MAX_SENDERS_REFERENCE:
        errors.add(f"{field}.sendersReference", f"The sender's reference must be 1–{MAX_SENDERS_REFERENCE} characters.")
    if new.checksum is not None and not _MD5_HEX.fullmatch(new.checksum):
        errors.add(f"{field}.checksum", "The checksum must be an MD5 digest: 32 hexadecimal digits.")
    if new.expiration_in_days is not None and not 1 <= new.expiration_in_days <= MAX_EXPIRATION_DAYS:
        errors.add(f"{field}.expirationInDays", f"Expiration must be 1–{MAX_EXPIRATION_DAYS} days.")
    resource = await registry.resource(new.resource_id)
    if resource is None:
        errors.add(f"{field}.resourceId", f"The resource {new.resource_id!r} is unknown.")
    errors.raise_if_any()
    assert resource is not None
    if actor.organization_number != resource.owner_organization_number:
        raise Forbidden(f"The resource {new.resource_id!r} is not owned by your organization.")
    return _Checked(organization_urn(resource.owner_organization_number), new.checksum and new.checksum.lower())


def _fields(new: NewAttachment, checked: _Checked, now: datetime) -> dict[str, Any]:
    days = new.expiration_in_days
    return {
        "resource_id": new.resource_id,
        "sender": checked.sender,
        "file_name": new.file_name,
        "display_name": new.display_name,
        "senders_reference": new.senders_reference,
        "data_location_type": DataLocationType.ALTINN_CORRESPONDENCE_ATTACHMENT,
        "is_encrypted": new.is_encrypted,
        "expiration_in_days": days,
        "expires_at": now + timedelta(days=days) if days else None,
        "created": now,
        "status_changed": now,
        "expected_checksum": checked.checksum,
    }


def _schedule_expiry(attachment: Attachment) -> None:
    if attachment.expires_at is not None:
        queue.enqueue_after_commit(
            EXPIRE_JOB, str(attachment.id), job_id=f"{EXPIRE_JOB}:{attachment.id}", defer_until=attachment.expires_at
        )


async def initialize(actor: Actor, new: NewAttachment) -> Attachment:
    """An attachment waiting for its content (`PUT /attachments/{id}/content`)."""
    checked = await _check(actor, new, "input")
    attachment = await Attachment.create(
        id=uuid.uuid4(), status=AttachmentStatus.INITIALIZED, **_fields(new, checked, clock.now())
    )
    _schedule_expiry(attachment)
    return attachment


async def upload(
    actor: Actor, new: NewAttachment, pieces: AsyncIterable[bytes], vault: Vault, limit: int
) -> Attachment:
    """An attachment created together with its (small) content: PUBLISHED, or FAILED on a checksum mismatch.

    The bytes are stored before the row is written, so the transaction stays short and a failure leaves
    neither a row nor bytes behind.
    """
    checked = await _check(actor, new, "input")
    attachment_id = uuid.uuid4()
    status, status_text = AttachmentStatus.PUBLISHED, None
    content: dict[str, Any] = {}
    try:
        stored = await attachment_content.store(
            vault, attachment_id, pieces, limit=limit, expected_md5=checked.checksum
        )
        content = _content_fields(stored)
    except ContentTooLargeError as error:
        raise PayloadTooLarge(str(error)) from None
    except ChecksumMismatchError as error:
        status, status_text = AttachmentStatus.FAILED, str(error)
    attachment = await Attachment.create(
        id=attachment_id, status=status, status_text=status_text, **_fields(new, checked, clock.now()), **content
    )
    if status is AttachmentStatus.PUBLISHED:
        _schedule_expiry(attachment)
    return attachment


def _content_fields(stored: StoredContent) -> dict[str, Any]:
    return {
        "checksum": stored.md5,
        "sha256": stored.sha256,
        "size": stored.size,
        "key_id": stored.key.key_id,
        "wrapped_key": stored.key.wrapped,
        "chunk_size": stored.chunk_size,
        "has_content": True,
    }


def _parse_id(attachment_id: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(attachment_id)
    except ValueError:
        return None


async def for_sender(actor: Actor, attachment_id: str) -> Attachment | None:
    """The attachment when the caller is a service owner of its sender organization; None for anyone else."""
    parsed = _parse_id(attachment_id)
    if parsed is None or actor.kind is not ActorKind.SERVICE_OWNER or actor.organization_number is None:
        return None
    return await Attachment.get_or_none(id=parsed, sender=organization_urn(actor.organization_number))


async def claim_upload(actor: Actor, attachment_id: str) -> Attachment:
    """Reserve the attachment for one upload of its content; a second upload is a conflict.

    The claim is a conditional update, so two concurrent uploads cannot both win.
    """
    attachment = await for_sender(actor, attachment_id)
    if attachment is None:
        raise NotFound("The attachment")
    if attachment.data_location_type is DataLocationType.EXTERNAL_STORAGE:
        raise Conflict("The attachment is stored externally; it has no content to upload.")
    now = clock.now()
    claimed = await Attachment.filter(id=attachment.id, status=AttachmentStatus.INITIALIZED).update(
        status=AttachmentStatus.UPLOAD_PROCESSING, status_text=None, status_changed=now
    )
    if not claimed:
        raise Conflict(f"The attachment is {attachment.status.value}: its content can be uploaded only once.")
    await attachment.refresh_from_db()
    return attachment


async def receive_content(
    attachment: Attachment,
    pieces: AsyncIterable[bytes],
    vault: Vault,
    *,
    limit: int,
    declared_size: int | None,
) -> Attachment:
    """Store the content of a claimed attachment, then publish or fail it.

    The upload is a long wait outside any transaction, so this is its own transaction boundary: it commits
    the attachment's final status itself. Raises PayloadTooLarge (the attachment FAILED) as soon as the
    declared or the counted size passes the limit, and BadUserInput for a checksum mismatch (FAILED); an
    interrupted upload puts the attachment back to INITIALIZED for another try.
    """
    if declared_size is not None and declared_size > limit:
        # An honest client learns before it sends anything; a lying one is caught by the count below.
        too_large = str(ContentTooLargeError(limit))
        await _settle(attachment, AttachmentStatus.FAILED, too_large)
        raise PayloadTooLarge(too_large)
    try:
        stored = await attachment_content.store(
            vault, attachment.id, pieces, limit=limit, expected_md5=attachment.expected_checksum
        )
    except ContentTooLargeError as error:
        await _settle(attachment, AttachmentStatus.FAILED, str(error))
        raise PayloadTooLarge(str(error)) from None
    except ChecksumMismatchError as error:
        await _settle(attachment, AttachmentStatus.FAILED, str(error))
        raise BadUserInput.single("checksum", str(error)) from None
    except BaseException:
        await _settle(attachment, AttachmentStatus.INITIALIZED, "The upload was interrupted; upload the content again.")
        raise
    await _settle(attachment, AttachmentStatus.PUBLISHED, None, _content_fields(stored))
    return attachment


async def _settle(
    attachment: Attachment, status: AttachmentStatus, text: str | None, content: dict[str, Any] | None = None
) -> None:
    """End the upload, and move on the correspondences that wait for this attachment."""
    async with unit_of_work():
        now = clock.now()
        values: dict[str, Any] = {"status": status, "status_text": text, "status_changed": now, **(content or {})}
        settled = await Attachment.filter(id=attachment.id, status=AttachmentStatus.UPLOAD_PROCESSING).update(**values)
        await attachment.refresh_from_db()
        if not settled:
            return
        if status is AttachmentStatus.PUBLISHED:
            await correspondence_attachment.release_waiting(attachment.id)
        elif status is AttachmentStatus.FAILED:
            await correspondence_attachment.fail_waiting(attachment, text or "The upload failed.")


async def expire(attachment_id: uuid.UUID) -> bool:
    """Expire the attachment when its time has come; False when there is nothing to do.

    An upload in progress is left alone: the sweep expires the attachment once the upload has settled.
    Correspondences not yet published that use it fail: their attachment is gone.
    """
    attachment = await Attachment.get_or_none(id=attachment_id)
    if attachment is None or attachment.expires_at is None or attachment.expires_at > clock.now():
        return False
    text = "The attachment expired."
    expired = await attachment_retention.retire(
        attachment_id,
        AttachmentStatus.EXPIRED,
        text,
        only_from=(AttachmentStatus.INITIALIZED, AttachmentStatus.PUBLISHED),
    )
    if expired:
        await correspondence_attachment.fail_waiting(attachment, text)
    return expired


async def fail_stale_upload(attachment_id: uuid.UUID) -> bool:
    attachment = await Attachment.get_or_none(id=attachment_id)
    if attachment is None or attachment.status_changed > clock.now() - STALE_UPLOAD:
        return False
    text = "The upload did not finish."
    failed = await attachment_retention.retire(
        attachment_id, AttachmentStatus.FAILED, text, only_from=(AttachmentStatus.UPLOAD_PROCESSING,)
    )
    if failed:
        await correspondence_attachment.fail_waiting(attachment, text)
    return failed


async def due_for_expiry(limit: int = SWEEP_BATCH) -> list[uuid.UUID]:
    ids = (
        await Attachment.filter(
            status__in=(AttachmentStatus.INITIALIZED, AttachmentStatus.PUBLISHED), expires_at__lte=clock.now()
        )
        .limit(limit)
        .values_list("id", flat=True)
    )
    return [uuid.UUID(str(i)) for i in ids]


async def stale_uploads(limit: int = SWEEP_BATCH) -> list[uuid.UUID]:
    ids = (
        await Attachment.filter(
            status=AttachmentStatus.UPLOAD_PROCESSING, status_changed__lte=clock.now() - STALE_UPLOAD
        )
        .limit(limit)
        .values_list("id", flat=True)
    )
    return [uuid.UUID(str(i)) for i in ids]
