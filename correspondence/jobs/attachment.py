"""Attachment jobs: expiry at `expirationInDays`, and the sweep that catches lost expiries and dead uploads."""

from __future__ import annotations

import uuid
from typing import Any

from correspondence.services import attachment as attachment_service
from correspondence.services.attachment_content import vault
from correspondence.settings import Settings
from correspondence.unit_of_work import unit_of_work


async def expire_attachment(ctx: dict[str, Any], attachment_id: str) -> bool:
    """Idempotent: an attachment already expired (or not yet due) is left as it is."""
    settings: Settings = ctx["settings"]
    async with unit_of_work():
        return await attachment_service.expire(uuid.UUID(attachment_id), vault(settings))


async def sweep_attachments(ctx: dict[str, Any]) -> None:
    """Expire what is due (a deferred job may have been lost with Redis) and fail uploads that never finished."""
    settings: Settings = ctx["settings"]
    for attachment_id in await attachment_service.due_for_expiry():
        async with unit_of_work():
            await attachment_service.expire(attachment_id, vault(settings))
    for attachment_id in await attachment_service.stale_uploads():
        async with unit_of_work():
            await attachment_service.fail_stale_upload(attachment_id, vault(settings))


FUNCTIONS: list[Any] = [expire_attachment]
