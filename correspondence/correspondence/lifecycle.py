"""The correspondence lifecycle after sending (contract §3): status history, receipts, publish, due dates, retention.

Functions here never commit: they run inside the caller's unit of work (a GraphQL field or a job).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from uuid import UUID

from correspondence.access.actor import Actor
from correspondence.access.batch import organization_has_confidential_reader
from correspondence.access.grants import AccessScope
from correspondence.adapters import queue
from correspondence.attachment import repository as attachment_repository
from correspondence.attachment import retention as attachment_retention
from correspondence.attachment.statuses import AttachmentStatus
from correspondence.correspondence import notifications as notifications  # registers the notification hooks
from correspondence.correspondence import repository as repository
from correspondence.correspondence import timeline
from correspondence.correspondence.repository import Correspondence, CorrespondenceStatusEntry
from correspondence.correspondence.statuses import LIFECYCLE_RANK, PURGED, ActivityType, CorrespondenceStatus
from correspondence.kit import clock
from correspondence.kit.errors import Conflict, NotFound
from correspondence.kit.identifiers import PartyKind, parse_party
from correspondence.notification import correspondence_orders as notification_correspondence
from correspondence.registry import repository as registry

Status = CorrespondenceStatus

# A reader who opens the same correspondence again within this window adds no new FETCHED entry.
FETCH_DEBOUNCE = timedelta(hours=1)
PUBLISH_JOB = "publish_correspondence"
PUBLISH_DUE_JOB = "publish_due_correspondences"
# Letters published in one transaction: large enough that the per-batch costs vanish, small enough that another
# sender's letter, which the claim takes in turns, waits for at most one batch.
PUBLISH_BATCH = 200
SWEEP_BATCH = 1000


def publish_job_id(correspondence_id: object) -> str:
    return f"publish:{correspondence_id}"


async def append_status(
    correspondence: Correspondence, status: Status, actor: str | None, text: str | None = None
) -> CorrespondenceStatusEntry:
    """Append to the history; the current status follows the highest-ranked lifecycle entry."""
    entry = await repository.add_history_entry(correspondence, status, actor, text, clock.now())
    updates: list[str] = []
    rank = LIFECYCLE_RANK.get(status)
    if rank is not None and rank > LIFECYCLE_RANK[correspondence.status]:
        correspondence.status = status
        updates.append("status")
    if status is Status.READ and not correspondence.is_read:
        correspondence.is_read = True
        updates.append("is_read")
    if status is Status.CONFIRMED and not correspondence.is_confirmed:
        correspondence.is_confirmed = True
        updates.append("is_confirmed")
    await repository.save(correspondence, updates)
    return entry


def schedule_publish(correspondence: Correspondence) -> None:
    queue.enqueue_after_commit(
        PUBLISH_JOB,
        str(correspondence.id),
        job_id=publish_job_id(correspondence.id),
        defer_until=correspondence.publish_at if correspondence.publish_at > clock.now() else None,
    )


def schedule_publishing(correspondences: list[Correspondence]) -> None:
    """After commit, for a send's letters: those due now are published by one batch job (which takes whatever is
    due, in turns across senders, this send's letters among them); one with a later publish time keeps a job of
    its own at that time."""
    now = clock.now()
    due_now = False
    for correspondence in correspondences:
        if correspondence.publish_at > now:
            schedule_publish(correspondence)
        else:
            due_now = True
    if due_now:
        queue.enqueue_after_commit(PUBLISH_DUE_JOB)


# --- Recipient side -------------------------------------------------------------------------------------------


async def open_for_recipient(actor: Actor, access: AccessScope, correspondence_id: str) -> Correspondence | None:
    """A recipient opens a correspondence: it is FETCHED, once per reader per debounce window."""
    correspondence = await repository.get_for_recipient(access, correspondence_id)
    if correspondence is None or await _fetched_lately(correspondence, actor.party):
        return correspondence  # the common case, a reader opening it again: no write, no lock
    # The receipt is written on the locked row, as every recipient change is: a purge that committed meanwhile
    # makes the letter unknown rather than followed by a FETCHED, and two opens by one reader write one receipt.
    locked = await repository.lock_for_recipient(access, correspondence_id)
    if locked is not None and not await _fetched_lately(locked, actor.party):
        await _fetch(locked, actor.party)
    return locked


async def _fetched_lately(correspondence: Correspondence, reader: str | None) -> bool:
    return await repository.has_receipt(correspondence, Status.FETCHED, reader, since=clock.now() - FETCH_DEBOUNCE)


async def _fetch(correspondence: Correspondence, reader: str | None) -> None:
    await append_status(correspondence, Status.FETCHED, reader)
    await timeline.record(correspondence, ActivityType.FETCHED, reader)


async def _recipient_target(access: AccessScope, correspondence_id: str) -> Correspondence:
    correspondence = await repository.lock_for_recipient(access, correspondence_id)
    if correspondence is None:
        raise NotFound("The correspondence")
    return correspondence


async def mark_read(actor: Actor, access: AccessScope, correspondence_id: str) -> Correspondence:
    correspondence = await _recipient_target(access, correspondence_id)
    if correspondence.is_read:
        return correspondence
    if not await repository.has_receipt(correspondence, Status.FETCHED):
        await _fetch(correspondence, actor.party)
    await append_status(correspondence, Status.READ, actor.party)
    await timeline.record(correspondence, ActivityType.READ, actor.party)
    return correspondence


async def confirm(actor: Actor, access: AccessScope, correspondence_id: str) -> Correspondence:
    correspondence = await _recipient_target(access, correspondence_id)
    if not correspondence.is_confirmation_needed:
        raise Conflict("This correspondence needs no confirmation.")
    if correspondence.is_confirmed:
        return correspondence
    if not await repository.has_receipt(correspondence, Status.FETCHED):
        await _fetch(correspondence, actor.party)
    await append_status(correspondence, Status.CONFIRMED, actor.party)
    await timeline.record(correspondence, ActivityType.CONFIRMED, actor.party)
    return correspondence


async def archive(actor: Actor, access: AccessScope, correspondence_id: str) -> Correspondence:
    correspondence = await _recipient_target(access, correspondence_id)
    if not correspondence.is_archived:
        correspondence.is_archived = True
        await repository.save(correspondence, ["is_archived"])
        await append_status(correspondence, Status.ARCHIVED, actor.party)
        await timeline.record(correspondence, ActivityType.ARCHIVED, actor.party)
    return correspondence


async def unarchive(actor: Actor, access: AccessScope, correspondence_id: str) -> Correspondence:
    correspondence = await _recipient_target(access, correspondence_id)
    if correspondence.is_archived:
        correspondence.is_archived = False
        await repository.save(correspondence, ["is_archived"])
        await timeline.record(correspondence, ActivityType.UNARCHIVED, actor.party)
    return correspondence


async def purge_by_recipient(actor: Actor, access: AccessScope, correspondence_id: str) -> Correspondence:
    correspondence = await _recipient_target(access, correspondence_id)
    if correspondence.is_confirmation_needed and not correspondence.is_confirmed:
        raise Conflict("The correspondence must be confirmed before it can be purged.")
    await _purge(correspondence, Status.PURGED_BY_RECIPIENT, ActivityType.PURGED_BY_RECIPIENT, actor.party, None)
    return correspondence


# --- Sender side ----------------------------------------------------------------------------------------------

# Never published, so never seen by the recipient: the sender may take it back (a RESERVED or FAILED letter too).
SENDER_PURGEABLE = (Status.INITIALIZED, Status.READY_FOR_PUBLISH, Status.RESERVED, Status.FAILED)


async def purge_by_sender(actor: Actor, correspondence_id: str) -> Correspondence:
    correspondence = await repository.get_for_sender(actor, correspondence_id)
    if correspondence is None:
        raise NotFound("The correspondence")
    correspondence = await repository.lock(correspondence.id)
    if correspondence.status not in SENDER_PURGEABLE or correspondence.published is not None:
        raise Conflict(f"A sender can purge only before publishing; the correspondence is {correspondence.status}.")
    await _purge(
        correspondence, Status.PURGED_BY_ALTINN, ActivityType.PURGED_BY_ALTINN, actor.party, "Purged by the sender"
    )
    await notification_correspondence.cancel_for(correspondence, "The sender purged the correspondence.")
    return correspondence


async def _purge(
    correspondence: Correspondence, status: Status, event: ActivityType, actor: str | None, text: str | None
) -> None:
    await append_status(correspondence, status, actor, text)
    await delete_content(correspondence)
    await _release_unused_attachments(correspondence.id)  # bytes no other correspondence uses go too
    await timeline.record(correspondence, event, actor, text)


async def _release_unused_attachments(correspondence_id: UUID) -> None:
    """Purge each attachment of a purged correspondence that no other live correspondence uses."""
    for attachment_id in await attachment_repository.attachment_ids_of(correspondence_id):
        if not await repository.any_live_carrying(attachment_id):
            await attachment_retention.retire(
                attachment_id, AttachmentStatus.PURGED, "No correspondence uses the attachment any more."
            )


async def delete_content(correspondence: Correspondence) -> None:
    """Content goes; metadata, history and activities stay (contract §3)."""
    correspondence.message_title = ""
    correspondence.message_summary = None
    correspondence.message_body = ""
    correspondence.body_html = ""
    correspondence.content_purged = True
    await repository.save(
        correspondence, ["message_title", "message_summary", "message_body", "body_html", "content_purged"]
    )


# --- Publishing -----------------------------------------------------------------------------------------------


async def publish(correspondence_id: str) -> Status | None:
    """Publish one correspondence if it is due; idempotent: anything but a due READY_FOR_PUBLISH is left alone."""
    correspondence = await repository.lock_if_any(correspondence_id)
    if correspondence is None or correspondence.status is not Status.READY_FOR_PUBLISH:
        return None
    if correspondence.publish_at > clock.now():
        schedule_publish(correspondence)  # woken early (clock skew, a manual run): wait for the real time
        return None
    return (await _publish_claimed([correspondence]))[correspondence.id]


async def publish_due(limit: int = PUBLISH_BATCH) -> int:
    """Publish up to `limit` due correspondences, claimed in turns across senders, in this one transaction: a
    crash before the commit leaves them all due for the next job or sweep. Returns how many were claimed."""
    claimed = await repository.claim_due_for_publishing(clock.now(), limit)
    if claimed:
        await _publish_claimed(claimed)
    return len(claimed)


async def _publish_claimed(correspondences: list[Correspondence]) -> dict[UUID, Status]:
    """Publish locked, due correspondences as one batch: a check of each against the registers (a few queries
    for all), then set-based writes: one update, one insert of history, one of activities, one events publish."""
    problems = await _publish_time_problems(correspondences)
    for correspondence in correspondences:
        failure = problems.get(correspondence.id)
        if failure is not None:
            await append_status(correspondence, Status.FAILED, None, failure)
            await timeline.record(correspondence, ActivityType.PUBLISH_FAILED, None, failure)
            await notification_correspondence.cancel_for(correspondence, "The correspondence could not be published.")
    publishable = [c for c in correspondences if c.id not in problems]
    if publishable:
        now = clock.now()
        for correspondence in publishable:
            correspondence.status, correspondence.published, correspondence.publish_at = Status.PUBLISHED, now, now
        await repository.mark_published([c.id for c in publishable], now)
        await repository.add_history(
            [
                CorrespondenceStatusEntry(correspondence_id=c.id, status=Status.PUBLISHED, status_changed=now)
                for c in publishable
            ]
        )
        await timeline.record_many(publishable, ActivityType.PUBLISHED, now)
        await notification_correspondence.on_published_many(publishable)  # their orders are due from now
    return {c.id: Status.FAILED if c.id in problems else Status.PUBLISHED for c in correspondences}


NO_CONFIDENTIAL_READER = "Nobody in the recipient organization may read this confidential correspondence."


async def _publish_time_problems(correspondences: list[Correspondence]) -> dict[UUID, str]:
    """Why each correspondence that cannot be published cannot: its recipient is not (or no longer) registered,
    is reserved, or nobody there may read a confidential letter."""
    parties = {c.id: parse_party(c.recipient) for c in correspondences}
    persons = {p.number for p in parties.values() if p.kind is PartyKind.PERSON}
    known_persons = set(await registry.person_names(persons)) if persons else set()
    reserved = await registry.reserved_persons(persons) if persons else set()
    organizations = {p.number for p in parties.values() if p.kind is not PartyKind.PERSON}
    known_organizations = (
        {o.organization_number for o in await registry.organizations(organizations)} if organizations else set()
    )
    problems: dict[UUID, str] = {}
    for correspondence in correspondences:
        party = parties[correspondence.id]
        if party.kind is PartyKind.PERSON:
            if party.number not in known_persons:
                problems[correspondence.id] = "The recipient is not in the national register."
            elif party.number in reserved and not correspondence.ignore_reservation:
                problems[correspondence.id] = "The recipient has reserved themselves against digital communication."
        elif party.number not in known_organizations:
            problems[correspondence.id] = "The recipient organization is not in the register."
        elif correspondence.is_confidential and not await organization_has_confidential_reader(
            party.number, correspondence.resource_id
        ):
            problems[correspondence.id] = (
                "Nobody in the recipient organization may read this confidential correspondence."
            )
    return problems


async def due_for_publishing(limit: int = SWEEP_BATCH) -> list[str]:
    return [str(i) for i in await repository.due_for_publishing(clock.now(), limit)]


# --- Due dates and retention ----------------------------------------------------------------------------------


async def process_due_dates(limit: int = SWEEP_BATCH) -> int:
    """At the due date, record what the recipient never did. Each correspondence is processed once."""
    now = clock.now()
    due = await repository.past_due_unprocessed(now, limit)
    for correspondence in due:
        if not await repository.claim_due_processing(correspondence.id):
            continue  # another worker took it
        if not correspondence.is_read:
            await timeline.record(correspondence, ActivityType.NEVER_READ, None, "Not read by the due date")
        if correspondence.is_confirmation_needed and not correspondence.is_confirmed:
            await timeline.record(correspondence, ActivityType.NEVER_CONFIRMED, None, "Not confirmed by the due date")
    return len(due)


async def purge_expired(limit: int = SWEEP_BATCH) -> int:
    """Purge what passed allowSystemDeleteAfter or its resource's retention: PURGED_BY_ALTINN, content deleted."""
    now = clock.now()
    expired = await repository.past_delete_after(now, limit)
    for resource in await registry.resources_with_retention():
        cutoff: datetime = now - timedelta(days=resource.retention_days or 0)
        expired += await repository.past_retention(resource.resource_id, cutoff, limit)
    purged = 0
    for correspondence in {c.id: c for c in expired}.values():
        locked = await repository.lock(correspondence.id)
        if locked.status in PURGED:
            continue
        await _purge(locked, Status.PURGED_BY_ALTINN, ActivityType.PURGED_BY_ALTINN, None, "Retention period ended")
        purged += 1
    return purged
