"""The attachments a correspondence carries, as the caller sees them: each with a short-lived signed download
link where the caller may download it."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from strawberry.types import Info

from correspondence.access.actor import ActorKind
from correspondence.access.context import Context
from correspondence.access.http import public_base_url
from correspondence.attachment.content import downloadable, vault
from correspondence.attachment.links import LinkSigner
from correspondence.attachment.loaders import CorrespondenceAttachmentsLoader
from correspondence.attachment.repository import Attachment
from correspondence.attachment.statuses import DataLocationType as DataLocationTypeValue
from correspondence.attachment.types import CorrespondenceAttachmentType
from correspondence.correspondence.downloads import sender_may_download
from correspondence.correspondence.repository import Correspondence
from correspondence.kit import clock


async def correspondence_attachments(
    info: Info[Context, Any], correspondence: Correspondence
) -> list[CorrespondenceAttachmentType]:
    """The attachments of a correspondence the caller sees, each with a download link where it may download."""
    return (await page_attachments(info, [correspondence]))[0]


async def page_attachments(
    info: Info[Context, Any], correspondences: Sequence[Correspondence]
) -> list[list[CorrespondenceAttachmentType]]:
    """The attachments of each correspondence, in the same order: one query for any number of them."""
    loader = info.context.loaders.get(CorrespondenceAttachmentsLoader)
    attachment_lists = await loader.load_many([c.id for c in correspondences])
    links = _Links(info)
    return [
        [links.attach(correspondence, attachment) for attachment in attachments]
        for correspondence, attachments in zip(correspondences, attachment_lists, strict=True)
    ]


def _link_signer(context: Context) -> LinkSigner:
    """One per request: every download link of a page carries the same claims and expiry."""
    return LinkSigner(vault(context.settings).keyring, context.require_actor(), clock.now())


class _Links:
    """Download links of one request: one signer, one base URL, one actor for every attachment of a page."""

    def __init__(self, info: Info[Context, Any]) -> None:
        self._is_sender = info.context.require_actor().kind is ActorKind.SERVICE_OWNER
        self._base = public_base_url(info.context.settings, info.context.connection)
        self._signer = info.context.per_request(_link_signer)

    def attach(self, correspondence: Correspondence, attachment: Attachment) -> CorrespondenceAttachmentType:
        return CorrespondenceAttachmentType.from_model(attachment, download_url=self._link(correspondence, attachment))

    def _link(self, correspondence: Correspondence, attachment: Attachment) -> str | None:
        if attachment.data_location_type is DataLocationTypeValue.EXTERNAL_STORAGE:
            return attachment.url
        if self._is_sender and not sender_may_download(correspondence):
            return None
        if not downloadable(attachment):
            return None
        token = self._signer.sign(correspondence.id, attachment.id)
        return f"{self._base}/correspondences/{correspondence.id}/attachments/{attachment.id}?access={token}"
