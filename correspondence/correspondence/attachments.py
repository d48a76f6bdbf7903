"""Attachments in the correspondence lifecycle (contract §3, §4): which may be sent, linking them to what is sent,
moving on the correspondences that wait for uploads (READY_FOR_PUBLISH once all are PUBLISHED, FAILED when one
fails), and releasing the attachments a purged correspondence leaves unused. Runs inside the caller's unit of work.

The correspondence domain owns this direction: it calls the attachment domain, and reacts to attachments settling
through the hooks it registers below; the attachment domain never imports it.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from correspondence.attachment import hooks as attachment_hooks
from correspondence.attachment import repository as attachment_repository
from correspondence.attachment.repository import Attachment
from correspondence.attachment.rules import display_name_problem, external_url_problem, file_name_problem
from correspondence.attachment.statuses import FINAL, AttachmentStatus, DataLocationType
from correspondence.correspondence import lifecycle as lifecycle
from correspondence.correspondence import repository as repository
from correspondence.correspondence import timeline
from correspondence.correspondence.repository import Correspondence
from correspondence.correspondence.statuses import ActivityType, CorrespondenceStatus
from correspondence.kit import clock
from correspondence.kit.errors import InputErrors
from correspondence.notification import correspondence_orders as notification_correspondence

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
    found = await attachment_repository.lock_for_sending(sender, [p for p in parsed if p])
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
        await attachment_repository.create_many(externals)
    ordered = [a.id for a in [*attachments.existing, *externals]]
    await attachment_repository.link([c.id for c in correspondences], ordered)


@attachment_hooks.on_published
async def release_waiting(attachment_id: uuid.UUID) -> int:
    """An attachment was published: each correspondence waiting for nothing else is READY_FOR_PUBLISH."""
    return await _release(await repository.ids_carrying(attachment_id, (CorrespondenceStatus.INITIALIZED,)))


async def _release(candidates: Iterable[uuid.UUID]) -> int:
    ids = set(candidates)
    if not ids:
        return 0
    blocked = await attachment_repository.correspondences_waiting_for_unpublished(list(ids))
    released = 0
    for correspondence_id in ids - blocked:
        correspondence = await repository.lock(correspondence_id)
        if correspondence.status is CorrespondenceStatus.INITIALIZED:
            await lifecycle.append_status(correspondence, CorrespondenceStatus.READY_FOR_PUBLISH, None)
            lifecycle.schedule_publish(correspondence)
            released += 1
    return released


@attachment_hooks.on_failed
async def fail_waiting(attachment_id: uuid.UUID, why: str) -> int:
    """An attachment failed, expired or was purged: the unpublished correspondences that use it fail."""
    return await _fail(await repository.ids_carrying(attachment_id, _WAITING), why)


async def _fail(candidates: Iterable[uuid.UUID], text: str) -> int:
    failed = 0
    for correspondence_id in set(candidates):
        correspondence = await repository.lock(correspondence_id)
        if correspondence.status in _WAITING:
            await lifecycle.append_status(correspondence, CorrespondenceStatus.FAILED, None, text)
            await timeline.record(correspondence, ActivityType.PUBLISH_FAILED, None, text)
            await notification_correspondence.cancel_for(correspondence, "The correspondence could not be published.")
            failed += 1
    return failed


async def settle_waiting(limit: int = SWEEP_BATCH) -> int:
    """The sweep's safety net for races between a send and an upload settling at the same moment."""
    waiting = await repository.ids_in_status(CorrespondenceStatus.INITIALIZED, limit)
    dead = await attachment_repository.settled_for_good(waiting)
    for correspondence_id, file_name in dead:
        await _fail([correspondence_id], f"The attachment {file_name} can no longer be sent.")
    dead_ids = {c for c, _ in dead}
    return await _release(i for i in waiting if i not in dead_ids) + len(dead)
