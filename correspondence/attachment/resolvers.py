"""Resolvers for attachments: thin, the service decides."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import strawberry
from starlette.datastructures import UploadFile
from strawberry.file_uploads import Upload
from strawberry.types import Info

from correspondence.access.context import Context
from correspondence.attachment import service as attachment_service
from correspondence.attachment.content import vault
from correspondence.attachment.types import AttachmentInput, AttachmentType
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


async def initialize_attachment(info: Info[Context, Any], input: AttachmentInput) -> AttachmentType:
    actor = info.context.require_actor()
    return AttachmentType.from_model(await attachment_service.initialize(actor, _new(input)))


@opens_its_unit_of_work  # so that its bytes can be stored before the transaction opens
async def upload_attachment(info: Info[Context, Any], input: AttachmentInput, file: Upload) -> AttachmentType:
    actor = info.context.require_actor()
    # The multipart parser hands over a starlette UploadFile (spooled to disk beyond 1 MiB); a JSON request
    # can only put some other value in the variable.
    if not isinstance(file, UploadFile):
        raise BadUserInput.single("file", "The file must be sent as a part of a multipart request.")
    settings = info.context.settings
    # The bytes are encrypted and stored first, with no unit of work open (on SQLite, no write lock held for
    # the length of an upload); only recording the attachment takes one.
    stored = await attachment_service.store_upload(
        actor, _new(input), _read(file), vault(settings), settings.max_attachment_bytes
    )
    async with unit_of_work():
        attachment = await attachment_service.record_upload(stored)
    return AttachmentType.from_model(attachment)


async def _read(upload: UploadFile) -> AsyncIterator[bytes]:
    while piece := await upload.read(READ_SIZE):
        yield piece


async def attachment(info: Info[Context, Any], id: strawberry.ID) -> AttachmentType | None:
    found = await attachment_service.for_sender(info.context.require_actor(), id)
    return AttachmentType.from_model(found) if found else None
