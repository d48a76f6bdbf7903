"""`PUT /attachments/{id}/content`: the streaming upload of large attachments (design §4)."""

from __future__ import annotations

from typing import Any

from starlette.requests import ClientDisconnect, Request
from starlette.responses import JSONResponse, Response

from correspondence.auth import SCOPE_WRITE, ActorKind
from correspondence.errors import DomainError, Forbidden, PayloadTooLarge
from correspondence.models import Attachment
from correspondence.routes.common import bearer_actor, error_response
from correspondence.services import attachment as attachment_service
from correspondence.services.attachment_content import vault
from correspondence.settings import Settings
from correspondence.unit_of_work import unit_of_work


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
        if actor.kind is not ActorKind.SERVICE_OWNER or not actor.has_scope(SCOPE_WRITE):
            raise Forbidden(f"This needs a service owner token with the scope {SCOPE_WRITE}.")
        async with unit_of_work():
            attachment = await attachment_service.claim_upload(actor, request.path_params["attachment_id"])
        attachment = await attachment_service.receive_content(
            attachment,
            request.stream(),
            vault(settings),
            limit=settings.max_attachment_bytes,
            declared_size=_declared_length(request),
        )
    except DomainError as error:
        extra = {"attachment": attachment_json(attachment)} if attachment is not None else {}
        response = error_response(error, **extra)
        if isinstance(error, PayloadTooLarge):
            response.headers["Connection"] = "close"  # the rest of the body is never read
        return response
    except ClientDisconnect:
        return Response(status_code=400)  # nobody is listening; the attachment is back to INITIALIZED
    return JSONResponse(attachment_json(attachment))


def _declared_length(request: Request) -> int | None:
    try:
        return int(request.headers["content-length"])
    except (KeyError, ValueError):
        return None

