"""Attachment bytes over plain HTTP (contract §4): `PUT /attachments/{id}/content` streams a large upload in.

(Downloads go through the correspondence that carries the attachment: `correspondence.correspondence.routes`.)"""

from __future__ import annotations

from typing import Any

from starlette.requests import ClientDisconnect, Request
from starlette.responses import JSONResponse, Response

from correspondence.access.http import bearer_actor, error_response
from correspondence.adapters.http_server import body_stalled
from correspondence.attachment import service as attachment_service
from correspondence.attachment.content import vault
from correspondence.attachment.repository import Attachment
from correspondence.kit.errors import DomainError, PayloadTooLarge
from correspondence.kit.unit_of_work import unit_of_work
from correspondence.settings import Settings


def attachment_json(attachment: Attachment) -> dict[str, Any]:
    return {
        "id": str(attachment.id),
        "status": attachment.status.value,
        "statusText": attachment.status_text,
        "size": attachment.size,
        "checksum": attachment.checksum,
    }


async def upload_content(request: Request) -> Response:
    settings: Settings = request.app.state.settings
    attachment: Attachment | None = None
    try:
        actor = await bearer_actor(request)
        async with unit_of_work():
            attachment = await attachment_service.claim_upload(actor, request.path_params["attachment_id"])
        # The long part holds no unit of work: the bytes are stored between the claim and the settlement.
        settlement = await _store(request, settings, attachment)
        async with unit_of_work():
            await attachment_service.settle(attachment, settlement)
        if settlement.refusal is not None:
            raise settlement.refusal
    except DomainError as error:
        extra = {"attachment": attachment_json(attachment)} if attachment is not None else {}
        response = error_response(error, **extra)
        if isinstance(error, PayloadTooLarge):
            response.headers["Connection"] = "close"  # the rest of the body is never read
        return response
    except ClientDisconnect:
        return Response(status_code=400)  # nobody is listening; the attachment is INITIALIZED again, or FAILED
    return JSONResponse(attachment_json(attachment))


async def _store(request: Request, settings: Settings, attachment: Attachment) -> attachment_service.Settlement:
    try:
        return await attachment_service.store_content(
            attachment,
            request.stream(),
            vault(settings),
            limit=settings.max_attachment_bytes,
            declared_size=_declared_length(request),
        )
    except BaseException:
        ended = attachment_service.STALLED if body_stalled(request.scope) else attachment_service.INTERRUPTED
        async with unit_of_work():
            await attachment_service.settle(attachment, ended)
        raise


def _declared_length(request: Request) -> int | None:
    try:
        return int(request.headers["content-length"])
    except (KeyError, ValueError):
        return None
