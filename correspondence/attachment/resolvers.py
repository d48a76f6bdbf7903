"""Resolvers for attachments: thin, the service decides."""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from typing import Any

import strawberry
from starlette.datastructures import UploadFile
from strawberry.file_uploads import Upload
from strawberry.types import Info

from correspondence.access.actor import ActorKind
from correspondence.access.context import Context
from correspondence.attachment import models
from correspondence.attachment import service as attachment_service
from correspondence.attachment.content import vault
from correspondence.attachment.download import downloadable, sender_may_download
from correspondence.attachment.loaders import CorrespondenceAttachmentsLoader
from correspondence.attachment.models import DataLocationType as DataLocationTypeValue
from correspondence.attachment.types import Attachment, AttachmentInput, CorrespondenceAttachment
from correspondence.correspondence.models import Correspondence
from correspondence.kit.errors import BadUserInput
from correspondence.kit.unit_of_work import opens_its_unit_of_work, unit_of_work

READ_SIZE = 256 * 1024


def _new(input: AttachmentInput) -> attachment_service.NewAttachment:
    return attachment_service.NewAttachment(
        resource_id=input.resource_id,
        file_name=input.file_name,
        display_name=input.display_name,
        senders_reference=input.senders_reference,
        checksum=input.checksum,
        is_encrypted=bool(input.is_encrypted),
        expiration_in_days=input.expiration_in_days,
    )


async def initialize_attachment(info: Info[Context, Any], input: AttachmentInput) -> Attachment:
    actor = info.context.require_actor()
    return Attachment.from_model(await attachment_service.initialize(actor, _new(input)))


@opens_its_unit_of_work  # so that its bytes can be stored before the transaction opens
async def upload_attachment(info: Info[Context, Any], input: AttachmentInput, file: Upload) -> Attachment:
    actor = info.context.require_actor()
    # The multipart parser hands over a starlette UploadFile (spooled to disk beyond 1 MiB); a JSON request
    # can only put some other value in the variable.
    if not isinstance(file, UploadFile):
        raise BadUserInput.single("file", "The file must be sent as a part of a multipart request.")
    settings = info.context.settings
    async with unit_of_work():
        attachment = await attachment_service.upload(
            actor, _new(input), _read(file), vault(settings), settings.max_attachment_bytes
        )
    return Attachment.from_model(attachment)


async def _read(upload: UploadFile) -> AsyncIterator[bytes]:
    while piece := await upload.read(READ_SIZE):
        yield piece


async def attachment(info: Info[Context, Any], id: strawberry.ID) -> Attachment | None:
    found = await attachment_service.for_sender(info.context.require_actor(), id)
    return Attachment.from_model(found) if found else None


async def correspondence_attachments(
    info: Info[Context, Any], correspondence: Correspondence
) -> list[CorrespondenceAttachment]:
    """The attachments of a correspondence the caller sees, each with a download link where it may download."""
    return (await page_attachments(info, [correspondence]))[0]


async def page_attachments(
    info: Info[Context, Any], correspondences: Sequence[Correspondence]
) -> list[list[CorrespondenceAttachment]]:
    """The attachments of each correspondence, in the same order: one query for any number of them."""
    loader = info.context.loaders.get(CorrespondenceAttachmentsLoader)
    attachment_lists = await loader.load_many([c.id for c in correspondences])
    links = _Links(info)
    return [
        [links.attach(correspondence, attachment) for attachment in attachments]
        for correspondence, attachments in zip(correspondences, attachment_lists, strict=True)
    ]


class _Links:
    """Download links of one request: one signer, one base URL, one actor for every attachment of a page."""

    def __init__(self, info: Info[Context, Any]) -> None:
        self._is_sender = info.context.require_actor().kind is ActorKind.SERVICE_OWNER
        connection = info.context.connection
        self._base = str(connection.base_url).rstrip("/") if connection is not None else ""
        self._signer = info.context.link_signer()

    def attach(self, correspondence: Correspondence, attachment: models.Attachment) -> CorrespondenceAttachment:
        return CorrespondenceAttachment.for_download(attachment, self._link(correspondence, attachment))

    def _link(self, correspondence: Correspondence, attachment: models.Attachment) -> str | None:
        if attachment.data_location_type is DataLocationTypeValue.EXTERNAL_STORAGE:
            return attachment.url
        if self._is_sender and not sender_may_download(correspondence):
            return None
        if not downloadable(attachment):
            return None
        token = self._signer.sign(correspondence.id, attachment.id)
        return f"{self._base}/correspondences/{correspondence.id}/attachments/{attachment.id}?access={token}"
