"""Attachments in the correspondence lifecycle (contract §3, §4): which may be sent, linking them to what is sent,
and moving on the correspondences that wait for uploads (READY_FOR_PUBLISH once all are PUBLISHED, FAILED when
one fails). Runs inside the caller's unit of work.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from correspondence.attachment.models import (
    FINAL,
    Attachment,
    AttachmentStatus,
    CorrespondenceAttachment,
    DataLocationType,
)
from correspondence.attachment.rules import display_name_problem, external_url_problem, file_name_problem
from correspondence.correspondence import lifecycle as lifecycle
from correspondence.correspondence.models import Correspondence, CorrespondenceStatus
from correspondence.events import activity
from correspondence.events.models import ActivityType
from correspondence.kit import clock
from correspondence.kit.errors import InputErrors

MAX_ATTACHMENTS = 100
# An attachment about to expire would vanish from a letter just sent: refuse it for new correspondences.
EXPIRY_MARGIN = timedelta(hours=6)
SWEEP_BATCH = 500
_WAITING = (CorrespondenceStatus.INITIALIZED, CorrespondenceStatus.READY_FOR_PUBLISH)


@dataclass(frozen=True, slots=True)
class ExternalAttachment:
    url: str
    file_name: str
    display_name: str | None


@dataclass
class AttachmentPlan:
    existing: list[Attachment] = field(default_factory=list)
    external: list[ExternalAttachment] = field(default_factory=list)

    @property
    def all_published(self) -> bool:
        return all(a.status is AttachmentStatus.PUBLISHED for a in self.existing)


async def plan(
    sender: str, existing_ids: Sequence[str], external: Sequence[ExternalAttachment], errors: InputErrors
) -> AttachmentPlan:
    """Check the attachments of a send; problems go to `errors`, each with its field."""
    if len(existing_ids) + len(external) > MAX_ATTACHMENTS:
        errors.add("input.existingAttachments", f"A correspondence has at most {MAX_ATTACHMENTS} attachments.")
    parsed: list[uuid.UUID | None] = []
    for raw in existing_ids:
        try:
            parsed.append(uuid.UUID(str(raw)))
        except ValueError:
            parsed.append(None)
    # Locked where the database can: an upload settling now waits for this send, so it sees the new links.
    found = {
        a.id: a for a in await Attachment.select_for_update().filter(id__in=[p for p in parsed if p], sender=sender)
    }
    limit = clock.now() + EXPIRY_MARGIN
    result = AttachmentPlan(external=list(external))
    seen: set[uuid.UUID] = set()
    for index, attachment_id in enumerate(parsed):
        path = f"input.existingAttachments[{index}]"
        attachment = found.get(attachment_id) if attachment_id else None
        if attachment is None:
            errors.add(path, "The attachment was not found.")  # another organization's looks just like none
        elif attachment.id in seen:
            errors.add(path, "Each attachment may appear only once.")
        elif attachment.status in FINAL:
            errors.add(path, f"The attachment is {attachment.status.value} and cannot be sent.")
        elif attachment.expires_at is not None and attachment.expires_at <= limit:
            errors.add(path, f"The attachment expires within {EXPIRY_MARGIN.seconds // 3600} hours.")
        else:
            seen.add(attachment.id)
            result.existing.append(attachment)
    for index, link in enumerate(external):
        path = f"input.externalAttachments[{index}]"
        for name, problem in (
            ("url", external_url_problem(link.url)),
            ("fileName", file_name_problem(link.file_name)),
            ("displayName", display_name_problem(link.display_name)),
        ):
            if problem:
                errors.add(f"{path}.{name}", problem)
    return result


async def link(
    correspondences: Sequence[Correspondence],
    attachments: AttachmentPlan,
    *,
    resource_id: str,
    senders_reference: str,
    now: datetime,
) -> None:
    """Attach the planned attachments to every correspondence of a send; external links become attachments once."""
    if (not attachments.existing and not attachments.external) or not correspondences:
        return
    sender = correspondences[0].sender
    externals = [
        Attachment(
            id=uuid.uuid4(),
            resource_id=resource_id,
            sender=sender,
            file_name=e.file_name,
            display_name=e.display_name,
            senders_reference=senders_reference,
            data_location_type=DataLocationType.EXTERNAL_STORAGE,
            url=e.url,
            created=now,
            status=AttachmentStatus.PUBLISHED,
            status_changed=now,
        )
        for e in attachments.external
    ]
    if externals:
        await Attachment.bulk_create(externals)
    ordered = [*attachments.existing, *externals]
    await CorrespondenceAttachment.bulk_create(
        [
            CorrespondenceAttachment(correspondence_id=c.id, attachment_id=a.id, position=position)
            for c in correspondences
            for position, a in enumerate(ordered)
        ],
        batch_size=1000,
    )


async def release_waiting(attachment_id: uuid.UUID) -> int:
    """An attachment was published: each correspondence waiting for nothing else is READY_FOR_PUBLISH."""
    waiting = await Correspondence.filter(
        status=CorrespondenceStatus.INITIALIZED, attachment_links__attachment_id=attachment_id
    ).values_list("id", flat=True)
    return await _release(waiting)


async def _release(candidates: Iterable[object]) -> int:
    ids = {uuid.UUID(str(i)) for i in candidates}
    if not ids:
        return 0
    blocked = await (
        CorrespondenceAttachment.filter(correspondence_id__in=list(ids))
        .exclude(attachment__status=AttachmentStatus.PUBLISHED)
        .values_list("correspondence_id", flat=True)
    )
    released = 0
    for correspondence_id in ids - {uuid.UUID(str(b)) for b in blocked}:
        correspondence = await Correspondence.select_for_update().get(id=correspondence_id)
        if correspondence.status is CorrespondenceStatus.INITIALIZED:
            await lifecycle.append_status(correspondence, CorrespondenceStatus.READY_FOR_PUBLISH, None)
            lifecycle.schedule_publish(correspondence)
            released += 1
    return released


async def fail_waiting(attachment: Attachment, reason: str) -> int:
    """An attachment failed, expired or was purged: the unpublished correspondences that use it fail."""
    ids = await Correspondence.filter(status__in=_WAITING, attachment_links__attachment_id=attachment.id).values_list(
        "id", flat=True
    )
    text = f"The attachment {attachment.file_name} is {attachment.status.value}: {reason}"
    return await _fail(ids, text)


async def _fail(candidates: Iterable[object], text: str) -> int:
    failed = 0
    for raw in {uuid.UUID(str(i)) for i in candidates}:
        correspondence = await Correspondence.select_for_update().get(id=raw)
        if correspondence.status in _WAITING:
            await lifecycle.append_status(correspondence, CorrespondenceStatus.FAILED, None, text)
            await activity.record(correspondence, ActivityType.PUBLISH_FAILED, None, text)
            failed += 1
    return failed


async def settle_waiting(limit: int = SWEEP_BATCH) -> int:
    """The sweep's safety net for races between a send and an upload settling at the same moment."""
    waiting = (
        await Correspondence.filter(status=CorrespondenceStatus.INITIALIZED).limit(limit).values_list("id", flat=True)
    )
    dead = await CorrespondenceAttachment.filter(
        correspondence_id__in=list(waiting), attachment__status__in=FINAL
    ).values_list("correspondence_id", "attachment__file_name")
    for correspondence_id, file_name in dead:
        await _fail([correspondence_id], f"The attachment {file_name} can no longer be sent.")
    dead_ids = {str(c) for c, _ in dead}
    return await _release(i for i in waiting if str(i) not in dead_ids) + len(dead)
