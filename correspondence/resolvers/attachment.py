"""Resolvers for attachments: thin, the service decides."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import strawberry
from starlette.datastructures import UploadFile
from strawberry.file_uploads import Upload
from strawberry.types import Info

from correspondence import models
from correspondence.auth import ActorKind
from correspondence.errors import BadUserInput
from correspondence.loaders.attachment import AttachmentLoader, CorrespondenceAttachmentIdsLoader
from correspondence.models import Correspondence
from correspondence.models.attachment import DataLocationType as DataLocationTypeValue
from correspondence.schema.attachment import Attachment, AttachmentInput, CorrespondenceAttachment
from correspondence.schema.context import Context
from correspondence.services import attachment as attachment_service
from correspondence.services.attachment_content import vault
from correspondence.services.attachment_download import downloadable, sender_may_download

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


async def upload_attachment(info: Info[Context, Any], input: AttachmentInput, file: Upload) -> Attachment:
    actor = info.context.require_actor()
    # The multipart parser hands over a starlette UploadFile (spooled to disk beyond 1 MiB); a JSON request
    # can only put some other value in the variable.
    if not isinstance(file, UploadFile):
        raise BadUserInput.single("file", "The file must be sent as a part of a multipart request.")
    settings = info.context.settings
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
    loaders = info.context.loaders
    ids = await loaders.get(CorrespondenceAttachmentIdsLoader).load(correspondence.id)
    attachments = [a for a in await loaders.get(AttachmentLoader).load_many(ids) if a is not None]
    actor = info.context.require_actor()
    may_download = actor.kind is not ActorKind.SERVICE_OWNER or sender_may_download(correspondence)
    connection = info.context.connection
    base = str(connection.base_url).rstrip("/") if connection is not None else ""
    signer = info.context.link_signer()

    def link(attachment: models.Attachment) -> str | None:
        if attachment.data_location_type is DataLocationTypeValue.EXTERNAL_STORAGE:
            return attachment.url
        if not may_download or not downloadable(attachment):
            return None
        token = signer.sign(correspondence.id, attachment.id)
        return f"{base}/correspondences/{correspondence.id}/attachments/{attachment.id}?access={token}"

    return [CorrespondenceAttachment.for_download(a, link(a)) for a in attachments]
