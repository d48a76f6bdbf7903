"""Who may download an attachment of a correspondence (contract §3, §4), and the receipt a recipient's download leaves.

Authorised like the correspondence itself: recipients once it is published, its sender until then; anyone else
gets the same answer as for an id that does not exist.
"""

from __future__ import annotations

from dataclasses import dataclass

from correspondence.access.actor import Actor, ActorKind
from correspondence.access.cache import access_of
from correspondence.attachment.models import Attachment, AttachmentStatus, CorrespondenceAttachment, DataLocationType
from correspondence.correspondence import lifecycle as lifecycle
from correspondence.correspondence import repository as repository
from correspondence.correspondence.models import PURGED, Correspondence, CorrespondenceStatus, CorrespondenceStatusEntry
from correspondence.events import activity
from correspondence.events.models import ActivityType
from correspondence.kit import clock
from correspondence.kit.errors import NotFound


@dataclass(frozen=True, slots=True)
class Grant:
    correspondence: Correspondence
    attachment: Attachment
    as_recipient: bool


def downloadable(attachment: Attachment) -> bool:
    return (
        attachment.status is AttachmentStatus.PUBLISHED
        and attachment.has_content
        and attachment.data_location_type is DataLocationType.ALTINN_CORRESPONDENCE_ATTACHMENT
    )


def sender_may_download(correspondence: Correspondence) -> bool:
    return correspondence.published is None and correspondence.status not in PURGED


async def authorise(actor: Actor, correspondence_id: str, attachment_id: str) -> Grant:
    correspondence: Correspondence | None
    if actor.kind is ActorKind.SERVICE_OWNER:
        correspondence = await repository.get_for_sender(actor, correspondence_id)
        if correspondence is not None and not sender_may_download(correspondence):
            correspondence = None
    else:
        correspondence = await repository.get_for_recipient(await access_of(actor), correspondence_id)
    attachment_uuid = repository.parse_id(attachment_id)
    if correspondence is None or attachment_uuid is None:
        raise NotFound("The attachment")
    link = (
        await CorrespondenceAttachment.filter(correspondence_id=correspondence.id, attachment_id=attachment_uuid)
        .select_related("attachment")
        .first()
    )
    if link is None or not downloadable(link.attachment):
        raise NotFound("The attachment")
    return Grant(correspondence, link.attachment, as_recipient=actor.kind is not ActorKind.SERVICE_OWNER)


async def record_download(actor: Actor, grant: Grant) -> None:
    """A recipient's download adds ATTACHMENTS_DOWNLOADED, once per reader and attachment per debounce window
    (a download manager's many Range requests are one download)."""
    text = f"Downloaded {grant.attachment.file_name} ({grant.attachment.id})"
    recent = await CorrespondenceStatusEntry.filter(
        correspondence_id=grant.correspondence.id,
        status=CorrespondenceStatus.ATTACHMENTS_DOWNLOADED,
        actor=actor.party,
        status_text=text,
        status_changed__gte=clock.now() - lifecycle.FETCH_DEBOUNCE,
    ).exists()
    if recent:
        return
    await lifecycle.append_status(grant.correspondence, CorrespondenceStatus.ATTACHMENTS_DOWNLOADED, actor.party, text)
    await activity.record(grant.correspondence, ActivityType.ATTACHMENTS_DOWNLOADED, actor.party, text)
