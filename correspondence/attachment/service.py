"""Attachments (contract §4): creation, the two upload paths, the sender's view, expiry and stale uploads.

Nothing here commits: the caller (a GraphQL field, the streaming route, a job) owns the unit of work. Bytes are
never stored while a unit of work is open: `store_upload` runs before the caller opens one, and
`store_content` stores the streamed bytes between the claim's unit of work and the settling one.
"""

from __future__ import annotations

import logging
import re
import uuid
from collections.abc import AsyncIterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from correspondence.access.actor import Actor
from correspondence.adapters import queue
from correspondence.adapters.clamd import Verdict
from correspondence.adapters.storage import StorageFailedError
from correspondence.attachment import content as attachment_content
from correspondence.attachment import hooks
from correspondence.attachment import repository as repository
from correspondence.attachment import retention as attachment_retention
from correspondence.attachment.content import (
    ChecksumMismatchError,
    ContentTooLargeError,
    NotCleanError,
    StoredContent,
    Vault,
)
from correspondence.attachment.repository import Attachment
from correspondence.attachment.rules import display_name_problem, file_name_problem
from correspondence.attachment.statuses import AttachmentStatus, DataLocationType
from correspondence.kit import clock
from correspondence.kit.errors import (
    BadUserInput,
    Conflict,
    DomainError,
    InputErrors,
    NotFound,
    PayloadTooLarge,
    ServiceUnavailable,
)
from correspondence.kit.identifiers import organization_urn
from correspondence.registry import repository as registry

logger = logging.getLogger(__name__)
MAX_SENDERS_REFERENCE = 4096
MAX_EXPIRATION_DAYS = 3650
# An upload claimed this long ago and still unfinished belongs to a client or process that is gone.
STALE_UPLOAD = timedelta(hours=6)
EXPIRE_JOB = "expire_attachment"
SCAN_JOB = "scan_attachment"
WAITING_FOR_SCAN = "Waiting for the malware scan: the scanner is unreachable; the upload is scanned once it answers."
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
    if resource is None or actor.organization_number != resource.owner_organization_number:
        # Another organization's resource answers as an unknown one: a sender learns nothing of other agencies.
        errors.add(f"{field}.resourceId", f"The resource {new.resource_id!r} is unknown.")
    errors.raise_if_any()
    assert resource is not None
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
    attachment = await repository.create(
        id=uuid.uuid4(), status=AttachmentStatus.INITIALIZED, **_fields(new, checked, clock.now())
    )
    _schedule_expiry(attachment)
    return attachment


@dataclass(frozen=True, slots=True)
class StoredUpload:
    """A small upload's bytes, stored and checked, waiting for `record_upload` to write its row."""

    attachment_id: uuid.UUID
    new: NewAttachment
    checked: _Checked
    content: dict[str, Any]
    failure: str | None  # why the content was refused (a checksum mismatch, malware): the attachment is FAILED
    scan_pending: bool = False  # the scanner was unreachable: the attachment waits for its scan


async def store_upload(
    actor: Actor, new: NewAttachment, pieces: AsyncIterable[bytes], vault: Vault, limit: int
) -> StoredUpload:
    """Check a small upload and store (encrypt) its bytes: call this before any unit of work opens, so no
    transaction, and on SQLite no write lock, is held while the bytes are written.

    Raises PayloadTooLarge (nothing stored) for content over the limit.
    """
    checked = await _check(actor, new, "input")
    attachment_id = uuid.uuid4()
    try:
        stored = await attachment_content.store(
            vault, attachment_id, pieces, limit=limit, expected_md5=checked.checksum
        )
    except ContentTooLargeError as error:
        raise PayloadTooLarge(str(error)) from None
    except ChecksumMismatchError as error:
        return StoredUpload(attachment_id, new, checked, {}, str(error))
    except NotCleanError as error:
        return StoredUpload(attachment_id, new, checked, {}, _not_clean(error))
    except StorageFailedError as error:
        raise _storage_refusal(error) from None
    return StoredUpload(attachment_id, new, checked, _content_fields(stored), None, stored.scan_pending)


async def record_upload(upload: StoredUpload) -> Attachment:
    """The attachment of stored bytes: PUBLISHED, FAILED on a refusal, or UPLOAD_PROCESSING until its malware
    scan. Runs in the caller's unit of work; a failure there leaves bytes without a row, which nothing can reach."""
    if upload.failure:
        status, text = AttachmentStatus.FAILED, upload.failure
    elif upload.scan_pending:
        status, text = AttachmentStatus.UPLOAD_PROCESSING, WAITING_FOR_SCAN
    else:
        status, text = AttachmentStatus.PUBLISHED, None
    attachment = await repository.create(
        id=upload.attachment_id,
        status=status,
        status_text=text,
        **_fields(upload.new, upload.checked, clock.now()),
        **upload.content,
    )
    if status is AttachmentStatus.PUBLISHED:
        _schedule_expiry(attachment)
    elif status is AttachmentStatus.UPLOAD_PROCESSING:
        _schedule_scan(attachment.id)
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


async def for_sender(actor: Actor, attachment_id: str) -> Attachment | None:
    """The attachment when the caller is a service owner of its sender organization; None for anyone else."""
    return await repository.get_for_sender(actor, attachment_id)


async def claim_upload(actor: Actor, attachment_id: str) -> Attachment:
    """Reserve the attachment for one upload of its content; a second upload is a conflict.

    The claim is a conditional update, so two concurrent uploads cannot both win.
    """
    attachment = await for_sender(actor, attachment_id)
    if attachment is None:
        raise NotFound("The attachment")
    if attachment.data_location_type is DataLocationType.EXTERNAL_STORAGE:
        raise Conflict("The attachment is stored externally; it has no content to upload.")
    status = attachment.status
    processing = {"status": AttachmentStatus.UPLOAD_PROCESSING, "status_text": None, "status_changed": clock.now()}
    if not await repository.change_status(attachment, processing, only_from=(AttachmentStatus.INITIALIZED,)):
        raise Conflict(f"The attachment is {status.value}: its content can be uploaded only once.")
    return attachment


@dataclass(frozen=True, slots=True)
class Settlement:
    """How a streamed upload ends: the attachment's new status, and the refusal to answer the client with."""

    status: AttachmentStatus
    text: str | None
    content: dict[str, Any] | None = None
    refusal: DomainError | None = None


# A client gone or a request cancelled mid-upload: the attachment waits for another try.
INTERRUPTED = Settlement(AttachmentStatus.INITIALIZED, "The upload was interrupted; upload the content again.")
# A body that stopped arriving (the server cut it after CORRESPONDENCE_HTTP_BODY_TIMEOUT_SECONDS): a client that
# stalls is not one to wait for again, and a slow upload must not hold the attachment open.
STALLED = Settlement(AttachmentStatus.FAILED, "The upload stalled: no bytes arrived within the body timeout.")


async def store_content(
    attachment: Attachment,
    pieces: AsyncIterable[bytes],
    vault: Vault,
    *,
    limit: int,
    declared_size: int | None,
) -> Settlement:
    """Store the content of a claimed attachment; touches no database, so the caller holds no unit of work
    during the long upload and records the settlement (`settle`) in a short one afterwards.

    Too large (declared or counted) settles FAILED with PayloadTooLarge, a checksum mismatch FAILED with
    BadUserInput; an interrupted upload raises, and the caller settles `INTERRUPTED`.
    """
    if declared_size is not None and declared_size > limit:
        # An honest client learns before it sends anything; a lying one is caught by the count below.
        too_large = str(ContentTooLargeError(limit))
        return Settlement(AttachmentStatus.FAILED, too_large, refusal=PayloadTooLarge(too_large))
    try:
        stored = await attachment_content.store(
            vault, attachment.id, pieces, limit=limit, expected_md5=attachment.expected_checksum
        )
    except ContentTooLargeError as error:
        return Settlement(AttachmentStatus.FAILED, str(error), refusal=PayloadTooLarge(str(error)))
    except ChecksumMismatchError as error:
        return Settlement(AttachmentStatus.FAILED, str(error), refusal=BadUserInput.single("checksum", str(error)))
    except NotCleanError as error:
        text = _not_clean(error)
        return Settlement(AttachmentStatus.FAILED, text, refusal=BadUserInput.single("content", text))
    except StorageFailedError as error:
        refusal = _storage_refusal(error)
        return Settlement(AttachmentStatus.FAILED, refusal.message, refusal=refusal)
    if stored.scan_pending:
        return Settlement(AttachmentStatus.UPLOAD_PROCESSING, WAITING_FOR_SCAN, _content_fields(stored))
    return Settlement(AttachmentStatus.PUBLISHED, None, _content_fields(stored))


def _not_clean(reason: object, *, deleted: bool = False) -> str:
    return f"Refused by the malware scan: {reason}. The bytes {'are deleted' if deleted else 'were not kept'}."


def _storage_refusal(error: StorageFailedError) -> ServiceUnavailable:
    logger.error("Attachment storage failed an upload: %s", error)
    return ServiceUnavailable(
        "The attachment storage failed while the bytes were stored; nothing was kept. Upload again."
    )


async def settle(attachment: Attachment, settlement: Settlement) -> None:
    """End the upload, and let whatever waits for this attachment move on (runs in the caller's unit of work)."""
    values: dict[str, Any] = {
        "status": settlement.status,
        "status_text": settlement.text,
        "status_changed": clock.now(),
        **(settlement.content or {}),
    }
    if not await repository.change_status(attachment, values, only_from=(AttachmentStatus.UPLOAD_PROCESSING,)):
        return
    if settlement.status is AttachmentStatus.PUBLISHED:
        await hooks.published(attachment.id)
    elif settlement.status is AttachmentStatus.UPLOAD_PROCESSING:
        _schedule_scan(attachment.id)
    elif settlement.status is AttachmentStatus.FAILED:
        await hooks.failed(attachment.id, _why(attachment, settlement.status, settlement.text or "The upload failed."))


def scan_job_id(attachment_id: uuid.UUID) -> str:
    return f"{SCAN_JOB}:{attachment_id}"


def _schedule_scan(attachment_id: uuid.UUID) -> None:
    queue.enqueue_after_commit(SCAN_JOB, str(attachment_id), job_id=scan_job_id(attachment_id))


async def awaiting_scan(attachment_id: uuid.UUID) -> Attachment | None:
    """The attachment when its stored bytes still wait for their malware scan."""
    attachment = await repository.get(attachment_id)
    if attachment is None or attachment.status is not AttachmentStatus.UPLOAD_PROCESSING:
        return None
    return attachment if attachment.has_content else None


async def settle_scan(attachment: Attachment, verdict: Verdict | None) -> None:
    """Publish scanned bytes, or fail them and delete them (`verdict` None: published unscanned, the scanner is no
    longer configured). Runs in the caller's unit of work."""
    if verdict is None or verdict.clean:
        published = {"status": AttachmentStatus.PUBLISHED, "status_text": None, "status_changed": clock.now()}
        if await repository.change_status(attachment, published, only_from=(AttachmentStatus.UPLOAD_PROCESSING,)):
            _schedule_expiry(attachment)
            await hooks.published(attachment.id)
        return
    text = _not_clean(verdict.reason, deleted=True)
    failed = await attachment_retention.retire(
        attachment.id, AttachmentStatus.FAILED, text, only_from=(AttachmentStatus.UPLOAD_PROCESSING,)
    )
    if failed:
        await hooks.failed(attachment.id, _why(attachment, AttachmentStatus.FAILED, text))


async def scans_due() -> list[uuid.UUID]:
    return await repository.awaiting_scan()


def _why(attachment: Attachment, status: AttachmentStatus, reason: str) -> str:
    return f"The attachment {attachment.file_name} is {status.value}: {reason}"


async def expire(attachment_id: uuid.UUID) -> bool:
    """Expire the attachment when its time has come; False when there is nothing to do.

    An upload in progress is left alone: the sweep expires the attachment once the upload has settled.
    Correspondences not yet published that use it fail: their attachment is gone.
    """
    attachment = await repository.get(attachment_id)
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
        await hooks.failed(attachment_id, _why(attachment, AttachmentStatus.EXPIRED, text))
    return expired


async def fail_stale_upload(attachment_id: uuid.UUID) -> bool:
    attachment = await repository.get(attachment_id)
    if attachment is None or attachment.status_changed > clock.now() - STALE_UPLOAD:
        return False
    text = "The upload did not finish."
    failed = await attachment_retention.retire(
        attachment_id, AttachmentStatus.FAILED, text, only_from=(AttachmentStatus.UPLOAD_PROCESSING,)
    )
    if failed:
        await hooks.failed(attachment_id, _why(attachment, AttachmentStatus.FAILED, text))
    return failed


async def due_for_expiry() -> list[uuid.UUID]:
    return await repository.due_for_expiry(clock.now())


async def stale_uploads() -> list[uuid.UUID]:
    return await repository.processing_since(clock.now() - STALE_UPLOAD)
