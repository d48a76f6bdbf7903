"""Attachments as a correspondence carries them (contract §3, §4): who may download one, the receipt a recipient's
download leaves, and the signed download links of the attachments a caller sees.

Authorised like the correspondence itself: recipients once it is published, its sender until then; anyone else
gets the same answer as for an id that does not exist.
"""

from __future__ import annotations

from dataclasses import dataclass

from correspondence.access.actor import Actor, ActorKind
from correspondence.access.cache import access_of
from correspondence.attachment import repository as attachment_repository
from correspondence.attachment.content import downloadable
from correspondence.attachment.repository import Attachment
from correspondence.correspondence import lifecycle as lifecycle
from correspondence.correspondence import repository as repository
from correspondence.correspondence import timeline
from correspondence.correspondence.repository import Correspondence
from correspondence.correspondence.statuses import PURGED, ActivityType, CorrespondenceStatus
from correspondence.kit import clock
from correspondence.kit.errors import NotFound


@dataclass(frozen=True, slots=True)
class Grant:
    correspondence: Correspondence
    attachment: Attachment
    as_recipient: bool


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
    attachment_uuid = attachment_repository.parse_id(attachment_id)
    if correspondence is None or attachment_uuid is None:
        raise NotFound("The attachment")
    attachment = await attachment_repository.linked(correspondence.id, attachment_uuid)
    if attachment is None or not downloadable(attachment):
        raise NotFound("The attachment")
    return Grant(correspondence, attachment, as_recipient=actor.kind is not ActorKind.SERVICE_OWNER)


async def record_download(actor: Actor, grant: Grant) -> None:
    """A recipient's download adds ATTACHMENTS_DOWNLOADED, once per reader and attachment per debounce window
    (a download manager's many Range requests are one download)."""
    text = f"Downloaded {grant.attachment.file_name} ({grant.attachment.id})"
    since = clock.now() - lifecycle.FETCH_DEBOUNCE
    if await repository.has_receipt(
        grant.correspondence, CorrespondenceStatus.ATTACHMENTS_DOWNLOADED, actor.party, since, text
    ):
        return
    await lifecycle.append_status(grant.correspondence, CorrespondenceStatus.ATTACHMENTS_DOWNLOADED, actor.party, text)
    await timeline.record(grant.correspondence, ActivityType.ATTACHMENTS_DOWNLOADED, actor.party, text)
