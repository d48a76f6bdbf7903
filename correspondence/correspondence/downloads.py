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
from correspondence.attachment.statuses import DataLocationType
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


async def _downloadable_from(actor: Actor, correspondence_id: str) -> Correspondence | None:
    """The correspondence, if the caller may download its attachments now."""
    if actor.kind is ActorKind.SERVICE_OWNER:
        correspondence = await repository.get_for_sender(actor, correspondence_id)
        return correspondence if correspondence is not None and sender_may_download(correspondence) else None
    return await repository.get_for_recipient(await access_of(actor), correspondence_id)


async def authorise(actor: Actor, correspondence_id: str, attachment_id: str) -> Grant:
    correspondence = await _downloadable_from(actor, correspondence_id)
    attachment_uuid = attachment_repository.parse_id(attachment_id)
    if correspondence is None or attachment_uuid is None:
        raise NotFound("The attachment")
    attachment = await attachment_repository.linked(correspondence.id, attachment_uuid)
    if attachment is None or not downloadable(attachment):
        raise NotFound("The attachment")
    return Grant(correspondence, attachment, as_recipient=actor.kind is not ActorKind.SERVICE_OWNER)


NO_HOSTED_ATTACHMENTS = (
    "The correspondence has no attachments stored in the service to download as a ZIP "
    "(attachments stored elsewhere are linked from the correspondence itself)."
)


@dataclass(frozen=True, slots=True)
class BundleGrant:
    """Every attachment of a correspondence the caller may download at once: those the service holds the bytes
    of, and those stored elsewhere (listed by URL)."""

    correspondence: Correspondence
    hosted: list[Attachment]
    external: list[Attachment]
    as_recipient: bool


async def authorise_bundle(actor: Actor, correspondence_id: str) -> BundleGrant:
    """Refused exactly like an unknown id; a letter without hosted attachments has nothing to zip."""
    correspondence = await _downloadable_from(actor, correspondence_id)
    if correspondence is None:
        raise NotFound("The correspondence")
    (attachments,) = await attachment_repository.of_correspondences([correspondence.id])
    hosted = [a for a in attachments if downloadable(a)]
    if not hosted:
        raise NotFound(message=NO_HOSTED_ATTACHMENTS)
    external = [a for a in attachments if a.data_location_type is DataLocationType.EXTERNAL_STORAGE]
    return BundleGrant(correspondence, hosted, external, as_recipient=actor.kind is not ActorKind.SERVICE_OWNER)


async def record_bundle_download(actor: Actor, grant: BundleGrant) -> None:
    """A recipient's ZIP download adds one ATTACHMENTS_DOWNLOADED naming the files, once per reader per debounce
    window, like a single download."""
    names = ", ".join(a.file_name for a in grant.hosted)
    await _record(actor, grant.correspondence, f"Downloaded all attachments as a ZIP: {names}"[:1024])


async def record_download(actor: Actor, grant: Grant) -> None:
    """A recipient's download adds ATTACHMENTS_DOWNLOADED, once per reader and attachment per debounce window
    (a download manager's many Range requests are one download)."""
    await _record(actor, grant.correspondence, f"Downloaded {grant.attachment.file_name} ({grant.attachment.id})")


async def _record(actor: Actor, correspondence: Correspondence, text: str) -> None:
    since = clock.now() - lifecycle.FETCH_DEBOUNCE
    if await repository.has_receipt(
        correspondence, CorrespondenceStatus.ATTACHMENTS_DOWNLOADED, actor.party, since, text
    ):
        return
    await lifecycle.append_status(correspondence, CorrespondenceStatus.ATTACHMENTS_DOWNLOADED, actor.party, text)
    await timeline.record(correspondence, ActivityType.ATTACHMENTS_DOWNLOADED, actor.party, text)
